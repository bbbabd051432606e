"""The genre vocabulary: every named subset is drawn from the one table, and the question's features."""

from __future__ import annotations

from bot.answering.intent import Query, detect_intent
from index.parse.layout import doc_type_from_number
from index.text.vocabulary import (
    ABBREVIATIONS,
    ANY_DOCUMENT,
    ASKED_TYPES,
    CITED_CODES,
    CITED_TYPES,
    DOC_TYPES,
    EVIDENCE_STOPWORDS,
    NUMBERED_TYPES,
    PURE_FUNCTION,
    SEARCH_ABBREVIATIONS,
    TYPE_CODES,
)


def test_subsets_name_known_types_and_codes() -> None:
    known = set(DOC_TYPES) | {ANY_DOCUMENT}
    assert set(CITED_TYPES) <= known and set(ASKED_TYPES) <= known and set(NUMBERED_TYPES) <= set(ASKED_TYPES)
    assert set(CITED_CODES) <= set(TYPE_CODES)
    assert all(TYPE_CODES[code] in CITED_TYPES for code in CITED_CODES)
    assert SEARCH_ABBREVIATIONS.items() <= ABBREVIATIONS.items()
    assert PURE_FUNCTION <= EVIDENCE_STOPWORDS


def test_type_codes_read_from_a_number() -> None:
    assert doc_type_from_number("25/KH-UBND") == "kế hoạch"
    assert doc_type_from_number("12/TTr-UBND") == "tờ trình"
    assert doc_type_from_number("112/UBND-VP") == "công văn"


def test_question_features_are_read_once() -> None:
    question = "Cơ quan nào ban hành Kế hoạch số 48/KH-UBND?"
    query = Query.build(question, detect_intent(question), question)
    assert query.document_number == "48/kh-ubnd"
    assert query.asks.issuer and not query.asks.tasks and not query.asks.recipients
    assert query.asks is query.asks          # computed on first use, then kept
