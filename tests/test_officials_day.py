"""Issue 13, the official's day in Telegram, end to end through the fake Bot API: answers laid out for
a phone, small talk and deadline questions in words, /viec and /deadlines with their buttons,
reminders with actions and task status, confirmations, and menus per audience. Every message the bot
sends is checked to be valid Telegram HTML under 4,096 characters."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import test_telegram
from fake_bot_api import FakeBotApi
from fakes_bot import UNIT_NOI_VU, UNIT_XA, FakeAnswerer, dispatch_004
from test_telegram import ADMIN, USER, admin_config, build, catch_up_done, reminders_to, run, run_daily_job, running

from bot.answering.answerer import Answerer
from bot.reminders.subscriptions import Subscriptions
from bot.settings import AppConfig
from bot.telegram import conversation, render
from index.extract.entities import assign_units
from index.store.database import Store
from index.store.models import Clause, DateMention, Document

api, indexed, indexed_template = test_telegram.api, test_telegram.indexed, test_telegram.indexed_template
TAGS = {"b", "i", "u", "s", "code", "pre", "a", "blockquote", "tg-spoiler", "strong", "em"}
TODAY = dt.date(2024, 8, 27)


class _Html(HTMLParser):
    """Telegram's HTML subset: known tags, properly nested; collects the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in TAGS, f"tag <{tag}> is not Telegram HTML"
        self.stack.append(tag)
        self.tags.append(tag + "".join(f" {k}" for k, _ in attrs))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes nothing"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def shown(html: str) -> tuple[str, list[str]]:
    """(what a phone shows, the tags used) of a sent message; fails on invalid or over-long HTML."""
    assert len(html) <= 4096
    parser = _Html()
    parser.feed(html)
    parser.close()
    assert not parser.stack, f"unclosed {parser.stack}"
    return "".join(parser.text), parser.tags


def all_valid(api: FakeBotApi) -> None:
    for call in api.calls_to("sendMessage") + api.calls_to("editMessageText"):
        if call.get("parse_mode") == "HTML":
            shown(call["text"])


def buttons(call: dict[str, Any]) -> dict[str, str]:
    return {b["text"]: b["callback_data"] for row in call["reply_markup"]["inline_keyboard"] for b in row}


@pytest.fixture
def config(tmp_path: Path) -> AppConfig:
    return admin_config(tmp_path, dispatch_004())


def busy_dispatch() -> Document:
    """Nine deadlines of the communes (one overdue) and one period, for paging and windows."""
    days = ["2024-08-20", *(f"2024-09-{d:02d}" for d in (1, 3, 5, 12, 20, 25, 28)), "2024-11-15"]
    clauses = [Clause(ordinal=i, path=str(i + 1), headings=[], kind="item", lead_units=[UNIT_XA],
                      text=f"{UNIT_XA} nộp báo cáo chuyên đề số {i + 1}.",
                      dates=[DateMention("deadline", day, f"trước ngày {int(day[8:])}/{int(day[5:7])}/2024")])
               for i, day in enumerate(days)]
    clauses.append(Clause(ordinal=9, path="10", headings=[], kind="item", lead_units=[UNIT_XA],
                          text=f"{UNIT_XA} hoàn thành số hóa hồ sơ trong Quý IV/2024.",
                          dates=[DateMention("period", "2024-12-31", "Quý IV/2024")]))
    doc = Document(id="b5b5b5b5b5b5b5b5", source="005.txt", doc_type="kế hoạch", number="77/KH-UBND",
                   issuer="Ủy ban nhân dân huyện Hương Sơn", date="2024-08-01",
                   subject="báo cáo chuyên đề cải cách hành chính", clauses=clauses, text="")
    assign_units(doc)
    return doc


# --- 1. answers on a phone -------------------------------------------------------------------------
def test_an_answer_is_bold_first_quoted_apart_cited_on_one_line_and_warns_when_overdue(
        api: FakeBotApi, indexed: tuple[AppConfig, Any]) -> None:
    config, embedder = indexed

    async def scenario() -> None:
        answerer = Answerer(config, embedder=embedder)
        async with running(build(api, config, answerer=answerer, embedder=embedder, today=dt.date(2026, 5, 4))):
            api.send_text(USER, "Hạn nộp báo cáo kết quả khắc phục là ngày nào?")
            html = (await api.wait_texts(USER))[0]
            text, tags = shown(html)
            assert html.startswith("<b>Thời hạn: 30/08/2024</b>") and "đã quá hạn" in text
            assert "30/8/2024)" not in text.split("\n")[0]          # the same date is not said twice
            assert any(t.startswith("blockquote") for t in tags)    # the quote is set apart
            citation = next(line for line in text.splitlines() if line.startswith("📄"))
            assert "/UBND-NV" in citation and "V/v" not in citation and len(citation) < 120
            assert "«" not in text
            assert "Xem nguồn" in buttons(api.calls_to("sendMessage", USER)[0])   # the full title is there

    run(scenario)


def test_reply_wording_labels_dates_and_numbers_task_lists() -> None:
    from bot.answering.extract_answer import Extraction
    from bot.answering.reply import date_text, parse_reply, reply_text

    assert date_text(DateMention("deadline", "2024-08-30", "trước ngày 30/8/2024")) == "30/08/2024"
    assert date_text(DateMention("period", "2027-03-31", "Quý I/2027")) == "31/03/2027 (Quý I/2027)"
    assert date_text(DateMention("deadline", "2024-08-30", "trước 17 giờ ngày 30/8/2024")).endswith(")")
    doc = dispatch_004()
    start = Clause(ordinal=3, path="3", headings=[], text="Kể từ ngày 01/7/2024, các xã mở sổ điện tử.",
                   dates=[DateMention("effective", "2024-07-01", "Kể từ ngày 01/7/2024")])
    reply = reply_text("when", Extraction("01/07/2024 (Kể từ ngày 01/7/2024)", 0.9), doc, start)
    assert reply.startswith("Bắt đầu từ: 01/07/2024\n")
    tasks = reply_text("what", Extraction("Rà soát hồ sơ | Báo cáo kết quả", 1.0, listed=True), doc, start)
    parts = parse_reply(tasks + "\n\nVăn bản khác: Phòng Nội vụ — Công văn 1/UBND")
    assert parts.lead == "Nhiệm vụ (2):\n1. Rà soát hồ sơ\n2. Báo cáo kết quả"
    assert parts.citation.startswith("Công văn /UBND-NV, Ủy ban nhân dân huyện Hương Sơn")
    assert parts.quote.startswith("Kể từ ngày") and parts.other == "Phòng Nội vụ — Công văn 1/UBND"


# --- 2. conversation ---------------------------------------------------------------------------------
def test_greetings_thanks_and_not_found_are_answered_kindly(api: FakeBotApi, config: AppConfig) -> None:
    answerer = FakeAnswerer()

    async def scenario() -> None:
        async with running(build(api, config, answerer=answerer)):
            for n, text in enumerate(("Xin chào", "Cảm ơn bạn nhiều!", "Giá vàng hôm nay?"), 1):
                api.send_text(USER, text)
                await api.wait_texts(USER, n)
            greeting, thanks, not_found = api.texts(USER)
            assert greeting == conversation.GREETING_REPLY and thanks == conversation.THANKS_REPLY
            shown_text, _ = shown(not_found)
            assert "/viec" in shown_text and "/deadlines" in shown_text and "/docs" in shown_text
            assert "reply_markup" not in api.calls_to("sendMessage", USER)[2]   # no unrelated source
            assert answerer.questions == ["Giá vàng hôm nay?"]
        all_valid(api)

    run(scenario)


def test_deadline_questions_in_words_get_the_deadline_list(api: FakeBotApi, config: AppConfig) -> None:
    answerer = FakeAnswerer()

    async def scenario() -> None:
        async with running(build(api, config, answerer=answerer, today=TODAY)):
            api.send_text(USER, "Sắp tới có những hạn nào?")
            upcoming, _ = shown((await api.wait_texts(USER))[0])
            assert "30/08/2024" in upcoming and "Còn 3 ngày" in upcoming and UNIT_XA in upcoming
            api.send_text(USER, "Phòng Nội vụ có hạn gì trong tháng 9?")
            september, _ = shown((await api.wait_texts(USER, 2))[1])
            assert "Phòng Nội vụ" in september and "10/09/2024" in september and "30/08/2024" not in september
            assert answerer.questions == []
        all_valid(api)

    run(scenario)


# --- 3. /viec and /deadlines -------------------------------------------------------------------------
def test_viec_lists_my_units_overdue_first_with_windows_and_pages(api: FakeBotApi, config: AppConfig) -> None:
    Store(config.db_path).save_document(busy_dispatch())

    async def scenario() -> None:
        async with running(build(api, config, today=TODAY)):
            api.send_text(USER, "/viec")
            assert "chưa đăng ký" in (await api.wait_texts(USER))[0]
            Subscriptions(Store(config.db_path).db).subscribe(USER, "Ủy ban nhân dân các xã, thị trấn huyện Hương Sơn",
                                                             "uy-ban-nhan-dan-cac-xa-thi-tran-huyen-huong-son")
            api.send_text(USER, "/viec")
            await api.wait_texts(USER, 2)
            first = api.calls_to("sendMessage", USER)[1]
            page1, _ = shown(first["text"])
            assert page1.index("Quá hạn 7 ngày") < page1.index("Còn 3 ngày") < page1.index("Còn 5 ngày")
            assert "trang 1/2" in page1 and "10/09/2024" not in page1   # Phòng Nội vụ's deadline: not mine
            assert "Kế hoạch 77/KH-UBND" in page1 and UNIT_XA in page1
            keys = buttons(first)
            assert {"7 ngày", "30 ngày", "Quý này", "• Tất cả", "Sau ▶"} <= set(keys)
            api.press(USER, keys["Sau ▶"])
            page2 = await api.wait_for(lambda: api.calls_to("editMessageText", USER))
            assert "trang 2/2" in page2[0]["text"] and "31/12/2024 (Quý IV/2024)" in page2[0]["text"]
            api.press(USER, keys["7 ngày"])
            week = await api.wait_for(lambda: api.calls_to("editMessageText", USER)[1:])
            assert "05/09/2024" not in week[0]["text"] and "03/09/2024" in week[0]["text"]
            assert "• 7 ngày" in buttons(week[0])
        all_valid(api)

    run(scenario)


def test_deadlines_for_any_unit_and_help_explains_both(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config, today=TODAY)):
            api.send_text(USER, f"/deadlines {UNIT_NOI_VU}")
            listing, _ = shown((await api.wait_texts(USER))[0])
            assert "Các hạn của Phòng Nội vụ" in listing and "10/09/2024" in listing and "Còn 14 ngày" in listing
            api.send_text(USER, "/help")
            help_text, _ = shown((await api.wait_texts(USER, 2))[1])
            assert "/viec" in help_text and "/deadlines" in help_text and "/remove" not in help_text
            api.send_text(ADMIN, "/help", user_id=ADMIN)
            assert "/remove" in (await api.wait_texts(ADMIN))[0]
        all_valid(api)

    run(scenario)


# --- 4. reminders with actions and task status -------------------------------------------------------
def test_reminder_buttons_done_stops_it_across_a_restart(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config, today=TODAY)) as app:
            api.send_text(USER, "/subscribe Uy ban nhan dan cac xa, thi tran")
            await api.wait_texts(USER)
            await catch_up_done(api, app)
            await run_daily_job(app)
            reminder = next(c for c in api.calls_to("sendMessage", USER) if "Nhắc hạn" in c["text"])
            text, _ = shown(reminder["text"])
            assert text.index("còn 3 ngày") < text.index("Báo cáo kết quả khắc phục") < text.index("Công văn /UBND-NV")
            assert "/unsubscribe" not in text
            keys = buttons(reminder)
            assert {"✅ Đã xong", "⏰ Nhắc lại sau", "📄 Xem nguồn", "🔕 Tắt nhắc đơn vị này"} == set(keys)
            api.press(USER, keys["📄 Xem nguồn"])
            assert "Nguồn chính" in (await api.wait_for(lambda: [t for t in api.texts(USER) if "Nguồn chính" in t]))[0]
            api.press(USER, keys["✅ Đã xong"])
            await api.wait_for(lambda: [t for t in api.texts(USER) if "Đã ghi nhận hoàn thành" in t])
        async with running(build(api, config, today=dt.date(2024, 8, 29))) as app:   # restart, 1 day left
            await catch_up_done(api, app)
            await run_daily_job(app)
            assert len([t for t in api.texts(USER) if "Nhắc hạn" in t]) == 1
            api.send_text(USER, "/viec")
            mine = await api.wait_for(lambda: [t for t in api.texts(USER) if "Việc của tôi" in t])
            assert "Đã hoàn thành" in mine[0]
        all_valid(api)

    run(scenario)
    rows = list(Store(config.db_path).db["task_completions"].rows)
    assert len(rows) == 1 and rows[0]["chat_id"] == USER and rows[0]["user_id"] == USER and rows[0]["done_at"]


def test_mute_stops_only_the_unit_the_reminder_came_through(api: FakeBotApi, config: AppConfig) -> None:
    subs = Subscriptions(Store(config.db_path).db)
    subs.subscribe(USER, UNIT_XA)
    subs.subscribe(USER, "Phòng Tư pháp")

    async def scenario() -> None:
        async with running(build(api, config, today=TODAY)) as app:
            await catch_up_done(api, app)
            reminder = next(c for c in api.calls_to("sendMessage", USER) if "Nhắc hạn" in c["text"])
            api.press(USER, buttons(reminder)["⏰ Nhắc lại sau"])
            await api.wait_for(lambda: [t for t in api.texts(USER) if "nhắc lại" in t])
            api.press(USER, buttons(reminder)["🔕 Tắt nhắc đơn vị này"])
            await api.wait_for(lambda: [t for t in api.texts(USER) if "Đã tắt nhắc" in t])
        async with running(build(api, config, today=dt.date(2024, 8, 28))) as app:
            await catch_up_done(api, app)
            assert len([t for t in api.texts(USER) if "Nhắc hạn" in t]) == 1   # the muted unit's: not again
        all_valid(api)

    run(scenario)
    assert [s.unit for s in subs.for_chat(USER)] == ["Phòng Tư pháp"]


def test_remind_later_resends_when_still_subscribed(api: FakeBotApi, config: AppConfig) -> None:
    Subscriptions(Store(config.db_path).db).subscribe(USER, UNIT_XA)

    async def scenario() -> None:
        async with running(build(api, config, today=TODAY)) as app:
            await catch_up_done(api, app)
            sent = await api.wait_for(lambda: [c for c in api.calls_to("sendMessage", USER) if "Nhắc hạn" in c["text"]])
            api.press(USER, buttons(sent[0])["⏰ Nhắc lại sau"])
            await api.wait_for(lambda: [t for t in api.texts(USER) if "nhắc lại" in t])
        async with running(build(api, config, today=dt.date(2024, 8, 28))) as app:
            await catch_up_done(api, app)
            # A loaded machine may deliver after the catch-up job ends: wait for it, then count.
            await api.wait_for(lambda: len(reminders_to(api, USER)) >= 2)
            again = reminders_to(api, USER)
            assert len(again) == 2 and "còn 2 ngày" in again[1]

    run(scenario)


# --- 5. confirmations, menus, admin views -------------------------------------------------------------
def test_unsubscribe_asks_which_and_remove_can_be_cancelled(api: FakeBotApi, config: AppConfig) -> None:
    subs = Subscriptions(Store(config.db_path).db)
    subs.subscribe(USER, UNIT_XA)
    subs.subscribe(USER, UNIT_NOI_VU)

    async def scenario() -> None:
        async with running(build(api, config)):
            api.send_text(USER, "/unsubscribe")
            await api.wait_texts(USER)
            choice = buttons(api.calls_to("sendMessage", USER)[0])
            assert {UNIT_XA, UNIT_NOI_VU, "Hủy tất cả đăng ký", "Không hủy"} <= set(choice)
            api.press(USER, choice[UNIT_NOI_VU])
            edited = await api.wait_for(lambda: api.calls_to("editMessageText", USER))
            assert "Đã hủy nhắc hạn cho: Phòng Nội vụ" in edited[0]["text"]
            api.send_text(ADMIN, "/remove /UBND-NV", user_id=ADMIN)
            await api.wait_texts(ADMIN)
            ask = api.calls_to("sendMessage", ADMIN)[0]
            assert "Gỡ văn bản này" in ask["text"] and "004_" not in ask["text"]
            api.press(ADMIN, buttons(ask)["Không"], user_id=ADMIN)
            cancelled = await api.wait_for(lambda: api.calls_to("editMessageText", ADMIN))
            assert "không có gì thay đổi" in cancelled[0]["text"]
            api.press(USER, buttons(ask)["🗑 Gỡ văn bản"])            # not an admin: refused
            await api.wait_for(lambda: [a for a in api.calls_to("answerCallbackQuery")
                                        if a.get("text") == render.ADMIN_ONLY])
        all_valid(api)

    run(scenario)
    assert [s.unit for s in subs.for_chat(USER)] == [UNIT_XA]
    assert len(Store(config.db_path).documents()) == 1


def test_command_menus_per_audience(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)):
            calls = api.calls_to("setMyCommands")
            everyone = [c for c in calls if "scope" not in c]
            admins = [c for c in calls if c.get("scope", {}).get("type") == "chat"]
            assert [c["command"] for c in everyone[0]["commands"]][0] == "viec"
            assert "docs" not in {c["command"] for c in everyone[0]["commands"]}
            assert admins[0]["scope"]["chat_id"] == ADMIN
            assert {"docs", "remove", "viec"} <= {c["command"] for c in admins[0]["commands"]}

    run(scenario)


def test_receipt_lists_deadlines_by_date_with_their_wording() -> None:
    doc = busy_dispatch()
    doc.clauses.reverse()
    receipt = "\n".join(render.document_messages(doc))
    lines = [line for line in shown(receipt)[0].splitlines() if line.startswith("• ")]
    assert lines[0].startswith("• 20/08/2024 —") and lines[-1].startswith("• 31/12/2024 (Quý IV/2024) —")
    assert "trước ngày" not in receipt


def test_which_messages_are_small_talk_or_deadline_lists() -> None:
    ask = conversation.deadline_ask
    assert ask("UBND xã Sơn Kim 1 có những hạn nào trong quý này?", dt.date(2024, 11, 3)) == conversation.DeadlineAsk(
        "UBND xã Sơn Kim 1", (dt.date(2024, 10, 1), dt.date(2024, 12, 31)))
    assert ask("Nhiệm vụ nào hết hạn trong tháng 12/2025?", TODAY).window == (dt.date(2025, 12, 1),
                                                                              dt.date(2025, 12, 31))
    for question in ("Hạn nộp báo cáo kết quả khắc phục là ngày nào?", "Còn hạn báo cáo?", "Xin chào"):
        assert ask(question, TODAY) is None, question
    assert conversation.small_talk("chao ban") == conversation.GREETING_REPLY
    assert conversation.small_talk("Chào cả nhà, ai phụ trách tuyên truyền?") is None
