"""`cchc eval`: metrics, scoring rules, unaccented variants, the weight sweep and the command itself."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fakes import FakeEmbedder

from bot.answering.answerer import ABSTAIN, Answer, Source
from bot.quality.evaluate import (
    NOACCENT,
    Result,
    evaluate,
    format_report,
    format_sweep,
    load_questions,
    metrics,
    score,
    sweep,
    variants,
)
from index.config import Config

ROOT = Path(__file__).resolve().parent.parent
DEV = [
    {"id": "D01", "q": "Ai phụ trách tuyên truyền cải cách hành chính?", "kind": "who",
     "evidence": ["Tiếp tục triển khai tuyên truyền cải cách hành chính"], "answer_any": ["Văn phòng Sở"]},
    {"id": "D18", "q": "Giá xăng hôm nay bao nhiêu?", "kind": "abstain", "evidence": [], "answer_any": []},
    {"id": "D17", "q": "Who must report the remediation results to the district?", "kind": "who", "lang": "en",
     "evidence": ["báo cáo kết quả khắc phục về Ủy ban nhân dân huyện"], "answer_any": ["xã"]},
]


def source(text: str, footnotes: dict[str, str] | None = None) -> Source:
    return Source("d.txt", "", "", "1", text, 0.5, 1, footnotes or {})


def answer(text: str | None, *sources: Source) -> Answer:
    return Answer("q", "who", text, text or ABSTAIN, list(sources[:5]), list(sources))


def result(rank: int | None, correct: bool = True, has_evidence: bool = True, lang: str = "vi") -> Result:
    return Result("x", lang, "who", "q", rank, "a", correct, 0.5, has_evidence)


def test_heldout_questions_are_well_formed() -> None:
    """tests/data/heldout.jsonl: questions over the seeds plus the test fixtures (corpus = corpus/ +
    tests/fixtures/{ke_hoach_bang.docx, cong_van.pdf, dinh_ky.txt, hard_wrapped.txt}), written without
    tuning on them: `cchc eval tests/data/heldout.jsonl --data <that index>`."""
    items = load_questions([ROOT / "tests" / "data" / "heldout.jsonl"])
    assert len({item["id"] for item in items}) == len(items) >= 30
    assert {"who", "when", "number", "ref", "signer", "what", "abstain"} <= {item["kind"] for item in items}
    assert {"vi", NOACCENT, "en"} <= {lang for item in items for lang, _ in variants(item)}
    for item in items:
        assert item["q"].strip() and isinstance(item["answer_any"], list) and isinstance(item["evidence"], list)
        assert (item["kind"] == "abstain") == (not item["answer_any"]), item["id"]


def test_metrics() -> None:
    m = metrics([result(1), result(2), result(None, correct=False), result(5), result(None, has_evidence=False)])
    assert m["n"] == 5
    assert m["hit@1"] == 0.25 and m["hit@3"] == 0.5
    assert m["mrr@10"] == round((1 + 0.5 + 0 + 0.2) / 4, 3)
    assert m["answer_acc"] == 0.8


def test_score_hits_footnotes_after_nfc_and_answers_case_insensitively() -> None:
    item = {"id": "D09", "q": "?", "kind": "what", "evidence": ["Sơn Châu 35"], "answer_any": ["sơn châu"]}
    decomposed = "So\u031bn Cha\u0302u 35"   # the same words, NFD
    got = score(item, "vi", "?", answer("Các xã: Sơn Châu", source("khác"), source("thấp³", {"³": decomposed})))
    assert got.rank == 2 and got.correct


def test_abstain_questions_are_correct_only_when_abstaining() -> None:
    item = DEV[1]
    assert score(item, "vi", item["q"], answer(None, source("x"))).correct
    assert not score(item, "vi", item["q"], answer("3 triệu", source("x"))).correct
    assert not score(item, "vi", item["q"], answer(None)).has_evidence


def test_vietnamese_questions_are_also_asked_without_accents() -> None:
    assert variants(DEV[0]) == [("vi", DEV[0]["q"]), (NOACCENT, "ai phu trach tuyen truyen cai cach hanh chinh?")]
    assert variants(DEV[2]) == [("en", DEV[2]["q"])]


class StubAnswerer:
    """Answers D01 (any spelling) correctly, abstains otherwise."""

    dense_weight = 0.5

    def ask(self, question: str) -> Answer:
        if "tuyen truyen" in question.lower() or "tuyên truyền" in question:
            return answer("Văn phòng Sở", source("khác"), source(DEV[0]["evidence"][0]))
        return answer(None, source("khác"))


def test_evaluate_reports_languages_abstentions_and_misses() -> None:
    report = evaluate(StubAnswerer(), DEV)  # type: ignore[arg-type]
    assert set(report.by_lang) == {"vi", NOACCENT, "en"}
    assert report.by_lang["vi"]["hit@3"] == 1.0 and report.by_lang["vi"]["hit@1"] == 0.0
    assert report.by_lang["en"]["answer_acc"] == 0.0
    assert report.abstained == 3   # D18 twice, D17
    text = format_report(report, "dev")
    assert "D17 [en] rank=- answer WRONG" in text and "vi-noaccent" in text
    assert json.loads(json.dumps(report.to_json()))["overall"]["n"] == 5


def test_sweep_tries_every_weight_for_both_fusions() -> None:
    seen: list[tuple[str, float]] = []

    def make(fusion: str, weight: float) -> StubAnswerer:
        seen.append((fusion, weight))
        return StubAnswerer()

    rows = sweep(make, DEV[:1])  # type: ignore[arg-type]
    assert len(rows) == 22 and seen[0] == ("weighted", 0.0) and seen[-1] == ("rrf", 1.0)
    assert "best: weighted dense_weight=0.0" in format_sweep(rows)


# --- the command, on the seed corpus indexed with the deterministic fake embedder --------------------------
@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Config:
    from index.pipeline import index_corpus

    root = tmp_path_factory.mktemp("eval")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    config = Config(corpus_dir=root / "corpus", data_dir=root / "data")
    index_corpus(config, embedder=FakeEmbedder())
    return config


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:

    monkeypatch.setattr("index.search.embed.make_embedder", lambda cfg: FakeEmbedder())


def questions_file(tmp_path: Path) -> Path:
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in DEV) + "\n", encoding="utf-8")
    return path


def test_eval_command_json(indexed: Config, fake_model: None, tmp_path: Path) -> None:
    from bot.cli import cli

    args = ["eval", str(questions_file(tmp_path)), "--data", str(indexed.data_dir), "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report["by_lang"]) == {"vi", NOACCENT, "en"} and report["overall"]["n"] == 5
    assert {"hit@1", "hit@3", "mrr@10", "answer_acc"} <= set(report["overall"])


@pytest.mark.parametrize("mode", ["bm25", "dense"])
def test_eval_command_modes(indexed: Config, fake_model: None, tmp_path: Path, mode: str) -> None:
    from bot.cli import cli

    args = ["eval", str(questions_file(tmp_path)), "--data", str(indexed.data_dir), "--mode", mode]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert f"mode {mode}" in result.output and "hit@3" in result.output and "misses:" in result.output


def test_eval_command_sweep(indexed: Config, fake_model: None, tmp_path: Path) -> None:
    from bot.cli import cli

    args = ["eval", str(questions_file(tmp_path)), "--data", str(indexed.data_dir), "--sweep"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.count("weighted") >= 11 and result.output.count("rrf") >= 11 and "best:" in result.output


def test_eval_command_rejects_a_broken_file(indexed: Config, tmp_path: Path) -> None:
    from bot.cli import cli

    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(bad), "--data", str(indexed.data_dir)])
    assert result.exit_code != 0 and "bad.jsonl:1" in result.output
