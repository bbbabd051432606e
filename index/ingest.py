"""Read a directive file into clean NFC text, one paragraph per line: .txt/.md, .docx
(index.formats.word), .doc/.odt/.rtf (index.formats.convert), text PDFs (index.formats.pdf), and
scans and photos by OCR (index.formats.scans).

Everything downstream (parser, extractors, search) works on lines, so this module's job is to
undo what file formats do to paragraphs: legacy encodings, PDF hard-wrapping, Word tables, and
the line breaks of a recognised page.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import tempfile
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.errors import EncodingError, FileTooLarge, IngestError, UnsupportedFormat
from index.formats import convert, pdf, scans, word
from index.formats.ocr import OcrResult, Progress
from index.formats.ocr_layout import fix_misreadings
from index.parse.tables import markdown_rows
from index.text.legacy import decode_legacy, repair_mojibake, vietnamese_score
from index.text.normalize import nfc

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
OCR_CACHE_SIZE = 8
_UNDECODABLE = "cannot decode reliably: not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI"


# ---------------------------------------------------------------------------------------------
# Entry point


def check_size(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """The file's size, from the file system; IngestError for a type we do not read, a missing,
    empty or oversized file. Runs before anything is read, so a huge file never reaches memory."""
    path = Path(path)
    name, suffix = path.name, path.suffix.lower()
    if suffix not in _READERS:
        raise UnsupportedFormat(name, f"unsupported file type '{suffix}' "
                                      "(use .txt, .md, .docx, .pdf, .doc, .odt, .rtf or an image: .jpg, .png, .tif)")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError(name, "file not found") from None
    except OSError as exc:
        raise IngestError(name, f"cannot read file ({exc.strerror})") from None
    if size > max_bytes:
        raise FileTooLarge(name, f"file is {size} bytes, over the limit of {max_bytes} bytes")
    if size == 0:
        raise IngestError(name, "empty file")
    return size


@dataclass(frozen=True)
class Ingested:
    """A file's text, and how OCR did when the text was recognised from images (else None)."""

    text: str
    ocr: OcrResult | None = None


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the document's text: NFC, one paragraph per line, hard wraps undone.

    Raises IngestError (or a subclass) naming the file for anything that is not a readable directive.
    """
    return read_document(path, max_bytes).text


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None) -> Ingested:
    """read_text, with the OCR report (mean word confidence, pages, seconds) for scans and photos.
    `progress(pages done, pages)` is called while OCR runs. A file OCR'd before in this process is
    not read again (same bytes): the bot reads an upload for its receipt, then the pipeline does."""
    path = Path(path)
    check_size(path, max_bytes)
    name, reader = path.name, _READERS[path.suffix.lower()]
    key = _content_key(path) if reader in (_read_pdf, _read_image) else None
    cached = _OCR_CACHE.get(key) if key else None
    if cached is not None:
        return cached
    read = reader(path, name, progress)
    ocr = read if isinstance(read, OcrResult) else None
    raw = read if isinstance(read, str) else _ocr_text(read)
    text = nfc(_tidy_lines(raw))
    if not text.strip():
        raise IngestError(name, "empty file")
    result = Ingested(text, ocr)
    if key and ocr is not None:
        _OCR_CACHE.put(key, result)
    return result


def _ocr_text(result: OcrResult) -> str:
    # Recognised lines are cut where the paper's lines end: always rejoined as hard-wrapped text.
    return rejoin_wrapped(fix_misreadings(result.text), hard=True, keep_breaks=True)


class _Cache:
    """A few recent OCR results by content, so one file is never OCR'd twice in a row."""

    def __init__(self, size: int) -> None:
        self.size, self.items, self.lock = size, OrderedDict[str, Ingested](), threading.Lock()

    def get(self, key: str) -> Ingested | None:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
            return self.items.get(key)

    def put(self, key: str, value: Ingested) -> None:
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_OCR_CACHE = _Cache(OCR_CACHE_SIZE)


def clear_ocr_cache() -> None:
    """Forget remembered OCR results (tests that take OCR away; a changed OCR setup)."""
    with _OCR_CACHE.lock:
        _OCR_CACHE.items.clear()


def _content_key(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None      # the reader will report it
    return digest.hexdigest()


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(name, f"cannot read file ({exc.strerror})") from None


def _read_plain(path: Path, name: str, progress: Progress | None = None) -> str:
    text = decode_bytes(_read_bytes(path, name), name)
    return rejoin_wrapped(strip_markup(text))


# ---------------------------------------------------------------------------------------------
# Plain text decoding

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a plain-text file: BOM'd Unicode, UTF-8, else the best Vietnamese legacy encoding."""
    text = _decode_unicode(data, name)
    if text is None:
        text = _decode_legacy(data, name)
    else:
        text = repair_mojibake(text)
    if _mostly_control(text):
        raise IngestError(name, "binary data, not text")
    return nfc(text)


def _decode_unicode(data: bytes, name: str) -> str | None:
    """UTF-8/16/32 when the bytes say so (BOM) or decode strictly; None means "try legacy"."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise IngestError(name, f"invalid {codec.upper()} text after byte-order mark") from None
    if b"\x00" in data:
        # No text encoding but UTF-16/32 puts NUL bytes in a file.
        text = _decode_utf16_without_bom(data)
        if text is None:
            raise IngestError(name, "binary data, not text")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """Notepad-style UTF-16 sometimes loses its BOM: NULs sit in every other byte for ASCII."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    for codec, odd in (("utf-16-le", 1), ("utf-16-be", 0)):
        if data[odd::2].count(0) > 0.3 * half and data[1 - odd::2].count(0) < 0.05 * half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return text if vietnamese_score(text).is_clear() else None
    return None


def _decode_legacy(data: bytes, name: str) -> str:
    text = decode_legacy(data)
    if text is None:
        raise EncodingError(name, _UNDECODABLE)
    return text


def _mostly_control(text: str) -> bool:
    """True when more than 10 % of the characters are control or unassigned code points."""
    if not text:
        return False
    bad = sum(1 for ch in text if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cn", "Co"))
    return bad > 0.1 * len(text)


# ---------------------------------------------------------------------------------------------
# Markup and line tidying

_HTML_TAG_RE = re.compile(r"</?(?:sub|sup|b|i|u|em|strong|span|font)\b[^>]*>", re.IGNORECASE)
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
_ITALIC_RE = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")


def strip_markup(text: str) -> str:
    """Drop the HTML/Markdown emphasis that web exports leave in text; keep '#' and '- ' markers,
    which carry structure the parser needs."""
    text = _BR_RE.sub("\n", text)
    text = _HTML_TAG_RE.sub("", text)
    text = _BOLD_RE.sub(r"\1", text)
    return _ITALIC_RE.sub(r"\1", text)


def _tidy_lines(text: str) -> str:
    """One space between words, no trailing blanks, at most one blank line in a row."""
    text = re.sub(r"\r\n?|[\f\v\u2028\u2029\x85]", "\n", text)
    out: list[str] = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


# ---------------------------------------------------------------------------------------------
# Rejoining hard-wrapped lines

_PARA_START_RE = re.compile(
    r"""^(?:
        [-+•–*](?!\d)                                # bullet (not "-2025", a number cut by a wrap)
      | \d{1,2}(?:\.\d{1,2})*[.)]\s | \d{1,2}(?:\.\d{1,2})+\s   # 2.  1.1  3)
      | [a-zđ]\)\s | \(\d{1,2}\)\s | \([a-zđ]\)\s     # a)  (1)  (a)
      | [IVXL]{1,5}\.\s                             # I.  IV.
      | (?:Phần|Chương|Mục|Điều)\s+[\dIVXL]+(?:\.|\s*[:–-]|\s*$)   # "Điều 5." but not "Điều 5 của"
      | (?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là\s*,
      | [¹²³⁴⁵⁶⁷⁸⁹⁰]
      | Nơi\s+nhận | Kính\s+gửi | Số\s*: | V/v\b
      | \#{1,6}\s | \|
    )""",
    re.VERBOSE,
)
# The place-and-date line of a dispatch header: "Hà Tĩnh, ngày 05 tháng 3 năm 2024".
_PLACE_DATE_RE = re.compile(r"[^\W\d_][^\d,.;:]{1,30},\s*ngày\s+(?:\S{1,10}\s+)?tháng\b")
_TERMINAL = ".;:!?"
_CLOSERS = ")]\"'”’»*"
_HYPHEN_BREAK_RE = re.compile(r"[\w]-$")


def _is_all_caps(line: str) -> bool:
    """A heading or signer line: two or more words, every letter a capital."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 5 and len(line.split()) >= 2 and all(c.isupper() for c in letters)


def _starts_paragraph(line: str) -> bool:
    if _PARA_START_RE.match(line) or _is_all_caps(line):
        return True
    return line[0].isupper() and bool(_PLACE_DATE_RE.match(line))


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _starts_lower(line: str) -> bool:
    """Lower-case letter or a plain digit: both continue a sentence cut by a wrap."""
    return line[0].islower() or line[0] in "0123456789"


def _continues(prev: str, line: str, hard: bool) -> bool:
    """Does `line` continue the paragraph that `prev` ends?"""
    if _starts_paragraph(line) or prev.startswith("|"):   # nothing continues a table row
        return False
    if _HYPHEN_BREAK_RE.search(prev) and (line[0].isupper() or line[0].isdigit()):
        return True      # a number split after its dash: "117/2013/NĐ-" + "CP"
    if not hard:
        return not _ends_sentence(prev) and _starts_lower(line)
    if _is_all_caps(prev):
        return False
    return not (_ends_sentence(prev) and not _starts_lower(line))


def _join(prev: str, line: str) -> str:
    if _HYPHEN_BREAK_RE.search(prev) and (line[0].isupper() or line[0].isdigit()):
        return prev + line
    return f"{prev} {line}"


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """A document is hard-wrapped when many line ends cut a sentence in two.

    Counted across blank lines, because some PDF exports put a blank line after every wrapped line.
    """
    content = [line for line in lines if line]
    cuts = sum(
        1 for prev, nxt in zip(content, content[1:], strict=False)
        if not _starts_paragraph(nxt) and not _ends_sentence(prev)
        and (_starts_lower(nxt) or bool(_HYPHEN_BREAK_RE.search(prev)))
    )
    return cuts >= 3 and cuts >= 0.3 * (len(content) - 1)


def rejoin_wrapped(text: str, hard: bool | None = None, keep_breaks: bool = False) -> str:
    """Join lines that a fixed-width export broke inside paragraphs; keep real paragraph lines.

    Normal documents only lose breaks that obviously cut a sentence (no final punctuation and the
    next line starts in lower case); hard-wrapped ones are joined across blank lines as well.
    Plain-text table rows ("1 | Nội dung | Sở Xây dựng | 2026") become Markdown rows. `hard`
    forces the mode; `keep_breaks` keeps blank lines as paragraph ends even in hard mode (OCR
    knows where a paragraph ends from the page's geometry).
    """
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in re.split(r"\r\n?|\n", text)]
    # Judged on the lines as written, so rewriting tables leaves the prose joined as before.
    hard = _looks_hard_wrapped(lines) if hard is None else hard
    # Table rows first, while blank lines still tell a row boundary from a line broken in a cell;
    # as Markdown rows they are never joined to the text around them.
    lines = markdown_rows(lines)
    out: list[str] = []
    for line in lines:
        if not line:
            if (not hard or keep_breaks) and out and out[-1]:
                out.append("")       # keep the paragraph spacing of well-formed files
            continue
        if out and out[-1] and _continues(out[-1], line, hard):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
    return "\n".join(out).strip()


# ---------------------------------------------------------------------------------------------
# The other formats (each in its own module) and OCR's text

def _read_docx(path: Path, name: str, progress: Progress | None = None) -> str:
    return word.read_docx(path, name)


def _read_converted(path: Path, name: str, progress: Progress | None = None) -> str:
    with tempfile.TemporaryDirectory(prefix="cchc-convert-") as workdir:
        return word.read_docx(convert.to_docx(path, name, Path(workdir)), name)


def _read_pdf(path: Path, name: str, progress: Progress | None = None) -> str | OcrResult:
    text = pdf.text_layer(path, name)
    problem = pdf.layer_problem(text)
    if problem is None:
        return rejoin_wrapped(text)
    return scans.ocr_pdf(path, name, problem, progress)


def _read_image(path: Path, name: str, progress: Progress | None = None) -> OcrResult:
    return scans.ocr_image(path, name, progress)


Reader = Callable[[Path, str, "Progress | None"], "str | OcrResult"]
_READERS: dict[str, Reader] = {
    ".txt": _read_plain,
    ".md": _read_plain,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    **dict.fromkeys(convert.SUFFIXES, _read_converted),
    **dict.fromkeys(scans.IMAGE_SUFFIXES, _read_image),
}
