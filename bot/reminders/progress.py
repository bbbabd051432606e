"""Progress for leaders: every task (a dated deadline) done, pending or overdue, from the completions
recorded under reminders ("✅ Đã xong" in any chat), counted per document and per unit. The same task
list, with its supporting units and document, feeds the calendar and spreadsheet exports."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.reminders.completions import Completions
from bot.reminders.schedule import REMINDER_KINDS, deadline_key
from index.extract.units import unit_matches
from index.store.database import DeadlineRow, Store
from index.store.deadlines import upcoming
from index.store.models import Document
from index.store.registry import Registry
from index.text.normalize import clip, vn_date

COUNTED_KINDS = ("deadline", "period")   # a recurring duty never ends: it is reminded, not counted
DONE, PENDING, OVERDUE, RECURRING = "done", "pending", "overdue", "recurring"
NO_UNIT = "Chưa rõ đơn vị"


@dataclass(frozen=True)
class Task:
    """One dated task with its status (done / pending / overdue; recurring for a periodic duty)."""

    row: DeadlineRow
    status: str
    unit: str                        # the lead unit as the registry names it
    support: tuple[str, ...] = ()    # the supporting units, as the clause names them
    document: str = ""               # "Công văn /UBND-NV, Ủy ban nhân dân huyện Hương Sơn, 2024"
    done_by: str = ""
    done_at: str = ""

    @property
    def key(self) -> str:
        return deadline_key(self.row)


@dataclass
class Tally:
    """Tasks done, pending and overdue under one heading (a document or a unit)."""

    name: str
    detail: str = ""
    done: int = 0
    pending: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.done + self.pending + self.overdue

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def to_json(self) -> dict:
        return {"name": self.name, "detail": self.detail, "done": self.done, "pending": self.pending,
                "overdue": self.overdue, "total": self.total}


@dataclass(frozen=True)
class Progress:
    """Counts for the whole corpus, per document and per unit (most overdue first)."""

    today: dt.date
    total: Tally
    documents: list[Tally] = field(default_factory=list)
    units: list[Tally] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"today": self.today.isoformat(), "total": self.total.to_json(),
                "documents": [t.to_json() for t in self.documents], "units": [t.to_json() for t in self.units]}


def document_label(doc: Document | None, fallback: str = "") -> str:
    """A document on one line: type and number (or subject), issuer, date."""
    if doc is None:
        return fallback
    kind = doc.doc_type.capitalize() if doc.doc_type else "Văn bản"
    head = f"{kind} {doc.number}" if doc.number else clip(doc.subject or doc.title or doc.source, 60)
    return ", ".join(p for p in (head, doc.issuer, vn_date(doc.date) if doc.date else "") if p)


def lead_unit(row: DeadlineRow, registry: Registry) -> str:
    """The unit a task belongs to, as the registry names it: the one its name means among the
    clause's units, else the name as written."""
    units = [u for u in (registry.get(i) for i in row.unit_ids) if u is not None]
    named = [u for u in units if row.unit and any(unit_matches(row.unit, n) for n in (u.name, *u.aliases))]
    chosen = named or ([] if row.unit else units)
    return chosen[0].name if chosen else (row.unit or NO_UNIT)


def status_of(row: DeadlineRow, today: dt.date, done: bool) -> str:
    if done:
        return DONE
    if row.kind == "recurring":
        return RECURRING
    return OVERDUE if dt.date.fromisoformat(row.date) < today else PENDING


def _support(store: Store, rows: Sequence[DeadlineRow]) -> dict[int, tuple[str, ...]]:
    ids = sorted({r.clause_id for r in rows})
    found: dict[int, tuple[str, ...]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        marks = ",".join("?" for _ in part)
        for clause_id, support in store.db.execute(
                f"select id, support_units from clauses where id in ({marks})", part):
            found[clause_id] = tuple(json.loads(support or "[]"))
    return found


def build_tasks(store: Store, rows: Iterable[DeadlineRow], today: dt.date,
                done: Mapping[str, tuple[str, str]] | None = None) -> list[Task]:
    """Tasks for these rows (one per deadline key), by date; `done` defaults to every completion."""
    unique = list({deadline_key(r): r for r in rows if r.kind in REMINDER_KINDS}.values())
    done = Completions(store.db).by_key() if done is None else done
    registry = Registry.load(store.db)
    docs = {d.id: d for d in store.documents()} if unique else {}
    support = _support(store, unique)
    tasks = []
    for row in sorted(unique, key=lambda r: (r.date, r.doc, r.clause)):
        who, when = done.get(deadline_key(row), ("", ""))
        tasks.append(Task(row, status_of(row, today, deadline_key(row) in done), lead_unit(row, registry),
                          support.get(row.clause_id, ()), document_label(docs.get(row.doc_id), row.number or row.doc),
                          who, when))
    return tasks


def all_tasks(store: Store, today: dt.date, recurring: bool = True) -> list[Task]:
    """Every task of the corpus: each deadline and period, and (if asked) each recurring duty's
    next occurrence from today."""
    rows = [r for r in upcoming(store, None, None) if r.kind in COUNTED_KINDS]
    if recurring:
        rows += [r for r in upcoming(store, today, None) if r.kind == "recurring"]
    return build_tasks(store, rows, today)


def _ranked(tallies: Iterable[Tally]) -> list[Tally]:
    return sorted(tallies, key=lambda t: (-t.overdue, -t.pending, t.name))


def progress(store: Store, today: dt.date) -> Progress:
    """Tasks done / pending / overdue: in all, per document and per unit."""
    tasks = all_tasks(store, today, recurring=False)
    docs = {d.id: d for d in store.documents()}
    total, by_doc, by_unit = Tally("Tất cả"), {}, {}
    for task in tasks:
        doc = docs.get(task.row.doc_id)
        detail = clip(doc.subject or doc.title, 120) if doc else ""
        by_doc.setdefault(task.row.doc_id or task.row.doc, Tally(task.document, detail)).add(task.status)
        by_unit.setdefault(task.unit, Tally(task.unit)).add(task.status)
        total.add(task.status)
    return Progress(today, total, _ranked(by_doc.values()), _ranked(by_unit.values()))


def for_unit(store: Store, tasks: Sequence[Task], query: str) -> list[Task]:
    """The tasks of the unit a name means (as /deadlines finds it: through the registry, groups
    included, else by the name as written); all of them for ""."""
    if not query:
        return list(tasks)
    registry = Registry.load(store.db)
    found = [u.id for u in registry.find(query)]
    return [t for t in tasks if any(registry.concerns(u, t.row.unit_ids) for u in found)
            or unit_matches(query, t.row.unit) or unit_matches(query, t.unit)]
