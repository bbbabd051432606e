"""Files that only OCR can read: images (a phone photo, a scanner's JPEG/PNG/TIFF) and PDFs whose
pages are pictures. Limits are checked before any page is decoded, so a 200-page scan or a
decompression bomb costs a header read, not minutes of OCR or gigabytes of memory.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from index.errors import FileTooLarge, IngestError, NoTextFound, ScannedPdf
from index.formats import ocr

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
MAX_PIXELS = 100_000_000        # a 108 MP phone photo is the largest honest image
RENDER_DPI = 300                # what Tesseract reads best; scans are re-rendered at it
MIN_OCR_CHARS = 20              # fewer recognised letters than this is noise, not a dispatch


def _open_image(path: Path, name: str) -> Image.Image:
    """Open (header only) and check the pixel count before anything is decoded."""
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 MP; MAX_PIXELS below is the limit that counts here.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError:
        raise FileTooLarge(name, f"image is over {MAX_PIXELS // 1_000_000} megapixels") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise IngestError(name, "corrupt or unreadable image") from None
    if image.width * image.height > MAX_PIXELS:
        raise FileTooLarge(name, f"image is over {MAX_PIXELS // 1_000_000} megapixels")
    return image


def _frame_loader(path: Path, name: str, index: int) -> Callable[[], Image.Image]:
    def load() -> Image.Image:
        try:
            with Image.open(path) as image:
                frame = ImageSequence.Iterator(image)[index]
                frame.load()    # decode now, inside the try: truncated files fail here
                return frame.copy()
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            raise IngestError(name, "corrupt or unreadable image") from None
    return load


def image_pages(path: Path, name: str) -> list[Callable[[], Image.Image]]:
    """One loader per frame (a TIFF may hold several pages); the first is decoded here so a corrupt
    image is refused before OCR starts."""
    with _open_image(path, name) as image:
        frames = getattr(image, "n_frames", 1)
    _check_pages(frames, name)
    loaders = [_frame_loader(path, name, index) for index in range(frames)]
    loaders[0]()
    return loaders


def _check_pages(count: int, name: str, max_pages: int = 0) -> None:
    limit = max_pages or ocr.MAX_PAGES
    if count > limit:
        raise FileTooLarge(name, f"scan has {count} pages, over the OCR limit of {limit} pages")


def pdf_pages(path: Path, name: str) -> list[Callable[[], Image.Image]]:
    """One loader per PDF page, rendering it at RENDER_DPI (pdfium: any page, not only ones that
    hold a single JPEG, e.g. a text layer that decodes to nonsense)."""
    import pypdfium2  # imported lazily: only scans need it

    try:
        document = pypdfium2.PdfDocument(str(path))
        count = len(document)
    except pypdfium2.PdfiumError:
        raise IngestError(name, "corrupt PDF") from None
    _check_pages(count, name)

    def loader(index: int) -> Callable[[], Image.Image]:
        def load() -> Image.Image:
            page = document[index]
            # Page size in points; an A0 poster at 300 dpi would be 140 MP, so the scale is capped.
            width, height = page.get_size()
            scale = min(RENDER_DPI / 72, (MAX_PIXELS / 4 / max(width * height, 1)) ** 0.5)
            return page.render(scale=scale, grayscale=False).to_pil()
        return load

    return [loader(index) for index in range(count)]


def _checked(result: ocr.OcrResult, name: str, what: str) -> ocr.OcrResult:
    letters = sum(ch.isalpha() for ch in result.text)
    if letters < MIN_OCR_CHARS:
        if what == "pdf":   # worded as before OCR existed: callers match on it
            raise ScannedPdf(name, "scanned PDF: no text layer, and OCR found no text in it")
        raise NoTextFound(name, "no text found in the image by OCR")
    return result


def ocr_image(path: Path, name: str, progress: ocr.Progress | None = None) -> ocr.OcrResult:
    """A photo or scanned image: its text by OCR, or a clear error naming the file."""
    ocr.require(name, "an image can only be read by OCR")
    return _checked(ocr.recognise(image_pages(path, name), name, progress), name, "image")


def ocr_pdf(path: Path, name: str, reason: str, progress: ocr.Progress | None = None) -> ocr.OcrResult:
    """A PDF without a usable text layer (`reason` says why): its text by OCR."""
    ocr.require(name, reason)
    return _checked(ocr.recognise(pdf_pages(path, name), name, progress), name, "pdf")
