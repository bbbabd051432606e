"""What the bot's own SQLite tables (subscriptions, claims, completions, feedback) share: the time
stamp they store and the insert that says whether it was the first."""

from __future__ import annotations

import datetime as dt

import sqlite_utils


def stamp() -> str:
    """Now, to the second, as these tables store times (the server's local time, ISO 8601)."""
    return dt.datetime.now().isoformat(timespec="seconds")


def insert_once(db: sqlite_utils.Database, table: str, row: dict[str, object]) -> bool:
    """Insert a row in its own transaction unless its key is taken; whether it was inserted (the
    claim that makes a send or a record happen once, even across processes)."""
    columns, marks = ", ".join(row), ", ".join("?" for _ in row)
    with db.conn:
        cursor = db.execute(f"insert or ignore into {table} ({columns}) values ({marks})", list(row.values()))
    return cursor.rowcount == 1
