"""Intent detection (accented, unaccented, English) and the bilingual glossary."""

from __future__ import annotations

import pytest

from bot.answering.accents import AccentRestorer
from bot.answering.glossary import (
    GLOSSARY,
    abbreviation_variants,
    canonical,
    english_dates,
    is_english,
    translate,
)
from bot.answering.intent import detect_intent
from bot.answering.question_features import (
    asks_coordination,
    asks_issuer,
    asks_recipients,
    asks_tasks,
    asks_which_place,
)

INTENT_TABLE = [
    # Vietnamese with accents
    ("Ai phụ trách tuyên truyền cải cách hành chính?", "who"),
    ("Đơn vị nào chủ trì việc số hóa hồ sơ?", "who"),
    ("Phòng nào theo dõi việc chấp hành kỷ luật?", "who"),
    ("Cơ quan nào tổng hợp báo cáo?", "who"),
    ("Khi nào phải nộp báo cáo?", "when"),
    ("Bao giờ hết hạn?", "when"),
    ("Hạn nộp báo cáo kết quả khắc phục là ngày nào?", "when"),
    ("Thời hạn hoàn thành là bao lâu?", "when"),
    ("Phải gửi báo cáo trước ngày nào?", "when"),
    ("Có bao nhiêu thủ tục hành chính?", "number"),
    ("Mấy xã chưa đạt?", "number"),
    ("Tỷ lệ lập hồ sơ công việc cấp xã tối thiểu phải đạt bao nhiêu?", "number"),
    ("Sở xếp hạng thứ mấy?", "number"),
    ("Kế hoạch số mấy quy định việc này?", "ref"),
    ("Văn bản nào hướng dẫn số hóa hồ sơ?", "ref"),
    ("Quyết định nào ban hành Kế hoạch CCHC năm 2024?", "ref"),
    ("Kế hoạch CCHC năm 2023 của Sở là kế hoạch nào?", "ref"),
    ("Ai ký công văn này?", "signer"),
    ("Ai là tác giả bài viết về cải cách hành chính?", "author"),
    ("Bài viết này do ai viết?", "author"),
    ("Người viết bài là ai?", "author"),
    ("Người ký văn bản là ai?", "signer"),
    ("Tổ Công nghệ thông tin có nhiệm vụ gì?", "what"),
    ("Xã nào có tỷ lệ hồ sơ trực tuyến toàn trình thấp?", "what"),
    ("Đề án 06 là đề án gì?", "what"),
    # unaccented Vietnamese
    ("ai phu trach tuyen truyen", "who"),
    ("han nop bao cao khac phuc", "when"),
    ("khi nao phai bao cao", "when"),
    ("co bao nhieu ho so truc tuyen", "number"),
    ("ty le so hoa ho so la bao nhieu", "number"),
    ("quyet dinh nao ban hanh ke hoach", "ref"),
    ("ai ky cong van", "signer"),
    ("ai la tac gia bai viet", "author"),
    ("bao nhieu nguoi viet nam nop ho so truc tuyen", "number"),   # "người Việt Nam" is not "người viết"
    ("xa nao thu ngan sach thap", "what"),
    ("han che trong cong tac cchc la gi", "what"),   # "hạn chế" is not "hạn"
    ("may tinh cua phong nao bi hong", "who"),       # "máy tính", not "mấy"
    # English
    ("Who must report the remediation results to the district?", "who"),
    ("Which office handles propaganda?", "who"),
    ("Which unit is in charge of digitisation?", "who"),
    ("When is the report due?", "when"),
    ("What is the deadline for the remediation report?", "when"),
    ("By when must communes open the record book?", "when"),
    ("How many administrative procedures are fully online?", "number"),
    ("How much budget revenue was collected?", "number"),
    ("What percentage of records must be digitised?", "number"),
    ("Which decision issued the 2024 plan?", "ref"),
    ("Which plan covers communication?", "ref"),
    ("Which document requires this?", "ref"),
    ("Who signed the dispatch?", "signer"),
    ("Who wrote the article on administrative reform?", "author"),
    ("Who is the author of the article?", "author"),
    ("What must communes open from 1 July 2024?", "what"),
    ("Which communes have low budget revenue?", "what"),
    ("Who may sign on behalf of the chairman?", "who"),   # English "may" is not "mấy"
]


@pytest.mark.parametrize(("question", "intent"), INTENT_TABLE)
def test_intent(question: str, intent: str) -> None:
    assert detect_intent(question) == intent


def test_author_needs_an_author_word() -> None:
    assert detect_intent("Which authority issued Decision 3433?") != "author"
    assert detect_intent("Người Việt Nam nộp hồ sơ trực tuyến thế nào?") != "author"


def test_question_flags() -> None:
    assert asks_coordination("Văn phòng Sở phối hợp với cơ quan nào?")
    assert asks_coordination("Which agency coordinates the handover?")
    assert not asks_coordination("Ai chủ trì?")
    assert asks_tasks("Tổ Công nghệ thông tin có nhiệm vụ gì?") and asks_tasks("cac phong can lam gi")
    assert asks_which_place("Những xã nào có chất lượng trang thông tin điện tử còn hạn chế?")
    assert not asks_which_place("Đơn vị nào chủ trì?")
    assert asks_issuer("Quyết định số 3433/QĐ-UBND do cơ quan nào ban hành?")
    assert asks_issuer("Which agency issued Decision 3433?") and not asks_issuer("Ai chủ trì việc ban hành?")
    assert asks_recipients("Công văn gửi cho những đơn vị nào?") and not asks_recipients("Ai gửi báo cáo?")


def test_glossary_is_substantial_and_vietnamese() -> None:
    assert len(GLOSSARY) >= 150
    assert all(key == key.lower() and value for key, value in GLOSSARY.items())


@pytest.mark.parametrize(("english", "vietnamese"), [
    ("remediation", "khắc phục"), ("report", "báo cáo"), ("propaganda", "tuyên truyền"),
    ("publicity", "tuyên truyền"), ("digitization", "số hóa"), ("digitisation", "số hóa"),
    ("online public service", "dịch vụ công trực tuyến"), ("administrative procedure", "thủ tục hành chính"),
    ("commune", "xã"), ("district", "huyện"), ("province", "tỉnh"), ("department", "sở"),
    ("office", "văn phòng"), ("electronic", "điện tử"), ("dispatch", "công văn"), ("document", "văn bản"),
    ("record book", "sổ theo dõi"), ("open", "mở"), ("budget revenue", "thu ngân sách"),
    ("discipline", "kỷ luật"), ("IT", "công nghệ thông tin"),
])
def test_glossary_terms(english: str, vietnamese: str) -> None:
    assert vietnamese in translate(f"Who handles the {english}?").text


@pytest.mark.parametrize(("english", "vietnamese"), [
    ("digitising records", "số hóa hồ sơ"), ("digitised", "số hóa"), ("simplified", "đơn giản hóa"),
    ("reviewed", "rà soát"), ("communes", "xã"), ("coordinating", "phối hợp"), ("reports", "báo cáo"),
])
def test_glossary_inflections(english: str, vietnamese: str) -> None:
    """English endings on the last word, including a dropped final e ("digitise" -> "digitising")
    and y -> ied ("simplify" -> "simplified")."""
    assert vietnamese in translate(f"Who is responsible for {english} in communes?").text


def test_translation_prefers_longer_phrases_and_drops_english_function_words() -> None:
    t = translate("How many online public services are fully online in each commune?")
    assert t.english
    assert "dịch vụ công trực tuyến" in t.terms and "xã" in t.terms
    assert "How" not in t.text and "are" not in t.text.split()


def test_english_date_becomes_vietnamese_date() -> None:
    assert english_dates("from 1 July 2024") == "from 01/7/2024"
    assert english_dates("by August 30, 2024") == "by 30/8/2024"
    assert "01/7/2024" in translate("What must communes open from 1 July 2024?").text


def test_vietnamese_passes_through_and_mixed_questions_are_mapped() -> None:
    assert translate("han nop bao cao khac phuc").text == "han nop bao cao khac phuc"
    assert translate("Ai phụ trách tuyên truyền?").text == "Ai phụ trách tuyên truyền?"
    mixed = translate("Hạn nộp remediation report là ngày nào?")
    assert "khắc phục" in mixed.text and "báo cáo" in mixed.text and not mixed.english


def test_language_detection() -> None:
    assert is_english("Who must report?")
    assert not is_english("cac phong can lam gi")      # "can" is also unaccented "cần"
    assert not is_english("Ai phụ trách tuyên truyền?")


def test_abbreviations_match_both_spellings() -> None:
    assert "TTHC" in abbreviation_variants("bao nhiêu thủ tục hành chính")
    assert "thủ tục hành chính" in abbreviation_variants("32 TTHC")
    assert canonical("Thủ tục hành chính") == canonical("TTHC") == "tthc"


def test_accent_restorer_uses_corpus_wording_and_context() -> None:
    corpus = ["Văn phòng Sở phụ trách tuyên truyền cải cách hành chính.",
              "Thu ngân sách thấp. Thủ tục hành chính. Thủ trưởng đơn vị. Thủ tục."]
    restorer = AccentRestorer(corpus)
    assert restorer.restore("ai phu trach tuyen truyen?") == "ai phụ trách tuyên truyền?"
    assert restorer.restore("xa nao thu ngan sach thap") .endswith("thu ngân sách thấp")
    assert restorer.restore("Van phong So") == "Văn phòng Sở"
    assert restorer.restore("Đã có dấu") == "Đã có dấu"      # accented text is left alone
