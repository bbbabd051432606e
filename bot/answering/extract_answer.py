"""Extractive answers: pull the unit, date, figure, cited document or key sentence out of a clause.

Nothing here writes an answer of its own: every answer is a span of the clause, its footnotes, its
heading chain or the document header. Each extractor returns None when the clause holds no answer of
the asked kind, so the caller can try the next retrieved clause instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.answering.intent import Query
from bot.answering.terms import words
from bot.answering.unit_slots import slot_units
from bot.answering.who_units import NamedUnits, as_written, heading_unit, unit_options, whole_cell
from index.store.models import Clause, DateMention, Document
from index.store.registry import Registry
from index.text.normalize import clip, fold, vn_date


@dataclass
class Extraction:
    """An answer found in a clause."""

    answer: str
    quality: float          # 1.0: a structured field that answers exactly; lower: a weaker reading
    focus: str = ""         # the sentence the answer came from
    listed: bool = False    # the answer lists items (footnote of communes, a unit's task list)
    fallback: bool = False  # the asked kind of fact was not found; this is the clause's key sentence


# --- splitting clause text -------------------------------------------------------------------------
WHOLE_CLAUSE_CHARS = 240   # a "what" answer quotes a clause this short whole
_SENTENCE_SPLIT = re.compile(r"(?<=[.;!?…])\s+(?=\S)|\n+")
FOOTNOTE_MARK = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d+\]")


def sentences(text: str) -> list[str]:
    return [s.strip(" -+•*\t") for s in _SENTENCE_SPLIT.split(text) if s.strip(" -+•*\t")]


def _with_footnotes(fragment: str, clause: Clause) -> str:
    """A sentence followed by the footnotes its markers point to (which list the communes, units...)."""
    notes = [clause.footnotes[m] for m in FOOTNOTE_MARK.findall(fragment) if m in clause.footnotes]
    if not notes:
        return fragment
    return FOOTNOTE_MARK.sub("", fragment).rstrip(" ;,.…") + " — " + " ".join(notes)


def trim(text: str, limit: int) -> str:
    """The text on one line (whitespace collapsed), clipped to limit characters."""
    return clip(re.sub(r"\s+", " ", text).strip(), limit)


def best_sentence(query: Query, clause: Clause) -> tuple[str, float]:
    """The clause sentence (or footnote) that best matches the question, with its match score."""
    candidates = sentences(clause.text) + [s for note in clause.footnotes.values() for s in sentences(note)]
    if not candidates:
        return "", 0.0
    scored = [(query.match(_with_footnotes(s, clause)), -i, s) for i, s in enumerate(candidates)]
    score, _, sentence = max(scored)
    return sentence, score


# --- who -----------------------------------------------------------------------------------------------
# "Giao Phòng Tư pháp chủ trì"; not the passive "nhiệm vụ được giao chủ động triển khai" (no unit).
_GIAO = re.compile(
    r"(?<!được )\b[Gg]iao\s+(.{3,60}?)\s+(?:chủ trì|đôn đốc|thực hiện|theo dõi|tổng hợp|phụ trách|tham mưu)")


def extract_who(query: Query, clause: Clause, doc: Document | None,
                registry: Registry | None = None) -> Extraction | None:
    """The unit asked for: the one a report goes to, passes through or belongs to when the question
    asks that (bot.answering.unit_slots), else the unit carrying out the task (who_units)."""
    if members := _footnoted_members(query, clause):
        return members
    named = NamedUnits(query.asked_units, clause, doc, registry)
    slot = query.slot
    if slot is not None:
        units = slot_units(slot, clause.text, named)
        if units:
            return Extraction("; ".join(units[:4]), 1.0, best_sentence(query, clause)[0])
    found = _assigned_unit(query, clause, doc, named)
    # A clause that does not write the asked slot answers only with the task's unit: weakly.
    return replace(found, quality=found.quality * 0.5) if found and slot else found


# "Những bộ nào …?", "địa phương nào …?": which members of a kind of unit; a report counts them
# and lists them in a footnote: "7 địa phương[1] và 3 Bộ[2] chưa thực hiện …".
_WHICH_MEMBERS = re.compile(r"\b(bo|dia phuong|tinh|thanh pho|xa|phuong|huyen|so|don vi|co quan) nao\b")
_COUNTED_GROUP = re.compile(r"\b\d+\s+([^\W\d_]+(?:\s[^\W\d_]+)?)\s?(\[\d+\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")


def _footnoted_members(query: Query, clause: Clause) -> Extraction | None:
    """The members a clause counts and lists in a footnote, when the question asks which of that kind."""
    asked = _WHICH_MEMBERS.search(query.normalised)
    if not asked or not clause.footnotes:
        return None
    for m in _COUNTED_GROUP.finditer(clause.text):
        note = clause.footnotes.get(m.group(2))
        if note and fold(m.group(1)).lower() == asked.group(1):
            return Extraction(note.strip().rstrip("."), 1.0, best_sentence(query, clause)[0], listed=True)
    return None


def _assigned_unit(query: Query, clause: Clause, doc: Document | None, named: NamedUnits) -> Extraction | None:
    """The unit the clause gives its task to: chủ trì units, the heading's unit, phối hợp units, a
    "Giao X" phrase, the addressees; units the question itself names only when nothing else is."""
    giao = _GIAO.search(clause.text)
    if giao and not (giao.group(1)[0].isupper() or giao.group(1).startswith(("các ", "đồng chí "))):
        giao = None   # "giao trách nhiệm thực hiện": a unit name is capitalised or "các ..."
    options = unit_options(clause, doc, query.asks.coordination, named)
    options.insert(3, ([giao.group(1)] if giao else [], 0.8))
    written = " ".join([*clause.headings, clause.text])
    fallback: Extraction | None = None
    for units, quality in options:
        names = [u.strip() for u in units if u and u.strip() and not _channel_only(u.strip(), clause.text)]
        if not names:
            continue
        if all(map(_generic_unit, names)):
            # "các phòng, đơn vị" tells no more than the Kính gửi list (quality 0.5): a clause
            # naming its unit answers "who" better.
            quality = min(quality, 0.5)
        shown = [whole_cell(as_written(n, written) or n, clause) for n in named.others(names)]
        found = Extraction("; ".join(dict.fromkeys(shown[:4])), quality, best_sentence(query, clause)[0])
        if not named.only(names):
            return found
        fallback = fallback or found   # "Ai phối hợp với Sở Y tế?" is not answered by Sở Y tế
    return fallback


def _channel_only(name: str, text: str) -> bool:
    """A unit named only as the channel of a report ("báo cáo về UBND huyện (qua Phòng Nội vụ)"):
    it receives the report, it does not carry out the task."""
    found = [m.start() for m in re.finditer(re.escape(name), text)]
    return bool(found) and all(re.search(r"\bqua\s*$", text[max(0, i - 6): i]) for i in found)


def _generic_unit(name: str) -> bool:
    """A collective without a proper name: "các phòng, đơn vị", "các cơ quan liên quan"."""
    words = name.split()
    return len(words) > 1 and words[0].lower() == "các" and not any(w[:1].isupper() for w in words[1:])


# --- when ------------------------------------------------------------------------------------------
_KIND_RANK = {"deadline": 1.0, "effective": 0.9, "period": 0.8, "recurring": 0.8}
_FROM_WORDS = re.compile(r"\b(?:tu ngay|ke tu|bat dau|hieu luc|from|effective|start)\b")


# A thông báo kết luận opens with its event: "Ngày 18 tháng 11 năm 2025, tại …, Phó Thủ tướng … đã kiểm
# tra thực tế … và làm việc với thành phố …" — a working visit is asked like a meeting.
_EVENT_WORDS = re.compile(r"\b(?:dien ra|hop|cuoc hop|hoi nghi|to chuc|khai mac|took place|held|meeting|conference"
                          r"|(?<!ngay )lam viec (?:voi|tai)|kiem tra thuc te|worked with|visit(?:ed|s)?)\b")


def _date_sentence(clause: Clause, mention: DateMention) -> str:
    """The clause sentence holding the date: its words tell which obligation the date belongs to."""
    return next((s for s in sentences(clause.text) if mention.text and mention.text in s), mention.text)


def _date_score(query: Query, mention: DateMention, clause: Clause) -> float:
    rank = _KIND_RANK.get(mention.kind, 0.0)
    if mention.kind == "effective" and _FROM_WORDS.search(query.canonical):
        rank = 1.5  # "từ ngày nào / kể từ khi nào" asks for the start, not the end
    return rank + query.match(_date_sentence(clause, mention))


def extract_when(query: Query, clause: Clause) -> Extraction | None:
    """The clause's deadline (or start / period / recurrence), never the date of a cited document."""
    shown = [m for m in clause.dates if m.kind in _KIND_RANK]
    if not shown and _EVENT_WORDS.search(query.canonical):
        # "Cuộc họp diễn ra ngày nào?": the date an event took place, not a cited document's date.
        cited = {c.date for c in clause.citations}
        shown = [m for m in clause.dates if m.kind == "reference" and m.date not in cited]
        if shown:
            best = max(shown, key=lambda m: query.match(_date_sentence(clause, m)))
            return Extraction(vn_date(best.date), 0.8, _date_sentence(clause, best))
    if not shown:
        return None
    best = max(shown, key=lambda m: _date_score(query, m, clause))
    date, wording = vn_date(best.date), best.text.strip()
    # A recurring task has no single date: its wording ("hằng tháng, trước ngày 20") is the answer.
    answer = wording if not date else date if wording in ("", date) else f"{date} ({wording})"
    return Extraction(answer, _KIND_RANK[best.kind], _date_sentence(clause, best))


# --- what ------------------------------------------------------------------------------------------
_TASK_WORDS = frozenset("nhiem vu lam viec gi can phai duoc giao co trach nhiem task tasks duties".split())


def task_list_applies(query: Query, clause: Clause, doc: Document | None = None) -> bool:
    """A "what must <unit> do" question naming the unit of the clause's heading (resolved in the
    document, as who answers resolve units), and nothing more specific than the unit, its
    document's issuer and place ("… huyện Cẩm Xuyên" only says which dispatch)."""
    unit = heading_unit(clause)
    if not unit or not query.asks.tasks or not NamedUnits(query.asked_units, clause, doc).includes(unit):
        return False
    known = set(words(f"{unit} {doc.issuer} {doc.place}" if doc else unit)) | _TASK_WORDS
    return len([t for t in query.terms if t not in known]) <= 1


def extract_what(query: Query, clause: Clause, siblings: list[Clause] | None = None,
                 doc: Document | None = None) -> Extraction | None:
    """The sentence that best answers the question, with its footnotes; or a unit's task list."""
    if siblings and len(siblings) > 1 and task_list_applies(query, clause, doc):
        tasks = [trim(c.text if len(c.text) <= WHOLE_CLAUSE_CHARS else sentences(c.text)[0], 240)
                 for c in siblings if sentences(c.text)]
        return Extraction(" | ".join(tasks), 1.0, "", listed=True)
    sentence, score = best_sentence(query, clause)
    if not sentence:
        return None
    quality = 1.0 if score > 0 else 0.5
    if query.asks.tasks and only_supports(query, clause):
        quality *= 0.5   # "Phòng Nội vụ phải làm gì?": not the clause that reports "qua Phòng Nội vụ"
    if len(clause.text) <= WHOLE_CLAUSE_CHARS and sentence in clause.text:
        # "Không để hồ sơ trễ hạn; trường hợp trễ hạn phải có văn bản xin lỗi…": the parts of a short
        # clause answer "phải làm gì?" together; the best-matching part alone may be the wrong half.
        sentence = clause.text.strip()
    answer = _with_footnotes(sentence, clause)
    return Extraction(trim(answer, 500), quality, sentence, listed=answer != sentence)


def only_supports(query: Query, clause: Clause) -> bool:
    """The unit the question names appears in the clause as a supporting unit, not as a lead."""
    named = NamedUnits(query.asked_units, clause)
    return any(map(named.includes, clause.support_units)) and not any(map(named.includes, clause.lead_units))
