"""Hybrid retrieval over clauses (BM25 + dense), and keeping both indexes in step with the store.

The lexical side reads each clause with its document's context (subject/title, number, issuer,
place), heading chain, text and footnotes, and stores the underthesea segmentation in the store
(clauses.tokens). The dense side embeds the clause without the document context (heading chain,
text, footnotes) and stores the vector in the FAISS index under the clause id: the context is a
quarter of the tokens, and leaving it to BM25 measured as well or better on every question set.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.embed import Embedder
from index.errors import IndexNotBuilt
from index.lexical import LexicalIndex, is_accented
from index.models import Clause, Document
from index.segment import segment
from index.store import Store
from index.vectors import VectorIndex

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
# Clauses embedded (and cached in the store) per step: an interrupted build of thousands of
# dispatches resumes from the cache instead of starting over, and progress can be shown.
EMBED_CHUNK = 64
EmbedProgress = Callable[[int, int], None]   # (clauses embedded, clauses to embed)


@dataclass(frozen=True)
class Hit:
    """One retrieved clause. lexical and dense are the normalised component scores in [0, 1]."""

    clause_id: int
    score: float
    lexical: float
    dense: float


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
        self.last_timings: dict[str, float] = {}   # seconds per stage of the last search
        self.refresh()

    def refresh(self) -> None:
        """Reload both indexes (after `update_indexes`); swaps them in one assignment."""
        lexical = LexicalIndex.from_store(self.store)
        vectors = None
        if self.mode != "bm25" and self.embedder is not None:
            vectors = VectorIndex.load(self.data_dir, index_name(self.embedder))
        self._indexes = (lexical, vectors)   # one assignment: a concurrent search sees old or new

    def search(self, query: str, k: int = 10, query_tokens: list[str] | None = None) -> list[Hit]:
        """Best clauses first. query_tokens (e.g. glossary-expanded) replace the lexical query."""
        lexical, vectors = self._indexes
        t0 = time.perf_counter()
        tokens = query_tokens if query_tokens is not None else segment(query)
        t1 = time.perf_counter()
        # Computed in every mode: Hit.lexical is cheap and helps the answer layer decide.
        lex_all = lexical.score_all(tokens)
        t2 = time.perf_counter()
        dense = _DenseScores(self.embedder, vectors, query) if vectors is not None and self.embedder else None
        t3 = time.perf_counter()
        hits = self._fuse(lexical, lex_all, dense, self._dense_weight(lexical, tokens))[:k]
        self.last_timings = {"segment": t1 - t0, "lexical": t2 - t1, "dense": t3 - t2,
                             "fuse": time.perf_counter() - t3}
        return hits

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


# --- keeping the indexes in step with the store -----------------------------------------------
def _clause_texts(store: Store, clause_ids: list[int]) -> tuple[list[str], list[str]]:
    """(lexical texts, dense passages) of the clauses: with and without the document context."""
    contexts: dict[str, str] = {}
    lexical, passages = [], []
    for cid in clause_ids:
        clause = store.clause(cid)
        if clause.doc_id not in contexts:
            contexts[clause.doc_id] = document_context(store.get_document(clause.doc_id))
        lexical.append(clause_text(clause, contexts[clause.doc_id]))
        passages.append(clause_text(clause, ""))
    return lexical, passages


def _index_clauses(store: Store, embedder: Embedder, clause_ids: list[int], prune: bool = False,
                   progress: EmbedProgress | None = None) -> tuple[np.ndarray, dict]:
    """Segment (stored for BM25) and embed clauses; return vectors and stage timings."""
    t0 = time.perf_counter()
    texts, passages = _clause_texts(store, clause_ids)
    store.set_tokens({cid: " ".join(segment(t)) for cid, t in zip(clause_ids, texts, strict=True)})
    t1 = time.perf_counter()
    vectors = _embed_cached(store, embedder, passages, prune=prune, progress=progress)
    t2 = time.perf_counter()
    return vectors, {"segment": t1 - t0, "embed": t2 - t1}


def _embed_cached(store: Store, embedder: Embedder, texts: list[str], prune: bool,
                  progress: EmbedProgress | None = None) -> np.ndarray:
    """Embed only texts this model has not embedded before: re-indexing a replaced dispatch or a
    full --rebuild re-embeds just the clauses whose text changed (embedding is ~95% of index time).
    New vectors are cached chunk by chunk, so an interrupted run loses at most one chunk."""
    keys = [hashlib.sha256(f"{embedder.name}\0{t}".encode()).hexdigest() for t in texts]
    vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    cached = store.cached_vectors(keys)
    for i, key in enumerate(keys):
        if key in cached:
            vectors[i] = np.frombuffer(cached[key], dtype=np.float32)
    todo = [i for i, k in enumerate(keys) if k not in cached]
    for start in range(0, len(todo), EMBED_CHUNK):
        chunk = todo[start:start + EMBED_CHUNK]
        fresh = embedder.embed_passages([texts[i] for i in chunk])
        vectors[chunk] = fresh
        store.cache_vectors({keys[i]: fresh[row].astype(np.float32).tobytes() for row, i in enumerate(chunk)})
        if progress:
            progress(start + len(chunk), len(todo))
    if prune:
        store.cache_vectors({}, keep=set(keys))
    return vectors


def update_indexes(store: Store, data_dir: Path, embedder: Embedder, added_clause_ids: list[int],
                   removed_clause_ids: list[int], progress: EmbedProgress | None = None) -> dict[str, float]:
    """Index added clauses and forget removed ones; seconds per stage (segment, embed, write).

    Without a usable vector index (absent, corrupt) this is a full rebuild. An index built with another
    model raises IndexMismatch (mixing models in one index would make scores meaningless).
    """
    try:
        index = VectorIndex.load(Path(data_dir), index_name(embedder))
    except IndexNotBuilt:  # absent, unreadable or half-written: nothing to update incrementally
        return rebuild_indexes(store, data_dir, embedder, progress)
    added = list(dict.fromkeys(added_clause_ids))
    vectors, timings = _index_clauses(store, embedder, added, progress=progress)
    t0 = time.perf_counter()
    # Remove before add: SQLite may hand a removed clause's id to a new clause.
    index.remove(list(removed_clause_ids))
    index.add(added, vectors)
    index.save(Path(data_dir))
    timings["write"] = time.perf_counter() - t0
    return timings


def rebuild_indexes(store: Store, data_dir: Path, embedder: Embedder,
                    progress: EmbedProgress | None = None) -> dict[str, float]:
    """Re-segment and re-embed every clause; the new vector index replaces the old atomically."""
    ids = [int(row[0]) for row in store.clause_tokens()]
    vectors, timings = _index_clauses(store, embedder, ids, prune=True, progress=progress)
    t0 = time.perf_counter()
    index = VectorIndex(index_name(embedder), embedder.dim)
    index.add(ids, vectors)
    index.save(Path(data_dir))
    timings["write"] = time.perf_counter() - t0
    return timings
