"""Corpus -> store -> search indexes. One transaction per document; a failure changes nothing."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from index.config import Config
from index.errors import CchcError
from index.ingest import read_text
from index.models import Document
from index.parse import PARSER_VERSION, parse_document
from index.store import Store

if TYPE_CHECKING:
    from index.embed import Embedder
    from index.search import EmbedProgress

Progress = Callable[[str, int, int], None]   # (file name, done, total)


@dataclass
class IndexReport:
    """What one indexing run did, for the CLI summary, the bot and the benchmark."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    clauses: int = 0
    deadlines: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    reparsed: bool = False   # every file parsed again: the parser changed since the last run
    new_passages: bool = False   # every clause embedded again: the passage text changed

    def add_time(self, stage: str, seconds: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def corpus_files(corpus: Path) -> list[Path]:
    """Every visible file in the corpus directory (unsupported ones too, so they get reported)."""
    if not corpus.is_dir():
        raise CchcError(f"corpus directory not found: {corpus}")
    return sorted(p for p in corpus.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def parse_file(path: Path, source: str | None = None) -> Document:
    """Read and parse one file; raises IngestError/ParseError naming the file."""
    doc_id = file_hash(path.read_bytes()) if path.stat().st_size < 200 * 1024 * 1024 else ""
    return parse_document(read_text(path), source or path.name, doc_id or path.name)


def default_embedder(config: Config) -> Embedder:
    from index.embed import make_embedder

    return make_embedder(config.embedding)


def _sync_store(config: Config, store: Store, report: IndexReport, progress: Progress | None,
                force: bool) -> tuple[list[int], list[int]]:
    files = corpus_files(config.corpus_dir)
    known = store.sources()
    added_ids: list[int] = []
    removed_ids: list[int] = []
    for n, path in enumerate(files, 1):
        if progress:
            progress(path.name, n, len(files))
        try:
            unchanged = known.get(path.name) == file_hash(path.read_bytes())
            if unchanged and not force:
                report.unchanged.append(path.name)
                continue
            started = time.perf_counter()
            doc = parse_file(path)
            report.add_time("parse", time.perf_counter() - started)
        except (CchcError, OSError) as exc:
            report.errors.append((path.name, str(exc)))
            continue
        started = time.perf_counter()
        old = known.get(path.name)
        if old:
            removed_ids += store.clause_ids(old)
        added_ids += store.save_document(doc)
        report.add_time("store", time.perf_counter() - started)
        (report.replaced if old else report.added).append(path.name)
    present = {p.name for p in files}
    for source, doc_id in known.items():
        if source not in present:
            removed_ids += store.remove_document(doc_id)
            report.removed.append(source)
    return added_ids, removed_ids


def index_corpus(config: Config, *, progress: Progress | None = None, embedder: Embedder | None = None,
                 rebuild: bool = False, embed_progress: EmbedProgress | None = None) -> IndexReport:
    """Bring the store and search indexes in line with the corpus directory."""
    from index.search import rebuild_indexes, update_indexes

    report = IndexReport()
    store = Store(config.db_path)
    report.reparsed = bool(store.sources()) and store.get_meta("parser_version") != PARSER_VERSION
    added, removed = _sync_store(config, store, report, progress, force=rebuild or report.reparsed)
    embedder = embedder or default_embedder(config)
    report.new_passages = _older_passage_format(config, embedder)
    if rebuild or not _indexes_exist(config) or report.new_passages:
        stages = rebuild_indexes(store, config.data_dir, embedder, embed_progress)
    else:
        added, removed = _reconcile(config, store, embedder, added, removed)
        stages = update_indexes(store, config.data_dir, embedder, added, removed, embed_progress)
    for stage, seconds in stages.items():
        report.add_time(stage, seconds)
    store.set_meta("parser_version", PARSER_VERSION)
    _count(store, report)
    return report


def _reconcile(config: Config, store: Store, embedder: Embedder, added: list[int],
               removed: list[int]) -> tuple[list[int], list[int]]:
    """Also repair drift left by an interrupted run: clauses without vectors, vectors without clauses."""
    from index.search import index_name
    from index.vectors import VectorIndex

    indexed = set(VectorIndex.load(config.data_dir, index_name(embedder)).ids())
    stored = set(store.clause_ids())
    missing = sorted((stored - indexed) | set(added))
    stale = sorted((indexed - stored) | (set(removed) & indexed))
    return missing, stale


def _older_passage_format(config: Config, embedder: Embedder) -> bool:
    """The vector index was built by this very model from an older kind of passage text (an
    upgrade of this software): re-embedding is due, and safe, as nothing would be mixed."""
    from index.errors import IndexNotBuilt
    from index.search import index_name
    from index.vectors import VectorIndex

    try:
        built_with = VectorIndex.built_with(config.data_dir)
    except IndexNotBuilt:
        return False
    return built_with != index_name(embedder) and built_with.rsplit("+", 1)[0] == embedder.name


def _indexes_exist(config: Config) -> bool:
    from index.vectors import VectorIndex

    return VectorIndex.exists(config.data_dir)


def _count(store: Store, report: IndexReport) -> None:
    db = store.db
    report.documents = db["documents"].count
    report.clauses = db["clauses"].count
    report.deadlines = db.execute(
        "select count(*) from dates where kind in ('deadline', 'period', 'recurring', 'effective')"
    ).fetchone()[0]


def add_file(config: Config, path: Path, *, embedder: Embedder | None = None,
             store: Store | None = None) -> Document:
    """Parse one file and add it incrementally; on any failure the store and indexes are unchanged."""
    from index.search import update_indexes

    doc = parse_file(path)
    store = store or Store(config.db_path)
    embedder = embedder or default_embedder(config)
    previous = _previous_version(store, path.name)
    old_ids = store.clause_ids(previous.id) if previous else []
    new_ids = store.save_document(doc)
    try:
        update_indexes(store, config.data_dir, embedder, new_ids, old_ids)
    except Exception:
        store.remove_document(doc.id)
        if previous:
            store.save_document(previous)
        raise
    return doc


def _previous_version(store: Store, source: str) -> Document | None:
    doc_id = store.sources().get(source)
    return store.find_document(doc_id) if doc_id else None


def remove_document(config: Config, key: str, *, embedder: Embedder | None = None,
                    store: Store | None = None, delete_file: bool = True) -> Document:
    """Remove a document (by id, file name or number) from store, indexes and corpus."""
    from index.search import update_indexes

    store = store or Store(config.db_path)
    doc = store.find_document(key)
    removed = store.remove_document(doc.id)
    update_indexes(store, config.data_dir, embedder or default_embedder(config), [], removed)
    source = config.corpus_dir / doc.source
    if delete_file and source.is_file():
        source.unlink()
    return doc
