"""Text PDFs: the text layer, read with pypdf, and a check that it is text at all.

pypdf was kept over pdfplumber and pypdfium2 (tests/test_ocr.py compares them on generated
Vietnamese PDFs): all three give the same characters (NFD when the PDF draws combining marks,
which ingest's NFC undoes). pdfplumber merges a two-column letterhead's lines ("ỦY BAN NHÂN DÂN
CỘNG HÒA XÃ HỘI…", which breaks the issuer); pypdfium2 does too when the columns are drawn line by
line, while pypdf follows drawing order, which keeps Word's letterhead table cells apart. A text
layer whose fonts lack a Unicode map decodes to nonsense in all three; `layer_problem` spots it so
the page is read by OCR instead.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import IngestError
from index.text.legacy import vietnamese_score

if TYPE_CHECKING:
    from pypdf import PdfReader

MIN_PDF_TEXT_CHARS = 20
# Share of word tokens that are well-formed Vietnamese syllables: 0.92-0.99 on every dispatch in
# the corpus and fixtures, 0.15 on a text layer without ToUnicode. Halfway is a safe line.
MIN_SYLLABLE_SHARE = 0.6
MIN_TOKENS_TO_JUDGE = 20
NO_TEXT_LAYER = "scanned PDF: no text layer"
GARBAGE_LAYER = "the PDF's text layer does not decode to text (fonts without a Unicode map)"


def layer_problem(text: str) -> str | None:
    """Why a text layer cannot be used (then OCR reads the pages), or None when it is text."""
    if len("".join(text.split())) < MIN_PDF_TEXT_CHARS:
        return NO_TEXT_LAYER
    odd = sum(1 for ch in text if ch not in "\t\n\r " and unicodedata.category(ch) in ("Cc", "Co", "Cn"))
    if odd > 0.05 * len(text):
        return GARBAGE_LAYER
    score = vietnamese_score(text)
    if score.tokens >= MIN_TOKENS_TO_JUDGE and score.syllables < MIN_SYLLABLE_SHARE * score.tokens:
        return GARBAGE_LAYER
    return None


def text_layer(path: Path, name: str) -> str:
    """The PDF's text layer, pages joined by newlines, as pypdf extracts it (not yet rejoined)."""
    import pypdf  # imported lazily: only needed for PDFs

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not _decrypt_empty(reader):
            raise IngestError(name, "encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except Exception:  # pypdf raises many unrelated types (PdfReadError, KeyError, ...) on damage
        raise IngestError(name, "corrupt PDF") from None
    return "\n".join(pages)


def _decrypt_empty(reader: PdfReader) -> bool:
    """Many official PDFs are 'encrypted' only to block editing: they open with an empty password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # pypdf.errors.DependencyError for AES without `cryptography`, among others
        return False
