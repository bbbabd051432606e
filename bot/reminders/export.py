"""Deadlines for a calendar (.ics, RFC 5545, written with `icalendar`) and a spreadsheet (.xlsx,
written with openpyxl): the bot's "Thêm vào lịch" and /export, and `cchc deadlines --ics/--xlsx`."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Sequence

from icalendar import Alarm, Calendar, Event
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from bot.reminders.progress import DONE, OVERDUE, RECURRING, Task
from index.text.normalize import clip

PRODID = "-//Tro ly CCHC//Han cong viec//VI"
UID_DOMAIN = "tro-ly-cchc"
ALARM_BEFORE = dt.timedelta(hours=-15)     # 09:00 the day before an all-day deadline
SUMMARY_CHARS = 120
COLUMNS = (("TT", 6), ("Nội dung", 70), ("Đơn vị chủ trì", 32), ("Phối hợp", 32), ("Thời hạn", 13),
           ("Văn bản", 45), ("Trạng thái", 16))
STATUS_WORDS = {DONE: "Đã hoàn thành", OVERDUE: "Quá hạn", RECURRING: "Định kỳ"}
SHEET_TITLE = "Hạn công việc"


def status_text(task: Task) -> str:
    """The spreadsheet's "Trạng thái": Đã hoàn thành, Quá hạn, Định kỳ or Còn hạn."""
    return STATUS_WORDS.get(task.status, "Còn hạn")


def _uid(task: Task) -> str:
    """Stable across exports: a calendar that imports the file twice updates, not duplicates."""
    return f"{hashlib.sha1(task.key.encode()).hexdigest()[:24]}@{UID_DOMAIN}"


def _description(task: Task) -> str:
    row = task.row
    lines = [row.task, f"Đơn vị chủ trì: {task.unit}"]
    if task.support:
        lines.append(f"Phối hợp: {', '.join(task.support)}")
    if row.text:
        lines.append(f"Thời hạn theo văn bản: {row.text}")
    lines.append(f"Văn bản: {task.document}, mục {row.clause}")
    return "\n".join(lines)


def _event(task: Task, stamp: dt.datetime) -> Event:
    day = dt.date.fromisoformat(task.row.date)
    summary = f"Hạn: {clip(task.row.task, SUMMARY_CHARS)}"
    event = Event()
    event.add("uid", _uid(task))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", _description(task))
    event.add("categories", ["CCHC"])
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", ALARM_BEFORE)
    event.add_component(alarm)
    return event


def calendar_ics(tasks: Sequence[Task], name: str, now: dt.datetime | None = None) -> bytes:
    """An iCalendar file with one all-day event per task, each with an alarm the day before."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for task in tasks:
        calendar.add_component(_event(task, stamp))
    return calendar.to_ical()


def _row(number: int, task: Task) -> list[object]:
    return [number, task.row.task, task.unit, ", ".join(task.support), dt.date.fromisoformat(task.row.date),
            f"{task.document}, mục {task.row.clause}", status_text(task)]


def sheet_xlsx(tasks: Sequence[Task], title: str) -> bytes:
    """A workbook (its title in the file's properties): the header TT, Nội dung, Đơn vị chủ trì, Phối
    hợp, Thời hạn, Văn bản, Trạng thái, then one row per task (dates as real dates, dd/mm/yyyy)."""
    book = Workbook()
    book.properties.title = title
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append([name for name, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for number, task in enumerate(tasks, 1):
        sheet.append(_row(number, task))
    for index, (_, width) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
        line[4].number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{sheet.max_row}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
