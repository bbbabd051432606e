"""The corpus as the answerer reads it: store rows, term weights and the retriever, loaded at once."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.answering.accents import AccentRestorer
from bot.answering.terms import TermWeights
from index.config import Config
from index.errors import IndexNotBuilt
from index.store.database import Store
from index.store.models import Clause, Document
from index.store.registry import Registry
from index.text.normalize import fold

if TYPE_CHECKING:
    from index.search.embed import Embedder
    from index.search.retriever import Retriever


@dataclass
class Snapshot:
    """Everything ask() reads, loaded at once, so that asking needs no database connection (the
    bot asks from worker threads; SQLite connections belong to the thread that opened them)."""

    retriever: Retriever
    clauses: dict[int, Clause]
    docs: dict[str, Document]
    by_doc: dict[str, list[Clause]]
    weights: TermWeights
    registry: Registry = field(default_factory=lambda: Registry(()))
    home: str = ""                                  # the deployment's home organisation (units file)
    _accents: AccentRestorer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def accents(self) -> AccentRestorer:
        """Built on the first unaccented question: accented ones, the usual case, never pay for it."""
        with self._lock:
            if self._accents is None:
                self._accents = AccentRestorer(
                    " \n ".join([d.text, d.issuer, d.place, d.subject, d.title]) for d in self.docs.values())
            return self._accents


def load_snapshot(config: Config, store: Store | None, embedder: Embedder | None, *, mode: str, fusion: str,
                  dense_weight: float) -> Snapshot:
    """Read the store and the indexes; a store of this thread's own is opened (and closed) when none
    is given. mode, fusion and dense_weight: how the retriever combines its halves (cchc bench compares)."""
    from index.search.retriever import Retriever

    if store is None and not config.db_path.exists():   # opening would create an empty one
        raise IndexNotBuilt(f"no index in {config.data_dir}: run `cchc index`")
    reader = store or Store(config.db_path)
    try:
        retriever = Retriever(reader, config.data_dir, embedder, dense_weight=dense_weight, mode=mode,
                              fusion=fusion)
        docs = {d.id: reader.get_document(d.id) for d in reader.documents()}
        clauses = {c.id: c for c in reader.clauses() if c.id is not None}
        # The store keeps each clause folded (headings + text); footnotes are added here.
        weights = TermWeights.from_texts(
            (f"{folded} {fold(' '.join(clauses[cid].footnotes.values()))}"
             for cid, _, folded in reader.clause_tokens() if cid in clauses), folded=True)
        home = reader.get_meta("home") or ""
        registry = Registry.load(reader.db)
    finally:
        if reader is not store:
            reader.db.close()
    by_doc: dict[str, list[Clause]] = {}
    for clause in clauses.values():
        by_doc.setdefault(clause.doc_id, []).append(clause)
    return Snapshot(retriever, clauses, docs, by_doc, weights, registry, home)
