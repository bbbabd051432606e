"""Retrieved clauses as candidates: their evidence, the one that answers, and when to abstain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.answering.constraints import constraints_of
from bot.answering.extract_answer import Extraction, extract_what
from bot.answering.glossary import Translation
from bot.answering.intent import Query
from bot.answering.result import Answer, Source
from bot.answering.snapshot import Snapshot
from index.store.models import Clause, Document
from index.text.normalize import fold

if TYPE_CHECKING:
    from index.search.retriever import Hit

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
# Answers from two documents this close in rank are a tie that the home organisation, then the
# newer document, breaks. On the first development set no rival comes closer than 0.89 of the
# best; on the real one a single question is decided by the tie-break, its score unchanged.
NEAR_TIE = 0.95

Extractor = Callable[[Query, Clause, Document], Extraction | None]


@dataclass
class Candidate:
    """A retrieved clause with its document, how well it covers the question, and what it answers."""

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

    @property
    def evidence(self) -> float:
        """One number in [0, 1]: retrieval score and word coverage, both needed, less the weight of
        the question's distinctive words the clause lacks."""
        return 0.5 * self.hit.score + 0.5 * self.coverage - MISSING_PENALTY * self.missing


def header(doc: Document) -> str:
    """The document's header words, which every one of its clauses shares as context."""
    return " ".join([doc.doc_type, doc.number, doc.issuer, doc.place, doc.subject, doc.title])


def candidates(snap: Snapshot, query: Query, translation: Translation, hits: list[Hit]) -> list[Candidate]:
    """The hits as candidates, best first, with their coverage of the question; those of the document
    the question names by number come first. Clauses of a document the question rules out (another
    type, another place: bot.answering.constraints) are no candidates."""
    found = []
    stated = constraints_of(query.question, query.search_text)
    whole_document = query.intent in ("signer", "author")
    # "Ai ký Thông báo 624/TB-VPCP?", "Theo Công điện 220/CĐ-TTg, ai …?" are about that document
    # alone: when the corpus lacks it, the answer is that it is not loaded, not another one's.
    # A clause citing it still speaks of it ("căn cứ Kế hoạch số 110/KH-SCT về …"), except of its signer.
    named = query.document_number if whole_document and "/" in (query.document_number or "") else None
    number = named or query.document_about
    for hit in hits:
        clause = snap.clauses.get(hit.clause_id)
        if clause is not None:   # a clause removed since the indexes were read
            doc = snap.docs[clause.doc_id]
            if not stated.admits(doc, clause, header(doc), whole_document):
                continue
            if number and not _speaks_of(number, doc, None if whole_document else clause):
                continue
            own = " ".join([*clause.headings, clause.text, *clause.footnotes.values()])
            context = f"{header(doc)} {own}"
            missing = query.rare_missing(context) + _untranslated(translation, context)
            found.append(Candidate(hit, clause, doc, query.match(context), min(1.0, missing), query.match(own)))
    return _named_document_first(query, found)[:RANKING]


def choose(query: Query, ranked: list[Candidate], extract: Extractor,
           home: str = "") -> tuple[Candidate | None, list[Candidate]]:
    """The best clause that answers, and all that answer; extraction runs only on clauses close
    to the top score."""
    if not ranked:
        return None, []
    floor = ranked[0].hit.score * SCORE_MARGIN
    eligible = [c for c in ranked if c.hit.score >= floor]
    for c in eligible:
        c.extraction = extract(query, c.clause, c.doc)
    answering = [c for c in eligible if c.extraction]
    if not answering and query.intent != "what":
        # No clause states the asked kind of fact (no deadline, no figure): the key sentence of
        # the best clause is still a cited, extractive answer, marked as such in the reply. Only
        # from a clause that mentions every distinctive word of the question: a sentence about
        # "nộp hồ sơ trực tuyến" is no reading of "hạn nộp hồ sơ thi tuyển công chức".
        for c in eligible:
            context = f"{header(c.doc)} {' '.join([*c.clause.headings, c.clause.text])}"
            found = extract_what(query, c.clause, None) if not c.missing and query.covers(context) else None
            c.extraction = replace(found, quality=found.quality * 0.5, fallback=True) if found else None
        answering = [c for c in eligible if c.extraction]
    if not answering:
        return ranked[0], []
    return preferred(answering, home), answering


def preferred(answering: list[Candidate], home: str = "") -> Candidate:
    """The best-ranked answer; among answers of other documents ranked almost as well, the home
    organisation's document first, then the newest: a newer directive supersedes an older one,
    and the older answer is still shown on the "Văn bản khác" line."""
    best = max(answering, key=lambda c: c.rank_score)
    close = [c for c in answering if c.rank_score >= NEAR_TIE * best.rank_score]
    at_home = fold(home)

    def rank(c: Candidate) -> tuple[bool, str, float]:
        return (bool(at_home) and fold(c.doc.issuer) == at_home, c.doc.date, c.rank_score)
    return max(close, key=rank)


def convincing(candidate: Candidate, threshold: float) -> bool:
    """Evidence enough to answer from this clause rather than abstain."""
    return candidate.evidence >= threshold and candidate.coverage >= MIN_COVERAGE


def other_document(chosen: Candidate, answering: list[Candidate], threshold: float) -> Candidate | None:
    """A clause of another document, retrieved nearly as well, that answers differently: "Ai phụ
    trách tuyên truyền CCHC?" is answered by two departments' dispatches. Retrieval cannot tell
    which one the official means, so both are shown."""
    if chosen.extraction is None or chosen.extraction.fallback:
        return None
    rivals = [c for c in answering if c.doc.id != chosen.doc.id and c.extraction and not c.extraction.fallback
              and c.hit.score >= AMBIGUOUS * chosen.hit.score and convincing(c, threshold)
              and fold(c.extraction.answer) != fold(chosen.extraction.answer)]
    return max(rivals, key=lambda c: c.rank_score, default=None)


def _speaks_of(number: str, doc: Document, clause: Clause | None) -> bool:
    """The document is the one numbered so, or the clause cites it."""
    cited = clause.citations if clause is not None else []
    return any(fold(n).startswith(number) for n in [doc.number, *(c.number for c in cited)])


def _named_document_first(query: Query, found: list[Candidate]) -> list[Candidate]:
    """"Công văn 215 căn cứ kế hoạch nào?": only clauses of the dispatch numbered 215, when it was
    retrieved, however well another document's "Căn cứ ..." lines match the wording."""
    number = query.document_number
    named = [c for c in found if number and fold(c.doc.number).startswith(number)]
    return named or found


def _untranslated(translation: Translation, context: str) -> float:
    """Share of an English question's content words that the glossary could not map and the clause
    does not contain either ("paying land use tax"): the question is about something else."""
    if not translation.unknown:
        return 0.0
    folded = set(fold(context).split())
    absent = [w for w in translation.unknown if fold(w) not in folded]
    return len(absent) / (len(translation.unknown) + len(translation.terms))


def answer_from(query: Query, answer: str | None, reply: str, ordered: list[Candidate], evidence: float,
                top_k: int) -> Answer:
    """The answer with the candidates, in this order, as its ranking (RANKING) and sources (top_k)."""
    ranking = [Source.of(c.doc, c.clause, round(c.hit.score, 4)) for c in ordered[:RANKING]]
    return Answer(query.question, query.intent, answer, reply, ranking[:top_k], ranking, round(evidence, 4))


# How far (in clauses of the same section) the clause that names a who answer may be from the
# clause it was read from: a task block's "Đơn vị chủ trì:" line, an article's "Sở X có trách
# nhiệm thực hiện các nhiệm vụ sau:" opening.
NAMING_REACH = 12


def naming_clause(by_doc: dict[str, list[Clause]], chosen: Candidate) -> Candidate | None:
    """For a unit read from the structure around a clause (its block's "Đơn vị chủ trì" line, its
    article's opening) rather than from its own words, the nearest clause of the same section that
    writes the unit, shown second so the quotes contain the answer; None when the clause writes it."""
    if chosen.extraction is None:
        return None
    unit = fold(chosen.extraction.answer.split("; ")[0]).lower()
    clause = chosen.clause
    if not unit or unit in fold(clause.text).lower():
        return None
    section = clause.path.split(" › ")[0].removesuffix(" (tiếp)")
    near = [c for c in by_doc.get(clause.doc_id, []) if c.id != clause.id
            and 0 < abs(c.ordinal - clause.ordinal) <= NAMING_REACH and c.path.startswith(section)
            and unit in fold(c.text).lower()]
    if not near:
        return None
    found = min(near, key=lambda c: abs(c.ordinal - clause.ordinal))
    return Candidate(chosen.hit, found, chosen.doc, chosen.coverage, chosen.missing, chosen.own)
