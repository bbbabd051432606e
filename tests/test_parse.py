"""Parser and extraction on the real seed dispatches and on genre fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.parse.document import parse_document
from index.pipeline import parse_file
from index.store.models import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed(prefix: str) -> Document:
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    return parse_file(path)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    return {p: seed(p) for p in ("000", "001", "002", "003", "004")}


def shown(doc: Document, kind: str) -> list[tuple[str, list[str], str]]:
    return [(m.date, c.lead_units, c.text) for c in doc.clauses for m in c.dates if m.kind == kind]


def test_004_has_one_deadline_for_communes(seeds: dict[str, Document]) -> None:
    deadlines = shown(seeds["004"], "deadline")
    assert len(deadlines) == 1
    date, units, text = deadlines[0]
    assert date == "2024-08-30"
    assert units[0] == "Ủy ban nhân dân các xã, thị trấn"
    assert "báo cáo kết quả khắc phục" in text and "Phòng Nội vụ" in text
    clause = next(c for c in seeds["004"].clauses if "trước ngày 30/8/2024" in c.text)
    assert "Phòng Nội vụ" in clause.support_units


def test_004_has_one_effective_date_for_the_electronic_register(seeds: dict[str, Document]) -> None:
    effective = shown(seeds["004"], "effective")
    assert [(d, "sổ điện tử" in t) for d, _, t in effective] == [("2024-07-01", True)]


def test_no_cited_document_date_is_a_deadline(seeds: dict[str, Document]) -> None:
    shown_dates = {
        (name, m.date) for name, doc in seeds.items() for c in doc.clauses for m in c.dates
        if m.kind != "reference"
    }
    assert shown_dates == {("004", "2024-08-30"), ("004", "2024-07-01")}
    references = [m for doc in seeds.values() for c in doc.clauses for m in c.dates if m.kind == "reference"]
    assert len(references) >= 25
    assert {"2023-12-25", "2024-03-26", "2024-02-07", "2024-06-25", "2023-01-13"} <= {m.date for m in references}


@pytest.mark.parametrize("heading, count", [("Văn phòng Sở", 8), ("Tổ Công nghệ thông tin", 3)])
def test_000_bullets_inherit_the_unit_of_their_heading(
    seeds: dict[str, Document], heading: str, count: int
) -> None:
    bullets = [c for c in seeds["000"].clauses if c.kind == "bullet" and any(heading in h for h in c.headings)]
    assert len(bullets) == count
    assert all(c.lead_units and c.lead_units[0] == heading for c in bullets)
    propaganda = next(c for c in seeds["000"].clauses if c.text.startswith("Tiếp tục triển khai tuyên truyền"))
    assert propaganda.lead_units[0] == "Văn phòng Sở"


@pytest.mark.parametrize("prefix, name, position, authority", [
    ("000", "Hoàng Văn Quảng", "GIÁM ĐỐC", ""),
    ("003", "Nguyễn Hữu Thắng", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC"),
    ("004", "Trần Bình Thân", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"),
])
def test_signers(seeds: dict[str, Document], prefix: str, name: str, position: str, authority: str) -> None:
    signer = seeds[prefix].signer
    assert signer is not None
    assert (signer.name, signer.position, signer.authority) == (name, position, authority)


def test_004_footnotes_attach_to_the_citing_sentence(seeds: dict[str, Document]) -> None:
    notes = {m: (c, t) for c in seeds["004"].clauses for m, t in c.footnotes.items()}
    assert len(notes) == 8
    clause, text = notes["⁷"]
    assert "tiến độ giải ngân và thu ngân sách thấp⁷" in clause.text
    assert "Thu ngân sách thấp: Sơn Long" in text
    assert notes["⁸"][1] == "Các xã: Sơn Bằng, Sơn Kim 1."
    assert not any(c.text.startswith("¹") for c in seeds["004"].clauses)


def test_headers(seeds: dict[str, Document]) -> None:
    d0, d1, d3, d4 = seeds["000"], seeds["001"], seeds["003"], seeds["004"]
    assert (d0.number, d0.issuer, d0.place, d0.date) == ("/SCT-VP2", "Sở Công Thương", "Hà Tĩnh", "2021-02")
    assert d0.subject == "thực hiện các nhiệm vụ cải cách hành chính năm 2021"
    assert d0.recipients == ["Các phòng chuyên môn, Trung tâm"]
    assert d0.doc_type == "công văn"
    assert d1.subject.startswith("tập trung khắc phục các tồn tại, hạn chế trong thực hiện CCHC năm 2023")
    assert d1.subject.endswith("các nhiệm vụ CCHC năm 2024")
    assert (d1.place, d1.date) == ("Hà Tĩnh", "2024-03")
    assert (d3.number, d3.issuer, d3.place, d3.date) == (
        "/SKHCN-VP", "Sở Khoa học và Công nghệ", "Quảng Trị", "2023-04")
    assert (d4.number, d4.place, d4.date) == ("/UBND-NV", "Hương Sơn", "2024")
    assert d4.issuer == "Ủy ban nhân dân huyện Hương Sơn"
    assert d4.recipients == ["Các phòng chuyên môn thuộc UBND huyện", "Ủy ban nhân dân các xã, thị trấn"]
    assert d4.cc[:2] == ["Như trên", "Sở Nội vụ (để b/c)"]


def test_001_numbered_items_survive_hard_wrapping(seeds: dict[str, Document]) -> None:
    items = [c for c in seeds["001"].clauses if c.kind == "item"]
    assert [c.path for c in items] == [str(n) for n in range(1, 12)]
    nine = items[8]
    assert "Nghị định số 117/2013/NĐ-CP" in nine.text
    assert any(c.number == "117/2013/NĐ-CP" for c in nine.citations)
    closing = seeds["001"].clauses[-1]
    assert closing.text.startswith("Giao Văn phòng Sở đôn đốc") and closing.lead_units == ["Văn phòng Sở"]


def test_002_article_parses_with_numbered_points(seeds: dict[str, Document]) -> None:
    doc = seeds["002"]
    assert doc.doc_type == "bài viết"
    assert doc.title.startswith("TĂNG CƯỜNG CÔNG TÁC CẢI CÁCH HÀNH CHÍNH")
    assert doc.author == "Xuân Thắng"
    points = [c.path for c in doc.clauses if c.kind == "item"]
    assert points == ["Một là", "Hai là", "Ba là", "Bốn là", "Năm là"]
    assert any("cung cấp dịch vụ công trực tuyến toàn trình đối với 32 TTHC" in c.text for c in doc.clauses)


def test_004_bullets_keep_their_heading_chain(seeds: dict[str, Document]) -> None:
    clause = next(c for c in seeds["004"].clauses if "cấp xã tối thiểu phải đạt 50%" in c.text)
    assert clause.kind == "bullet" and clause.path == "2 › ý 2"
    assert clause.headings[0].startswith("2. Tập trung triển khai các nhiệm vụ tại Quyết định số 118/QĐ-UBND")
    item3 = next(c for c in seeds["004"].clauses if c.path == "3")
    assert item3.lead_units == ["Phòng Nội vụ"]


def fixture(name: str) -> Document:
    return parse_file(FIXTURES / name)


def test_text_pdf_dispatch_yields_unit_and_deadline() -> None:
    doc = fixture("cong_van.pdf")
    assert (doc.number, doc.place, doc.date) == ("45/UBND-TP", "Can Lộc", "2027-02-20")
    assert doc.issuer == "Ủy ban nhân dân huyện Can Lộc"
    assert doc.recipients == ["Các phòng chuyên môn thuộc UBND huyện", "UBND các xã, thị trấn"]
    clause = next(c for c in doc.clauses if any(m.kind == "deadline" for m in c.dates))
    assert clause.lead_units[0] == "Phòng Tư pháp"
    assert [m.date for m in clause.dates if m.kind == "deadline"] == ["2027-03-15"]


@pytest.mark.parametrize(("header", "number", "issuer"), [
    (["ỦY BAN NHÂN DÂN", "HUYỆN CẨM XUYÊN"], "215/UBND-NV", "Ủy ban nhân dân huyện Cẩm Xuyên"),
    (["UBND TỈNH HÀ TĨNH", "SỞ NỘI VỤ"], "215/SNV-CCHC", "Sở Nội vụ"),
    (["ỦY BAN NHÂN DÂN", "THỊ XÃ KỲ ANH"], "215/UBND-NV", "Ủy ban nhân dân thị xã Kỳ Anh"),
])
def test_issuer_name_broken_over_two_header_lines(header: list[str], number: str, issuer: str) -> None:
    text = "\n".join([*header, f"Số: {number}", "V/v triển khai nhiệm vụ cải cách hành chính",
                      "Kỳ Anh, ngày 21 tháng 10 năm 2024", "Kính gửi: UBND các xã.",
                      "1. Phòng Nội vụ tham mưu kiểm tra công tác CCHC trước ngày 15/11/2024."])
    assert parse_document(text, "x.txt", "x").issuer == issuer


def test_hard_wrapped_text_keeps_numbers_and_items_whole() -> None:
    doc = fixture("hard_wrapped.txt")
    assert doc.subject.endswith("kết quả giải quyết thủ tục hành chính năm 2027")
    assert [c.path for c in doc.clauses if c.kind == "item"] == ["1", "2", "3"]
    assert any(cit.number == "118/QĐ-UBND" for c in doc.clauses for cit in c.citations)
    three = next(c for c in doc.clauses if c.path == "3")
    assert three.lead_units == ["Phòng Nội vụ"] and three.dates[-1].date == "2027-06-30"


@pytest.mark.parametrize("name", ["cp1258.txt", "tcvn3.txt", "vni.txt"])
def test_legacy_encodings_parse_like_unicode(name: str) -> None:
    doc = fixture(name)
    assert doc.number == "07/UBND-VP"
    assert doc.subject == "đôn đốc báo cáo kết quả cải cách hành chính quý I năm 2027"
    assert [m.date for c in doc.clauses for m in c.dates if m.kind == "deadline"] == ["2027-03-20"]


def test_recurring_and_quarterly_deadlines() -> None:
    doc = fixture("dinh_ky.txt")
    found = {(m.kind, m.date, m.recurrence) for c in doc.clauses for m in c.dates if m.kind != "reference"}
    assert ("recurring", "", "monthly:20") in found
    assert any(kind == "recurring" and rec.startswith("quarterly") for kind, _, rec in found)
    assert ("period", "2027-03-31", "") in found
    assert ("deadline", "2027-05-31", "") in found
    four = next(c for c in doc.clauses if c.path == "4")
    assert four.lead_units == ["Phòng Nội vụ"]
    five = next(c for c in doc.clauses if c.path == "5")
    assert five.lead_units == ["Văn phòng HĐND và UBND huyện"]
    assert five.support_units == ["Phòng Tài chính - Kế hoạch"]


def test_decision_articles_task_table_and_closing_article() -> None:
    doc = fixture("quyet_dinh.md")
    assert (doc.doc_type, doc.number, doc.issuer) == ("quyết định", "3120/QĐ-UBND", "Ủy ban nhân dân tỉnh Hà Tĩnh")
    texts = [c.text for c in doc.clauses]
    assert "QUYẾT ĐỊNH:" not in texts and "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" not in texts
    article3 = next(c for c in doc.clauses if c.path == "Điều 3")
    assert article3.lead_units == ["Văn phòng UBND tỉnh", "các sở", "các ban, ngành cấp tỉnh",
                                   "UBND các huyện, thành phố, thị xã"]
    row2 = next(c for c in doc.clauses if c.path == "II › bảng, TT 2")
    assert [(m.kind, m.date) for m in row2.dates] == [("deadline", "2025-06-30")]
    row1 = next(c for c in doc.clauses if c.path == "II › bảng, TT 1")
    assert row1.support_units == ["Các sở, ban, ngành"]
    plan = next(c for c in doc.clauses if c.path == "I › 1")
    assert plan.headings == ["I. MỤC TIÊU"]   # the plan's sections are not inside Điều 3


def test_notice_of_conclusions_issuer_headings_and_closing() -> None:
    doc = fixture("thong_bao.txt")
    assert (doc.doc_type, doc.number, doc.issuer) == ("thông báo", "87/TB-VP", "Văn phòng HĐND và UBND huyện Thạch Hà")
    assert doc.subject.startswith("Kết luận của đồng chí Chủ tịch UBND huyện")
    assert "Đánh giá chung" not in [c.text for c in doc.clauses]      # a section title, not a task
    assessment = next(c for c in doc.clauses if "98,6%" in c.text)
    assert assessment.headings == ["1. Đánh giá chung"]
    monthly = next(c for c in doc.clauses if c.path == "2 › b")
    assert [(m.kind, m.recurrence) for m in monthly.dates] == [("recurring", "monthly:20")]
    closing = doc.clauses[-1]
    assert closing.kind == "closing" and closing.text.startswith("Văn phòng HĐND và UBND huyện thông báo")


@pytest.mark.parametrize(("caps", "name"), [
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ"),
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
    ("ỦY BAN NHÂN DÂN THỊ XÃ KỲ ANH", "Ủy ban nhân dân thị xã Kỳ Anh"),
    ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH HÀ TĨNH", "Trung tâm Phục vụ hành chính công tỉnh Hà Tĩnh"),
])
def test_issuer_in_capitals_is_written_as_names_are(caps: str, name: str) -> None:
    text = "\n".join([caps, "Số: 12/KH-XYZ", "V/v cải cách hành chính", "Hà Tĩnh, ngày 02 tháng 12 năm 2024",
                      "Kính gửi: Các phòng.", "1. Các phòng rà soát thủ tục hành chính trước ngày 15/12/2024."])
    assert parse_document(text, "x.txt", "x").issuer == name


def test_cable_with_info_panel_and_broken_letterhead() -> None:
    doc = fixture("cong_dien.txt")
    assert (doc.doc_type, doc.number, doc.issuer) == ("công điện", "150/CĐ-TTg", "Thủ tướng Chính phủ")
    assert (doc.place, doc.date) == ("Hà Nội", "2027-03-12")
    assert doc.subject.startswith("VỀ VIỆC ĐẨY NHANH CUNG CẤP DỊCH VỤ CÔNG")
    assert doc.subject.endswith("THỦ TỤC HÀNH CHÍNH")
    # "THỦ TƯỚNG CHÍNH PHỦ điện:" and "Đồng kính gửi:" both address the cable.
    assert doc.recipients == ["Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ",
                              "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                              "Bí thư Tỉnh ủy, Thành ủy các tỉnh, thành phố"]
    signer = doc.signer
    assert signer is not None
    assert (signer.authority, signer.position, signer.name) == ("KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Lê Văn Khoa")
    assert "VPCP: BTCN, các PCN, các Vụ, Cục" in doc.cc
    assert [c.path for c in doc.clauses if c.kind == "item"] == ["1", "2", "3"]
    deadlines = [m.date for c in doc.clauses for m in c.dates if m.kind == "deadline"]
    assert deadlines == ["2027-04-30", "2027-06-15"]
    assert not any("Số hiệu" in c.text or "CỘNG HÒA" in c.text for c in doc.clauses)


def test_notice_of_conclusions_of_the_government_office() -> None:
    doc = fixture("thong_bao_ket_luan.txt")
    assert (doc.doc_type, doc.number, doc.issuer, doc.date) == (
        "thông báo", "88/TB-VPCP", "Văn phòng Chính phủ", "2027-05-04")
    assert doc.subject.startswith("KẾT LUẬN CỦA PHÓ THỦ TƯỚNG") and doc.subject.endswith("ĐẤT ĐAI")
    assert doc.recipients == []
    signer = doc.signer
    assert signer is not None
    assert (signer.authority, signer.position, signer.name) == (
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Đỗ Minh Quang")
    one = next(c for c in doc.clauses if c.path == "1")
    assert [m.date for m in one.dates if m.kind == "deadline"] == ["2027-06-30"]
    assert doc.clauses[0].kind == "preamble" and doc.clauses[-1].kind == "closing"


def test_blank_form_after_the_signature_keeps_the_decision_header() -> None:
    doc = fixture("quyet_dinh_mau_don.txt")
    assert (doc.doc_type, doc.number, doc.issuer, doc.place, doc.date) == (
        "quyết định", "45/QĐ-UBND", "Ủy ban nhân dân xã Hương Đô", "Hương Đô", "2027-06-09")
    assert doc.recipients == []      # the form's own "Kính gửi" is not the decision's
    signer = doc.signer
    assert signer is not None
    assert (signer.authority, signer.position, signer.name) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phan Thị Hạnh")
    assert doc.cc == ["Như Điều 2", "Lưu: VT"]
    texts = [c.text for c in doc.clauses]
    assert "ỦY BAN NHÂN DÂN XÃ HƯƠNG ĐÔ" not in texts and "QUYẾT ĐỊNH:" not in texts
    assert "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH" in texts   # the appendix stays searchable


@pytest.mark.parametrize(("top", "number", "issuer", "date"), [
    # No letterhead on the page: the issuer in capitals, "Số: …" and the date on top.
    (["BỘ NỘI VỤ", "Số: 1234/BNV-CCHC", "ngày 05 tháng 3 năm 2027"], "1234/BNV-CCHC", "Bộ Nội vụ", "2027-03-05"),
    # A site's info panel run into one line above a ministry's letterhead whose name is broken in two.
    (["Số hiệu: 77/BTC-CST Loại văn bản: Công văn Nơi ban hành: Bộ Tài chính Ngày ban hành: 02/3/2027 BỘ TÀI",
      "CHÍNH CỤC THUẾ", "------- CỘNG", "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
      "Số: 77/CT-CS V/v chính sách thuế Hà Nội, ngày 02 tháng 3 năm 2027"], "77/CT-CS", "Cục Thuế", "2027-03-02"),
    (["BAN CHỈ ĐẠO", "CỦA CHÍNH PHỦ VỀ CẢI CÁCH HÀNH CHÍNH", "Số: 15/CV-BCĐ", "Hà", "Nội, ngày 10 tháng 3 năm 2027"],
     "15/CV-BCĐ", "Ban Chỉ đạo của Chính phủ về cải cách hành chính", "2027-03-10"),
])
def test_letters_without_a_regular_letterhead(top: list[str], number: str, issuer: str, date: str) -> None:
    text = "\n".join([*top, "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương Thực hiện "
                      "chỉ đạo của Chính phủ, đề nghị các địa phương:",
                      "1. Rà soát thủ tục hành chính, báo cáo trước ngày 30/4/2027.", "Nơi nhận:", "- Như trên;",
                      "- Lưu: VT.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Trần Văn Nam"])
    doc = parse_document(text, "x.txt", "x")
    assert (doc.doc_type, doc.number, doc.issuer, doc.date) == ("công văn", number, issuer, date)
    assert doc.recipients == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert doc.clauses[0].text.startswith("Thực hiện chỉ đạo của Chính phủ")
    assert doc.signer is not None and doc.signer.name == "Trần Văn Nam"


def test_a_relative_deadline_is_dated_from_the_issue_date() -> None:
    from index.parse.document import parse_document

    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "HUYỆN KỲ ANH", "Số: 41/UBND-NV", "Kỳ Anh, ngày 05 tháng 3 năm 2027",
        "V/v rà soát thủ tục hành chính nội bộ",
        "Kính gửi: Các phòng chuyên môn thuộc UBND huyện.",
        "1. Phòng Nội vụ tổng hợp danh mục thủ tục hành chính nội bộ, báo cáo UBND huyện trong thời hạn "
        "05 ngày làm việc kể từ ngày ban hành văn bản này.",
        "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "CHỦ TỊCH", "Trần Văn Hòa",
    ])
    doc = parse_document(text, "kyanh.txt", "x")
    dates = [m for c in doc.clauses for m in c.dates if m.kind == "deadline"]
    assert doc.date == "2027-03-05"
    assert [m.date for m in dates] == ["2027-03-12"]          # Friday 5 March + 5 working days


def test_plain_text_task_table_rows_are_clauses_with_units_and_periods() -> None:
    # A kế hoạch exported as text: rows as "1 | … | …" lines, group rows, a row cut in two where
    # a cell is empty, a cell broken over two lines, and a prose line with one " | ".
    doc = fixture("ke_hoach_bang_van_ban.txt")
    rows = {c.path: c for c in doc.clauses if c.kind == "table_row"}
    assert list(rows) == [f"II › bảng, TT {n}" for n in ("I.1", "I.2", "II.1", "II.2", "II.3")]

    def due(path: str) -> list[tuple[str, str]]:
        return [(m.kind, m.date or m.recurrence) for m in rows[path].dates]

    first = rows["II › bảng, TT I.1"]
    assert first.lead_units == ["Văn phòng HĐND và UBND huyện"] and first.support_units == ["Phòng Tư pháp"]
    assert first.headings[-1] == "I. HOÀN THIỆN THỂ CHẾ" and due(first.path) == [("period", "2027-06-30")]
    split = rows["II › bảng, TT I.2"]
    assert split.lead_units == ["Phòng Văn hóa và Thông tin"] and split.support_units == []
    assert due(split.path) == [("period", "2027-12-31")]
    wrapped = rows["II › bảng, TT II.1"]
    assert "cấp huyện và kết nối với cơ sở dữ liệu quốc gia | Phòng Nội vụ" in wrapped.text
    assert wrapped.lead_units == ["Phòng Nội vụ"]
    assert wrapped.support_units == ["Các phòng, ban, ngành", "UBND các xã, thị trấn"]
    assert due(wrapped.path) == [("period", "2028-12-31")]
    assert rows["II › bảng, TT II.2"].text.endswith("bảo đảm an toàn thông tin theo cấp độ")
    assert due("II › bảng, TT II.2") == [("period", "2029-12-31")]
    assert due("II › bảng, TT II.3") == [("recurring", "quarterly")]
    prose = next(c for c in doc.clauses if "Trang thông tin điện tử huyện | Chuyên mục" in c.text)
    assert prose.kind == "item" and prose.path == "I › 2"
    assert [m.date for c in doc.clauses if c.path == "III › 1" for m in c.dates] == ["2027-12-15"]


def test_a_short_letters_task_table_keeps_its_header_row() -> None:
    # The table comes within the first lines, where header cells run together are split apart:
    # its rows are not split as letterhead cells.
    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "XÃ THẠCH SƠN", "Số: 12/UBND-VP", "Thạch Sơn, ngày 03 tháng 3 năm 2027",
        "V/v phân công nhiệm vụ chuyển đổi số", "Kính gửi: Các bộ phận chuyên môn thuộc UBND xã.",
        "UBND xã phân công nhiệm vụ như sau:",
        "| TT | Nội dung | Bộ phận chủ trì | Bộ phận phối hợp | Thời gian hoàn thành |", "|---|---|---|---|---|",
        "| 1 | Số hóa hồ sơ hộ tịch | Văn phòng UBND xã | Công chức Văn hóa - Xã hội | Quý III/2027 |",
        "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "CHỦ TỊCH", "Lê Văn Tâm",
    ])
    doc = parse_document(text, "thach_son.txt", "x")
    row = next(c for c in doc.clauses if c.kind == "table_row")
    assert row.path == "Bảng, TT 1" and row.lead_units == ["Văn phòng UBND xã"]
    assert [(m.kind, m.date) for m in row.dates] == [("period", "2027-09-30")]


def _decision(body: list[str]) -> list:
    from index.parse.document import parse_document

    head = ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 77/KH-UBND", "Hà Tĩnh, ngày 02 tháng 3 năm 2027",
            "KẾ HOẠCH", "Triển khai chuyển đổi số năm 2027"]
    tail = ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "CHỦ TỊCH", "Lê Văn An"]
    return parse_document("\n".join(head + body + tail), "kh.txt", "x").clauses


def test_a_task_block_gives_its_lead_and_supporting_units_to_its_time_line() -> None:
    clauses = _decision([
        "II. NHIỆM VỤ", "1. Xây dựng kho dữ liệu dùng chung của tỉnh:",
        "a) Nhiệm vụ: Rà soát, chuẩn hóa dữ liệu các ngành.",
        "b) Cơ quan thực hiện:", "- Đơn vị chủ trì: Sở Khoa học và Công nghệ.",
        "- Đơn vị phối hợp: Các sở, ban, ngành.",
        "c) Thời gian thực hiện: Hoàn thành trong năm 2027.",
    ])
    (due,) = [c for c in clauses if c.dates and c.dates[0].kind in ("deadline", "period")]
    assert due.lead_units == ["Sở Khoa học và Công nghệ"] and due.dates[0].date == "2027-12-31"
    assert due.support_units == ["Các sở, ban, ngành"]


def test_an_articles_unit_carries_to_its_continuation_and_its_listed_tasks() -> None:
    clauses = _decision([
        "Căn cứ Luật Tổ chức chính quyền địa phương;", "QUYẾT ĐỊNH:",
        "Điều 1. Công bố danh mục thủ tục hành chính nội bộ kèm theo Quyết định này.",
        "Điều 2. Sở Công Thương có trách nhiệm xây dựng quy trình nội bộ giải quyết thủ tục hành chính.",
        "Hoàn thành trước ngày 15/3/2027.",
        "Điều 3. Sở Tư pháp có trách nhiệm thực hiện các nhiệm vụ sau:",
        "1. Rà soát văn bản quy phạm pháp luật của tỉnh, báo cáo trước ngày 20/3/2027.",
    ])
    lead = {m.date: c.lead_units for c in clauses for m in c.dates}
    assert lead["2027-03-15"] == ["Sở Công Thương"]
    assert lead["2027-03-20"][0] == "Sở Tư pháp"
