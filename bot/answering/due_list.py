"""Questions that ask for the tasks falling due in a period: "Nhiệm vụ nào hết hạn trong tháng 12/2025?",
"Những việc gì phải hoàn thành trước ngày 31/12/2024?", "which tasks are due this month?".

No single clause answers these; the extracted deadlines do. The answer is the /deadlines list for
that window (index.store.deadlines.upcoming), each item with its unit, task and document.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from index.store.database import DeadlineRow, Store
from index.store.deadlines import upcoming
from index.store.models import Clause, Document
from index.text.normalize import fold, vn_date
from index.text.vocabulary import EN_MONTHS

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
_EN_MONTH = re.compile(rf"\b({'|'.join(EN_MONTHS)})(?:\s+(\d{{4}}))?\b")
SHOWN = 12   # items in the reply; the rest are counted
DUE_KINDS = ("deadline", "period")   # not start dates, not recurring reports


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
        return _month(int(m.group(2)) if m.group(2) else today.year, EN_MONTHS.index(m.group(1)) + 1)
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


def due_rows(store: Store, start: dt.date, end: dt.date, units: list[str]) -> list[DeadlineRow]:
    """The deadlines `cchc deadlines` and /deadlines list for the window and the first unit the
    question names (as lead or supporting unit, as subscriptions work), kept to due dates:
    deadlines and ends of due periods."""
    rows = upcoming(store, start, end, units[0] if units else None)
    return [r for r in rows if r.kind in DUE_KINDS]


def window_text(start: dt.date, end: dt.date) -> str:
    return f"từ {vn_date(start.isoformat())} đến {vn_date(end.isoformat())}"


def none_due(start: dt.date, end: dt.date) -> str:
    return f"Không có nhiệm vụ nào đến hạn {window_text(start, end)} trong các văn bản đã nạp."


def due_reply(rows: list[DeadlineRow], clauses: dict[int, Clause], docs: dict[str, Document],
              start: dt.date, end: dt.date) -> tuple[str, str]:
    """(short answer, full reply) listing the deadlines with their units, tasks and documents."""
    lines = [f"Có {len(rows)} nhiệm vụ đến hạn {window_text(start, end)}:"]
    units = []
    for row in rows:
        clause = clauses.get(row.clause_id)
        units.append(", ".join(clause.lead_units) if clause and clause.lead_units else row.unit)
    for row, unit in zip(rows[:SHOWN], units, strict=False):
        doc = docs.get(row.doc_id)
        where = f"{doc.label() if doc else row.doc} — mục {row.clause}"
        lines.append(f"• {vn_date(row.date)} — {unit or '—'}: {row.task} ({where})")
    if len(rows) > SHOWN:
        lines.append(f"… và {len(rows) - SHOWN} nhiệm vụ khác (xem /deadlines).")
    short = "; ".join(f"{vn_date(r.date)} — {u or r.number}" for r, u in zip(rows[:SHOWN], units, strict=False))
    return short, "\n".join(lines)
