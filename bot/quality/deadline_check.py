"""`cchc eval --deadlines GOLD.json`: extracted deadlines against a hand-made gold list.

The gold file is {"deadlines": [{doc, date, unit, support, text, [relative | period]}],
"recurring": [{doc, rule, unit, support, text}]}, doc being the file name. A gold deadline is
found when the index holds a dated row of that document on that day; its unit is right when one
of those rows names the gold lead unit (unit_overlap). Extra dates are rows of a gold document, of
a kind an official reads as a deadline, on a day the gold list does not have: the issue date, a
cited document's date, a deadline quoted from an earlier document. A recurring gold duty is found
when the document has a recurring row of that unit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.extract.units import unit_key
from index.store.database import DeadlineRow
from index.text.vocabulary import OFFICIAL_TITLES

# Below this share of the shorter name's distinctive words two unit names are different units.
UNIT_MIN = 0.6
# Kinds of row that are no deadline (a start date, a recurring rule): never an extra date.
NOT_DEADLINES = frozenset({"recurring", "effective"})
# Words every unit name is made of ("các Sở, ban, ngành", "Ủy ban nhân dân tỉnh"): they tell the
# kind of body, not which one, so two names are compared on the rest.
_GENERIC = frozenset(unit_key(
    "các và của cơ quan đơn vị có liên trực thuộc trung ương ngang tỉnh thành phố xã phường huyện đặc khu "
    "ban ngành sở bộ ủy ban nhân dân tw đồng chí lãnh đạo").split())
_TITLES = re.compile(r"\b(?:" + "|".join(unit_key(t) for t in OFFICIAL_TITLES) + r")\b")


def unit_words(name: str) -> set[str]:
    """The distinctive words of a unit name, folded, abbreviations spelled out, titles dropped."""
    return set(re.findall(r"\w+", _TITLES.sub(" ", unit_key(name)))) - _GENERIC


def unit_overlap(gold: str, got: str) -> float:
    """Share of the shorter name's distinctive words the other has; names of nothing but generic
    words ("các Bộ, ngành") are compared on all their words."""
    a, b = unit_words(gold), unit_words(got)
    if not a or not b:
        a, b = set(re.findall(r"\w+", unit_key(gold))), set(re.findall(r"\w+", unit_key(got)))
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def subset(entry: dict) -> str:
    """absolute, relative (counted from the issue date) or period (the end of a task table's period)."""
    return "relative" if "relative" in entry else "period" if "period" in entry else "absolute"


@dataclass
class DeadlineReport:
    """Counts per subset ([gold, found, unit right]), recurring found, and the lines to read."""

    counts: dict[str, list[int]] = field(default_factory=dict)
    recurring: tuple[int, int] = (0, 0)
    extra: int = 0
    lines: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"counts": self.counts, "recurring": list(self.recurring), "extra": self.extra, "lines": self.lines}

    def format(self) -> str:
        out = list(self.lines)
        for key in ("absolute", "relative", "period"):
            if key in self.counts:
                n, found, right = self.counts[key]
                out.append(f"{key:<9} found {found}/{n}, unit right {right}/{n}")
        n, found, right = self.counts.get("all", [0, 0, 0])
        out.append(f"recurring found {self.recurring[0]}/{self.recurring[1]}")
        out.append(f"DEADLINES found {found}/{n} ({found / (n or 1):.2f}), unit right {right}/{n} "
                   f"({right / (n or 1):.2f}), extra dates {self.extra}")
        return "\n".join(out)


def load_gold(path: Path) -> tuple[list[dict], list[dict]]:
    """The gold deadlines and recurring duties of a gold file (a bare list is deadlines only)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, list):
        return data, []
    return list(data.get("deadlines", [])), list(data.get("recurring", []))


def check(rows: Iterable[DeadlineRow], gold: list[dict], recurring: list[dict],
          unit_min: float = UNIT_MIN) -> DeadlineReport:
    """Compare the index's rows (all dates, `index.store.deadlines.upcoming`) with the gold lists;
    only rows of documents the gold lists name take part."""
    docs = {g["doc"] for g in gold} | {g["doc"] for g in recurring}
    mine = [r for r in rows if r.doc in docs]
    report = DeadlineReport({key: [0, 0, 0] for key in ("absolute", "relative", "period", "all")})
    for entry in gold:
        _check_one(entry, [r for r in mine if r.doc == entry["doc"] and r.date == entry["date"]], report, unit_min)
    dated = {(g["doc"], g["date"]) for g in gold}
    extra = [r for r in mine if r.kind not in NOT_DEADLINES and (r.doc, r.date) not in dated]
    report.extra = len(extra)
    report.lines += [f"extra    {r.doc} {r.date} {r.kind} | {(r.unit or '-')[:40]} | {r.text[:60]}" for r in extra]
    found = 0
    for duty in recurring:
        hit = any(r.doc == duty["doc"] and r.kind == "recurring" and unit_overlap(duty["unit"], r.unit) >= unit_min
                  for r in mine)
        found += hit
        if not hit:
            report.lines.append(f"missing recurring {duty['doc']} | {duty.get('rule', '')} | {duty['unit'][:50]}")
    report.recurring = (found, len(recurring))
    return report


def _check_one(entry: dict, same_day: list[DeadlineRow], report: DeadlineReport, unit_min: float) -> None:
    """Count one gold deadline against the rows of its document on its day."""
    right = any(unit_overlap(entry["unit"], r.unit or "") >= unit_min for r in same_day)
    for key in (subset(entry), "all"):
        counts = report.counts[key]
        counts[0] += 1
        counts[1] += bool(same_day)
        counts[2] += right
    if not same_day:
        report.lines.append(f"missing  {entry['doc']} {entry['date']} | {entry['unit'][:50]} | {entry['text'][:60]}")
    elif not right:
        got = sorted({(r.unit or "-")[:45] for r in same_day})[:3]
        report.lines.append(f"unit     {entry['doc']} {entry['date']} | gold: {entry['unit'][:45]} | got: {got}")
