"""SQLite store (sqlite-utils): documents, clauses, dated mentions, citations, resolved units."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlite_utils

from index.errors import DocumentNotFound
from index.extract.units import lead_for_date
from index.store.migrations import migrate
from index.store.models import Citation, Clause, DateMention, Document, Signer
from index.store.registry import assignments_by_clause, delete_assignments, write_assignments
from index.text.normalize import clip, fold

SHOWN_KINDS = ("deadline", "effective", "period", "recurring")


@dataclass(frozen=True)
class DeadlineRow:
    """One dated obligation as listed by `cchc deadlines` and the bot."""

    date: str       # YYYY-MM-DD; next occurrence for recurring ones
    kind: str
    unit: str
    task: str
    doc: str        # file name
    number: str
    clause: str     # section path
    text: str       # source wording
    doc_id: str = ""
    clause_id: int = 0
    recurrence: str = ""
    unit_ids: tuple[str, ...] = ()   # the clause's lead and support units, resolved (registry ids)

    def to_json(self) -> dict:
        return asdict(self)


def task_summary(text: str, limit: int = 160) -> str:
    """The clause's first sentence, shortened: what the unit must do."""
    first = text.split(". ")[0].strip().lstrip("-+• ").rstrip(".;")
    return clip(first, limit)


def task_for(text: str, mention: str) -> str:
    """The part of a clause that a date belongs to: "…; báo cáo kết quả … trước ngày 30/8/2024"
    names the task better than the clause's first sentence. Table rows keep their task column."""
    for part in re.split(r"(?<=[.;])\s+", text):
        if mention and mention in part:
            if len(part) < 40 or part.startswith(("Thời gian", "Đơn vị")):
                break
            part = part.strip().rstrip(".;")
            return task_summary(part[:1].upper() + part[1:])
    return task_summary(text)


def _clause_rows(doc: Document) -> list[dict]:
    return [
        {
            **({"id": c.id} if c.id is not None else {}),
            "doc_id": doc.id, "ordinal": c.ordinal, "path": c.path,
            "headings": json.dumps(c.headings, ensure_ascii=False), "text": c.text, "kind": c.kind,
            "lead_units": json.dumps(c.lead_units, ensure_ascii=False),
            "support_units": json.dumps(c.support_units, ensure_ascii=False),
            "footnotes": json.dumps(c.footnotes, ensure_ascii=False),
            "folded": fold(" ".join([*c.headings, c.text])), "tokens": "",
        }
        for c in doc.clauses
    ]


class Store:
    """All structured data of the corpus. One transaction per document write."""

    def __init__(self, path: Path | str = ":memory:") -> None:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            self.db.execute("PRAGMA journal_mode = WAL")
        migrate(self.db)

    # --- writing -------------------------------------------------------------------------
    def save_document(self, doc: Document, tokens: list[str] | None = None) -> list[int]:
        """Insert or replace a document (matched by source file) in one transaction; return its
        clause ids. Clauses without an id get the next free ones."""
        with self.db.atomic():
            old = self._doc_id_for_source(doc.source)
            if old:
                self._delete(old)
            return self.write_document(doc, tokens)

    def next_clause_id(self) -> int:
        """The first clause id above every stored one."""
        return int(self.db.execute("select coalesce(max(id), 0) from clauses").fetchone()[0]) + 1

    def write_document(self, doc: Document, tokens: list[str] | None = None) -> list[int]:
        """Insert a document, its clauses (with their segmented tokens) and their dates and
        citations; the caller holds the transaction. Returns the clause ids."""
        start = self.next_clause_id()
        for n, clause in enumerate(doc.clauses):
            if clause.id is None:
                clause.id = start + n
            clause.doc_id = doc.id
        self.db["documents"].insert(self._document_row(doc))
        rows = _clause_rows(doc)
        for row, text in zip(rows, tokens or [], strict=False):
            row["tokens"] = text
        self.db["clauses"].insert_all(rows)
        self.db["dates"].insert_all(self._date_rows(doc))
        self.db["citations"].insert_all(
            {"clause_id": c.id, "doc_id": doc.id, **asdict(cite)} for c in doc.clauses for cite in c.citations)
        write_assignments(self.db, doc)
        return [c.id for c in doc.clauses if c.id is not None]

    @staticmethod
    def _date_rows(doc: Document) -> list[dict]:
        rows = []
        for clause in doc.clauses:
            unit = (clause.lead_units or clause.support_units or [""])[0]
            seen: dict[str, int] = {}
            for m in clause.dates:
                nth = seen[m.text] = seen.get(m.text, -1) + 1
                # A clause of several parts ("(1) A … trước ngày X; (2) B chủ trì …") gives each
                # date the lead of its own part; a table row's unit column stands for the row.
                own = lead_for_date(clause.text, m.text, nth) if clause.kind != "table_row" else ""
                rows.append({"clause_id": clause.id, "doc_id": doc.id, "kind": m.kind, "date": m.date,
                             "text": m.text, "recurrence": m.recurrence, "unit": own or unit,
                             "task": task_for(clause.text, m.text)})
        return rows

    def _document_row(self, doc: Document) -> dict:
        signer = doc.signer or Signer(name="")
        return {
            "id": doc.id, "source": doc.source, "doc_type": doc.doc_type, "number": doc.number,
            "issuer": doc.issuer, "place": doc.place, "date": doc.date, "subject": doc.subject,
            "title": doc.title, "author": doc.author,
            "recipients": json.dumps(doc.recipients, ensure_ascii=False),
            "signer_name": signer.name, "signer_position": signer.position,
            "signer_authority": signer.authority, "cc": json.dumps(doc.cc, ensure_ascii=False),
            "text": doc.text, "indexed_at": dt.datetime.now().isoformat(timespec="seconds"),
        }

    def remove_document(self, doc_id: str) -> list[int]:
        """Delete a document and everything derived from it; return the removed clause ids."""
        with self.db.atomic():
            return self._delete(doc_id)

    def delete_document(self, doc_id: str) -> list[int]:
        """Delete a document inside the caller's transaction; return the removed clause ids."""
        return self._delete(doc_id)

    def _delete(self, doc_id: str) -> list[int]:
        ids = [r[0] for r in self.db.execute("select id from clauses where doc_id = ?", [doc_id])]
        for table in ("dates", "citations", "clauses"):
            self.db.execute(f"delete from {table} where doc_id = ?", [doc_id])
        self.db.execute("delete from documents where id = ?", [doc_id])
        delete_assignments(self.db, doc_id)
        return ids

    def clause_ids(self, doc_id: str | None = None) -> list[int]:
        """Clause ids of one document, or of the whole store."""
        if doc_id is None:
            return [r[0] for r in self.db.execute("select id from clauses order by id")]
        return [r[0] for r in self.db.execute("select id from clauses where doc_id = ? order by id", [doc_id])]

    def cached_vectors(self, keys: list[str]) -> dict[str, bytes]:
        """Embeddings computed before for these (model, text) keys."""
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" for _ in chunk)
            found.update(self.db.execute(f"select key, vector from embeddings where key in ({marks})", chunk))
        return found

    def cache_vectors(self, vectors: dict[str, bytes]) -> None:
        """Remember embeddings by (model, text) key."""
        with self.db.atomic():
            self.db.conn.executemany(
                "insert or replace into embeddings (key, vector) values (?, ?)", list(vectors.items()))

    def prune_vector_cache(self, keep: set[str]) -> None:
        """Forget every cached embedding but these (after a rebuild: text no clause has any more)."""
        stale = [(k,) for (k,) in self.db.execute("select key from embeddings") if k not in keep]
        with self.db.atomic():
            self.db.conn.executemany("delete from embeddings where key = ?", stale)

    def set_meta(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.set_meta_in_transaction(key, value)

    def set_meta_in_transaction(self, key: str, value: str) -> None:
        """Set a meta value as part of the caller's open transaction."""
        self.db.execute("insert or replace into meta (key, value) values (?, ?)", [key, value])

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("select value from meta where key = ?", [key]).fetchone()
        return row[0] if row else None

    # --- uploads in progress -------------------------------------------------------------
    def begin_upload(self, source: str, chat_id: int) -> None:
        """Record that a file is being added for a chat, before it enters the corpus folder."""
        with self.db.atomic():
            self.db.execute("insert or replace into uploads (source, chat_id, started_at) values (?, ?, ?)",
                            [source, chat_id, dt.datetime.now().isoformat(timespec="seconds")])

    def end_upload(self, source: str) -> None:
        with self.db.atomic():
            self.db.execute("delete from uploads where source = ?", [source])

    def pending_uploads(self) -> list[tuple[str, int]]:
        """(file name, chat id) of uploads a stopped process never finished."""
        return [(r[0], r[1]) for r in self.db.execute("select source, chat_id from uploads order by started_at")]

    # --- reading -------------------------------------------------------------------------
    def _doc_id_for_source(self, source: str) -> str | None:
        row = self.db.execute("select id from documents where source = ?", [source]).fetchone()
        return row[0] if row else None

    def sources(self) -> dict[str, str]:
        """File name -> content hash of every stored document."""
        return {r["source"]: r["id"] for r in self.db["documents"].rows_where(select="source, id")}

    def documents(self) -> list[Document]:
        """All documents (without clauses), in file-name order."""
        rows = self.db["documents"].rows_where(order_by="source")
        return [self._document(r, with_clauses=False) for r in rows]

    def find_document(self, key: str) -> Document:
        """A document by id (or prefix), file name, or số ký hiệu."""
        key = key.strip()
        rows = list(self.db.query(
            "select * from documents where id = ? or source = ? or number = ? or id like ? "
            "or source like ? order by source",
            [key, key, key, key + "%", key + "%"],
        ))
        if len(rows) != 1:
            exact = [r for r in rows if key in (r["id"], r["source"], r["number"])]
            if len(exact) != 1:
                raise DocumentNotFound(f"no single document matches {key!r} ({len(rows)} found)")
            rows = exact
        return self._document(rows[0], with_clauses=True)

    def document_by_id(self, doc_id: str) -> Document | None:
        """The stored document with this content id (without clauses), or None."""
        rows = list(self.db["documents"].rows_where("id = ?", [doc_id]))
        return self._document(rows[0], with_clauses=False) if rows else None

    def get_document(self, doc_id: str, with_clauses: bool = False) -> Document:
        row = self.db.execute("select * from documents where id = ?", [doc_id]).fetchone()
        if row is None:
            raise DocumentNotFound(f"no document with id {doc_id!r}")
        cols = [d[0] for d in self.db.execute("select * from documents limit 0").description]
        return self._document(dict(zip(cols, row, strict=True)), with_clauses)

    def _document(self, r: dict, with_clauses: bool) -> Document:
        signer = Signer(r["signer_name"], r["signer_position"], r["signer_authority"])
        doc = Document(
            id=r["id"], source=r["source"], doc_type=r["doc_type"], number=r["number"],
            issuer=r["issuer"], place=r["place"], date=r["date"], subject=r["subject"],
            title=r["title"], author=r["author"], recipients=json.loads(r["recipients"]),
            signer=signer if signer.name else None, cc=json.loads(r["cc"]), text=r["text"],
            indexed_at=r["indexed_at"] or "",
        )
        if with_clauses:
            doc.clauses = list(self.clauses(doc.id))
        return doc

    def clauses(self, doc_id: str | None = None) -> Iterator[Clause]:
        """Clauses with their dates and citations, in document order (three queries in all: the
        answerer loads every clause of a thousand dispatches at start-up)."""
        where, args = ("doc_id = ?", [doc_id]) if doc_id else (None, [])
        dates = self._by_clause("dates", where, args)
        cites = self._by_clause("citations", where, args)
        units = assignments_by_clause(self.db, doc_id=doc_id)
        for r in self.db["clauses"].rows_where(where, args, order_by="doc_id, ordinal"):
            clause = self._clause(r, dates.get(r["id"], []), cites.get(r["id"], []))
            clause.assignments = units.get(r["id"], [])
            yield clause

    def clause(self, clause_id: int) -> Clause:
        rows = list(self.db["clauses"].rows_where("id = ?", [clause_id]))
        if not rows:
            raise DocumentNotFound(f"no clause with id {clause_id}")
        where, args = "clause_id = ?", [clause_id]
        clause = self._clause(rows[0], self._by_clause("dates", where, args).get(clause_id, []),
                              self._by_clause("citations", where, args).get(clause_id, []))
        clause.assignments = assignments_by_clause(self.db, clause_id=clause_id).get(clause_id, [])
        return clause

    def _by_clause(self, table: str, where: str | None, args: list) -> dict[int, list[dict]]:
        grouped: dict[int, list[dict]] = {}
        for row in self.db[table].rows_where(where, args, order_by="id"):
            grouped.setdefault(row["clause_id"], []).append(row)
        return grouped

    @staticmethod
    def _clause(r: dict, dates: list[dict], cites: list[dict]) -> Clause:
        return Clause(
            ordinal=r["ordinal"], path=r["path"], headings=json.loads(r["headings"]), text=r["text"],
            kind=r["kind"], lead_units=json.loads(r["lead_units"]),
            support_units=json.loads(r["support_units"]),
            dates=[DateMention(d["kind"], d["date"], d["text"], d["recurrence"]) for d in dates],
            citations=[Citation(c["doc_type"], c["number"], c["date"], c["issuer"], c["text"]) for c in cites],
            footnotes=json.loads(r["footnotes"]), id=r["id"], doc_id=r["doc_id"],
        )

    def clause_tokens(self) -> list[tuple[int, str, str]]:
        """(clause id, segmented tokens, folded text) for every clause, for the lexical index."""
        return [tuple(r) for r in self.db.execute("select id, tokens, folded from clauses order by id")]

    def units(self) -> list[str]:
        """Every unit the corpus assigns work to, for subscription menus."""
        names: set[str] = set()
        for (lead, support) in self.db.execute("select lead_units, support_units from clauses"):
            names.update(json.loads(lead))
            names.update(json.loads(support))
        return sorted(n for n in names if n)

    def dated_rows(self, kinds: tuple[str, ...] = SHOWN_KINDS) -> list[dict]:
        """Raw dated mentions joined with their document and clause."""
        marks = ",".join("?" for _ in kinds)
        sql = (
            "select d.*, doc.source, doc.number, c.path, c.lead_units, c.support_units, "
            "(select group_concat(cu.unit_id, ' ') from clause_units cu where cu.clause_id = d.clause_id) "
            "as unit_ids "
            "from dates d join documents doc on doc.id = d.doc_id join clauses c on c.id = d.clause_id "
            f"where d.kind in ({marks}) order by d.date, doc.source, c.ordinal"
        )
        return list(self.db.query(sql, list(kinds)))
