"""Upcoming deadlines: dated mentions resolved to concrete days, recurring ones expanded."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from index.extract.dates import next_occurrence
from index.extract.units import unit_matches
from index.store.database import DeadlineRow, Store
from index.store.models import DateMention
from index.store.registry import Registry

MAX_OCCURRENCES = 60   # cap on a recurring rule's expansion inside one window


def _occurrences(mention: DateMention, start: dt.date, end: dt.date | None) -> list[dt.date]:
    first = next_occurrence(mention, start)
    if first is None:
        return []
    if mention.kind != "recurring" or end is None:
        return [first]
    found = [first]
    while len(found) < MAX_OCCURRENCES:
        nxt = next_occurrence(mention, found[-1] + dt.timedelta(days=1))
        if nxt is None or nxt > end:
            break
        found.append(nxt)
    return found


def unit_filter(store: Store, unit: str) -> Callable[[dict], bool]:
    """Which dated rows concern a unit someone names: through the registry when the name means
    known units (their own work, their groups' work, a group's members' work), else by name."""
    registry = Registry.load(store.db)
    wanted = [u.id for u in registry.find(unit)]

    def concerns(row: dict) -> bool:
        ids = (row["unit_ids"] or "").split()
        if wanted and ids:
            return any(registry.concerns(w, ids) for w in wanted)
        names = json.loads(row["lead_units"]) + json.loads(row["support_units"]) + [row["unit"]]
        return any(unit_matches(unit, n) for n in names if n)
    return concerns


def upcoming(store: Store, start: dt.date | None = None, end: dt.date | None = None,
             unit: str | None = None) -> list[DeadlineRow]:
    """Deadlines dated within [start, end] (open-ended when None), earliest first.

    Recurring rules resolve to their next occurrence on or after ``start`` (today when no start),
    and to every occurrence when the window is closed.
    """
    base = start or dt.date.today()
    rows: list[DeadlineRow] = []
    keep = unit_filter(store, unit) if unit else None
    for r in store.dated_rows():
        if keep is not None and not keep(r):
            continue
        mention = DateMention(r["kind"], r["date"], r["text"], r["recurrence"])
        for day in _occurrences(mention, base if mention.kind == "recurring" else dt.date.min, end):
            if (start and day < start) or (end and day > end):
                continue
            rows.append(DeadlineRow(
                date=day.isoformat(), kind=r["kind"], unit=r["unit"], task=r["task"], doc=r["source"],
                number=r["number"], clause=r["path"], text=r["text"], doc_id=r["doc_id"],
                clause_id=r["clause_id"], recurrence=r["recurrence"],
                unit_ids=tuple((r["unit_ids"] or "").split()),
            ))
    rows.sort(key=lambda row: (row.date, row.doc, row.clause))
    return rows
