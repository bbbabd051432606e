"""Indexing a corpus into the store: idempotence, replacement, removal, bad input, CLI output."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from fakes import FakeEmbedder

from bot.cli import cli
from index.config import Config, load_config
from index.pipeline import add_file, index_corpus
from index.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture()
def config(tmp_path: Path) -> Config:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    return load_config(ROOT / "config.toml").with_dirs(corpus=corpus, data=tmp_path / "data")


def run_index(config: Config):
    return index_corpus(config, embedder=FakeEmbedder())


def test_reindexing_unchanged_corpus_changes_nothing(config: Config) -> None:
    first = run_index(config)
    assert len(first.added) == 5 and not first.errors
    ids = Store(config.db_path).clause_ids()
    second = run_index(config)
    assert second.added == [] and len(second.unchanged) == 5
    assert Store(config.db_path).clause_ids() == ids


def test_a_parser_upgrade_reparses_every_file_once_without_re_embedding(config: Config) -> None:
    run_index(config)
    store = Store(config.db_path)
    store.set_meta("parser_version", "an older parser")
    embedder = FakeEmbedder()
    report = index_corpus(config, embedder=embedder)
    assert report.reparsed and len(report.replaced) == 5 and not report.unchanged
    assert embedder.embedded_texts == []   # same clause texts: vectors come from the cache
    again = index_corpus(config, embedder=embedder)
    assert not again.reparsed and len(again.unchanged) == 5


def test_changed_file_replaces_and_removed_file_disappears(config: Config) -> None:
    run_index(config)
    path = next(config.corpus_dir.glob("004_*.txt"))
    path.write_text(path.read_text(encoding="utf-8").replace("30/8/2024", "15/9/2024"), encoding="utf-8")
    next(config.corpus_dir.glob("002_*.txt")).unlink()
    report = run_index(config)
    assert report.replaced == [path.name] and len(report.removed) == 1
    store = Store(config.db_path)
    dates = {r["date"] for r in store.dated_rows(("deadline",))}
    assert dates == {"2024-09-15"}
    assert len(store.documents()) == 4


def test_bad_files_are_reported_and_the_rest_indexed(config: Config) -> None:
    (config.corpus_dir / "empty.txt").write_bytes(b"")
    (config.corpus_dir / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (config.corpus_dir / "notes.xyz").write_text("hello", encoding="utf-8")
    (config.corpus_dir / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with zipfile.ZipFile(config.corpus_dir / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("word/document.xml", "w") as member:
            for _ in range(200):
                member.write(b"\0" * (1024 * 1024))
    report = run_index(config)
    failed = dict(report.errors)
    assert set(failed) == {"empty.txt", "junk.txt", "notes.xyz", "broken.docx", "bomb.docx"}
    assert all(name in message for name, message in failed.items())
    assert len(report.added) == 5
    assert len(Store(config.db_path).documents()) == 5


def test_docx_task_table_rows_become_clauses_with_units_and_dates(config: Config) -> None:
    run_index(config)
    doc = add_file(config, FIXTURES / "ke_hoach_bang.docx", embedder=FakeEmbedder())
    assert doc.number == "25/KH-UBND" and doc.doc_type == "kế hoạch"
    rows = [c for c in doc.clauses if c.kind == "table_row"]
    assert len(rows) >= 5
    first = rows[0]
    assert first.lead_units == ["Phòng Văn hóa và Thông tin"] and first.support_units == ["Phòng Nội vụ"]
    assert [(m.kind, m.date) for m in first.dates] == [("deadline", "2027-02-28")]
    kinds = {m.kind for c in rows for m in c.dates}
    assert {"deadline", "period", "recurring"} <= kinds
    assert doc.signer is not None and doc.signer.name == "Nguyễn Văn An"


def test_deadlines_json_lists_due_dates_with_their_source(config: Config) -> None:
    run_index(config)
    result = CliRunner().invoke(cli, ["deadlines", "--json", "--data", str(config.data_dir)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    due = [r for r in rows if r["kind"] == "deadline"]
    assert len(due) == 1
    row = due[0]
    assert row["date"] == "2024-08-30" and row["unit"] == "Ủy ban nhân dân các xã, thị trấn"
    assert row["doc"].startswith("004_") and row["number"] == "/UBND-NV" and row["clause"] == "1"
    assert row["text"] == "trước ngày 30/8/2024"
    assert {r["kind"] for r in rows} == {"deadline", "effective"}


def test_recurring_deadline_resolves_to_next_occurrence(config: Config) -> None:
    shutil.copy(FIXTURES / "dinh_ky.txt", config.corpus_dir / "dinh_ky.txt")
    run_index(config)
    result = CliRunner().invoke(
        cli, ["deadlines", "--json", "--from", "2027-01-21", "--data", str(config.data_dir)]
    )
    rows = json.loads(result.output)
    monthly = [r for r in rows if r["kind"] == "recurring" and "monthly" in r["recurrence"]]
    assert monthly and monthly[0]["date"] == "2027-02-20"
    assert any(r["kind"] == "period" and r["date"] == "2027-03-31" for r in rows)
    assert any(r["kind"] == "deadline" and r["date"] == "2027-05-31" for r in rows)
    assert not any(r["date"] == "2026-11-12" for r in rows)


def test_rebuild_and_edits_reembed_only_changed_text(config: Config) -> None:
    embedder = FakeEmbedder()
    index_corpus(config, embedder=embedder)
    first = len(embedder.embedded_texts)
    assert first == len(Store(config.db_path).clause_ids())
    index_corpus(config, embedder=embedder, rebuild=True)
    assert len(embedder.embedded_texts) == first  # every vector came from the cache
    path = next(config.corpus_dir.glob("004_*.txt"))
    path.write_text(path.read_text(encoding="utf-8").replace("30/8/2024", "15/9/2024"), encoding="utf-8")
    index_corpus(config, embedder=embedder)
    changed = embedder.embedded_texts[first:]
    assert len(changed) == 1 and "15/9/2024" in changed[0]


def test_deadline_task_is_the_part_of_the_clause_the_date_belongs_to(config: Config) -> None:
    run_index(config)
    rows = {r["kind"]: r for r in Store(config.db_path).dated_rows()}
    assert rows["deadline"]["task"].startswith("Báo cáo kết quả khắc phục về Ủy ban nhân dân huyện")
    assert rows["effective"]["task"].startswith("Kể từ ngày 01/7/2024, yêu cầu các xã, thị trấn phải mở sổ điện tử")


def test_a_question_naming_the_place_finds_that_districts_clause(config: Config) -> None:
    from index.search.retriever import Retriever

    shutil.copy(FIXTURES / "hard_wrapped.txt", config.corpus_dir / "hard_wrapped.txt")
    embedder = FakeEmbedder()
    index_corpus(config, embedder=embedder)
    store = Store(config.db_path)
    hits = Retriever(store, config.data_dir, embedder, dense_weight=0.3).search("số hóa hồ sơ ở Hương Khê", k=3)
    best = store.clause(hits[0].clause_id)
    assert store.get_document(best.doc_id).source == "hard_wrapped.txt"
    assert best.text.startswith("Thực hiện số hóa hồ sơ")


def test_an_index_from_an_older_passage_format_is_rebuilt_by_the_next_run(config: Config) -> None:
    from index.search.publish import serving_dir
    from index.search.vectors import META_FILE

    def meta_path() -> Path:
        return serving_dir(Store(config.db_path), config.data_dir) / META_FILE

    run_index(config)
    meta = json.loads(meta_path().read_text(encoding="utf-8"))
    meta["model"] = meta["model"].rsplit("+", 1)[0] + "+p0"        # as written by an older release
    meta_path().write_text(json.dumps(meta), encoding="utf-8")
    report = run_index(config)
    assert report.new_passages and not report.errors
    assert json.loads(meta_path().read_text(encoding="utf-8"))["model"].endswith("+p3")
    meta["model"] = "another-model+p3"                                  # a different model: still refused
    meta_path().write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(Exception, match="rebuild"):
        run_index(config)
