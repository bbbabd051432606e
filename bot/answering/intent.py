"""A question's intent (who / when / number / ref / signer / author / what) and its content words (Query).

Rules run on the accent-folded, lower-cased question so that "Hạn nộp báo cáo là ngày nào?" and
"han nop bao cao la ngay nao" get the same intent. Folding merges some syllables ("hạn" and "hàn",
"mấy" and "máy"), so each pattern is a phrase that stays unambiguous once folded, not a lone syllable.
The content words (Query) are what a clause must contain to count as evidence, weighted by rarity.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from bot.answering.glossary import canonical, is_english
from bot.answering.question_features import (
    ASKED_DOC_TYPES,
    EN_DOCS,
    WHICH_PLACE_PATTERNS,
    Asks,
    asked_document_number,
    document_asked_about,
    normalise_question,
)
from bot.answering.terms import WORD, TermWeights, word_pairs, word_set
from bot.answering.unit_slots import Slot, asked_slot
from index.extract.units import find_units
from index.text.normalize import fold
from index.text.vocabulary import EVIDENCE_STOPWORDS, PURE_FUNCTION

INTENTS = ("who", "when", "number", "ref", "signer", "author", "what")

# "mấy" (how many) folds to "may"; "máy tính" (computer) and English "may" (modal) are not it.
_MAY = r"\bmay\b(?! (?:tinh|moc|chu|in|scan|photo|lanh|chieu|bay)\b)"

# A unit asked by its kind: "đơn vị nào", "những Bộ nào", "cục nào"; not "nhiệm vụ nào", "dịch vụ nào".
_UNIT_ASKED = (r"\b(?:don vi|phong|co quan|bo phan|ban|so|bo|cuc|chi cuc|(?<!nhiem )(?<!dich )(?<!phuc )vu"
               r"|trung tam|uy ban|dai|tong cuc) nao\b")
_EN_UNIT_ASKED = (r"\bwhich (?:office|unit|department|agency|body|bodies|division|section|team|organi[sz]ation"
                  r"|official|person|ministry|ministries|authority|authorities|committee|centre|center|board)s?\b")

# Checked in this order; the first intent with a matching pattern wins. Author and signer before who
# ("ai ký", "ai là tác giả" contain "ai"), ref before number ("số mấy"), "which commune" before number
# ("xã nào có tỷ lệ ... thấp?" asks for the communes, listed in a footnote, not for the rate).
_RULES: list[tuple[str, list[str]]] = [
    # The byline of an article ("người Việt Nam" is not "người viết")
    ("author", [
        r"\btac gia\b", r"\bai (?:la nguoi |da )?viet\b(?! nam)", r"\bnguoi viet\b(?! nam)", r"\bviet boi ai\b",
        r"\bdo ai viet\b", r"\bauthor(?:s|ed)?\b", r"\bwho (?:wrote|has written|had written)\b", r"\bwritten by\b",
        r"\bwriter\b",
    ]),
    ("signer", [
        r"\bai (?:da )?ky\b", r"\bnguoi (?:da )?ky\b", r"\bky boi ai\b", r"\bdo ai ky\b", r"\bai la nguoi ky\b",
        r"\bky ten\b", r"\bchu ky cua ai\b", r"\bwho (?:has |had )?signed\b", r"\bsigned by (?:whom|who)\b",
        r"\bsignatory\b", r"\bsigner\b", r"\bwho (?:is|was) the sign",
    ]),
    ("ref", [
        rf"\b{ASKED_DOC_TYPES} (?:nao|so nao|so may|so bao nhieu)\b", r"\bcan cu (?:vao )?(?:van ban )?nao\b",
        r"\btheo (?:van ban|quyet dinh|ke hoach) nao\b", r"\bso (?:ky )?hieu\b", r"\bso van ban\b",
        rf"\b(?:which|what) {EN_DOCS}\b", rf"\b{EN_DOCS} number\b", r"\breference number\b",
        r"\bbased on what\b", r"\bunder which\b",
    ]),
    # "which commune(s)/locality": the answer is a list of places, never a unit assignment
    ("what", WHICH_PLACE_PATTERNS),
    # "Thời hạn giải quyết là bao nhiêu ngày làm việc?" asks a length of time, a figure, not a date.
    ("number", [r"\bbao nhieu (?:ngay|thang|tuan|gio)\b", r"\bhow many (?:days|months|weeks|hours)\b"]),
    ("when", [
        r"\bkhi nao\b", r"\bbao gio\b", r"(?<!phu )\bluc nao\b", r"\bthoi han\b",
        r"\bhan (?:chot|cuoi|nop|gui|hoan thanh|bao cao)\b",
        r"^han\b(?! che)", r"\bhet han\b", r"\bngay nao\b", r"\bngay bao nhieu\b", r"\bthang nao\b",
        r"\bthoi gian nao\b", r"\bthoi diem nao\b", r"\bden bao gio\b", r"\bbao lau\b", r"\btu ngay nao\b",
        r"\bwhen\b", r"\bdue\b(?! to)", r"\bdeadline\b", r"\bby when\b", r"\bwhat (?:date|day|time)\b",
        r"\bwhich (?:date|day|month)\b", r"\bhow long\b", r"\btime limit\b",
        r"\bngay (?:ban hanh|ky|hieu luc)\b", r"\b(?:co )?hieu luc tu\b", r"\bissued on\b", r"\bdate of\b",
    ]),
    ("number", [r"\bbao nhieu\b", _MAY, r"\bso luong\b", r"\bhow (?:many|much)\b", r"\bnumber of\b"]),
    # A unit asked by its kind ("Bộ nào", "cơ quan nào", "which ministry") is a who question even when
    # what it is about is a rate: "… tỷ lệ 1/500 … được giao Bộ nào xử lý?" asks for the ministry.
    ("who", [_UNIT_ASKED, _EN_UNIT_ASKED]),
    ("number", [
        r"\bty le\b", r"\bphan tram\b", r"\bwhat (?:percentage|percent|proportion|share|rate)\b",
        r"\bpercentage\b",
    ]),
    ("who", [
        r"\bai\b", r"\b(?:don vi|co quan|bo phan) (?:chu tri|phu trach)\b",
        r"\b(?:ca nhan|to chuc|nguoi|can bo|to) nao\b",
        r"\bwho\b", r"\bwhom\b", r"\bwhose\b", r"\bresponsible\b", r"\bin charge\b",
    ]),
]
_COMPILED = [(intent, [re.compile(p) for p in pats]) for intent, pats in _RULES]


def detect_intent(question: str) -> str:
    """One of INTENTS; "what" when no question word marks a more specific kind."""
    text = normalise_question(question)
    english = is_english(question)
    for intent, patterns in _COMPILED:
        if any(p.search(text) for p in patterns if not (english and p.pattern == _MAY)):
            return intent
    return "what"


# Question phrases and function words: they say what is asked, not what about, so they must not
# count as evidence (a clause never contains "bao nhiêu" or "là gì").
_QUESTION_PHRASES = re.compile(
    r"\b(?:bao nhieu|bao gio|bao lau|khi nao|luc nao|ngay nao|thang nao|nhu the nao|the nao|o dau|la gi|"
    r"lam gi|vi sao|tai sao|co phai|hay khong|ai|gi|nao|may|dau|sao)\b"
)
# Function words (index.text.vocabulary says which and why).
STOPWORDS = EVIDENCE_STOPWORDS
# Words (as the segmenter cuts them, folded) that say what kind of answer is wanted, not what the
# question is about: a clause assigning a task rarely says "phụ trách", a deadline rarely "hạn".
# They are no key words (Query.keys); "hạn chế" is one word and stays.
FRAMING: dict[str, frozenset[str]] = {
    "who": frozenset({"phu trach", "chiu trach nhiem", "dam nhiem", "dam nhan"}),
    # "Hạn nộp báo cáo …": the clause says "báo cáo … về UBND huyện trước ngày …", rarely "nộp".
    "when": frozenset({"han", "thoi han", "han chot", "han cuoi", "thoi gian", "thoi diem", "ngay", "han nop",
                       "han gui", "nop", "gui"}),
    "number": frozenset({"tong cong", "tong so", "so luong"}),
    "signer": frozenset({"ky", "ky ten", "chu ky", "nguoi ky"}),
    "author": frozenset({"tac gia", "viet", "nguoi viet"}),
}
# An article's byline is never labelled "tác giả": for "author" questions these words are no
# evidence either ("bài viết" is the document type and stays).
_AUTHOR_WORDS = re.compile(r"\btac gia\b|\bnguoi viet\b|(?<!bai )\bviet\b")


def _framed(words: list[list[str]], framing: frozenset[str] | None) -> list[tuple[list[str], bool]]:
    """Each segmented word (as syllables) and whether it belongs to a framing phrase. A phrase may
    span words ("chịu" + "trách_nhiệm") but never cuts one ("hạn_chế" holds no "hạn")."""
    marked = [False] * len(words)
    for i in range(len(words)):
        for j in range(i + 1, min(i + 4, len(words)) + 1):
            if framing and " ".join(s for w in words[i:j] for s in w) in framing:
                marked[i:j] = [True] * (j - i)
    return list(zip(words, marked, strict=True))


@dataclass
class Query:
    """A question prepared for matching against clause text."""

    question: str
    intent: str
    search_text: str                      # Vietnamese wording (after the glossary)
    terms: list[str] = field(default_factory=list)
    bigrams: list[str] = field(default_factory=list)
    weights: TermWeights = field(default_factory=TermWeights)
    keys: list[str] = field(default_factory=list)   # the question's words (terms and word-internal pairs)

    @classmethod
    def build(cls, question: str, intent: str, search_text: str, weights: TermWeights | None = None,
              vocabulary: set[str] | None = None, segmented: list[str] | None = None) -> Query:
        """vocabulary: for English questions, the words the glossary produced. Untranslated English
        words can never occur in a Vietnamese clause and must not count as missing evidence; a
        question with no CCHC vocabulary at all ("capital of France") has no evidence to find.
        segmented: search_text cut into words ("thi_tuyển"), which tells the key words from pairs
        that straddle two words ("sơ thi"); without it the query has no key words."""
        terms: list[str] = []
        grams: list[str] = []
        text = canonical(search_text)
        pieces = _AUTHOR_WORDS.split(text) if intent == "author" else [text]
        # Question words split the question into stretches; pairs never straddle one ("ai phụ").
        for stretch in (s for piece in pieces for s in _QUESTION_PHRASES.split(piece)):
            tokens = WORD.findall(stretch)
            if vocabulary is not None:
                tokens = [t for t in tokens if t in vocabulary or (vocabulary and t[0].isdigit())]
            terms += [t for t in tokens if t not in STOPWORDS]
            grams += [g for g in word_pairs(tokens) if not set(g.split()) & PURE_FUNCTION]
        query = cls(question, intent, search_text, list(dict.fromkeys(terms)), list(dict.fromkeys(grams)),
                    weights or TermWeights())
        if segmented is not None:
            query.keys = query._key_words(segmented)
        return query

    # --- the question's features, each computed once (extractors read them for every candidate clause)
    @functools.cached_property
    def normalised(self) -> str:
        """The question as the intent rules read it (normalise_question)."""
        return normalise_question(self.question)

    @functools.cached_property
    def folded(self) -> str:
        """The question accent-folded, punctuation kept."""
        return fold(self.question)

    @functools.cached_property
    def canonical(self) -> str:
        """The question folded with long forms abbreviated (glossary.canonical)."""
        return canonical(self.question)

    @functools.cached_property
    def document_number(self) -> str | None:
        """The number of the document the question names ("Kế hoạch số 48"), read from the Vietnamese wording."""
        return asked_document_number(self.search_text)

    @functools.cached_property
    def document_about(self) -> str | None:
        """The full số ký hiệu of the document the question is about ("Theo Công điện 220/CĐ-TTg, …"):
        no other document's clause answers it."""
        return document_asked_about(self.search_text)

    @functools.cached_property
    def asked_units(self) -> list[str]:
        """The units the question names, as it writes them (titles too: bot.answering.who_units
        resolves "Bộ trưởng Bộ Công Thương" to the ministry)."""
        return find_units(self.question)

    @functools.cached_property
    def slot(self) -> Slot | None:
        """For who questions, the unit asked when it is not the task's own: a report's recipient, the
        unit it passes through, a unit's parent body (bot.answering.unit_slots)."""
        return asked_slot(self.normalised) if self.intent == "who" else None

    @functools.cached_property
    def asks(self) -> Asks:
        """What else the question asks (a task list, an issuer, places …)."""
        return Asks.of(self.normalised)

    def _key_words(self, segmented: list[str]) -> list[str]:
        """Terms that are whole words and word-internal pairs: "thi tuyen", "cong chuc", "tthc",
        "nop"; not "so thi" (hồ sơ | thi tuyển) nor "thi" alone; framing words left out."""
        inner: set[str] = set()
        parts: set[str] = set()   # syllables of compounds and of framing words: never keys alone
        for syllables, framing in _framed([fold(t).split("_") for t in segmented], FRAMING.get(self.intent)):
            if framing or len(syllables) > 1:
                parts.update(syllables)
            if not framing:
                inner.update(word_pairs(syllables))
        return [t for t in self.terms if t not in parts] + [b for b in self.bigrams if b in inner]

    def rare_missing(self, text: str) -> float:
        """Weighted share of the key words that are rare in the corpus and absent from the text."""
        total = sum(self.weights(k) for k in self.keys)
        if not total:
            return 0.0
        have = word_set(text)
        return sum(self.weights(k) for k in self.keys if k not in have and self.weights.rare(k)) / total

    def covers(self, text: str) -> bool:
        """Every key word of the question is in the text (rare or not)."""
        have = word_set(text)
        return all(k in have for k in self.keys)

    def match(self, text: str) -> float:
        """Weighted share of the question's words (and word pairs) found in the text, 0..1."""
        if not self.terms:
            return 0.0
        have = word_set(text)
        weighted = self._weighted
        total = sum(w for _, w in weighted)
        found = sum(w for t, w in weighted if t in have)
        return found / total if total else 0.0

    @functools.cached_property
    def _weighted(self) -> list[tuple[str, float]]:
        # Asked dozens of times per question; the terms and weights do not change.
        return [(t, self.weights(t)) for t in [*self.terms, *self.bigrams]]
