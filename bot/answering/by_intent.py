"""Per-intent answering: which extractor reads a clause, and the byline and due-list answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.answering.byline import byline, no_byline
from bot.answering.due_list import due_reply, due_rows, none_due
from bot.answering.evidence import CANDIDATES, MIN_COVERAGE, MISSING_PENALTY, Candidate, answer_from, header
from bot.answering.extract_answer import Extraction, extract_what, extract_when, extract_who
from bot.answering.extract_documents import extract_document_fact, extract_document_subject, extract_ref
from bot.answering.extract_figures import extract_number
from bot.answering.intent import Query
from bot.answering.reply import citation_line
from bot.answering.result import ABSTAIN, Answer, Source
from bot.answering.snapshot import Snapshot
from index.extract.units import find_units
from index.store.database import Store
from index.store.models import Clause, Document
from index.text.vocabulary import HANDLING_FIELDS

# The path suffix the parser gives a paragraph that continues a numbered item.
CONTINUED = " (tiếp)"


def extract(snap: Snapshot, query: Query, clause: Clause, doc: Document) -> Extraction | None:
    """The answer of the question's kind in this clause, or None."""
    intent = query.intent
    fact = extract_document_fact(query, clause, doc) if intent in ("who", "when") else None
    if fact or query.asks.issuer or query.asks.recipients:
        return fact
    if intent == "who":
        return _who(snap, query, clause, doc)
    if intent == "when":
        found = extract_when(query, clause)
        # "Quyết định 3433 ngày nào?" asks a document's date; a deadline here is only a weak reading.
        weak = found and query.document_number and query.asks.document_date
        return replace(found, quality=found.quality * 0.5) if weak else found
    if intent == "number":
        return extract_number(query, clause)
    if intent == "ref":
        return extract_ref(query, clause, doc)
    # Only "Kế hoạch số 48 là về việc gì?" asks a document's subject; "Theo Quyết định 1594, … phải dùng
    # mẫu đơn nào?" names the document to say where the answer is.
    subject = extract_document_subject(query, clause, doc) if query.asks.subject else None
    if subject:
        return subject
    siblings = [c for c in snap.by_doc.get(clause.doc_id, []) if c.headings == clause.headings]
    found = extract_what(query, clause, siblings if clause.headings else None, doc)
    # A sentence only partly answers "Kế hoạch số 48 là về việc gì?" (no subject stated) or
    # "xã nào ...?" (no list of places): usable only when no clause does better.
    partial = ((query.document_number and query.asks.subject)
               or (query.asks.which_place and found is not None and not found.listed))
    return replace(found, quality=found.quality * 0.5) if found and partial else found


def _who(snap: Snapshot, query: Query, clause: Clause, doc: Document) -> Extraction | None:
    """The unit of the clause; for a paragraph continuing an item ("4 (tiếp)": "Đảm bảo hoàn thành
    trong quý I/2026.") the item's unit, which its first paragraph names, when the paragraph names
    none of its own."""
    found = extract_who(query, clause, doc, snap.registry)
    if not (found and found.quality >= 1.0) and (handler := _procedure_handler(snap, clause)) is not None:
        return handler
    if found and found.quality >= 1.0 or not clause.path.endswith(CONTINUED):
        return found
    item = clause.path.removesuffix(CONTINUED)
    before = [c for c in snap.by_doc.get(clause.doc_id, []) if c.path == item and c.ordinal < clause.ordinal]
    if not before:
        return found
    opening = extract_who(query, max(before, key=lambda c: c.ordinal), doc, snap.registry)
    return opening if opening and (found is None or opening.quality > found.quality) else found


def _procedure_handler(snap: Snapshot, clause: Clause) -> Extraction | None:
    """In a procedure's description, the body its "Cơ quan thực hiện" field names: any field of
    the procedure ("Đối tượng thực hiện", "Trình tự thực hiện") asked "who" is handled by it."""
    for field in snap.by_doc.get(clause.doc_id, []):
        if (field.headings == clause.headings and field.headings and field.lead_units
                and field.text.lower().startswith(HANDLING_FIELDS)):
            return Extraction("; ".join(field.lead_units[:4]), 0.9, field.text)
    return None


def byline_answer(query: Query, ranked: list[Candidate], threshold: float, top_k: int) -> Answer:
    """The signer (or author) of the document the question is about: its header and clauses
    match best."""
    by_doc: dict[str, Candidate] = {}
    for c in ranked[:CANDIDATES]:
        by_doc.setdefault(c.doc.id, c)
    if not by_doc:
        return answer_from(query, None, ABSTAIN, ranked, 0.0, top_k)
    scored = [(0.5 * c.hit.score + 0.5 * max(c.coverage, query.match(header(c.doc)))
               - MISSING_PENALTY * c.missing, c) for c in by_doc.values()]
    evidence, best = max(scored, key=lambda t: t[0])
    if evidence < threshold or best.coverage < MIN_COVERAGE:
        return answer_from(query, None, ABSTAIN, ranked, evidence, top_k)
    found = byline(best.doc, query.intent)
    if found is None:   # the right document, but its copy names nobody (drafts, web copies)
        reply = f"{no_byline(query.intent)}\n\n{citation_line(best.doc, '')}"
        return answer_from(query, None, reply, ranked, evidence, top_k)
    # The signature block (or byline) is the evidence; it is no clause, so it is its own source.
    source = Source(best.doc.source, best.doc.number, best.doc.subject or best.doc.title, found.path,
                    found.printed or found.block, round(best.hit.score, 4))
    reply = f"{found.lead}: {found.name}\n\n{citation_line(best.doc, found.path)}\n« {found.block} »"
    answer = answer_from(query, found.name, reply, [best] + [c for c in ranked if c is not best], evidence, top_k)
    answer.ranking.insert(0, source)
    answer.sources = answer.ranking[:top_k]
    return answer


def due_list_answer(store: Store, snap: Snapshot, question: str, window: tuple[dt.date, dt.date],
                    top_k: int) -> Answer:
    """"Nhiệm vụ nào hết hạn trong tháng 12/2025?": every deadline in that period, from the store."""
    rows = due_rows(store, *window, find_units(question))
    if not rows:
        return Answer(question, "when", None, none_due(*window), [])
    short, reply = due_reply(rows, snap.clauses, snap.docs, *window)
    shown = [(snap.docs[r.doc_id], snap.clauses[r.clause_id]) for r in rows
             if r.doc_id in snap.docs and r.clause_id in snap.clauses]
    sources = [Source.of(d, c, 1.0) for d, c in shown]
    return Answer(question, "when", short, reply, sources[:top_k], sources, 1.0)
