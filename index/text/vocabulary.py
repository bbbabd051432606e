"""The genre's vocabulary, written once: document types and their ký hiệu codes, abbreviations, stop words.

Parsers, citation extraction, search and the answering layer all read these tables. Where one of
them needs a narrower or wider list, it is a named subset or extension here, with the reason.
Unit head words stay with the unit extractor (index/extract/units.py) for now.
"""

from __future__ import annotations

from index.text.normalize import fold

# --- document types --------------------------------------------------------------------------------
# Every type of document the genre knows (Decree 30/2020/NĐ-CP and party documents), in lower case as
# Document.doc_type keeps it, with the type code its số ký hiệu carries ("25/KH-UBND"). A luật and a
# quy định carry none: a law is numbered "51/2024/QH15", a quy định is enacted by a quyết định.
DOC_TYPES: dict[str, str] = {
    "kế hoạch": "KH", "quyết định": "QĐ", "báo cáo": "BC", "thông báo": "TB", "chỉ thị": "CT",
    "hướng dẫn": "HD", "công văn": "CV", "tờ trình": "TTr", "chương trình": "CTr", "nghị quyết": "NQ",
    "công điện": "CĐ", "nghị định": "NĐ", "thông tư": "TT", "kết luận": "KL", "quy định": "", "quy chế": "QC",
    "đề án": "ĐA", "luật": "", "thông tư liên tịch": "TTLT", "giấy mời": "GM", "biên bản": "BB",
}
# Type code in a ký hiệu -> the type it names.
TYPE_CODES: dict[str, str] = {code: name for name, code in DOC_TYPES.items() if code}
# A type's title as the header prints it, in capitals ("KẾ HOẠCH") -> the type.
TYPE_TITLES: dict[str, str] = {name.upper(): name for name in DOC_TYPES}
# The word for a document of any type: "căn cứ văn bản nào", "Văn bản số 12/UBND-VP".
ANY_DOCUMENT = "văn bản"

# Types a citation is recognised by, from the word before its number or, failing that, from the code
# in its ký hiệu. Narrower than DOC_TYPES on purpose: the citation rules and their tests were built on
# these; a cited tờ trình, chương trình or giấy mời is still found, typed "Văn bản". "Công văn" is
# recognised by its word but not by a code: a công văn's ký hiệu has no type code ("12/UBND-VP"), and
# "CV" in one is an issuer's own abbreviation more often than the type.
CITED_TYPES: tuple[str, ...] = (
    "quyết định", "kế hoạch", ANY_DOCUMENT, "công văn", "nghị định", "nghị quyết", "thông tư", "chỉ thị",
    "công điện", "kết luận", "báo cáo", "thông báo", "hướng dẫn", "luật", "biên bản",
)
CITED_CODES: tuple[str, ...] = ("QĐ", "KH", "NĐ", "NQ", "TT", "CT", "CĐ", "KL", "BC", "TB", "HD", "BB")

# Types a question names a document by ("Kế hoạch nào …?", "Quyết định do ai ban hành?"): the ones
# officials ask about. A question that names a number after one ("Kế hoạch số 48") asks about that
# document; NUMBERED_TYPES leaves out "hướng dẫn", "quy chế" and "quy định", which questions also use
# as verbs and common nouns before a figure ("theo quy định 30 ngày", "hướng dẫn 3 bước").
ASKED_TYPES: tuple[str, ...] = (
    ANY_DOCUMENT, "quyết định", "kế hoạch", "công văn", "nghị định", "nghị quyết", "thông tư", "chỉ thị",
    "thông báo", "kết luận", "công điện", "báo cáo", "chương trình", "đề án", "hướng dẫn", "quy chế", "quy định",
)
NUMBERED_TYPES: tuple[str, ...] = tuple(t for t in ASKED_TYPES if t not in ("hướng dẫn", "quy chế", "quy định"))


def folded_alternation(names: tuple[str, ...]) -> str:
    """A regex group matching any of the names accent-folded: "(?:ke hoach|quyet dinh|…)"."""
    return "(?:" + "|".join(fold(name) for name in names) + ")"


# --- abbreviations ---------------------------------------------------------------------------------
# The genre's abbreviations and what they stand for (lower case, as the long form is written).
ABBREVIATIONS: dict[str, str] = {
    "TTHC": "thủ tục hành chính",
    "CCHC": "cải cách hành chính",
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "CNTT": "công nghệ thông tin",
    "DVC": "dịch vụ công",
    "DVCTT": "dịch vụ công trực tuyến",
    "QPPL": "quy phạm pháp luật",
    "CBCC": "cán bộ công chức",
    "KH&CN": "khoa học và công nghệ",
    "KHCN": "khoa học và công nghệ",
    "TT&TT": "thông tin và truyền thông",
    "CĐS": "chuyển đổi số",
    "VPCP": "văn phòng chính phủ",
    "NSNN": "ngân sách nhà nước",
    "VPUB": "văn phòng ủy ban nhân dân",
    "MTTQ": "mặt trận tổ quốc",
    "KT-XH": "kinh tế - xã hội",
    "VP": "văn phòng",
    "TP": "thành phố",
    "TX": "thị xã",
}
# Those that stand for a unit: unit names compare with them spelled out.
UNIT_ABBREVIATIONS: dict[str, str] = {a: ABBREVIATIONS[a] for a in ("UBND", "HĐND", "VPUB")}

# --- procedure descriptions ------------------------------------------------------------------------
# The field of an administrative procedure's description (a decision announcing thủ tục hành chính)
# that names the body handling it: "đ) Cơ quan thực hiện thủ tục hành chính: Vụ Tổ chức - Biên chế".
HANDLING_FIELDS = ("cơ quan thực hiện", "cơ quan giải quyết")
# Officials' titles, longest first: the official stands for the body that follows ("Giám đốc Sở
# Nội vụ" is Sở Nội vụ's task).
OFFICIAL_TITLES = (
    "các bộ trưởng", "phó chủ tịch", "chủ tịch", "phó giám đốc", "tổng giám đốc", "giám đốc", "bộ trưởng",
    "thủ trưởng", "người đứng đầu", "cục trưởng", "vụ trưởng", "viện trưởng", "thống đốc", "chánh",
    "trưởng", "tổng",
)
# Those the search spells both ways ("TTHC" in a question finds "thủ tục hành chính" and back). Not
# the others: "VP", "TP" and "TX" are too short to tell from other words, and each further pair
# rewrites every clause's word overlap, which the abstention thresholds were measured on.
SEARCH_ABBREVIATIONS: dict[str, str] = {a: ABBREVIATIONS[a] for a in (
    "TTHC", "CCHC", "UBND", "HĐND", "CNTT", "DVC", "DVCTT", "QPPL", "CBCC", "KH&CN", "KHCN", "TT&TT", "CĐS",
    "VPCP", "NSNN")}

# --- stop words ------------------------------------------------------------------------------------
# Vietnamese function words: in any sentence they say how, not what.
FUNCTION_WORDS = frozenset(
    "là có không của và các những cho được về với thì mà hay hoặc bị để trong này vậy đã đang sẽ một việc cần "
    "thế".split())
# What lexical search drops from a question (segmented, accented tokens; index/search/lexical.py): the
# function words, plus question words, pronouns, the words of a request and English function words,
# which are rare inside directives and would look like highly specific unmatched terms. Common
# prepositions ("theo", "trên", "từ") stay: BM25's IDF already weighs them low.
SEARCH_STOPWORDS = FUNCTION_WORDS | frozenset("""
ai gì nào bao_nhiêu mấy đâu khi_nào lúc_nào thế_nào như_thế_nào sao tại_sao vì_sao đó kia ấy nó họ ta tôi
bạn hỏi biết xin vui_lòng hãy giúp nêu cụ_thể hiện_nay hiện à ạ nhỉ nhé chưa rồi cái
the a an of to is are what who when which must from for in on and or
""".split())
# What the evidence measure drops (folded syllables; bot/answering/intent.py): the function words
# plus prepositions and connectives, since there every remaining word is a share of the question a
# clause must contain. Question words are cut there by phrase instead (intent._QUESTION_PHRASES).
EVIDENCE_STOPWORDS = frozenset(fold(w) for w in FUNCTION_WORDS | {
    "ở", "tại", "từ", "đến", "phải", "như", "theo", "trên", "nhất", "rằng", "lại", "còn", "cũng", "chỉ", "nếu",
    "khi", "do"})
# Folded function words that are never part of a content word. Other stop words fold onto content
# syllables ("do": đô/độ, "co": cơ, "de": đề, "tai": tài, "trong": trọng), so word pairs with them stay:
# "thủ đô" must remain a term even though "do" alone says nothing.
PURE_FUNCTION = frozenset(
    "la cua va cac nhung duoc cho o voi den nay mot nhu theo khong hoac hay rang neu vay".split())
# English words that carry no search meaning. Deliberately English-only spellings: "to", "do", "the",
# "in", "on", "may" are also unaccented Vietnamese syllables and must not be dropped from those.
EN_STOPWORDS = frozenset(
    "what which who whom whose when where why how is are was were be been being will would shall should "
    "must can could has have had does did do of for with and or a an the to in on at as by its it's their "
    "they them this that these those there about into than then any some all each every much many please "
    "tell me us our you your according".split()
)
# English month names in calendar order (question dates, "due in December").
EN_MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july", "august",
                              "september", "october", "november", "december")
