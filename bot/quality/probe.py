"""The serving half of `cchc bench`, run in a fresh process: load the answerer as `cchc ask` and the
bot do, time warm questions by stage, measure peak RSS, and time BM25 alone and dense alone on the
same questions. Prints one JSON line for the parent to read."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

STAGES = ("segment", "lexical", "dense", "fuse", "answer")
Json = dict[str, Any]


def probe_main() -> None:
    """Load the answerer as `cchc ask`/the bot would, time the questions, print one JSON line."""
    import resource

    from bot.answering.answerer import Answerer
    from index.config import load_config
    from index.search.publish import load_serving, serving_dir
    from index.search.retriever import Retriever
    from index.search.vectors import VectorIndex
    from index.store.database import Store

    spec = json.loads(sys.argv[1])
    cfg = load_config(spec["config"]).with_dirs(corpus=spec["corpus"], data=spec["data"])
    questions, repeat = spec["questions"], spec["repeat"]
    started = time.perf_counter()
    answerer = Answerer(cfg)
    load_s = time.perf_counter() - started
    ours = time_answers(answerer, questions, repeat)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # serving peak, before the baselines
    store, embedder = Store(cfg.db_path), answerer.embedder
    bm25 = Retriever(store, cfg.data_dir, None, mode="bm25")
    fused = Retriever(store, cfg.data_dir, embedder, dense_weight=cfg.retrieval.dense_weight, mode="fused")
    # Dense alone over the very index the answerer loaded (whatever name its builder recorded).
    vectors = load_serving(store, cfg.data_dir, VectorIndex.built_with(serving_dir(store, cfg.data_dir)))
    out = {
        "load_s": round(load_s, 3), "peak_rss_mb": round(rss_mb, 1), "queries": len(questions) * repeat, "ours": ours,
        "bm25": time_search(lambda q: [h.clause_id for h in bm25.search(q, k=10)], store, questions, repeat),
        "dense": time_search(lambda q: [i for i, _ in vectors.search(embedder.embed_query(q), 10)],
                             store, questions, repeat),
        "fused": time_search(lambda q: [h.clause_id for h in fused.search(q, k=10)], store, questions, repeat),
    }
    print(json.dumps(out))


def time_answers(answerer: Any, questions: list[Json], repeat: int) -> Json:
    """Warm latency of Answerer.ask split by stage, hit@3 on what it shows, share of right answers."""
    from index.search.timings import Timings

    for q in questions:  # warm-up: lazy loads, caches
        answerer.ask(q["q"])
    samples: list[dict[str, float]] = []
    shown: list[list[str]] = []
    right = []
    for run in range(repeat):
        for q in questions:
            clock = Timings()
            started = time.perf_counter()
            answer = answerer.ask(q["q"], timings=clock)
            total = time.perf_counter() - started
            parts = {k: clock.stages.get(k, 0.0) for k in ("segment", "lexical", "dense", "fuse")}
            samples.append(parts | {"answer": max(0.0, total - sum(parts.values())), "total": total})
            if run == 0:
                # What the user is shown: the sources (a signer answer's source is the signature block).
                shown.append([" ".join([s.text, *s.footnotes.values()]) for s in answer.sources[:3]])
                right.append(_right_answer(q, answer.answer))
    totals = [s["total"] for s in samples]
    stages = {k: _ms_summary([s[k] for s in samples]) for k in STAGES}
    return {"p50_ms": _pct(totals, 50), "p95_ms": _pct(totals, 95), "hit@3": hit_at_3(questions, shown),
            "answer_ok": _share(right), "stages": stages}


def time_search(search: Callable[[str], list[int]], store: Any, questions: list[Json], repeat: int) -> Json:
    """Warm end-to-end latency of one retrieval function, and its hit@3."""
    ranked = [search(q["q"]) for q in questions]  # warm-up; also the ranking scored
    times = []
    for _ in range(repeat):
        for q in questions:
            started = time.perf_counter()
            search(q["q"])
            times.append(time.perf_counter() - started)
    return {"p50_ms": _pct(times, 50), "p95_ms": _pct(times, 95),
            "hit@3": hit_at_3(questions, [_clause_texts(store, r[:3]) for r in ranked])}


def hit_at_3(questions: list[Json], top3: list[list[str]]) -> float | None:
    """Share of answerable questions with an evidence string in one of their top-3 texts."""
    hits = []
    for q, texts in zip(questions, top3, strict=True):
        evidence = q.get("evidence") or []
        if q.get("kind") != "abstain" and evidence:
            hits.append(any(e in t for e in evidence for t in texts))
    return _share(hits)


def _clause_texts(store: Any, ids: list[int]) -> list[str]:
    """A clause's text with its footnotes, as hit@3 searches it."""
    clauses = [store.clause(cid) for cid in ids]
    return [" ".join([c.text, *c.footnotes.values()]) for c in clauses]


def _right_answer(q: Json, answer: str | None) -> bool | None:
    if q.get("kind") == "abstain":
        return answer is None
    expected = q.get("answer_any") or []
    return any(a.lower() in (answer or "").lower() for a in expected) if expected else None


def _share(flags: list[bool | None]) -> float | None:
    known = [f for f in flags if f is not None]
    return round(sum(known) / len(known), 3) if known else None


def _pct(seconds: list[float], pct: float) -> float:
    import numpy as np

    return round(float(np.percentile(np.asarray(seconds) * 1000, pct)), 2) if seconds else 0.0


def _ms_summary(seconds: list[float]) -> Json:
    mean = 1000 * sum(seconds) / len(seconds) if seconds else 0.0
    return {"p50": _pct(seconds, 50), "p95": _pct(seconds, 95), "mean": round(mean, 2)}
