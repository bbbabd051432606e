"""What a message is before it is a question: a greeting, a thanks, or a request for a deadline list
("Sắp tới có những hạn nào?", "Phòng Nội vụ có hạn gì trong tháng 12?")."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from bot.answering.due_list import due_window
from index.text.normalize import fold

_GREETING = re.compile(
    r"^(?:xin )?(?:chao|hello|hi|alo)(?: (?:ban|anh|chi|em|ad|admin|tro ly|bot|buoi sang|buoi chieu|"
    r"ca nha|moi nguoi))*$")
_THANKS = re.compile(r"^(?:(?:xin )?cam on|thanks?|thank you|tks|ok cam on)(?: (?:ban|nhieu|nhe|nha|tro ly|"
                     r"bot|rat nhieu|a|ah))*$")
# A list of deadlines asked in everyday words; "Hạn nộp báo cáo … là ngày nào?" asks one date and
# stays a question for the answerer.
_LIST = re.compile(
    r"\b(?:nhung|cac) (?:han|moc han|thoi han|viec sap den han)\b|\b(?:han|moc han|thoi han) (?:nao|gi)\b"
    r"|\bsap (?:toi|den) (?:co )?(?:han|viec)\b|\bviec (?:nao|gi) sap (?:den|het) han\b"
    r"|\bsap (?:den|het) han\b")
_UNIT_WORDS = ("phong", "so", "uy ban", "ubnd", "van phong", "xa", "huyen", "ban", "trung tam", "chi cuc",
               "thanh tra", "bo phan")

GREETING_REPLY = ("Xin chào! 👋 Bạn cứ gõ câu hỏi về văn bản chỉ đạo CCHC, hoặc dùng /viec để xem "
                  "việc và hạn của đơn vị mình. Gõ /help để xem các lệnh.")
THANKS_REPLY = "Rất vui được hỗ trợ bạn! 🙂 Cần tra cứu gì thêm, bạn cứ hỏi nhé."


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))


def small_talk(text: str) -> str | None:
    """The short friendly reply to a greeting or a thanks, or None for anything else."""
    plain = _plain(text)
    if _GREETING.fullmatch(plain):
        return GREETING_REPLY
    if _THANKS.fullmatch(plain):
        return THANKS_REPLY
    return None


@dataclass(frozen=True)
class DeadlineAsk:
    """A deadline list asked in words: the unit named (as typed, "" for all) and the period (None:
    from today on, page after page)."""

    unit: str
    window: tuple[dt.date, dt.date] | None


def deadline_ask(text: str, today: dt.date) -> DeadlineAsk | None:
    """The deadline list a message asks for, or None when it is another kind of question."""
    plain = _plain(text)
    listed = _LIST.search(plain) is not None
    # The period words `cchc ask` understands ("tháng 12", "quý này", "trước ngày …"), read the
    # same way; "nhiệm vụ nào hết hạn trong tháng 12/2025?" is a list too.
    window = due_window(text, today) or (_period(plain, text, today) if listed else None)
    if not listed and window is None:
        return None
    return DeadlineAsk(_unit_named(text), window)


def _period(plain: str, text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The period of a list asked in words: "quý này", else as `cchc ask` reads periods."""
    if re.search(r"\bquy nay\b", plain):
        first = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return first, dt.date(today.year, first.month + 2, calendar.monthrange(today.year, first.month + 2)[1])
    return due_window(f"nhiệm vụ nào hết hạn {text}", today)


def _unit_named(text: str) -> str:
    """The unit a question names before "có hạn gì" ("Phòng Nội vụ có hạn gì …"), as typed."""
    words = text.strip().rstrip("?").split()
    for i, word in enumerate(words[1:], 1):
        if _plain(word) in ("co", "con", "se", "thi"):
            name = " ".join(words[:i]).strip(" ,")
            return name if f"{_plain(name)} ".startswith(tuple(f"{w} " for w in _UNIT_WORDS)) else ""
    return ""
