"""An answer as a phone shows it: the short answer first in bold, the quote set apart in a
blockquote (folded when long), the source on one short line; "not found" says what to try instead."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from typing import Any

from bot.answering.reply import DEADLINE_LEAD, parse_reply
from bot.answering.result import ABSTAIN
from bot.telegram.render import MESSAGE_LIMIT, chunk_text

QUOTE_FOLDED = 300     # a longer quote is an expandable blockquote: the answer stays on one screen
QUOTE_MAX = 1500       # the whole clause is behind "Xem nguồn"
_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")

NOT_FOUND = (
    f"{ABSTAIN}\n\n"
    "Bạn có thể thử:\n"
    "• hỏi lại với từ ngữ khác, nêu rõ đơn vị hoặc số văn bản, ví dụ: "
    "<i>Phòng Nội vụ phải làm gì?</i>\n"
    "• /viec — việc và hạn của các đơn vị bạn đăng ký\n"
    "• /deadlines — các hạn sắp tới của mọi đơn vị\n"
    "• /docs — danh sách văn bản đã nạp"
)


def is_abstention(answer: Any) -> bool:
    """The answerer found nothing: its ranked clauses are unrelated and must not be offered."""
    return answer.answer is None and str(answer.reply).startswith(ABSTAIN)


def overdue_note(lead: str, today: dt.date) -> str:
    """" — đã quá hạn" after a deadline lead whose date has passed."""
    if not lead.startswith(f"{DEADLINE_LEAD}:"):
        return ""
    found = _DATE.search(lead)
    if found is None:
        return ""
    day, month, year = (int(p) for p in found.groups())
    try:
        passed = dt.date(year, month, day) < today
    except ValueError:
        return ""
    return " — <b>⚠️ đã quá hạn</b>" if passed else ""


def _lead_html(lead: str, today: dt.date) -> str:
    """The first line in bold (with the overdue warning); list items below it as plain lines."""
    first, *rest = lead.split("\n")
    html = f"<b>{escape(first)}</b>{overdue_note(first, today)}"
    return "\n".join([html, *map(escape, rest)])


def _quote_html(quote: str) -> str:
    if not quote:
        return ""
    clipped = quote if len(quote) <= QUOTE_MAX else quote[:QUOTE_MAX - 1].rsplit(" ", 1)[0] + "…"
    tag = "blockquote expandable" if len(clipped) > QUOTE_FOLDED else "blockquote"
    return f"<{tag}>{escape(clipped)}</blockquote>"


def answer_html(answer: Any, today: dt.date) -> list[str]:
    """The messages of an answer: laid out when it cites a clause, else its text as it is."""
    if is_abstention(answer):
        return [NOT_FOUND]
    parts = parse_reply(str(answer.reply))
    if not parts.citation:
        return chunk_text(str(answer.reply))
    blocks = [_lead_html(parts.lead, today), _quote_html(parts.quote), f"📄 <i>{escape(parts.citation)}</i>"]
    if parts.other:
        blocks.append(f"↔️ <b>Văn bản khác:</b> {escape(parts.other)}")
    text = "\n\n".join(b for b in blocks if b)
    if len(text) > MESSAGE_LIMIT:   # a very long task list: plain chunks rather than a broken layout
        return chunk_text(str(answer.reply))
    return [text]
