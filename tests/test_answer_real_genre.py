"""Who and English questions as officials ask them about real directives, on clauses written here in
the genre (a công điện, a kế hoạch's task table, a quyết định's articles, a chỉ thị's closing)."""

from __future__ import annotations

from bot.answering.by_intent import extract
from bot.answering.extract_answer import extract_who
from bot.answering.extract_documents import extract_document_fact
from bot.answering.glossary import is_english, translate
from bot.answering.intent import Query, detect_intent
from bot.answering.question_features import asked_document_number
from bot.answering.snapshot import Snapshot
from bot.answering.who_units import NamedUnits, as_written, whole_cell
from index.store.models import Assignment, Clause, Document, Unit
from index.store.registry import Registry


def q(question: str) -> Query:
    return Query.build(question, detect_intent(question), question)


def clause(text: str, **kwargs: object) -> Clause:
    return Clause(ordinal=kwargs.pop("ordinal", 0), path=kwargs.pop("path", "1"),  # type: ignore[arg-type]
                  headings=kwargs.pop("headings", []), text=text, **kwargs)  # type: ignore[arg-type]


# --- English questions quoting Vietnamese names ----------------------------------------------------
def test_english_question_with_vietnamese_names_reads_as_english() -> None:
    question = "Under Lạng Sơn's Decision 812/QĐ-UBND, which department must publish the procedures?"
    assert is_english(question)
    assert not is_english("Hạn nộp remediation report là ngày nào?")
    found = translate(question)
    assert found.english and "Lạng" in found.text and "Sơn" in found.text and "'s" not in found.text
    # What the question quotes in Vietnamese is evidence, never an unknown English word.
    assert "812/QĐ-UBND" in found.terms and "Lạng" not in found.unknown


def test_english_names_of_ministries_and_telegrams() -> None:
    found = translate("Which ministry must review the plan under the telegram 95/CĐ-TTg, the Ministry of Justice?")
    assert "Bộ Tư pháp" in found.text and "công điện" in found.text
    assert "Bộ trưởng Bộ Tài chính" in translate("What must the Minister of Finance report?").text


def test_a_ky_hieu_names_its_document_without_a_type_word() -> None:
    assert asked_document_number("Under telegram 95/CĐ-TTg, who must report?") == "95/cd-ttg"
    # A full số ký hiệu is more specific than a bare number after a type word.
    assert asked_document_number("the đề án 153 under công điện 95/CĐ-TTg") == "95/cd-ttg"
    assert asked_document_number("quy hoạch tỷ lệ 1/500") is None


# --- intent ------------------------------------------------------------------------------------------
def test_a_unit_asked_by_its_kind_is_a_who_question() -> None:
    for question in ("Bộ nào chủ trì xây dựng đề án?", "Theo Công văn 55/CV-BCĐ, những Bộ nào phải rà soát?",
                     "Cục nào hoàn thiện dự thảo nghị định?", "Which ministry must fix the system errors?",
                     "Kiến nghị về quy hoạch tỷ lệ 1/500 được giao Bộ nào xử lý?"):
        assert detect_intent(question) == "who", question
    assert detect_intent("Nhiệm vụ nào phải hoàn thành trong quý I?") != "who"
    assert detect_intent("Tỷ lệ hồ sơ trực tuyến phải đạt bao nhiêu?") == "number"


# --- a document's date against a task's deadline -------------------------------------------------------
def test_a_task_deadline_question_naming_its_document_is_not_the_document_date() -> None:
    doc = Document(id="d", source="d.txt", doc_type="công văn", number="55/CV-BCĐ", date="2025-12-02")
    c = clause("Các Bộ báo cáo kết quả trước ngày 10/12/2025.")
    task = q("Theo Công văn 55/CV-BCĐ, các Bộ phải báo cáo trước ngày nào?")
    assert extract_document_fact(task, c, doc) is None
    own = q("Công văn 55/CV-BCĐ ban hành ngày nào?")
    assert extract_document_fact(own, c, doc).answer == "02/12/2025"
    assert not q("Báo cáo định kỳ gửi ngày nào?").asks.document_date


# --- who: the slot asked -------------------------------------------------------------------------------
def test_routing_question_answers_the_unit_a_report_passes_through() -> None:
    c = clause("Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, đơn vị kịp thời báo cáo UBND tỉnh "
               "(thông qua Sở Nội vụ) để được xem xét, giải quyết./.",
               lead_units=["các cơ quan, đơn vị"], kind="closing")
    found = extract_who(q("Có vướng mắc thì các đơn vị báo cáo UBND tỉnh thông qua cơ quan nào?"), c, None)
    assert found.answer == "Sở Nội vụ"


def test_recipient_question_answers_the_official_and_unit_after_the_verb() -> None:
    c = clause("Nếu có phát sinh vướng mắc, Giám đốc Trung tâm Phục vụ hành chính công tỉnh đề xuất Chánh "
               "Văn phòng Ủy ban nhân dân tỉnh xem xét, quyết định.")
    found = extract_who(q("Giám đốc Trung tâm Phục vụ hành chính công đề xuất với ai?"), c, None)
    assert found.answer == "Chánh Văn phòng Ủy ban nhân dân tỉnh"


def test_parent_question_answers_the_body_a_unit_belongs_to() -> None:
    c = clause("Trung tâm Phục vụ hành chính công tỉnh là tổ chức hành chính thuộc Văn phòng Ủy ban nhân dân "
               "tỉnh Lạng Sơn, có con dấu riêng.", lead_units=["Trung tâm Phục vụ hành chính công tỉnh"])
    found = extract_who(q("Trung tâm Phục vụ hành chính công tỉnh thuộc cơ quan nào?"), c, None)
    assert found.answer.startswith("Văn phòng Ủy ban nhân dân tỉnh")


def test_who_coordinates_with_a_named_unit_is_the_lead() -> None:
    c = clause("Sở Văn hóa chủ trì, phối hợp với Sở Y tế tổ chức tuyên truyền.", lead_units=["Sở Văn hóa"],
               support_units=["Sở Y tế"])
    assert extract_who(q("Ai phối hợp với Sở Y tế tổ chức tuyên truyền?"), c, None).answer == "Sở Văn hóa"
    assert extract_who(q("Sở Văn hóa phối hợp với cơ quan nào?"), c, None).answer == "Sở Y tế"


# --- who: which of the clause's units -----------------------------------------------------------------
def test_an_assigning_heading_beats_the_addressees_the_parser_gave_the_item() -> None:
    addressees = ["Các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"]
    doc = Document(id="d", source="d.txt", recipients=addressees)
    c = clause("Hướng dẫn, theo dõi tiến độ cập nhật dữ liệu của các cơ quan, đơn vị.",
               headings=["2. Giao Sở Nội vụ"], lead_units=list(addressees))
    found = extract_who(q("Ai hướng dẫn, theo dõi tiến độ cập nhật dữ liệu?"), c, doc)
    assert found.answer == "Sở Nội vụ"


def test_the_clause_own_subject_beats_its_heading_unit() -> None:
    c = clause("Văn phòng UBND tỉnh đăng tải công khai Quyết định này trên Cổng Thông tin điện tử của tỉnh.",
               headings=["Điều 2. Tổ chức thực hiện", "1. Sở Công Thương:"],
               lead_units=["Sở Công Thương", "Văn phòng UBND tỉnh"])
    found = extract_who(q("Cơ quan nào đăng tải công khai Quyết định trên Cổng Thông tin điện tử?"), c, None)
    assert found.answer == "Văn phòng UBND tỉnh"


def test_units_are_quoted_as_the_clause_writes_them() -> None:
    written = as_written("Ủy ban nhân dân phường, xã và đặc khu", "Ủy ban nhân dân phường, xã, đặc khu quyết định")
    assert written == "Ủy ban nhân dân phường, xã, đặc khu"
    row = clause("2 | Nâng cấp hạ tầng mạng | Ban Quản lý các khu kinh tế và khu công nghiệp | Sở Công Thương | 2026",
                 kind="table_row")
    assert whole_cell("Ban Quản lý các khu kinh tế", row) == "Ban Quản lý các khu kinh tế và khu công nghiệp"
    assert whole_cell("Sở Công Thương", row) == "Sở Công Thương"


def test_a_named_unit_is_not_a_unit_that_contains_it() -> None:
    seen = clause("Sở Y tế tỉnh Lạng Sơn chủ trì; Văn phòng UBND tỉnh phối hợp; UBND tỉnh Lạng Sơn chỉ đạo.")
    assert NamedUnits(["Sở Y tế"], seen).includes("Sở Y tế tỉnh Lạng Sơn")
    assert not NamedUnits(["UBND tỉnh"], seen).includes("Văn phòng UBND tỉnh")
    assert not NamedUnits(["UBND"], seen).includes("UBND tỉnh Lạng Sơn")


def test_a_question_names_the_unit_the_clause_means_in_its_document() -> None:
    office = clause("Văn phòng Sở tham mưu báo cáo Giám đốc Sở.", lead_units=["Văn phòng Sở"])
    trade = Document(id="d", source="d.txt", title="", issuer="Sở Công Thương", clauses=[office])
    assert NamedUnits(["Văn phòng Sở Công Thương"], office, trade).includes("Văn phòng Sở")
    assert not NamedUnits(["Văn phòng Sở Nội vụ"], office, trade).includes("Văn phòng Sở")
    home = clause("Phòng Nội vụ tổng hợp, báo cáo.", lead_units=["Phòng Nội vụ"])
    district = Document(id="h", source="h.txt", title="", issuer="UBND huyện Hương Sơn", clauses=[home])
    assert NamedUnits(["Phòng Nội vụ huyện Hương Sơn"], home, district).includes("Phòng Nội vụ")
    assert not NamedUnits(["Phòng Nội vụ huyện Kỳ Anh"], home, district).includes("Phòng Nội vụ")
    # An official's title names the body the official leads.
    assert NamedUnits(["Bộ trưởng Bộ Công Thương"], office).includes("Bộ Công Thương")


def test_a_question_finds_a_unit_by_the_alias_the_deployment_gives_it() -> None:
    unit = Unit("phong-noi-vu-huyen-duc-tho", "Phòng Nội vụ huyện Đức Thọ", "phong", aliases=("Phòng NV Đức Thọ",))
    task = clause("Phòng Nội vụ chủ trì tổng hợp.", lead_units=["Phòng Nội vụ"],
                  assignments=[Assignment(unit, "lead", "Phòng Nội vụ")])
    assert NamedUnits(["Phòng NV Đức Thọ"], task, None, Registry([unit])).includes("Phòng Nội vụ")
    assert not NamedUnits(["Phòng NV Đức Thọ"], task).includes("Phòng Nội vụ huyện Kỳ Anh")


def test_a_continuation_paragraph_answers_with_its_item_unit() -> None:
    opening = clause("Cục Bản quyền tác giả khẩn trương hoàn thiện dự thảo Nghị định sửa đổi.", path="3", ordinal=4,
                     lead_units=["Cục Bản quyền tác giả"], doc_id="d")
    rest = clause("Bảo đảm hoàn thành trong quý I/2026.", path="3 (tiếp)", ordinal=5, doc_id="d")
    doc = Document(id="d", source="d.txt", recipients=["Các đơn vị thuộc Bộ"])
    snap = Snapshot(None, {}, {"d": doc}, {"d": [opening, rest]}, None)  # type: ignore[arg-type]
    found = extract(snap, q("Đơn vị nào phải bảo đảm hoàn thành trong quý I/2026?"), rest, doc)
    assert found.answer == "Cục Bản quyền tác giả"


def test_a_unit_named_by_its_officials_title_is_the_subject_not_the_answer() -> None:
    c = clause("Bộ Tài chính chủ trì, phối hợp với Bộ Công Thương rà soát giá điện.",
               lead_units=["Bộ Tài chính"], support_units=["Bộ Công Thương"])
    found = extract_who(q("Bộ trưởng Bộ Công Thương phối hợp với cơ quan nào?"), c, None)
    assert found is not None and found.answer == "Bộ Tài chính"


def test_which_members_a_report_counts_are_read_from_its_footnote() -> None:
    c = clause("Đến nay, 5 tỉnh[1] và 2 Bộ[2] chưa cập nhật kết quả rà soát trên Hệ thống.",
               footnotes={"[1]": "Lào Cai, Yên Bái, Sơn La, Điện Biên, Lai Châu.",
                          "[2]": "Bộ Xây dựng, Bộ Y tế."})
    found = extract_who(q("Những bộ nào chưa cập nhật kết quả rà soát?"), c, None)
    assert found is not None and found.answer == "Bộ Xây dựng, Bộ Y tế"
    found = extract_who(q("nhung tinh nao chua cap nhat ket qua ra soat?"), c, None)
    assert found is not None and found.answer.startswith("Lào Cai")
