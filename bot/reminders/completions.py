"""Tasks marked done ("Đã hoàn thành" under a reminder), kept in SQLite (`task_completions`): who
marked which deadline done, for which unit, in which chat, and when."""

from __future__ import annotations

import sqlite_utils

from bot.reminders.rows import insert_once, stamp


class Completions:
    """Reads and writes `task_completions`: one row per (chat, deadline) marked done."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def complete(self, chat_id: int, key: str, unit: str, user_id: int, user_name: str) -> bool:
        """Record a deadline as done in a chat; False when it already was."""
        return insert_once(self.db, "task_completions", {
            "chat_id": chat_id, "deadline_key": key, "unit": unit, "user_id": user_id, "user_name": user_name,
            "done_at": stamp()})

    def done(self, chat_id: int) -> set[str]:
        """The deadline keys marked done in a chat."""
        rows = self.db.execute("select deadline_key from task_completions where chat_id = ?", [chat_id])
        return {r[0] for r in rows}

    def all_done(self) -> set[tuple[int, str]]:
        """(chat, deadline key) of every completion, for the reminder run."""
        return {(r[0], r[1]) for r in self.db.execute("select chat_id, deadline_key from task_completions")}

    def by_key(self) -> dict[str, tuple[str, str]]:
        """deadline key -> (who, when) of its first completion in any chat, for progress and exports."""
        rows = self.db.execute("select deadline_key, user_name, done_at from task_completions order by done_at")
        found: dict[str, tuple[str, str]] = {}
        for key, who, when in rows:
            found.setdefault(key, (who or "", when or ""))
        return found
