"""Corpus -> store -> search indexes. Each change is prepared in memory and published at once
(index.search.publish): a failure or a kill at any moment leaves the previous state serving."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from index.config import Config
from index.errors import CchcError, DuplicateDocument
from index.extract.entities import assign_units
from index.ingest import check_size, read_text
from index.parse.document import PARSER_VERSION, parse_document
from index.search import publish
from index.store.database import Store
from index.store.models import Document

if TYPE_CHECKING:
    from index.search.embed import Embedder
    from index.search.passages import EmbedProgress

Progress = Callable[[str, int, int], None]   # (file name, done, total)
HASH_BLOCK = 1 << 20


@dataclass
class IndexReport:
    """What one indexing run did, for the CLI summary, the bot and the benchmark."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)   # (file, the file it repeats)
    errors: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    clauses: int = 0
    deadlines: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    reparsed: bool = False   # every file parsed again: the parser changed since the last run
    new_passages: bool = False   # every clause embedded again: the passage text changed

    def add_time(self, stage: str, seconds: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds


def file_hash(path: Path) -> str:
    """The content id of a file: sha256 of its bytes (16 hex digits), read block by block."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(HASH_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def corpus_files(corpus: Path) -> list[Path]:
    """Every visible file in the corpus directory (unsupported ones too, so they get reported)."""
    if not corpus.is_dir():
        raise CchcError(f"corpus directory not found: {corpus}")
    return sorted(p for p in corpus.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def parse_file(path: Path, source: str | None = None, doc_id: str | None = None) -> Document:
    """Read and parse one file; raises IngestError/ParseError naming the file. The size is checked
    before anything is read."""
    check_size(path)
    return parse_document(read_text(path), source or path.name, doc_id or file_hash(path))


def default_embedder(config: Config) -> Embedder:
    from index.search.embed import make_embedder

    return make_embedder(config.embedding)


@dataclass
class _Scan:
    """The corpus folder as this run sees it: which files to parse, which stored documents go."""

    parse: list[tuple[Path, str]] = field(default_factory=list)   # (file, content id)
    remove: list[str] = field(default_factory=list)               # stored document ids


def _scan(config: Config, known: dict[str, str], report: IndexReport, force: bool) -> _Scan:
    """Hash every file (sizes first); the same content twice is indexed once, under the name it
    already had, else the first name in order; the others are reported as duplicates."""
    hashed: list[tuple[Path, str]] = []
    for path in corpus_files(config.corpus_dir):
        try:
            check_size(path)
            hashed.append((path, file_hash(path)))
        except (CchcError, OSError) as exc:
            report.errors.append((path.name, str(exc)))
    owner = {h: p.name for p, h in hashed if known.get(p.name) == h}
    for path, content in hashed:
        owner.setdefault(content, path.name)
    scan, failed = _Scan(), {name for name, _ in report.errors}
    for path, content in hashed:
        if owner[content] != path.name:
            report.duplicates.append((path.name, owner[content]))
        elif known.get(path.name) == content and not force:
            report.unchanged.append(path.name)
        else:
            scan.parse.append((path, content))
    present = {p.name for p, h in hashed if owner[h] == p.name} | failed
    gone = [source for source in known if source not in present]
    scan.remove = [known[source] for source in gone]
    repeated = {name for name, _ in report.duplicates}   # reported as duplicates, not as removed
    report.removed = [source for source in gone if source not in repeated]
    return scan


def _parse_all(scan: _Scan, known: dict[str, str], report: IndexReport, progress: Progress | None,
               home: str = "") -> list[Document]:
    """Parse the files to (re)index; one file's failure is reported by name, the rest go on."""
    docs: list[Document] = []
    for n, (path, content) in enumerate(scan.parse, 1):
        if progress:
            progress(path.name, n, len(scan.parse))
        started = time.perf_counter()
        try:
            docs.append(_at_home(parse_file(path, doc_id=content), home))
        except Exception as exc:  # noqa: BLE001 - any failure of one file must not stop the others
            report.errors.append((path.name, str(exc) if isinstance(exc, CchcError) else
                                  f"{path.name}: cannot be indexed ({type(exc).__name__}: {exc})"))
            continue
        finally:
            report.add_time("parse", time.perf_counter() - started)
        if path.name in known:
            scan.remove.append(known[path.name])
            report.replaced.append(path.name)
        else:
            report.added.append(path.name)
    return docs


def index_corpus(config: Config, *, progress: Progress | None = None, embedder: Embedder | None = None,
                 rebuild: bool = False, embed_progress: EmbedProgress | None = None,
                 checkpoint: publish.Checkpoint | None = None) -> IndexReport:
    """Bring the store and search indexes in line with the corpus directory."""
    report = IndexReport()
    store = Store(config.db_path)
    sync_units(config, store)       # a broken units file stops the run before anything changes
    known = store.sources()
    report.reparsed = bool(known) and store.get_meta("parser_version") != PARSER_VERSION
    embedder = embedder or default_embedder(config)
    report.new_passages = _older_passage_format(store, config, embedder)
    full = rebuild or report.new_passages or not _in_step(store, config, embedder)
    scan = _scan(config, known, report, force=full or report.reparsed)
    if full:  # everything is parsed again, and unchanged files are re-added, not kept
        report.unchanged.clear()
    docs = _parse_all(scan, known, report, progress, store.get_meta("home") or "")
    if docs or scan.remove or full:
        prepared, stages = publish.prepare(docs, store, embedder, embed_progress)
        for stage, seconds in stages.items():
            report.add_time(stage, seconds)
        if checkpoint:
            checkpoint("prepared")
        stages = publish.publish(store, config.data_dir, embedder, prepared, scan.remove, replace_all=full,
                                 meta={"parser_version": PARSER_VERSION}, checkpoint=checkpoint)
        for stage, seconds in stages.items():
            report.add_time(stage, seconds)
    _count(store, report)
    return report


def sync_units(config: Config, store: Store) -> None:
    """Bring the registry's admin units in line with the units file named in config.toml."""
    from index.store.admin_units import AdminUnits, load_admin_units, sync_admin_units

    admin = load_admin_units(config.units_file) if config.units_file else AdminUnits("", ())
    sync_admin_units(store.db, admin)


def _at_home(doc: Document, home: str) -> Document:
    """A document that does not say who issued it is read as the home organisation's: its
    relative unit names ("Phòng Nội vụ") are the home organisation's units."""
    if home and not doc.issuer:
        assign_units(doc, home)
    return doc


def _in_step(store: Store, config: Config, embedder: Embedder) -> bool:
    """Whether a vector index serves and holds exactly the stored clauses (an index written by an
    older version of this software could drift; it is then rebuilt)."""
    from index.errors import IndexNotBuilt
    from index.search.passages import index_name

    try:
        index = publish.load_serving(store, config.data_dir, index_name(embedder))
    except IndexNotBuilt:
        return False
    return set(index.ids()) == set(store.clause_ids())


def _older_passage_format(store: Store, config: Config, embedder: Embedder) -> bool:
    """The vector index was built by this very model from an older kind of passage text (an
    upgrade of this software): re-embedding is due, and safe, as nothing would be mixed."""
    from index.errors import IndexNotBuilt
    from index.search.passages import index_name
    from index.search.vectors import VectorIndex

    try:
        built_with = VectorIndex.built_with(publish.serving_dir(store, config.data_dir))
    except IndexNotBuilt:
        return False
    return built_with != index_name(embedder) and built_with.rsplit("+", 1)[0] == embedder.name


def _count(store: Store, report: IndexReport) -> None:
    db = store.db
    report.documents = db["documents"].count
    report.clauses = db["clauses"].count
    report.deadlines = db.execute(
        "select count(*) from dates where kind in ('deadline', 'period', 'recurring', 'effective')"
    ).fetchone()[0]


def add_file(config: Config, path: Path, *, embedder: Embedder | None = None, store: Store | None = None,
             report: IndexReport | None = None, checkpoint: publish.Checkpoint | None = None) -> Document:
    """Parse one file and publish it (replacing the document of the same file name).

    Raises DuplicateDocument, naming the stored one, when the same content is already indexed;
    on any failure the store and indexes are unchanged. Stage times go to `report`.
    """
    report = report or IndexReport()
    started = time.perf_counter()
    store = store or Store(config.db_path)
    doc = _at_home(parse_file(path), store.get_meta("home") or "")
    report.add_time("parse", time.perf_counter() - started)
    same = store.document_by_id(doc.id)
    if same is not None:
        raise DuplicateDocument(same)
    embedder = embedder or default_embedder(config)
    previous = store.sources().get(path.name)
    prepared, stages = publish.prepare([doc], store, embedder)
    stages |= publish.publish(store, config.data_dir, embedder, prepared, [previous] if previous else [],
                              checkpoint=checkpoint)
    for stage, seconds in stages.items():
        report.add_time(stage, seconds)
    return doc


def remove_document(config: Config, key: str, *, store: Store | None = None,
                    delete_file: bool = True) -> Document:
    """Remove a document (by id, file name or number) from store, indexes and corpus."""
    store = store or Store(config.db_path)
    doc = store.find_document(key)
    publish.publish(store, config.data_dir, None, [], [doc.id])
    source = config.corpus_dir / doc.source
    if delete_file and source.is_file():
        source.unlink()
    return doc
