"""The weekly digest as a phone shows it: overdue work first, then this week's deadlines, then the
documents added, each list cut to a few lines with the way to the rest (/viec)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from bot.reminders.digest import Digest
from bot.reminders.tasks import days_left
from bot.telegram import render
from bot.telegram.views.deadline import row_date
from index.store.database import DeadlineRow
from index.text.normalize import clip

SHOWN = 8          # items per section; the rest are behind /viec
TASK_CHARS = 140
WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def _when(row: DeadlineRow, today: dt.date) -> str:
    days = days_left(row, today)
    if days < 0:
        return f"quá hạn {-days} ngày"
    return "hôm nay" if days == 0 else f"còn {days} ngày"


def _item(row: DeadlineRow, today: dt.date) -> str:
    task = escape(clip(render.without_unit(row.task, row.unit), TASK_CHARS))
    unit = escape(row.unit) if row.unit else "<i>chưa rõ đơn vị</i>"
    return f"• <b>{escape(row_date(row))}</b> ({_when(row, today)}) — {task}\n   👥 {unit}"


def _section(title: str, rows: Sequence[DeadlineRow], today: dt.date) -> str:
    if not rows:
        return ""
    items = [_item(r, today) for r in rows[:SHOWN]]
    more = [f"… và {len(rows) - SHOWN} việc khác: xem /viec"] if len(rows) > SHOWN else []
    return "\n".join([f"<b>{title} ({len(rows)})</b>", *items, *more])


def _documents(digest: Digest) -> str:
    if not digest.documents:
        return ""
    lines = [f"• {escape(render.document_name(d))}" for d in digest.documents[:SHOWN]]
    more = [f"… và {len(digest.documents) - SHOWN} văn bản khác"] if len(digest.documents) > SHOWN else []
    return "\n".join([f"<b>📄 Văn bản mới nạp trong tuần qua ({len(digest.documents)})</b>", *lines, *more])


def _units(digest: Digest) -> str:
    names = [render.unit_label(s.unit) for s in digest.subscriptions]
    return escape(clip("; ".join(names), 300))


def digest_messages(digest: Digest) -> list[str]:
    """The digest's messages (HTML, each under Telegram's limit)."""
    head = (f"📰 <b>Bản tin tuần {digest.week:%d/%m} – {digest.week_end:%d/%m/%Y}</b>\n"
            f"Đơn vị theo dõi: {_units(digest)}")
    blocks = [_section("🔴 Việc quá hạn", digest.overdue, digest.today),
              _section("📅 Hạn trong tuần", digest.this_week, digest.today), _documents(digest)]
    if not digest.overdue and not digest.this_week:
        blocks.insert(0, "✅ Tuần này các đơn vị bạn theo dõi không có hạn nào và không có việc quá hạn.")
    done = f"✅ Đã hoàn thành {digest.done} việc trong khoảng này." if digest.done else ""
    tail = "Xem đầy đủ và đánh dấu việc đã xong: /viec"
    return render.pack([b for b in (head, *blocks, done, tail) if b])


def schedule_text(weekday: int, time: str) -> str:
    """When the digest comes, for /mysubs: "thứ Hai lúc 08:00"."""
    return f"{WEEKDAY_NAMES[weekday]} lúc {time}"
