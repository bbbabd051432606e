"""Admin handlers: /reindex, /docs, /remove and telling subscribers of a new dispatch. Non-admins
get a polite refusal. Uploads are handlers_upload."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.reminders.delivery import send_safely
from bot.reminders.schedule import REMINDER_KINDS
from bot.telegram import render
from bot.telegram.handlers import confirm as handlers_confirm
from bot.telegram.services import Services, reply_html, services
from index import pipeline
from index.errors import (
    CchcError,
)
from index.store.database import DeadlineRow
from index.store.deadlines import upcoming
from index.store.models import Document
from index.store.registry import Registry

log = logging.getLogger(__name__)

PROGRESS_EVERY_S = 2.0


async def require_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True for admins; everyone else gets a polite refusal."""
    if services(context).is_admin(update.effective_user):
        return True
    await update.effective_message.reply_text(render.ADMIN_ONLY)
    return False


# --- telling subscribers about a new dispatch ---------------------------------------------------
def _new_deadlines(svc: Services, doc: Document) -> dict[int, list[DeadlineRow]]:
    """chat id -> the new dispatch's deadlines it should hear about."""
    named = [u for c in doc.clauses for u in [*c.lead_units, *c.support_units]]
    unit_ids = [a.unit.id for c in doc.clauses for a in c.assignments]
    with svc.db() as (store, subs):
        rows = [r for r in upcoming(store, svc.today()) if r.doc_id == doc.id and r.kind in REMINDER_KINDS]
        active = subs.active()
        registry = Registry.load(store.db)
    per_chat: dict[int, list[DeadlineRow]] = {}
    for sub in active if rows else []:
        if not sub.concerned_by(unit_ids, named, registry):
            continue
        mine = [r for r in rows if sub.matches(r, registry)] or rows
        seen = per_chat.setdefault(sub.chat_id, [])
        seen.extend(r for r in mine if r not in seen)
    return {chat: sorted(found, key=lambda r: (r.date, r.unit)) for chat, found in per_chat.items()}


async def notify_subscribers(context: ContextTypes.DEFAULT_TYPE, doc: Document) -> None:
    """Each subscribed chat that the dispatch concerns gets one message with its new deadlines."""
    svc = services(context)
    per_chat = await asyncio.to_thread(_new_deadlines, svc, doc)
    for chat_id, rows in per_chat.items():
        await send_safely(context.bot, svc.config, chat_id, render.new_deadlines_messages(doc, rows))


# --- /reindex, /docs, /remove --------------------------------------------------------------------
def progress_text(args: tuple[Any, ...]) -> str:
    """A progress message from whatever the pipeline reports: (done, total, name) or text."""
    numbers = [a for a in args if isinstance(a, int) and not isinstance(a, bool)]
    names = [str(a) for a in args if isinstance(a, str | Path)]
    if len(numbers) >= 2:
        tail = f": {names[0]}" if names else ""
        return f"⏳ Đang lập chỉ mục {numbers[0]}/{numbers[1]}{tail}"
    return f"⏳ Đang lập chỉ mục: {names[0]}" if names else "⏳ Đang lập chỉ mục…"


async def run_with_progress(status: Message, work: Callable[[Callable[..., None]], Any]) -> Any:
    """Run work(progress) in a thread, editing `status` with its latest progress every few seconds."""
    latest: list[str] = []

    def progress(*args: Any, **kwargs: Any) -> None:
        latest.append(progress_text(args + tuple(kwargs.values())))

    task = asyncio.ensure_future(asyncio.to_thread(work, progress))
    shown = status.text
    while not task.done():
        await asyncio.wait({task}, timeout=PROGRESS_EVERY_S)
        if latest and latest[-1] != shown and not task.done():
            shown = latest[-1]
            try:
                await status.edit_text(shown)
            except BadRequest as exc:  # e.g. "message is not modified"
                log.debug("progress edit failed: %s", exc.message)
    return task.result()


def _rebuild(svc: Services, progress: Callable[..., None]) -> tuple[int, int]:
    pipeline.index_corpus(svc.config, progress=progress, embedder=svc.embedder, rebuild=True)
    svc.answerer.reload()
    with svc.db() as (store, _):
        docs = store.documents()
        clauses = store.db["clauses"].count
    return len(docs), clauses


async def reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reindex: rebuild every index from the corpus folder (admins only)."""
    if not await require_admin(update, context):
        return
    svc = services(context)
    status = await update.effective_message.reply_text("⏳ Bắt đầu lập lại chỉ mục…")
    try:
        async with svc.index_lock:
            docs, clauses = await run_with_progress(status, lambda p: _rebuild(svc, p))
    except CchcError as exc:
        await status.edit_text(f"❌ Không lập lại được chỉ mục: {exc}\nChỉ mục cũ vẫn được giữ nguyên.")
        return
    await status.edit_text(f"✅ Đã lập lại chỉ mục: {docs} văn bản, {clauses} mục.")


def _documents(svc: Services) -> list[Document]:
    with svc.db() as (store, _):
        return store.documents()


async def docs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/docs: the indexed documents (admins only)."""
    if not await require_admin(update, context):
        return
    found = await asyncio.to_thread(_documents, services(context))
    await reply_html(update.effective_message, render.documents_messages(found))


async def remove(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/remove DOC: find the document (số ký hiệu, id or file name) and ask before removing it (admins only)."""
    if not await require_admin(update, context):
        return
    key = " ".join(context.args or [])
    if not key:
        await update.effective_message.reply_text("Cú pháp: /remove <số ký hiệu hoặc mã văn bản>. Xem danh sách: /docs")
        return
    await handlers_confirm.ask_remove(update.effective_message, context, key)
