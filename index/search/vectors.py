"""Dense vector index: FAISS IndexIDMap2 over IndexFlatIP, keyed by clause id.

Exact inner-product search is right for this corpus size (thousands of clauses: < 1 ms per query)
and lets us remove and replace single clauses when one document is re-indexed.
Files in the data directory: vectors.faiss (the index) and vectors.json (model name, dim, count).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

import faiss
import numpy as np

from index.errors import IndexMismatch, IndexNotBuilt

# One query against a flat index of a few thousand vectors is ~1 ms on one thread; faiss's
# OpenMP threads only add wake-up cost (measured 8x slower with 2 threads) and compete with
# the embedder's threads for the same two cores.
faiss.omp_set_num_threads(1)

INDEX_FILE = "vectors.faiss"
META_FILE = "vectors.json"
FORMAT_VERSION = 1


def _ids_array(ids: list[int]) -> np.ndarray:
    return np.asarray(list(ids), dtype=np.int64)


class VectorIndex:
    """Clause vectors for one embedding model. Vectors must be L2-normalised (IP = cosine)."""

    def __init__(self, embedder_name: str, dim: int, index: faiss.Index | None = None) -> None:
        self.embedder_name = embedder_name
        self.dim = dim
        self.index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self._stats: tuple[np.ndarray, np.ndarray] | None = None  # centroid, covariance

    # --- persistence ------------------------------------------------------------------------
    @staticmethod
    def files(data_dir: Path) -> list[Path]:
        """The files an index saved in this folder consists of."""
        return [Path(data_dir) / INDEX_FILE, Path(data_dir) / META_FILE]

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (Path(data_dir) / META_FILE).exists() and (Path(data_dir) / INDEX_FILE).exists()

    @classmethod
    def built_with(cls, data_dir: Path) -> str:
        """The model (and passage format) the saved index records; IndexNotBuilt if none."""
        return str(_read_meta(Path(data_dir))["model"])

    @classmethod
    def load(cls, data_dir: Path, embedder_name: str) -> VectorIndex:
        """Read the index; IndexNotBuilt if absent or unreadable, IndexMismatch if another model."""
        data_dir = Path(data_dir)
        meta = _read_meta(data_dir)
        built_with = meta["model"]
        if built_with != embedder_name:
            raise IndexMismatch(f"vector index was built with model {built_with}, config says "
                                f"{embedder_name}: run `cchc index --rebuild`")
        index = _read_index(data_dir, meta)
        return cls(built_with, index.d, index)

    def save(self, data_dir: Path) -> None:
        """Write index and metadata atomically (see _write_pair)."""
        meta = {"model": self.embedder_name, "dim": self.dim, "count": int(self.index.ntotal),
                "format": FORMAT_VERSION}
        _write_pair(Path(data_dir), self.index, meta)

    # --- updates ----------------------------------------------------------------------------
    def add(self, ids: list[int], vectors: np.ndarray) -> None:
        """Add (or replace) vectors for clause ids."""
        if not len(ids):
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected {len(ids)} vectors of dim {self.dim}, got {vectors.shape}")
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate clause ids in one add() call")
        # SQLite can reuse the ids of deleted clauses; replacing keeps one vector per id.
        self.remove(ids)
        self.index.add_with_ids(vectors, _ids_array(ids))
        self._stats = None

    def remove(self, ids: list[int]) -> int:
        """Remove clause ids (unknown ids are ignored); return how many were removed."""
        if not len(ids) or not self.index.ntotal:
            return 0
        removed = int(self.index.remove_ids(faiss.IDSelectorBatch(_ids_array(ids))))
        self._stats = None
        return removed

    # --- queries ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return int(self.index.ntotal)

    def ids(self) -> list[int]:
        return faiss.vector_to_array(self.index.id_map).tolist()

    def _query(self, vec: np.ndarray) -> np.ndarray:
        vec = np.ascontiguousarray(vec, dtype=np.float32).reshape(1, -1)
        if vec.shape[1] != self.dim:
            raise ValueError(f"query vector has dim {vec.shape[1]}, index has {self.dim}")
        return vec

    def search(self, vec: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Top-k (clause id, cosine), best first."""
        k = min(k, len(self))
        if k <= 0:
            return []
        scores, ids = self.index.search(self._query(vec), k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]

    def scores(self, vec: np.ndarray, ids: list[int]) -> dict[int, float]:
        """Cosine of the query with specific clauses (those outside a top-k list)."""
        q = self._query(vec)[0]
        out: dict[int, float] = {}
        for clause_id in ids:
            try:
                out[clause_id] = float(self.index.reconstruct(int(clause_id)) @ q)
            except RuntimeError:  # id not in the index
                continue
        return out

    def similarity_stats(self, vec: np.ndarray) -> tuple[float, float]:
        """Mean and standard deviation of the query's cosine over every clause.

        Models differ wildly in their baseline similarity (e5 rates unrelated text ~0.8 with a
        spread of ~0.015, MiniLM ~0.1 with a wider spread); search turns cosines into z-scores
        with these. Exact and cheap: mean = q·centroid, variance = qᵀ·Cov·q.
        """
        if not len(self):
            return 0.0, 1.0
        if self._stats is None:
            self._stats = _centroid_and_covariance(self.index)
        centroid, cov = self._stats
        q = self._query(vec)[0].astype(np.float64)
        return float(q @ centroid), float(np.sqrt(max(q @ cov @ q, 0.0)))


def _centroid_and_covariance(index: faiss.IndexIDMap2) -> tuple[np.ndarray, np.ndarray]:
    """Of every stored vector, read back from the flat index under the id map."""
    flat = faiss.downcast_index(index.index)
    x = flat.reconstruct_n(0, flat.ntotal).astype(np.float64)
    centroid = x.mean(axis=0)
    return centroid, x.T @ x / len(x) - np.outer(centroid, centroid)


# --- files -------------------------------------------------------------------------------------
def _read_meta(data_dir: Path) -> dict:
    """The saved metadata; IndexNotBuilt if the pair is absent or the metadata unreadable."""
    if not VectorIndex.exists(data_dir):
        raise IndexNotBuilt(f"no vector index in {data_dir}: run `cchc index`")
    try:
        meta = json.loads((data_dir / META_FILE).read_text(encoding="utf-8"))
        meta["model"]  # noqa: B018 - an index without its model name is unreadable too
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexNotBuilt(f"{data_dir / META_FILE} is unreadable ({exc}): "
                            "run `cchc index --rebuild`") from exc
    return meta


def _read_index(data_dir: Path, meta: dict) -> faiss.Index:
    """The saved FAISS index, checked against its metadata; IndexNotBuilt if unreadable or not the
    index the metadata describes."""
    try:
        index = faiss.read_index(str(data_dir / INDEX_FILE))
    except RuntimeError as exc:  # faiss reports corrupt files as RuntimeError
        raise IndexNotBuilt(f"{data_dir / INDEX_FILE} is unreadable: run `cchc index --rebuild`") from exc
    if index.ntotal != meta.get("count") or index.d != meta.get("dim"):
        raise IndexNotBuilt(f"vector index in {data_dir} does not match its metadata "
                            "(interrupted write?): run `cchc index --rebuild`")
    return index


def _write_pair(data_dir: Path, index: faiss.Index, meta: dict) -> None:
    """Write index and metadata atomically: temp files in the same dir, fsync, os.replace.

    Both temp files are complete before either is swapped in, so a crash or error while
    writing leaves the previous pair untouched and loadable.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp_index = _temp_path(data_dir, INDEX_FILE)
    tmp_meta = _temp_path(data_dir, META_FILE)
    try:
        faiss.write_index(index, str(tmp_index))
        _fsync(tmp_index)
        tmp_meta.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        _fsync(tmp_meta)
        os.replace(tmp_index, data_dir / INDEX_FILE)
        os.replace(tmp_meta, data_dir / META_FILE)
    finally:
        for tmp in (tmp_index, tmp_meta):
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    _fsync_dir(data_dir)


def _temp_path(data_dir: Path, name: str) -> Path:
    fd, path = tempfile.mkstemp(dir=data_dir, prefix=f".{name}.", suffix=".tmp")
    os.close(fd)
    return Path(path)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    # Makes the renames durable; not supported on every platform, so best effort.
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
