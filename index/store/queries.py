"""Reading the store: documents, clauses with their dates, citations and units, and the dated
rows deadline lists are made of."""

from __future__ import annotations

import json
from collections.abc import Iterator

import sqlite_utils

from index.errors import DocumentNotFound
from index.store.models import Citation, Clause, DateMention, Document, Signer
from index.store.registry import assignments_by_clause

SHOWN_KINDS = ("deadline", "effective", "period", "recurring")


class StoreQueries:
    """The queries of Store, on its connection."""

    db: sqlite_utils.Database

    def clause_ids(self, doc_id: str | None = None) -> list[int]:
        """Clause ids of one document, or of the whole store."""
        if doc_id is None:
            return [r[0] for r in self.db.execute("select id from clauses order by id")]
        return [r[0] for r in self.db.execute("select id from clauses where doc_id = ? order by id", [doc_id])]

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
