"""Question -> extractive answer with its source, or an honest "not found".

The pipeline: detect the intent, map English vocabulary to Vietnamese (or restore the accents of
unaccented Vietnamese), retrieve clauses (BM25 + dense), let the intent's extractor look at the best
few, and abstain when the evidence is weak. Heavy modules (search, embedder) are imported inside
Answerer so `cchc ask` starts fast.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

from bot.answering.byline import SIGNATURE_PATH, byline, no_byline, signature_block, signer_answer
from bot.answering.due_list import due_reply, due_rows, due_window, none_due
from bot.answering.extract_answer import (
    Extraction,
    extract_number,
    extract_what,
    extract_when,
    extract_who,
)
from bot.answering.extract_documents import (
    asked_document_number,
    extract_document_fact,
    extract_document_subject,
    extract_ref,
)
from bot.answering.glossary import AccentRestorer, Translation, abbreviation_variants, has_diacritics, translate
from bot.answering.intent import (
    Query,
    TermWeights,
    asks_issuer,
    asks_recipients,
    asks_which_place,
    detect_intent,
    words,
)
from bot.answering.reply import citation_line, reply_text, today
from index.config import Config
from index.errors import IndexNotBuilt
from index.extract.units import find_units
from index.store.database import Store
from index.store.models import Clause, Document
from index.text.normalize import fold, nfc

if TYPE_CHECKING:
    from index.search.embed import Embedder
    from index.search.retriever import Hit, Retriever

ABSTAIN = "Không tìm thấy thông tin này trong các văn bản đã nạp."

CANDIDATES = 5          # retrieved clauses the extractors may choose from
RANKING = 10            # sources kept on the answer for evaluation (MRR@10)
# A lower-ranked clause may answer only if its retrieval score is this close to the best one:
# the extractor's preference must not override clearly better retrieval.
SCORE_MARGIN = 0.75
# Abstention: the evidence is the mean of the fused retrieval score and the IDF-weighted share of
# the question's content words found in the chosen clause with its document header; it must reach
# config retrieval.abstain_threshold, less MISSING_PENALTY below. On the dev set plus
# tests/data/offtopic.jsonl (accented, unaccented and English) answerable questions score >= 0.52,
# off-topic ones <= 0.31; on tests/data/heldout.jsonl (seeds + test fixtures) >= 0.44 and <= 0.32.
# Coverage alone must also reach MIN_COVERAGE: a strong dense match on nothing but generic words
# ("báo cáo", "kế hoạch") is not evidence.
MIN_COVERAGE = 0.25
# Key words of the question that are rare in the corpus and absent from the chosen clause (its
# headings and document header included) cost evidence: "Hạn nộp hồ sơ thi tuyển công chức" matched
# on "nộp hồ sơ ... năm 2027" is about something no document covers. The penalty is this factor
# times their share of the question's key-word weight (Query.rare_missing).
MISSING_PENALTY = 0.5
# Two answers from different documents whose clauses retrieval scores this close (ratio to the chosen
# clause's score) are both shown: the reply names the other document's answer on one line, so an
# official sees the ambiguity.
AMBIGUOUS = 0.9

__all__ = ["ABSTAIN", "SIGNATURE_PATH", "Answer", "Answerer", "Source", "citation_line", "signature_block",
           "signer_answer"]


@dataclass
class Source:
    """One clause shown as evidence."""

    doc: str          # file name
    number: str
    title: str        # subject / title
    clause: str       # section path
    text: str         # clause full text
    score: float
    clause_id: int = field(default=0, repr=False)
    footnotes: dict[str, str] = field(default_factory=dict, repr=False)

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("clause_id", "footnotes")}


@dataclass
class Answer:
    """What the bot says: the short answer (None when abstaining), the full reply and its sources."""

    question: str
    intent: str
    answer: str | None
    reply: str
    sources: list[Source]
    ranking: list[Source] = field(default_factory=list, repr=False)  # up to RANKING, for evaluation
    evidence: float = 0.0                                            # the abstention signal

    def to_json(self) -> dict:
        return {"question": self.question, "intent": self.intent, "answer": self.answer,
                "reply": self.reply, "sources": [s.to_json() for s in self.sources]}


@dataclass
class _Candidate:
    hit: Hit
    clause: Clause
    doc: Document
    coverage: float
    missing: float = 0.0            # Query.rare_missing of the clause with its context
    own: float = 0.0                # coverage by the clause's own words (headings, text, footnotes)
    extraction: Extraction | None = None

    @property
    def rank_score(self) -> float:
        """Retrieval, answer quality and word coverage. Half the coverage counts the clause's own
        words only: the document header is shared by all its clauses, so "Giao Phòng Nội vụ ... tổng
        hợp" in a dispatch about "số hóa hồ sơ" must not outrank its item "Thực hiện số hóa hồ sơ"."""
        quality = self.extraction.quality if self.extraction else 0.0
        return self.hit.score * (0.6 + 0.4 * quality) + 0.15 * self.coverage + 0.15 * self.own


@dataclass
class _Snapshot:
    """Everything ask() reads, loaded at once, so that asking needs no database connection (the
    bot asks from worker threads; SQLite connections belong to the thread that opened them)."""

    retriever: Retriever
    clauses: dict[int, Clause]
    docs: dict[str, Document]
    by_doc: dict[str, list[Clause]]
    weights: TermWeights
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
        self._lock = threading.Lock()   # the embedder is not known to be thread-safe
        self._snapshot = self._load()

    def reload(self) -> None:
        """Re-read store and indexes after the corpus changed; questions in flight finish on the old data."""
        self._snapshot = self._load()

    def _load(self) -> _Snapshot:
        from index.search.retriever import Retriever

        if self.store is None and not self.config.db_path.exists():   # opening would create an empty one
            raise IndexNotBuilt(f"no index in {self.config.data_dir}: run `cchc index`")
        store = self.store or Store(self.config.db_path)
        try:
            retriever = Retriever(store, self.config.data_dir, self.embedder,
                                  dense_weight=self.dense_weight, mode=self.mode, fusion=self.fusion)
            docs = {d.id: store.get_document(d.id) for d in store.documents()}
            clauses = {c.id: c for c in store.clauses() if c.id is not None}
            # The store keeps each clause folded (headings + text); footnotes are added here.
            weights = TermWeights.from_texts(
                (f"{folded} {fold(' '.join(clauses[cid].footnotes.values()))}"
                 for cid, _, folded in store.clause_tokens() if cid in clauses), folded=True)
        finally:
            if store is not self.store:
                store.db.close()
        by_doc: dict[str, list[Clause]] = {}
        for clause in clauses.values():
            by_doc.setdefault(clause.doc_id, []).append(clause)
        return _Snapshot(retriever, clauses, docs, by_doc, weights)

    # --- asking ------------------------------------------------------------------------------------
    def ask(self, question: str) -> Answer:
        question = nfc(question).strip()
        if not question:
            return Answer(question, "what", None, ABSTAIN, [])
        snap = self._snapshot
        if window := due_window(question, today(self.config.timezone)):
            return self._due_list(snap, question, window)
        query, candidates = self._retrieve(snap, question)
        if query.intent in ("signer", "author"):
            return self._byline(query, candidates)
        chosen, answering = self._choose(snap, query, candidates[:CANDIDATES])
        if chosen is None or chosen.extraction is None:
            evidence = self._evidence(candidates[0]) if candidates else 0.0
            return self._answer(query, None, ABSTAIN, candidates, evidence)
        evidence = self._evidence(chosen)
        if evidence < self.threshold or chosen.coverage < MIN_COVERAGE:
            return self._answer(query, None, ABSTAIN, candidates, evidence)
        ordered = [chosen] + [c for c in candidates if c is not chosen]
        reply = reply_text(query.intent, chosen.extraction, chosen.doc, chosen.clause)
        other = None if asked_document_number(query.search_text) else self._other_document(chosen, answering)
        if other is not None and other.extraction is not None:
            where = citation_line(other.doc, other.clause.path).removeprefix("📄 ")
            reply += f"\n\nVăn bản khác: {other.extraction.answer} — {where}"
        return self._answer(query, chosen.extraction.answer, reply, ordered, evidence)

    def _retrieve(self, snap: _Snapshot, question: str) -> tuple[Query, list[_Candidate]]:
        from index.search.segment import segment

        translation = translate(question)
        restore = not translation.english and not has_diacritics(translation.text)
        vietnamese = snap.accents.restore(translation.text) if restore else translation.text
        vocabulary = set(words(" ".join(translation.terms))) if translation.english else None
        # Lexical search on the Vietnamese wording plus abbreviation variants ("TTHC" for "thủ tục
        # hành chính"); the same segmentation tells the question's key words.
        tokens = segment(" ".join([vietnamese, *abbreviation_variants(vietnamese)]))
        query = Query.build(question, detect_intent(question), vietnamese, snap.weights, vocabulary, tokens)
        hits = self._search(snap, question, vietnamese, translation.english or bool(translation.terms), tokens)
        candidates = []
        for hit in hits:
            clause = snap.clauses.get(hit.clause_id)
            if clause is not None:   # a clause removed since the indexes were read
                doc = snap.docs[clause.doc_id]
                own = " ".join([*clause.headings, clause.text, *clause.footnotes.values()])
                context = f"{_header(doc)} {own}"
                missing = query.rare_missing(context) + _untranslated(translation, context)
                candidates.append(_Candidate(hit, clause, doc, query.match(context), min(1.0, missing),
                                             query.match(own)))
        return query, _named_document_first(query, candidates)[:RANKING]

    def _search(self, snap: _Snapshot, question: str, vietnamese: str, translated: bool,
                tokens: list[str]) -> list[Hit]:
        """Lexical search on the segmented tokens; dense on the Vietnamese wording, with the original
        for translated questions."""
        dense_text = f"{question} ({vietnamese})" if translated else vietnamese
        with self._lock:
            return snap.retriever.search(dense_text, k=RANKING + 5, query_tokens=tokens)

    def _choose(self, snap: _Snapshot, query: Query,
                candidates: list[_Candidate]) -> tuple[_Candidate | None, list[_Candidate]]:
        """The best clause that answers, and all that answer; extraction runs only on clauses close
        to the top score."""
        if not candidates:
            return None, []
        floor = candidates[0].hit.score * SCORE_MARGIN
        eligible = [c for c in candidates if c.hit.score >= floor]
        for c in eligible:
            c.extraction = self._extract(snap, query, c.clause, c.doc)
        answering = [c for c in eligible if c.extraction]
        if not answering and query.intent != "what":
            # No clause states the asked kind of fact (no deadline, no figure): the key sentence of
            # the best clause is still a cited, extractive answer, marked as such in the reply. Only
            # from a clause that mentions every distinctive word of the question: a sentence about
            # "nộp hồ sơ trực tuyến" is no reading of "hạn nộp hồ sơ thi tuyển công chức".
            for c in eligible:
                context = f"{_header(c.doc)} {' '.join([*c.clause.headings, c.clause.text])}"
                found = extract_what(query, c.clause, None) if not c.missing and query.covers(context) else None
                c.extraction = replace(found, quality=found.quality * 0.5, fallback=True) if found else None
            answering = [c for c in eligible if c.extraction]
        if not answering:
            return candidates[0], []
        return max(answering, key=lambda c: c.rank_score), answering

    def _other_document(self, chosen: _Candidate, answering: list[_Candidate]) -> _Candidate | None:
        """A clause of another document, retrieved nearly as well, that answers differently: "Ai phụ
        trách tuyên truyền CCHC?" is answered by two departments' dispatches. Retrieval cannot tell
        which one the official means, so both are shown."""
        if chosen.extraction is None or chosen.extraction.fallback:
            return None
        rivals = [c for c in answering if c.doc.id != chosen.doc.id and c.extraction and not c.extraction.fallback
                  and c.hit.score >= AMBIGUOUS * chosen.hit.score and self._evidence(c) >= self.threshold
                  and c.coverage >= MIN_COVERAGE and fold(c.extraction.answer) != fold(chosen.extraction.answer)]
        return max(rivals, key=lambda c: c.rank_score, default=None)

    def _extract(self, snap: _Snapshot, query: Query, clause: Clause, doc: Document) -> Extraction | None:
        intent = query.intent
        fact = extract_document_fact(query, clause, doc) if intent in ("who", "when") else None
        if fact or asks_issuer(query.question) or asks_recipients(query.question):
            return fact
        if intent == "who":
            return extract_who(query, clause, doc)
        if intent == "when":
            found = extract_when(query, clause)
            # "Quyết định 3433 ngày nào?" asks a document's date; a deadline here is only a weak reading.
            weak = found and asked_document_number(query.search_text)
            return replace(found, quality=found.quality * 0.5) if weak else found
        if intent == "number":
            return extract_number(query, clause)
        if intent == "ref":
            return extract_ref(query, clause, doc)
        subject = extract_document_subject(query, clause, doc)
        if subject:
            return subject
        siblings = [c for c in snap.by_doc.get(clause.doc_id, []) if c.headings == clause.headings]
        found = extract_what(query, clause, siblings if clause.headings else None, f"{doc.issuer} {doc.place}")
        # A sentence only partly answers "Kế hoạch số 48 là về việc gì?" (no subject stated) or
        # "xã nào ...?" (no list of places): usable only when no clause does better.
        partial = asked_document_number(query.search_text) or (
            asks_which_place(query.question) and found is not None and not found.listed)
        return replace(found, quality=found.quality * 0.5) if found and partial else found

    @staticmethod
    def _evidence(candidate: _Candidate) -> float:
        """One number in [0, 1]: retrieval score and word coverage, both needed, less the weight of
        the question's distinctive words the clause lacks."""
        return 0.5 * candidate.hit.score + 0.5 * candidate.coverage - MISSING_PENALTY * candidate.missing

    def _byline(self, query: Query, candidates: list[_Candidate]) -> Answer:
        """The signer (or author) of the document the question is about: its header and clauses
        match best."""
        by_doc: dict[str, _Candidate] = {}
        for c in candidates[:CANDIDATES]:
            by_doc.setdefault(c.doc.id, c)
        if not by_doc:
            return self._answer(query, None, ABSTAIN, candidates, 0.0)
        scored = [(0.5 * c.hit.score + 0.5 * max(c.coverage, query.match(_header(c.doc)))
                   - MISSING_PENALTY * c.missing, c) for c in by_doc.values()]
        evidence, best = max(scored, key=lambda t: t[0])
        if evidence < self.threshold or best.coverage < MIN_COVERAGE:
            return self._answer(query, None, ABSTAIN, candidates, evidence)
        found = byline(best.doc, query.intent)
        if found is None:   # the right document, but its copy names nobody (drafts, web copies)
            reply = f"{no_byline(query.intent)}\n\n{citation_line(best.doc, '')}"
            return self._answer(query, None, reply, candidates, evidence)
        # The signature block (or byline) is the evidence; it is no clause, so it is its own source.
        source = Source(best.doc.source, best.doc.number, best.doc.subject or best.doc.title, found.path,
                        found.block, round(best.hit.score, 4))
        reply = f"{found.lead}: {found.name}\n\n{citation_line(best.doc, found.path)}\n« {found.block} »"
        answer = self._answer(query, found.name, reply, [best] + [c for c in candidates if c is not best],
                              evidence)
        answer.ranking.insert(0, source)
        answer.sources = answer.ranking[: self.config.retrieval.top_k]
        return answer

    def _due_list(self, snap: _Snapshot, question: str, window: tuple[dt.date, dt.date]) -> Answer:
        """"Nhiệm vụ nào hết hạn trong tháng 12/2025?": every deadline in that period, from the store."""
        # A connection of this thread's own: the bot asks from worker threads.
        store = self.store or Store(self.config.db_path)
        try:
            rows = due_rows(store, *window, find_units(question))
        finally:
            if store is not self.store:
                store.db.close()
        if not rows:
            return Answer(question, "when", None, none_due(*window), [])
        short, reply = due_reply(rows, snap.clauses, snap.docs, *window)
        shown = [(snap.docs[r.doc_id], snap.clauses[r.clause_id]) for r in rows
                 if r.doc_id in snap.docs and r.clause_id in snap.clauses]
        sources = [Source(d.source, d.number, d.subject or d.title, c.path, c.text, 1.0, c.id or 0, c.footnotes)
                   for d, c in shown]
        return Answer(question, "when", short, reply, sources[: self.config.retrieval.top_k], sources, 1.0)

    def _answer(self, query: Query, answer: str | None, reply: str, ordered: list[_Candidate],
                evidence: float) -> Answer:
        ranking = [
            Source(c.doc.source, c.doc.number, c.doc.subject or c.doc.title, c.clause.path, c.clause.text,
                   round(c.hit.score, 4), c.clause.id or 0, c.clause.footnotes)
            for c in ordered[:RANKING]
        ]
        return Answer(query.question, query.intent, answer, reply, ranking[: self.config.retrieval.top_k],
                      ranking, round(evidence, 4))


def _named_document_first(query: Query, candidates: list[_Candidate]) -> list[_Candidate]:
    """"Công văn 215 căn cứ kế hoạch nào?": only clauses of the dispatch numbered 215, when it was
    retrieved, however well another document's "Căn cứ ..." lines match the wording."""
    number = asked_document_number(query.search_text)
    named = [c for c in candidates if number and fold(c.doc.number).startswith(number)]
    return named or candidates


def _untranslated(translation: Translation, context: str) -> float:
    """Share of an English question's content words that the glossary could not map and the clause
    does not contain either ("paying land use tax"): the question is about something else."""
    if not translation.unknown:
        return 0.0
    folded = set(fold(context).split())
    absent = [w for w in translation.unknown if fold(w) not in folded]
    return len(absent) / (len(translation.unknown) + len(translation.terms))


def _header(doc: Document) -> str:
    return " ".join([doc.doc_type, doc.number, doc.issuer, doc.place, doc.subject, doc.title])
