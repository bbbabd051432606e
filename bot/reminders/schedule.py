"""Which deadline reminders are due on a given day. Pure logic, shared by the bot job and `cchc remind`.

Offset window: a reminder for offset o (days before the deadline) is due once days_left <= o, but
only the smallest applicable offset is sent, so a run caught up after downtime sends one message
rather than one per missed offset. Offset -1 is the single "overdue" notice, sent at most
OVERDUE_GRACE_DAYS days after the deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bot.reminders.completions import Completions
from bot.reminders.subscriptions import Subscription, Subscriptions
from index.store.database import DeadlineRow, Store
from index.store.deadlines import upcoming
from index.store.registry import Registry

OVERDUE = -1
OVERDUE_GRACE_DAYS = 7
REMINDER_KINDS = ("deadline", "period", "recurring")  # not "effective": nothing is due then


@dataclass(frozen=True)
class Reminder:
    """One reminder to send: a deadline, the chat it goes to, and the offset it fulfils."""

    chat_id: int
    offset: int
    days_left: int
    row: DeadlineRow
    via: str = ""            # the subscription's unit it reached the chat through ("" = all units)

    @property
    def key(self) -> str:
        return deadline_key(self.row)

    def line(self) -> str:
        """The `cchc remind --dry-run` line: chat id, deadline dd/mm/yyyy, unit, task."""
        day = dt.date.fromisoformat(self.row.date)
        return f"{self.chat_id}\t{day:%d/%m/%Y}\t{self.row.unit or '-'}\t{self.row.task}"


def deadline_key(row: DeadlineRow) -> str:
    """A key that survives re-indexing: document content hash, clause path, kind and date."""
    return f"{row.doc_id or row.doc}|{row.clause}|{row.kind}|{row.date}"


def parse_day(value: str) -> dt.date | None:
    """A full ISO date, or None for partial ones ("2024-08", "2024")."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def applicable_offset(days_left: int, offsets: Iterable[int]) -> int | None:
    """The smallest configured offset the deadline has entered, OVERDUE when past, else None."""
    if days_left < 0:
        return OVERDUE if days_left >= -OVERDUE_GRACE_DAYS else None
    fitting = [o for o in offsets if o >= 0 and days_left <= o]
    return min(fitting) if fitting else None


def is_due(offset: int, sent: set[int]) -> bool:
    """Due unless this offset, or a more urgent one, was already sent."""
    return not any(s <= offset for s in sent)


def due_reminders(
    rows: Iterable[DeadlineRow],
    subscriptions: Iterable[Subscription],
    sent: dict[tuple[int, str], set[int]],
    today: dt.date,
    offsets: Iterable[int],
    registry: Registry | None = None,
    done: set[tuple[int, str]] | None = None,
) -> list[Reminder]:
    """Reminders due today for each subscription, at most one per (chat, deadline); none for a
    deadline the chat marked done."""
    offsets = tuple(offsets)
    registry = registry or Registry([])
    done = done or set()
    candidates: list[tuple[DeadlineRow, int, int]] = []
    for row in rows:
        day = parse_day(row.date)
        if row.kind not in REMINDER_KINDS or day is None:
            continue
        days_left = (day - today).days
        offset = applicable_offset(days_left, offsets)
        if offset is not None:
            candidates.append((row, days_left, offset))
    due: dict[tuple[int, str], Reminder] = {}
    for sub in subscriptions:
        for row, days_left, offset in candidates:
            key = (sub.chat_id, deadline_key(row))
            if key in due or key in done or not sub.matches(row, registry) or not is_due(offset, sent.get(key, set())):
                continue
            due[key] = Reminder(sub.chat_id, offset, days_left, row, sub.unit)
    return sorted(due.values(), key=lambda r: (r.chat_id, r.row.date, r.row.unit, r.row.task))


def window(today: dt.date, offsets: Iterable[int]) -> tuple[dt.date, dt.date]:
    """The date range whose deadlines may need a reminder today."""
    ahead = max([o for o in offsets if o >= 0], default=0)
    return today - dt.timedelta(days=OVERDUE_GRACE_DAYS), today + dt.timedelta(days=ahead)


def collect(
    store: Store,
    subs: Subscriptions,
    today: dt.date,
    offsets: Iterable[int],
) -> list[Reminder]:
    """Every reminder due today, read from the store and the sent log."""
    offsets = tuple(offsets)
    start, end = window(today, offsets)
    rows = upcoming(store, start, end)
    done = Completions(subs.db).all_done()
    return due_reminders(rows, subs.active(), subs.sent_log(), today, offsets, Registry.load(store.db), done)


def group_by_chat(reminders: Iterable[Reminder]) -> dict[int, list[Reminder]]:
    """Reminders per chat, keeping their order: each chat gets one message."""
    grouped: dict[int, list[Reminder]] = {}
    for reminder in reminders:
        grouped.setdefault(reminder.chat_id, []).append(reminder)
    return grouped


def claim_all(subs: Subscriptions, reminders: Iterable[Reminder]) -> list[Reminder]:
    """Record reminders as sent before sending; return those not already claimed elsewhere."""
    return [r for r in reminders if subs.claim(r.chat_id, r.key, r.offset)]


def release_all(subs: Subscriptions, reminders: Iterable[Reminder]) -> None:
    """Undo claims whose message failed, so a later run retries them."""
    for r in reminders:
        subs.release(r.chat_id, r.key, r.offset)
