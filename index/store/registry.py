"""The registry of units: every unit the corpus assigns work to (resolved in context by
index.extract.entities) plus those an admin lists, which clause assigns what to whom, and the one
rule that says whether a deadline concerns a unit (groups included), and whether a name written in
a question names a unit."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

import sqlite_utils

from index.store.models import Assignment, Document, Unit
from index.text.normalize import fold

CORPUS, ADMIN = "corpus", "admin"


def unit_row(unit: Unit, source: str) -> dict:
    return {"id": unit.id, "name": unit.name, "kind": unit.kind, "parent": unit.parent,
            "aliases": json.dumps(list(unit.aliases), ensure_ascii=False), "member_kind": unit.member_kind,
            "scope": unit.scope, "source": source}


def _unit(row: dict) -> Unit:
    return Unit(row["id"], row["name"], row["kind"], row["parent"], tuple(json.loads(row["aliases"])),
                row["member_kind"], row["scope"])


def write_assignments(db: sqlite_utils.Database, doc: Document) -> None:
    """Record the document's resolved units (inside the caller's transaction)."""
    units = {a.unit.id: a.unit for c in doc.clauses for a in c.assignments}
    db.conn.executemany(
        "insert or ignore into units (id, name, kind, parent, aliases, member_kind, scope, source) "
        "values (:id, :name, :kind, :parent, :aliases, :member_kind, :scope, :source)",
        [unit_row(u, CORPUS) for u in units.values()])
    db.conn.executemany(
        "insert into clause_units (clause_id, doc_id, unit_id, role, mention) values (?, ?, ?, ?, ?)",
        [(c.id, doc.id, a.unit.id, a.role, a.mention) for c in doc.clauses for a in c.assignments])


def delete_assignments(db: sqlite_utils.Database, doc_id: str) -> None:
    """Forget a document's assignments, and corpus units no clause names any more."""
    db.execute("delete from clause_units where doc_id = ?", [doc_id])
    db.execute("delete from units where source = ? and id not in (select unit_id from clause_units)", [CORPUS])


def assignments_by_clause(db: sqlite_utils.Database, doc_id: str | None = None,
                          clause_id: int | None = None) -> dict[int, list[Assignment]]:
    """clause id -> its assignments, in the order the clause names them."""
    where, args = ("cu.doc_id = ?", [doc_id]) if doc_id else ("cu.clause_id = ?", [clause_id]) \
        if clause_id is not None else ("1", [])
    sql = ("select cu.clause_id, cu.role, cu.mention, u.* from clause_units cu join units u on u.id = cu.unit_id "
           f"where {where} order by cu.rowid")
    grouped: dict[int, list[Assignment]] = {}
    for row in db.query(sql, args):
        grouped.setdefault(row["clause_id"], []).append(Assignment(_unit(row), row["role"], row["mention"]))
    return grouped


def unit_counts(db: sqlite_utils.Database) -> dict[str, tuple[int, int]]:
    """unit id -> (clauses that name it, dated tasks of those clauses)."""
    sql = ("select cu.unit_id, count(distinct cu.clause_id), "
           "(select count(*) from dates d where d.clause_id in "
           " (select clause_id from clause_units c2 where c2.unit_id = cu.unit_id) "
           " and d.kind in ('deadline', 'period', 'recurring')) from clause_units cu group by cu.unit_id")
    return {r[0]: (r[1], r[2]) for r in db.execute(sql)}


def unresolved_mentions(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    """(mention, document file, clause path) of mentions that resolved to no known kind of unit."""
    sql = ("select distinct cu.mention, doc.source, c.path from clause_units cu join units u on u.id = cu.unit_id "
           "join clauses c on c.id = cu.clause_id join documents doc on doc.id = cu.doc_id "
           "where u.kind = 'other' order by doc.source, c.ordinal")
    return [tuple(r) for r in db.execute(sql)]


class Registry:
    """Every known unit, found by id, name or alias (accents and case aside), with group membership."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = {u.id: u for u in units}
        self._names: dict[str, list[str]] = {}
        self._named: dict[str, list[Unit]] = {}
        for unit in self.units.values():
            for name in dict.fromkeys(_key(n) for n in (unit.name, *unit.aliases)):
                self._names.setdefault(name, []).append(unit.id)

    @classmethod
    def load(cls, db: sqlite_utils.Database) -> Registry:
        """The corpus's units, with the units file's on top (its names, parents and aliases win)."""
        units = {r["id"]: _unit(r) for r in db.query("select * from units order by name")}
        for row in db.query("select * from admin_units order by name"):
            admin, known = _unit(row), units.get(row["id"])
            if known is not None:
                admin = replace(known, name=admin.name, parent=admin.parent or known.parent,
                                aliases=tuple(dict.fromkeys(admin.aliases + known.aliases)))
            units[admin.id] = admin
        return cls(units.values())

    def get(self, unit_id: str) -> Unit | None:
        return self.units.get(unit_id)

    def find(self, text: str) -> list[Unit]:
        """The units a typed name means: those it names exactly (by name or alias, with or without
        accents; two districts' "Phòng Nội vụ" are both found), else every unit whose name
        contains it word for word."""
        key = _key(text)
        if not key:
            return []
        if key in self._names:
            return [self.units[i] for i in self._names[key]]
        if key.replace(" ", "-") in self.units:
            return [self.units[key.replace(" ", "-")]]
        return [u for u in self.units.values()
                if any(f" {key} " in f" {_key(n)} " for n in (u.name, *u.aliases))]

    def named(self, mention: str) -> list[Unit]:
        """The units a name written in running text names (see `names`); asked once per name."""
        if mention not in self._named:
            self._named[mention] = [u for u in self.units.values() if names(mention, u)]
        return self._named[mention]

    def is_member(self, unit: Unit, group: Unit) -> bool:
        """A unit belongs to a group of its kind in its organisation ("các xã" of its huyện)."""
        if not group.is_group or unit.is_group:
            return False
        kind_ok = group.member_kind in ("co_quan", unit.kind)
        return kind_ok and (not group.scope or unit.parent == group.scope)

    def concerns(self, wanted: str, assigned: Iterable[str]) -> bool:
        """Whether work assigned to these unit ids concerns the unit (or group) `wanted`: it is
        among them, it belongs to a group among them, or (a group) one of them belongs to it."""
        ids = set(assigned)
        if wanted in ids:
            return True
        unit = self.units.get(wanted)
        if unit is None:
            return False
        others = [self.units[i] for i in ids if i in self.units]
        if unit.is_group:
            return any(self.is_member(o, unit) for o in others)
        return any(self.is_member(unit, o) for o in others)


def names(mention: str, unit: Unit) -> bool:
    """Whether a unit name written in running text ("Sở Y tế", "UBND tỉnh", "các xã, thị trấn")
    names the unit: its canonical name or an alias, accents, case and abbreviations aside, with its
    place added or left out ("Sở Y tế" names "Sở Y tế tỉnh Lạng Sơn" and the reverse). A unit whose
    name only contains the mention is another unit ("UBND tỉnh" does not name "Văn phòng UBND
    tỉnh"), and a bare kind word ("UBND", "Sở") names none. An alias is the short form a document
    wrote, so it only answers to itself or a longer form of it: "Phòng Nội vụ huyện Kỳ Anh" does not
    name the "Phòng Nội vụ" of another huyện."""
    if len(mention.split()) < 2:
        return False
    want, name = _key(mention).split(), _key(unit.name).split()
    if name[: len(want)] == want or (len(name) > 1 and want[: len(name)] == name):
        return True
    return any(_key(alias).split()[: len(want)] == want for alias in unit.aliases)


def _key(name: str) -> str:
    return " ".join(fold(name).replace("ubnd", "uy ban nhan dan").replace("hdnd", "hoi dong nhan dan")
                    .replace(",", " ").split())
