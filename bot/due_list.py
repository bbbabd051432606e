"""Questions that ask for the tasks falling due in a period: "Nhiệm vụ nào hết hạn trong tháng 12/2025?",
"Những việc gì phải hoàn thành trước ngày 31/12/2024?", "which tasks are due this month?".

No single clause answers these; the extracted deadlines do. The answer lists every deadline in the
window, each with its unit, task and document, so it is as exact as the store and cites each item.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from bot.render import vn_date
from index.models import Clause, DateMention, Document
from index.store import task_for
from index.textnorm import fold

# A list of tasks, asked by when they fall due.
_ASKS_LIST = re.compile(
    r"\b(?:nhiem vu|viec|cong viec|noi dung) (?:nao|gi)\b.*\b(?:het han|den han|hoan thanh|"
    r"han|phai nop|phai bao cao|phai xong)\b"
    r"|\b(?:nhung|cac) (?:nhiem vu|viec|cong viec)\b.*\b(?:het han|den han|han|hoan thanh)\b"
    r"|\b(?:which|what) (?:tasks|deadlines|work|jobs)\b.*\b(?:due|deadline|expire|complete)"
    r"|\bdeadlines? (?:in|this|next|before)\b|\bdue (?:in|this|next|before)\b"
    r"|\bdeadlines?\b.*\b(?:this|next) (?:month|week)\b"
)
_MONTH_YEAR = re.compile(r"\bthang (\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?\b")
_QUARTER = re.compile(r"\bquy (iv|iii|ii|i|[1-4])(?:\s*(?:/|nam)\s*(\d{4}))?\b")
_BEFORE = re.compile(r"\b(?:truoc|den|before|by) (?:ngay )?(\d{1,2})/(\d{1,2})/(\d{4})\b")
_YEAR = re.compile(r"\b(?:trong |in )?nam (\d{4})\b|\bin (\d{4})\b")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
_EN_MONTH = re.compile(rf"\b({'|'.join(_EN_MONTHS)})(?:\s+(\d{{4}}))?\b")
SHOWN = 12   # items in the reply; the rest are counted


@dataclass(frozen=True)
class DueItem:
    due: dt.date
    mention: DateMention
    clause: Clause
    doc: Document


def due_window(question: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The period a "which tasks are due ..." question names, or None when it asks something else."""
    text = fold(question).lower()
    if not _ASKS_LIST.search(text):
        return None
    if re.search(r"\b(?:thang nay|this month)\b", text):
        return _month(today.year, today.month)
    if re.search(r"\b(?:thang (?:sau|toi)|next month)\b", text):
        return _month(today.year + today.month // 12, today.month % 12 + 1)
    if re.search(r"\b(?:tuan nay|this week)\b", text):
        start = today - dt.timedelta(days=today.weekday())
        return start, start + dt.timedelta(days=6)
    if m := _BEFORE.search(text):
        return today, dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _MONTH_YEAR.search(text):
        month = int(m.group(1))
        if 1 <= month <= 12:
            return _month(int(m.group(2)) if m.group(2) else today.year, month)
    if m := _EN_MONTH.search(text):
        return _month(int(m.group(2)) if m.group(2) else today.year, _EN_MONTHS.index(m.group(1)) + 1)
    if m := _QUARTER.search(text):
        quarter = _ROMAN.get(m.group(1)) or int(m.group(1))
        year = int(m.group(2)) if m.group(2) else today.year
        return dt.date(year, 3 * quarter - 2, 1), _month(year, 3 * quarter)[1]
    if m := _YEAR.search(text):
        year = int(m.group(1) or m.group(2))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def due_items(clauses: list[Clause], docs: dict[str, Document], start: dt.date, end: dt.date,
              units: list[str] | None = None) -> list[DueItem]:
    """Every deadline (or end of a due period) from start to end, earliest first; with units
    ("Phòng Nội vụ phải hoàn thành những việc gì trong tháng 12?"), only the tasks they lead."""
    asked = [fold(u).lower() for u in units or []]
    if asked:
        clauses = [c for c in clauses if any(a in fold(u).lower() or fold(u).lower() in a
                                             for u in c.lead_units for a in asked)]
    items = []
    for clause in clauses:
        for mention in clause.dates:
            if mention.kind not in ("deadline", "period") or len(mention.date) != 10:
                continue
            due = dt.date.fromisoformat(mention.date)
            if start <= due <= end and clause.doc_id in docs:
                items.append(DueItem(due, mention, clause, docs[clause.doc_id]))
    return sorted(items, key=lambda i: (i.due, i.doc.number, i.clause.ordinal))


def window_text(start: dt.date, end: dt.date) -> str:
    return f"từ {vn_date(start.isoformat())} đến {vn_date(end.isoformat())}"


def none_due(start: dt.date, end: dt.date) -> str:
    return f"Không có nhiệm vụ nào đến hạn {window_text(start, end)} trong các văn bản đã nạp."


def due_reply(items: list[DueItem], start: dt.date, end: dt.date) -> tuple[str, str]:
    """(short answer, full reply) listing the items with their units, tasks and documents."""
    window = window_text(start, end)
    lines = [f"Có {len(items)} nhiệm vụ đến hạn {window}:"]
    for item in items[:SHOWN]:
        unit = ", ".join(item.clause.lead_units) or "—"
        task = task_for(item.clause.text, item.mention.text)
        where = f"{item.doc.label()} — mục {item.clause.path}"
        lines.append(f"• {vn_date(item.mention.date)} — {unit}: {task} ({where})")
    if len(items) > SHOWN:
        lines.append(f"… và {len(items) - SHOWN} nhiệm vụ khác (xem /deadlines).")
    short = "; ".join(f"{vn_date(i.mention.date)} — {', '.join(i.clause.lead_units) or i.doc.label()}"
                      for i in items[:SHOWN])
    return short, "\n".join(lines)
