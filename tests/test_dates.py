"""Date extraction: formats, classification, recurrence, and a sweep over the seed dispatches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.extract.dates import extract_dates, next_occurrence, parse_doc_date, resolve_relative
from index.store.models import DATE_KINDS, DateMention

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

CLAUSE_004_1 = (
    "1. Ủy ban nhân dân các xã, thị trấn tập trung khắc phục triệt để các tồn tại, hạn chế trong "
    "thực hiện CCHC do Đoàn kiểm tra đã chỉ ra (tại Biên bản kiểm tra và Báo cáo số 02/BC-ĐKT ngày "
    "25/6/2024); báo cáo kết quả khắc phục về Ủy ban nhân dân huyện (*qua Phòng Nội vụ*) trước ngày "
    "30/8/2024."
)


def _kinds(text: str, year: int | None = None) -> list[tuple[str, str]]:
    return [(m.kind, m.date) for m in extract_dates(text, year)]


def _seed_texts() -> list[tuple[str, str]]:
    """(file, text) for every line of the seeds; seed 001 is hard-wrapped, so it is one joined text."""
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if path.name.startswith("001_"):
            out.append((path.name, " ".join(text.splitlines())))
        else:
            out.extend((path.name, line) for line in text.splitlines())
    return out


def test_seed_sweep_only_two_non_reference_mentions() -> None:
    found = []
    for name, text in _seed_texts():
        for m in extract_dates(text, 2024):
            assert m.kind in DATE_KINDS
            if m.kind != "reference":
                found.append((name[:3], m.kind, m.date, m.text))
    assert found == [
        ("004", "deadline", "2024-08-30", "trước ngày 30/8/2024"),
        ("004", "effective", "2024-07-01", "Kể từ ngày 01/7/2024"),
    ]


def test_seed_sweep_cited_documents_are_references() -> None:
    refs = {m.date for _, text in _seed_texts() for m in extract_dates(text) if m.kind == "reference"}
    for cited in ("2023-12-25", "2024-03-26", "2024-02-07", "2024-01-11", "2023-01-17", "2023-04-19",
                  "2023-10-16", "2021-07-22", "2021-11-22", "2021-01-27", "2023-03-30", "2022-10-26",
                  "2024-06-25", "2024-01-10", "2023-06-10"):
        assert cited in refs


def test_seed_004_clause_1_one_deadline_one_reference() -> None:
    mentions = extract_dates(CLAUSE_004_1, 2024)
    assert mentions == [
        DateMention("reference", "2024-06-25", "số 02/BC-ĐKT ngày 25/6/2024"),
        DateMention("deadline", "2024-08-30", "trước ngày 30/8/2024"),
    ]


def test_seed_004_effective() -> None:
    text = "Kể từ ngày 01/7/2024, yêu cầu các xã, thị trấn phải mở sổ điện tử theo dõi văn bản"
    assert extract_dates(text) == [DateMention("effective", "2024-07-01", "Kể từ ngày 01/7/2024")]


@pytest.mark.parametrize(("written", "iso"), [
    ("30/08/2024", "2024-08-30"), ("3/8/2024", "2024-08-03"), ("30-08-2024", "2024-08-30"),
    ("30.08.2024", "2024-08-30"), ("ngày 15 tháng 3 năm 2027", "2027-03-15"),
    ("ngày 01/7/2024", "2024-07-01"), ("ngày 29/02/2024", "2024-02-29"),
])
def test_date_formats(written: str, iso: str) -> None:
    assert _kinds(f"nộp báo cáo trước {written}") == [("deadline", iso)]


@pytest.mark.parametrize("text", ["trước ngày 31/2/2024", "trước ngày 29/02/2023", "trước ngày 12/13/2024",
                                  "trước ngày 15 tháng 13 năm 2024"])
def test_invalid_calendar_dates_are_dropped(text: str) -> None:
    assert extract_dates(text) == []


@pytest.mark.parametrize(("text", "iso"), [
    ("Quyết định số 3433/QĐ-UBND ngày 25/12/2023", "2023-12-25"),
    ("Văn bản số 1593/UBND-NC1 ngày 26/3/2024", "2024-03-26"),
    ("Kế hoạch số 48/KH-\nTCTTKĐA06 ngày 07/02/2024", "2024-02-07"),
    ("Báo cáo số 02/BC-ĐKT ngày 25/6/2024", "2024-06-25"),
    ("Nghị định số 33/2023/NĐ-CP ngày 10/6/2023", "2023-06-10"),
    ("Kết luận số 29-KL/TU ngày 22/7/2021", "2021-07-22"),
    ("(*Kế hoạch số 05/KH-SKHCN ngày 13/01/2023*)", "2023-01-13"),
    ("Các kế hoạch: số 03/KH-SCT ngày 11/01/2024; số 05/KH-SCT ngày 17/01/2023", "2024-01-11"),
    ("Hà Tĩnh, ngày 05 tháng 3 năm 2024", "2024-03-05"),
    ("Hà Tĩnh, ngày tháng 3 năm 2024", "2024-03"),
    ("Hương Sơn, ngày tháng năm 2024", "2024"),
    ("tính đến ngày 30/6/2024, đã tiếp nhận 120 hồ sơ", "2024-06-30"),
])
def test_references(text: str, iso: str) -> None:
    mentions = extract_dates(text)
    assert mentions and all(m.kind == "reference" for m in mentions)
    assert mentions[0].date == iso


def test_two_cited_dispatches_in_one_phrase() -> None:
    text = "theo Công điện số 280/CĐ-TTg ngày 19/4/2023 và 968/CĐ-TTg ngày 16/10/2023 của Thủ tướng"
    assert _kinds(text) == [("reference", "2023-04-19"), ("reference", "2023-10-16")]


def test_reference_then_deadline_in_one_sentence() -> None:
    text = "Rà soát theo Quyết định số 3433/QĐ-UBND ngày 25/12/2023, hoàn thành trước ngày 15/9/2024."
    assert _kinds(text) == [("reference", "2023-12-25"), ("deadline", "2024-09-15")]


@pytest.mark.parametrize(("text", "iso", "quote"), [
    ("báo cáo trước ngày 30/8/2024.", "2024-08-30", "trước ngày 30/8/2024"),
    ("Hoàn thành chậm nhất ngày 15/9/2024", "2024-09-15", "chậm nhất ngày 15/9/2024"),
    ("Trước ngày 28/02/2027", "2027-02-28", "Trước ngày 28/02/2027"),
    ("Hạn chót: 01/10/2024", "2024-10-01", "Hạn chót: 01/10/2024"),
    ("thực hiện đến hết ngày 31/12/2024", "2024-12-31", "đến hết ngày 31/12/2024"),
    ("gửi về Sở trước 17h00 ngày 05/11/2024", "2024-11-05", "trước 17h00 ngày 05/11/2024"),
    ("Thời hạn gửi báo cáo về Sở Nội vụ: ngày 15/12/2024.", "2024-12-15",
     "Thời hạn gửi báo cáo về Sở Nội vụ: ngày 15/12/2024"),
])
def test_deadlines(text: str, iso: str, quote: str) -> None:
    assert extract_dates(text) == [DateMention("deadline", iso, quote)]


@pytest.mark.parametrize(("text", "iso"), [
    ("Kể từ ngày 01/7/2024, các xã phải mở sổ", "2024-07-01"),
    ("áp dụng từ ngày 01/01/2025", "2025-01-01"),
    ("Quyết định có hiệu lực từ ngày 15 tháng 3 năm 2027.", "2027-03-15"),
    ("bắt đầu từ 01/01/2025", "2025-01-01"),
])
def test_effective(text: str, iso: str) -> None:
    assert _kinds(text) == [("effective", iso)]


@pytest.mark.parametrize(("text", "iso"), [
    ("hoàn thành trong quý I/2027", "2027-03-31"),
    ("hoàn thành trong quý II năm 2027", "2027-06-30"),
    ("xong trong quý 3/2027", "2027-09-30"),
    ("Thời gian hoàn thành: quý IV/2027", "2027-12-31"),
    ("Quý II/2027", "2027-06-30"),
    ("Tháng 6/2027", "2027-06-30"),
    ("thực hiện trong tháng 6/2027", "2027-06-30"),
    ("hoàn thành trong tháng 02 năm 2028", "2028-02-29"),
    ("hoàn thành 6 tháng đầu năm 2027", "2027-06-30"),
    ("thời gian hoàn thành: 06 tháng đầu năm", "2027-06-30"),
    ("tổ chức thực hiện trong quý II", "2027-06-30"),
])
def test_periods(text: str, iso: str) -> None:
    assert _kinds(text, 2027) == [("period", iso)]


@pytest.mark.parametrize("text", [
    "khắc phục các tồn tại trong thực hiện CCHC 06 tháng đầu năm 2024",
    "tình hình thực hiện công tác cải cách hành chính quý I năm 2023 của Sở vẫn còn hạn chế",
    "kết quả quý I năm 2023 của Sở",
    "triển khai thực hiện công tác CCHC năm 2024",
    "hoàn thành các chỉ tiêu năm 2027",
    "06 tháng đầu năm 2024",
    "trong quý II",  # no year in the text and no doc_year
    "giai đoạn 2021-2025", "nhiệm kỳ 2021 - 2026", "TCVN ISO 9001:2015", "Nghị định số 117/2013/NĐ-CP",
    "Tiếp nhận 45.020 hồ sơ", "đạt tỷ lệ 98,89%", "05 hồ sơ trực tuyến/12 tổng số hồ sơ",
    "Thực hiện báo cáo công tác CCHC định kỳ theo đúng đề cương",
    "báo cáo tại các cuộc họp giao ban hàng tháng của UBND huyện",
    "Hàng năm, ban hành Kế hoạch CCHC",
])
def test_no_dates(text: str) -> None:
    assert extract_dates(text) == []


@pytest.mark.parametrize(("text", "rule"), [
    ("Định kỳ hằng tháng, trước ngày 20 gửi báo cáo", "monthly:20"),
    ("báo cáo trước ngày 20 hàng tháng", "monthly:20"),
    ("Báo cáo hằng quý, trước ngày 15 của tháng cuối quý", "quarterly:15:last"),
    ("gửi báo cáo hàng quý về Sở Nội vụ", "quarterly"),
    ("Hằng năm trước ngày 15/12 gửi báo cáo", "yearly:12-15"),
    ("gửi báo cáo hằng tuần", "weekly:4"),
    ("báo cáo vào thứ Hai hằng tuần", "weekly:0"),
    ("Hằng tháng", "monthly"),  # a table's time cell
])
def test_recurring(text: str, rule: str) -> None:
    mentions = extract_dates(text)
    assert [(m.kind, m.date, m.recurrence) for m in mentions] == [("recurring", "", rule)]


def test_recurring_day_is_not_a_deadline() -> None:
    text = "1. Báo cáo định kỳ hằng tháng, trước ngày 20 gửi về Văn phòng HĐND và UBND huyện."
    assert extract_dates(text, 2027) == [
        DateMention("recurring", "", "định kỳ hằng tháng, trước ngày 20", "monthly:20")
    ]


@pytest.mark.parametrize(("rule", "on", "expected"), [
    ("monthly:20", "2027-01-21", "2027-02-20"),
    ("monthly:20", "2027-01-20", "2027-01-20"),
    ("monthly:31", "2027-02-01", "2027-02-28"),
    ("monthly:20", "2027-12-25", "2028-01-20"),
    ("monthly", "2027-02-10", "2027-02-28"),
    ("quarterly", "2027-04-01", "2027-06-30"),
    ("quarterly:15:last", "2027-03-16", "2027-06-15"),
    ("quarterly:15:first", "2027-03-16", "2027-04-15"),
    ("yearly:12-15", "2027-12-16", "2028-12-15"),
    ("weekly:4", "2024-05-21", "2024-05-24"),
    ("weekly:4", "2024-05-24", "2024-05-24"),
])
def test_next_occurrence_recurring(rule: str, on: str, expected: str) -> None:
    mention = DateMention("recurring", "", "", rule)
    assert next_occurrence(mention, dt.date.fromisoformat(on)) == dt.date.fromisoformat(expected)


def test_next_occurrence_other_kinds() -> None:
    day = dt.date(2030, 1, 1)
    assert next_occurrence(DateMention("deadline", "2024-08-30", ""), day) == dt.date(2024, 8, 30)
    assert next_occurrence(DateMention("period", "2024-02", ""), day) == dt.date(2024, 2, 29)
    assert next_occurrence(DateMention("reference", "2024", ""), day) == dt.date(2024, 12, 31)
    assert next_occurrence(DateMention("deadline", "", ""), day) is None
    assert next_occurrence(DateMention("recurring", "", "", "fortnightly"), day) is None


@pytest.mark.parametrize(("line", "iso"), [
    ("Hà Tĩnh, ngày 05 tháng 3 năm 2024", "2024-03-05"),
    ("Hà Tĩnh, ngày       tháng 3 năm 2024 ", "2024-03"),
    ("Hương Sơn, ngày tháng năm 2024", "2024"),
    ("Quảng Trị, ngày 7 tháng 4 năm 2023", "2023-04-07"),
    ("Kính gửi: Các phòng, đơn vị thuộc Sở.", ""),
    ("", ""),
])
def test_parse_doc_date(line: str, iso: str) -> None:
    assert parse_doc_date(line) == iso


# --- rules for real directives: weekdays, due years and ranges, relative and quoted deadlines -----------

def test_weekday_between_deadline_word_and_date() -> None:
    text = "Các sở gửi báo cáo về Sở Nội vụ trước thứ Sáu, ngày 05/12/2025 để tổng hợp."
    assert _kinds(text) == [("deadline", "2025-12-05")]
    assert extract_dates("hoàn thành trước 16 giờ Thứ Hai ngày 08/12/2025")[0].kind == "deadline"


@pytest.mark.parametrize(("text", "iso"), [
    ("Sở Tư pháp chủ trì rà soát các quy định, hoàn thành trong năm 2026.", "2026-12-31"),
    ("Cục Văn hóa cơ sở phối hợp đưa nội dung vào dự thảo Luật, bảo đảm hoàn thành thực thi trong năm 2026.",
     "2026-12-31"),
    ("Dự thảo báo cáo tổng kết chậm nhất trong năm 2027, cập nhật định kỳ.", "2027-12-31"),
    ("c) Thời gian thực hiện: Hoàn thành trong năm 2026.", "2026-12-31"),
    # the completion word governs a longer object
    ("Các bộ ưu tiên hoàn thành ngay 25 thông tư cần sửa đổi, bổ sung trong năm 2026 thuộc phạm vi quản lý.",
     "2026-12-31"),
    # a short task phrase led by a deliverable verb
    ("Bộ Tư pháp tổng hợp, đánh giá kết quả rà soát; công bố danh mục văn bản trong năm 2026.", "2026-12-31"),
    # a task table's time cell, as index.parse.tables labels it
    ("Xây dựng cơ sở dữ liệu công trình. Đơn vị chủ trì: Sở Xây dựng. Thời gian hoàn thành: Năm 2027.",
     "2027-12-31"),
    ("Xây dựng cơ sở dữ liệu công trình. Thời gian hoàn thành: 2026.", "2026-12-31"),
    ("Năm 2027", "2027-12-31"),
])
def test_due_years(text: str, iso: str) -> None:
    assert _kinds(text, 2025) == [("period", iso)]


@pytest.mark.parametrize("text", [
    "đôn đốc các doanh nghiệp phủ sóng, phải đạt 90% trong năm 2026 (đến nay mới đạt 40%).",
    "Mục tiêu đến hết năm 2026, 100% hồ sơ được số hóa.",
    "Phấn đấu đến cuối năm 2026 đạt các chỉ tiêu sau.",
    "Thời gian thực hiện: Năm 2026 và các năm tiếp theo.",
    "Căn cứ kết quả thực hiện Nghị quyết trong năm 2026, Ủy ban nhân dân tỉnh đánh giá.",
    "Đối với các nhiệm vụ triển khai trong năm 2026, các sở chủ động bố trí kinh phí.",
    "Chương trình xóa nhà tạm trong năm 2026 đã được hoàn thành.",
    "Thường xuyên rà soát, bảo đảm hoàn thành đúng hạn các nhiệm vụ được giao trong năm 2026.",
    "Thực hiện thường xuyên, hoàn thành các nội dung trong năm 2026 theo lộ trình.",
    "Thời gian hoàn thành: 2026 hồ sơ được tiếp nhận",  # a count, not a year
    "Kế hoạch giai đoạn 2026-2030 của tỉnh",
    "hoàn thành trong năm 2023",  # earlier than the document's year: reported, not due
])
def test_years_that_are_not_due(text: str) -> None:
    assert [m for m in extract_dates(text, 2025) if m.kind == "period"] == []


@pytest.mark.parametrize(("text", "iso"), [
    ("Khảo sát hạ tầng viễn thông. Thời gian hoàn thành: Quý IV/2025 - Quý II/2026.", "2026-06-30"),
    ("Xây dựng kho dữ liệu. Thời gian hoàn thành: 2026-2028.", "2028-12-31"),
    ("Đầu tư hạ tầng. Thời gian hoàn thành: 2026 - 2030.", "2030-12-31"),
    ("Thời gian thực hiện: Từ tháng 3 đến tháng 11 năm 2026.", "2026-11-30"),
    ("Quý I - Quý III/2026", "2026-09-30"),
    ("Quý III Năm 2026", "2026-09-30"),
])
def test_period_ranges_end_on_their_last_day(text: str, iso: str) -> None:
    assert _kinds(text, 2025) == [("period", iso)]


@pytest.mark.parametrize(("text", "expected"), [
    # a month of an unnamed year, a past month, a start month
    ("Trong quý I của năm liền kề, Sở Nội vụ tổng hợp kết quả.", []),
    ("do Cơ quan Thống kê ban hành trong tháng 12 năm (j-1)", []),
    ("Cuối tháng 10 và tháng 11 vừa qua, mưa lớn gây thiệt hại.", []),
    ("Thời gian thực hiện: Từ tháng 11/2025.", []),
    ("Trong 10 tháng đầu năm 2025, toàn tỉnh tiếp nhận 12.000 hồ sơ.", []),
    # the year written once at the end of a list covers every month of it
    ("quan trắc vào tháng 4 và tháng 8 năm 2026", [("period", "2026-04-30"), ("period", "2026-08-31")]),
])
def test_months_that_are_not_due_or_take_a_listed_year(text: str, expected: list[tuple[str, str]]) -> None:
    assert _kinds(text, 2025) == expected


@pytest.mark.parametrize(("text", "iso"), [
    ("Các đơn vị gửi báo cáo về Sở Tài chính chậm nhất ngày 30 tháng 11.", "2025-11-30"),
    ("báo cáo UBND tỉnh trước ngày 15/12.", "2025-12-15"),
])
def test_day_and_month_without_year_take_the_documents_year(text: str, iso: str) -> None:
    assert _kinds(text, 2025) == [("deadline", iso)]


@pytest.mark.parametrize("text", [
    "Cá nhân gửi hồ sơ chậm nhất là ngày 15 tháng 8 của năm xét tặng.",
    "Sở Nội vụ tổng hợp báo cáo định kỳ 6 tháng (trước ngày 18/5) và năm (trước ngày 18/11).",
    "Số vào sổ được lập theo từng năm từ ngày 01/01 đến hết ngày 31/12.",
    "Các đơn vị gửi báo cáo chậm nhất ngày 30 tháng 11.",  # no document year known: no date, no month
])
def test_day_and_month_without_a_known_year(text: str) -> None:
    assert extract_dates(text, None if "30 tháng 11" in text else 2025) == []


ISSUED = "2025-11-21"  # a Friday


@pytest.mark.parametrize(("text", "iso"), [
    ("Sở Tư pháp hoàn thiện hồ sơ trình Chủ tịch UBND tỉnh chậm nhất 05 ngày kể từ ngày ban hành Quyết định.",
     "2025-11-26"),
    ("đăng tải công khai Quyết định chậm nhất 03 ngày làm việc kể từ ngày ban hành Quyết định.", "2025-11-26"),
    ("Thời hạn hoàn thành không quá 05 (năm) ngày làm việc kể từ ngày ký ban hành.", "2025-11-28"),
    ("khóa chức năng tiếp nhận hồ sơ chậm nhất sau 02 ngày làm việc, kể từ ngày quyết định công bố được "
     "Chủ tịch UBND tỉnh ký ban hành.", "2025-11-25"),
    ("xây dựng quy trình điện tử trong thời hạn 03 ngày kể từ ngày Quyết định này có hiệu lực thi hành.",
     "2025-11-24"),
    # no starting point written: counted from the issue when the clause acts on "Quyết định này"
    ("Sở Y tế chủ trì, căn cứ Quyết định này, trong thời hạn 03 ngày làm việc công khai các thủ tục.",
     "2025-11-26"),
])
def test_relative_deadlines_from_the_issue_date(text: str, iso: str) -> None:
    assert _kinds(text, 2025) == [("deadline", "")]   # the issue date unknown: undated, wording kept
    mentions = extract_dates(text, 2025, ISSUED)
    assert [(m.kind, m.date) for m in mentions] == [("deadline", iso)]
    assert resolve_relative(extract_dates(text, 2025), ISSUED) == mentions


@pytest.mark.parametrize("text", [
    "Cơ quan giải quyết trong thời hạn 15 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ.",
    "Trong thời hạn 10 ngày kể từ ngày ban hành quyết định cấp giấy phép, cơ quan cấp phải đăng tải.",
    "gửi đối tượng kiểm tra trong thời hạn 05 ngày làm việc kể từ ngày ban hành để theo dõi.",
    "trong thời hạn 30 ngày kể từ ngày ban hành Quyết định số 12/QĐ-UBND",
    "Trong thời hạn 15 ngày làm việc kể từ ngày ban hành Danh mục cây trồng, Sở báo cáo UBND tỉnh.",
    "Trong thời hạn 05 ngày làm việc, cơ quan tiếp nhận có trách nhiệm thẩm định hồ sơ.",
    "căn cứ Quyết định này, trong thời hạn 03 ngày làm việc kể từ ngày nhận được hồ sơ, Sở thẩm định.",
])
def test_processing_times_are_not_relative_deadlines(text: str) -> None:
    assert extract_dates(text, 2025, ISSUED) == []


def test_working_days_skip_the_weekend() -> None:
    mention = DateMention("deadline", "", "chậm nhất 01 ngày làm việc kể từ ngày ban hành")
    assert resolve_relative([mention], "2025-11-21")[0].date == "2025-11-24"
    assert resolve_relative([mention], "2025-11") == [mention]  # a partial issue date dates nothing
    dated = DateMention("deadline", "2025-12-01", "trước ngày 01/12/2025")
    assert resolve_relative([dated], "2025-11-21") == [dated]


@pytest.mark.parametrize(("text", "expected"), [
    ("Tại Thông báo số 84/TB-VPCP ngày 25/7/2025, Thủ tướng đã giao “các bộ hoàn thành việc rà soát "
     "trước ngày 20 tháng 9 năm 2025”. Tuy nhiên, đến nay nhiều bộ chưa hoàn thành.",
     [("reference", "2025-07-25"), ("reference", "2025-09-20")]),
    ("Chủ tịch UBND tỉnh đã chỉ đạo các đơn vị hoàn thành cập nhật dữ liệu trước ngày 30/10/2025.",
     [("reference", "2025-10-30")]),
    ("UBND tỉnh đã giao các sở hoàn thành trong quý III/2025.", []),
    # a new instruction after the reported one
    ("UBND tỉnh đã giao các sở rà soát, nay đề nghị các sở hoàn thành trước ngày 15/12/2025.",
     [("deadline", "2025-12-15")]),
])
def test_deadlines_quoted_from_earlier_instructions(text: str, expected: list[tuple[str, str]]) -> None:
    assert _kinds(text, 2025) == expected


def test_ongoing_work_after_a_due_month_is_not_due() -> None:
    text = "Bộ Xây dựng hoàn thành đề án trong tháng 12 năm 2025, triển khai thực hiện trong năm 2026."
    assert _kinds(text, 2025) == [("period", "2025-12-31")]


def test_monthly_after_a_first_deadline() -> None:
    text = "Ngân hàng Nhà nước báo cáo Thủ tướng Chính phủ trước ngày 20 tháng 11 năm 2025 và hàng tháng."
    assert [(m.kind, m.date, m.recurrence) for m in extract_dates(text, 2025)] == [
        ("deadline", "2025-11-20", ""), ("recurring", "", "monthly")]


@pytest.mark.parametrize("text", ["Hằng năm", "Thực hiện khảo sát, công bố kết quả. Thời gian hoàn thành: Hằng năm."])
def test_yearly_time_cell(text: str) -> None:
    assert [(m.kind, m.recurrence) for m in extract_dates(text)] == [("recurring", "yearly")]
    yearly = DateMention("recurring", "", "Hằng năm", "yearly")
    assert next_occurrence(yearly, dt.date(2026, 3, 1)) == dt.date(2026, 12, 31)


def test_yearly_day_further_on_in_the_phrase() -> None:
    text = "định kỳ hàng năm báo cáo kết quả thực hiện về Sở Nông nghiệp và Môi trường chậm nhất ngày 17 tháng 12."
    assert [(m.kind, m.recurrence) for m in extract_dates(text, 2025)] == [("recurring", "yearly:12-17")]


def test_no_due_date_before_the_issue_date() -> None:
    from index.extract.dates import resolve_relative
    from index.store.models import DateMention

    quoted = [DateMention("deadline", "2025-07-01", "trước 01/7/2025"), DateMention("period", "2025", "trong năm 2025"),
              DateMention("deadline", "2025-12-15", "trước ngày 15/12/2025")]
    kinds = [m.kind for m in resolve_relative(quoted, "2025-11-26")]
    assert kinds == ["reference", "period", "deadline"]
    assert [m.kind for m in resolve_relative(quoted, "2026")] == ["reference", "reference", "reference"]
