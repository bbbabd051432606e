"""SQLite store (sqlite-utils): documents, clauses, dated mentions, citations, resolved units."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlite_utils

from index.extract.units import lead_for_date
from index.store.migrations import migrate
from index.store.models import Document, Signer
from index.store.queries import StoreQueries
from index.store.registry import delete_assignments, write_assignments
from index.text.normalize import clip, fold


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


class Store(StoreQueries):
    """All structured data of the corpus: opening and migrating the database, writing documents
    (one transaction each), the embedding cache, meta values and the upload journal. Reading is
    StoreQueries."""

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
