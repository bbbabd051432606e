"""Chat subscriptions to deadline reminders and the log of reminders sent, in the Store's SQLite file.

A subscription belongs to a chat (private or group). Its unit is "" for "every unit". Each
(chat, deadline key, offset) is claimed in `reminders_sent` before the message goes out, so a
reminder is sent at most once even across restarts or a concurrent `cchc remind`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlite_utils

from bot.reminders.rows import insert_once, stamp
from index.config import Config
from index.extract.units import unit_matches
from index.store.database import DeadlineRow, Store
from index.store.registry import Registry


@dataclass(frozen=True)
class Subscription:
    """One chat's interest in one unit's deadlines ("" = all units)."""

    chat_id: int
    unit: str
    created_at: str = ""
    unit_id: str = ""        # the registry's unit (or group); "" for "all" or a name not resolved

    def matches(self, row: DeadlineRow, registry: Registry) -> bool:
        """Whether a deadline concerns this subscription."""
        return self.concerned_by(row.unit_ids, [row.unit], registry)

    def concerned_by(self, unit_ids: Iterable[str], names: Iterable[str], registry: Registry) -> bool:
        """Whether work for these units concerns this subscription: through the registry (its
        unit, the groups it belongs to, a group's members), else by name for a subscription whose
        name resolved to no unit."""
        if not self.unit:
            return True
        ids = list(unit_ids)
        if self.unit_id and ids:
            return registry.concerns(self.unit_id, ids)
        return any(unit_matches(self.unit, name) for name in names if name)


class Subscriptions:
    """Reads and writes the `subscriptions` and `reminders_sent` tables."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    # --- subscriptions -------------------------------------------------------------------
    def subscribe(self, chat_id: int, unit: str = "", unit_id: str = "") -> bool:
        """Subscribe a chat to a unit ("" = all); False when it already was (and active)."""
        existing = list(self.db["subscriptions"].rows_where(
            "chat_id = ? and unit = ?", [chat_id, unit]))
        if existing and existing[0]["active"]:
            return False
        with self.db.conn:
            self.db["subscriptions"].upsert(
                {"chat_id": chat_id, "unit": unit, "created_at": stamp(), "active": 1, "unit_id": unit_id},
                pk=("chat_id", "unit"),
            )
        return True

    def unsubscribe(self, chat_id: int, unit: str | None = None) -> int:
        """Remove one subscription of a chat, or all of them when unit is None; return the count."""
        where, args = ("chat_id = ?", [chat_id]) if unit is None else (
            "chat_id = ? and unit = ?", [chat_id, unit])
        with self.db.conn:
            cursor = self.db.execute(f"delete from subscriptions where {where}", args)
        return cursor.rowcount

    def deactivate(self, chat_id: int) -> None:
        """Stop sending to a chat that blocked the bot; a later /subscribe reactivates it."""
        with self.db.conn:
            self.db.execute("update subscriptions set active = 0 where chat_id = ?", [chat_id])

    def for_chat(self, chat_id: int) -> list[Subscription]:
        """A chat's active subscriptions, "all units" first."""
        rows = self.db["subscriptions"].rows_where(
            "chat_id = ? and active = 1", [chat_id], order_by="unit")
        return [_subscription(r) for r in rows]

    def active(self) -> list[Subscription]:
        """Every active subscription, by chat then unit."""
        rows = self.db["subscriptions"].rows_where("active = 1", order_by="chat_id, unit")
        return [_subscription(r) for r in rows]

    def link_units(self, registry: Registry) -> list[str]:
        """Give subscriptions made by name (before units were entities) the unit their name means
        when exactly one does; return the names that stay unresolved."""
        unresolved: list[str] = []
        rows = list(self.db.query("select distinct unit from subscriptions where unit != '' and unit_id = ''"))
        for row in rows:
            found = registry.find(row["unit"])
            if len(found) != 1:
                unresolved.append(row["unit"])
                continue
            with self.db.atomic():
                self.db.execute("update subscriptions set unit_id = ? where unit = ? and unit_id = ''",
                                [found[0].id, row["unit"]])
        return unresolved

    # --- reminders sent ------------------------------------------------------------------
    def sent_offsets(self, chat_id: int, key: str) -> set[int]:
        """Offsets already sent to a chat for one deadline."""
        rows = self.db.execute(
            "select offset from reminders_sent where chat_id = ? and deadline_key = ?", [chat_id, key])
        return {r[0] for r in rows}

    def sent_log(self) -> dict[tuple[int, str], set[int]]:
        """(chat, deadline key) -> offsets sent, for every reminder ever sent."""
        log: dict[tuple[int, str], set[int]] = {}
        for chat_id, key, offset in self.db.execute(
                "select chat_id, deadline_key, offset from reminders_sent"):
            log.setdefault((chat_id, key), set()).add(offset)
        return log

    def claim(self, chat_id: int, key: str, offset: int) -> bool:
        """Record a reminder as sent; False when it already was (someone else sends it)."""
        return insert_once(self.db, "reminders_sent",
                           {"chat_id": chat_id, "deadline_key": key, "offset": offset, "sent_at": stamp()})

    def release(self, chat_id: int, key: str, offset: int) -> None:
        """Forget a claim whose message could not be delivered, so the next run retries it."""
        with self.db.conn:
            self.db.execute(
                "delete from reminders_sent where chat_id = ? and deadline_key = ? and offset = ?",
                [chat_id, key, offset])


@contextmanager
def open_db(config: Config) -> Iterator[tuple[Store, Subscriptions]]:
    """A Store and Subscriptions on a fresh connection; SQLite connections stay in their thread."""
    store = Store(config.db_path)
    try:
        yield store, Subscriptions(store.db)
    finally:
        store.db.close()


def _subscription(row: dict) -> Subscription:
    return Subscription(row["chat_id"], row["unit"], row["created_at"], row.get("unit_id") or "")


def link_subscriptions(config: Config) -> list[str]:
    """After indexing or at start-up: subscriptions made by name get their unit; the names that
    resolve to no single unit are returned, for the admin to add an alias."""
    with open_db(config) as (store, subs):
        return subs.link_units(Registry.load(store.db))
