"""Issue 13, calendar and spreadsheet, end to end through the fake Bot API: "📅 Thêm vào lịch" sends an
.ics (RFC 5545) for one reminded deadline or for a whole /viec list, /export sends admins the .xlsx,
and `cchc deadlines --ics/--xlsx` writes both; every file is parsed back."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
import test_telegram
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from fakes_bot import UNIT_NOI_VU, UNIT_XA, dispatch_004
from icalendar import Calendar
from openpyxl import load_workbook
from test_officials_day import TODAY, all_valid, busy_dispatch, buttons, shown
from test_telegram import ADMIN, USER, admin_config, build, catch_up_done, run, running

from bot.cli import cli
from bot.reminders.completions import Completions
from bot.reminders.export import COLUMNS
from bot.reminders.schedule import deadline_key
from bot.reminders.subscriptions import Subscriptions
from bot.settings import AppConfig
from bot.telegram import render
from index.store.database import Store
from index.store.deadlines import upcoming

api = test_telegram.api
HEADER = ["TT", "Nội dung", "Đơn vị chủ trì", "Phối hợp", "Thời hạn", "Văn bản", "Trạng thái"]


@pytest.fixture
def config(tmp_path: Path) -> AppConfig:
    return admin_config(tmp_path, dispatch_004(), busy_dispatch())


def mark_done(config: AppConfig, day: str) -> None:
    """Record the deadline of `day` as done, as "✅ Đã xong" under a reminder does."""
    store = Store(config.db_path)
    row = next(r for r in upcoming(store, None, None) if r.date == day)
    Completions(store.db).complete(USER, deadline_key(row), row.unit, USER, "Cán bộ")


def events(data: bytes) -> list[Any]:
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def sheet_rows(data: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(data)).active
    return list(sheet.iter_rows(values_only=True))


def test_export_sends_admins_the_spreadsheet(api: FakeBotApi, config: AppConfig) -> None:
    mark_done(config, "2024-08-30")

    async def scenario() -> None:
        async with running(build(api, config, today=TODAY)):
            api.send_text(USER, "/export")
            assert (await api.wait_texts(USER))[0] == render.ADMIN_ONLY
            api.send_text(ADMIN, "/export", user_id=ADMIN)
            sent = (await api.wait_for(lambda: api.calls_to("sendDocument", ADMIN)))[0]
            assert sent["document"][:2] == b"PK" and "12 việc có thời hạn" in sent["caption"]
            rows = sheet_rows(sent["document"])
            api.send_text(ADMIN, f"/export {UNIT_NOI_VU}", user_id=ADMIN)
            mine = (await api.wait_for(lambda: api.calls_to("sendDocument", ADMIN)[1:]))[0]
            noi_vu = [(r[3], r[1]) for r in sheet_rows(mine["document"])[1:]]   # as lead or as support
            assert noi_vu == [(UNIT_NOI_VU, "Báo cáo kết quả khắc phục về Ủy ban nhân dân huyện (qua Phòng Nội vụ) "
                                            "trước ngày 30/8/2024"), (None, "Phòng Nội vụ tổng hợp báo cáo UBND huyện")]
            api.send_text(ADMIN, "/export Phòng Không Có", user_id=ADMIN)
            assert "Không có hạn nào để xuất cho «Phòng Không Có»" in (await api.wait_texts(ADMIN))[-1]
        header, *body = rows
        assert list(header) == HEADER and len(body) == 12
        assert [r[0] for r in body] == list(range(1, 13))
        report = next(r for r in body if r[4] == dt.datetime(2024, 8, 30))
        assert report[1].startswith("Báo cáo kết quả khắc phục")
        assert UNIT_XA in report[2] and report[3] == UNIT_NOI_VU and report[6] == "Đã hoàn thành"
        assert report[5] == "Công văn /UBND-NV, Ủy ban nhân dân huyện Hương Sơn, 2024, mục 1"
        statuses = {r[4].date().isoformat(): r[6] for r in body}
        assert statuses["2024-08-20"] == "Quá hạn" and statuses["2024-09-01"] == "Còn hạn"
        assert statuses["2024-12-31"] == "Còn hạn"                     # the Quý IV period
        all_valid(api)

    run(scenario)


def test_calendar_button_under_a_list_sends_its_open_deadlines(api: FakeBotApi, config: AppConfig) -> None:
    Subscriptions(Store(config.db_path).db).subscribe(USER, UNIT_XA)
    mark_done(config, "2024-09-03")

    async def scenario() -> None:
        async with running(build(api, config, today=TODAY)):
            api.send_text(USER, "/viec")
            await api.wait_texts(USER)
            keys = buttons(api.calls_to("sendMessage", USER)[0])
            api.press(USER, keys["📅 Thêm vào lịch"])
            sent = (await api.wait_for(lambda: api.calls_to("sendDocument", USER)))[0]
            api.press(USER, "ics:gone:all")
            await api.wait_for(lambda: [a for a in api.calls_to("answerCallbackQuery") if a.get("show_alert")])
        assert sent["caption"].startswith("📅 10 hạn công việc.") and "lịch" in sent["caption"]
        found = events(sent["document"])
        days = sorted(e.decoded("DTSTART") for e in found)
        assert len(found) == 10 and dt.date(2024, 9, 3) not in days          # done: not in the calendar
        assert days[0] == dt.date(2024, 8, 20) and days[-1] == dt.date(2024, 12, 31)
        assert len({str(e["UID"]) for e in found}) == 10
        first = next(e for e in found if e.decoded("DTSTART") == dt.date(2024, 8, 30))
        assert str(first["SUMMARY"]).startswith("Hạn: Báo cáo kết quả khắc phục")
        assert first.decoded("DTEND") == dt.date(2024, 8, 31)
        assert "Phối hợp: Phòng Nội vụ" in str(first["DESCRIPTION"])
        assert "Công văn /UBND-NV" in str(first["DESCRIPTION"])
        alarm = next(iter(first.walk("VALARM")))
        assert alarm.decoded("TRIGGER") == dt.timedelta(hours=-15)
        all_valid(api)

    run(scenario)


def test_calendar_button_under_a_reminders_source_sends_that_deadline(api: FakeBotApi, config: AppConfig) -> None:
    Store(config.db_path).delete_document("b5b5b5b5b5b5b5b5")
    Subscriptions(Store(config.db_path).db).subscribe(USER, UNIT_XA)

    async def scenario() -> None:
        async with running(build(api, config, today=TODAY)) as app:
            await catch_up_done(api, app)
            reminder = next(c for c in api.calls_to("sendMessage", USER) if "Nhắc hạn" in c["text"])
            api.press(USER, buttons(reminder)["📄 Xem nguồn"])
            source = (await api.wait_for(lambda: [c for c in api.calls_to("sendMessage", USER)
                                                  if "Nguồn chính" in c["text"]]))[0]
            assert "báo cáo kết quả khắc phục" in shown(source["text"])[0]
            api.press(USER, buttons(source)["📅 Thêm vào lịch"])
            sent = (await api.wait_for(lambda: api.calls_to("sendDocument", USER)))[0]
            api.press(USER, "rm:c:000000000000")
            await api.wait_for(lambda: [a for a in api.calls_to("answerCallbackQuery") if a.get("show_alert")])
        (event,) = events(sent["document"])
        assert event.decoded("DTSTART") == dt.date(2024, 8, 30) and sent["caption"].startswith("📅 1 hạn")
        assert "trước ngày 30/8/2024" in str(event["DESCRIPTION"])
        all_valid(api)

    run(scenario)


def test_cchc_deadlines_writes_ics_and_xlsx(config: AppConfig, tmp_path: Path) -> None:
    mark_done(config, "2024-08-30")
    ics, xlsx = tmp_path / "han.ics", tmp_path / "han.xlsx"
    args = ["deadlines", "--data", str(config.data_dir), "--unit", UNIT_XA, "--to", "2024-09-05"]
    result = CliRunner().invoke(cli, [*args, "--ics", str(ics), "--xlsx", str(xlsx)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"wrote 5 task(s) to {ics}", f"wrote 5 task(s) to {xlsx}"]
    assert sorted(e.decoded("DTSTART").isoformat() for e in events(ics.read_bytes())) == [
        "2024-08-20", "2024-08-30", "2024-09-01", "2024-09-03", "2024-09-05"]
    header, *body = sheet_rows(xlsx.read_bytes())
    assert list(header) == HEADER == [name for name, _ in COLUMNS]
    assert [(r[4].date().isoformat(), r[6]) for r in body][:2] == [("2024-08-20", "Quá hạn"),
                                                                  ("2024-08-30", "Đã hoàn thành")]
    bad = CliRunner().invoke(cli, [*args, "--xlsx", str(tmp_path / "missing" / "x.xlsx")])
    assert bad.exit_code != 0 and "cannot write" in bad.output
