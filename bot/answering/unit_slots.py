"""Which unit of a clause a "who" question asks for, besides the one that carries out the task.

Officials ask about the other ends of a task too: the unit a report goes to ("báo cáo ai?", "gửi
về đâu?", "đề xuất với ai?"), the unit it passes through ("thông qua cơ quan nào?"), the body a unit
belongs to ("thuộc cơ quan nào?"). Directives name each right after a fixed word: "báo cáo UBND
tỉnh (thông qua Văn phòng UBND tỉnh)", "đề xuất Chánh Văn phòng UBND thành phố", "là tổ chức hành
chính thuộc Văn phòng UBND thành phố". The answer is the unit written after that word, with the
official's title when the clause names one ("Chánh Văn phòng …"), quoted as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.who_units import NamedUnits
from index.extract.units import find_units
from index.text.normalize import fold

# What a question asks, read on the normalised (folded, lower-case) question.
_ROUTING = re.compile(r"\b(?:thong )?qua (?:co quan|don vi|bo phan|ai|dau)\b|\bthrough (?:which|whom)\b")
_PARENT = re.compile(r"\b(?:truc )?thuoc (?:co quan|don vi|ai|bo|so|cap) nao\b|\bbelongs? to\b")
# "báo cáo ai", "gửi về đâu", "đề xuất với ai", "trình cơ quan nào", "report to whom".
_RECIPIENT = re.compile(
    r"\b(bao cao|gui|de xuat|trinh|kien nghi|de nghi|xin y kien)(?: (?:ve|voi|cho|len|den|toi))?"
    r" (?:ai|dau|co quan nao|don vi nao|cap nao)\b"
    r"|\b(report|send|submit|propose)s? (?:\w+ )?to (?:whom|which)\b")
_EN_VERBS = {"report": "bao cao", "send": "gui", "submit": "gui", "propose": "de xuat"}

# The words a clause writes before the unit of each slot, folded.
_ROUTING_CUES = ("thong qua", "qua")
_PARENT_CUES = ("truc thuoc", "thuoc")
# Between the cue and the unit: prepositions and an official's title ("về", "Chánh", "Chủ tịch").
_GAP = re.compile(r"^[\s(]*(?:(?:về|với|cho|lên|đến|tới)\s+)?(?P<title>(?:[A-ZĐ]\w*\s+){0,3}?)$")
_MAX_GAP = 30


@dataclass(frozen=True)
class Slot:
    """The unit a who question asks for when it is not the one carrying out the task."""

    kind: str                  # routing | recipient | parent
    cues: tuple[str, ...]      # folded words the clause writes right before that unit


def asked_slot(normalised: str) -> Slot | None:
    """The slot of a normalised who question, or None when it asks who carries out the task."""
    if _ROUTING.search(normalised):
        return Slot("routing", _ROUTING_CUES)
    if _PARENT.search(normalised):
        return Slot("parent", _PARENT_CUES)
    if m := _RECIPIENT.search(normalised):
        verb = m.group(1) or _EN_VERBS[m.group(2)]
        return Slot("recipient", (verb,))
    return None


def slot_units(slot: Slot, text: str, named: NamedUnits) -> list[str]:
    """The units written right after the slot's cue words in the text, as written (with a title the
    clause gives them); units the question itself names are not the answer ("X báo cáo ai?")."""
    folded = fold(text)
    if len(folded) != len(text):   # positions must line up with the accented text
        return []
    found: list[str] = []
    for cue in slot.cues:
        for m in re.finditer(rf"\b{cue}\b", folded):
            unit = _unit_after(text, m.end())
            if unit and not named.includes(unit) and unit not in found:
                found.append(unit)
        if found:
            break
    return found


def _unit_after(text: str, start: int) -> str:
    """The unit named within a few words after start, with the title before it ("Chánh Văn phòng
    UBND thành phố"), or "" when the words after the cue name no unit."""
    window = text[start: start + 160]
    for unit in find_units(window):
        at = window.find(unit)
        gap = _GAP.match(window[:at]) if 0 <= at <= _MAX_GAP else None
        if gap:
            return f"{gap.group('title')}{unit}".strip()
    return ""
