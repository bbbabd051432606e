"""Bilingual CCHC vocabulary: English (or mixed) questions become Vietnamese search terms.

The lexical index only knows Vietnamese words, so an English question would find nothing there; the
multilingual embedder understands English but ranks less precisely. Mapping the domain vocabulary to
the words the directives actually use lets both halves of the search work on English questions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.answering.glossary_institutions import INSTITUTIONS, TASK_WORDS
from index.text.normalize import fold
from index.text.vocabulary import DOC_TYPES, EN_MONTHS, EN_STOPWORDS, SEARCH_ABBREVIATIONS


def _doc_types(english: dict[str, str]) -> dict[str, str]:
    """English names of document types, checked against the vocabulary's type names: the glossary
    must translate into the words the parser gives Document.doc_type."""
    if unknown := set(english.values()) - set(DOC_TYPES):
        raise ValueError(f"not document types in index.text.vocabulary: {sorted(unknown)}")
    return english


# English phrase (lower case) -> Vietnamese wording used in directives. Longer phrases are matched
# first, so "online public service" wins over "public service" and "service".
GLOSSARY: dict[str, str] = {
    # --- reform programme, indexes, procedures -------------------------------------------------
    "public administration reform": "cải cách hành chính", "administrative reform": "cải cách hành chính",
    "administrative procedure reform": "cải cách thủ tục hành chính", "par index": "chỉ số cải cách hành chính",
    "administrative procedures": "thủ tục hành chính", "administrative procedure": "thủ tục hành chính",
    "reform index": "chỉ số cải cách hành chính", "competitiveness index": "chỉ số năng lực cạnh tranh",
    "satisfaction": "sự hài lòng", "one-stop shop": "một cửa", "one stop shop": "một cửa",
    "one-stop": "một cửa", "one stop": "một cửa", "inter-agency": "liên thông",
    "public administration service centre": "trung tâm phục vụ hành chính công",
    "public administration service center": "trung tâm phục vụ hành chính công",
    "public administration centre": "trung tâm hành chính công",
    "public administration center": "trung tâm hành chính công",
    "online public services": "dịch vụ công trực tuyến", "online public service": "dịch vụ công trực tuyến",
    "national public service portal": "cổng dịch vụ công quốc gia", "public service portal": "cổng dịch vụ công",
    "public services": "dịch vụ công", "public service": "dịch vụ công", "end-to-end": "toàn trình",
    "fully online": "trực tuyến toàn trình", "full process": "toàn trình", "partially online": "trực tuyến một phần",
    "online payment": "thanh toán trực tuyến", "online payments": "thanh toán trực tuyến",
    "online applications": "hồ sơ trực tuyến", "online application": "hồ sơ trực tuyến",
    "online submissions": "hồ sơ nộp trực tuyến", "online submission": "hồ sơ nộp trực tuyến",
    "postal service": "dịch vụ bưu chính công ích", "public postal service": "dịch vụ bưu chính công ích",
    "overdue": "quá hạn", "on time": "đúng hạn", "ahead of schedule": "trước hẹn", "late": "trễ hẹn",
    "post publicly": "niêm yết công khai", "publicly post": "niêm yết công khai",
    "public posting": "niêm yết công khai", "display publicly": "niêm yết công khai", "post": "niêm yết",
    "posted": "niêm yết", "conference": "hội nghị",
    "apology": "xin lỗi", "apologise": "xin lỗi", "apologize": "xin lỗi",
    "simplification": "đơn giản hóa", "simplify": "đơn giản hóa", "cut": "cắt giảm", "reduce": "cắt giảm",
    "review": "rà soát", "inspection": "kiểm tra", "inspect": "kiểm tra", "check": "kiểm tra",
    "self-inspection": "tự kiểm tra",
    "supervision": "giám sát", "monitor": "theo dõi", "monitoring": "theo dõi", "follow up": "theo dõi",
    "appraisal council": "hội đồng thẩm định", "appraisal": "thẩm định", "evaluation": "đánh giá",
    "assessment": "đánh giá", "ranking": "xếp hạng", "ranked": "xếp hạng", "score": "điểm",
    "sociological survey": "điều tra xã hội học", "initiative": "sáng kiến", "initiatives": "sáng kiến",
    # --- remediation and reporting -------------------------------------------------------------
    "shortcomings": "tồn tại, hạn chế", "shortcoming": "tồn tại, hạn chế", "weaknesses": "hạn chế",
    "limitations": "hạn chế", "remediation": "khắc phục", "remedy": "khắc phục", "remediate": "khắc phục",
    "fix": "khắc phục", "overcome": "khắc phục", "results": "kết quả", "result": "kết quả",
    "reports": "báo cáo", "report": "báo cáo", "reporting": "báo cáo", "submit": "nộp", "send": "gửi",
    "inspection team": "đoàn kiểm tra", "inspection report": "báo cáo kiểm tra", "minutes": "biên bản",
    "progress": "tiến độ", "schedule": "tiến độ", "deadline": "thời hạn", "plan": "kế hoạch", "plans": "kế hoạch",
    "tasks": "nhiệm vụ", "task": "nhiệm vụ", "duties": "nhiệm vụ", "targets": "chỉ tiêu", "target": "chỉ tiêu",
    "indicators": "chỉ tiêu", "solutions": "giải pháp", "measures": "giải pháp",
    # --- communication -------------------------------------------------------------------------
    "propaganda": "tuyên truyền", "communication": "tuyên truyền", "communications": "tuyên truyền",
    "publicity": "tuyên truyền", "awareness raising": "tuyên truyền", "dissemination": "tuyên truyền",
    "press": "báo chí", "newspapers": "báo chí", "website": "trang thông tin điện tử",
    "web portal": "trang thông tin điện tử", "news articles": "tin bài", "articles": "tin bài",
    # --- digital government --------------------------------------------------------------------
    "digital transformation": "chuyển đổi số", "digitisation": "số hóa", "digitization": "số hóa",
    "digitise": "số hóa", "digitize": "số hóa", "digitalisation": "số hóa", "digitalization": "số hóa",
    "digital signatures": "chữ ký số", "digital signature": "chữ ký số", "e-signature": "chữ ký số",
    "electronic records": "hồ sơ điện tử", "electronic record book": "sổ điện tử", "record book": "sổ theo dõi",
    "logbook": "sổ theo dõi", "e-government": "chính quyền điện tử", "electronic government": "chính quyền điện tử",
    "digital government": "chính quyền số", "e-commerce": "thương mại điện tử", "electronic": "điện tử",
    "digital": "số", "information technology": "công nghệ thông tin",
    "it infrastructure": "hạ tầng công nghệ thông tin",
    "infrastructure": "hạ tầng", "software": "phần mềm", "database": "cơ sở dữ liệu", "databases": "cơ sở dữ liệu",
    "population data": "dữ liệu dân cư", "electronic identification": "định danh và xác thực điện tử",
    "identification": "định danh", "authentication": "xác thực", "project 06": "đề án 06", "scheme": "đề án",
    "project": "đề án", "information security": "an toàn thông tin", "work records": "hồ sơ công việc",
    "work files": "hồ sơ công việc", "document management": "quản lý văn bản", "archives": "lưu trữ",
    "archiving": "lưu trữ", "quality management system": "hệ thống quản lý chất lượng",
    # --- documents -----------------------------------------------------------------------------
    "incoming and outgoing documents": "văn bản đi, đến", "legal documents": "văn bản quy phạm pháp luật",
    "legal normative documents": "văn bản quy phạm pháp luật", "documents": "văn bản", "document": "văn bản",
    **_doc_types({
        "dispatch": "công văn", "official letter": "công văn", "letter": "công văn", "decision": "quyết định",
        "decree": "nghị định", "resolution": "nghị quyết", "directive": "chỉ thị", "circular": "thông tư",
        "conclusion": "kết luận", "official telegram": "công điện", "notice": "thông báo", "regulation": "quy chế",
        "regulations": "quy định"}),
    "signed": "ký", "sign": "ký", "issued": "ban hành",
    "records": "hồ sơ", "record": "hồ sơ", "applications": "hồ sơ", "application": "hồ sơ", "dossiers": "hồ sơ",
    "dossier": "hồ sơ", "files": "hồ sơ", "catalogue": "danh mục", "cases": "hồ sơ", "case": "hồ sơ",
    "case handling": "giải quyết hồ sơ", "handling of cases": "giải quyết hồ sơ", "handling": "giải quyết",
    "handle": "giải quyết", "processing": "giải quyết", "resolve": "giải quyết", "resolving": "giải quyết",
    "draft": "xây dựng", "drafting": "xây dựng", "prepare": "xây dựng", "develop": "xây dựng",
    # --- organisations and people --------------------------------------------------------------
    "people's committee": "ủy ban nhân dân", "peoples committee": "ủy ban nhân dân",
    "people's council": "hội đồng nhân dân", "provincial people's committee": "ủy ban nhân dân tỉnh",
    "district people's committee": "ủy ban nhân dân huyện", "government office": "văn phòng chính phủ",
    "prime minister": "thủ tướng chính phủ", "government": "chính phủ", "ministry": "bộ",
    "department of home affairs": "sở nội vụ", "home affairs": "nội vụ", "internal affairs": "nội vụ",
    "department of industry and trade": "sở công thương", "industry and trade": "công thương",
    "department of science and technology": "sở khoa học và công nghệ",
    "science and technology": "khoa học và công nghệ",
    "department of justice": "sở tư pháp", "justice department": "sở tư pháp", "justice": "tư pháp",
    "department of finance": "sở tài chính", "department of planning and investment": "sở kế hoạch và đầu tư",
    "department of information and communications": "sở thông tin và truyền thông",
    "department of education and training": "sở giáo dục và đào tạo", "department of health": "sở y tế",
    "department of construction": "sở xây dựng", "department of transport": "sở giao thông vận tải",
    "department of natural resources and environment": "sở tài nguyên và môi trường",
    "department of agriculture and rural development": "sở nông nghiệp và phát triển nông thôn",
    "department of labour, invalids and social affairs": "sở lao động - thương binh và xã hội",
    "department of culture, sports and tourism": "sở văn hóa, thể thao và du lịch",
    "provincial office": "văn phòng ủy ban nhân dân tỉnh", "civil status": "hộ tịch",
    "civil registration": "hộ tịch", "goal": "mục tiêu", "goals": "mục tiêu",
    "information and communications": "thông tin và truyền thông", "it team": "tổ công nghệ thông tin",
    "department office": "văn phòng sở", "departments": "sở", "department": "sở", "offices": "văn phòng",
    "office": "văn phòng", "divisions": "phòng", "division": "phòng", "specialised divisions": "phòng chuyên môn",
    "specialized divisions": "phòng chuyên môn", "units": "đơn vị", "unit": "đơn vị", "agencies": "cơ quan",
    "agency": "cơ quan", "centre": "trung tâm", "center": "trung tâm", "team": "tổ", "board": "ban",
    "communes": "xã", "commune": "xã", "townships": "thị trấn", "township": "thị trấn", "towns": "thị trấn",
    "town": "thị trấn", "districts": "huyện", "district": "huyện", "provinces": "tỉnh", "province": "tỉnh",
    "provincial": "tỉnh", "localities": "địa phương", "locality": "địa phương", "local": "địa phương",
    "chairman": "chủ tịch", "chairperson": "chủ tịch", "vice chairman": "phó chủ tịch", "director": "giám đốc",
    "deputy director": "phó giám đốc", "head": "người đứng đầu", "heads": "người đứng đầu", "leaders": "lãnh đạo",
    "leadership": "lãnh đạo", "civil servants": "công chức", "civil servant": "công chức", "officials": "cán bộ",
    "public employees": "viên chức", "staff": "cán bộ, công chức", "employees": "người lao động",
    "citizens": "người dân", "people": "người dân", "businesses": "doanh nghiệp", "enterprises": "doanh nghiệp",
    "party committee": "đảng ủy", "one-stop department": "bộ phận một cửa",
    # --- discipline, personnel, finance ---------------------------------------------------------
    "discipline": "kỷ luật", "administrative discipline": "kỷ luật, kỷ cương hành chính",
    "public service culture": "văn hóa công vụ", "working hours": "thời gian làm việc", "arriving late": "đi muộn",
    "coming late": "đi muộn", "late arrival": "đi muộn", "leaving early": "về sớm", "violations": "vi phạm",
    "violation": "vi phạm", "training": "đào tạo, bồi dưỡng", "recruitment": "tuyển dụng", "staffing": "biên chế",
    "article": "bài viết",
    "online": "trực tuyến", "fees": "phí, lệ phí", "fee": "phí, lệ phí", "charges": "phí, lệ phí",
    "pay": "thanh toán", "paying": "thanh toán", "payment": "thanh toán", "payments": "thanh toán",
    "payroll": "biên chế", "public finance": "tài chính công", "finance": "tài chính",
    "budget revenue": "thu ngân sách",
    "budget collection": "thu ngân sách", "revenue": "thu ngân sách", "budget": "ngân sách",
    "funding": "kinh phí", "funds": "kinh phí", "fund": "kinh phí", "funded": "kinh phí", "costs": "kinh phí",
    "cost": "kinh phí", "expenses": "kinh phí",
    "disbursement": "giải ngân", "public investment": "đầu tư công", "autonomy": "tự chủ",
    "internal spending rules": "quy chế chi tiêu nội bộ", "rewards": "khen thưởng", "commendation": "khen thưởng",
    "criticism": "phê bình", "job position": "vị trí việc làm", "rotation": "luân chuyển",
    "dialogue": "đối thoại", "working regulations": "quy chế hoạt động",
    # --- verbs and qualifiers common in questions ------------------------------------------------
    "administrative reform work": "công tác cải cách hành chính", "work": "công tác", "activities": "hoạt động",
    "open": "mở", "opened": "mở", "set up": "mở", "establish": "thành lập", "implement": "triển khai thực hiện",
    "implementation": "triển khai thực hiện", "carry out": "thực hiện", "coordinate": "phối hợp",
    "coordinating": "phối hợp", "lead": "chủ trì", "leading": "chủ trì", "in charge": "phụ trách",
    "responsible": "phụ trách", "upgrade": "nâng cấp", "improve": "nâng cao", "strengthen": "tăng cường",
    "update": "cập nhật", "publish": "công bố", "announce": "công bố", "publicly": "công khai",
    "transparency": "công khai minh bạch",
    "rate": "tỷ lệ", "ratio": "tỷ lệ", "percentage": "tỷ lệ", "proportion": "tỷ lệ",
    "minimum": "tối thiểu", "at least": "tối thiểu", "maximum": "tối đa", "total": "tổng số", "in total": "tổng cộng",
    "low": "thấp", "lowest": "thấp", "high": "cao", "quality": "chất lượng", "poor": "hạn chế", "limited": "hạn chế",
    "first quarter": "quý i", "second quarter": "quý ii", "quarter": "quý", "first six months": "06 tháng đầu năm",
    "first half": "6 tháng đầu năm", "monthly": "hằng tháng", "annual": "hằng năm", "annually": "hằng năm",
    "year": "năm", "month": "tháng", "from": "kể từ", "before": "trước",
    "field": "lĩnh vực", "sector": "lĩnh vực", "meeting": "cuộc họp", "briefing": "giao ban",
}
# Ministries, departments and other bodies by their full names; the genre's task words where the
# list above has none (its own renderings stay).
GLOSSARY.update(INSTITUTIONS)
GLOSSARY.update({k: v for k, v in TASK_WORDS.items() if k not in GLOSSARY})

# Abbreviations directives use for long phrases. Matching in either spelling lets "thủ tục hành
# chính" in a question find "TTHC" in a clause and back.
ABBREVIATIONS = SEARCH_ABBREVIATIONS
# English stop words: index.text.vocabulary.EN_STOPWORDS. Words that mark a question as English: unlike
# those stop words, none of them is also an unaccented Vietnamese syllable ("can" = cần, "them" = thêm,
# "that" = thật, "the" = thẻ, "to" = tổ).
_EN_MARKERS = frozenset(
    "what which who whom whose when where why how is are was were been being will would shall should "
    "must could does did of for with and their they these those there about into please your you many "
    "much each every".split()
)

_MONTHS = {m: i for i, m in enumerate(EN_MONTHS, 1)}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+),?\s+(\d{4})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(r"\b([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE)


def _phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in ordered)
    # Optional English inflection, so "upgrades" and "opened" find "upgrade" and "open".
    return re.compile(rf"(?<![\w-])({alternatives})(?:s|es|ed|d|ing)?(?![\w-])", re.IGNORECASE)


def _inflections(phrase: str) -> list[str]:
    """The phrase with English endings on its last word: "digitise" -> "digitises", "digitised",
    "digitising" (the final e dropped before -ing), "apply" -> "applies", "applied"."""
    forms = [phrase] + [phrase + end for end in ("s", "es", "ed", "d", "ing")]
    if phrase.endswith("e"):
        forms.append(phrase[:-1] + "ing")
    if len(phrase) > 2 and phrase.endswith("y") and phrase[-2] not in "aeiou":
        forms += [phrase[:-1] + "ies", phrase[:-1] + "ied"]
    return forms


# Every inflected form -> its glossary entry; an entry's own spelling wins over another's inflection.
_GLOSSARY_FORMS: dict[str, str] = {}
for _entry in GLOSSARY:
    for _form in _inflections(_entry):
        _GLOSSARY_FORMS.setdefault(_form, _entry)
_GLOSSARY_FORMS.update({entry: entry for entry in GLOSSARY})
_GLOSSARY_RE = re.compile(
    rf"(?<![\w-])({'|'.join(re.escape(f) for f in sorted(_GLOSSARY_FORMS, key=len, reverse=True))})(?![\w-])",
    re.IGNORECASE)
_IT_RE = re.compile(r"\bIT\b")
_ABBR_RE = _phrase_regex(list(ABBREVIATIONS))
_LONG_TO_ABBR = {fold(v): k for k, v in ABBREVIATIONS.items()}
_LONG_RE = _phrase_regex(list(_LONG_TO_ABBR))


@dataclass(frozen=True)
class Translation:
    """The question in Vietnamese search terms."""

    text: str            # the question with English phrases replaced and English stopwords dropped
    terms: list[str]     # the Vietnamese terms the glossary contributed, in question order
    english: bool        # whether the question read as English (or mostly English)
    unknown: list[str] = field(default_factory=list)   # English content words the glossary lacks


def has_diacritics(text: str) -> bool:
    """True when the text carries Vietnamese accents (or đ), i.e. it is not plain ASCII letters."""
    return fold(text) != text.lower()


# An English question names Vietnamese places, units and document codes as they are spelt ("Under
# Quảng Trị's Decision 2715/QĐ-UBND, which department must …"): accents alone do not make it
# Vietnamese. It reads as English when English function words are several and words without
# accents make up most of it; "Hạn nộp remediation report là ngày nào?" stays Vietnamese.
_MIXED_MARKERS = 2
_MIXED_ASCII_SHARE = 0.7


def is_english(text: str) -> bool:
    """An English (or mostly English) question: English function words, and accents (if any) only on
    the Vietnamese names it quotes."""
    lowered = text.lower()
    if not has_diacritics(text):
        words = re.findall(r"[a-z']+", lowered)
        return bool(words) and sum(w in _EN_MARKERS for w in words) >= 1
    tokens = re.findall(r"[^\W\d_]+", lowered)
    markers = sum(t in _EN_MARKERS for t in tokens)
    plain = sum(t.isascii() for t in tokens)
    return markers >= _MIXED_MARKERS and plain >= _MIXED_ASCII_SHARE * len(tokens)


def english_dates(text: str) -> str:
    """"1 July 2024" / "July 1, 2024" -> "01/7/2024", the way directives write dates."""
    def vn(day: str, month: str, year: str, whole: str) -> str:
        number = _MONTHS.get(month.lower())
        return f"{int(day):02d}/{number}/{year}" if number else whole

    text = _DAY_MONTH_YEAR.sub(lambda m: vn(m[1], m[2], m[3], m[0]), text)
    return _MONTH_DAY_YEAR.sub(lambda m: vn(m[2], m[1], m[3], m[0]), text)


# English words that say what kind of answer is wanted (the intent), not what it is about.
ANSWER_WORDS = frozenset("wrote written writes author authors signed signs sign signer due deadline deadlines "
                         "responsible charge date".split())


def translate(question: str) -> Translation:
    """Map the English CCHC vocabulary of a question to Vietnamese; Vietnamese passes unchanged."""
    english = is_english(question)
    if not english and not has_diacritics(question):
        return Translation(question, [], False)  # unaccented Vietnamese: its syllables are not English
    text = english_dates(question)
    terms: list[str] = []

    def swap(match: re.Match[str]) -> str:
        vi = GLOSSARY[_GLOSSARY_FORMS[match.group(1).lower()]]
        terms.append(vi)
        return vi

    text = _GLOSSARY_RE.sub(swap, text)
    if _IT_RE.search(text):  # "IT" only in capitals: lower-case "it" is a pronoun (and "ít")
        terms.append(GLOSSARY["information technology"])
        text = _IT_RE.sub(terms[-1], text)
    if not english:
        return Translation(text, terms, english)
    kept = [w for w in _english_words(text) if w.lower() not in EN_STOPWORDS | _EN_FRAME]
    known = set(fold(" ".join(terms)).split())
    unknown = [w for w in kept if w.isascii() and w.isalpha() and len(w) > 2 and not w.isupper()
               and fold(w) not in known and w.lower() not in ANSWER_WORDS]
    # What the question quotes in Vietnamese (places, units, "220/CĐ-TTg") is evidence as it stands.
    quoted = [w for w in _english_words(question) if has_diacritics(w) or _CODE.search(w)]
    return Translation(" ".join(kept), terms + quoted, english, unknown)


def _english_words(text: str) -> list[str]:
    """The words of an English question, possessive endings dropped ("Quảng Trị's" -> "Quảng Trị")."""
    return re.findall(r"[\w/.&'-]+", _POSSESSIVE.sub("", text))


# "Quảng Trị's Decision", "the Ministry of Home Affairs' letter": the ending is no word of the name.
_POSSESSIVE = re.compile(r"(?<=\w)['’](?:s\b)?")
# Prepositions that frame an English question ("under letter 174", "via the system") and never
# stand for a word of the directive.
_EN_FRAME = frozenset("under via through against per upon within not".split())
# A document's số ký hiệu or a code in capitals ("2715/QĐ-UBND", "11554/VPCP-V.I").
_CODE = re.compile(r"\d+/[\w.-]+|^[A-ZĐ]{2,}")


def abbreviation_variants(text: str) -> list[str]:
    """The other spelling of each abbreviation or long form in the text ("TTHC" <-> "thủ tục hành chính")."""
    found = [ABBREVIATIONS[m.group(1).upper()] for m in _ABBR_RE.finditer(text) if m.group(1).upper() in ABBREVIATIONS]
    found += [_LONG_TO_ABBR[fold(m.group(1))] for m in _LONG_RE.finditer(fold(text))]
    return list(dict.fromkeys(found))


def canonical(text: str, folded: bool = False) -> str:
    """Folded text with long forms replaced by their abbreviation, for word-overlap comparisons.
    folded=True: the text is already folded (the store keeps a folded copy of every clause)."""
    return _LONG_RE.sub(lambda m: fold(_LONG_TO_ABBR[m.group(1)]), text if folded else fold(text))


# Question words are rare in directives, so the corpus cannot tell how to accent them.
_QUESTION_ACCENTS = {
    "gi": "gì", "nao": "nào", "bao nhieu": "bao nhiêu", "bao gio": "bao giờ", "khi nao": "khi nào",
    "may": "mấy", "dau": "đâu", "ngay nao": "ngày nào", "lam gi": "làm gì", "la gi": "là gì",
    "ai ky": "ai ký", "nguoi ky": "người ký", "ky": "ký", "can": "cần", "can lam": "cần làm",
}


class AccentRestorer:
    """Puts accents back on unaccented Vietnamese using the corpus's own wording.

    "ai phu trach tuyen truyen" -> "ai phụ trách tuyên truyền": the dense model reads unaccented
    Vietnamese poorly. The corpus's most frequent accented spelling of each folded syllable
    sequence is the likeliest reading; sequences of up to three syllables give it context ("thu
    ngân sách", not "thứ ngân sách").
    """

    MAX_SYLLABLES = 3
    DOMINANT = 0.75

    def __init__(self, texts: Iterable[str]) -> None:
        counts: Counter[tuple[str, str]] = Counter()
        folded: dict[str, str] = {}   # fold() is slow per call; the vocabulary is small
        for text in texts:
            for run in re.split(r"[^\w\s]+|\n", text.lower()):
                syllables = run.split()
                keys = [folded.get(s) or folded.setdefault(s, fold(s)) for s in syllables]
                for n in range(1, self.MAX_SYLLABLES + 1):
                    counts.update((" ".join(keys[i: i + n]), " ".join(syllables[i: i + n]))
                                  for i in range(len(syllables) - n + 1))
        best: dict[str, tuple[int, str]] = {}
        totals: Counter[str] = Counter()
        for (key, form), count in counts.items():
            totals[key] += count
            if count > best.get(key, (0, ""))[0]:
                best[key] = (count, form)
        # A lone syllable without context is restored only when one spelling clearly dominates:
        # guessing "thủ độ" for "thu do" (thủ đô? thu đó?) misleads the dense model more than the
        # unaccented syllables do.
        self.best = {key: (count, form) for key, (count, form) in best.items()
                     if " " in key or count >= self.DOMINANT * totals[key]}
        self.best.update({key: (1_000_000, form) for key, form in _QUESTION_ACCENTS.items()})

    def restore(self, text: str) -> str:
        """The text with its unaccented word sequences given their usual accents."""
        if has_diacritics(text):
            return text
        return re.sub(r"\w+(?: \w+)*", lambda m: self._restore_run(m.group(0).split(" ")), text)

    def _restore_run(self, words: list[str]) -> str:
        # Each word takes its reading from the longest (then most frequent) known sequence covering
        # it, so context on either side decides: "thu" in "thu ngân sách" stays "thu", not "thủ".
        best: list[tuple[int, int, str]] = [(0, 0, w) for w in words]
        for n in range(1, self.MAX_SYLLABLES + 1):
            for start in range(len(words) - n + 1):
                key = " ".join(w.lower() for w in words[start: start + n])
                count, form = self.best.get(key, (0, ""))
                if not count:
                    continue
                for offset, syllable in enumerate(form.split(" ")):
                    if (n, count) > best[start + offset][:2]:
                        best[start + offset] = (n, count, syllable)
        return " ".join(_same_case(w, b[2]) for w, b in zip(words, best, strict=True))


def _same_case(original: str, restored: str) -> str:
    if original.isupper() and len(original) > 1:
        return restored.upper()
    return restored.capitalize() if original[:1].isupper() else restored
