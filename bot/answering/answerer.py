"""Question -> extractive answer with its source, or an honest "not found".

The pipeline: detect the intent, map English vocabulary to Vietnamese (or restore the accents of
unaccented Vietnamese), retrieve clauses (BM25 + dense), let the intent's extractor look at the best
few (bot.answering.by_intent), and abstain when the evidence is weak (bot.answering.evidence). Heavy
modules (search, embedder) are imported inside Answerer so `cchc ask` starts fast.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING

from bot.answering.by_intent import byline_answer, due_list_answer, extract
from bot.answering.byline import SIGNATURE_PATH, signature_block, signer_answer
from bot.answering.due_list import due_window
from bot.answering.evidence import (
    CANDIDATES,
    RANKING,
    Candidate,
    answer_from,
    candidates,
    choose,
    convincing,
    naming_clause,
    other_document,
)
from bot.answering.glossary import Translation, abbreviation_variants, has_diacritics, translate
from bot.answering.intent import Query, detect_intent
from bot.answering.reply import citation_line, reply_text
from bot.answering.result import ABSTAIN, Answer, Source
from bot.answering.snapshot import Snapshot, load_snapshot
from bot.answering.terms import words
from index.config import Config
from index.search.timings import Timings
from index.store.database import Store
from index.text.normalize import nfc

if TYPE_CHECKING:
    from index.search.embed import Embedder
    from index.search.retriever import Hit

__all__ = ["ABSTAIN", "SIGNATURE_PATH", "Answer", "Answerer", "Source", "citation_line", "signature_block",
           "signer_answer"]


class Answerer:
    """Answers questions from the indexed corpus. Load once, ask many times; reload after indexing."""

    def __init__(self, config: Config, store: Store | None = None, embedder: Embedder | None = None, *,
                 mode: str = "fused", fusion: str = "weighted", dense_weight: float | None = None) -> None:
        self.config = config
        self.store = store
        if embedder is None and mode != "bm25":
            from index.search.embed import make_embedder

            embedder = make_embedder(config.embedding)
        self.embedder = embedder
        self.mode, self.fusion = mode, fusion
        self.dense_weight = config.retrieval.dense_weight if dense_weight is None else dense_weight
        self.threshold = config.retrieval.abstain_threshold
        self.top_k = config.retrieval.top_k
        self._lock = threading.Lock()   # the embedder is not known to be thread-safe
        self._snapshot = self._load()

    def reload(self) -> None:
        """Re-read store and indexes after the corpus changed; questions in flight finish on the old data."""
        self._snapshot = self._load()

    def _load(self) -> Snapshot:
        return load_snapshot(self.config, self.store, self.embedder, mode=self.mode, fusion=self.fusion,
                             dense_weight=self.dense_weight)

    def ask(self, question: str, timings: Timings | None = None) -> Answer:
        """The answer to one question, from the snapshot loaded last; seconds per search stage go to
        `timings` (the benchmark's)."""
        question = nfc(question).strip()
        if not question:
            return Answer(question, "what", None, ABSTAIN, [])
        snap = self._snapshot
        if window := due_window(question, self.config.today()):
            # A connection of this thread's own: the bot asks from worker threads.
            store = self.store or Store(self.config.db_path)
            try:
                return due_list_answer(store, snap, question, window, self.top_k)
            finally:
                if store is not self.store:
                    store.db.close()
        query, ranked = self._retrieve(snap, question, timings or Timings())
        if query.intent in ("signer", "author"):
            return byline_answer(query, ranked, self.threshold, self.top_k)
        return self._from_clauses(snap, query, ranked)

    def _from_clauses(self, snap: Snapshot, query: Query, ranked: list[Candidate]) -> Answer:
        """The extractive answer from the best clause that answers, or the abstention."""
        chosen, answering = choose(query, ranked[:CANDIDATES], functools.partial(extract, snap), snap.home)
        if chosen is None or chosen.extraction is None:
            evidence = ranked[0].evidence if ranked else 0.0
            return answer_from(query, None, ABSTAIN, ranked, evidence, self.top_k)
        if not convincing(chosen, self.threshold):
            return answer_from(query, None, ABSTAIN, ranked, chosen.evidence, self.top_k)
        ordered = [chosen] + [c for c in ranked if c is not chosen]
        if query.intent == "who" and (named := naming_clause(snap.by_doc, chosen)) is not None:
            if chosen.extraction.focus == named.clause.text:
                # Read from that clause (a procedure's "Cơ quan thực hiện" field): it is the citation.
                named.extraction, chosen, named = chosen.extraction, named, chosen
            ordered = [chosen, named] + [c for c in ordered if c.clause.id not in (chosen.clause.id, named.clause.id)]
        reply = reply_text(query.intent, chosen.extraction, chosen.doc, chosen.clause)
        other = None if query.document_number else other_document(chosen, answering, self.threshold)
        if other is not None and other.extraction is not None:
            where = citation_line(other.doc, other.clause.path).removeprefix("📄 ")
            reply += f"\n\nVăn bản khác: {other.extraction.answer} — {where}"
        return answer_from(query, chosen.extraction.answer, reply, ordered, chosen.evidence, self.top_k)

    def _retrieve(self, snap: Snapshot, question: str, timings: Timings) -> tuple[Query, list[Candidate]]:
        """The question prepared for matching, and the retrieved clauses as ranked candidates."""
        from index.search.segment import segment

        translation = translate(question)
        restore = not translation.english and not has_diacritics(translation.text)
        vietnamese = snap.accents.restore(translation.text) if restore else translation.text
        vocabulary = set(words(" ".join(translation.terms))) if translation.english else None
        # Lexical search on the Vietnamese wording plus abbreviation variants ("TTHC" for "thủ tục
        # hành chính"); the same segmentation tells the question's key words.
        with timings.stage("segment"):
            tokens = segment(" ".join([vietnamese, *abbreviation_variants(vietnamese)]))
        query = Query.build(question, detect_intent(question), vietnamese, snap.weights, vocabulary, tokens)
        hits = self._search(snap, question, vietnamese, _translated(translation), tokens, timings)
        return query, candidates(snap, query, translation, hits)

    def _search(self, snap: Snapshot, question: str, vietnamese: str, translated: bool,
                tokens: list[str], timings: Timings) -> list[Hit]:
        """Lexical search on the segmented tokens; dense on the Vietnamese wording, with the original
        for translated questions."""
        dense_text = f"{question} ({vietnamese})" if translated else vietnamese
        with self._lock:
            return snap.retriever.search(dense_text, k=RANKING + 5, query_tokens=tokens, timings=timings)


def _translated(translation: Translation) -> bool:
    """The glossary changed the question's wording: the dense side also reads the original."""
    return translation.english or bool(translation.terms)
