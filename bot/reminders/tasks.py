"""A chat's tasks: the deadlines of its subscribed units (or of any unit) in a window, overdue first,
completed ones last; and finding a deadline again from a button's short token."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from bot.reminders.completions import Completions
from bot.reminders.schedule import REMINDER_KINDS, deadline_key, parse_day
from bot.reminders.subscriptions import Subscription, Subscriptions
from index.extract.units import unit_matches
from index.store.database import DeadlineRow, Store
from index.store.deadlines import upcoming
from index.store.registry import Registry

OVERDUE_LOOKBACK_DAYS = 30   # overdue work older than this is history, not today's list
WINDOWS = ("7", "30", "q", "all")


@dataclass(frozen=True)
class Window:
    """Which deadlines a list shows: key "7", "30", "q" (this quarter), "all" (from today on, page
    after page) or "c" (a period a question named); overdue ones are included from `start`."""

    key: str
    start: dt.date
    end: dt.date | None


def window(key: str, today: dt.date, custom: tuple[dt.date, dt.date] | None = None) -> Window:
    """The window a list button (or a question's period) stands for."""
    lookback = today - dt.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    if key == "c" and custom is not None:
        return Window("c", *custom)
    if key in ("7", "30"):
        return Window(key, lookback, today + dt.timedelta(days=int(key)))
    if key == "q":
        first = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        last = dt.date(first.year, first.month + 2, calendar.monthrange(first.year, first.month + 2)[1])
        return Window("q", min(first, lookback), last)
    return Window("all", lookback, None)


def _rows(store: Store, win: Window) -> list[DeadlineRow]:
    return [r for r in upcoming(store, win.start, win.end) if r.kind in REMINDER_KINDS]


def _ordered(rows: Sequence[DeadlineRow], done: set[str]) -> list[DeadlineRow]:
    """Open work by date (overdue first, as it is earliest), completed work last."""
    unique = list({deadline_key(r): r for r in rows}.values())
    return sorted(unique, key=lambda r: (deadline_key(r) in done, r.date, r.unit, r.task))


def chat_tasks(store: Store, chat_id: int, win: Window) -> tuple[list[DeadlineRow], list[Subscription], set[str]]:
    """(the deadlines of the chat's subscribed units in the window, its subscriptions, the keys it
    marked done), matched through the registry as reminders are (groups included)."""
    subs = Subscriptions(store.db).for_chat(chat_id)
    done = Completions(store.db).done(chat_id)
    if not subs:
        return [], subs, done
    registry = Registry.load(store.db)
    rows = [r for r in _rows(store, win) if any(s.matches(r, registry) for s in subs)]
    return _ordered(rows, done), subs, done


def unit_tasks(store: Store, chat_id: int, query: str, win: Window) -> tuple[list[DeadlineRow], set[str]]:
    """(the deadlines of the unit a name means, or of every unit for "", the keys the chat marked
    done): the units the registry finds under that name, else the name compared as written."""
    done = Completions(store.db).done(chat_id)
    rows = _rows(store, win)
    if query:
        registry = Registry.load(store.db)
        found = [u.id for u in registry.find(query)]
        rows = [r for r in rows if any(registry.concerns(u, r.unit_ids) for u in found)
                or unit_matches(query, r.unit)]
    return _ordered(rows, done), done


def days_left(row: DeadlineRow, today: dt.date) -> int:
    return (dt.date.fromisoformat(row.date) - today).days


def token(key: str) -> str:
    """A short stable token for a deadline key (callback data holds 64 bytes)."""
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def reminded_key(db: sqlite_utils.Database, chat_id: int, tok: str) -> str | None:
    """The deadline key behind a reminder button's token: one the chat was reminded of."""
    keys = db.execute("select distinct deadline_key from reminders_sent where chat_id = ?", [chat_id])
    return next((k for (k,) in keys if token(k) == tok), None)


def reminded_row(store: Store, chat_id: int, tok: str) -> DeadlineRow | None:
    """The deadline behind a reminder button's token, if the chat was reminded of it and the store
    still has it."""
    key = reminded_key(store.db, chat_id, tok)
    return find_row(store, key) if key else None


def find_row(store: Store, key: str) -> DeadlineRow | None:
    """The deadline a key names (its date is the key's last part), if the store still has it."""
    day = parse_day(key.rsplit("|", 1)[-1])
    if day is None:
        return None
    return next((r for r in upcoming(store, day, day) if deadline_key(r) == key), None)
