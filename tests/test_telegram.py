"""End-to-end bot tests: a real Application polling a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import threading
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from fakes import FakeEmbedder
from fakes_bot import UNIT_NOI_VU, UNIT_XA, FakeAnswerer, dispatch_004
from telegram.ext import Application

from bot.answering.answerer import Answerer
from bot.answering.result import ABSTAIN
from bot.cli import cli
from bot.reminders.subscriptions import Subscriptions
from bot.settings import AppConfig, BotConfig
from bot.telegram import render
from bot.telegram.app import CATCH_UP_JOB, DAILY_JOB, build_application, default_file_url
from bot.telegram.handlers.upload import claim_name, safe_name
from index.config import Config
from index.store.database import Store
from index.store.models import Document

ADMIN, USER, OTHER_USER, GROUP = 9001, 5001, 5002, -100777
QUESTION = "Ai phụ trách tuyên truyền cải cách hành chính?"


def run(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    asyncio.run(asyncio.wait_for(scenario(), 60))


@pytest.fixture
def api() -> FakeBotApi:
    with FakeBotApi() as server:
        yield server


def admin_config(tmp_path: Path, *documents: Document) -> AppConfig:
    """A bot config with ADMIN as its admin, over a store holding these documents."""
    (tmp_path / "corpus").mkdir()
    cfg = AppConfig(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data", bot=BotConfig(admins=(ADMIN,)))
    store = Store(cfg.db_path)
    for doc in documents:
        store.save_document(doc)
    return cfg


@pytest.fixture
def config(tmp_path: Path) -> AppConfig:
    return admin_config(tmp_path, dispatch_004())


def build(api: FakeBotApi, config: AppConfig, *, today: dt.date = dt.date(2024, 8, 27),
          answerer: Any = None, embedder: Any = None) -> Application:
    return build_application(config, token=api.token, base_url=api.base_url, base_file_url=api.base_file_url,
                             answerer=answerer or FakeAnswerer(), today=lambda: today, embedder=embedder)


@asynccontextmanager
async def running(app: Application, webhook: dict[str, Any] | None = None) -> AsyncIterator[Application]:
    """Start the application the way run_polling (or, given serve's settings, run_webhook) does,
    and stop it afterwards."""
    async with app:
        await app.post_init(app)
        if webhook is None:
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
        else:
            await app.updater.start_webhook(**webhook)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def run_daily_job(app: Application) -> None:
    """Run the scheduled daily reminder job now, as the scheduler would."""
    await app.job_queue.get_jobs_by_name(DAILY_JOB)[0].run(app)


async def catch_up_done(api: FakeBotApi, app: Application) -> None:
    """The startup catch-up has run: its job has left the queue and its delivery, which holds the
    reminder lock while it sends, is over (a loaded machine is slow to send)."""
    await api.wait_for(lambda: not app.job_queue.get_jobs_by_name(CATCH_UP_JOB), timeout=5)
    await asyncio.sleep(0.1)
    async with app.bot_data["services"].reminder_lock:
        pass


def reminders_to(api: FakeBotApi, chat_id: int) -> list[str]:
    return [t for t in api.texts(chat_id) if "Nhắc hạn" in t]


# --- conversation --------------------------------------------------------------------------------
def test_start_help_and_vietnamese_command_menu(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)):
            commands = api.calls_to("setMyCommands")[0]["commands"]
            assert {"command": "subscribe", "description": "Đăng ký nhận nhắc hạn"} in commands
            api.send_text(USER, "/start")
            start = (await api.wait_texts(USER))[0]
            assert all(q in start for q in render.EXAMPLES)
            api.send_text(USER, "/help")
            assert "/deadlines" in (await api.wait_texts(USER, 2))[1]

    run(scenario)


def test_question_answered_with_escaped_html_and_sources_button(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)):
            api.send_text(USER, QUESTION)
            await api.wait_texts(USER)
            sent = api.calls_to("sendMessage", USER)[0]
            assert "Văn phòng Sở" in sent["text"] and "/SCT-VP2" in sent["text"]
            assert sent["parse_mode"] == "HTML"
            button = sent["reply_markup"]["inline_keyboard"][0][0]
            assert button["text"] == "Xem nguồn"
            assert api.calls_to("sendChatAction", USER)[0]["action"] == "typing"
            api.press(USER, button["callback_data"])
            sources = (await api.wait_texts(USER, 2))[1]
            assert "Nguồn chính" in sources and "tuyên truyền cải cách hành chính &lt;b&gt;." in sources
            assert "Nguồn khác" in sources and "118/QĐ-UBND" in sources
            assert api.calls_to("answerCallbackQuery")
            api.press(USER, "src:unknown")
            await api.wait_for(lambda: len(api.calls_to("answerCallbackQuery")) == 2)
            assert api.calls_to("answerCallbackQuery")[1]["text"] == render.SOURCES_GONE

    run(scenario)


def test_groups_answer_only_ask_and_mentions(api: FakeBotApi, config: AppConfig) -> None:
    answerer = FakeAnswerer()

    async def scenario() -> None:
        async with running(build(api, config, answerer=answerer)):
            api.send_text(GROUP, "Chào cả nhà, ai phụ trách tuyên truyền?", user_id=USER, chat_type="supergroup")
            api.send_text(GROUP, f"/ask@{api.username} {QUESTION}", user_id=USER, chat_type="supergroup")
            await api.wait_texts(GROUP, 1)
            api.send_text(GROUP, f"@{api.username} {QUESTION}", user_id=USER, chat_type="supergroup")
            await api.wait_texts(GROUP, 2)
            api.send_text(GROUP, "Còn hạn báo cáo?", user_id=USER, chat_type="supergroup", reply_to_bot=True)
            await api.wait_texts(GROUP, 3)
            await asyncio.sleep(0.2)
            assert answerer.questions == [QUESTION, QUESTION, "Còn hạn báo cáo?"]
            assert len(api.texts(GROUP)) == 3

    run(scenario)


def test_bad_input_gets_clear_vietnamese_messages(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)):
            for n, send in enumerate([
                lambda: api.send_text(USER, "x" * 4000),
                lambda: api.send_sticker(USER),
                lambda: api.send_photo(USER),
                lambda: api.send_text(USER, "/ask"),
                lambda: api.send_text(USER, "/lenhla"),
            ], 1):
                send()
                await api.wait_texts(USER, n)
            texts = api.texts(USER)
            assert texts[0].startswith("Câu hỏi quá dài (4000 ký tự)")
            assert texts[1] == texts[2] == render.NOT_TEXT
            assert texts[3] == render.EMPTY_QUESTION
            assert "/help" in texts[4]

    run(scenario)


def test_errors_are_reported_and_the_bot_keeps_running(api: FakeBotApi, config: AppConfig) -> None:
    answerer = FakeAnswerer()
    answerer.fail = True

    async def scenario() -> None:
        async with running(build(api, config, answerer=answerer)):
            api.send_text(USER, QUESTION)
            assert (await api.wait_texts(USER))[0] == render.ERROR
            answerer.fail = False
            api.send_text(USER, QUESTION)
            assert "Văn phòng Sở" in (await api.wait_texts(USER, 2))[1]

    run(scenario)


def test_a_slow_question_does_not_block_others(api: FakeBotApi, config: AppConfig) -> None:
    gate = threading.Event()

    async def scenario() -> None:
        async with running(build(api, config, answerer=FakeAnswerer(delay=gate))):
            api.send_text(USER, "Một câu hỏi chậm")
            api.send_text(OTHER_USER, QUESTION)
            assert "Văn phòng Sở" in (await api.wait_texts(OTHER_USER))[0]
            assert api.texts(USER) == []
            gate.set()
            assert (await api.wait_texts(USER))[0].startswith(ABSTAIN)

    run(scenario)


def test_allowlist_refuses_others(api: FakeBotApi, config: AppConfig) -> None:
    config = replace(config, bot=replace(config.bot, allowed_users=(USER,)))
    answerer = FakeAnswerer()

    async def scenario() -> None:
        async with running(build(api, config, answerer=answerer)):
            api.send_text(OTHER_USER, QUESTION)
            assert (await api.wait_texts(OTHER_USER))[0] == render.NOT_ALLOWED
            api.send_text(USER, QUESTION)
            await api.wait_texts(USER)
            assert answerer.questions == [QUESTION]

    run(scenario)


# --- deadlines, subscriptions, reminders ------------------------------------------------------------
def test_deadlines_lists_upcoming_with_unit_task_and_document(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)):
            api.send_text(USER, "/deadlines")
            text = (await api.wait_texts(USER))[0]
            assert "30/08/2024" in text and UNIT_XA in text and "Báo cáo kết quả khắc phục" in text
            assert "/UBND-NV" in text and "10/09/2024" in text

    run(scenario)


def test_subscribe_with_buttons_mysubs_and_unsubscribe(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)):
            api.send_text(USER, "/subscribe")
            await api.wait_texts(USER)
            keyboard = api.calls_to("sendMessage", USER)[0]["reply_markup"]["inline_keyboard"]
            buttons = {row[0]["text"]: row[0]["callback_data"] for row in keyboard}
            xa, noi_vu = f"{UNIT_XA} huyện Hương Sơn", f"{UNIT_NOI_VU} huyện Hương Sơn"   # canonical names
            assert {"Tất cả đơn vị", xa, noi_vu} <= set(buttons)
            api.press(USER, buttons[noi_vu])
            edited = await api.wait_for(lambda: api.calls_to("editMessageText", USER))
            assert "Phòng Nội vụ" in edited[0]["text"] and "Đã đăng ký" in edited[0]["text"]
            api.send_text(USER, "/subscribe phong noi vu")
            assert "đã đăng ký" in (await api.wait_texts(USER, 2))[1]
            api.send_text(USER, "/mysubs")
            assert UNIT_NOI_VU in (await api.wait_texts(USER, 3))[2]
            api.send_text(USER, "/subscribe Tất cả")
            assert "tất cả đơn vị" in (await api.wait_texts(USER, 4))[3]
            api.send_text(USER, "/unsubscribe")   # issue 13: asks which unit instead of removing all
            assert "đơn vị nào" in (await api.wait_texts(USER, 5))[4]
            api.press(USER, "uns:*")
            assert "Đã hủy" in (await api.wait_for(lambda: api.calls_to("editMessageText", USER)[1:]))[0]["text"]
            api.send_text(USER, "/mysubs")
            assert "chưa đăng ký" in (await api.wait_texts(USER, 6))[5]

    run(scenario)


def test_reminders_are_sent_once_and_not_again_after_restart(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)) as app:
            api.send_text(USER, "/subscribe Uy ban nhan dan cac xa, thi tran")
            assert "Đã đăng ký" in (await api.wait_texts(USER))[0]
            await catch_up_done(api, app)
            await run_daily_job(app)
            await run_daily_job(app)
            reminders = reminders_to(api, USER)
            assert len(reminders) == 1
            assert "30/08/2024" in reminders[0] and "còn 3 ngày" in reminders[0] and UNIT_XA in reminders[0]
            assert "10/09/2024" not in reminders[0]  # Phòng Nội vụ's deadline: another unit
        async with running(build(api, config)) as app:  # restart over the same data dir
            await catch_up_done(api, app)
            await run_daily_job(app)
            assert len(reminders_to(api, USER)) == 1
        async with running(build(api, config, today=dt.date(2024, 9, 2))) as app:  # down 28/8 .. 1/9
            await catch_up_done(api, app)
            await run_daily_job(app)
            reminders = reminders_to(api, USER)
            assert len(reminders) == 2 and "đã quá hạn 3 ngày" in reminders[1]

    run(scenario)


def test_blocked_or_missing_chats_do_not_stop_other_reminders(api: FakeBotApi, config: AppConfig) -> None:
    blocked, missing = 6001, 6002
    store = Store(config.db_path)
    for chat in (blocked, USER, missing):
        Subscriptions(store.db).subscribe(chat, "")
    api.blocked.add(blocked)
    api.missing.add(missing)

    async def scenario() -> None:
        async with running(build(api, config)) as app:
            await catch_up_done(api, app)
            assert len(reminders_to(api, USER)) == 1
            await run_daily_job(app)
            assert len(reminders_to(api, USER)) == 1
            assert len(api.calls_to("sendMessage", blocked)) == 1  # deactivated after the 403
            assert len(api.calls_to("sendMessage", missing)) == 2  # retried: not recorded as sent

    run(scenario)
    assert [s.chat_id for s in Subscriptions(Store(config.db_path).db).active()] == [USER, missing]


# --- admin ---------------------------------------------------------------------------------------------
def test_non_admin_upload_is_refused_and_changes_nothing(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)):
            api.send_document(USER, "ke_hoach.docx", b"PK fake docx")
            assert (await api.wait_texts(USER))[0] == render.ADMIN_ONLY
            for command in ("/reindex", "/docs", "/remove 004_c66a1e2327b84e98.txt"):
                api.send_text(USER, command)
            await api.wait_texts(USER, 4)
            assert api.texts(USER)[1:] == [render.ADMIN_ONLY] * 3

    run(scenario)
    assert api.calls_to("getFile") == []
    assert list(config.corpus_dir.iterdir()) == []
    assert [d.source for d in Store(config.db_path).documents()] == ["004_c66a1e2327b84e98.txt"]


def test_admin_upload_of_wrong_type_or_oversized_file_is_refused(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)):
            api.send_document(ADMIN, "virus.exe", b"MZ")
            assert "chỉ hỗ trợ .txt, .md, .docx, .pdf, .doc, .odt, .rtf, .jpg" in (await api.wait_texts(ADMIN))[0]
            api.send_document(ADMIN, "to.pdf", b"%PDF", file_size=50 * 1024 * 1024)
            assert "Tệp quá lớn (50.0 MB). Giới hạn là 20 MB." == (await api.wait_texts(ADMIN, 2))[1]

    run(scenario)
    assert api.calls_to("getFile") == []
    assert list(config.corpus_dir.iterdir()) == []


def test_docs_lists_documents_for_admins(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)):
            api.send_text(ADMIN, "/docs")
            text = (await api.wait_texts(ADMIN))[0]
            assert "Văn bản đã nạp</b> (1)" in text and "/UBND-NV" in text   # issue 13: no file names

    run(scenario)


def test_uploads_are_saved_under_unique_names(tmp_path: Path) -> None:
    assert safe_name("../../Kế hoạch: CCHC?.DOCX") == "Kế hoạch_ CCHC.docx"
    assert claim_name(tmp_path, "a.txt").name == "a.txt"
    (tmp_path / "a.txt").write_bytes(b"one")
    assert claim_name(tmp_path, "a.txt").name == "a_2.txt"


def test_long_vietnamese_names_are_cut_by_bytes_keeping_the_extension(tmp_path: Path) -> None:
    name = safe_name("ệ" * 150 + ".TXT")
    assert name.endswith(".txt") and len(name.encode()) <= 200 and name.startswith("ệệ")
    (tmp_path / name).write_text("x", encoding="utf-8")                # the file system accepts it
    second = claim_name(tmp_path, name)
    assert second.name.endswith("_2.txt") and len(second.name.encode()) <= 255


# --- admin, over the real pipeline and seed corpus ------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
KE_HOACH = "ke_hoach_bang.docx"


@pytest.fixture(scope="module")
def indexed_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The seed corpus indexed once per module with the deterministic fake embedder."""
    from index.pipeline import index_corpus

    root = tmp_path_factory.mktemp("indexed")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    embedder = FakeEmbedder()
    index_corpus(Config(corpus_dir=root / "corpus", data_dir=root / "data"), embedder=embedder)
    return root, embedder


@pytest.fixture
def indexed(indexed_template: tuple[Path, Any], tmp_path: Path) -> tuple[AppConfig, Any]:
    """A private copy of the indexed seed corpus and data dir."""
    root, embedder = indexed_template
    for name in ("corpus", "data"):
        shutil.copytree(root / name, tmp_path / name)
    cfg = AppConfig(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data", bot=BotConfig(admins=(ADMIN,)))
    return cfg, embedder


def test_admin_upload_indexes_notifies_and_shows_deadlines(api: FakeBotApi, indexed: tuple[AppConfig, Any]) -> None:
    config, embedder = indexed
    subs = Subscriptions(Store(config.db_path).db)
    subs.subscribe(USER, "")
    subs.subscribe(OTHER_USER, "Phòng Văn hóa và Thông tin")
    subs.subscribe(6003, "Sở Thông tin và Truyền thông")  # not named by the new plan
    answerer = FakeAnswerer()

    async def scenario() -> None:
        app = build(api, config, today=dt.date(2027, 2, 1), answerer=answerer, embedder=embedder)
        async with running(app):
            await catch_up_done(api, app)
            api.send_document(ADMIN, KE_HOACH, (FIXTURES / KE_HOACH).read_bytes(), user_id=ADMIN)
            receipt = "\n".join(await api.wait_for(lambda: [t for t in api.texts(ADMIN) if "Đã nạp" in t]))
            for expected in ("25/KH-UBND", "cải cách hành chính năm 2027", "Ủy ban nhân dân huyện Can Lộc",
                             "15/01/2027", "Số mục: 9", "28/02/2027</b> — Phòng Văn hóa và Thông tin"):
                assert expected in receipt
            assert "28/02/2027" in (await api.wait_texts(OTHER_USER))[0]
            everything = (await api.wait_texts(USER))[0]
            assert "Văn bản mới" in everything and "Phòng Nội vụ" in everything
            api.send_text(ADMIN, "/deadlines", user_id=ADMIN)
            listing = await api.wait_for(lambda: [t for t in api.texts(ADMIN) if "Các hạn từ" in t])
            assert "28/02/2027" in listing[0] and "Phòng Văn hóa và Thông tin" in listing[0]
            assert "25/KH-UBND" in listing[0]

    run(scenario)
    assert (config.corpus_dir / KE_HOACH).read_bytes() == (FIXTURES / KE_HOACH).read_bytes()
    assert api.calls_to("getFile") and answerer.reloads == 1
    assert api.texts(6003) == []


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("hong.docx", b"PK\x03\x04 not really a zip", "Không đọc được tệp"),
    ("scanned.pdf", (FIXTURES / "scanned.pdf").read_bytes(), "bản quét"),
])
def test_unreadable_upload_is_rejected_and_nothing_changes(api: FakeBotApi, indexed: tuple[AppConfig, Any],
                                                           name: str, data: bytes, expected: str) -> None:
    config, embedder = indexed
    before = sorted(p.name for p in config.corpus_dir.iterdir())
    ids = Store(config.db_path).clause_ids()

    async def scenario() -> None:
        async with running(build(api, config, embedder=embedder)):
            api.send_document(ADMIN, name, data, user_id=ADMIN)
            reply = await api.wait_for(lambda: [t for t in api.texts(ADMIN) if "❌" in t])
            assert expected in reply[0] and "Lý do:" in reply[0] and "Chỉ mục không thay đổi" in reply[0]

    run(scenario)
    assert sorted(p.name for p in config.corpus_dir.iterdir()) == before
    assert Store(config.db_path).clause_ids() == ids


def test_admin_remove_and_reindex(api: FakeBotApi, indexed: tuple[AppConfig, Any]) -> None:
    config, embedder = indexed
    answerer = FakeAnswerer()

    async def scenario() -> None:
        async with running(build(api, config, answerer=answerer, embedder=embedder)):
            api.send_text(ADMIN, "/remove 004_c66a1e2327b84e98.txt", user_id=ADMIN)
            assert "Gỡ văn bản này" in (await api.wait_texts(ADMIN))[0]   # issue 13: asks first
            keyboard = api.calls_to("sendMessage", ADMIN)[0]["reply_markup"]["inline_keyboard"]
            api.press(ADMIN, keyboard[0][0]["callback_data"], user_id=ADMIN)
            assert "Đã gỡ văn bản" in (await api.wait_for(lambda: api.calls_to("editMessageText", ADMIN)))[0]["text"]
            api.send_text(ADMIN, "/remove khong-co", user_id=ADMIN)
            assert "Không tìm thấy" in (await api.wait_texts(ADMIN, 2))[1]
            api.send_text(ADMIN, "/reindex", user_id=ADMIN)
            done = await api.wait_for(lambda: [p["text"] for p in api.calls_to("editMessageText", ADMIN)
                                               if p["text"].startswith("✅")])
            assert done == ["✅ Đã lập lại chỉ mục: 4 văn bản, " + done[0].split(", ")[1]]

    run(scenario)
    assert not (config.corpus_dir / "004_c66a1e2327b84e98.txt").exists()
    assert answerer.reloads == 2


def test_real_answerer_names_the_unit_and_cites(api: FakeBotApi, indexed: tuple[AppConfig, Any]) -> None:
    config, embedder = indexed

    async def scenario() -> None:
        answerer = Answerer(config, embedder=embedder)
        async with running(build(api, config, answerer=answerer, embedder=embedder)):
            # Unambiguous with the fake embedder: only seed 000 assigns the biên chế / tài chính công work.
            api.send_text(USER, "Ai chủ trì các nội dung liên quan đến biên chế và tài chính công?")
            reply = (await api.wait_texts(USER))[0]
            assert "Văn phòng Sở" in reply
            assert "/SCT-VP2" in reply and "biên chế, công tác tài chính công" in reply

    run(scenario)


# --- CLI -------------------------------------------------------------------------------------------
def test_serve_without_token_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: TELEGRAM_BOT_TOKEN is not set: export the token that @BotFather gave you."]


def test_default_file_url() -> None:
    assert default_file_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert default_file_url("https://api.example.org/bot{token}/x") == "https://api.example.org/file/bot{token}/x"
