"""Publishing a change: the store rows and the vector index that serve are replaced together.

Every change to the corpus (an upload, a removal, `cchc index`, a rebuild) is prepared in memory
first: parsed, segmented, embedded. Only then is it published, in one SQLite transaction that
writes the rows and points the store at a new vector-index generation, written in full beside the
serving one just before. A kill at any moment therefore leaves either the previous pair or the new
pair serving, never a store whose clauses the vector index does not know.

Generations live in `<data>/vectors/<name>/`; the store's meta key `vectors` names the serving
one. The previous generation is kept, so a reader that looked up the pointer just before a
publish can still load what it found; older ones are removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.errors import IndexNotBuilt
from index.search.embed import Embedder
from index.search.passages import EmbedProgress, clause_text, document_context, index_name
from index.search.segment import segment
from index.search.vectors import VectorIndex
from index.store.database import Store
from index.store.models import Document

GENERATIONS = "vectors"
POINTER = "vectors"           # meta key naming the serving generation
EMBED_CHUNK = 64              # clauses embedded (and cached) per step: a killed build resumes from the cache
Checkpoint = Callable[[str], None]   # called between steps with the step's name (tests stop builds there)


@dataclass
class Prepared:
    """A parsed document with what both indexes need: segmented text and passage vectors."""

    doc: Document
    tokens: list[str]
    vectors: np.ndarray
    keys: list[str]          # the vectors' cache keys (model and passage text)


def serving_dir(store: Store, data_dir: Path) -> Path:
    """The folder of the vector index that goes with the store's current rows."""
    name = store.get_meta(POINTER)
    # An index written before generations existed sits in the data folder itself.
    return Path(data_dir) / GENERATIONS / name if name else Path(data_dir)


def load_serving(store: Store, data_dir: Path, embedder_name: str) -> VectorIndex:
    """The serving vector index; IndexNotBuilt if there is none, IndexMismatch if another model."""
    return VectorIndex.load(serving_dir(store, data_dir), embedder_name)


def prepare(docs: Sequence[Document], store: Store, embedder: Embedder,
            progress: EmbedProgress | None = None) -> tuple[list[Prepared], dict[str, float]]:
    """Segment and embed the documents' clauses in memory; seconds per stage."""
    t0 = time.perf_counter()
    lexical: list[str] = []
    passages: list[str] = []
    for doc in docs:
        context = document_context(doc)
        lexical += [" ".join(segment(clause_text(c, context))) for c in doc.clauses]
        passages += [clause_text(c, "") for c in doc.clauses]
    t1 = time.perf_counter()
    keys = [vector_key(embedder, text) for text in passages]
    vectors = embed_cached(store, embedder, passages, keys, progress)
    t2 = time.perf_counter()
    prepared, start = [], 0
    for doc in docs:
        end = start + len(doc.clauses)
        prepared.append(Prepared(doc, lexical[start:end], vectors[start:end], keys[start:end]))
        start = end
    return prepared, {"segment": t1 - t0, "embed": t2 - t1}


def vector_key(embedder: Embedder, text: str) -> str:
    return hashlib.sha256(f"{embedder.name}\0{text}".encode()).hexdigest()


def embed_cached(store: Store, embedder: Embedder, texts: list[str], keys: list[str],
                 progress: EmbedProgress | None = None) -> np.ndarray:
    """Embed only texts this model has not embedded before: re-indexing a replaced dispatch or a
    full rebuild re-embeds just the clauses whose text changed (embedding is ~90% of index time).
    New vectors are cached chunk by chunk, so an interrupted run loses at most one chunk."""
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
    return vectors


def publish(store: Store, data_dir: Path, embedder: Embedder | None, added: Sequence[Prepared],
            removed: Sequence[str] = (), *, replace_all: bool = False, meta: dict[str, str] | None = None,
            checkpoint: Checkpoint | None = None) -> dict[str, float]:
    """Make `added` documents serve and `removed` ones (document ids) stop, atomically.

    replace_all starts from an empty store and vector index (a rebuild). Without an embedder
    (a removal) the serving index keeps its model. The store's write lock is held from reading
    the serving state to the commit, so two writers cannot interleave.
    """
    stop = checkpoint or (lambda step: None)
    t0 = time.perf_counter()
    data_dir = Path(data_dir)
    store.db.conn.execute("BEGIN IMMEDIATE")
    try:
        index = _base_index(store, data_dir, embedder, replace_all)
        gone = store.clause_ids() if replace_all else [i for d in removed for i in store.clause_ids(d)]
        for doc_id in store.sources().values() if replace_all else removed:
            store.delete_document(doc_id)
        index.remove(gone)
        for item in added:
            ids = store.write_document(item.doc, item.tokens)
            index.add(ids, item.vectors)
        previous, generation = store.get_meta(POINTER), _new_generation()
        index.save(data_dir / GENERATIONS / generation)
        stop("vectors-written")
        for key, value in {**(meta or {}), POINTER: generation}.items():
            store.set_meta_in_transaction(key, value)
        # Under the write lock no other writer has a generation in progress to lose.
        collect_garbage(data_dir, keep={previous, generation})
        stop("before-commit")
        store.db.conn.execute("COMMIT")
    except BaseException:
        store.db.rollback()
        raise
    stop("committed")
    if replace_all:
        store.prune_vector_cache({key for item in added for key in item.keys})
    return {"write": time.perf_counter() - t0}


def _base_index(store: Store, data_dir: Path, embedder: Embedder | None, replace_all: bool) -> VectorIndex:
    if embedder is None:
        return load_serving(store, data_dir, VectorIndex.built_with(serving_dir(store, data_dir)))
    # An empty store has nothing to lose: its first document starts the index.
    if replace_all or not (store.clause_ids() or is_built(store, data_dir)):
        return VectorIndex(index_name(embedder), embedder.dim)
    return load_serving(store, data_dir, index_name(embedder))


def _new_generation() -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    return f"{stamp}-{secrets.token_hex(3)}"


def collect_garbage(data_dir: Path, keep: set[str | None]) -> None:
    """Remove vector generations not in `keep` (those of killed runs included), and the index
    from before generations once it is not kept (None stands for it)."""
    root = Path(data_dir) / GENERATIONS
    if root.is_dir():
        for path in root.iterdir():
            if path.is_dir() and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
    if None not in keep:
        for legacy in VectorIndex.files(Path(data_dir)):
            with contextlib.suppress(FileNotFoundError):
                legacy.unlink()


def is_built(store: Store, data_dir: Path) -> bool:
    """Whether a vector index serves with the store."""
    try:
        VectorIndex.built_with(serving_dir(store, data_dir))
    except IndexNotBuilt:
        return False
    return True
