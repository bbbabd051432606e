"""Question understanding on real directives, on clauses and documents written here in the genre:
"phụ lục nào" is no time question, a question naming its document asks a fact inside it (not the
document's subject) unless it asks what the document is about, and English questions name provinces
and cities without accents."""

from __future__ import annotations

from bot.answering.by_intent import extract
from bot.answering.extract_answer import extract_when
from bot.answering.glossary import translate
from bot.answering.intent import Query, detect_intent
from index.store.models import Clause, DateMention, Document


def q(question: str) -> Query:
    return Query.build(question, detect_intent(question), question)


def clause(text: str, **kwargs: object) -> Clause:
    return Clause(ordinal=kwargs.pop("ordinal", 0), path=kwargs.pop("path", "1"),  # type: ignore[arg-type]
                  headings=kwargs.pop("headings", []), text=text, **kwargs)  # type: ignore[arg-type]


QD = Document("d1", "qd.txt", "quyết định", "777/QĐ-TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh Nam Sơn",
              "Nam Sơn", "2025-11-20", "Về việc phê duyệt quy trình nội bộ lĩnh vực hộ tịch")
FORMS = clause("Đề nghị cấp bản sao trích lục hộ tịch | Mẫu TP-07 | QTHT-05", doc_id="d1")


class _Snap:
    """The one field extract reads from a snapshot: the document's clauses."""

    by_doc = {"d1": [FORMS]}


# --- intent -----------------------------------------------------------------------------------------
def test_which_appendix_is_no_time_question() -> None:
    # "phụ lục nào" folds to "phu luc nao", which holds "lúc nào" (when).
    assert detect_intent("Theo Công văn 55/BNV-TCBC, các tỉnh báo cáo số liệu theo những phụ lục nào?") == "what"
    assert detect_intent("Các tỉnh báo cáo lúc nào?") == "when"
    assert detect_intent("cac tinh bao cao luc nao?") == "when"


# --- a document's subject is asked only when the question asks it -----------------------------------
def test_subject_questions_are_told_from_questions_naming_their_document() -> None:
    for asked in ("Kế hoạch số 48 là về việc gì?", "Quyết định 777 là về nội dung gì?", "Đề án 06 là đề án gì?",
                  "Kế hoạch số 48 là gì?", "What is Decision 777/QĐ-TTPVHCC about?"):
        assert q(asked).asks.subject, asked
    for other in ("Theo Quyết định 777/QĐ-TTPVHCC, người đề nghị cấp bản sao trích lục hộ tịch dùng mẫu nào?",
                  "Theo Quyết định 777/QĐ-TTPVHCC, ký hiệu quy trình cấp bản sao trích lục hộ tịch là gì?"):
        assert not q(other).asks.subject, other


def test_a_question_naming_its_document_is_answered_from_the_clause_not_the_subject() -> None:
    question = q("Theo Quyết định 777/QĐ-TTPVHCC, người đề nghị cấp bản sao trích lục hộ tịch dùng mẫu nào?")
    found = extract(_Snap(), question, FORMS, QD)  # type: ignore[arg-type]
    assert found is not None and "TP-07" in found.answer and "phê duyệt quy trình" not in found.answer
    assert found.quality == 1.0   # the document is named to say where, not asked about
    subject = extract(_Snap(), q("Quyết định 777/QĐ-TTPVHCC là về việc gì?"), FORMS, QD)  # type: ignore[arg-type]
    assert subject is not None and "phê duyệt quy trình nội bộ" in subject.answer


# --- English names of provinces and cities -----------------------------------------------------------
def test_english_questions_name_provinces_and_cities_without_accents() -> None:
    found = translate("What is the web address of the Ho Chi Minh City database that agencies must update?")
    assert "Thành phố Hồ Chí Minh" in found.terms and "City" not in found.unknown
    assert "Hà Nội" in translate("Which department leads Hanoi's plan on 5G?").terms
    assert "Hà Tĩnh" in translate("What is the fee under Ha Tinh's decision on mineral exploration?").terms
    # Vietnamese passes unchanged.
    assert translate("Thành phố Hồ Chí Minh cập nhật cơ sở dữ liệu khi nào?").terms == []



# --- the event a thông báo kết luận opens with -------------------------------------------------------
VISIT = clause("Ngày 12 tháng 11 năm 2025, tại tỉnh Nam Sơn, Phó Thủ tướng Nguyễn Văn B đã kiểm tra thực tế tại "
               "Trung tâm phục vụ hành chính công và làm việc với tỉnh Nam Sơn về vận hành chính quyền địa phương "
               "02 cấp.", dates=[DateMention("reference", "2025-11-12", "Ngày 12 tháng 11 năm 2025")])


def test_a_working_visit_is_dated_like_a_meeting() -> None:
    found = extract_when(q("Phó Thủ tướng làm việc với tỉnh Nam Sơn vào ngày nào?"), VISIT)
    assert found is not None and found.answer == "12/11/2025"
    assert extract_when(q("When did the Deputy Prime Minister visit Nam Sơn?"), VISIT) is not None
    # "ngày làm việc" counts days; a deadline question finds no deadline in the opening.
    assert extract_when(q("Trong bao nhiêu ngày làm việc tại tỉnh Nam Sơn phải báo cáo?"), VISIT) is None
    assert extract_when(q("Tỉnh Nam Sơn báo cáo trước ngày nào?"), VISIT) is None
