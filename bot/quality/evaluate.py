"""Score retrieval and answers on a question set (JSONL: id, q, kind, lang, evidence, answer_any, doc).

A retrieval hit is a retrieved clause (text plus footnotes) containing any evidence substring; an
answer is correct when it contains any answer_any substring, and an "abstain" question is correct
only when the bot abstains. Both comparisons ignore case and whitespace: real directives keep the
line breaks of their page, which a question's evidence does not. Every Vietnamese question is also
asked without accents, reported as language "vi-noaccent", because that is how many users type; with as_written
(`cchc eval --as-written`) each question is asked only as the file writes it, which suits files
with unaccented questions of their own (lang "vi_noaccent" or "vi-noaccent").
A question's `doc` (the file that answers) tells whether the answer's first source is that document.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bot.answering.answerer import Answer, Answerer
from index.text.normalize import fold, nfc

# The first development questions, beside the checkout (../shared/eval).
DEV_QUESTIONS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "questions.jsonl"

NOACCENT = "vi-noaccent"
# How question files spell the unaccented language; reported as NOACCENT.
NOACCENT_LABELS = frozenset({NOACCENT, "vi_noaccent", "noaccent"})
SWEEP_WEIGHTS = [round(0.1 * i, 1) for i in range(11)]


@dataclass
class Result:
    """One question asked once."""

    id: str
    lang: str
    kind: str
    question: str
    rank: int | None        # 1-based rank of the first source holding the evidence; None: not in top 10
    answer: str | None
    correct: bool
    evidence: float
    has_evidence: bool      # False for abstain questions: they take no part in retrieval metrics
    doc_ok: bool | None = None   # the first source is the question's `doc`; None: the file names none

    @property
    def refused(self) -> bool:
        """An answerable question the bot abstained on."""
        return self.kind != "abstain" and self.answer is None

    @property
    def answered_abstain(self) -> bool:
        """A question nothing answers (abstain, off-topic) that the bot answered."""
        return self.kind == "abstain" and self.answer is not None


@dataclass
class Report:
    """Metrics overall and per language, plus the misses."""

    overall: dict[str, float]
    by_lang: dict[str, dict[str, float]]
    abstained: int
    results: list[Result] = field(default_factory=list)
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def refused(self) -> int:
        """Answerable questions abstained on: the cost side of the abstention threshold."""
        return sum(r.refused for r in self.results)

    @property
    def answered_abstain(self) -> int:
        """Abstain / off-topic questions answered: the other side of the threshold."""
        return sum(r.answered_abstain for r in self.results)

    def misses(self) -> list[Result]:
        return [r for r in self.results if not r.correct or (r.has_evidence and (r.rank or 99) > 3)]

    def to_json(self) -> dict:
        return {"overall": self.overall, "by_lang": self.by_lang, "by_kind": self.by_kind,
                "abstained": self.abstained, "refused": self.refused, "answered_abstain": self.answered_abstain,
                "misses": [asdict(r) for r in self.misses()]}


def load_questions(paths: Iterable[Path]) -> list[dict]:
    """Questions from one or more JSONL files, in order."""
    out: list[dict] = []
    for path in paths:
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from exc
    return out


def variants(item: dict, as_written: bool = False) -> list[tuple[str, str]]:
    """(language, question) pairs to ask: the question, and for Vietnamese its unaccented form
    unless as_written."""
    lang = item.get("lang", "vi")
    lang = NOACCENT if lang in NOACCENT_LABELS else lang
    pairs = [(lang, item["q"])]
    if lang == "vi" and not as_written:
        pairs.append((NOACCENT, fold(item["q"])))
    return pairs


def _squeezed(text: str) -> str:
    """NFC, lower case, no whitespace: how evidence and answers are compared."""
    return "".join(nfc(text).lower().split())


def score(item: dict, lang: str, question: str, answer: Answer) -> Result:
    evidence = [_squeezed(e) for e in item.get("evidence", [])]
    rank = None
    for i, source in enumerate(answer.ranking, 1):
        text = _squeezed(" ".join([source.text, *source.footnotes.values()]))
        if any(e in text for e in evidence):
            rank = i
            break
    if item.get("kind") == "abstain":
        correct = answer.answer is None
    else:
        got = _squeezed(answer.answer or "")
        correct = bool(got) and any(_squeezed(a) in got for a in item.get("answer_any", []))
    doc = item.get("doc")
    doc_ok = None if not doc or answer.answer is None else bool(answer.ranking) and answer.ranking[0].doc == doc
    return Result(item.get("id", ""), lang, item.get("kind", ""), question, rank, answer.answer, correct,
                  answer.evidence, bool(evidence), doc_ok)


def metrics(results: list[Result]) -> dict[str, float]:
    """hit@1, hit@3, MRR@10 over questions with evidence; answer accuracy over all."""
    retrieval = [r for r in results if r.has_evidence]
    ranks = np.array([r.rank or 0 for r in retrieval], dtype=float)
    found = ranks > 0

    def mean(values: np.ndarray) -> float:
        return round(float(values.mean()), 3) if values.size else 0.0

    documents = np.array([r.doc_ok for r in results if r.doc_ok is not None], dtype=float)
    named = {"doc@1": mean(documents)} if documents.size else {}
    return {
        "n": len(results),
        "hit@1": mean(found & (ranks <= 1)),
        "hit@3": mean(found & (ranks <= 3)),
        "mrr@10": mean(np.where(found, 1.0 / np.maximum(ranks, 1), 0.0)),
        "answer_acc": mean(np.array([r.correct for r in results], dtype=float)),
        **named,   # only when the file names the answering document
    }


def evaluate(answerer: Answerer, items: list[dict], progress: Callable[[int], None] | None = None,
             as_written: bool = False) -> Report:
    """Ask every question (and, unless as_written, its unaccented variant) and score the answers."""
    results: list[Result] = []
    for n, item in enumerate(items, 1):
        for lang, question in variants(item, as_written):
            results.append(score(item, lang, question, answerer.ask(question)))
        if progress:
            progress(n)
    return Report(metrics(results), _grouped(results, "lang"), sum(r.answer is None for r in results), results,
                  _grouped(results, "kind"))


def _grouped(results: list[Result], attribute: str) -> dict[str, dict[str, float]]:
    """metrics of the results sharing each value of attribute ("lang", "kind")."""
    values = sorted({getattr(r, attribute) for r in results})
    return {v: metrics([r for r in results if getattr(r, attribute) == v]) for v in values}


class CachingEmbedder:
    """Wraps an embedder so a sweep embeds each question once, not once per weight."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._cache: dict[str, np.ndarray] = {}

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        if text not in self._cache:
            self._cache[text] = self.inner.embed_query(text)
        return self._cache[text]


def sweep(make: Callable[[str, float], Answerer], items: list[dict]) -> list[dict]:
    """hit@3 / MRR@10 / answer accuracy for every (fusion, dense weight) pair."""
    rows = []
    for fusion in ("weighted", "rrf"):
        for weight in SWEEP_WEIGHTS:
            report = evaluate(make(fusion, weight), items)
            rows.append({"fusion": fusion, "dense_weight": weight, **report.overall})
    return rows


def format_report(report: Report, title: str = "") -> str:
    """Plain-text summary: metrics per language and per kind, the abstention trade-off, then every miss."""
    lines = [title] if title else []
    header = f"{'':<16}{'n':>4}{'hit@1':>8}{'hit@3':>8}{'MRR@10':>8}{'answer':>8}{'doc@1':>8}"
    lines.append(header)
    rows = [("overall", report.overall), *((f"lang {k}", m) for k, m in report.by_lang.items()),
            *((f"kind {k}", m) for k, m in report.by_kind.items())]
    for name, m in rows:
        lines.append(f"{name:<16}{m['n']:>4}{m['hit@1']:>8.3f}{m['hit@3']:>8.3f}{m['mrr@10']:>8.3f}"
                     f"{m['answer_acc']:>8.3f}" + (f"{m['doc@1']:>8.3f}" if "doc@1" in m else f"{'-':>8}"))
    answerable = sum(r.kind != "abstain" for r in report.results)
    lines.append(f"abstained: {report.abstained} of {report.overall['n']}; refused answerable: {report.refused} "
                 f"of {answerable}; answered abstain/off-topic: {report.answered_abstain} "
                 f"of {report.overall['n'] - answerable}")
    misses = report.misses()
    lines.append(f"misses: {len(misses)}")
    for r in misses:
        rank = r.rank if r.rank else "-" if r.has_evidence else "n/a"
        verdict = "ok" if r.correct else "WRONG"
        lines.append(f"  {r.id} [{r.lang}] rank={rank} answer {verdict}: {r.question}")
        lines.append(f"      -> {(r.answer or '(abstained)')[:160]}  (evidence {r.evidence:.2f})")
    return "\n".join(lines)


def format_sweep(rows: list[dict]) -> str:
    lines = [f"{'fusion':<10}{'weight':>7}{'hit@3':>8}{'MRR@10':>8}{'answer':>8}"]
    for row in rows:
        lines.append(f"{row['fusion']:<10}{row['dense_weight']:>7.1f}{row['hit@3']:>8.3f}{row['mrr@10']:>8.3f}"
                     f"{row['answer_acc']:>8.3f}")
    best = max(rows, key=lambda r: (r["hit@3"], r["mrr@10"], r["answer_acc"]))
    lines.append(f"best: {best['fusion']} dense_weight={best['dense_weight']}")
    return "\n".join(lines)
