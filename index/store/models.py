"""The structured form of a directive: document, clauses, dated mentions, citations.

These dataclasses are the contract between the parser, the extractors, the store and search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of dated mention found in a clause. Only the first four are shown as deadlines;
# "reference" is the date of a cited document or of the dispatch itself and is never a deadline.
DATE_KINDS = ("deadline", "effective", "period", "recurring", "reference")


@dataclass(frozen=True)
class DateMention:
    """One date a clause mentions, classified."""

    kind: str                 # one of DATE_KINDS
    date: str                 # ISO: YYYY-MM-DD, or YYYY-MM / YYYY when the text is partial
    text: str                 # the source wording, e.g. "trước ngày 30/8/2024"
    recurrence: str = ""      # for kind "recurring": "monthly:20", "quarterly", "yearly:12-15", "weekly:0"


@dataclass(frozen=True)
class Citation:
    """A document cited by a clause: "Quyết định số 3433/QĐ-UBND ngày 25/12/2023 của UBND tỉnh"."""

    doc_type: str             # "Quyết định", "Kế hoạch", "Văn bản", "Công văn", "Nghị định", ...
    number: str               # "3433/QĐ-UBND"
    date: str = ""            # ISO date of the cited document, "" if not given
    issuer: str = ""          # "UBND tỉnh"
    text: str = ""            # the whole citation as written


@dataclass(frozen=True)
class Signer:
    """Who signed: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / Nguyễn Hữu Thắng"."""

    name: str
    position: str = ""        # "PHÓ GIÁM ĐỐC"
    authority: str = ""       # "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "" when signing in own name


@dataclass(frozen=True)
class Unit:
    """A unit of government, or a group of units, as the registry knows it (index.extract.entities
    resolves mentions to units; index.store.registry keeps them)."""

    id: str                                   # stable: the accent-folded canonical name, dashed
    name: str                                 # canonical, with its organisation where implicit
    kind: str                                 # bo, so, ubnd_tinh, ubnd_huyen, ubnd_xa, phong, group, …
    parent: str = ""                          # id of the organisation it belongs to
    aliases: tuple[str, ...] = ()
    member_kind: str = ""                     # for groups: the kind of unit it gathers ("co_quan": any)
    scope: str = ""                           # for groups: id of the organisation whose units it gathers

    @property
    def is_group(self) -> bool:
        return self.kind == "group"


@dataclass(frozen=True)
class Assignment:
    """A unit a clause names, resolved in its document's context, with its role."""

    unit: Unit
    role: str                                 # lead | support | routing ("qua X")
    mention: str                              # as written in the clause


@dataclass
class Clause:
    """One unit of obligation or statement: a numbered item, bullet, paragraph or table row."""

    ordinal: int                          # position in the document, from 0
    path: str                             # section path shown to users: "2 > a" or "1. Văn phòng Sở > gạch 3"
    headings: list[str]                   # heading chain texts, outermost first
    text: str                             # the clause's own text, NFC, footnote markers kept
    kind: str = "paragraph"               # paragraph | item | bullet | table_row | preamble | closing
    lead_units: list[str] = field(default_factory=list)      # chủ trì
    support_units: list[str] = field(default_factory=list)   # phối hợp
    dates: list[DateMention] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)  # marker ("¹") -> footnote text
    assignments: list[Assignment] = field(default_factory=list)   # lead and support units, resolved
    id: int | None = None                 # store row id, also the FAISS id; None until saved
    doc_id: str = ""


@dataclass
class Document:
    """A parsed directive."""

    id: str                               # sha256 of the source bytes (first 16 hex digits)
    source: str                           # file name inside the corpus
    doc_type: str = ""                    # công văn | kế hoạch | quyết định | báo cáo | thông báo | bài viết ...
    number: str = ""                      # số ký hiệu as written, e.g. "/SCT-VP2" or "118/QĐ-UBND"
    issuer: str = ""                      # "Sở Công Thương"
    place: str = ""                       # "Hà Tĩnh"
    date: str = ""                        # ISO, possibly partial: "2024-03", "2024"
    subject: str = ""                     # trích yếu without the "V/v" prefix
    title: str = ""                       # article headline or document title
    author: str = ""                      # for news-style articles
    recipients: list[str] = field(default_factory=list)   # Kính gửi
    signer: Signer | None = None
    cc: list[str] = field(default_factory=list)           # Nơi nhận
    clauses: list[Clause] = field(default_factory=list)
    text: str = ""                        # the full normalised text
    indexed_at: str = ""                  # when the store received it (ISO, local time)

    def label(self) -> str:
        """How an answer names this document: number if it has one, else title/subject."""
        if self.number and self.number[0].isdigit():
            return f"{self.doc_type.capitalize()} số {self.number}".strip()
        name = self.subject or self.title or self.source
        kind = self.doc_type.capitalize() if self.doc_type else "Văn bản"
        return f"{kind} {self.number} V/v {name}".replace("  ", " ") if self.subject else name
