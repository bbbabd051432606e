"""Figure answers: the figure of a clause whose own words carry the question's qualifiers.

"Bao nhiêu thủ tục hành chính mới ban hành?" is answered by the figure whose phrase says "mới ban
hành", not by the first figure of the sentence; a figure in a footnote is read with the sentence
pointing to it; dates, document numbers and list numbers are no figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.extract_answer import FOOTNOTE_MARK, Extraction, sentences
from bot.answering.intent import Query
from bot.answering.terms import words
from index.store.models import Clause
from index.text.normalize import fold

# A flattened table cell lists its cases inline: "- Đến 01 tỷ đồng … - Trên 01 đến 10 tỷ đồng …".
_FRAGMENT_SPLIT = re.compile(r"[;:()\n|]|,(?!\d)|\.(?!\d)|\s+và\s+|\s[-–]\s")
_NUM = r"\d+(?:[.,]\d+)*"
# Dates, document numbers, years, standards and list numbers are not the figures people ask about.
_NOT_FIGURES = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}/\d{4}\b|\bngày\s+\d{1,2}(?:/\d{1,2})?\b"
    r"|\d+(?:[/-]\d+)*[/-][A-ZĐ][\w-]*(?:/[\w-]+)*|(?:ISO|TCVN)[\s\d:.]*"
    # "mục 3" is a section; "danh mục 16 thủ tục" a list of 16 things, a figure
    r"|\b(?:năm|quý|tháng|giai đoạn|nhiệm kỳ|số|Đề án|Chỉ thị|Điều|khoản|thứ tự|(?<!danh )mục)"
    r"\s+[\dIVX]+(?:\s*[-–,]\s*\d+)*"
    r"|\b(?:19|20)\d{2}\b|^\s*\d+[.)]\s|^\s*\d+\s*\|",   # an item's, a table row's number
    re.IGNORECASE | re.MULTILINE,
)
_UNIT_STOP = frozenset(
    "và của đối được trong tại theo đã với là thì nhưng cho từ đến so trên đạt không có này đó các những "
    "một như khi để nên hoặc về vào ra đang sẽ đều còn chưa".split()
)
_FRACTION = re.compile(rf"({_NUM})\s+([^\W\d_][^\d/,;()]{{0,40}}?)\s*/\s*({_NUM})(\s*[^\W\d_][^\d,;().]{{0,40}})?")
_FIGURE = re.compile(rf"(?<![\w/.,-])({_NUM}(?:/\d+)?)(\s*%)?")   # "14/19 đơn vị": a rank or ratio


def _unit_after(text: str) -> str:
    """The unit noun after a figure: "TTHC", "hồ sơ", "văn bản QPPL"; stops at connectives."""
    out: list[str] = []
    for word in re.findall(r"[^\W\d_][\w&]*|\S", text[:60]):
        if not word[0].isalpha() or word.lower() in _UNIT_STOP or len(out) == 3:
            break
        out.append(word)
        if word.isupper() and len(word) > 1:  # an abbreviation (TTHC, QPPL) is the whole unit
            break
    return " ".join(out)


def figures(text: str) -> list[tuple[int, str]]:
    """(position, figure with its unit) for each figure in the text."""
    masked = _NOT_FIGURES.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[int, str]] = []
    taken: list[range] = []
    for m in _FRACTION.finditer(masked):
        found.append((m.start(), text[m.start(): m.end()].strip(" .,;")))
        taken.append(range(m.start(), m.end()))
    for m in _FIGURE.finditer(masked):
        if any(m.start() in r for r in taken):
            continue
        words_form = _SPELLED.match(text, m.end())   # "15 (mười lăm) ngày": the number in words too
        end = words_form.end() if words_form and not m.group(2) else m.end()
        unit = "%" if m.group(2) else _unit_after(text[end:])
        number = m.group(1) if m.group(2) else text[m.start():end].strip()
        found.append((m.start(), f"{number}{unit if unit == '%' else ' ' + unit}".strip()))
    return sorted(found)


# Legal texts write a figure again in words: "15 (mười lăm) ngày", "01 (một) Danh mục".
_SPELLED = re.compile(r"\s*\((?:[^\W\d_]+\s?){1,5}\)")


# Parallel figures are joined by "và", ";" or an inline dash; a comma or "trong đó" goes on about
# the figure before ("có 101 TTHC, cung cấp trực tuyến đối với 32 TTHC"; "180 trạm, trong đó 22 …").
_COORDINATION = re.compile(r"\s+và\s+|;|\s[-–]\s")


def _fragment_at(text: str, pos: int) -> str:
    """The fragment holding pos, with the one before it: "tỷ lệ nộp hồ sơ trực tuyến thấp (05 hồ sơ …)"
    tells what 05 counts. When the one before is a parallel figure's ("16 thủ tục mới ban hành và 06
    thủ tục bị bãi bỏ"), only its lead-in is shared ("Danh mục"): each figure owns its own words."""
    splits = [m for m in _FRAGMENT_SPLIT.finditer(text) if m.end() <= pos]
    end = next((m.start() for m in _FRAGMENT_SPLIT.finditer(text, pos) if m.start() > pos), len(text))
    if not splits:
        return text[:end]
    start = splits[-2].end() if len(splits) > 1 else 0
    before = text[start: splits[-1].start()]
    sibling = figures(before) if _COORDINATION.fullmatch(splits[-1].group(0)) else []
    # "Danh mục 16 … và 06 …": the words before the first of two figures joined by "và" are both's.
    shared = sibling and splits[-1].group(0).strip() == "và"
    lead_in = (before[: sibling[0][0]] if shared else "") if sibling else before
    return f"{lead_in} {text[splits[-1].end(): end]}"


def _name_before(text: str, pos: int) -> str:
    """A place or unit name right before a figure in a list: "Sơn Lĩnh" in "Các xã: Sơn Lĩnh 15,58%"."""
    name: list[str] = []
    for word in reversed(text[max(0, pos - 40): pos].split(" ")[:-1] if text[pos - 1: pos] == " " else []):
        if not (word[:1].isupper() and word.isalpha()) or len(name) == 3:
            break
        name.insert(0, word)
    return " ".join(name) + " " if name else ""


def _figure_contexts(clause: Clause) -> list[tuple[str, str, str]]:
    """(sentence, what the sentence is about, what its figures are about besides their own words).

    A footnote's figures are about the clause fragment that points to it: "tỷ lệ số hóa hồ sơ
    không đạt⁴" + "Các xã: Sơn Lĩnh 15,58%, ..."."""
    out: list[tuple[str, str, str]] = []
    cited: set[str] = set()
    for sentence in sentences(clause.text):
        out.append((sentence, sentence, ""))
        for mark in FOOTNOTE_MARK.finditer(sentence):
            if mark.group(0) in clause.footnotes:
                cited.add(mark.group(0))
                pointer = _fragment_at(sentence, mark.start())
                out += [(note, f"{sentence} {note}", pointer) for note in sentences(clause.footnotes[mark.group(0)])]
    for mark, note in clause.footnotes.items():
        if mark not in cited:
            out += [(s, s, "") for s in sentences(note)]
    return out


@dataclass(frozen=True)
class _FigureQuestion:
    """What a figure question asks, read once: a percentage, a target, what it counts and the
    words that qualify it ("bao nhiêu TTHC mới ban hành": "mới ban hành"), the figures it states."""

    wants_percent: bool
    asks_target: bool
    counted: str
    qualifiers: frozenset[str]
    stated: frozenset[str]

    @classmethod
    def of(cls, query: Query) -> _FigureQuestion:
        question = query.canonical
        return cls(bool(re.search(r"\b(?:ty le|phan tram|percent|percentage|rate)\b", question)),
                   bool(_TARGET.search(question)), _counted_noun(question), _qualifiers(question),
                   frozenset(t for t in query.terms if t[:1].isdigit()))


def extract_number(query: Query, clause: Clause) -> Extraction | None:
    """The figure whose sentence and nearby words best match the question, with its unit. A target
    ("tối thiểu 50%", "chỉ tiêu của tỉnh (50%)") answers a question about targets; a question about
    what was achieved ("đạt bao nhiêu?") prefers achieved figures. A figure without the words that
    qualify what the question counts is a weaker answer, so that a clause holding them wins."""
    asked = _FigureQuestion.of(query)
    best: tuple[float, str, str, bool, bool] | None = None
    for sentence, about, pointer in _figure_contexts(clause):
        sentence_score = query.match(about)
        for pos, figure in figures(sentence):
            if figure.split()[0].rstrip("%") in asked.stated:
                continue   # "từ 34 tỉnh xuống còn bao nhiêu?": the figure the question states is no answer
            fragment = _fragment_at(sentence, pos)
            # Compared in canonical words: "bao nhiêu thủ tục hành chính" counts "tthc".
            own = set(words(f"{figure} {fragment}"))
            if asked.counted and asked.counted not in own:
                continue   # "bao nhiêu công chức?" is not answered by "50%" or "12 hồ sơ"
            target, qualified = bool(_TARGET.search(fold(fragment))), asked.qualifiers <= own
            score = 2 * query.match(f"{pointer} {fragment}") + sentence_score + (0.5 if qualified else 0.0)
            score += 0.3 if asked.wants_percent and figure.endswith("%") else 0.0
            score += (1.0 if asked.asks_target else -0.6) if target else 0.0
            if best is None or score > best[0]:
                best = (score, _name_before(sentence, pos) + figure, sentence, target, qualified)
    if best is None:
        return None
    quality = (1.0 if best[0] > 0 else 0.5) * (0.7 if best[3] and not asked.asks_target else 1.0)
    return Extraction(best[1], quality * (1.0 if best[4] else 0.8), best[2])


_COUNTED = re.compile(r"\b(?:bao nhieu|may)\s+([a-z]+)\b")
_NOT_NOUNS = frozenset("phan tram lan la thi va cua trong nam thang ngay duoc da con".split())


# What ends the words qualifying a counted noun: "bao nhiêu TTHC mới ban hành trong lĩnh vực …".
_QUALIFIER = re.compile(r"\b(?:bao nhieu|may)\s+[a-z]+((?:\s+[a-z0-9]+){1,4})")
_QUALIFIER_END = frozenset("trong cua tai theo thuoc o la vao den tu nam tren duoi va hien nay".split())


def _qualifiers(question: str) -> frozenset[str]:
    """The words right after what "bao nhiêu <noun>" counts, up to a preposition, folded."""
    m = _QUALIFIER.search(question)
    found: list[str] = []
    for word in (m.group(1).split() if m else []):
        if word in _QUALIFIER_END:
            break
        found.append(word)
    return frozenset(found)


def _counted_noun(question: str) -> str:
    """The first syllable of what "bao nhiêu <noun>" counts ("bao nhiêu xã" -> "xa"), folded; ""
    when it counts nothing named ("là bao nhiêu?", "bao nhiêu phần trăm")."""
    m = _COUNTED.search(question)
    return m.group(1) if m and m.group(1) not in _NOT_NOUNS else ""


_TARGET = re.compile(r"\b(?:chi tieu|muc tieu|toi thieu|phan dau|phai dat|it nhat|target|goal)\b")


