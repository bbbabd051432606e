"""Layouts of real directives as web pages and exports give them: footnotes "[1] …" written after
the signature and run into it, an editor's elision mark, article and chapter headings broken over
lines, and a regulation enclosed after the decision's signature (fixtures written in the genre)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.extract.units import extract_units
from index.parse.footnotes import split_definitions, split_elisions, split_footnotes
from index.parse.lines import join_split_headings
from index.pipeline import parse_file
from index.store.models import Clause, Document

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def regulation() -> Document:
    return parse_file(FIXTURES / "quy_che_kem_theo.txt")


@pytest.fixture(scope="module")
def dispatch() -> Document:
    return parse_file(FIXTURES / "cong_dien_chu_thich.txt")


def _clause(doc: Document, words: str) -> Clause:
    return next(c for c in doc.clauses if words in c.text)


def test_bracketed_footnotes_attach_to_the_clause_citing_them(dispatch: Document) -> None:
    clause = _clause(dispatch, "4 địa phương[1]")
    assert clause.footnotes["[1]"] == "Sơn Bình, Hà Giang, Lạng Hải, Tây Nguyên."
    assert clause.footnotes["[2]"] == "Bộ Y tế, Bộ Công Thương."
    # No clause is made of a footnote's text.
    assert not any("Bộ Y tế" in c.text for c in dispatch.clauses)


def test_signer_read_when_an_elision_and_footnotes_follow_the_name(dispatch: Document) -> None:
    assert dispatch.signer is not None
    assert dispatch.signer.name == "Trần Văn An"
    assert dispatch.signer.position == "PHÓ THỦ TƯỚNG"
    assert dispatch.signer.authority == "KT. THỦ TƯỚNG"


def test_definition_told_from_citation_by_order() -> None:
    lines = ["Có 3 xã[1] chưa báo cáo; xem thêm [2] dưới đây.", "Nguyễn Văn A [1] Các xã: An, Bình [2] Ghi chú."]
    out = split_definitions(lines)
    assert out == ["Có 3 xã[1] chưa báo cáo; xem thêm [2] dưới đây.", "Nguyễn Văn A",
                   "[1] Các xã: An, Bình", "[2] Ghi chú."]
    # A lone "[1]" that nothing cites first is left where it is.
    assert split_definitions(["[1] Một dòng."]) == ["[1] Một dòng."]


def test_footnote_goes_on_over_its_lines_until_a_new_part() -> None:
    body, notes = split_footnotes(["Văn bản[1].", "[1] Cụ thể:", "(i) ý một;", "PHỤ LỤC I", "Nội dung"])
    assert notes == {"[1]": "Cụ thể: (i) ý một;"}
    assert body == ["Văn bản[1].", "PHỤ LỤC I", "Nội dung"]


def test_elision_mark_ends_the_line() -> None:
    assert split_elisions(["Lê Văn B […] PHỤ LỤC", "[…]"]) == ["Lê Văn B", "PHỤ LỤC"]


def test_headings_broken_over_lines_are_joined() -> None:
    lines = ["Điều", "14. Trách nhiệm của Sở Y tế", "Điều 4.", "Hiệu lực thi hành", "Chương", "II",
             "QUY TRÌNH LẤY Ý", "KIẾN ĐIỆN TỬ", "Điều 2. Giao", "Sở Nội vụ chủ trì."]
    assert join_split_headings(lines) == [
        "Điều 14. Trách nhiệm của Sở Y tế", "Điều 4. Hiệu lực thi hành",
        "Chương II. QUY TRÌNH LẤY Ý KIẾN ĐIỆN TỬ", "Điều 2. Giao Sở Nội vụ chủ trì."]


def test_one_word_article_line_is_the_start_of_its_sentence(regulation: Document) -> None:
    clause = _clause(regulation, "trong thời hạn 05 ngày làm việc")
    assert clause.text.startswith("Giao Sở Khoa học và Công nghệ chủ trì")
    assert clause.lead_units[0] == "Sở Khoa học và Công nghệ"


def test_enclosed_regulation_articles_keep_their_own_unit(regulation: Document) -> None:
    budget = _clause(regulation, "Lập dự toán kinh phí")
    assert budget.lead_units == ["Sở Khoa học và Công nghệ"]
    assert not any(h.startswith("Điều 3. Chánh") for h in budget.headings)
    assert any(h.startswith("Chương II. TRÁCH NHIỆM") for h in budget.headings)
    police = _clause(regulation, "Giám sát an toàn thông tin mạng")
    assert police.lead_units == ["Công an tỉnh"]
    assert police.path.startswith("Chương II › Điều 3")


def test_chapter_citation_is_no_heading(regulation: Document) -> None:
    from index.parse.document import marker
    assert marker("Chương 87, Nhóm 87.03 của Biểu thuế") is None
    assert marker("Chương III. TỔ CHỨC THỰC HIỆN") is not None


def test_named_subjects_before_a_generic_group_lead_what_others_support() -> None:
    lead, support = extract_units("Đài Phát thanh và Truyền hình Bình Minh, Thông tấn xã Việt Nam và hệ thống "
                                  "báo chí phối hợp với Sở Văn hóa tăng thời lượng tuyên truyền.")
    assert lead == ["Đài Phát thanh và Truyền hình Bình Minh", "Thông tấn xã Việt Nam"]
    assert support == ["Sở Văn hóa"]
