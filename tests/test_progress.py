"""Issue 13, the rest of it for leaders and admins, end to end through the fake Bot API: /tiendo counts
tasks done (✅ under a reminder), pending and overdue per document and per unit, as `cchc progress`
does; /remove with several matches offers them as buttons; groups get their own command menu; and
/mysubs states when the reminders come. Every HTML message is parsed as Telegram would."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
import test_telegram
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from fakes_bot import UNIT_NOI_VU, UNIT_XA, dispatch_004
from test_officials_day import TODAY, all_valid, busy_dispatch, buttons, shown
from test_telegram import ADMIN, USER, admin_config, build, catch_up_done, run, running

from bot.cli import cli
from bot.reminders.progress import progress
from bot.reminders.subscriptions import Subscriptions
from bot.settings import AppConfig, DigestConfig
from bot.telegram import render
from index.store.database import Store

api = test_telegram.api


@pytest.fixture
def config(tmp_path: Path) -> AppConfig:
    return admin_config(tmp_path, dispatch_004(), busy_dispatch())


async def _mark_second_done(api: FakeBotApi) -> None:
    """Press "2. ✅ Đã xong" under the reminder: the 30/08 deadline of dispatch 004."""
    reminder = next(c for c in api.calls_to("sendMessage", USER) if "Nhắc hạn" in c["text"])
    text, _ = shown(reminder["text"])
    assert text.index("20/08/2024") < text.index("30/08/2024")      # 1. overdue, 2. in 3 days
    api.press(USER, buttons(reminder)["2. ✅ Đã xong"])
    await api.wait_for(lambda: [t for t in api.texts(USER) if "Đã ghi nhận hoàn thành" in t])


def test_tiendo_counts_done_pending_overdue_per_document_and_unit(api: FakeBotApi, config: AppConfig) -> None:
    Subscriptions(Store(config.db_path).db).subscribe(USER, UNIT_XA)

    async def scenario() -> None:
        async with running(build(api, config, today=TODAY)) as app:
            await catch_up_done(api, app)
            await _mark_second_done(api)
            api.send_text(USER, "/tiendo")
            await api.wait_for(lambda: render.ADMIN_ONLY in api.texts(USER))
            api.send_text(ADMIN, "/tiendo", user_id=ADMIN)
            report, _ = shown((await api.wait_texts(ADMIN))[0])
        all_valid(api)
        assert "Tổng: 12 việc có thời hạn · đã xong 1 (8%) · còn hạn 10 · quá hạn 1" in report
        lines = report.splitlines()
        by_doc, by_unit = lines.index("📄 Theo văn bản"), lines.index("👥 Theo đơn vị chủ trì")
        plan = next(i for i, line in enumerate(lines) if "Kế hoạch 77/KH-UBND" in line)
        letter = next(i for i, line in enumerate(lines) if "Công văn /UBND-NV" in line)
        assert by_doc < plan < letter < by_unit            # the document with overdue work first
        assert lines[plan + 2].strip() == "✅ 0 · ⏳ 9 · 🔴 1"
        assert lines[letter + 2].strip() == "✅ 1 · ⏳ 1 · 🔴 0"
        units = lines[by_unit:]
        commune = next(i for i, line in enumerate(units) if UNIT_XA in line)
        noi_vu = next(i for i, line in enumerate(units) if UNIT_NOI_VU in line)
        assert units[commune + 1].strip() == "✅ 1 · ⏳ 9 · 🔴 1" and units[noi_vu + 1].strip() == "✅ 0 · ⏳ 1 · 🔴 0"

    run(scenario)
    done = CliRunner().invoke(cli, ["progress", "--json", "--today", "2024-08-27", "--data", str(config.data_dir)])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["total"] == {"name": "Tất cả", "detail": "", "done": 1, "pending": 10, "overdue": 1, "total": 12}
    assert [d["name"].split(",")[0] for d in data["documents"]] == ["Kế hoạch 77/KH-UBND", "Công văn /UBND-NV"]
    assert data == progress(Store(config.db_path), TODAY).to_json()
    text = CliRunner().invoke(cli, ["progress", "--today", "2024-08-27", "--data", str(config.data_dir)]).output
    assert text.startswith("Progress on 27/08/2024: 12 task(s), 1 done, 10 pending, 1 overdue")
    assert "By document" in text and "By unit" in text


def test_progress_on_an_empty_store_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["progress", "--data", str(tmp_path)])
    assert result.exit_code == 0 and "No dated tasks" in result.output


def test_remove_with_several_matches_offers_them_as_buttons(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)):
            api.send_text(ADMIN, "/remove UBND", user_id=ADMIN)
            await api.wait_texts(ADMIN)
            ask = api.calls_to("sendMessage", ADMIN)[0]
            assert "Có 2 văn bản khớp với «UBND»" in shown(ask["text"])[0]
            choice = buttons(ask)
            plan = next(label for label in choice if label.startswith("Kế hoạch 77/KH-UBND"))
            assert set(choice) == {plan, next(k for k in choice if k.startswith("Công văn")), "Không gỡ"}
            api.press(USER, choice[plan])                           # not an admin: refused
            await api.wait_for(lambda: [a for a in api.calls_to("answerCallbackQuery")
                                        if a.get("text") == render.ADMIN_ONLY])
            api.press(ADMIN, choice[plan], user_id=ADMIN)
            confirm = (await api.wait_for(lambda: api.calls_to("editMessageText", ADMIN)))[0]
            assert "Gỡ văn bản này" in confirm["text"] and "77/KH-UBND" in confirm["text"]
            assert set(buttons(confirm)) == {"🗑 Gỡ văn bản", "Không"}    # removing is test_telegram's
            api.press(ADMIN, buttons(confirm)["Không"], user_id=ADMIN)
            cancelled = await api.wait_for(lambda: api.calls_to("editMessageText", ADMIN)[1:])
            assert "không có gì thay đổi" in cancelled[0]["text"]
            api.send_text(ADMIN, "/remove khong-co-van-ban-nay", user_id=ADMIN)
            assert "Không tìm thấy văn bản nào" in (await api.wait_texts(ADMIN, 2))[1]
        all_valid(api)

    run(scenario)
    assert len(Store(config.db_path).documents()) == 2


def test_groups_get_their_own_menu_and_admins_the_leaders_commands(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config)):
            calls = api.calls_to("setMyCommands")
            groups = [c for c in calls if c.get("scope", {}).get("type") == "all_group_chats"]
            admins = [c for c in calls if c.get("scope", {}).get("type") == "chat"]
            everyone = [c for c in calls if "scope" not in c]
            group_menu = [c["command"] for c in groups[0]["commands"]]
            assert group_menu[0] == "ask" and {"viec", "subscribe", "help"} <= set(group_menu)
            assert not {"docs", "remove", "tiendo", "export", "start"} & set(group_menu)
            assert {"tiendo", "export"} <= {c["command"] for c in admins[0]["commands"]}
            assert not {"tiendo", "export"} & {c["command"] for c in everyone[0]["commands"]}

    run(scenario)


def test_mysubs_states_when_reminders_and_the_digest_come(api: FakeBotApi, config: AppConfig) -> None:
    Subscriptions(Store(config.db_path).db).subscribe(USER, UNIT_XA)
    weekly = replace(config, digest=DigestConfig(enabled=True))

    async def scenario() -> None:
        async with running(build(api, config)):
            api.send_text(USER, "/mysubs")
            assert "Bản tin tuần" not in (await api.wait_texts(USER))[-1]     # no digest configured
        async with running(build(api, weekly, today=dt.date(2024, 8, 25))):
            api.send_text(USER, "/mysubs")
            text, _ = shown((await api.wait_texts(USER, 2))[-1])
            assert UNIT_XA in text
            assert ("Nhắc hạn lúc 07:30 mỗi ngày (giờ Việt Nam): trước hạn 7, 3, 1 ngày, đúng ngày hạn, "
                    "khi quá hạn.") in text
            assert "Bản tin tuần: thứ Hai lúc 08:00." in text
        all_valid(api)

    run(scenario)
