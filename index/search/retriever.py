"""Hybrid retrieval over clauses: BM25 on the segmented text the store keeps (clauses.tokens)
and dense search in the serving FAISS index (index.search.publish), fused per query.

What each side reads for a clause is index.search.passages; keeping both in step is index.search.publish.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.search.embed import Embedder
from index.search.lexical import LexicalIndex, is_accented
from index.search.passages import index_name
from index.search.publish import load_serving
from index.search.segment import segment
from index.search.timings import Timings
from index.search.vectors import VectorIndex
from index.store.database import Store

MODES = ("fused", "bm25", "dense")
FUSIONS = ("weighted", "rrf")
CANDIDATES = 50   # top-n from each side form the pool that fusion re-scores
RRF_K = 60        # the usual reciprocal-rank-fusion constant (Cormack et al. 2009)
# A clause whose cosine with the query is this many standard deviations above the query's
# mean cosine over the corpus counts as a full dense match. On the dev questions with e5-small
# the evidence clause sits at z = 2-5, the best clause for a nonsense question at ~2.5.
DENSE_FULL_Z = 5.0
MIN_STD = 1e-3    # guards tiny or degenerate corpora (one clause: std 0)
# Vietnamese typed without diacritics ("ai phu trach ...") is noise to e5 (dense MRR 0.62 -> 0.13
# on the dev questions) while the folded BM25 copes, so the dense side counts less for it.
UNACCENTED_DENSE_SHARE = 0.5
UNACCENTED_COVERAGE = 0.5  # folded-vocabulary share above which an accent-free query is Vietnamese


@dataclass(frozen=True)
class Hit:
    """One retrieved clause. lexical and dense are the normalised component scores in [0, 1]."""

    clause_id: int
    score: float
    lexical: float
    dense: float


def dense_relevance(cosine: float, mean: float, std: float) -> float:
    """Map a cosine to [0, 1] as a z-score against the query's cosines over the whole corpus.

    Raw cosines are not comparable across models (e5 rates unrelated text ~0.8), and min-max
    over the candidates would give a nonsense question a perfect top score.
    """
    return min(1.0, max(0.0, float((cosine - mean) / (DENSE_FULL_Z * max(std, MIN_STD)))))


class Retriever:
    """Answers `search(query)` from the lexical index (store) and the vector index (data_dir)."""

    def __init__(self, store: Store, data_dir: Path, embedder: Embedder | None,
                 dense_weight: float = 0.5, mode: str = "fused", fusion: str = "weighted") -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        if fusion not in FUSIONS:
            raise ValueError(f"fusion must be one of {FUSIONS}, got {fusion!r}")
        if mode != "bm25" and embedder is None:
            raise ValueError(f"mode {mode!r} needs an embedder")
        self.store = store
        self.data_dir = Path(data_dir)
        self.embedder = embedder
        self.dense_weight = dense_weight
        self.mode = mode
        self.fusion = fusion
        self.refresh()

    def refresh(self) -> None:
        """Reload both indexes (after `update_indexes`); swaps them in one assignment."""
        lexical = LexicalIndex.from_store(self.store)
        vectors = None
        if self.mode != "bm25" and self.embedder is not None:
            vectors = load_serving(self.store, self.data_dir, index_name(self.embedder))
        self._indexes = (lexical, vectors)   # one assignment: a concurrent search sees old or new

    def search(self, query: str, k: int = 10, query_tokens: list[str] | None = None,
               timings: Timings | None = None) -> list[Hit]:
        """Best clauses first. query_tokens (e.g. glossary-expanded) replace the lexical query;
        seconds per stage (segment, lexical, dense, fuse) go to `timings`."""
        lexical, vectors = self._indexes
        clock = timings or Timings()
        with clock.stage("segment"):
            tokens = query_tokens if query_tokens is not None else segment(query)
        with clock.stage("lexical"):   # in every mode: Hit.lexical is cheap and helps the answer layer
            lex_all = lexical.score_all(tokens)
        with clock.stage("dense"):
            dense = _DenseScores(self.embedder, vectors, query) if vectors is not None and self.embedder else None
        with clock.stage("fuse"):
            return self._fuse(lexical, lex_all, dense, self._dense_weight(lexical, tokens))[:k]

    def _pool(self, lexical: LexicalIndex, lex_all: np.ndarray, dense: _DenseScores | None) -> list[int]:
        top_lex = np.argsort(-lex_all, kind="stable")[:CANDIDATES]
        lex_pool = [int(lexical.ids[i]) for i in top_lex if lex_all[i] > 0]
        dense_pool = list(dense.top) if dense else []
        if self.mode == "bm25":
            return lex_pool
        if self.mode == "dense":
            return dense_pool
        return list(dict.fromkeys(lex_pool + dense_pool))

    def _dense_weight(self, lexical: LexicalIndex, tokens: list[str]) -> float:
        if not is_accented(tokens) and lexical.folded_coverage(tokens) >= UNACCENTED_COVERAGE:
            return self.dense_weight * UNACCENTED_DENSE_SHARE
        return self.dense_weight

    def _fuse(self, lexical: LexicalIndex, lex_all: np.ndarray, dense: _DenseScores | None,
              w: float) -> list[Hit]:
        pool = self._pool(lexical, lex_all, dense)
        lex = {cid: float(lex_all[row]) if (row := lexical.row(cid)) is not None else 0.0
               for cid in pool}
        dns = dense.get(pool) if dense else dict.fromkeys(pool, 0.0)
        if self.mode == "bm25":
            scores = lex
        elif self.mode == "dense":
            scores = dns
        elif self.fusion == "rrf":
            scores = rrf(lex, dns, w)
        else:
            scores = {cid: w * dns[cid] + (1 - w) * lex[cid] for cid in pool}
        hits = [Hit(cid, scores[cid], lex[cid], dns[cid]) for cid in pool if scores[cid] > 0]
        hits.sort(key=lambda h: (-h.score, h.clause_id))
        return hits


class _DenseScores:
    """One query's dense side: top candidates from FAISS, plus lookups for the lexical pool."""

    def __init__(self, embedder: Embedder, vectors: VectorIndex, query: str) -> None:
        self.vec = embedder.embed_query(query)
        self.vectors = vectors
        self.mean, self.std = vectors.similarity_stats(self.vec)
        self.top = {cid: dense_relevance(cos, self.mean, self.std)
                    for cid, cos in vectors.search(self.vec, CANDIDATES)}

    def get(self, ids: list[int]) -> dict[int, float]:
        missing = [cid for cid in ids if cid not in self.top]
        extra = {cid: dense_relevance(cos, self.mean, self.std)
                 for cid, cos in self.vectors.scores(self.vec, missing).items()}
        return {cid: self.top.get(cid, extra.get(cid, 0.0)) for cid in ids}


def rrf(lexical: dict[int, float], dense: dict[int, float], dense_weight: float) -> dict[int, float]:
    """Weighted reciprocal-rank fusion, scaled so rank 1 on both sides scores 1.0.

    Ranks come from the normalised scores over the pool; a side that scores a clause 0 adds
    nothing for it (it did not retrieve it).
    """
    fused = dict.fromkeys(lexical, 0.0)
    for scores, weight in ((lexical, 1 - dense_weight), (dense, dense_weight)):
        ranked = sorted((cid for cid in scores if scores[cid] > 0), key=lambda c: (-scores[c], c))
        for rank, cid in enumerate(ranked, start=1):
            fused[cid] = fused.get(cid, 0.0) + weight * (RRF_K + 1) / (RRF_K + rank)
    return fused
