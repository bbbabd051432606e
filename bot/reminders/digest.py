"""The weekly digest ([digest] in config.toml): to every subscribed chat, this week's deadlines of its
units, the overdue ones and the documents added in the past week. Each (chat, week) is claimed in
SQLite (`digests_sent`) before sending and released when sending fails, so a chat gets it exactly
once a week, also across restarts; a digest missed while the bot was down is sent at its next start
up to CATCH_UP_DAYS days late, never a stale one."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass, field

import sqlite_utils
from telegram import Bot

from bot.reminders.delivery import send_safely
from bot.reminders.rows import insert_once, stamp
from bot.reminders.schedule import deadline_key
from bot.reminders.subscriptions import Subscription, Subscriptions, open_db
from bot.reminders.tasks import OVERDUE_LOOKBACK_DAYS, Window, chat_tasks
from bot.settings import DigestConfig
from index.config import Config
from index.store.database import DeadlineRow, Store
from index.store.models import Document

log = logging.getLogger(__name__)

WEEK_DAYS = 7
CATCH_UP_DAYS = 2


@dataclass(frozen=True)
class Digest:
    """One chat's digest for the week starting `week` (the digest day)."""

    chat_id: int
    week: dt.date
    today: dt.date
    subscriptions: list[Subscription] = field(default_factory=list)
    this_week: list[DeadlineRow] = field(default_factory=list)
    overdue: list[DeadlineRow] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    done: int = 0

    @property
    def week_end(self) -> dt.date:
        return self.week + dt.timedelta(days=WEEK_DAYS - 1)


def week_start(today: dt.date, weekday: int) -> dt.date:
    """The latest digest day on or before today."""
    return today - dt.timedelta(days=(today.weekday() - weekday) % WEEK_DAYS)


def due_week(config: DigestConfig, today: dt.date, now: dt.time, scheduled: bool) -> dt.date | None:
    """The week whose digest is due now: the scheduled run's always; at start-up, this week's once
    its time has passed, at most CATCH_UP_DAYS days late."""
    week = week_start(today, config.weekday)
    if scheduled:
        return week
    if (today - week).days > CATCH_UP_DAYS or (today == week and now < config.at):
        return None
    return week


def claim(db: sqlite_utils.Database, chat_id: int, week: dt.date) -> bool:
    """Record the week's digest as sent to a chat; False when it already was."""
    return insert_once(db, "digests_sent", {"chat_id": chat_id, "week": week.isoformat(), "sent_at": stamp()})


def release(db: sqlite_utils.Database, chat_id: int, week: dt.date) -> None:
    """Forget a claim whose digest could not be delivered, so a later run retries it."""
    with db.conn:
        db.execute("delete from digests_sent where chat_id = ? and week = ?", [chat_id, week.isoformat()])


def new_documents(store: Store, today: dt.date) -> list[Document]:
    """Documents indexed in the past week, newest first."""
    since = (today - dt.timedelta(days=WEEK_DAYS)).isoformat()
    found = [d for d in store.documents() if since <= d.indexed_at[:10] <= today.isoformat()]
    return sorted(found, key=lambda d: d.indexed_at, reverse=True)


def chat_digest(store: Store, chat_id: int, week: dt.date, today: dt.date,
                documents: list[Document]) -> Digest:
    """What one chat's digest says."""
    end = week + dt.timedelta(days=WEEK_DAYS - 1)
    win = Window("c", today - dt.timedelta(days=OVERDUE_LOOKBACK_DAYS), max(end, today))
    rows, subs, done = chat_tasks(store, chat_id, win)
    open_rows = [r for r in rows if deadline_key(r) not in done]
    overdue = [r for r in open_rows if r.date < today.isoformat()]
    this_week = [r for r in open_rows if today.isoformat() <= r.date <= end.isoformat()]
    finished = sum(1 for r in rows if deadline_key(r) in done)
    return Digest(chat_id, week, today, subs, this_week, overdue, documents, finished)


def claim_digests(config: Config, week: dt.date, today: dt.date) -> list[Digest]:
    """The digests of every subscribed chat not yet sent this week, claimed for sending."""
    with open_db(config) as (store, subs):
        chats = list(dict.fromkeys(s.chat_id for s in subs.active()))
        claimed = [c for c in chats if claim(subs.db, c, week)]
        documents = new_documents(store, today) if claimed else []
        return [chat_digest(store, c, week, today, documents) for c in claimed]


def _release(config: Config, digests: list[Digest]) -> None:
    with open_db(config) as (_, subs):
        for digest in digests:
            release(subs.db, digest.chat_id, digest.week)


async def deliver_digests(bot: Bot, config: Config, week: dt.date, today: dt.date) -> int:
    """Send the week's digest to each chat that has not had it; return how many were delivered."""
    from bot.telegram.views.digest import digest_messages

    digests = await asyncio.to_thread(claim_digests, config, week, today)
    pending, sent = list(digests), 0
    try:
        for digest in digests:
            delivered = await send_safely(bot, config, digest.chat_id, digest_messages(digest))
            pending.remove(digest)
            if delivered:
                sent += 1
            else:
                await asyncio.to_thread(_release, config, [digest])
    finally:
        if pending:   # interrupted: the next run sends what this one could not
            await asyncio.to_thread(_release, config, pending)
    return sent


def sent_weeks(subs: Subscriptions, chat_id: int) -> list[str]:
    """The weeks whose digest a chat was sent (for tests and support)."""
    return [r[0] for r in subs.db.execute("select week from digests_sent where chat_id = ? order by week",
                                          [chat_id])]
