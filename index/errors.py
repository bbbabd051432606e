"""Domain exceptions. They become user-facing messages only at the edges (CLI, bot handlers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.store.models import Document


class CchcError(Exception):
    """Base class for every error this project raises on purpose."""


class ConfigError(CchcError):
    """config.toml is missing, malformed, or names something that does not exist."""


class IngestError(CchcError):
    """A file cannot be read as a directive. The message names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(IngestError):
    """The extension is not one we read (.txt, .md, .docx, .pdf)."""


class EncodingError(IngestError):
    """The bytes cannot be decoded reliably into Vietnamese text."""


class ScannedPdf(IngestError):
    """A PDF without a text layer."""


class FileTooLarge(IngestError):
    """The file exceeds the configured size limit."""


class ParseError(CchcError):
    """Text was read but does not look like a directive at all."""


class DocumentNotFound(CchcError):
    """No stored document matches the given id, file name or number."""


class DuplicateDocument(CchcError):
    """A file's content is already indexed (under this or another file name)."""

    def __init__(self, existing: Document) -> None:
        super().__init__(f"same content as {existing.source}, already indexed")
        self.existing = existing


class IndexMismatch(CchcError):
    """The vector index was built with another embedding model; re-index."""


class IndexNotBuilt(CchcError):
    """The data directory has no index yet; run `cchc index`."""


class EmbedderUnavailable(CchcError):
    """The configured embedding backend or model cannot be loaded."""


class OcrUnavailable(ScannedPdf):
    """A scan (a PDF without a text layer, or an image) needs OCR, and Tesseract or its
    Vietnamese model is not installed. A ScannedPdf, so callers that refused scans still do."""


class NoTextFound(IngestError):
    """OCR ran on an image and recognised no text."""


class ConverterUnavailable(IngestError):
    """A .doc/.odt/.rtf needs LibreOffice to be read, and it is not installed."""
