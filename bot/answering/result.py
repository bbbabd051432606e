"""What the answerer returns: the answer, the clauses shown as its sources, and the abstention reply."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from index.store.models import Clause, Document

ABSTAIN = "Không tìm thấy thông tin này trong các văn bản đã nạp."


@dataclass
class Source:
    """One clause shown as evidence."""

    doc: str          # file name
    number: str
    title: str        # subject / title
    clause: str       # section path
    text: str         # clause full text, then its footnotes ("[1] …"): a figure read from a
                      # footnote is shown with the clause that cites it
    score: float
    clause_id: int = field(default=0, repr=False)
    footnotes: dict[str, str] = field(default_factory=dict, repr=False)

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("clause_id", "footnotes")}

    @classmethod
    def of(cls, doc: Document, clause: Clause, score: float) -> Source:
        """The clause of the document, with the score it was ranked by."""
        return cls(doc.source, doc.number, doc.subject or doc.title, clause.path, with_footnotes(clause), score,
                   clause.id or 0, clause.footnotes)


def with_footnotes(clause: Clause) -> str:
    """The clause text followed by each footnote on its own line, marked as the document marks it."""
    notes = [f"{_marked(mark)} {text}" for mark, text in clause.footnotes.items()]
    return "\n".join([clause.text, *notes])


def _marked(mark: str) -> str:
    """"[1]" and "¹" as written; a bare key ("1") gets the brackets."""
    return f"[{mark}]" if mark.isdigit() else mark


@dataclass
class Answer:
    """What the bot says: the short answer (None when abstaining), the full reply and its sources."""

    question: str
    intent: str
    answer: str | None
    reply: str
    sources: list[Source]
    ranking: list[Source] = field(default_factory=list, repr=False)  # up to RANKING, for evaluation
    evidence: float = 0.0                                            # the abstention signal

    def to_json(self) -> dict:
        return {"question": self.question, "intent": self.intent, "answer": self.answer,
                "reply": self.reply, "sources": [s.to_json() for s in self.sources]}
