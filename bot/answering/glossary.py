"""Bilingual lookup: English (or mixed) questions become Vietnamese search terms, abbreviations both ways.

The lexical index only knows Vietnamese words, so an English question would find nothing there; the
multilingual embedder understands English but ranks less precisely. Mapping the domain vocabulary to
the words the directives actually use lets both halves of the search work on English questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.answering.glossary_institutions import INSTITUTIONS, TASK_WORDS
from bot.answering.glossary_vocabulary import GENERAL_TERMS
from index.text.normalize import fold
from index.text.vocabulary import EN_MONTHS, EN_STOPWORDS, SEARCH_ABBREVIATIONS

# English phrase (lower case) -> Vietnamese wording used in directives: the general vocabulary, then
# ministries, departments and other bodies by their full names (replacing the general renderings),
# then the genre's task words where the general vocabulary has none (its own renderings stay).
GLOSSARY: dict[str, str] = {**GENERAL_TERMS, **INSTITUTIONS}
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
