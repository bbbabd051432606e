"""Answers about documents rather than tasks: the document a clause cites ("căn cứ văn bản nào?"),
the clause's own document ("văn bản nào về số hóa hồ sơ?"), its issuer, date, recipients and subject."""

from __future__ import annotations

import re

from bot.answering.extract_answer import Extraction, trim
from bot.answering.intent import Query
from bot.answering.question_features import NUMBERED_DOC_TYPES
from index.extract.citations import extract_citations
from index.store.models import Citation, Clause, Document
from index.text.normalize import fold, vn_date
from index.text.vocabulary import ANY_DOCUMENT, ASKED_TYPES


# --- ref -------------------------------------------------------------------------------------------
def citation_label(c: Citation) -> str:
    parts = [f"{c.doc_type} số {c.number}".strip()]
    if c.date:
        parts.append(f"ngày {vn_date(c.date)}")
    if c.issuer:
        parts.append(f"của {c.issuer}")
    return " ".join(parts)


def _citation_context(text: str, c: Citation) -> str:
    """The words naming a cited document: from the previous separator through the citation to the
    next one: "Kế hoạch CCHC năm 2023 (Kế hoạch số 05/KH-SKHCN ngày 13/01/2023" or "Quyết định số
    118/QĐ-UBND ngày 10/01/2024 của UBND huyện ban hành Kế hoạch CCHC năm 2024 một cách đồng bộ"."""
    at = text.find(c.number) if c.number else -1
    if at < 0:
        return c.text
    start = max(text.rfind(sep, 0, at) for sep in (";", ". ", "\n", ")"))
    tail = re.match(r"[^;(),]*?(?=[;(),]|\.\s|$)", text[at + len(c.number):])
    return text[start + 1: at + len(c.number) + (tail.end() if tail else 0)]


def extract_ref(query: Query, clause: Clause, doc: Document | None = None) -> Extraction | None:
    """The cited document whose surrounding words best match the question. Documents cited in the
    heading count too: a bullet under "2. Triển khai Quyết định số 118/QĐ-UBND ..." implements it.
    "Văn bản nào về số hóa hồ sơ?" may also mean the clause's own document, when its subject says so."""
    cited = [(c, clause.text) for c in clause.citations]
    for heading in clause.headings:
        cited += [(c, heading) for c in extract_citations(heading)]
    own = _own_document(query, doc)
    if not cited:
        return own
    asked = _asked_kind(query)
    scored = [(query.match(_citation_context(text, c)) + _fits(asked, c), -i, c, text)
              for i, (c, text) in enumerate(cited)]
    score, _, best, text = max(scored, key=lambda t: (t[0], t[1]))
    if own and query.match(own.focus) > score:
        return own
    return Extraction(citation_label(best), 1.0 if score > 0 else 0.6, trim(_citation_context(text, best), 300))


# "… chỉ thị nào của Thủ tướng năm 2014 …?": the kind of document asked for and its year.
_ASKED_KIND = re.compile(r"\b(" + "|".join(fold(t) for t in ASKED_TYPES if t != ANY_DOCUMENT) + r") nao\b")
_ASKED_YEAR = re.compile(r"\bnam ((?:19|20)\d{2})\b")


def _asked_kind(query: Query) -> tuple[str, str]:
    """(type, year) of the document a ref question asks for, each "" when it says none."""
    kind, year = _ASKED_KIND.search(query.normalised), _ASKED_YEAR.search(query.normalised)
    return (kind.group(1) if kind else "", year.group(1) if year else "")


def _fits(asked: tuple[str, str], citation: Citation) -> float:
    """A cited document of the asked type, and of the asked year, is the one asked for."""
    kind, year = asked
    fits = 0.5 if kind and fold(citation.doc_type).lower() == kind else 0.0
    return fits + (0.5 if year and (citation.date[:4] == year or f"/{year}/" in citation.number) else 0.0)


_BASED_ON = re.compile(r"\b(?:can cu|theo|thuc hien|trien khai|based on|under|implement)")


def _own_document(query: Query, doc: Document | None) -> Extraction | None:
    """The clause's own document, for a "which document is about X" question its subject answers."""
    subject = doc.subject or doc.title if doc else ""
    if not doc or not subject or query.document_number or _BASED_ON.search(query.folded):
        return None
    about = f"{doc.doc_type} {subject}"
    if query.match(about) < 0.6:
        return None
    date = f" ngày {vn_date(doc.date)}" if doc.date else ""
    return Extraction(f"{doc.label()}{date} V/v {subject}" if doc.number[:1].isdigit() else doc.label() + date,
                      1.0, about)


# --- facts about documents ---------------------------------------------------------------------------
def extract_document_fact(query: Query, clause: Clause, doc: Document | None) -> Extraction | None:
    """Facts about a document rather than a task: who issued it, its date, whom it is addressed to.
    The document is the one the question names by number (a citation in the clause or the clause's
    own document), else the clause's own document."""
    number = query.document_number
    cited = next((c for c in clause.citations if number and fold(c.number).startswith(number)), None)
    own = doc if doc and (not number or fold(doc.number).startswith(number)) else None
    if query.intent == "who" and query.asks.issuer:
        issuer = cited.issuer if cited else own.issuer if own else ""
        return Extraction(issuer, 1.0, cited.text if cited else "") if issuer else None
    if query.intent == "who" and query.asks.recipients and own and (addressed := _addressed(own)):
        return Extraction("; ".join(addressed), 1.0, "", listed=True)
    if query.intent == "when" and number and query.asks.document_date:
        if cited and cited.date:
            return Extraction(f"{vn_date(cited.date)} ({cited.text})", 1.0, cited.text)
        if own and own.date:
            return Extraction(vn_date(own.date), 1.0, own.label())
    return None


def extract_document_subject(query: Query, clause: Clause, doc: Document | None) -> Extraction | None:
    """For "Kế hoạch số 48 ... là về việc gì?": the "về (việc) ..." words after that number."""
    number = query.document_number
    if not number:
        return None
    if doc and fold(doc.number).startswith(number) and (doc.subject or doc.title):
        return Extraction(f"{doc.label()}: {doc.subject or doc.title}", 1.0, doc.subject or doc.title)
    folded = fold(clause.text)
    if len(folded) != len(clause.text):  # positions must line up with the accented text
        return None
    for m in re.finditer(rf"(?:{NUMBERED_DOC_TYPES}\s+(?:so\s+)?|\bso\s+){re.escape(number)}(?!\d)", folded):
        tail = re.split(r";|\.\s", clause.text[m.start():])[0]
        if re.search(r"\svề\s", tail):
            return Extraction(trim(tail, 400), 1.0, trim(tail, 400))
    return None


def _addressed(doc: Document) -> list[str]:
    """Kính gửi; without one (a thông báo, a quyết định), the Nơi nhận list less the archive copy
    and "Như trên"."""
    if doc.recipients:
        return doc.recipients
    return [c for c in doc.cc if not re.match(r"(?i)(lưu|như trên|như điều)", c.strip())]
