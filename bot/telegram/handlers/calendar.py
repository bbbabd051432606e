"""📅 Thêm vào lịch: an .ics file (RFC 5545) to open in a phone's calendar, for one reminded deadline
(under its "Xem nguồn") or for every open deadline of a /viec or /deadlines list."""

from __future__ import annotations

import asyncio
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.reminders.export import calendar_ics
from bot.reminders.progress import build_tasks
from bot.reminders.schedule import deadline_key
from bot.reminders.tasks import reminded_row, window
from bot.telegram.handlers.tasks import list_rows
from bot.telegram.services import Buttons, ListSpec, Services, found_or_alert, services
from bot.telegram.views.deadline import CALENDAR_BUTTON as BUTTON
from index.extract.entities import unit_id

NOTHING = "Danh sách này không còn hạn nào chưa xong để thêm vào lịch."
GONE = "Việc này không còn trong danh sách nhắc hạn (văn bản có thể đã được gỡ)."
LIST_GONE = "Danh sách này đã cũ. Vui lòng gõ lại /viec hoặc /deadlines."
HOW = "Mở tệp để thêm vào lịch trên điện thoại hoặc máy tính (Google Calendar, Outlook, Lịch iPhone)."
MAX_EVENTS = 500

ICS = tuple[bytes, str, int]    # (file, file name, events)


def deadline_button(tok: str) -> InlineKeyboardMarkup:
    """Under a reminded deadline's source: add that one deadline to the calendar."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(BUTTON, callback_data=f"rm:c:{tok}")]])


def _file_name(name: str) -> str:
    slug = unit_id(name)[:48].strip("-")
    return f"han-{slug or 'cchc'}.ics"


def _one(svc: Services, chat_id: int, tok: str) -> ICS | None:
    with svc.db() as (store, _):
        row = reminded_row(store, chat_id, tok)
        if row is None:
            return None
        tasks = build_tasks(store, [row], svc.today())
    return calendar_ics(tasks, "Hạn công việc CCHC"), _file_name(row.unit or "cchc"), len(tasks)


def _many(svc: Services, chat_id: int, spec: ListSpec, win_key: str) -> ICS:
    rows, done = list_rows(svc, chat_id, spec, window(win_key, svc.today(), spec.custom))
    open_rows = [r for r in rows if deadline_key(r) not in done][:MAX_EVENTS]
    with svc.db() as (store, _):
        tasks = build_tasks(store, open_rows, svc.today(), {})
    name = "việc của tôi" if spec.mine else (spec.unit or "tất cả đơn vị")
    return calendar_ics(tasks, f"Hạn CCHC — {name}"), _file_name("viec cua toi" if spec.mine else name), len(tasks)


async def _send(update: Update, context: ContextTypes.DEFAULT_TYPE, ics: ICS) -> None:
    """Send the .ics file to the chat the button was pressed in."""
    data, file_name, count = ics
    caption = f"📅 {count} hạn công việc. {HOW}"
    await context.bot.send_document(update.effective_chat.id, data, filename=file_name, caption=caption)


async def on_deadline_calendar(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """📅 under a reminded deadline's source: that deadline as an .ics file."""
    query = update.callback_query
    tok = (query.data or "rm:c:").rsplit(":", 1)[1]
    ics = await found_or_alert(query, GONE, _one, services(context), update.effective_chat.id, tok)
    if ics is None:
        return
    await query.answer()
    await _send(update, context, ics)


async def on_list_calendar(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """📅 under a deadline list: its open deadlines as an .ics file."""
    svc, query = services(context), update.callback_query
    found = re.fullmatch(r"ics:(\w+):(\w+)", query.data or "")
    spec = svc.list_spec(found.group(1)) if found else None
    if spec is None:
        await query.answer(LIST_GONE, show_alert=True)
        return
    ics = await asyncio.to_thread(_many, svc, update.effective_chat.id, spec, found.group(2))
    if not ics[2]:
        await query.answer(NOTHING, show_alert=True)
        return
    await query.answer()
    await _send(update, context, ics)


BUTTONS: Buttons = ((on_deadline_calendar, r"^rm:c:\w+$"), (on_list_calendar, r"^ics:\w+:\w+$"))
