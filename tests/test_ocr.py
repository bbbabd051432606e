"""OCR: scanned PDFs and phone photos read like their born-digital originals; text PDFs checked for
garbage text layers; clear refusals when OCR is missing or the input is bad.

The OCR tests need Tesseract and its Vietnamese model (apt-get install tesseract-ocr
tesseract-ocr-vie). They skip without them, unless CCHC_REQUIRE_OCR is set (as .ci/run does),
in which case they run and fail: CI must never pass by skipping them.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from fakes import FakeEmbedder
from PIL import Image

from index.config import Config, load_config
from index.errors import FileTooLarge, IngestError, NoTextFound, OcrUnavailable
from index.formats import ocr
from index.formats.pdf import layer_problem
from index.ingest import clear_ocr_cache, read_document, read_text
from index.parse.document import parse_document
from index.pipeline import add_file, index_corpus
from index.store.database import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SERIF = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
MAX_CER = 0.03

needs_ocr = pytest.mark.skipif(
    ocr.missing() is not None and not os.environ.get("CCHC_REQUIRE_OCR"),
    reason=f"OCR not available ({ocr.missing()}); {ocr.INSTALL_HINT}; set CCHC_REQUIRE_OCR=1 to fail instead")


# ---------------------------------------------------------------------------------------------
# Helpers


def _flat(text: str) -> str:
    """Text compared character by character: NFC, one space between words, no blank lines."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one numpy row at a time (insertions via a running minimum)."""
    codes_b = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    row = np.arange(len(b) + 1, dtype=np.int64)
    offsets = np.arange(len(b) + 1, dtype=np.int64)
    for i, char in enumerate(a, start=1):
        substitute = row[:-1] + (codes_b != ord(char))
        best = np.empty_like(row)
        best[0] = i
        best[1:] = np.minimum(row[1:] + 1, substitute)
        row = np.minimum.accumulate(best - offsets) + offsets      # insertions along the row
    return int(row[-1])


def character_error_rate(recognised: str, original: str, label: str) -> float:
    """Edits to turn the original into the recognised text, per original character (printed)."""
    truth, seen = _flat(original), _flat(recognised)
    rate = edit_distance(truth, seen) / max(len(truth), 1)
    print(f"\nCER {label}: {rate:.4f} ({len(truth)} characters in the original)")
    return rate


def _deadlines(text: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    doc = parse_document(text, "x", "x")
    return sorted((m.kind, m.date, m.recurrence, tuple(c.lead_units)) for c in doc.clauses for m in c.dates
                  if m.kind != "reference")


def _header(text: str) -> tuple[str, str, str]:
    doc = parse_document(text, "x", "x")
    return doc.number, doc.issuer, doc.date


# ---------------------------------------------------------------------------------------------
# Scans and photos against their originals

PAIRS = [("ke_hoach_bang_scan.pdf", "ke_hoach_bang.docx"), ("cong_van_anh.jpg", "cong_van.pdf")]


@needs_ocr
@pytest.mark.parametrize(("scan", "original"), PAIRS, ids=[p[0] for p in PAIRS])
def test_scan_reads_like_its_original(scan: str, original: str) -> None:
    result = read_document(FIXTURES / scan)
    truth = read_text(FIXTURES / original)
    assert result.ocr is not None and result.ocr.pages >= 1
    print(f"\n{scan}: {result.ocr.pages} pages, confidence {result.ocr.confidence}, "
          f"{result.ocr.seconds / result.ocr.pages:.2f} s/page")
    assert result.ocr.confidence >= ocr.LOW_CONFIDENCE
    assert character_error_rate(result.text, truth, scan) <= MAX_CER
    assert _header(result.text) == _header(truth)
    assert _deadlines(result.text) == _deadlines(truth)
    assert _deadlines(truth)          # the comparison is not vacuous


@needs_ocr
def test_scan_is_straightened_and_the_seal_dropped() -> None:
    from index.formats import ocr_image, scans

    page = scans.pdf_pages(FIXTURES / "ke_hoach_bang_scan.pdf", "scan.pdf")[0]()
    prepared = ocr_image.prepare(ocr_image.clean(page))
    assert abs(prepared.skew + 1.4) <= 0.3          # the fixture was scanned 1.4° crooked
    assert len(prepared.grids) == 1 and len(prepared.grids[0].cols) == 6
    assert "Nguyễn Văn An" in read_text(FIXTURES / "ke_hoach_bang_scan.pdf")   # under the seal


@needs_ocr
def test_sideways_photo_is_turned_upright() -> None:
    photo = Image.open(FIXTURES / "cong_van_anh.jpg")
    assert photo.width < photo.height                # stored sideways, as a phone does
    assert "Số: 45/UBND-TP" in read_text(FIXTURES / "cong_van_anh.jpg")


# ---------------------------------------------------------------------------------------------
# Text PDFs: the readers compared, and a garbage text layer falls back to OCR

LEFT = ["ỦY BAN NHÂN DÂN", "HUYỆN CAN LỘC", "Số: 45/UBND-TP"]
RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Can Lộc, ngày 20 tháng 02 năm 2027"]
BODY = ["V/v kiểm soát thủ tục hành chính quý I năm 2027", "Kính gửi: Các phòng chuyên môn thuộc UBND huyện.",
        "1. Giao Phòng Tư pháp chủ trì, phối hợp với các cơ quan liên quan tổng hợp kết quả rà soát, báo",
        "cáo UBND huyện trước ngày 15/3/2027.", "2. Phòng Nội vụ kiểm tra công tác cải cách hành chính tại các",
        "xã, thị trấn, báo cáo kết quả trước ngày 30/6/2027.", "Nơi nhận:", "- Như trên;", "- Lưu: VT, TP.",
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Hoa"]


def _font() -> Path:
    return SERIF if SERIF.exists() else DEJAVU     # Times-metric (fonts-liberation2), else DejaVu


def _letter_pdf(decompose: bool = False) -> bytes:
    """A two-column letterhead (each column drawn as a whole, as Word draws a table cell), body."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("VNSerif", str(_font())))
    form = (lambda s: unicodedata.normalize("NFD", s)) if decompose else (lambda s: s)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setFont("VNSerif", 12)
    for x, column in ((150, LEFT), (420, RIGHT)):
        for i, line in enumerate(column):
            pdf.drawCentredString(x, 800 - 16 * i, form(line))
    for i, line in enumerate(BODY):
        pdf.drawString(60, 730 - 18 * i, form(line))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _without_tounicode(data: bytes) -> bytes:
    """The same PDF with its fonts' Unicode maps removed, as some office exporters write them."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            font.pop(NameObject("/ToUnicode"), None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _reader_texts(data: bytes) -> dict[str, str]:
    import pdfplumber
    import pypdf
    import pypdfium2

    texts = {"pypdf": "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)}
    with pdfplumber.open(io.BytesIO(data)) as document:
        texts["pdfplumber"] = "\n".join(p.extract_text() or "" for p in document.pages)
    texts["pypdfium2"] = "\n".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(data))
    return texts


def test_pdf_readers_compared() -> None:
    """Why pypdf (index/pdf.py): same characters as the others, columns kept apart."""
    pytest.importorskip("pdfplumber")
    expected = "\n".join([*LEFT, *RIGHT, *BODY])
    for label, data in (("composed", _letter_pdf()), ("combining marks", _letter_pdf(decompose=True))):
        for reader, text in _reader_texts(data).items():
            text = unicodedata.normalize("NFC", text)
            rate = edit_distance(_flat(expected), _flat(text)) / len(_flat(expected))
            columns_apart = "ỦY BAN NHÂN DÂN CỘNG HÒA" not in _flat(text)
            print(f"\n{label:16} {reader:10} NFC-CER {rate:.3f} letterhead columns apart: {columns_apart}")
            if reader == "pypdf":
                assert columns_apart and "Số: 45/UBND-TP" in [line.strip() for line in text.split("\n")]
    for reader, text in _reader_texts(_without_tounicode(_letter_pdf())).items():
        print(f"\nno ToUnicode      {reader:10} {layer_problem(text)}")
        assert layer_problem(text) is not None


def test_combining_marks_become_nfc(tmp_path: Path) -> None:
    target = tmp_path / "to_hop.pdf"
    target.write_bytes(_letter_pdf(decompose=True))
    text = read_text(target)
    assert unicodedata.is_normalized("NFC", text)
    assert _header(text) == ("45/UBND-TP", "Ủy ban nhân dân huyện Can Lộc", "2027-02-20")


def test_good_text_layers_are_not_garbage() -> None:
    for path in [*sorted((ROOT / "corpus").glob("*.txt")), FIXTURES / "cong_van.pdf", FIXTURES / "dinh_ky.txt"]:
        assert layer_problem(read_text(path)) is None, path.name


@needs_ocr
def test_garbage_text_layer_falls_back_to_ocr(tmp_path: Path) -> None:
    target = tmp_path / "khong_unicode.pdf"
    target.write_bytes(_without_tounicode(_letter_pdf()))
    result = read_document(target)
    assert result.ocr is not None
    assert _header(result.text) == ("45/UBND-TP", "Ủy ban nhân dân huyện Can Lộc", "2027-02-20")
    assert "báo cáo UBND huyện trước ngày 15/3/2027" in result.text


# ---------------------------------------------------------------------------------------------
# Without Tesseract


@pytest.fixture()
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_TESSERACT", "/nonexistent/tesseract")
    clear_ocr_cache()     # results OCR'd by earlier tests would otherwise be served


@pytest.mark.parametrize("name", ["ke_hoach_bang_scan.pdf", "cong_van_anh.jpg"])
def test_scan_without_tesseract_names_the_packages(no_tesseract: None, name: str) -> None:
    with pytest.raises(OcrUnavailable) as caught:
        read_text(FIXTURES / name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert "Tesseract is not installed" in message
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in message


def test_cchc_index_reports_the_packages_without_tesseract(no_tesseract: None, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "quet.pdf").write_bytes((FIXTURES / "ke_hoach_bang_scan.pdf").read_bytes())
    (corpus / "van_ban.txt").write_text((FIXTURES / "dinh_ky.txt").read_text(encoding="utf-8"), encoding="utf-8")
    config = load_config(ROOT / "config.toml").with_dirs(corpus=corpus, data=tmp_path / "data")
    report = index_corpus(config, embedder=FakeEmbedder())
    assert report.added == ["van_ban.txt"]
    [(name, message)] = report.errors
    assert name == "quet.pdf" and "apt-get install tesseract-ocr tesseract-ocr-vie" in message


# ---------------------------------------------------------------------------------------------
# Bad input: a clear error naming the file, and nothing changes


def _blank_photo(target: Path) -> None:
    rng = np.random.default_rng(3)
    paper = np.clip(rng.normal(235, 6, (1200, 900, 3)), 0, 255).astype(np.uint8)
    Image.fromarray(paper).save(target, quality=80)


def _corrupt_jpeg(target: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(buffer, format="JPEG")
    target.write_bytes(buffer.getvalue()[:300] + bytes(range(256)) * 4)


def _long_scan(target: Path, pages: int = 200) -> None:
    page = Image.new("L", (120, 170), 255)
    page.save(target, save_all=True, append_images=[page] * (pages - 1), resolution=20)


@pytest.fixture()
def indexed(tmp_path: Path) -> Config:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dinh_ky.txt").write_bytes((FIXTURES / "dinh_ky.txt").read_bytes())
    config = load_config(ROOT / "config.toml").with_dirs(corpus=corpus, data=tmp_path / "data")
    index_corpus(config, embedder=FakeEmbedder())
    return config


def _refused(config: Config, path: Path, error: type[IngestError], reason: str) -> None:
    store = Store(config.db_path)
    before = (store.sources(), store.clause_ids())
    with pytest.raises(error) as caught:
        add_file(config, path, embedder=FakeEmbedder(), store=store)
    assert caught.value.path == path.name
    assert re.search(reason, caught.value.reason), caught.value.reason
    assert (store.sources(), store.clause_ids()) == before


@needs_ocr
def test_image_without_text(indexed: Config) -> None:
    target = indexed.corpus_dir / "giay_trang.jpg"
    _blank_photo(target)
    _refused(indexed, target, NoTextFound, "no text found in the image by OCR")


def test_corrupt_image(indexed: Config) -> None:
    target = indexed.corpus_dir / "hong.jpg"
    _corrupt_jpeg(target)
    reason = "corrupt or unreadable image" if ocr.missing() is None else "OCR is not available"
    _refused(indexed, target, IngestError, reason)


def test_not_an_image(indexed: Config) -> None:
    target = indexed.corpus_dir / "gia.png"
    target.write_bytes(b"this is not a PNG at all" * 20)
    _refused(indexed, target, IngestError, "corrupt or unreadable image|OCR is not available")


@needs_ocr
def test_200_page_scan_over_the_page_limit(indexed: Config) -> None:
    target = indexed.corpus_dir / "quet_200_trang.pdf"
    _long_scan(target)
    _refused(indexed, target, FileTooLarge, "scan has 200 pages, over the OCR limit of 100 pages")


def test_oversized_scan_refused_before_reading(tmp_path: Path) -> None:
    target = tmp_path / "quet_lon.pdf"
    _long_scan(target)
    with pytest.raises(FileTooLarge, match="quet_lon.pdf: file is"):
        read_text(target, max_bytes=10_000)
