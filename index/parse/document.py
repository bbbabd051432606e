"""Directive text -> Document: header, body clauses with their heading chain, footer, extraction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.errors import ParseError
from index.extract.citations import extract_citations
from index.extract.dates import extract_dates, parse_doc_date, resolve_relative
from index.extract.entities import assign_units
from index.extract.units import extract_units, unit_from_heading
from index.parse.footnotes import FOOTNOTE_REF, split_definitions, split_elisions, split_footnotes
from index.parse.header import SEPARATOR, Header, parse_header, split_header_lines
from index.parse.issuer import issuer_name
from index.parse.layout import NAME, doc_type_from_number, is_caps, is_layout, parse_footer
from index.parse.lines import ATTACHED, join_split_headings, merge_broken_lines
from index.parse.tables import cells, is_header, is_table_line, table_clauses
from index.store.models import Clause, Document, Signer
from index.text.normalize import nfc

# Bump when parsing or extraction changes what is stored: `cchc index` then re-parses every file
# once (only clauses whose text changed are re-embedded), so an upgrade needs no manual --rebuild.
PARSER_VERSION = "2026.12.16"
ORDINALS = "Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười"
# (kind, pattern, level): a smaller level is an outer section.
MARKERS: list[tuple[str, re.Pattern[str], int]] = [
    # A chapter of a regulation ("Chương II. QUY TRÌNH …") holds its articles; it is a title only.
    ("chapter", re.compile(r"^(Chương\s+[IVXLC\d]{1,5})(?:[.:]\s*|\s+|$)(.*)$"), 0),
    ("roman", re.compile(r"^([IVXLC]{1,5})[.)]\s+(.+)$"), 1),
    ("article", re.compile(r"^(Điều\s+\d{1,3})\s*[.:]\s*(.+)$"), 1),
    ("decimal", re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\)?\s+(.+)$"), 3),
    ("arabic", re.compile(r"^(\d{1,2})[.)]\s+(.+)$"), 2),
    ("ordinal", re.compile(rf"^({ORDINALS})\s+là\s*[,:]\s*(.+)$"), 2),
    ("letter", re.compile(r"^([a-zđ])[).]\s+(.+)$"), 6),
    ("dash", re.compile(r"^[-–—•]\s*(.+)$"), 7),
    ("plus", re.compile(r"^\+\s*(.+)$"), 8),
]
_DEADLINE_LINE = re.compile(r"^\s*Thời (?:hạn|gian)(?: hoàn thành| thực hiện)?\s*:", re.IGNORECASE)
CLOSING = re.compile(r"^(Trên đây|Yêu cầu|Đề nghị|Giao |Nhận được|Trân trọng|Vậy|Căn cứ nội dung)"
                     r"|^.{0,80}\bthông báo (?:để|đến)\b.{0,80}\bbiết")


@dataclass
class Frame:
    """An open section: its level, path label, heading text, and the unit it assigns (if any)."""

    level: int
    label: str
    text: str
    unit: str | None
    bullets: int = 0
    children: list[int] = field(default_factory=list)
    titled: bool = False      # a section title only: its first paragraph is the section itself
    paragraphs: int = 0
    lead: list[str] = field(default_factory=list)   # the item's own lead: its continuations' too


def marker(line: str) -> tuple[str, str, str, int] | None:
    """(kind, label, rest, level) when the line starts with a numbering or bullet marker."""
    for kind, pattern, level in MARKERS:
        if m := pattern.match(line):
            if kind == "chapter" and m.group(2) and not is_caps(m.group(2)):
                continue       # "Chương 87, Nhóm 87.03 …" cites a chapter of a tariff, no heading
            if kind == "dash":
                return kind, "", m.group(1), level
            if kind == "plus":
                return kind, "", m.group(1), level
            label = m.group(1)
            if kind == "decimal":
                level += label.count(".") - 1
            return kind, label, m.group(2), level
    return None


class BodyParser:
    """Walks body lines keeping a stack of open sections, emitting clauses."""

    def __init__(self, doc_year: int | None, addressees: list[str] | None = None) -> None:
        self.doc_year = doc_year
        # Who the directive addresses: items that name no unit fall to them. The preamble's
        # "… giao/đề nghị các phòng … thực hiện các nội dung sau:" overrides the Kính gửi list.
        self.addressees = list(addressees or [])
        self.stack: list[Frame] = []
        self.clauses: list[Clause] = []
        self.preamble = 0
        self.closing = False
        self.top_bullets = 0
        self.attached = False

    def path(self, extra: str = "") -> str:
        labels = [f.label for f in self.stack if f.label]
        if extra:
            labels.append(extra)
        return " › ".join(labels)

    def inherited_unit(self) -> str | None:
        return next((f.unit for f in reversed(self.stack) if f.unit), None)

    def emit(self, text: str, kind: str, path: str, own_frame: bool = False,
             continues: list[str] | None = None) -> None:
        inherited = self.inherited_unit()
        lead, support = extract_units(text, inherited)
        if kind == "preamble" and text.rstrip().endswith(":") and lead:
            self.addressees = lead
        elif not lead and not inherited and kind not in ("preamble", "closing"):
            # "Điều 2. Sở X có trách nhiệm …" then "Hoàn thành trước ngày …": the paragraph goes
            # on with the item's own unit before the addressees of the whole directive.
            # A "Thời hạn hoàn thành: …" paragraph closes the task just before it.
            closes = bool(_DEADLINE_LINE.match(text)) and self.clauses
            lead = list(continues or (self.clauses[-1].lead_units if closes else []) or self.addressees)
        if inherited:
            # A unit heading ("1. Văn phòng Sở") assigns everything under it.
            lead = [inherited, *(u for u in lead if u != inherited)]
            support = [u for u in support if u != inherited]
        frames = self.stack[:-1] if own_frame else self.stack
        self.clauses.append(Clause(
            ordinal=len(self.clauses), path=path, headings=[f.text for f in frames],
            text=text, kind=kind, lead_units=lead, support_units=support,
            dates=extract_dates(text, self.doc_year), citations=extract_citations(text),
        ))

    def numbered(self, kind: str, label: str, rest: str, level: int, line: str, deeper_next: bool) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        self.closing = False
        unit = None if is_caps(rest) else unit_from_heading(line)
        shown = f"{label} là" if kind == "ordinal" else label
        heading_only = kind == "chapter" or unit is not None or is_caps(rest) or (len(rest) < 60 and deeper_next
                                                             and not rest.endswith((".", ";")))
        if unit is None and rest.rstrip().endswith(":"):
            # "Điều 3. Sở X có trách nhiệm thực hiện các nhiệm vụ sau:" assigns what follows.
            unit = next(iter(extract_units(rest, self.inherited_unit())[0]), None)
        self.stack.append(Frame(level, shown, _short(line), unit, titled=heading_only))
        if not heading_only:
            self.emit(line if kind == "ordinal" else rest, "item", self.path(), own_frame=True)
            self.stack[-1].lead = self.clauses[-1].lead_units

    def bullet(self, rest: str, level: int, line: str) -> None:
        while self.stack and self.stack[-1].level > level:
            self.stack.pop()
        if self.stack and self.stack[-1].level == level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if parent is not None:
            parent.bullets += 1
            number = parent.bullets
        else:
            self.top_bullets += 1
            number = self.top_bullets
        label = f"ý {number}"
        self.stack.append(Frame(level, label, _short(rest), None))
        self.emit(rest, "bullet", self.path(), own_frame=True)

    def enclosed(self) -> None:
        """The signature is passed: an enclosed document (regulation, plan, appendix) begins, whose
        sections and paragraphs stand on their own."""
        self.stack.clear()
        self.closing = False
        self.preamble = 0
        self.attached = True

    def paragraph(self, line: str, numbered_ahead: bool) -> None:
        if not self.stack and self.attached:
            self.emit(line, "paragraph", "Văn bản kèm theo")
            return
        if not self.stack and not self.clauses or (not self.stack and self.preamble):
            self.preamble += 1
            self.emit(line, "preamble", f"Mở đầu, đoạn {self.preamble}")
            return
        if self.closing or (CLOSING.match(line) and not numbered_ahead):
            self.stack.clear()
            self.closing = True
            self.emit(line, "closing", "Phần kết")
            return
        # An unnumbered paragraph after an item continues that item (seed 001 does this).
        while self.stack and self.stack[-1].level >= 7:
            self.stack.pop()
        if not self.stack:
            self.emit(line, "paragraph", "Mở đầu")
            return
        top = self.stack[-1]
        top.paragraphs += 1
        # "1. Đánh giá chung" over its text: the text is "mục 1", not a continuation of a clause.
        suffix = " (tiếp)" if not top.titled else "" if top.paragraphs == 1 else f", đoạn {top.paragraphs}"
        self.emit(line, "paragraph", self.path() + suffix, continues=top.lead)


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _strip_markdown(line: str) -> str:
    line = re.sub(r"^#{1,6}\s*", "", line)
    line = re.sub(r"<[^>]{1,10}>", "", line)
    return line.replace("**", "").strip()


def parse_body(lines: list[str], doc_year: int | None, addressees: list[str] | None = None) -> list[Clause]:
    """Body lines -> clauses, each keeping its heading chain."""
    body, notes = split_footnotes(merge_broken_lines(join_split_headings(lines), lambda x: marker(x) is not None))
    parser = BodyParser(doc_year, addressees)
    i = 0
    while i < len(body):
        if body[i] == ATTACHED:
            parser.enclosed()
            i += 1
            continue
        if is_table_line(body[i]):
            j = i
            while j < len(body) and is_table_line(body[j]):
                j += 1
            _add_table(parser, body[i:j])
            i = j
            continue
        _add_line(parser, body, i)
        i += 1
    for clause in parser.clauses:
        clause.footnotes = {ref: notes[ref] for ref in FOOTNOTE_REF.findall(clause.text) if ref in notes}
    share_block_units(parser.clauses, parser.addressees)
    return parser.clauses


_ROLE_LINE = re.compile(r"^(?:Đơn vị|Cơ quan)\s+(chủ trì|phối hợp)\s*:", re.IGNORECASE)


def share_block_units(clauses: list[Clause], addressees: list[str]) -> None:
    """A task written as a block "a) Nhiệm vụ: … b) Cơ quan thực hiện: Đơn vị chủ trì: X; Đơn vị
    phối hợp: Y … c) Thời gian thực hiện: …" gives X (and Y) to every part of the block that names
    no unit of its own: the time line's deadline is X's."""
    blocks: dict[str, list[Clause]] = {}
    for clause in clauses:
        blocks.setdefault(_block_of(clause.path), []).append(clause)
    for members in blocks.values():
        lead = [u for c in members if (m := _ROLE_LINE.match(c.text)) and m.group(1).lower() == "chủ trì"
                for u in c.lead_units]
        support = [u for c in members if (m := _ROLE_LINE.match(c.text)) and m.group(1).lower() == "phối hợp"
                   for u in c.lead_units + c.support_units]
        if not lead:
            continue
        for clause in members:
            if not clause.lead_units or clause.lead_units == addressees:
                clause.lead_units = list(lead)
            if not clause.support_units and not _ROLE_LINE.match(clause.text):
                clause.support_units = list(support)


def _block_of(path: str) -> str:
    """The task a clause belongs to: its path up to its lettered part ("II › 1 › 1.1 › b › ý 2"
    is part of task "II › 1 › 1.1")."""
    parts = path.split(" › ")
    cut = next((i for i, part in enumerate(parts) if re.fullmatch(r"[a-zđ]", part)), len(parts))
    return " › ".join(parts[:cut]) if cut < len(parts) else path


def _add_line(parser: BodyParser, body: list[str], i: int) -> None:
    line = body[i]
    found = marker(line)
    nxt = marker(body[i + 1]) if i + 1 < len(body) else None
    if found is None:
        ahead = any((m := marker(b)) and m[3] <= 3 for b in body[i + 1:])
        parser.paragraph(line, bool(ahead))
    elif found[0] in ("dash", "plus"):
        parser.bullet(found[2], found[3], line)
    else:
        deeper = nxt is not None and nxt[3] > found[3]
        # "1. Đánh giá chung" over an unnumbered paragraph is a section title too.
        following = body[i + 1] if i + 1 < len(body) else ""
        titled = nxt is None and bool(following) and not CLOSING.match(following) and not is_table_line(following)
        parser.numbered(found[0], found[1], found[2], found[3], line, deeper or titled)


def _add_table(parser: BodyParser, rows: list[str]) -> None:
    for clause in table_clauses(rows, parser.path(), [f.text for f in parser.stack], parser.doc_year):
        clause.ordinal = len(parser.clauses)
        if not clause.lead_units and (unit := parser.inherited_unit()):
            clause.lead_units = [unit]
        parser.clauses.append(clause)


def _split_header(lines: list[str]) -> list[str]:
    """Header cells run together are split apart up to the first table row naming columns: a task
    table's rows ("| TT | Nội dung | … |") are no letterhead cells, though a short document's table
    comes within the lines the header is looked for in."""
    start = next((i for i, line in enumerate(lines) if is_table_line(line) and is_header(cells(line))),
                 len(lines))
    return split_header_lines(lines[:start]) + lines[start:]


def _article(doc: Document, lines: list[str]) -> list[str]:
    """News-style article: headline, optional source line, body, author on the last line."""
    if lines and is_caps(lines[0]):
        doc.title = lines[0]
        lines = lines[1:]
        if lines and len(lines[0]) < 60 and not lines[0].endswith("."):
            doc.issuer = lines[0]
            lines = lines[1:]
    if lines and NAME.match(lines[-1]) and len(lines[-1]) < 40:
        doc.author = lines[-1]
        lines = lines[:-1]
    doc.doc_type = "bài viết"
    return lines


def _doc_type(header: Header) -> str:
    """The type title rules; else the info panel; a "V/v" trích yếu or a "Kính gửi" without a title
    is a công văn (its ký hiệu names the issuing unit, whose code may read like a type: "CT" Cục Thuế)."""
    if header.type_title:
        return header.type_title
    if panel := header.panel.get("Loại văn bản", ""):
        return panel.lower()
    if header.as_letter:
        return "công văn"
    return doc_type_from_number(header.number) or "công văn"


def _panel_fallbacks(doc: Document, header: Header) -> None:
    """Fields the page's info panel gives when the document's own header lacks them."""
    panel = header.panel
    if not doc.number and (number := panel.get("Số hiệu", "")):
        doc.number = re.sub(r"\s+", "", number)
    if not doc.date and (m := re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", panel.get("Ngày ban hành", ""))):
        doc.date = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    if doc.signer is None and NAME.match(name := panel.get("Người ký", "")):
        doc.signer = Signer(name=name)


def _is_directive(header: Header) -> bool:
    return bool(header.number or header.subject or header.recipients or header.date_line
                or header.type_title or header.panel)


def parse_document(text: str, source: str, doc_id: str) -> Document:
    """Parse a directive's normalised text into a Document with extracted clauses."""
    lines = [_strip_markdown(nfc(x)) for x in text.splitlines()]
    lines = _split_header(split_definitions(split_elisions([x for x in lines if x])))
    if not lines:
        raise ParseError(f"{source}: no text")
    doc = Document(id=doc_id, source=source, text="\n".join(lines))
    header = parse_header(lines)
    if _is_directive(header):
        footer = parse_footer(lines, header.end)
        # Appendices after the signature (task tables, forms) are part of the body.
        enclosed = [r for r in [footer.rest] if r] + lines[footer.resume:]
        body = lines[header.end:footer.start] + ([ATTACHED, *enclosed] if enclosed else [])
        doc.number, doc.subject, doc.recipients = header.number, header.subject, header.recipients
        doc.place, doc.date = header.place, parse_doc_date(header.date_line)
        doc.doc_type = _doc_type(header)
        doc.issuer, doc.cc, doc.signer = issuer_name(header, doc.text), footer.cc, footer.signer
        _panel_fallbacks(doc, header)
        body = [b for b in body if not (is_layout(b) or SEPARATOR.match(b))]
    else:
        body = _article(doc, lines)
    year = int(doc.date[:4]) if doc.date[:4].isdigit() else None
    doc.clauses = parse_body(body, year, doc.recipients)
    if not doc.clauses:
        raise ParseError(f"{source}: no body text found")
    for clause in doc.clauses:   # relative deadlines count from the issue date; none falls before it
        clause.dates = resolve_relative(clause.dates, doc.date)
    assign_units(doc)
    return doc
