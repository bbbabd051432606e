"""/tiendo as a leader reads it on a phone: the totals, then each document and each unit with its
tasks done, pending and overdue, the most overdue first."""

from __future__ import annotations

from html import escape

from bot.reminders.progress import Progress, Tally
from bot.telegram import render
from index.text.normalize import clip

SHOWN = 15     # documents, then units, listed; the rest are counted in the totals (and in `cchc progress`)


def counts(tally: Tally) -> str:
    """"✅ 2 · ⏳ 5 · 🔴 1"."""
    return f"✅ {tally.done} · ⏳ {tally.pending} · 🔴 {tally.overdue}"


def _line(number: int, tally: Tally) -> str:
    detail = f"\n   <i>{escape(clip(tally.detail, 90))}</i>" if tally.detail else ""
    return f"{number}. <b>{escape(clip(tally.name, 110))}</b>{detail}\n   {counts(tally)}"


def _part(title: str, tallies: list[Tally]) -> list[str]:
    more = [f"… và {len(tallies) - SHOWN} mục khác (xem bằng lệnh cchc progress)"] if len(tallies) > SHOWN else []
    return [f"\n<b>{title}</b>", *(_line(i, t) for i, t in enumerate(tallies[:SHOWN], 1)), *more]


def progress_messages(report: Progress) -> list[str]:
    """The /tiendo messages (HTML, each under Telegram's limit)."""
    total = report.total
    if not total.total:
        return ["Chưa có việc nào có thời hạn trong các văn bản đã nạp."]
    share = round(100 * total.done / total.total)
    head = (f"📊 <b>Tiến độ thực hiện — ngày {report.today:%d/%m/%Y}</b>\n"
            f"Tổng: {total.total} việc có thời hạn · đã xong {total.done} ({share}%) · "
            f"còn hạn {total.pending} · quá hạn {total.overdue}\n"
            "<i>✅ đã xong (đánh dấu dưới lời nhắc hạn) · ⏳ còn hạn · 🔴 quá hạn</i>")
    blocks = [head, *_part("📄 Theo văn bản", report.documents), *_part("👥 Theo đơn vị chủ trì", report.units)]
    return render.pack(blocks, "\n")
