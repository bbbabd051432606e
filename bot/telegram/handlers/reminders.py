"""The buttons under a reminder: ✅ Đã xong (recorded, no more reminders of it here), ⏰ Nhắc lại
sau (reminded again at the next daily run), 📄 Xem nguồn, 🔕 Tắt nhắc đơn vị này (that unit only)."""

from __future__ import annotations

import asyncio
from html import escape

from telegram import CallbackQuery, Message, Update
from telegram.ext import ContextTypes

from bot.answering.result import Source
from bot.reminders.completions import Completions
from bot.reminders.schedule import deadline_key
from bot.reminders.tasks import reminded_key, reminded_row
from bot.telegram import render
from bot.telegram.handlers.calendar import deadline_button
from bot.telegram.render import without_unit
from bot.telegram.services import Buttons, Services, found_or_alert, reply_html, services
from bot.telegram.views.deadline import row_date
from bot.telegram.views.reminder import unit_token
from index.errors import DocumentNotFound
from index.store.database import DeadlineRow
from index.text.normalize import clip

REMINDER_GONE = "Việc này không còn trong danh sách nhắc hạn (văn bản có thể đã được gỡ)."
UNIT_NOT_SUBSCRIBED = "Cuộc trò chuyện này không còn đăng ký đơn vị này."
LATER = "⏰ Trợ lý sẽ nhắc lại việc này vào lần nhắc hạn tiếp theo (ngày mai)."


def _what(row: DeadlineRow) -> str:
    return f"{clip(without_unit(row.task, row.unit), 120)} ({row.unit or 'chưa rõ đơn vị'}, hạn {row_date(row)})"


def _complete(svc: Services, chat_id: int, tok: str, user_id: int, user_name: str) -> str | None:
    """Record the completion; the reply to show, or None when the reminder is unknown."""
    with svc.db() as (store, _):
        row = reminded_row(store, chat_id, tok)
        if row is None:
            return None
        new = Completions(store.db).complete(chat_id, deadline_key(row), row.unit, user_id, user_name)
    head = "✅ Đã ghi nhận hoàn thành" if new else "✅ Việc này đã được ghi nhận hoàn thành trước đó"
    return f"{head}: {escape(_what(row))}.\nTrợ lý sẽ không nhắc việc này nữa trong cuộc trò chuyện này."


def _later(svc: Services, chat_id: int, tok: str) -> bool:
    """Forget the latest reminder sent of this deadline, so the next daily run sends it again."""
    with svc.db() as (_, subs):
        key = reminded_key(subs.db, chat_id, tok)
        if key is None:
            return False
        latest = subs.db.execute("select offset from reminders_sent where chat_id = ? and deadline_key = ? "
                                 "order by sent_at desc, offset asc limit 1", [chat_id, key]).fetchone()
        if latest is not None:
            subs.release(chat_id, key, latest[0])
    return True


def _source(svc: Services, chat_id: int, tok: str) -> Source | None:
    with svc.db() as (store, _):
        row = reminded_row(store, chat_id, tok)
        if row is None:
            return None
        try:
            return Source.of(store.get_document(row.doc_id), store.clause(row.clause_id), 1.0)
        except DocumentNotFound:
            return None


def _unsubscribe(svc: Services, chat_id: int, tok: str) -> str | None:
    """Stop this chat's reminders for the one unit whose token this is; the reply to show, or None
    when the chat is not subscribed to it."""
    with svc.db() as (_, subs):
        unit = next((s.unit for s in subs.for_chat(chat_id) if unit_token(s.unit) == tok), None)
        if unit is None:
            return None
        subs.unsubscribe(chat_id, unit)
    return (f"🔕 Đã tắt nhắc hạn cho <b>{escape(render.unit_label(unit))}</b>. Các đăng ký khác vẫn giữ "
            "nguyên. Xem /mysubs; đăng ký lại: /subscribe")


def _parts(query: CallbackQuery) -> tuple[str, str]:
    _, action, tok = (query.data or "rm::").split(":", 2)
    return action, tok


async def on_reminder_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any button under a reminder."""
    query = update.callback_query
    action, tok = _parts(query)
    handler = {"d": _on_done, "l": _on_later, "s": _on_source, "u": _on_off}[action]
    await handler(update, context, tok)


async def _on_done(update: Update, context: ContextTypes.DEFAULT_TYPE, tok: str) -> None:
    """✅ Đã xong: record who marked it done, and when."""
    user = update.effective_user
    name = user.full_name if user else ""
    text = await asyncio.to_thread(_complete, services(context), update.effective_chat.id, tok,
                                   user.id if user else 0, name)
    await _answer(update.callback_query, text, "Đã ghi nhận hoàn thành.")


async def _on_later(update: Update, context: ContextTypes.DEFAULT_TYPE, tok: str) -> None:
    """⏰ Nhắc lại sau: remind again at the next daily run."""
    found = await asyncio.to_thread(_later, services(context), update.effective_chat.id, tok)
    await _answer(update.callback_query, LATER if found else None, "Sẽ nhắc lại.")


async def _on_source(update: Update, context: ContextTypes.DEFAULT_TYPE, tok: str) -> None:
    """📄 Xem nguồn: the full clause of the reminded deadline, and 📅 to add it to a calendar."""
    query = update.callback_query
    source = await found_or_alert(query, REMINDER_GONE, _source, services(context), update.effective_chat.id, tok)
    if source is None:
        return
    await query.answer()
    if isinstance(query.message, Message):
        await reply_html(query.message, render.source_messages([source]), deadline_button(tok))


async def _on_off(update: Update, context: ContextTypes.DEFAULT_TYPE, tok: str) -> None:
    """🔕 Tắt nhắc đơn vị này: unsubscribe that unit only."""
    text = await asyncio.to_thread(_unsubscribe, services(context), update.effective_chat.id, tok)
    await _answer(update.callback_query, text, "Đã tắt nhắc.", alert=UNIT_NOT_SUBSCRIBED)


async def _answer(query: CallbackQuery, text: str | None, toast: str, alert: str = REMINDER_GONE) -> None:
    """Answer the press: a short toast and the reply in the chat, or an alert when it is stale."""
    if text is None:
        await query.answer(alert, show_alert=True)
        return
    await query.answer(toast)
    if isinstance(query.message, Message):
        await query.message.reply_html(text)


BUTTONS: Buttons = ((on_reminder_button, r"^rm:[dlsu]:\w+$"),)
