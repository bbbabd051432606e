"""Ingestion: encodings, hard-wrap rejoining, Word tables, PDFs and the errors users see."""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from index.errors import EncodingError, FileTooLarge, IngestError, ScannedPdf, UnsupportedFormat
from index.ingest import decode_bytes, read_text, rejoin_wrapped
from index.text.legacy import encode_cp1258, encode_tcvn3, encode_vni
from index.text.normalize import nfc

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_000 = CORPUS / "000_4b8db33023f7f3aa.txt"
SEED_001 = CORPUS / "001_a7581e4cd8db5b9e.txt"
SEED_002 = CORPUS / "002_33a96adf4c909f56.txt"
SEED_003 = CORPUS / "003_d12cf8bce0565f01.txt"
SEED_004 = CORPUS / "004_c66a1e2327b84e98.txt"


def _lines(path: Path) -> list[str]:
    return [line for line in read_text(path).split("\n") if line]


# ---------------------------------------------------------------------------------------------
# Seed 001: hard-wrapped with a blank line after every wrapped line


@pytest.fixture(scope="module")
def seed_001() -> list[str]:
    return _lines(SEED_001)


def test_001_header_lines(seed_001: list[str]) -> None:
    assert seed_001[:3] == [
        "V/v tập trung khắc phục các tồn tại, hạn chế trong thực hiện CCHC năm 2023 và tăng cường "
        "thực hiện các nhiệm vụ CCHC năm 2024",
        "Hà Tĩnh, ngày tháng 3 năm 2024",
        "Kính gửi: Các phòng, đơn vị thuộc Sở.",
    ]
    assert seed_001[3].startswith("Thực hiện Quyết định số 3433/QĐ-UBND ngày 25/12/2023 của UBND tỉnh về")
    assert seed_001[3].endswith("nghiêm túc triển khai thực hiện các nội dung sau:")


def test_001_numbered_items_each_one_line(seed_001: list[str]) -> None:
    starts = {n: [line for line in seed_001 if line.startswith(f"{n}. ")] for n in range(1, 12)}
    assert all(len(found) == 1 for found in starts.values()), starts
    order = [seed_001.index(starts[n][0]) for n in range(1, 12)]
    assert order == sorted(order)
    assert starts[3][0] == (
        "3. Quán triệt đến cán bộ, công chức, viên chức, người lao động thuộc phạm vi quản lý thực hiện "
        "nghiêm kỷ cương hành chính, tập trung giải quyết, xử lý các công việc, đặc biệt là những công "
        "việc tồn đọng, chậm tiến độ, những công việc và thủ tục trực tiếp liên quan đến sản xuất, kinh "
        "doanh, đầu tư của doanh nghiệp và nhân dân."
    )
    assert starts[4][0] == (
        "4. Tăng cường công tác kiểm tra, giám sát việc giải quyết TTHC gắn với thực hiện cơ chế một cửa, "
        "một cửa liên thông và ý kiến chỉ đạo điều hành của UBND tỉnh và của Lãnh đạo Sở."
    )
    assert starts[1][0].endswith("ngay từ đầu năm đảm bảo chất lượng, tiến độ theo quy định.")
    assert "Đồng thời tập trung khắc phục các tồn tại, hạn chế công tác CCHC năm 2023" in starts[1][0]
    assert starts[6][0].endswith("thủ tục và tiến độ thời gian theo quy định.")
    assert "hệ thống hóa văn bản QPPL. Thực hiện có hiệu quả" in starts[6][0]
    assert starts[11][0].endswith("Thực hiện điện tử hóa các quy trình đã xây dựng.")


def test_001_broken_numbers_rejoined_without_space(seed_001: list[str]) -> None:
    text = "\n".join(seed_001)
    assert "Nghị định số 117/2013/NĐ-CP; cơ chế tự chủ" in text
    assert "Kế hoạch số 48/KH-TCTTKĐA06 ngày 07/02/2024" in text
    assert "Nghị quyết số 151/NQ-HĐND ngày 08/12/2023" in text
    assert "quốc phòng - an ninh" in text      # a spaced dash is a dash, not a broken number
    assert "  " not in text


def test_001_uppercase_paragraph_after_full_stop(seed_001: list[str]) -> None:
    follows_1 = seed_001[seed_001.index(next(x for x in seed_001 if x.startswith("1. "))) + 1]
    assert follows_1.startswith("Đẩy mạnh CCHC gắn với đổi mới sáng tạo, chuyển đổi số")
    assert follows_1.endswith("tham mưu triển khai nhiệm vụ CCHC.")


def test_001_closing_lines(seed_001: list[str]) -> None:
    assert seed_001[-5:] == [
        "Giao Văn phòng Sở đôn đốc các phòng, đơn vị trực thuộc kịp thời triển khai các nội dung nêu "
        "trên; định kỳ tổng hợp, tham mưu báo cáo kết quả thực hiện theo quy định./.",
        "Nơi nhận:",
        "- Như trên;",
        "- Lãnh đạo Sở;",
        "- Lưu: VT, VP4.",
    ]


# ---------------------------------------------------------------------------------------------
# Well-formed seeds keep their structure


def test_000_keeps_bullets_headings_and_strips_markup() -> None:
    lines = _lines(SEED_000)
    raw = SEED_000.read_text(encoding="utf-8")
    assert sum(line.startswith("- ") for line in lines) == raw.count("\n- ")
    assert "#### 1. Văn phòng Sở" in lines
    assert "## 2. Tổ Công nghệ thông tin" in lines
    assert lines[:3] == [
        "Số: /SCT-VP2",
        "Hà Tĩnh, ngày tháng 02 năm 2021",
        "V/v thực hiện các nhiệm vụ cải cách hành chính năm 2021",
    ]
    assert lines[-6:] == ["Nơi nhận:", "- Như trên;", "- Sở Nội vụ;", "- Lưu: VT, VP2.", "GIÁM ĐỐC",
                          "Hoàng Văn Quảng"]
    text = "\n".join(lines)
    assert "(hscv.hatinh.gov.vn)" in text and "*" not in text and "<sub>" not in text


def test_004_keeps_footnotes_and_bullets() -> None:
    lines = _lines(SEED_004)
    footnotes = [line for line in lines if line[0] in "¹²³⁴⁵⁶⁷⁸"]
    assert len(footnotes) == 8
    assert footnotes[0] == "¹ Các xã: Sơn Lĩnh, Sơn Châu."
    assert footnotes[-1] == "⁸ Các xã: Sơn Bằng, Sơn Kim 1."
    assert sum(line.startswith("- ") for line in lines) == 20
    assert "V/v tập trung khắc phục tồn tại, hạn chế trong thực hiện CCHC 06 tháng đầu năm 2024" in lines
    assert lines[-3:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Bình Thân"]
    assert any(line.startswith("1. Ủy ban nhân dân các xã") and line.endswith("trước ngày 30/8/2024.")
               for line in lines)


def test_002_unchanged() -> None:
    raw = [nfc(line.strip()) for line in SEED_002.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert _lines(SEED_002) == raw


def test_003_only_subject_and_signer_markup_change() -> None:
    lines = _lines(SEED_003)
    assert "V/v đơn đốc thực hiện nhiệm vụ cải cách hành chính năm 2023" in lines
    assert lines[-3:] == ["KT.GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Hữu Thắng"]
    assert [line for line in lines if line.startswith(("1.", "2.", "3.", "4.", "5."))] == [
        "1. Tăng cường công tác chỉ đạo, điều hành triển khai thực hiện các nhiệm vụ CCHC.",
        "2. Nâng cao chất lượng, hiệu quả giải quyết thủ tục hành chính.",
        "3. Tham mưu việc sắp xếp, tổ chức lại, kiện toàn chức năng, nhiệm vụ và cơ cấu tổ chức của Sở "
        "và đơn vị sự nghiệp công lập đảm bảo các tiêu chí về thành lập tổ chức theo quy định của Chính phủ.",
        "4. Tiếp tục đẩy nhanh tiến độ giải ngân vốn đầu tư công do cơ quan, đơn vị làm chủ đầu tư.",
        "5. Đẩy mạnh thực hiện chữ ký số, triển khai thực hiện nghiêm túc việc xử lý hồ sơ trên môi "
        "trường điện tử và lập hồ sơ công việc theo đúng quy định",
    ]
    assert sum(line.startswith("- ") for line in lines) == 11


# ---------------------------------------------------------------------------------------------
# rejoin_wrapped on small inputs


def test_rejoin_normal_document_joins_only_clear_cuts() -> None:
    text = "Kính gửi: Các phòng.\nThực hiện chỉ đạo của UBND tỉnh về việc\ntriển khai kế hoạch.\n\nNăm 2027"
    assert rejoin_wrapped(text) == (
        "Kính gửi: Các phòng.\nThực hiện chỉ đạo của UBND tỉnh về việc triển khai kế hoạch.\n\nNăm 2027"
    )


def test_rejoin_hyphen_rule() -> None:
    lines = ["Thực hiện Quyết định số 118/QĐ-", "UBND ngày 10/01/2027 của huyện về việc", "triển khai",
             "giai đoạn 2021-", "2025 và kinh tế -", "xã hội của huyện và", "các xã theo", "quy định."]
    assert rejoin_wrapped("\n".join(lines)) == (
        "Thực hiện Quyết định số 118/QĐ-UBND ngày 10/01/2027 của huyện về việc triển khai giai đoạn "
        "2021-2025 và kinh tế - xã hội của huyện và các xã theo quy định."
    )


def test_hard_wrapped_fixture() -> None:
    lines = _lines(FIXTURES / "hard_wrapped.txt")
    assert lines[:6] == [
        "ỦY BAN NHÂN DÂN HUYỆN HƯƠNG KHÊ",
        "Số: 52/UBND-NV",
        "V/v đẩy mạnh thực hiện dịch vụ công trực tuyến và số hóa hồ sơ, kết quả giải quyết thủ tục "
        "hành chính năm 2027",
        "Hương Khê, ngày 10 tháng 02 năm 2027",
        "Kính gửi: Ủy ban nhân dân các xã, thị trấn.",
        "Thực hiện Kế hoạch CCHC huyện năm 2027 kèm theo Quyết định số 118/QĐ-UBND ngày 10/01/2027 "
        "của UBND huyện, để nâng cao tỷ lệ hồ sơ trực tuyến toàn trình, Chủ tịch UBND huyện yêu cầu "
        "Chủ tịch UBND các xã, thị trấn thực hiện tốt các nội dung sau:",
    ]
    assert lines[8] == (
        "3. Giao Phòng Nội vụ chủ trì, phối hợp với Văn phòng HĐND và UBND huyện theo dõi, đôn đốc, "
        "tổng hợp kết quả thực hiện của các xã, thị trấn, báo cáo Chủ tịch UBND huyện trước ngày 30/6/2027."
    )
    assert lines[9:] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, NV.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                         "Lê Văn Bình"]


def test_dinh_ky_fixture_reads_as_is() -> None:
    text = read_text(FIXTURES / "dinh_ky.txt")
    for phrase in ("định kỳ hằng tháng, trước ngày 20", "hằng quý trước ngày 15 của tháng cuối quý",
                   "trong quý I/2027", "chậm nhất ngày 31/5/2027",
                   "Quyết định số 1234/QĐ-UBND ngày 12/11/2026 của UBND tỉnh",
                   "Giao Văn phòng HĐND và UBND huyện chủ trì, phối hợp với Phòng Tài chính - Kế hoạch"):
        assert phrase in text


# ---------------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize("name", ["cp1258.txt", "tcvn3.txt", "vni.txt"])
def test_legacy_fixtures_decode(name: str) -> None:
    expected = read_text(FIXTURES / "legacy_expected.txt")
    assert "Giao Phòng Nội vụ chủ trì, phối hợp với Văn phòng HĐND và UBND huyện" in expected
    assert read_text(FIXTURES / name) == expected


Encoder = Callable[[str], bytes]
Maker = Callable[[Path], object]


def _seed_paragraphs(encoder: Encoder) -> str:
    """Seed 001 paragraphs the encoding can represent (TCVN3 has no capital toned letters)."""
    kept = []
    for line in read_text(SEED_001).split("\n"):
        try:
            encoder(line)
        except ValueError:
            continue
        kept.append(line)
    return "\n".join(kept)


@pytest.mark.parametrize("encoder", [encode_tcvn3, encode_vni, encode_cp1258])
def test_seed_round_trip(encoder: Encoder, tmp_path: Path) -> None:
    original = _seed_paragraphs(encoder)
    assert original.count("\n") >= 10
    target = tmp_path / "legacy.txt"
    target.write_bytes(encoder(original))
    assert read_text(target) == nfc(original)


def test_unicode_variants(tmp_path: Path) -> None:
    expected = read_text(FIXTURES / "legacy_expected.txt")
    source = (FIXTURES / "legacy_expected.txt").read_text(encoding="utf-8")
    for codec, data in (("bom8", b"\xef\xbb\xbf" + source.encode()), ("utf16", source.encode("utf-16")),
                        ("utf16le", source.encode("utf-16-le"))):
        target = tmp_path / f"{codec}.txt"
        target.write_bytes(data)
        assert read_text(target) == expected, codec


def test_cp1258_combining_marks_become_nfc() -> None:
    sentence = "Thực hiện kế hoạch của huyện"
    assert decode_bytes(encode_cp1258(sentence), "x.txt") == sentence
    assert b"\xf2" in encode_cp1258("ự")     # the dot below really is a separate combining byte


def test_tcvn3_text_inside_utf8_is_repaired() -> None:
    mojibake = encode_tcvn3("báo cáo kết quả thực hiện của các xã").decode("cp1252")
    assert decode_bytes(mojibake.encode("utf-8"), "x.txt") == "báo cáo kết quả thực hiện của các xã"


def test_utf8_with_a_damaged_byte_is_still_utf8() -> None:
    data = "Kính gửi các phòng, ban thực hiện báo cáo của huyện".encode() + b"\xff" + " trước ngày 20.".encode()
    assert decode_bytes(data, "x.txt") == "Kính gửi các phòng, ban thực hiện báo cáo của huyện\ufffd trước ngày 20."


def test_undecodable_legacy_text(tmp_path: Path) -> None:
    target = tmp_path / "german.txt"
    target.write_bytes("Die Straße führt über die Brücke nach Köln und weiter.".encode("cp1252"))
    with pytest.raises(EncodingError, match="german.txt: cannot decode reliably"):
        read_text(target)


# ---------------------------------------------------------------------------------------------
# Word and PDF


def test_docx_table_rows_in_order() -> None:
    lines = _lines(FIXTURES / "ke_hoach_bang.docx")
    header = lines.index("| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |")
    assert lines[header + 1] == "|---|---|---|---|---|"
    assert lines[header + 2] == ("| 1 | Xây dựng kế hoạch tuyên truyền CCHC năm 2027 | Phòng Văn hóa và "
                                 "Thông tin | Phòng Nội vụ | Trước ngày 28/02/2027 |")
    rows = lines[header + 2: header + 7]
    assert [row.split(" | ")[-1] for row in rows] == [
        "Trước ngày 28/02/2027 |", "Quý II/2027 |", "Tháng 6/2027 |", "Định kỳ hằng tháng, trước ngày 20 |",
        "Hằng quý |"]
    intro = lines[:header]
    assert intro[:3] == ["ỦY BAN NHÂN DÂN HUYỆN CAN LỘC", "Số: 25/KH-UBND",
                         "Can Lộc, ngày 15 tháng 01 năm 2027"]
    assert "V/v triển khai nhiệm vụ cải cách hành chính năm 2027" in intro
    assert intro[-1] == "II. NHIỆM VỤ CỤ THỂ"
    assert lines[header + 7] == "III. TỔ CHỨC THỰC HIỆN"
    assert lines[-3:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]


def test_docx_cell_newlines_and_pipes(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Kế hoạch kiểm tra")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "TT", "Nội dung"
    table.rows[1].cells[0].text = "1"
    table.rows[1].cells[1].text = "Kiểm tra A|B\nvà báo cáo"
    target = tmp_path / "bang.docx"
    document.save(str(target))
    assert read_text(target).split("\n")[-3:] == [
        "| TT | Nội dung |", "|---|---|", "| 1 | Kiểm tra A/B và báo cáo |"]


def test_pdf_text_rejoined() -> None:
    lines = _lines(FIXTURES / "cong_van.pdf")
    assert ("2. Giao Phòng Tư pháp chủ trì, phối hợp với các cơ quan liên quan tổng hợp kết quả rà soát, "
            "báo cáo UBND huyện trước ngày 15/3/2027.") in lines
    assert "V/v triển khai công tác kiểm soát thủ tục hành chính quý I năm 2027" in lines


def test_scanned_pdf() -> None:
    with pytest.raises(ScannedPdf, match="scanned.pdf: scanned PDF: no text layer"):
        read_text(FIXTURES / "scanned.pdf")


def test_pdf_with_empty_user_password_opens(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(FIXTURES / "cong_van.pdf")))
    writer.encrypt(user_password="", owner_password="owner")
    target = tmp_path / "protected.pdf"
    writer.write(str(target))
    assert "trước ngày 15/3/2027" in read_text(target)


# ---------------------------------------------------------------------------------------------
# Bad input: every error names the file


@functools.cache
def _zip_bomb_bytes(megabytes: int) -> bytes:
    """A .docx-shaped zip whose document part inflates to `megabytes` MB of zeros."""
    chunk = bytes(1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):     # streamed in chunks: the zeros never sit in memory
                member.write(chunk)
    return buffer.getvalue()


def _zip_bomb(target: Path) -> None:
    target.write_bytes(_zip_bomb_bytes(200))


def _dense_zip(target: Path) -> None:
    """Under the 100 MB total, but one member inflates more than 100 times."""
    target.write_bytes(_zip_bomb_bytes(20))


def _encrypted_pdf(target: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(FIXTURES / "cong_van.pdf")))
    writer.encrypt("secret")
    writer.write(str(target))


def _write(data: bytes) -> Maker:
    return lambda target: target.write_bytes(data)


BAD_INPUTS = [
    ("trong.txt", _write(b""), IngestError, "empty file"),
    ("khoang_trang.md", _write(b"  \n\r\n\t \n"), IngestError, "empty file"),
    ("rac.txt", _write(bytes(range(256)) * 8), IngestError, "binary data, not text"),
    ("dieu_khien.txt", _write(bytes(range(1, 9)) * 300), IngestError, "binary data, not text"),
    ("bang.xyz", _write(b"hello"), UnsupportedFormat,
     "unsupported file type '.xyz' (use .txt, .md, .docx, .pdf, .doc, .odt, .rtf or an image: .jpg, .png, .tif)"),
    ("hong.docx", _write(bytes(range(7, 250)) * 10), IngestError, "corrupt or unreadable .docx"),
    ("ma_hoa.docx", _write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)), IngestError,
     "encrypted or legacy .doc file, save it as .docx"),
    ("bom.docx", _zip_bomb, IngestError, "docx looks like a zip bomb"),
    ("nen_qua_muc.docx", _dense_zip, IngestError, "docx looks like a zip bomb"),
    ("mat_khau.pdf", _encrypted_pdf, IngestError, "encrypted PDF"),
    ("hong.pdf", _write(b"%PDF-1.4\n" + bytes(range(32, 127)) * 20), IngestError, "corrupt PDF"),
]


@pytest.mark.parametrize(("name", "make", "error", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input(name: str, make: Maker, error: type[IngestError], reason: str, tmp_path: Path) -> None:
    target = tmp_path / name
    make(target)
    with pytest.raises(error) as caught:
        read_text(target)
    assert name in str(caught.value)
    assert caught.value.path == name
    assert caught.value.reason == reason


def test_file_too_large(tmp_path: Path) -> None:
    target = tmp_path / "lon.txt"
    target.write_text("Kính gửi: Các phòng, ban.\n" * 100, encoding="utf-8")
    with pytest.raises(FileTooLarge) as caught:
        read_text(target, max_bytes=1000)
    assert "lon.txt" in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="khong_co.txt: file not found"):
        read_text(tmp_path / "khong_co.txt")


def test_zip_bomb_fixture_is_small(tmp_path: Path) -> None:
    target = tmp_path / "bom.docx"
    _zip_bomb(target)
    assert target.stat().st_size < 2 * 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        assert sum(m.file_size for m in archive.infolist()) > 200 * 1000 * 1000


# ---------------------------------------------------------------------------------------------
# Plain-text tables (" | " between cells, no leading pipe) become Markdown rows


def test_plain_text_table_rows_become_markdown_rows() -> None:
    text = "\n".join([
        "Các nhiệm vụ cụ thể như sau:", "",
        "TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian", "",
        "1 | Rà soát quy chế một cửa | Văn phòng | Phòng Tư pháp | Quý II/2027", "",
        "2 | Ban hành danh mục dữ liệu | Phòng Nội vụ", "",          # the "phối hợp" cell is empty
        "Năm 2027", "",
        "3 | Xây dựng cơ sở dữ liệu", "và kết nối liên thông | Phòng Nội vụ | Các xã | Tháng",  # a wrapped cell
        "12/2027",
        "Đề nghị các cơ quan thực hiện nghiêm túc.",
    ])
    assert [line for line in rejoin_wrapped(text).split("\n") if line] == [
        "Các nhiệm vụ cụ thể như sau:",
        "| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |", "|---|---|---|---|---|",
        "| 1 | Rà soát quy chế một cửa | Văn phòng | Phòng Tư pháp | Quý II/2027 |",
        "| 2 | Ban hành danh mục dữ liệu | Phòng Nội vụ |  | Năm 2027 |",
        "| 3 | Xây dựng cơ sở dữ liệu và kết nối liên thông | Phòng Nội vụ | Các xã | Tháng 12/2027 |",
        "Đề nghị các cơ quan thực hiện nghiêm túc.",
    ]


def test_prose_with_one_pipe_and_markdown_tables_are_left_alone() -> None:
    prose = "Văn bản đăng tại Trang thông tin điện tử | Chuyên mục Cải cách hành chính của huyện\nvà các xã."
    assert rejoin_wrapped(prose) == prose.replace("\n", " ")
    markdown = "| TT | Nội dung |\n|---|---|\n| 1 | Kiểm tra |"
    assert rejoin_wrapped(markdown) == markdown
    # A group title without cells inside a table is a row of it.
    assert rejoin_wrapped("TT | Nội dung | Chủ trì\nI. CẢI CÁCH THỂ CHẾ\n1 | Rà soát | Phòng Tư pháp") == (
        "| TT | Nội dung | Chủ trì |\n|---|---|---|\n| I. CẢI CÁCH THỂ CHẾ |  |\n| 1 | Rà soát | Phòng Tư pháp |")
    # Rows with as many cells make a table without a header row.
    assert rejoin_wrapped("1 | Xã Thạch Hà | 95%\n2 | Xã Thạch Sơn | 90%") == (
        "| 1 | Xã Thạch Hà | 95% |\n| 2 | Xã Thạch Sơn | 90% |")
