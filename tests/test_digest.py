"""Issue 13, the weekly digest, end to end through the fake Bot API: on its day ([digest] day and time)
each subscribed chat gets this week's deadlines of its units, the overdue ones and the documents
added in the past week, exactly once a week (recorded in SQLite), also across restarts; a missed one
is caught up at the next start, a stale one never."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
import test_telegram
from fake_bot_api import FakeBotApi
from fakes_bot import UNIT_XA, dispatch_004
from telegram.ext import Application
from test_officials_day import TODAY, all_valid, busy_dispatch, shown
from test_telegram import ADMIN, GROUP, USER, build, run, running

from bot.reminders.digest import due_week, sent_weeks, week_start
from bot.reminders.subscriptions import Subscriptions
from bot.settings import AppConfig, BotConfig, DigestConfig, load_app_config
from bot.telegram.app import DIGEST_CATCH_UP_JOB, DIGEST_JOB
from index.errors import ConfigError
from index.store.database import Store

api = test_telegram.api
TUESDAY = TODAY                  # 27/08/2024


@pytest.fixture
def config(tmp_path: Path) -> AppConfig:
    (tmp_path / "corpus").mkdir()
    cfg = AppConfig(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data", bot=BotConfig(admins=(ADMIN,)),
                    digest=DigestConfig(day="tuesday", time="00:00", enabled=True))
    store = Store(cfg.db_path)
    store.save_document(dispatch_004())
    store.save_document(busy_dispatch())
    store.db.execute("update documents set indexed_at = '2024-01-05T09:00:00' where number = '/UBND-NV'")
    store.db.execute("update documents set indexed_at = '2024-08-23T15:00:00' where number = '77/KH-UBND'")
    store.db.conn.commit()
    subs = Subscriptions(store.db)
    subs.subscribe(USER, UNIT_XA)
    subs.subscribe(GROUP, "")
    return cfg


async def started(api: FakeBotApi, app: Application) -> None:
    """Wait for the start-up digest run to be over."""
    await api.wait_for(lambda: not app.job_queue.get_jobs_by_name(DIGEST_CATCH_UP_JOB), timeout=5)
    await asyncio.sleep(0.2)        # the job left the queue: let it take the lock it sends under
    await api.wait_for(lambda: not app.bot_data["services"].reminder_lock.locked(), timeout=5)


def digests(api: FakeBotApi, chat_id: int) -> list[str]:
    return [t for t in api.texts(chat_id) if "Bản tin tuần" in t]


def test_digest_on_its_day_once_per_week_across_restarts(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config, today=TUESDAY)) as app:
            await started(api, app)                       # its day, its time passed: sent at start-up
            job = app.job_queue.get_jobs_by_name(DIGEST_JOB)[0]
            assert "day_of_week='tue'" in str(job.trigger) and "hour='0'" in str(job.trigger)
            await job.run(app)                            # the scheduled run the same day: not again
        async with running(build(api, config, today=TUESDAY + dt.timedelta(days=1))) as app:
            await started(api, app)                       # restarted the next day: not again
        assert len(digests(api, USER)) == 1 and len(digests(api, GROUP)) == 1
        async with running(build(api, config, today=TUESDAY + dt.timedelta(days=7))) as app:
            await started(api, app)
            await app.job_queue.get_jobs_by_name(DIGEST_JOB)[0].run(app)
        assert len(digests(api, USER)) == 2 and len(digests(api, GROUP)) == 2
        all_valid(api)

    run(scenario)
    assert sent_weeks(Subscriptions(Store(config.db_path).db), USER) == ["2024-08-27", "2024-09-03"]


def test_digest_lists_this_weeks_deadlines_overdue_ones_and_new_documents(api: FakeBotApi, config: AppConfig) -> None:
    async def scenario() -> None:
        async with running(build(api, config, today=TUESDAY)) as app:
            await started(api, app)
        text, _ = shown(digests(api, USER)[0])
        assert text.startswith("📰 Bản tin tuần 27/08 – 02/09/2024\nĐơn vị theo dõi: " + UNIT_XA)
        overdue, week = text.index("🔴 Việc quá hạn (1)"), text.index("📅 Hạn trong tuần (2)")
        new = text.index("📄 Văn bản mới nạp trong tuần qua (1)")
        assert overdue < text.index("20/08/2024 (quá hạn 7 ngày)") < week
        assert week < text.index("30/08/2024 (còn 3 ngày)") < text.index("01/09/2024 (còn 5 ngày)") < new
        assert "03/09/2024" not in text and "10/09/2024" not in text      # next week; another unit
        assert "Kế hoạch 77/KH-UBND" in text[new:] and "/UBND-NV" not in text[new:]   # added in January
        everything, _ = shown(digests(api, GROUP)[0])
        assert "Hạn trong tuần (2)" in everything and "Đơn vị theo dõi: tất cả đơn vị" in everything
        all_valid(api)

    run(scenario)


def test_a_missed_digest_is_caught_up_but_never_a_stale_one(api: FakeBotApi, config: AppConfig) -> None:
    late = replace(config, digest=DigestConfig(day="sunday", time="08:00", enabled=True))       # two days late: sent
    stale = replace(config, digest=DigestConfig(day="saturday", time="08:00", enabled=True))    # three days: skipped

    async def scenario() -> None:
        async with running(build(api, stale, today=TUESDAY)) as app:
            await started(api, app)
        assert not digests(api, USER)
        async with running(build(api, late, today=TUESDAY)) as app:
            await started(api, app)
        assert len(digests(api, USER)) == 1 and "Bản tin tuần 25/08 – 31/08/2024" in digests(api, USER)[0]

    run(scenario)


def test_a_digest_that_could_not_be_sent_is_sent_at_the_next_run(api: FakeBotApi, config: AppConfig) -> None:
    api.missing.add(USER)

    async def scenario() -> None:
        async with running(build(api, config, today=TUESDAY)) as app:
            await started(api, app)
            assert not api.delivered(USER) and len(digests(api, GROUP)) == 1
            api.missing.clear()
            await app.job_queue.get_jobs_by_name(DIGEST_JOB)[0].run(app)
        assert len(api.delivered(USER)) == 1 and len(digests(api, GROUP)) == 1

    run(scenario)


def test_digest_week_and_config() -> None:
    monday = DigestConfig()
    assert (monday.weekday, monday.at) == (0, dt.time(8, 0))
    assert week_start(TUESDAY, 0) == dt.date(2024, 8, 26) and week_start(TUESDAY, 1) == TUESDAY
    assert due_week(monday, TUESDAY, dt.time(6, 0), scheduled=False) == dt.date(2024, 8, 26)
    assert due_week(DigestConfig(day="tuesday"), TUESDAY, dt.time(7, 59), scheduled=False) is None
    assert due_week(DigestConfig(day="tuesday"), TUESDAY, dt.time(7, 59), scheduled=True) == TUESDAY
    for bad in ({"day": "thu2"}, {"time": "25:00"}, {"time": "8h"}):
        with pytest.raises(ConfigError):
            DigestConfig(**bad)


def test_digest_section_is_read_from_config_toml(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[digest]\nday = "Friday"\ntime = "16:30"\nenabled = true\n', encoding="utf-8")
    assert load_app_config(path).digest == DigestConfig(day="Friday", time="16:30", enabled=True)
    assert load_app_config(path).digest.weekday == 4
    path.write_text("[time]\n", encoding="utf-8")
    assert not load_app_config(path).digest.enabled                 # left out: no digest
    path.write_text('[digest]\nhour = 5\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown keys"):
        load_app_config(path)
