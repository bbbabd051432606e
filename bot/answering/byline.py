"""Who signed or wrote a document: the signature block of a directive, the byline of an article.

Both name the person behind the whole document rather than a clause, so the answer quotes the
block (or byline) as its own source. A dispatch has no author but a signer, a news article an
author but no signer: each question takes the other as its fallback, labelled as what it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.store.models import Document

SIGNATURE_PATH = "chữ ký"
BYLINE_PATH = "tác giả"


@dataclass(frozen=True)
class Byline:
    """The person a signer / author question is answered with, and the evidence to quote."""

    lead: str       # "Người ký" or "Tác giả"
    name: str       # the short answer
    path: str       # the pseudo clause path shown in the citation
    block: str      # the quoted evidence, on one line
    printed: str = ""   # the evidence line by line as printed (the source's text)


def signer_answer(doc: Document) -> str | None:
    """"Trần Bình Thân (TM. ỦY BAN NHÂN DÂN, Chủ tịch)" or None when the document shows no signer."""
    if not doc.signer or not doc.signer.name:
        return None
    role = ", ".join(p for p in (doc.signer.authority, doc.signer.position.capitalize()) if p)
    return f"{doc.signer.name} ({role})" if role else doc.signer.name


def signature_block(doc: Document, separator: str = " / ") -> str:
    """"TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Trần Bình Thân"; with separator "\n", line by line as
    printed under the document (the source quoted for a signer answer reads like the page)."""
    signer = doc.signer
    return separator.join(p for p in (signer.authority, signer.position, signer.name) if p) if signer else ""


def byline(doc: Document, intent: str) -> Byline | None:
    """The signer for "signer" questions, the author for "author" ones, each else the other."""
    name = signer_answer(doc)
    signed = Byline("Người ký", name, SIGNATURE_PATH, signature_block(doc), signature_block(doc, "\n")) \
        if name else None
    author = doc.author.strip()
    written = Byline("Tác giả", author, BYLINE_PATH, author) if author else None
    return (written or signed) if intent == "author" else (signed or written)


def no_byline(intent: str) -> str:
    """What the reply says when the right document names nobody (drafts, unsigned web copies)."""
    return "Văn bản này không ghi tên tác giả hay người ký." if intent == "author" else \
        "Văn bản này không ghi tên người ký."
