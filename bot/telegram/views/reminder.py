"""The daily reminder as a phone shows it: for each deadline how far away it is first, then what,
who and the document; under it the buttons ✅ Đã xong · ⏰ Nhắc lại sau · 📄 Xem nguồn, and
🔕 to stop the reminders of one subscribed unit (never all of them)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.reminders.schedule import Reminder
from bot.reminders.tasks import token
from bot.telegram.render import without_unit
from bot.telegram.views.deadline import doc_text, row_date
from index.store.models import Document
from index.text.normalize import clip

PER_MESSAGE = 5          # reminders in one message: each brings a row of buttons
BUTTON_CHARS = 40

Batch = tuple[str, InlineKeyboardMarkup]


def unit_token(unit: str) -> str:
    """A short token for a subscription's unit name."""
    return hashlib.sha1(unit.encode()).hexdigest()[:10]


def when_words(days_left: int) -> str:
    """How far away a deadline is, the first words of a reminder."""
    if days_left < 0:
        return f"đã quá hạn {-days_left} ngày"
    return "hạn là hôm nay" if days_left == 0 else f"còn {days_left} ngày"


def item_html(reminder: Reminder, docs: Mapping[str, Document], number: int | None) -> str:
    """One reminder: "còn N ngày" first, then the date, the task, the unit and the document."""
    row = reminder.row
    mark = f"{number}. " if number else ""
    unit = escape(row.unit) if row.unit else "<i>chưa rõ đơn vị</i>"
    return (f"{mark}⏰ <b>{when_words(reminder.days_left)}</b> · {escape(row_date(row))}\n"
            f"{escape(clip(without_unit(row.task, row.unit), 300))}\n"
            f"👥 {unit}\n📄 {escape(doc_text(row, docs))}, mục {escape(row.clause)}")


def _buttons(reminder: Reminder, number: int | None) -> list[InlineKeyboardButton]:
    tok, mark = token(reminder.key), f"{number}. " if number else ""
    return [InlineKeyboardButton(f"{mark}✅ Đã xong", callback_data=f"rm:d:{tok}"),
            InlineKeyboardButton(f"{mark}⏰ Nhắc lại sau", callback_data=f"rm:l:{tok}"),
            InlineKeyboardButton(f"{mark}📄 Xem nguồn", callback_data=f"rm:s:{tok}")]


def _off_buttons(reminders: Sequence[Reminder]) -> list[list[InlineKeyboardButton]]:
    """🔕 for each subscribed unit the batch came through ("all units" included)."""
    units = list(dict.fromkeys(r.via for r in reminders))
    if len(units) == 1:
        return [[InlineKeyboardButton("🔕 Tắt nhắc đơn vị này", callback_data=f"rm:u:{unit_token(units[0])}")]]
    return [[InlineKeyboardButton(clip(f"🔕 Tắt nhắc: {u or 'tất cả đơn vị'}", BUTTON_CHARS),
                                  callback_data=f"rm:u:{unit_token(u)}")] for u in units]


def reminder_batches(reminders: Sequence[Reminder], today: dt.date, docs: Mapping[str, Document]) -> list[Batch]:
    """A chat's reminders as messages of up to PER_MESSAGE, each with its buttons."""
    batches: list[Batch] = []
    numbered = len(reminders) > 1
    for start in range(0, len(reminders), PER_MESSAGE):
        part = reminders[start:start + PER_MESSAGE]
        numbers = [start + i + 1 if numbered else None for i in range(len(part))]
        head = f"⏰ <b>Nhắc hạn ngày {today:%d/%m/%Y}</b>"
        text = "\n\n".join([head, *(item_html(r, docs, n) for r, n in zip(part, numbers, strict=True))])
        rows = [_buttons(r, n) for r, n in zip(part, numbers, strict=True)] + _off_buttons(part)
        batches.append((text, InlineKeyboardMarkup(rows)))
    return batches
