"""Question -> extractive answer with its source, or an honest "not found".

The pipeline: detect the intent, map English vocabulary to Vietnamese (or restore the accents of
unaccented Vietnamese), retrieve clauses (BM25 + dense), let the intent's extractor look at the best
few, and abstain when the evidence is weak. Heavy modules (search, embedder) are imported inside
Answerer so `cchc ask` starts fast.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

from bot.extract_answer import (
    Extraction,
    asked_document_number,
    extract_document_fact,
    extract_document_subject,
    extract_number,
    extract_ref,
    extract_what,
    extract_when,
    extract_who,
    trim,
)
from bot.glossary import AccentRestorer, abbreviation_variants, has_diacritics, translate
from bot.intent import (
    Query,
    TermWeights,
    asks_issuer,
    asks_recipients,
    asks_which_place,
    detect_intent,
    words,
)
from bot.render import vn_date
from index.config import Config
from index.errors import IndexNotBuilt
from index.models import Clause, Document
from index.store import Store
from index.textnorm import fold, nfc

if TYPE_CHECKING:
    from index.embed import Embedder
    from index.search import Hit, Retriever

ABSTAIN = "Không tìm thấy thông tin này trong các văn bản đã nạp."

CANDIDATES = 5          # retrieved clauses the extractors may choose from
RANKING = 10            # sources kept on the answer for evaluation (MRR@10)
# A lower-ranked clause may answer only if its retrieval score is this close to the best one:
# the extractor's preference must not override clearly better retrieval.
SCORE_MARGIN = 0.75
# Abstention: the evidence is the mean of the fused retrieval score and the IDF-weighted share of
# the question's content words found in the chosen clause with its document header; it must reach
# config retrieval.abstain_threshold. On the dev set plus tests/data/offtopic.jsonl (accented,
# unaccented and English) answerable questions score >= 0.46, off-topic ones <= 0.31.
# Coverage alone must also reach MIN_COVERAGE: a strong dense match on nothing but generic words
# ("báo cáo", "kế hoạch") is not evidence.
MIN_COVERAGE = 0.25
SIGNATURE_PATH = "chữ ký"

_LEADS = {"who": "Đơn vị thực hiện", "when": "Thời hạn", "number": "Số liệu", "ref": "Văn bản",
          "signer": "Người ký"}


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
    extraction: Extraction | None = None

    @property
    def rank_score(self) -> float:
        quality = self.extraction.quality if self.extraction else 0.0
        return self.hit.score * (0.6 + 0.4 * quality) + 0.3 * self.coverage


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
            from index.embed import make_embedder

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
        from index.search import Retriever

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
        query, candidates = self._retrieve(snap, question)
        if query.intent == "signer":
            return self._signer(query, candidates)
        chosen = self._choose(snap, query, candidates[:CANDIDATES])
        if chosen is None or chosen.extraction is None:
            evidence = self._evidence(candidates[0]) if candidates else 0.0
            return self._answer(query, None, ABSTAIN, candidates, evidence)
        evidence = self._evidence(chosen)
        if evidence < self.threshold or chosen.coverage < MIN_COVERAGE:
            return self._answer(query, None, ABSTAIN, candidates, evidence)
        ordered = [chosen] + [c for c in candidates if c is not chosen]
        reply = _reply(query.intent, chosen.extraction, chosen)
        return self._answer(query, chosen.extraction.answer, reply, ordered, evidence)

    def _retrieve(self, snap: _Snapshot, question: str) -> tuple[Query, list[_Candidate]]:
        translation = translate(question)
        restore = not translation.english and not has_diacritics(translation.text)
        vietnamese = snap.accents.restore(translation.text) if restore else translation.text
        vocabulary = set(words(" ".join(translation.terms))) if translation.english else None
        query = Query.build(question, detect_intent(question), vietnamese, snap.weights, vocabulary)
        hits = self._search(snap, question, vietnamese, translation.english or bool(translation.terms))
        candidates = []
        for hit in hits:
            clause = snap.clauses.get(hit.clause_id)
            if clause is not None:   # a clause removed since the indexes were read
                doc = snap.docs[clause.doc_id]
                context = " ".join([_header(doc), *clause.headings, clause.text, *clause.footnotes.values()])
                candidates.append(_Candidate(hit, clause, doc, query.match(context)))
        return query, candidates[:RANKING]

    def _search(self, snap: _Snapshot, question: str, vietnamese: str, translated: bool) -> list[Hit]:
        """Lexical search on the Vietnamese wording plus abbreviation variants ("TTHC" for "thủ tục
        hành chính"); dense on the Vietnamese wording, with the original for translated questions."""
        from index.segment import segment

        variants = " ".join(abbreviation_variants(vietnamese))
        tokens = segment(f"{vietnamese} {variants}") if (vietnamese != question or variants) else None
        dense_text = f"{question} ({vietnamese})" if translated else vietnamese
        with self._lock:
            return snap.retriever.search(dense_text, k=RANKING + 5, query_tokens=tokens)

    def _choose(self, snap: _Snapshot, query: Query, candidates: list[_Candidate]) -> _Candidate | None:
        """The best clause that answers; extraction runs only on clauses close to the top score."""
        if not candidates:
            return None
        floor = candidates[0].hit.score * SCORE_MARGIN
        eligible = [c for c in candidates if c.hit.score >= floor]
        for c in eligible:
            c.extraction = self._extract(snap, query, c.clause, c.doc)
        answering = [c for c in eligible if c.extraction]
        if not answering and query.intent != "what":
            # No clause states the asked kind of fact (no deadline, no figure): the key sentence of
            # the best clause is still a cited, extractive answer, marked as such in the reply.
            for c in eligible:
                found = extract_what(query, c.clause, None)
                c.extraction = replace(found, quality=found.quality * 0.5, fallback=True) if found else None
            answering = [c for c in eligible if c.extraction]
        return max(answering, key=lambda c: c.rank_score) if answering else candidates[0]

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
            return extract_ref(query, clause)
        subject = extract_document_subject(query, clause, doc)
        if subject:
            return subject
        siblings = [c for c in snap.by_doc.get(clause.doc_id, []) if c.headings == clause.headings]
        found = extract_what(query, clause, siblings if clause.headings else None)
        # A sentence only partly answers "Kế hoạch số 48 là về việc gì?" (no subject stated) or
        # "xã nào ...?" (no list of places): usable only when no clause does better.
        partial = asked_document_number(query.search_text) or (
            asks_which_place(query.question) and found is not None and not found.listed)
        return replace(found, quality=found.quality * 0.5) if found and partial else found

    @staticmethod
    def _evidence(candidate: _Candidate) -> float:
        """One number in [0, 1]: retrieval score and word coverage, both needed."""
        return 0.5 * candidate.hit.score + 0.5 * candidate.coverage

    def _signer(self, query: Query, candidates: list[_Candidate]) -> Answer:
        """The signer of the document the question is about: its header and clauses match best."""
        by_doc: dict[str, _Candidate] = {}
        for c in candidates[:CANDIDATES]:
            by_doc.setdefault(c.doc.id, c)
        if not by_doc:
            return self._answer(query, None, ABSTAIN, candidates, 0.0)
        scored = [(0.5 * c.hit.score + 0.5 * max(c.coverage, query.match(_header(c.doc))), c)
                  for c in by_doc.values()]
        evidence, best = max(scored, key=lambda t: t[0])
        if evidence < self.threshold or best.coverage < MIN_COVERAGE:
            return self._answer(query, None, ABSTAIN, candidates, evidence)
        name = signer_answer(best.doc)
        if name is None:   # the right document, but its copy shows no signature (drafts, web articles)
            reply = f"Văn bản này không ghi tên người ký.\n\n{citation_line(best.doc, '')}"
            return self._answer(query, None, reply, candidates, evidence)
        # The signature block is the evidence; it is no clause, so it is quoted as its own source.
        block = signature_block(best.doc)
        source = Source(best.doc.source, best.doc.number, best.doc.subject or best.doc.title, SIGNATURE_PATH,
                        block, round(best.hit.score, 4))
        reply = f"{_LEADS['signer']}: {name}\n\n{citation_line(best.doc, SIGNATURE_PATH)}\n« {block} »"
        answer = self._answer(query, name, reply, [best] + [c for c in candidates if c is not best], evidence)
        answer.ranking.insert(0, source)
        answer.sources = answer.ranking[: self.config.retrieval.top_k]
        return answer

    def _answer(self, query: Query, answer: str | None, reply: str, ordered: list[_Candidate],
                evidence: float) -> Answer:
        ranking = [
            Source(c.doc.source, c.doc.number, c.doc.subject or c.doc.title, c.clause.path, c.clause.text,
                   round(c.hit.score, 4), c.clause.id or 0, c.clause.footnotes)
            for c in ordered[:RANKING]
        ]
        return Answer(query.question, query.intent, answer, reply, ranking[: self.config.retrieval.top_k],
                      ranking, round(evidence, 4))


def signer_answer(doc: Document) -> str | None:
    """"Trần Bình Thân (TM. ỦY BAN NHÂN DÂN, Chủ tịch)" or None when the document shows no signer."""
    if not doc.signer or not doc.signer.name:
        return None
    role = ", ".join(p for p in (doc.signer.authority, doc.signer.position.capitalize()) if p)
    return f"{doc.signer.name} ({role})" if role else doc.signer.name


def signature_block(doc: Document) -> str:
    """"TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Trần Bình Thân", as printed under the document."""
    signer = doc.signer
    return " / ".join(p for p in (signer.authority, signer.position, signer.name) if p) if signer else ""


def _header(doc: Document) -> str:
    return " ".join([doc.doc_type, doc.number, doc.issuer, doc.place, doc.subject, doc.title])


def citation_line(doc: Document, path: str) -> str:
    """"📄 Công văn số ..., Sở Công Thương, 02/2021 — mục 1 › ý 3"."""
    parts = [doc.label(), doc.issuer, vn_date(doc.date) if doc.date else ""]
    head = ", ".join(p for p in parts if p)
    return f"📄 {head} — mục {path}" if path else f"📄 {head}"


def _reply(intent: str, extraction: Extraction, chosen: _Candidate) -> str:
    if extraction.fallback:
        lead = f"Không thấy {_MISSING[intent]} cụ thể; nội dung liên quan: {extraction.answer}"
    else:
        lead = f"{_LEADS[intent]}: {extraction.answer}" if intent in _LEADS else extraction.answer
    quote = trim(chosen.clause.text, 600)
    return f"{lead}\n\n{citation_line(chosen.doc, chosen.clause.path)}\n« {quote} »"


_MISSING = {"who": "đơn vị được giao", "when": "thời hạn", "number": "số liệu", "ref": "văn bản được dẫn",
            "signer": "người ký"}
