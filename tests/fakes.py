"""Test doubles for the search layer: a deterministic, instant embedder."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from index.text.normalize import fold

_WORD = re.compile(r"\w+")


class FakeEmbedder:
    """Hashed bag of accent-folded words (plus word bigrams), L2-normalised.

    Texts sharing words get a high cosine, so ranking behaves sensibly, and it needs no model.
    md5 rather than hash(): Python salts str hashes per process, and vectors must be stable
    across processes (an index saved by one test run is read by another process).
    """

    def __init__(self, dim: int = 64, name: str = "fake-hash") -> None:
        self.dim = dim
        self.name = f"{name}-{dim}"
        self.passage_calls = 0   # lets tests check that unchanged clauses are not re-embedded
        self.embedded_texts: list[str] = []

    def _bucket(self, feature: str) -> int:
        return int.from_bytes(hashlib.md5(feature.encode("utf-8")).digest()[:4], "little") % self.dim

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        words = _WORD.findall(fold(text))
        for feature in [*words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))]:
            vec[self._bucket(feature)] += 1.0
        norm = float(np.linalg.norm(vec))
        if norm == 0.0:  # empty text: a fixed unit vector keeps every row normalised
            vec[0], norm = 1.0, 1.0
        return vec / norm

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.passage_calls += 1
        self.embedded_texts.extend(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._vector(t) for t in texts]).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)
