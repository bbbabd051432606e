"""BM25 over segmented clause tokens, plus a second BM25 over accent-folded syllables.

Users often type without diacritics ("ai phu trach tuyen truyen"); underthesea cannot segment
such text into words, so the folded index works on syllables plus syllable bigrams (the bigram
"phu_trach" restores most of the precision that word segmentation gives the accented index).

Scores are normalised to [0, 1] by the query's own weight (sum of the IDFs of its terms, unseen
terms included), not by the best hit: a query whose words hardly occur in the corpus ("giá xăng
hôm nay") keeps a low score, which the answer layer needs in order to abstain.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
from rank_bm25 import BM25Okapi

from index.text.normalize import fold
from index.text.vocabulary import SEARCH_STOPWORDS

if TYPE_CHECKING:
    from index.store.database import Store

# Question and function words carry no topic (index.text.vocabulary says which and why).
STOPWORDS = SEARCH_STOPWORDS
# Unaccented questions ("ai phu trach ...") are matched against the folded stopwords, but only
# token by token: folding whole syllables would also drop "hiện" from "thực_hiện" (-> "hien").
FOLDED_STOPWORDS = frozenset(fold(w) for w in STOPWORDS)

# Share of the accented index in the combined score when the query has diacritics: exact
# accented words are the stronger evidence ("hồ sơ" vs "hổ", "sơ"), folding is the safety net.
ACCENTED_WEIGHT = 0.6

_SYLLABLE = re.compile(r"\w+", re.UNICODE)


def expand_codes(tokens: Iterable[str]) -> list[str]:
    """Add the parts of document numbers: "48/kh-tcttkđa" also yields "48", "kh", "tcttkđa".

    Questions say "Kế hoạch số 48"; the clause says "Kế hoạch số 48/KH-TCTTKĐA".
    """
    tokens = list(tokens)
    if "/" not in " ".join(tokens):   # the usual case, checked at C speed
        return tokens
    out: list[str] = []
    for token in tokens:
        out.append(token)
        if "/" in token and any(ch.isalpha() for ch in token):
            out.extend(part for part in re.split(r"[/\-]", token) if part)
    return out


def _syllables(tokens: Iterable[str]) -> list[str]:
    return [s for t in tokens for s in fold(t).split("_") if s]


def _bigrams(syllables: list[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in zip(syllables, syllables[1:], strict=False)]


def folded_terms(words: list[str]) -> list[str]:
    """Folded syllables (document numbers expanded) plus bigrams of consecutive syllables."""
    # fold() works character by character: folding the joined words once equals folding each.
    return _folded_terms_of_folded(fold(" ".join(words)).split())


def _folded_terms_of_folded(folded_words: list[str]) -> list[str]:
    syllables = [s for t in folded_words for s in t.split("_") if s]
    expanded = [s for t in expand_codes(folded_words) for s in t.split("_") if s]
    return expanded + _bigrams(syllables)


def is_stopword(token: str) -> bool:
    return token in STOPWORDS or (token == fold(token) and token in FOLDED_STOPWORDS)


def is_accented(tokens: list[str]) -> bool:
    """Whether any token carries Vietnamese diacritics (or đ)."""
    return any(fold(t) != t for t in tokens)


class _Side:
    """One BM25 model (rank-bm25 statistics) with IDF-mass normalisation."""

    def __init__(self, docs: list[list[str]]) -> None:
        self.n = len(docs)
        # rank-bm25 divides by the average length; an all-empty corpus would crash it.
        self.bm25 = BM25Okapi(docs) if any(docs) else None
        self.postings = self._postings() if self.bm25 is not None else {}

    def _postings(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """term -> (clause rows, BM25 term weight in each), from rank-bm25's statistics.

        rank-bm25's get_scores walks every clause for every query term in Python (~40 ms per
        query at 10k clauses); postings touch only the clauses that contain a term. Same scores.
        """
        bm = self.bm25
        assert bm is not None
        # Vectorised: a Python loop over the ~1M (clause, term) pairs of 16k clauses took seconds.
        freqs = bm.doc_freqs
        terms = [t for f in freqs for t in f]
        if not terms:
            return {}
        tfs = np.fromiter((tf for f in freqs for tf in f.values()), dtype=np.float64, count=len(terms))
        docs = np.repeat(np.arange(len(freqs), dtype=np.int64), [len(f) for f in freqs])
        norm = bm.k1 * (1 - bm.b + bm.b * np.asarray(bm.doc_len, dtype=np.float64) / bm.avgdl)
        weights = tfs * (bm.k1 + 1) / (tfs + norm[docs])
        vocab = list(dict.fromkeys(terms))
        ids = {t: i for i, t in enumerate(vocab)}
        term_ids = np.fromiter((ids[t] for t in terms), dtype=np.int64, count=len(terms))
        order = np.argsort(term_ids, kind="stable")   # stable: clause rows stay ascending per term
        bounds = np.searchsorted(term_ids[order], np.arange(len(vocab) + 1))
        docs, weights = docs[order], weights[order]
        return {t: (docs[bounds[i]:bounds[i + 1]], weights[bounds[i]:bounds[i + 1]]) for i, t in enumerate(vocab)}

    def known(self, term: str) -> bool:
        return term in self.postings

    def idf(self, term: str) -> float:
        if self.bm25 is not None and term in self.bm25.idf:
            return float(self.bm25.idf[term])
        return math.log((self.n + 0.5) / 0.5)  # BM25 IDF of a term no clause contains

    def raw_scores(self, terms: list[str]) -> np.ndarray:
        """Plain BM25 (as BM25Okapi.get_scores) of every clause for the distinct terms."""
        scores = np.zeros(self.n)
        for term in dict.fromkeys(terms):
            if term in self.postings:
                rows, weights = self.postings[term]
                scores[rows] += self.idf(term) * weights
        return scores

    def scores(self, terms: list[str], weight_terms: list[str]) -> np.ndarray:
        """BM25 of every clause divided by the IDF mass of weight_terms, clipped to [0, 1]."""
        if self.bm25 is None or not terms:
            return np.zeros(self.n)
        mass = sum(self.idf(t) for t in dict.fromkeys(weight_terms))
        return np.clip(self.raw_scores(terms) / max(mass, 1e-9), 0.0, 1.0)


class LexicalIndex:
    """In-memory BM25 over every clause, rebuilt from the store's stored tokens at load time."""

    def __init__(self, rows: list[tuple[int, str, str]]) -> None:
        """rows: (clause id, space-separated segmented tokens, folded text) as Store.clause_tokens()."""
        self.ids = np.asarray([r[0] for r in rows], dtype=np.int64)
        accented: list[list[str]] = []
        folded: list[list[str]] = []
        for _, tokens, folded_text in rows:
            words = tokens.split()
            if words:
                accented.append(expand_codes(words))
                folded.append(folded_terms(words))
            else:  # not segmented yet (older store): fall back to the store's folded text
                accented.append([])
                folded.append(folded_terms(_SYLLABLE.findall(folded_text or "")))
        self._rows = {int(cid): i for i, cid in enumerate(self.ids)}
        self._accented = _Side(accented)
        self._folded = _Side(folded)

    @classmethod
    def from_store(cls, store: Store) -> LexicalIndex:
        return cls(store.clause_tokens())

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, clause_id: int) -> int | None:
        """Position of a clause in score_all's array (None if the clause is not indexed)."""
        return self._rows.get(clause_id)

    def score_all(self, query_tokens: list[str]) -> np.ndarray:
        """Normalised lexical score of every clause (aligned with self.ids)."""
        tokens = [t for t in query_tokens if t]
        words = expand_codes(t for t in tokens if not is_stopword(t))
        if not words or not len(self):
            return np.zeros(len(self))
        syllables = _syllables(words)
        # Bigrams span stopwords too ("co_quan" must survive dropping "có"/"co").
        bigrams = _bigrams(_syllables(tokens))
        # Unseen bigrams are a bonus, not a requirement: only syllables and known bigrams weigh.
        weights = syllables + [b for b in bigrams if self._folded.known(b)]
        folded = self._folded.scores(syllables + bigrams, weights)
        if not is_accented(words):
            return folded
        accented = self._accented.scores(words, words)
        return ACCENTED_WEIGHT * accented + (1 - ACCENTED_WEIGHT) * folded

    def folded_coverage(self, query_tokens: list[str]) -> float:
        """Share of the query's alphabetic content syllables that occur (folded) in the corpus.

        High for Vietnamese typed without diacritics, low for English: tells the two apart.
        """
        words = [t for t in query_tokens if t and not is_stopword(t)]
        syllables = [s for s in _syllables(words) if s.isalpha()]
        if not syllables:
            return 0.0
        return sum(self._folded.known(s) for s in syllables) / len(syllables)

    def search(self, query_tokens: list[str], k: int = 50) -> list[tuple[int, float]]:
        """Top-k (clause id, normalised score) with score > 0, best first."""
        scores = self.score_all(query_tokens)
        if not len(scores):
            return []
        top = np.argsort(-scores, kind="stable")[:k]
        return [(int(self.ids[i]), float(scores[i])) for i in top if scores[i] > 0]
