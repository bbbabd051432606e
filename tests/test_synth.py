"""The synthetic corpus generator behind `cchc bench`: deterministic, realistic, parseable, seeds kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.quality.synth import dispatch, generate_corpus, seed_files
from index.parse.document import parse_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"


def test_same_seed_same_text_and_different_seeds_differ() -> None:
    assert dispatch(0, 3) == dispatch(0, 3)
    assert dispatch(0, 3) != dispatch(1, 3)
    assert dispatch(0, 3) != dispatch(0, 4)


def test_dispatches_parse_with_the_decree_30_layout() -> None:
    docs = [parse_document(dispatch(7, i), f"syn_{i}.txt", str(i)) for i in range(12)]
    for doc in docs:
        assert doc.number and doc.subject and doc.date[:4].isdigit() and doc.issuer
        assert doc.signer is not None and doc.signer.name
        assert any(cc.startswith("Lưu") for cc in doc.cc)
        assert len(doc.clauses) >= 3
    clauses = [c for doc in docs for c in doc.clauses]
    assert any(m.kind == "deadline" for c in clauses for m in c.dates)
    assert sum(bool(c.lead_units) for c in clauses) > len(clauses) / 2
    assert any(c.support_units for c in clauses)
    assert any(c.citations for c in clauses)


def test_dispatches_vary() -> None:
    texts = [dispatch(0, i) for i in range(30)]
    docs = [parse_document(t, f"syn_{i}.txt", str(i)) for i, t in enumerate(texts)]
    assert len({d.issuer for d in docs}) >= 5
    assert len({d.subject for d in docs}) >= 8
    assert len({d.date[:4] for d in docs}) >= 4
    assert {d.doc_type for d in docs} >= {"công văn", "kế hoạch"}
    assert len({c.text for d in docs for c in d.clauses}) > 0.95 * sum(len(d.clauses) for d in docs)


def test_avoided_strings_never_appear() -> None:
    plain = [dispatch(0, i) for i in range(10)]
    hit = next(i for i, text in enumerate(plain) if "Giao Thanh tra Sở" in text or "Lưu: VT, VP." in text)
    avoid = ["Giao Thanh tra Sở", "Lưu: VT, VP."]
    text = dispatch(0, hit, avoid=avoid)
    assert not any(a in text for a in avoid)
    assert text == dispatch(0, hit, avoid=avoid)
    with pytest.raises(ValueError):
        dispatch(0, 0, avoid=["Số:"])  # unavoidable: an error, never an endless loop


def test_corpus_holds_the_seeds_and_the_requested_total(tmp_path: Path) -> None:
    files = generate_corpus(tmp_path / "c", 12, SEEDS, seed=0)
    assert len(files) == 12 and len(list((tmp_path / "c").iterdir())) == 12
    seeds = seed_files(SEEDS)
    for seed in seeds:
        assert (tmp_path / "c" / seed.name).read_bytes() == seed.read_bytes()
    again = generate_corpus(tmp_path / "d", 12, SEEDS, seed=0)
    assert [p.read_text(encoding="utf-8") for p in files] == [p.read_text(encoding="utf-8") for p in again]
