"""What both indexes read for a clause: the lexical text (with its document's context) and the
dense passage (without it). The context is a quarter of the tokens, and leaving it to BM25
measured as well or better on every question set.
"""

from __future__ import annotations

from collections.abc import Callable

from index.search.embed import Embedder
from index.store.models import Clause, Document

EmbedProgress = Callable[[int, int], None]   # (clauses embedded, clauses to embed)

# Bumped whenever the passage text changes, so an index built from the old text is refused
# ("run cchc index --rebuild") instead of silently mixing two kinds of passage.
PASSAGE_FORMAT = "p3"


def index_name(embedder: Embedder) -> str:
    """What the vector index records as its builder: the model and the passage format."""
    return f"{embedder.name}+{PASSAGE_FORMAT}"


def document_context(doc: Document) -> str:
    """What every clause of a document shares: its subject or title, and who issued it where.

    Officials name the issuer or place ("… của UBND huyện Hương Sơn", "ở Hương Khê") to say
    which dispatch they mean; without these words two districts' similar clauses tie.
    """
    origin = ", ".join(x for x in (f"{doc.doc_type} {doc.number}".strip(), doc.issuer, doc.place) if x)
    subject = doc.subject or doc.title
    return f"{subject} ({origin})" if subject and origin else subject or origin


def clause_text(clause: Clause, subject: str) -> str:
    """The text both indexes see for a clause: subject/title, heading chain, text, footnotes.

    Footnotes often hold the specifics a question asks for ("⁵ Các xã: Sơn Bằng, Sơn Kim 1.").
    """
    heading = " > ".join(h for h in clause.headings if h)
    notes = " ".join(clause.footnotes.values())
    return "\n".join(part for part in (subject, heading, clause.text, notes) if part)
