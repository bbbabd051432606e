"""Officials' feedback on answers (👍 / 👎 under each answer, and for 👎 their "Sai ở đâu?" reply),
kept in SQLite (`feedback`), and its export as eval questions (the format `cchc eval` reads:
id, q, kind, evidence, answer_any, lang) for an admin to turn into test questions."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from bot.reminders.rows import insert_once, stamp
from index.text.normalize import nfc

UP, DOWN = "up", "down"
COMMENT_WAIT = dt.timedelta(minutes=10)    # a private chat's next message is the 👎 reply this long
EVIDENCE_CHARS = 80
EVAL_KINDS = ("who", "when", "number", "ref", "what")
_ENGLISH = re.compile(r"\b(?:what|who|when|which|how|must|does|is|are|the|of|to)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Given:
    """An answer the bot gave, as feedback records it."""

    question: str
    intent: str
    answer: str
    reply: str
    evidence: str = ""       # the start of the top source's clause: what retrieval should find


def given(answer: object) -> Given:
    """What to keep of an answerer's Answer (or anything shaped like it)."""
    sources = list(getattr(answer, "sources", None) or [])
    text = " ".join(str(getattr(sources[0], "text", "")).split()) if sources else ""
    evidence = text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS].rsplit(" ", 1)[0]
    return Given(str(getattr(answer, "question", "")), str(getattr(answer, "intent", "") or ""),
                 str(getattr(answer, "answer", None) or ""), str(getattr(answer, "reply", "")), evidence)


class Feedback:
    """Reads and writes the `feedback` table: one verdict per (chat, user, answer)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def record(self, chat_id: int, user_id: int, key: str, verdict: str, answer: Given) -> bool:
        """Store a 👍 or 👎; False when this user already judged this answer here."""
        return insert_once(self.db, "feedback", {
            "chat_id": chat_id, "user_id": user_id, "answer_key": key, "verdict": verdict,
            "question": answer.question, "intent": answer.intent, "answer": answer.answer, "reply": answer.reply,
            "evidence": answer.evidence, "comment": "", "prompt_id": 0, "created_at": stamp()})

    def await_comment(self, chat_id: int, user_id: int, key: str, prompt_id: int) -> None:
        """Remember the "Sai ở đâu?" message a 👎 was answered with."""
        with self.db.conn:
            self.db.execute("update feedback set prompt_id = ? where chat_id = ? and user_id = ? and answer_key = ?",
                            [prompt_id, chat_id, user_id, key])

    def pending(self, chat_id: int, user_id: int, reply_to: int | None, private: bool) -> int | None:
        """The 👎 a message answers: the one whose question it replies to, else in a private chat the
        latest one still waiting (for COMMENT_WAIT); its row id, or None."""
        since = (dt.datetime.now() - COMMENT_WAIT).isoformat(timespec="seconds")
        rows = self.db.execute(
            "select id, prompt_id, created_at from feedback where chat_id = ? and user_id = ? and verdict = ?"
            " and comment = '' order by id desc", [chat_id, user_id, DOWN]).fetchall()
        replied = next((row_id for row_id, prompt_id, _ in rows if reply_to and reply_to == prompt_id), None)
        if replied is not None or not private:
            return replied
        return next((row_id for row_id, _, created in rows if created >= since), None)

    def comment(self, row_id: int, text: str) -> None:
        """Store the official's "Sai ở đâu?" reply."""
        with self.db.conn:
            self.db.execute("update feedback set comment = ? where id = ?", [text, row_id])

    def rows(self, verdict: str | None = None) -> list[dict]:
        """Every feedback row (one verdict only, if given), oldest first."""
        where, args = ("verdict = ?", [verdict]) if verdict else ("1", [])
        return list(self.db.query(f"select * from feedback where {where} order by id", args))


def eval_item(row: dict) -> dict:
    """One feedback row as an eval question. A 👍 answer becomes a regression question (its answer
    and its clause's opening as the expected ones); a 👎 keeps what was said and what was wrong, with
    evidence and answer_any left for the admin to fill in."""
    question = nfc(row["question"])
    item: dict = {"id": f"FB{row['id']:04d}", "q": question,
                  "kind": row["intent"] if row["intent"] in EVAL_KINDS else "what"}
    if question.isascii() and _ENGLISH.search(question):
        item["lang"] = "en"
    good = row["verdict"] == UP
    item["evidence"] = [nfc(row["evidence"])] if good and row["evidence"] else []
    item["answer_any"] = [nfc(row["answer"])] if good and row["answer"] else []
    item["feedback"] = row["verdict"]
    item["answer_given"] = nfc(row["answer"] or row["reply"].split("\n", 1)[0])
    if row["comment"]:
        item["comment"] = nfc(row["comment"])
    item["asked_at"] = row["created_at"]
    return item


def export(rows: Iterable[dict], path: Path) -> int:
    """Write the rows as eval questions, one JSON object a line; return how many."""
    items = [eval_item(r) for r in rows]
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return len(items)
