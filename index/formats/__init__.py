"""Reading file formats into text: Word (.docx; .doc, .odt, .rtf converted), PDF text layers,
scans and photos by OCR."""
