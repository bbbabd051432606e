"""Citation extraction on real sentences from the seed dispatches."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.extract.citations import extract_citations
from index.store.models import Citation

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _seed(prefix: str) -> str:
    return next(CORPUS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _rows(text: str) -> list[tuple[str, str, str, str]]:
    return [(c.doc_type, c.number, c.date, c.issuer) for c in extract_citations(text)]


def test_seed_001_preamble_hard_wrapped() -> None:
    text = _seed("001")
    preamble = text[text.index("Thực hiện Quyết định"):text.index("1. Tập trung chỉ đạo")]
    assert _rows(preamble) == [
        ("Quyết định", "3433/QĐ-UBND", "2023-12-25", "UBND tỉnh"),
        ("Văn bản", "1593/UBND-NC1", "2024-03-26", "UBND tỉnh"),
        ("Kế hoạch", "48/KH-TCTTKĐA06", "2024-02-07", "Tổ công tác triển khai Đề án 06 tỉnh"),
        ("Kế hoạch", "03/KH-SCT", "2024-01-11", "Giám đốc Sở"),
    ]


def test_seed_001_list_sharing_a_type() -> None:
    text = _seed("001")
    item = text[text.index("1. Tập trung chỉ đạo"):text.index("Đẩy mạnh CCHC gắn với")]
    assert _rows(item) == [
        ("Quyết định", "3433/QĐ-UBND", "2023-12-25", "UBND tỉnh"),
        ("Kế hoạch", "48/KHTCTTKĐA", "2024-02-07", "Tổ công tác Đề án 06"),
        ("Văn bản", "1593/UBND-NC1", "2024-03-26", "UBND tỉnh"),
        ("Nghị quyết", "151/NQ-HĐND", "2023-12-08", "HĐND tỉnh"),
        ("Văn bản", "53/TB-VPCP", "2024-02-15", "Văn phòng Chính phủ"),
        # "Các kế hoạch của Sở Công Thương: số ...; số ..." — the header names type and issuer.
        ("Kế hoạch", "03/KH-SCT", "2024-01-11", "Sở Công Thương"),
        ("Kế hoạch", "05/KH-SCT", "2023-01-17", "Sở Công Thương"),
        ("Kế hoạch", "15/KH-SCT", "2024-03-05", "Sở Công Thương"),
        ("Kế hoạch", "04/KH-SCT", "2024-01-11", "Sở Công Thương"),
        # Its own type word and no "của": no issuer is inferred.
        ("Kế hoạch", "14/KH-SCT", "2024-02-29", ""),
    ]


def test_seed_001_two_dispatches_share_issuer() -> None:
    text = " ".join(_seed("001").splitlines())
    start = text.index("theo Công điện")
    assert _rows(text[start:start + 260]) == [
        ("Công điện", "280/CĐ-TTg", "2023-04-19", "Thủ tướng Chính phủ"),
        ("Công điện", "968/CĐ-TTg", "2023-10-16", "Thủ tướng Chính phủ"),
        ("Kết luận", "29-KL/TU", "2021-07-22", "Ban Thường vụ Tỉnh ủy"),
    ]


def test_seed_001_decrees_without_date_or_issuer() -> None:
    text = _seed("001")
    item = text[text.index("9. Thực hiện nghiêm túc"):text.index("10. Đẩy mạnh")]
    assert _rows(item) == [
        ("Nghị định", "130/2005/NĐ-CP", "", ""),
        ("Nghị định", "117/2013/NĐ-CP", "", ""),
        ("Nghị định", "60/2021/NĐ-CP", "", ""),
    ]
    party = text[text.index("Nghị quyết số 05-NQ/TU"):text.index("Triển khai thí điểm")]
    assert _rows(party) == [("Nghị quyết", "05-NQ/TU", "2021-11-22", "Ban Chấp hành Đảng bộ tỉnh")]


def test_citation_text_is_the_wording() -> None:
    (cit,) = extract_citations(
        "Thực hiện Quyết định số 3433/QĐ-UBND ngày 25/12/2023 của UBND tỉnh về việc ban hành Kế hoạch"
    )
    assert cit == Citation("Quyết định", "3433/QĐ-UBND", "2023-12-25", "UBND tỉnh",
                           "Quyết định số 3433/QĐ-UBND ngày 25/12/2023 của UBND tỉnh")


def test_seed_003() -> None:
    lines = _seed("003").splitlines()
    first = next(line for line in lines if line.startswith("Căn cứ Công văn"))
    assert _rows(first) == [("Công văn", "385/SNV-CCHCVTLT", "2023-03-30", "Sở Nội vụ")]
    bullet = next(line for line in lines if "Kế hoạch CCHC năm 2023 (*Kế hoạch" in line)
    assert _rows(bullet) == [
        ("Kế hoạch", "05/KH-SKHCN", "2023-01-13", ""),
        ("Kế hoạch", "15/KH-SKHCN", "2023-02-13", ""),
    ]
    report = next(line for line in lines if "Chỉ thị 10/CT-UBND" in line)
    assert _rows(report) == [
        ("Chỉ thị", "10/CT-UBND", "2022-10-26", "UBND tỉnh"),
        ("Công văn", "5516/UBND-NC", "2022-11-01", "UBND tỉnh"),
        ("Nghị quyết", "131/NQ-CP", "2022-10-06", "Chính phủ"),
    ]
    apology = next(line for line in lines if "Quyết định số 30/2020" in line)
    assert _rows(apology) == [("Quyết định", "30/2020/QĐ-UBND", "2020-12-08", "UBND tỉnh")]


def test_seed_004() -> None:
    text = _seed("004")
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    clause1 = next(p for p in paragraphs if p.startswith("1. Ủy ban nhân dân"))
    assert _rows(clause1) == [("Báo cáo", "02/BC-ĐKT", "2024-06-25", "")]
    clause2 = next(p for p in paragraphs if p.startswith("2. Tập trung"))
    assert _rows(clause2) == [("Quyết định", "118/QĐ-UBND", "2024-01-10", "UBND huyện")]
    decree = next(p for p in paragraphs if "Nghị định số 33/2023" in p)
    assert _rows(decree) == [("Nghị định", "33/2023/NĐ-CP", "2023-06-10", "Chính phủ")]
    # The bullet is split over two lines in the seed; joined, the issuer is complete.
    start = text.index("- Tiếp tục chấn chỉnh")
    bullet = " ".join(text[start:text.index("- Đẩy nhanh tiến độ giải ngân")].split())
    assert _rows(bullet) == [("Kết luận", "29-KL/TU", "", "Ban Thường vụ Tỉnh ủy Hà Tĩnh")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kế hoạch số 48/KH-\nTCTTKĐA06 ngày 07/02/2024", ("Kế hoạch", "48/KH-TCTTKĐA06", "2024-02-07", "")),
    ("Kế hoạch số 48/KHTCTTKĐA ngày 07/02/2024", ("Kế hoạch", "48/KHTCTTKĐA", "2024-02-07", "")),
    ("theo Nghị định số 117/2013/NĐ-\nCP;", ("Nghị định", "117/2013/NĐ-CP", "", "")),
    ("Chỉ thị 10/CT-UBND ngày 26/10/2022 của UBND tỉnh", ("Chỉ thị", "10/CT-UBND", "2022-10-26", "UBND tỉnh")),
    ("Quyết định số 5/QĐ-STTTT của Sở Thông tin và Truyền thông, Sở Nội vụ",
     ("Quyết định", "5/QĐ-STTTT", "", "Sở Thông tin và Truyền thông")),
    ("Luật số 80/2015/QH13 ngày 22 tháng 6 năm 2015 của Quốc hội",
     ("Luật", "80/2015/QH13", "2015-06-22", "Quốc hội")),
    ("thực hiện theo 12/KH-UBND", ("Kế hoạch", "12/KH-UBND", "", "")),
])
def test_single_citations(text: str, expected: tuple[str, str, str, str]) -> None:
    assert _rows(text) == [expected]


@pytest.mark.parametrize("text", [
    "Số: 112/UBND-VP", "giai đoạn 2021-2025", "thứ 14/19 đơn vị", "05 hồ sơ trực tuyến/12 tổng số hồ sơ",
    "TCVN ISO 9001:2015", "Đề án 06 của Thủ tướng chính phủ", "ngày 25/12/2023",
])
def test_not_citations(text: str) -> None:
    assert extract_citations(text) == []
