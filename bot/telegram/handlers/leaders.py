"""For leaders (admins only): /tiendo, tasks done / pending / overdue per document and per unit, and
/export [đơn vị], the deadlines as an Excel file."""

from __future__ import annotations

import asyncio
import datetime as dt

from telegram import Update
from telegram.ext import ContextTypes

from bot.reminders.export import sheet_xlsx
from bot.reminders.progress import Progress, all_tasks, for_unit, progress
from bot.telegram.handlers.admin import require_admin
from bot.telegram.services import Services, reply_html, services
from bot.telegram.views.progress import progress_messages

NOTHING_TO_EXPORT = "Không có hạn nào để xuất{where}."


def _progress(svc: Services) -> Progress:
    with svc.db() as (store, _):
        return progress(store, svc.today())


async def tiendo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/tiendo: tasks done, pending and overdue per document and per unit (admins only)."""
    if not await require_admin(update, context):
        return
    report = await asyncio.to_thread(_progress, services(context))
    await reply_html(update.effective_message, progress_messages(report))


def _sheet(svc: Services, unit: str, today: dt.date) -> tuple[bytes, int]:
    """(the workbook, how many tasks it lists)."""
    with svc.db() as (store, _):
        tasks = for_unit(store, all_tasks(store, today), unit)
    title = f"Hạn công việc {unit or 'các đơn vị'} — ngày {today:%d/%m/%Y}"
    return sheet_xlsx(tasks, title), len(tasks)


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export [đơn vị]: every deadline (of one unit) as an .xlsx file (admins only)."""
    if not await require_admin(update, context):
        return
    svc, message = services(context), update.effective_message
    unit, today = " ".join(context.args or []).strip(), svc.today()
    data, count = await asyncio.to_thread(_sheet, svc, unit, today)
    if not count:
        await message.reply_text(NOTHING_TO_EXPORT.format(where=f" cho «{unit}»" if unit else ""))
        return
    caption = (f"📊 {count} việc có thời hạn{' của ' + unit if unit else ''}, ngày {today:%d/%m/%Y}: "
               "TT, nội dung, đơn vị chủ trì, phối hợp, thời hạn, văn bản, trạng thái.")
    await message.reply_document(data, filename=f"han-cong-viec-{today:%Y%m%d}.xlsx", caption=caption[:1000])
