"""`cchc eval` on any question file: by kind and language, the abstention trade-off, whitespace of
real pages, the answering document, and `--deadlines` against a gold file written here."""

from __future__ import annotations

import json
from pathlib import Path

from bot.answering.answerer import ABSTAIN, Answer, Source
from bot.quality.deadline_check import check, load_gold, unit_overlap
from bot.quality.evaluate import NOACCENT, Report, format_report, metrics, score, variants
from index.store.database import DeadlineRow


def source(text: str, doc: str = "cv.txt") -> Source:
    return Source(doc, "", "", "1", text, 0.5)


def answer(text: str | None, *sources: Source) -> Answer:
    return Answer("q", "who", text, text or ABSTAIN, list(sources), list(sources))


def test_evidence_and_answers_ignore_the_line_breaks_of_a_page() -> None:
    item = {"id": "R1", "q": "Ai ký?", "kind": "signer", "doc": "cv.txt",
            "evidence": ["PHÓ CHỦ TỊCH\nNguyễn Văn An"], "answer_any": ["Nguyễn Văn An"]}
    got = score(item, "vi", item["q"], answer("Nguyễn  Văn An", source("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An")))
    assert got.rank == 1 and got.correct and got.doc_ok
    other = score(item, "vi", item["q"], answer("Nguyễn Văn An", source("x", doc="qd.txt")))
    assert other.doc_ok is False and other.rank is None


def test_a_files_own_unaccented_questions_and_asking_as_written() -> None:
    assert variants({"q": "ai ky", "lang": "vi_noaccent"}) == [(NOACCENT, "ai ky")]
    assert variants({"q": "Ai ký?"}) == [("vi", "Ai ký?"), (NOACCENT, "ai ky?")]
    assert variants({"q": "Ai ký?"}, as_written=True) == [("vi", "Ai ký?")]


def test_the_report_counts_refusals_and_answered_abstentions_by_kind() -> None:
    items = [{"id": "A", "q": "a", "kind": "who", "evidence": ["x"], "answer_any": ["Sở"]},
             {"id": "B", "q": "b", "kind": "abstain", "evidence": [], "answer_any": []}]
    results = [score(items[0], "vi", "a", answer(None, source("x"))), score(items[1], "en", "b", answer("Sở Y tế"))]
    report = Report(metrics(results), {}, 1, results, {"who": metrics(results[:1]), "abstain": metrics(results[1:])})
    assert report.refused == 1 and report.answered_abstain == 1
    text = format_report(report)
    assert "kind who" in text and "refused answerable: 1 of 1" in text and "answered abstain/off-topic: 1 of 1" in text
    assert "doc@1" not in metrics(results)   # no question names its document


GOLD = {"deadlines": [
    {"doc": "kh.txt", "date": "2026-03-31", "unit": "Sở Nội vụ", "support": "", "text": "trước ngày 31/3/2026"},
    {"doc": "kh.txt", "date": "2026-12-31", "unit": "Bộ trưởng Bộ Tài chính", "support": "", "text": "trong năm 2026",
     "period": "2026"},
    {"doc": "cd.txt", "date": "2025-12-05", "unit": "UBND các tỉnh", "support": "", "text": "05 ngày",
     "relative": "05 ngày làm việc"}],
    "recurring": [{"doc": "kh.txt", "rule": "monthly", "unit": "Sở Nội vụ", "support": "", "text": "hằng tháng"}]}


def row(doc: str, date: str, unit: str, kind: str = "deadline") -> DeadlineRow:
    return DeadlineRow(date, kind, unit, "", doc, "", "1", "trước ngày")


def test_deadlines_found_with_their_unit_and_extra_dates(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    deadlines, recurring = load_gold(path)
    rows = [row("kh.txt", "2026-03-31", "Sở Nội vụ tỉnh Ninh Bình"), row("kh.txt", "2026-12-31", "Bộ Tài chính"),
            row("cd.txt", "2025-12-05", "Bộ Y tế"), row("kh.txt", "2025-11-20", "Sở Nội vụ", "reference"),
            row("kh.txt", "2026-01-15", "Sở Nội vụ", "recurring"), row("kh.txt", "2026-01-01", "-", "effective"),
            row("other.txt", "2030-01-01", "x")]
    report = check(rows, deadlines, recurring)
    assert report.counts["all"] == [3, 3, 2] and report.counts["relative"] == [1, 1, 0]
    assert report.extra == 1 and report.recurring == (1, 1)   # the cited document's date; other docs not read
    assert "DEADLINES found 3/3" in report.format() and "unit right 2/3" in report.format()


def test_unit_names_compare_on_their_distinctive_words() -> None:
    assert unit_overlap("Bộ trưởng Bộ Tài chính", "Bộ Tài chính") == 1.0
    assert unit_overlap("UBND tỉnh Ninh Bình", "Ủy ban nhân dân tỉnh Ninh Bình") == 1.0
    assert unit_overlap("Sở Nội vụ", "Sở Y tế") < 0.6
    assert unit_overlap("các Bộ, ngành", "các Bộ, ngành, địa phương") == 1.0
