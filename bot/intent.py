"""What kind of answer a question asks for: who / when / number / ref / signer / what.

Rules run on the accent-folded, lower-cased question so that "Hạn nộp báo cáo là ngày nào?" and
"han nop bao cao la ngay nao" get the same intent. Folding merges some syllables ("hạn" and "hàn",
"mấy" and "máy"), so each pattern is a phrase that stays unambiguous once folded, not a lone syllable.
"""

from __future__ import annotations

import re

from bot.glossary import is_english
from index.textnorm import fold

INTENTS = ("who", "when", "number", "ref", "signer", "what")

_DOC_TYPES = (
    r"(?:van ban|quyet dinh|ke hoach|cong van|nghi dinh|nghi quyet|thong tu|chi thi|thong bao|"
    r"ket luan|cong dien|bao cao|chuong trinh|de an|huong dan|quy che|quy dinh)"
)
# "mấy" (how many) folds to "may"; "máy tính" (computer) and English "may" (modal) are not it.
_MAY = r"\bmay\b(?! (?:tinh|moc|chu|in|scan|photo|lanh|chieu|bay)\b)"
_EN_DOCS = r"(?:document|decision|plan|dispatch|letter|directive|resolution|decree|circular|notice|report)"

# Checked in this order; the first intent with a matching pattern wins. Signer before who ("ai ký"
# contains "ai"), ref before number ("số mấy"), "which commune" before number ("xã nào có tỷ lệ ...
# thấp?" asks for the communes, listed in a footnote, not for the rate).
_RULES: list[tuple[str, list[str]]] = [
    ("signer", [
        r"\bai (?:da )?ky\b", r"\bnguoi (?:da )?ky\b", r"\bky boi ai\b", r"\bdo ai ky\b", r"\bai la nguoi ky\b",
        r"\bky ten\b", r"\bchu ky cua ai\b", r"\bwho (?:has |had )?signed\b", r"\bsigned by (?:whom|who)\b",
        r"\bsignatory\b", r"\bsigner\b", r"\bwho (?:is|was) the sign",
    ]),
    ("ref", [
        rf"\b{_DOC_TYPES} (?:nao|so nao|so may|so bao nhieu)\b", r"\bcan cu (?:vao )?(?:van ban )?nao\b",
        r"\btheo (?:van ban|quyet dinh|ke hoach) nao\b", r"\bso (?:ky )?hieu\b", r"\bso van ban\b",
        rf"\b(?:which|what) {_EN_DOCS}\b", rf"\b{_EN_DOCS} number\b", r"\breference number\b",
        r"\bbased on what\b", r"\bunder which\b",
    ]),
    ("what", [
        # "which commune(s)/locality": the answer is a list of places, never a unit assignment
        r"\b(?:xa|dia phuong|huyen|thon|to dan pho|thi tran|phuong) nao\b",
        r"\bwhich (?:communes?|localit(?:y|ies)|villages?|towns?|wards?)\b",
    ]),
    ("when", [
        r"\bkhi nao\b", r"\bbao gio\b", r"\bluc nao\b", r"\bthoi han\b",
        r"\bhan (?:chot|cuoi|nop|gui|hoan thanh|bao cao)\b",
        r"^han\b(?! che)", r"\bhet han\b", r"\bngay nao\b", r"\bngay bao nhieu\b", r"\bthang nao\b",
        r"\bthoi gian nao\b", r"\bthoi diem nao\b", r"\bden bao gio\b", r"\bbao lau\b", r"\btu ngay nao\b",
        r"\bwhen\b", r"\bdue\b(?! to)", r"\bdeadline\b", r"\bby when\b", r"\bwhat (?:date|day|time)\b",
        r"\bwhich (?:date|day|month)\b", r"\bhow long\b", r"\btime limit\b",
    ]),
    ("number", [
        r"\bbao nhieu\b", _MAY, r"\bso luong\b",
        r"\bty le\b", r"\bphan tram\b", r"\bhow (?:many|much)\b",
        r"\bwhat (?:percentage|percent|proportion|share|rate)\b",
        r"\bnumber of\b", r"\bpercentage\b",
    ]),
    ("who", [
        r"\bai\b", r"\b(?:don vi|co quan|bo phan) (?:chu tri|phu trach)\b",
        r"\b(?:don vi|phong|co quan|bo phan|ca nhan|to chuc|nguoi|can bo|ban|so|to) nao\b",
        r"\bwho\b", r"\bwhom\b", r"\bwhose\b",
        r"\bwhich (?:office|unit|department|agency|body|division|section|team|organi[sz]ation|official|person)s?\b",
        r"\bresponsible\b", r"\bin charge\b",
    ]),
]
_COMPILED = [(intent, [re.compile(p) for p in pats]) for intent, pats in _RULES]


def normalise_question(question: str) -> str:
    """Folded, lower-case, single-spaced, punctuation as spaces: the text the intent rules read."""
    text = fold(question)
    text = re.sub(r"[?!.,;:()\"'«»“”]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def detect_intent(question: str) -> str:
    """One of INTENTS; "what" when no question word marks a more specific kind."""
    text = normalise_question(question)
    english = is_english(question)
    for intent, patterns in _COMPILED:
        if any(p.search(text) for p in patterns if not (english and p.pattern == _MAY)):
            return intent
    return "what"


def asks_coordination(question: str) -> bool:
    """True for "who coordinates / supports" questions, answered from the phối hợp units."""
    text = normalise_question(question)
    return bool(re.search(r"\bphoi hop\b|\bcoordinat|\bsupport(?:s|ing)?\b|\bassist", text))


def asks_tasks(question: str) -> bool:
    """True for "what must X do" questions, answered with the list of X's tasks."""
    text = normalise_question(question)
    return bool(re.search(
        r"\b(?:nhiem vu|lam|viec) gi\b|\bnhung (?:nhiem vu|viec) nao\b|\bphai lam\b|\bcan lam\b|\bduoc giao gi\b"
        r"|\btasks?\b|\bduties\b|\bwhat (?:must|should|does|do|will) .* do\b|\bresponsibilities\b",
        text,
    ))


_WHICH_PLACE = re.compile(_RULES[2][1][0] + "|" + _RULES[2][1][1])


def asks_which_place(question: str) -> bool:
    """True for "xã nào / which communes ...?": the answer is a list of places (often a footnote)."""
    return bool(_WHICH_PLACE.search(normalise_question(question)))
