"""Deadline lists on a phone (/viec, /deadlines, a deadline question): each item with how far away
it is, its unit and document; buttons 7 ngày · 30 ngày · Quý này · Tất cả and ◀ ▶ pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answering.reply import date_text, short_label
from bot.reminders.schedule import deadline_key
from bot.reminders.tasks import OVERDUE_LOOKBACK_DAYS, Window, days_left
from bot.telegram.render import without_unit
from index.store.database import DeadlineRow
from index.store.models import DateMention, Document
from index.text.normalize import clip, vn_date

PAGE_SIZE = 6
WINDOW_BUTTONS = (("7", "7 ngày"), ("30", "30 ngày"), ("q", "Quý này"), ("all", "Tất cả"))
TASK_CHARS = 200
CALENDAR_BUTTON = "📅 Thêm vào lịch"


def due_text(days: int) -> str:
    """How far away a deadline is, in words an official scans first."""
    if days < 0:
        return f"🔴 <b>Quá hạn {-days} ngày</b>"
    if days == 0:
        return "🟠 <b>Hạn là hôm nay</b>"
    return f"{'🟠' if days <= 3 else '🟡' if days <= 7 else '🟢'} <b>Còn {days} ngày</b>"


def row_date(row: DeadlineRow) -> str:
    """The date of a listed deadline, with its wording when it adds to it ("Quý I/2027")."""
    if row.kind == "recurring":
        return f"{vn_date(row.date)} (định kỳ: {row.text})" if row.text else vn_date(row.date)
    return date_text(DateMention(row.kind, row.date, row.text))


def doc_text(row: DeadlineRow, docs: Mapping[str, Document]) -> str:
    """The document on one short line: type and number, issuer, date."""
    doc = docs.get(row.doc_id)
    if doc is None:
        return f"văn bản {row.number}" if row.number else row.doc
    parts = [short_label(doc), doc.issuer, vn_date(doc.date) if doc.date else ""]
    return ", ".join(p for p in parts if p)


def item_html(row: DeadlineRow, today: dt.date, docs: Mapping[str, Document], done: bool = False) -> str:
    """One deadline: status and date, the task, the unit and the document (escaped HTML)."""
    status = "✅ <b>Đã hoàn thành</b>" if done else due_text(days_left(row, today))
    unit = escape(row.unit) if row.unit else "<i>chưa rõ đơn vị</i>"
    task = escape(clip(without_unit(row.task, row.unit), TASK_CHARS))
    return (f"{status} · {escape(row_date(row))}\n{task}\n"
            f"👥 {unit} · 📄 {escape(doc_text(row, docs))}, mục {escape(row.clause)}")


def window_text(win: Window) -> str:
    """What the window covers, for the list's heading."""
    start = f"{win.start:%d/%m/%Y}"
    if win.end is None:
        return f"Các hạn từ {start} (gồm việc quá hạn trong {OVERDUE_LOOKBACK_DAYS} ngày qua)"
    return f"Các hạn từ {start} đến {win.end:%d/%m/%Y}"


def page_count(rows: Sequence[DeadlineRow]) -> int:
    return max(1, -(-len(rows) // PAGE_SIZE))


def list_html(title: str, rows: Sequence[DeadlineRow], win: Window, page: int, today: dt.date,
              docs: Mapping[str, Document], done: set[str]) -> str:
    """One page of a deadline list, under its title and window."""
    pages = page_count(rows)
    overdue = sum(1 for r in rows if days_left(r, today) < 0 and deadline_key(r) not in done)
    counts = f"{len(rows)} việc" + (f", {overdue} quá hạn" if overdue else "")
    where = f" · trang {page + 1}/{pages}" if pages > 1 else ""
    head = f"<b>{escape(title)}</b>\n{escape(window_text(win))}: {counts}{where}"
    if not rows:
        return f"{head}\n\nKhông có hạn nào trong khoảng này. Thử chọn khoảng thời gian khác bên dưới."
    shown = rows[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    items = [item_html(r, today, docs, deadline_key(r) in done) for r in shown]
    return "\n\n".join([head, *items])


def list_keyboard(key: str, win: Window, page: int, pages: int, calendar: bool = False) -> InlineKeyboardMarkup:
    """The window buttons (the current one marked), ◀ page ▶, and 📅 (the list's open deadlines as an
    .ics file) when it has any."""
    windows = [InlineKeyboardButton(f"• {label}" if code == win.key else label, callback_data=f"dl:{key}:{code}:0")
               for code, label in WINDOW_BUTTONS]
    rows = [windows]
    if pages > 1:
        nav = [InlineKeyboardButton(f"{page + 1}/{pages}", callback_data="dl:-")]
        if page > 0:
            nav.insert(0, InlineKeyboardButton("◀ Trước", callback_data=f"dl:{key}:{win.key}:{page - 1}"))
        if page < pages - 1:
            nav.append(InlineKeyboardButton("Sau ▶", callback_data=f"dl:{key}:{win.key}:{page + 1}"))
        rows.append(nav)
    if calendar:
        rows.append([InlineKeyboardButton(CALENDAR_BUTTON, callback_data=f"ics:{key}:{win.key}")])
    return InlineKeyboardMarkup(rows)
