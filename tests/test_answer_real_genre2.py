"""Question understanding and quotes on real directives, on clauses and documents written here in
the genre: a signer question naming another province's quyết định, a task block whose "Đơn vị chủ
trì" line names the unit, procedure tables with processing times, figures written twice."""

from __future__ import annotations

from bot.answering.byline import byline, signature_block
from bot.answering.constraints import constraints_of
from bot.answering.evidence import Candidate, naming_clause
from bot.answering.extract_answer import Extraction
from bot.answering.extract_figures import extract_number, figures
from bot.answering.intent import Query, detect_intent
from bot.answering.result import Source
from index.search.retriever import Hit
from index.store.models import Clause, Document, Signer


def q(question: str) -> Query:
    return Query.build(question, detect_intent(question), question)


def clause(text: str, **kwargs: object) -> Clause:
    return Clause(ordinal=kwargs.pop("ordinal", 0), path=kwargs.pop("path", "1"),  # type: ignore[arg-type]
                  headings=kwargs.pop("headings", []), text=text, **kwargs)  # type: ignore[arg-type]


QD_NINH_BINH = Document("d1", "qd.txt", "quyết định", "1234/QĐ-UBND", "Ủy ban nhân dân tỉnh Ninh Bình", "Ninh Bình",
                        "2025-11-20", "Về việc công bố danh mục thủ tục hành chính lĩnh vực hộ tịch",
                        signer=Signer("Nguyễn Văn An", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH"))
CD_TTG = Document("d2", "cd.txt", "công điện", "99/CĐ-TTg", "Thủ tướng Chính phủ", "Hà Nội", "2025-11-18",
                  "Về việc cắt giảm thủ tục hành chính")


# --- constraints a question states ------------------------------------------------------------------
def test_a_signer_question_keeps_only_documents_of_its_type_and_place() -> None:
    stated = constraints_of("Ai ký quyết định công bố thủ tục hành chính lĩnh vực hộ tịch của tỉnh Sơn La?",
                            "Ai ký quyết định công bố thủ tục hành chính lĩnh vực hộ tịch của tỉnh Sơn La?")
    assert stated.places == ("son la",) and "quyet dinh" in stated.types
    body = clause("Công bố kèm theo Quyết định này danh mục thủ tục hành chính lĩnh vực hộ tịch.")
    assert not stated.admits(QD_NINH_BINH, body, "Ủy ban nhân dân tỉnh Ninh Bình", True)
    assert not stated.admits(CD_TTG, body, "Thủ tướng Chính phủ", True)
    same = constraints_of("Ai ký quyết định của tỉnh Ninh Bình về hộ tịch?", "Ai ký quyết định của tỉnh Ninh Bình?")
    assert same.admits(QD_NINH_BINH, body, "Ủy ban nhân dân tỉnh Ninh Bình", True)
    # A task question is not restricted: its place may be what a national document's task is about.
    assert stated.admits(CD_TTG, body, "Thủ tướng Chính phủ", False)


def test_a_place_is_its_capitalised_words_only() -> None:
    assert constraints_of("UBND thành phố Cần Thơ được thành lập theo quyết định nào?", "").places == ("can tho",)
    assert constraints_of("các tỉnh, thành phố trực thuộc trung ương báo cáo khi nào?", "").places == ()
    assert constraints_of("Bộ phận Một cửa cấp xã của tỉnh Quảng Trị", "").places == ("quang tri",)
    # A plan issued under a decision is asked about by either type.
    plan = Document("d3", "qd2.txt", "quyết định", "5/QĐ-UBND", "UBND tỉnh Ninh Bình", "Ninh Bình", "2025",
                    "Ban hành Kế hoạch cải cách hành chính năm 2026")
    asked = constraints_of("Ai ký kế hoạch cải cách hành chính năm 2026?", "Ai ký kế hoạch cải cách hành chính?")
    assert asked.admits(plan, clause("Ban hành kèm theo Quyết định này Kế hoạch."), "UBND tỉnh Ninh Bình", True)


# --- quotes contain their answer ---------------------------------------------------------------------
def test_the_clause_naming_a_task_blocks_unit_is_shown_second() -> None:
    task = clause("Triển khai các phương án bảo đảm an toàn thông tin cho cơ sở dữ liệu.", ordinal=10,
                  path="II › 3 › a › ý 1", lead_units=["Công an tỉnh"], id=10)
    lead = clause("Đơn vị chủ trì: Công an tỉnh.", ordinal=12, path="II › 3 › b › ý 1", id=12)
    far = clause("Công an tỉnh tổng hợp, báo cáo.", ordinal=40, path="V › 1", id=40)
    chosen = Candidate(Hit(10, 0.9, 0.9, 0.9), task, QD_NINH_BINH, 0.8,
                       extraction=Extraction("Công an tỉnh", 1.0))
    named = naming_clause({task.doc_id: [task, lead, far]}, chosen)
    assert named is not None and named.clause is lead
    assert naming_clause({task.doc_id: [task, far]}, chosen) is None   # another section's clause is no quote
    written = Candidate(Hit(12, 0.9, 0.9, 0.9), lead, QD_NINH_BINH, 0.8, extraction=Extraction("Công an tỉnh", 1.0))
    assert naming_clause({lead.doc_id: [lead, task]}, written) is None   # the clause writes it


def test_sources_carry_footnotes_and_the_signature_reads_as_printed() -> None:
    c = clause("Một số Bộ chưa cập nhật kết quả trên Hệ thống[2].", footnotes={"[2]": "Bộ Y tế, Bộ Xây dựng."})
    assert Source.of(QD_NINH_BINH, c, 0.5).text.endswith("\n[2] Bộ Y tế, Bộ Xây dựng.")
    assert Source.of(QD_NINH_BINH, clause("x", footnotes={"1": "chú thích"}), 0.5).text == "x\n[1] chú thích"
    found = byline(QD_NINH_BINH, "signer")
    assert found is not None and found.printed == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An"
    assert signature_block(QD_NINH_BINH) == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn An"


# --- figures -----------------------------------------------------------------------------------------
def test_a_length_of_time_asked_by_bao_nhieu_is_a_figure() -> None:
    question = "Thời hạn giải quyết thủ tục cấp giấy phép hoạt động điện lực là bao nhiêu ngày làm việc?"
    assert detect_intent(question) == "number"
    assert detect_intent("Thời hạn nộp báo cáo là ngày nào?") == "when"
    row = clause("3 | Cấp giấy phép hoạt động điện lực thuộc thẩm quyền của UBND tỉnh; 2.0011.H40 | "
                 "12 ngày làm việc từ ngày nhận đủ hồ sơ hợp lệ | Trung tâm Phục vụ hành chính công")
    assert extract_number(q(question), row).answer == "12 ngày làm việc"


def test_a_figure_written_again_in_words_and_a_list_of_n_items() -> None:
    assert figures("Thời hạn giải quyết: Trong 20 (hai mươi) ngày, kể từ ngày nhận đủ hồ sơ")[0][1] \
        == "20 (hai mươi) ngày"
    assert figures("Công bố kèm theo Quyết định này Danh mục 12 thủ tục hành chính mới ban hành")[0][1] \
        .startswith("12 thủ tục")
    assert figures("Bãi bỏ thủ tục tại số thứ tự 7,8 Mục II và mục 3") == []
    assert [f for _, f in figures("tỷ lệ đạt 0,5% tổng chi phí")] == ["0,5%"]


def test_the_figure_a_question_states_is_not_its_answer() -> None:
    c = clause("Có thông tin lan truyền cả nước sẽ sáp nhập từ 34 tỉnh, thành phố xuống còn 20 tỉnh, thành phố.")
    found = extract_number(q("Thông tin lan truyền rằng cả nước sẽ sáp nhập từ 34 tỉnh xuống còn bao nhiêu?"), c)
    assert found is not None and found.answer.startswith("20")


def test_each_of_two_coordinated_figures_owns_its_qualifiers() -> None:
    c = clause("Công bố kèm theo Quyết định này Danh mục 12 thủ tục hành chính mới ban hành và 05 thủ tục "
               "hành chính bị bãi bỏ trong lĩnh vực lâm nghiệp.")
    assert extract_number(q("Quyết định công bố bao nhiêu thủ tục hành chính bị bãi bỏ?"), c).answer.startswith("05")
    assert extract_number(q("Có bao nhiêu thủ tục hành chính mới ban hành?"), c).answer.startswith("12")
    # "trong đó" breaks the figure before it down: the part keeps the whole's words.
    towers = clause("Trên địa bàn các khu công nghiệp hiện có khoảng 150 trạm BTS, trong đó có 30 trạm 5G.")
    assert extract_number(q("Các khu công nghiệp có bao nhiêu trạm 5G?"), towers).answer.startswith("30")


def test_a_figure_without_the_question_qualifiers_is_a_weaker_answer() -> None:
    question = q("Quyết định công bố bao nhiêu thủ tục hành chính mới ban hành trong lĩnh vực thủy sản?")
    both = clause("Công bố kèm theo Quyết định này Danh mục 11 thủ tục hành chính mới ban hành và 04 thủ tục "
                  "hành chính bị bãi bỏ trong lĩnh vực thủy sản thuộc thẩm quyền giải quyết của cấp tỉnh.")
    repealed = clause("Bãi bỏ 04 thủ tục hành chính lĩnh vực thủy sản tại Quyết định số 88/QĐ-UBND.")
    found = extract_number(question, both)
    assert found.answer.startswith("11") and found.quality == 1.0
    assert extract_number(question, repealed).quality < 1.0


def test_a_ref_question_naming_a_type_and_year_gets_that_document() -> None:
    from bot.answering.extract_documents import extract_ref
    from index.extract.citations import extract_citations

    text = ("Bộ Công Thương tổng kết Chỉ thị số 17/CT-TTg ngày 12 tháng 6 năm 2015. Thủ tướng Chính phủ đã chỉ "
            "đạo về chống buôn lậu thuốc lá, tổng kết việc thực hiện tại Văn bản số 5120/VPCP-KTTH ngày 02/8/2025.")
    c = clause(text, citations=extract_citations(text))
    found = extract_ref(q("Theo chỉ đạo của Thủ tướng về chống buôn lậu thuốc lá, chỉ thị nào năm 2015 phải "
                          "được tổng kết?"), c)
    assert found is not None and "17/CT-TTg" in found.answer
