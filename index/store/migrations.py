"""The one list of schema migrations of the SQLite database (corpus, search cache, bot state).

Append-only: each migration runs once, in order, recorded in the `migrations` table.
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils


def _m001_core(db: sqlite_utils.Database) -> None:
    db["documents"].create(
        {
            "id": str, "source": str, "doc_type": str, "number": str, "issuer": str, "place": str,
            "date": str, "subject": str, "title": str, "author": str, "recipients": str,
            "signer_name": str, "signer_position": str, "signer_authority": str, "cc": str,
            "text": str, "indexed_at": str,
        },
        pk="id",
    )
    db["documents"].create_index(["source"], unique=True)
    db["clauses"].create(
        {
            "id": int, "doc_id": str, "ordinal": int, "path": str, "headings": str, "text": str,
            "kind": str, "lead_units": str, "support_units": str, "footnotes": str,
            "folded": str, "tokens": str,
        },
        pk="id",
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["clauses"].create_index(["doc_id", "ordinal"])
    db["dates"].create(
        {"id": int, "clause_id": int, "doc_id": str, "kind": str, "date": str, "text": str,
         "recurrence": str, "unit": str, "task": str},
        pk="id",
    )
    db["dates"].create_index(["doc_id"])
    db["dates"].create_index(["kind", "date"])
    db["citations"].create(
        {"id": int, "clause_id": int, "doc_id": str, "doc_type": str, "number": str, "date": str,
         "issuer": str, "text": str},
        pk="id",
    )
    db["citations"].create_index(["doc_id"])


def _m002_embedding_cache(db: sqlite_utils.Database) -> None:
    db["embeddings"].create({"key": str, "vector": bytes}, pk="key")


def _m003_meta(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")


def _m004_clause_indexes(db: sqlite_utils.Database) -> None:
    db["dates"].create_index(["clause_id"])
    db["citations"].create_index(["clause_id"])


def _m005_uploads(db: sqlite_utils.Database) -> None:
    # Uploads between "file received" and "admin told": a restart finishes or undoes them.
    db["uploads"].create({"source": str, "chat_id": int, "started_at": str}, pk="source")


def _m006_subscriptions(db: sqlite_utils.Database) -> None:
    # Until now the bot created these itself; databases that have them keep them as they are.
    if not db["subscriptions"].exists():
        db["subscriptions"].create({"chat_id": int, "unit": str, "created_at": str, "active": int},
                                   pk=("chat_id", "unit"), defaults={"active": 1})
    if not db["reminders_sent"].exists():
        db["reminders_sent"].create({"chat_id": int, "deadline_key": str, "offset": int, "sent_at": str},
                                    pk=("chat_id", "deadline_key", "offset"))


def _m007_units(db: sqlite_utils.Database) -> None:
    # Units as entities: the registry, which clauses assign work to which unit, and the unit a
    # subscription follows (the typed name stays for display and for subscriptions made before).
    db["units"].create({"id": str, "name": str, "kind": str, "parent": str, "aliases": str,
                        "member_kind": str, "scope": str, "source": str}, pk="id")
    db["clause_units"].create({"clause_id": int, "doc_id": str, "unit_id": str, "role": str, "mention": str})
    db["clause_units"].create_index(["clause_id"])
    db["clause_units"].create_index(["doc_id"])
    db["clause_units"].create_index(["unit_id"])
    db["subscriptions"].add_column("unit_id", str, not_null_default="")


def _m008_admin_units(db: sqlite_utils.Database) -> None:
    # Units from the deployment's units file, apart from those the corpus names, so that
    # re-reading the file never touches what indexing wrote.
    db["admin_units"].create({"id": str, "name": str, "kind": str, "parent": str, "aliases": str,
                              "member_kind": str, "scope": str, "source": str}, pk="id")


def _m009_task_completions(db: sqlite_utils.Database) -> None:
    # "Đã hoàn thành" pressed under a reminder: who marked which deadline done for which unit in
    # which chat; it stops that deadline's reminders there and shows in the chat's task lists.
    db["task_completions"].create({"chat_id": int, "deadline_key": str, "unit": str, "user_id": int,
                                   "user_name": str, "done_at": str}, pk=("chat_id", "deadline_key"))


def _m010_digests_sent(db: sqlite_utils.Database) -> None:
    # The weekly digest, claimed per (chat, week) before it is sent: once a week, also across restarts.
    db["digests_sent"].create({"chat_id": int, "week": str, "sent_at": str}, pk=("chat_id", "week"))


def _m011_feedback(db: sqlite_utils.Database) -> None:
    # 👍 / 👎 under an answer, with the question, the answer given and (for 👎) the official's
    # "Sai ở đâu?" reply; exported as eval questions by `cchc feedback --export`.
    db["feedback"].create({"id": int, "chat_id": int, "user_id": int, "answer_key": str, "verdict": str,
                           "question": str, "intent": str, "answer": str, "reply": str, "evidence": str,
                           "comment": str, "prompt_id": int, "created_at": str}, pk="id",
                          not_null={"verdict", "question"}, defaults={"comment": "", "prompt_id": 0})
    db["feedback"].create_index(["chat_id", "user_id", "answer_key"], unique=True)


MIGRATIONS = [("001_core", _m001_core), ("002_embedding_cache", _m002_embedding_cache), ("003_meta", _m003_meta),
              ("004_clause_indexes", _m004_clause_indexes), ("005_uploads", _m005_uploads),
              ("006_subscriptions", _m006_subscriptions), ("007_units", _m007_units),
              ("008_admin_units", _m008_admin_units), ("009_task_completions", _m009_task_completions),
              ("010_digests_sent", _m010_digests_sent), ("011_feedback", _m011_feedback)]


def migrate(db: sqlite_utils.Database, migrations: list = MIGRATIONS) -> None:
    """Apply migrations not yet recorded."""
    table = db["migrations"]
    if not table.exists():
        table.create({"name": str, "applied_at": str}, pk="name")
    done = {row["name"] for row in table.rows}
    for name, step in migrations:
        if name not in done:
            with db.conn:
                step(db)
                table.insert({"name": name, "applied_at": dt.datetime.now().isoformat()})


