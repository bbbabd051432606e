"""Uploads that must not fail or be lost: a dispatch already stored, a long Vietnamese file name,
/reindex over a corpus with a copy in it, and an upload a restart interrupted."""

from __future__ import annotations

import shutil
from typing import Any

import test_telegram
from fake_bot_api import FakeBotApi
from fakes_bot import FakeAnswerer
from test_telegram import ADMIN, FIXTURES, build, run, running

from index.config import Config
from index.store.database import Store

THONG_BAO = (FIXTURES / "thong_bao.txt").read_bytes()
# The same fixtures as the other bot tests: the seed corpus indexed with the fake embedder.
api, indexed, indexed_template = test_telegram.api, test_telegram.indexed, test_telegram.indexed_template


def corpus_names(config: Config) -> list[str]:
    return sorted(p.name for p in config.corpus_dir.iterdir())


def test_uploading_a_stored_dispatch_again_says_which_and_changes_nothing(
        api: FakeBotApi, indexed: tuple[Config, Any]) -> None:
    config, embedder = indexed
    stored = next(config.corpus_dir.glob("004_*.txt"))
    before, ids = corpus_names(config), Store(config.db_path).clause_ids()

    async def scenario() -> None:
        async with running(build(api, config, embedder=embedder)):
            api.send_document(ADMIN, "chuyen_tiep.txt", stored.read_bytes(), user_id=ADMIN)
            reply = (await api.wait_for(lambda: [t for t in api.texts(ADMIN) if "đã có" in t]))[0]
            assert reply.startswith("ℹ️ Văn bản này đã có: Công văn /UBND-NV V/v tập trung khắc phục")
            assert "tải lên ngày " in reply
            assert stored.name in reply and "Đã có lỗi" not in "".join(api.texts(ADMIN))

    run(scenario)
    assert corpus_names(config) == before and Store(config.db_path).clause_ids() == ids


def test_a_long_vietnamese_file_name_is_shortened_and_the_upload_indexed(
        api: FakeBotApi, indexed: tuple[Config, Any]) -> None:
    config, embedder = indexed

    async def scenario() -> None:
        async with running(build(api, config, embedder=embedder)):
            api.send_document(ADMIN, "ệ" * 150 + ".txt", THONG_BAO, user_id=ADMIN)
            assert await api.wait_for(lambda: [t for t in api.texts(ADMIN) if "Đã nạp văn bản" in t])

    run(scenario)
    added = [p for p in config.corpus_dir.iterdir() if p.name.startswith("ệ")]
    assert len(added) == 1 and len(added[0].name.encode()) <= 200 and added[0].suffix == ".txt"
    assert added[0].name in Store(config.db_path).sources()
    assert not [p for p in config.corpus_dir.iterdir() if p.name.startswith(".")]   # no temporary left


def test_reindex_over_a_corpus_holding_a_copy_succeeds(api: FakeBotApi, indexed: tuple[Config, Any]) -> None:
    config, embedder = indexed
    shutil.copy(next(config.corpus_dir.glob("002_*.txt")), config.corpus_dir / "ban_sao.txt")

    async def scenario() -> None:
        async with running(build(api, config, answerer=FakeAnswerer(), embedder=embedder)):
            api.send_text(ADMIN, "/reindex", user_id=ADMIN)
            done = await api.wait_for(lambda: [p["text"] for p in api.calls_to("editMessageText", ADMIN)
                                               if p["text"].startswith(("✅", "❌"))])
            assert done[0].startswith("✅ Đã lập lại chỉ mục: 5 văn bản")

    run(scenario)


def test_an_upload_a_restart_interrupted_is_finished_or_undone_and_the_admin_told(
        api: FakeBotApi, indexed: tuple[Config, Any]) -> None:
    config, embedder = indexed
    store = Store(config.db_path)
    (config.corpus_dir / "thong_bao_moi.txt").write_bytes(THONG_BAO)      # moved in, never published
    store.begin_upload("thong_bao_moi.txt", ADMIN)
    (config.corpus_dir / "hong.txt").write_bytes(b"\x00\x01\x02 not a dispatch \xff" * 50)
    store.begin_upload("hong.txt", ADMIN)
    store.begin_upload("chua_luu.txt", ADMIN)                             # killed before the move

    async def scenario() -> None:
        async with running(build(api, config, embedder=embedder)):
            texts = await api.wait_for(lambda: (t := api.texts(ADMIN)) and len(t) >= 4 and t)
            joined = "\n".join(texts)
            assert "«thong_bao_moi.txt»; văn bản đã được nạp xong" in joined and "Đã nạp văn bản" in joined
            assert "«hong.txt»; không nạp được nên đã hủy" in joined
            assert "«chua_luu.txt»; không nạp được nên đã hủy" in joined

    run(scenario)
    assert "thong_bao_moi.txt" in Store(config.db_path).sources()
    assert not (config.corpus_dir / "hong.txt").exists()
    assert Store(config.db_path).pending_uploads() == []
