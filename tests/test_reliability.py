"""Nothing lost: duplicate files, one bad file among many, huge files, and runs killed mid-way.

A kill is simulated twice over: by stopping the build at a named step (an exception that no
code catches, as a kill would leave things), and by a real SIGKILL of a child process there.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from fakes import FakeEmbedder

from bot.answering.answerer import Answerer
from bot.cli import cli
from index import pipeline
from index.config import Config, load_config
from index.errors import DuplicateDocument
from index.pipeline import add_file, index_corpus
from index.search.passages import index_name
from index.search.publish import load_serving
from index.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
WHO = "Ai phụ trách tuyên truyền cải cách hành chính?"
WHEN = "Hạn nộp báo cáo kết quả khắc phục là ngày nào?"
STEPS = ("prepared", "vectors-written", "before-commit")


class Killed(BaseException):
    """Stands for a kill: nothing catches it, so no clean-up code of ours runs for it."""


@pytest.fixture()
def config(tmp_path: Path) -> Config:
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    return load_config(ROOT / "config.toml").with_dirs(corpus=tmp_path / "corpus", data=tmp_path / "data")


def seed(config: Config, prefix: str) -> Path:
    return next(config.corpus_dir.glob(f"{prefix}_*.txt"))


def answers(config: Config) -> tuple[str, str]:
    answerer = Answerer(config, embedder=FakeEmbedder())
    return answerer.ask(WHO).reply.splitlines()[0], answerer.ask(WHEN).reply.splitlines()[0]


def in_step(config: Config) -> bool:
    """Every stored clause has its tokens and its vector, and the vector index nothing else."""
    store = Store(config.db_path)
    vectors = load_serving(store, config.data_dir, index_name(FakeEmbedder()))
    tokens = [t for _, t, _ in store.clause_tokens()]
    return sorted(vectors.ids()) == store.clause_ids() and all(tokens)


def test_a_copy_of_a_dispatch_is_reported_and_indexed_once(config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("index.search.embed.make_embedder", lambda cfg: FakeEmbedder())
    index_corpus(config, embedder=FakeEmbedder())
    before = answers(config)
    original = seed(config, "002")
    shutil.copy(original, config.corpus_dir / "ban_sao.txt")
    runner = CliRunner()
    args = ["--config", str(ROOT / "config.toml"), "index", "--corpus", str(config.corpus_dir),
            "--data", str(config.data_dir)]
    for extra in (["--rebuild"], []):
        result = runner.invoke(cli, args + extra)
        assert result.exit_code == 0, result.output
        assert f"ban_sao.txt: same content as {original.name}, skipped" in result.output
        assert "5 documents" in result.output
    assert in_step(config) and answers(config) == before
    assert before[0] == "Đơn vị thực hiện: Văn phòng Sở"


def test_a_file_edited_into_a_copy_of_another_is_dropped_as_a_duplicate(config: Config) -> None:
    index_corpus(config, embedder=FakeEmbedder())
    seed(config, "004").write_bytes(seed(config, "003").read_bytes())
    report = index_corpus(config, embedder=FakeEmbedder())
    assert report.duplicates == [(seed(config, "004").name, seed(config, "003").name)]
    assert report.documents == 4 and not report.errors and in_step(config)
    assert "30/08/2024" not in answers(config)[1]          # the old 004's deadline no longer answers


def test_one_files_unexpected_failure_is_reported_by_name_and_the_rest_indexed(
        config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    real_parse = pipeline.parse_document

    def parse(text: str, source: str, doc_id: str):  # noqa: ANN202 - same signature as the real one
        if source.startswith("001_"):
            raise RuntimeError("parser bug")
        return real_parse(text, source, doc_id)

    monkeypatch.setattr(pipeline, "parse_document", parse)
    report = index_corpus(config, embedder=FakeEmbedder())
    assert [name for name, _ in report.errors] == [seed(config, "001").name]
    assert "RuntimeError: parser bug" in report.errors[0][1]
    assert report.documents == 4 and in_step(config)


def test_a_huge_file_is_refused_from_its_size_without_being_read(config: Config,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    huge = config.corpus_dir / "khong_lo.txt"
    with huge.open("wb") as fh:
        fh.truncate(3 * 1024 ** 3)                          # sparse: 3 GB that take no disk
    hashed: list[str] = []
    real_hash = pipeline.file_hash
    monkeypatch.setattr(pipeline, "file_hash", lambda path: hashed.append(path.name) or real_hash(path))
    report = index_corpus(config, embedder=FakeEmbedder())
    assert dict(report.errors)["khong_lo.txt"].endswith("over the limit of 52428800 bytes")
    assert "khong_lo.txt" not in hashed and report.documents == 5


def test_adding_a_file_whose_content_is_stored_names_the_stored_document(config: Config) -> None:
    index_corpus(config, embedder=FakeEmbedder())
    copy = config.corpus_dir / "chuyen_tiep.txt"
    shutil.copy(seed(config, "004"), copy)
    with pytest.raises(DuplicateDocument) as caught:
        add_file(config, copy, embedder=FakeEmbedder())
    assert caught.value.existing.source == seed(config, "004").name and caught.value.existing.indexed_at
    assert len(Store(config.db_path).documents()) == 5


def _edit_004(config: Config) -> None:
    path = seed(config, "004")
    path.write_text(path.read_text(encoding="utf-8").replace("30/8/2024", "15/9/2024"), encoding="utf-8")


@pytest.mark.parametrize("step", STEPS)
def test_a_rebuild_stopped_at_any_step_leaves_the_previous_answers(config: Config, step: str) -> None:
    index_corpus(config, embedder=FakeEmbedder())
    before = answers(config)
    _edit_004(config)

    def stop(at: str) -> None:
        if at == step:
            raise Killed(at)

    with pytest.raises(Killed):
        index_corpus(config, embedder=FakeEmbedder(), rebuild=True, checkpoint=stop)
    assert answers(config) == before and in_step(config)
    index_corpus(config, embedder=FakeEmbedder())             # the next run completes the change
    assert "15/09/2024" in answers(config)[1] and in_step(config)


KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, sys.argv[3])
    from fakes import FakeEmbedder
    from index.config import load_config
    from index.pipeline import index_corpus

    def stop(step):
        if step == sys.argv[2]:
            os.kill(os.getpid(), signal.SIGKILL)

    config = load_config(sys.argv[4]).with_dirs(corpus=sys.argv[1] + "/corpus", data=sys.argv[1] + "/data")
    index_corpus(config, embedder=FakeEmbedder(), rebuild=True, checkpoint=stop)
""")


@pytest.mark.parametrize("step", STEPS)
def test_kill_9_during_a_rebuild_leaves_the_previous_answers(config: Config, step: str) -> None:
    index_corpus(config, embedder=FakeEmbedder())
    before = answers(config)
    _edit_004(config)
    child = subprocess.run(
        [sys.executable, "-c", KILLER, str(config.corpus_dir.parent), step, str(Path(__file__).parent),
         str(ROOT / "config.toml")], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert answers(config) == before and in_step(config)
    index_corpus(config, embedder=FakeEmbedder())
    assert "15/09/2024" in answers(config)[1] and in_step(config)
    assert len(list((config.data_dir / "vectors").iterdir())) == 2   # the killed run's files are gone
