"""Reminder logic: offset windows, catch-up after downtime, once-only, unit matching, `cchc remind`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_bot_api import TOKEN, FakeBotApi
from fakes_bot import UNIT_NOI_VU, UNIT_XA, dispatch_004

from bot.cli import cli
from bot.reminders.schedule import (
    OVERDUE,
    applicable_offset,
    claim_all,
    collect,
    deadline_key,
    due_reminders,
    release_all,
)
from bot.reminders.subscriptions import Subscription, Subscriptions
from index.config import Config
from index.store.database import DeadlineRow, Store

OFFSETS = (7, 3, 1, 0)
USER = 5001
ROOT = Path(__file__).resolve().parent.parent


def row(date: str, unit: str = UNIT_XA, kind: str = "deadline", task: str = "báo cáo") -> DeadlineRow:
    return DeadlineRow(date=date, kind=kind, unit=unit, task=task, doc="004.txt", number="/UBND-NV",
                       clause=f"mục {task}", text="trước ngày", doc_id="abc")


@pytest.mark.parametrize(("days_left", "expected"), [
    (10, None), (7, 7), (5, 7), (3, 3), (2, 3), (1, 1), (0, 0), (-1, OVERDUE), (-7, OVERDUE), (-8, None),
])
def test_applicable_offset_is_the_smallest_window_entered(days_left: int, expected: int | None) -> None:
    assert applicable_offset(days_left, OFFSETS) == expected


def test_each_offset_sent_once_and_catch_up_sends_one_message() -> None:
    subs = [Subscription(1, "")]
    deadline = row("2024-08-30")
    key = (1, deadline_key(deadline))
    sent: dict[tuple[int, str], set[int]] = {}
    due = due_reminders([deadline], subs, sent, dt.date(2024, 8, 23), OFFSETS)
    assert [(r.offset, r.days_left) for r in due] == [(7, 7)]
    sent[key] = {7}
    assert due_reminders([deadline], subs, sent, dt.date(2024, 8, 24), OFFSETS) == []
    # down from 24/8 to 29/8: one reminder (offset 1), not one per missed offset
    due = due_reminders([deadline], subs, sent, dt.date(2024, 8, 29), OFFSETS)
    assert [(r.offset, r.days_left) for r in due] == [(1, 1)]
    sent[key] |= {1}
    assert [r.offset for r in due_reminders([deadline], subs, sent, dt.date(2024, 8, 30), OFFSETS)] == [0]
    sent[key] |= {0}
    assert [r.offset for r in due_reminders([deadline], subs, sent, dt.date(2024, 9, 2), OFFSETS)] == [OVERDUE]
    sent[key] |= {OVERDUE}
    assert due_reminders([deadline], subs, sent, dt.date(2024, 9, 3), OFFSETS) == []


def test_units_match_accent_insensitively_and_kinds_are_filtered() -> None:
    rows = [row("2024-08-30"), row("2024-08-30", unit=UNIT_NOI_VU, task="tổng hợp"),
            row("2024-08-30", kind="effective", task="hiệu lực"), row("2024-08", task="partial")]
    subs = [Subscription(1, "uy ban nhan dan cac xa, thi tran"), Subscription(2, ""),
            Subscription(3, "Phòng Tài chính")]
    due = due_reminders(rows, subs, {}, dt.date(2024, 8, 27), OFFSETS)
    assert [(r.chat_id, r.row.task, r.offset) for r in due] == [
        (1, "báo cáo", 3), (2, "tổng hợp", 3), (2, "báo cáo", 3)]


def test_a_chat_with_two_matching_subscriptions_gets_one_reminder() -> None:
    subs = [Subscription(1, ""), Subscription(1, UNIT_XA)]
    assert len(due_reminders([row("2024-08-30")], subs, {}, dt.date(2024, 8, 30), OFFSETS)) == 1


@pytest.fixture
def config(tmp_path: Path) -> Config:
    cfg = Config(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data")
    Store(cfg.db_path).save_document(dispatch_004())
    return cfg


def test_subscriptions_schema_is_idempotent_and_claims_are_exclusive(config: Config) -> None:
    Store(config.db_path)
    store = Store(config.db_path)            # opening again migrates nothing twice
    subs = Subscriptions(store.db)
    assert subs.subscribe(5, UNIT_XA) is True
    assert subs.subscribe(5, UNIT_XA) is False
    assert subs.claim(5, "k", 7) is True
    assert subs.claim(5, "k", 7) is False
    subs.release(5, "k", 7)
    assert subs.sent_offsets(5, "k") == set()
    subs.deactivate(5)
    assert subs.active() == []
    assert subs.subscribe(5, UNIT_XA) is True  # resubscribing reactivates
    assert subs.unsubscribe(5) == 1


def test_collect_claim_release_over_the_store(config: Config) -> None:
    store = Store(config.db_path)
    subs = Subscriptions(store.db)
    subs.subscribe(7, UNIT_XA)
    due = collect(store, subs, dt.date(2024, 8, 23), OFFSETS)
    assert [(r.row.date, r.offset) for r in due] == [("2024-08-30", 7)]
    assert claim_all(subs, due) == due
    assert claim_all(subs, due) == []
    assert collect(store, subs, dt.date(2024, 8, 23), OFFSETS) == []
    release_all(subs, due)
    assert collect(store, subs, dt.date(2024, 8, 23), OFFSETS) == due


def _write_config(tmp_path: Path, config: Config) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[paths]\ncorpus = "{config.corpus_dir}"\ndata = "{config.data_dir}"\n', encoding="utf-8")
    return path


def test_remind_dry_run_prints_one_line_per_reminder(config: Config, tmp_path: Path) -> None:
    store = Store(config.db_path)
    Subscriptions(store.db).subscribe(111, "")
    Subscriptions(store.db).subscribe(222, UNIT_NOI_VU)
    runner = CliRunner()
    args = ["--config", str(_write_config(tmp_path, config)), "remind", "--dry-run", "--today", "2024-09-03"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["111", "30/08/2024", UNIT_XA], ["111", "10/09/2024", UNIT_NOI_VU], ["222", "10/09/2024", UNIT_NOI_VU]]
    assert lines[0].split("\t")[3].startswith("Báo cáo kết quả khắc phục về Ủy ban nhân dân huyện")
    # a dry run records nothing
    assert runner.invoke(cli, args).stdout.splitlines() == lines


def test_remind_without_token_is_a_one_line_error(config: Config, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["--config", str(_write_config(tmp_path, config)), "remind"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: TELEGRAM_BOT_TOKEN is not set: export the token that @BotFather gave you."]


def test_remind_sends_once_through_the_bot_api(config: Config, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    Subscriptions(Store(config.db_path).db).subscribe(USER, UNIT_XA)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    with FakeBotApi() as api:
        args = ["--config", str(_write_config(tmp_path, config)), "remind", "--today", "2024-08-30",
                "--base-url", api.base_url]
        for _ in range(2):
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, result.output
    texts = [t for t in api.texts(USER) if "Nhắc hạn" in t]
    assert len(texts) == 1 and "hạn là hôm nay" in texts[0]


def test_remind_dry_run_over_the_parsed_seed_corpus(tmp_path: Path) -> None:
    from index.pipeline import parse_file

    config = Config(corpus_dir=ROOT / "corpus", data_dir=tmp_path / "data")
    store = Store(config.db_path)
    for path in sorted(config.corpus_dir.iterdir()):
        store.save_document(parse_file(path))
    Subscriptions(store.db).subscribe(USER, "UBND các xã, thị trấn")
    args = ["--config", str(_write_config(tmp_path, config)), "remind", "--dry-run", "--today", "2024-08-23"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    fields = [line.split("\t") for line in result.stdout.splitlines()]
    assert [f[:3] for f in fields] == [[str(USER), "30/08/2024", UNIT_XA]]
    assert "khắc phục" in fields[0][3]


def test_remind_waits_out_a_flood_limit_instead_of_dropping_the_reminder(
        config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Subscriptions(Store(config.db_path).db).subscribe(USER, UNIT_XA)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    with FakeBotApi() as api:
        api.flood("sendMessage", retry_after=1)
        args = ["--config", str(_write_config(tmp_path, config)), "remind", "--today", "2024-08-30",
                "--base-url", api.base_url]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
    assert "sent 1 reminder(s), 0 failed" in result.output
    assert len(api.delivered(USER)) == 1 and "Nhắc hạn" in api.delivered(USER)[0]
