"""What a question asks besides its intent (an issuer, recipients, tasks, places …) and the document it names.

Every detector reads the question as normalise_question gives it: folded, lower case, punctuation as
spaces, so that accented, unaccented and English wordings meet the same patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.text.normalize import fold
from index.text.vocabulary import ASKED_TYPES, NUMBERED_TYPES, folded_alternation

# The document types a question may ask about ("Kế hoạch nào", "là đề án gì"), folded.
ASKED_DOC_TYPES = folded_alternation(ASKED_TYPES)
# A document named by its number in a question: "Kế hoạch số 48", "Quyết định 3433".
NUMBERED_DOC_TYPES = folded_alternation(NUMBERED_TYPES)
EN_DOCS = r"(?:document|decision|plan|dispatch|letter|directive|resolution|decree|circular|notice|report)"
# "xã nào / which communes": the answer is a list of places; the intent rules use these too.
WHICH_PLACE_PATTERNS = [
    r"\b(?:xa|dia phuong|huyen|thon|to dan pho|thi tran|phuong) nao\b",
    r"\bwhich (?:communes?|localit(?:y|ies)|villages?|towns?|wards?)\b",
]

_DOC_NUMBER_Q = re.compile(rf"\b{NUMBERED_DOC_TYPES}\s+(?:so\s+)?(\d+[\w/.-]*)")
# A số ký hiệu names its document even without a type word the glossary knows ("telegram
# 220/CĐ-TTg", "theo 174/CV-BCĐ"): a number, a slash and the issuer's letters.
_KY_HIEU_Q = re.compile(r"(?<![\w/])(\d+/(?:\d{4}/)?[a-z][a-z0-9.]*-[\w.-]+)")

# Each kind of answer a question may want besides its intent, as the alternatives that say so; one
# pattern per kind is compiled from them.
_ASKED: dict[str, list[str]] = {
    # "who coordinates / supports": answered from the phối hợp units
    "coordination": [r"\bphoi hop\b", r"\bcoordinat", r"\bsupport(?:s|ing)?\b", r"\bassist"],
    # "what must X do": answered with the list of X's tasks
    "tasks": [
        r"\b(?:nhiem vu|lam|viec) gi\b", r"\bnhung (?:nhiem vu|viec) nao\b", r"\bphai lam\b", r"\bcan lam\b",
        r"\bduoc giao gi\b", r"\b(?:trach nhiem|nhiem vu)\b.*\bgi\b", r"\btasks?\b", r"\bduties\b",
        r"\bwhat (?:must|should|does|do|will) .* do\b", r"\bresponsibilities\b",
    ],
    # "Cơ quan nào ban hành Quyết định 3433?": the issuer of a document, not a unit's task
    "issuer": [
        rf"\b{ASKED_DOC_TYPES}\b.*\b(?:do|cua)? ?(?:ai|co quan nao|don vi nao|cap nao) (?:ky )?ban hanh\b",
        rf"\b(?:ai|co quan nao|don vi nao|cap nao) (?:da )?ban hanh (?:cac |nhung )?{ASKED_DOC_TYPES}",
        r"\bco quan ban hanh\b", r"\bwho issued\b", r"\bwhich (?:agency|body|authority|office) issued\b",
        r"\bissued by\b",
    ],
    # "Công văn này gửi cho những đơn vị nào?": the Kính gửi list
    "recipients": [
        r"\bkinh gui\b", r"\bgui (?:cho |den )?(?:ai|nhung (?:don vi|co quan) nao|don vi nao|co quan nao)\b",
        r"\bnoi nhan\b", r"\baddressed to\b", r"\brecipients?\b", r"\bsent to whom\b",
    ],
    "which_place": WHICH_PLACE_PATTERNS,
    # The date of a document itself: "Văn bản số 1593 ban hành ngày nào?", "Quyết định 3433 ngày nào?".
    # A question naming a document and a task ("Theo Công văn 174, các Bộ báo cáo trước ngày nào?") asks
    # the task's deadline; "định kỳ", "kỳ họp" fold to "ky" too, so signing is asked as a phrase.
    "document_date": [
        r"\bban hanh\b", r"(?<!dinh )(?<!nhiem )(?<!thoi )(?<!hoc )(?<!chu )\bky (?:ngay|vao|khi|ban hanh)\b",
        r"\bngay ky\b", r"\bde ngay\b", r"\b(?:issued|signed|dated)\b", r"\bdate of (?:the |this )?" + EN_DOCS,
        rf"\b{NUMBERED_DOC_TYPES}\s+(?:so\s+)?\d\S*\s+(?:la\s+)?ngay (?:nao|bao nhieu)\b",
    ],
    # A document's subject (its trích yếu): "Kế hoạch số 48 là về việc gì?", "Đề án 06 là đề án gì?". A
    # question that only names its document ("Theo Quyết định 1594, … phải dùng mẫu đơn nào?") asks a
    # fact inside it, not what the document is about.
    "subject": [
        r"\bve (?:viec |noi dung |van de )?gi\b", r"\bnoi dung (?:chinh )?(?:la )?gi\b",
        rf"\bla (?:ve )?{ASKED_DOC_TYPES} gi\b", rf"^{NUMBERED_DOC_TYPES} (?:so )?\S+ la gi$", r"\btrich yeu\b",
        r"\bwhat (?:is|was|are) (?:the )?\S+ (?:\S+ ){0,6}about\b", r"\babout what\b", r"\bsubject of\b",
    ],
}
_ASKS: dict[str, re.Pattern[str]] = {kind: re.compile("|".join(alternatives)) for kind, alternatives in _ASKED.items()}


def normalise_question(question: str) -> str:
    """Folded, lower-case, single-spaced, punctuation as spaces: the text the intent rules read."""
    text = fold(question)
    text = re.sub(r"[?!.,;:()\"'«»“”]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Asks:
    """What kind of answer a question wants besides its intent, read once per question."""

    coordination: bool = False   # "who coordinates / supports": answered from the phối hợp units
    tasks: bool = False          # "what must X do": answered with the list of X's tasks
    issuer: bool = False         # "Cơ quan nào ban hành Quyết định 3433?": a document's issuer
    recipients: bool = False     # "Công văn này gửi cho những đơn vị nào?": the Kính gửi list
    which_place: bool = False    # "xã nào / which communes ...?": a list of places (often a footnote)
    document_date: bool = False  # "Quyết định 3433 ban hành ngày nào?": a document's own date
    subject: bool = False        # "Kế hoạch số 48 là về việc gì?": a document's subject

    @classmethod
    def of(cls, normalised: str) -> Asks:
        """normalised: the question as normalise_question gives it."""
        return cls(**{kind: bool(pattern.search(normalised)) for kind, pattern in _ASKS.items()})


def asks_coordination(question: str) -> bool:
    """True for "who coordinates / supports" questions, answered from the phối hợp units."""
    return Asks.of(normalise_question(question)).coordination


def asks_tasks(question: str) -> bool:
    """True for "what must X do" questions, answered with the list of X's tasks."""
    return Asks.of(normalise_question(question)).tasks


def asks_issuer(question: str) -> bool:
    """"Cơ quan nào ban hành Quyết định 3433?": the issuer of a document, not a unit's task."""
    return Asks.of(normalise_question(question)).issuer


def asks_recipients(question: str) -> bool:
    """"Công văn này gửi cho những đơn vị nào?": the Kính gửi list."""
    return Asks.of(normalise_question(question)).recipients


def asks_which_place(question: str) -> bool:
    """True for "xã nào / which communes ...?": the answer is a list of places (often a footnote)."""
    return Asks.of(normalise_question(question)).which_place


def asked_document_number(question: str) -> str | None:
    """The number in "Kế hoạch số 48 ... là gì?" (folded, lower case), if the question names one."""
    folded = fold(question)
    typed = _DOC_NUMBER_Q.search(folded)
    # A full số ký hiệu is more specific than a bare number after a type word ("Đề án 153").
    asked = typed if typed and "/" in typed.group(1) else _KY_HIEU_Q.search(folded) or typed
    return asked.group(1).rstrip("-/.") if asked else None


# Where a question names the document it is about rather than one that document cites: at its start
# ("Theo Công điện 220/CĐ-TTg, …", "Quyết định 1805/QĐ-UBND của Phú Thọ công bố …") or after
# "trong" ("… được nêu trong Thông báo 641/TB-VPCP?"); not "… sửa đổi Nghị định 113/2013/NĐ-CP".
_ABOUT_DOCUMENT = re.compile(rf"(?:^(?:theo\s+)?|\btrong\s+){NUMBERED_DOC_TYPES}\s+(?:so\s+)?\d")


def document_asked_about(question: str) -> str | None:
    """The full số ký hiệu (folded) of the document the question is about, when it names one so."""
    number = asked_document_number(question)
    return number if number and "/" in number and _ABOUT_DOCUMENT.search(fold(question).strip()) else None
