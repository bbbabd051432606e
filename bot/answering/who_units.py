"""The units a clause gives its task to, in the order a "who" answer should prefer them.

A clause's units come from the parser (chủ trì, phối hợp, the heading it sits under, the addressees
when it names none); here they are ranked for one question and quoted as the clause writes them.
"""

from __future__ import annotations

import re

from index.extract.entities import Issuer, resolve
from index.extract.units import unit_from_heading
from index.store.models import Clause, Document
from index.store.registry import Registry, names
from index.text.normalize import fold

# The standard closing section of a kế hoạch ("III. TỔ CHỨC THỰC HIỆN"): in capitals it reads like
# a "Tổ" (team) to index.extract.units, but it is the section title "organising the implementation".
_SECTION_TITLES = frozenset({"to chuc thuc hien"})
# "2. Giao Sở Nội vụ:", "3. Đề nghị Bộ Công an": a heading that hands the items under it to a unit.
_ASSIGNING_HEADING = re.compile(r"^((?:Điều\s+\d+|[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/:]\s*)?(?:Giao|Đề nghị)\s+")
# Connectors a unit list is written with: "phường, xã, đặc khu" and "phường, xã và đặc khu".
_LIST_JOIN = r"(?:\s*[,;]\s*|\s+)(?:và\s+)?"


def heading_unit(clause: Clause) -> str | None:
    """The unit a clause inherits from its heading ("1. Văn phòng Sở" > bullet), innermost first."""
    for heading in reversed(clause.headings):
        unit = unit_from_heading(_ASSIGNING_HEADING.sub(r"\1", heading.strip()))
        if unit and fold(unit) not in _SECTION_TITLES:
            return unit
    return None


def as_written(name: str, text: str) -> str | None:
    """The unit's name as the text writes it, or None when the text does not name it. The parser
    gives lists of places one spelling ("phường, xã và đặc khu"); the answer quotes the clause."""
    names = [w for w in re.findall(r"\w+", name) if w.lower() != "và"]
    if not names:
        return None
    pattern = r"(?<!\w)" + _LIST_JOIN.join(re.escape(w) for w in names) + r"(?!\w)"
    found = re.search(pattern, text, re.IGNORECASE)
    return found.group(0) if found else None


def whole_cell(name: str, clause: Clause) -> str:
    """In a task table the Chủ trì cell names one unit whole: when the parser's name stops short of
    its cell ("Ban Quản lý các khu công nghệ cao" of "… và khu công nghiệp"), the cell is the name."""
    if clause.kind != "table_row":
        return name
    for cell in (c.strip() for c in clause.text.split(" | ")):
        rest = cell[len(name):] if cell.startswith(name) else ""
        if rest and re.fullmatch(r"\s+và\s+[^\W\d_][\w\s]*", rest) and rest == rest.lower():
            return cell
    return name


def from_addressees(clause: Clause, doc: Document | None) -> bool:
    """The clause's lead units are only the addressees the parser gave it because it names no unit
    itself: they tell no more than the Kính gửi list."""
    if not doc or not clause.lead_units or not doc.recipients:
        return False
    written = " ".join([*clause.headings, clause.text])
    return all(u in doc.recipients and as_written(u, written) is None for u in clause.lead_units)


def unit_options(clause: Clause, doc: Document | None, coordination: bool, named: NamedUnits
                 ) -> list[tuple[list[str], float]]:
    """(units, quality) in the order they answer: chủ trì, the heading's unit, phối hợp, and the
    addressees; the phối hợp units first for "who coordinates" unless the question names one of
    them ("Ai phối hợp với Sở Y tế …?" asks for the unit that works with Sở Y tế: the lead)."""
    inherited = heading_unit(clause)
    # The Kính gửi list is who the directive's tasks fall to; an opening or closing paragraph
    # states background, no task (as the parser, which gives the addressees to items only).
    addressed = doc.recipients if doc and clause.kind not in ("preamble", "closing") else []
    leads = clause.lead_units
    if from_addressees(clause, doc):
        leads, addressed = [], addressed or leads
    # A clause that writes its own lead ("Văn phòng UBND tỉnh đăng tải …" under "1. Sở Khoa học và
    # Công nghệ:") gives the task to that unit, not to its heading's.
    leads = [u for u in leads if as_written(u, clause.text)] or leads
    options = [(leads, 1.0), ([inherited] if inherited else [], 0.9), (clause.support_units, 0.7),
               (addressed, 0.5)]
    if coordination and not any(map(named.includes, clause.support_units)):
        options.insert(0, (clause.support_units, 1.0))
    return options


class NamedUnits:
    """The units a question names, seen from one clause: a name the clause writes is one of them
    when the unit it resolves to in the clause's document (its assignment, else resolved against
    the issuer, as the parser resolves) is one the registry finds under the question's name, or is
    named by it (index.store.registry.names: the one rule for names in running text)."""

    def __init__(self, mentions: list[str], clause: Clause | None = None, doc: Document | None = None,
                 registry: Registry | None = None) -> None:
        # A bare kind word the question happens to hold ("UBND", "Sở") names no unit.
        self.mentions = [resolve(m, Issuer()).name for m in mentions if len(m.split()) >= 2]
        self.ids = {u.id for m in self.mentions for u in registry.named(m)} if registry else set()
        self.assigned = {a.mention: a.unit for a in clause.assignments} if clause else {}
        self.issuer = Issuer(doc.issuer if doc else "")

    def __bool__(self) -> bool:
        return bool(self.mentions)

    def includes(self, name: str) -> bool:
        """The unit the clause writes as `name` is one the question names."""
        unit = self.assigned.get(name) or resolve(name, self.issuer)
        return unit.id in self.ids or any(names(m, unit) for m in self.mentions)

    def others(self, units: list[str]) -> list[str]:
        """The units the question does not itself name ("Sở Y tế phối hợp với ai?" is not answered
        by Sở Y tế); all of them when the question names every one."""
        return [u for u in units if not self.includes(u)] or units

    def only(self, units: list[str]) -> bool:
        """Every unit is one the question names: it is the question's subject, not its answer."""
        return bool(self.mentions) and all(map(self.includes, units))
