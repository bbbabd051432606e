"""Find and classify the dates a clause mentions: deadline, effective, period, recurring, reference.

Directives are full of dates, and most of them are the dates of *cited* documents
("Quyết định số 3433/QĐ-UBND ngày 25/12/2023"). Showing those as deadlines is the worst mistake
this module can make, so a date is a deadline/effective/period only when explicit wording says so;
everything else is "reference".
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator

from index.models import DateMention
from index.textnorm import nfc

# A ký hiệu (document number): 3433/QĐ-UBND, 33/2023/NĐ-CP, 29-KL/TU, 48/KH- TCTTKĐA06 (line-broken).
KYHIEU = r"\d+(?:/\d{4})?(?:/[A-ZĐ][\w]*|-[A-ZĐ][\w]*/[A-ZĐ][\w]*)(?:-\s?[A-ZĐ0-9][\w]*)*"

_NUM_DATE = re.compile(r"(?<![\d/.\-:])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?!\d|[/.\-:,]\d)")
# "ngày 15 tháng 3 năm 2027"; the day and month may be blank in a dispatch header.
_TEXT_DATE = re.compile(r"(?i:ngày)\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})(?!\d)")

# A date right after a ký hiệu (optionally "ngày") is the date of that cited document.
_REF_BEFORE = re.compile(r"(?:số\s*)?" + KYHIEU + r"\s*\)?\s*,?\s*(?:ban hành\s*)?(?:ngày\s*)?$")
_TIME = r"(?:\d{1,2}\s*(?:h|giờ)(?:\s*\d{1,2})?(?:\s*phút)?\s*,?\s*)?"
_DEADLINE_BEFORE = re.compile(
    r"(?<!\w)(?i:trước|chậm nhất(?: là)?(?: vào)?|muộn nhất(?: là)?|hạn chót(?: là)?|hạn cuối(?: là)?"
    r"|đến hết|hết hạn(?: vào)?|không (?:quá|muộn hơn)|hạn nộp(?: là)?"
    r"|thời hạn(?: hoàn thành| nộp| gửi| báo cáo)?(?: là)?|thời gian hoàn thành(?: là)?"
    r"|hoàn thành(?: vào)?|xong(?: vào)?|đến)"
    r"\s*[:\-–]?\s*" + _TIME + r"(?:ngày\s*)?$"
)
# "thời hạn ... ngày": the deadline word may sit a few words before the date.
_DEADLINE_PHRASE = re.compile(r"(?i:thời hạn|hạn chót|hạn nộp)[^;|]{0,60}$")
_EFFECTIVE_BEFORE = re.compile(
    r"(?<!\w)(?i:kể từ|bắt đầu(?: kể)? từ|có hiệu lực(?: thi hành)?(?: kể)?(?: từ)?|áp dụng(?: kể)? từ|từ)"
    r"\s*(?:ngày\s*)?$"
)
# Cut-off wording ("tính đến ngày", "tính từ ngày") describes data, not a due time.
_CUTOFF = re.compile(r"(?i:tính|số liệu)\s+(?:đến|từ)\s*(?:hết\s*)?(?:ngày\s*)?$")

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = re.compile(r"(?i:quý)\s+(IV|III|II|I|[1-4])(?![\w])(?:\s*(?:/|năm)\s*(\d{4}))?(?!\d)")
_MONTH = re.compile(r"(?i:tháng)\s+(\d{1,2})(?:\s*(?:/|năm)\s*(\d{4}))?(?![\d/])")
_HALF = re.compile(r"(\d{1,2})\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?(?!\d)")
# Completion wording that makes a period a due time ("hoàn thành trong quý II/2027").
_PERIOD_STRONG = re.compile(
    r"(?i:hoàn thành|xong|thời gian hoàn thành|thời gian thực hiện|thời hạn|hạn chót|chậm nhất)"
    r"[^;|]{0,25}$"
)
_PERIOD_WEAK = re.compile(r"(?<!\w)(?i:trong|vào|trước|hết|đến hết|cuối)\s*$")
# Reporting context ("kết quả quý I năm 2023", "theo báo cáo ... 06 tháng đầu năm") is not a due time.
_PERIOD_CONTEXT = re.compile(r"(?i:kết quả|tình hình|tồn tại|hạn chế|số liệu|báo cáo của|đánh giá|đã\s)")

_EVERY = re.compile(r"(?i:hằng|hàng|mỗi)\s+(tháng|quý|năm|tuần)(?![\w])")
_DAY_ONLY = re.compile(
    r"(?i:(?:trước|vào|chậm nhất(?: là)?(?: vào)?|từ)\s+)?ngày\s+(\d{1,2})"
    r"(?![\d/.\-])(?!\s+(?:tháng|của tháng))"
)
_DAY_IN_QUARTER = re.compile(
    r"(?i:(?:trước|vào|chậm nhất)\s+)?ngày\s+(\d{1,2})\s+(?:của\s+)?tháng\s+(cuối|đầu)\s+quý(?:\s+sau)?"
)
_DAY_MONTH = re.compile(
    r"(?i:(?:trước|vào|chậm nhất(?: là)?)\s+)?ngày\s+(\d{1,2})\s*(?:/|-|\.|tháng)\s*(\d{1,2})"
    r"(?!\d|\s*(?:/|-|\.|năm)\s*\d)"
)
_WEEKDAY = re.compile(r"(?i:thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật)(?![\w])")
_WEEKDAYS = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5}
_MEETING = re.compile(r"(?i:giao ban|họp|hội nghị|sinh hoạt|trực)\s*$")
_DUTY = re.compile(r"(?i:định kỳ|báo cáo|gửi|nộp|tổng hợp|cập nhật)")
_MASK = "\x00"


def flatten(text: str) -> str:
    """NFC, markdown emphasis and <sub> tags dropped, all whitespace runs collapsed to one space.

    Hard-wrapped sources split numbers and dates across lines ("48/KH-\\nTCTTKĐA06"); working on a
    single line lets one regex see them whole.
    """
    text = re.sub(r"</?sub>", "", nfc(text)).replace("*", "")
    text = re.sub(r"\s+", " ", text).strip()
    # Re-join a ký hiệu broken after its hyphen: "48/KH- TCTTKĐA06" -> "48/KH-TCTTKĐA06".
    return re.sub(r"(\d/[\w/-]*-) (?=[A-ZĐ])", r"\1", text)


def _iso(year: int, month: int, day: int) -> str | None:
    """ISO date string, or None when the triple is not a real calendar date."""
    if not 1900 <= year <= 2100:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def iter_full_dates(flat: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, ISO) of every written date: numeric, textual, and blank-day header dates."""
    for m in _NUM_DATE.finditer(flat):
        iso = _iso(int(m.group(4)), int(m.group(3)), int(m.group(1)))
        if iso:
            yield m.start(), m.end(), iso
    for m in _TEXT_DATE.finditer(flat):
        day, month, year = m.group(1), m.group(2), int(m.group(3))
        if day and month:
            iso = _iso(year, int(month), int(day))
        elif month:  # blank day: "ngày    tháng 3 năm 2024"
            iso = f"{year:04d}-{int(month):02d}" if 1 <= int(month) <= 12 else None
        else:  # blank day and month: "ngày tháng năm 2024"
            iso = f"{year:04d}" if not day and 1900 <= year <= 2100 else None
        if iso:
            yield m.start(), m.end(), iso


def _phrase_before(flat: str, pos: int, width: int = 120) -> str:
    """Text before pos back to the last ';', '|' or sentence end: the phrase a date belongs to."""
    window = flat[max(0, pos - width):pos]
    cut = max(window.rfind(";"), window.rfind("|"), window.rfind(". "))
    return window[cut + 1:] if cut >= 0 else window


def _classify(flat: str, start: int) -> tuple[str, int]:
    """Kind of the full date at start, and where its wording begins (to quote it)."""
    before = _phrase_before(flat, start)
    base = start - len(before)
    ref = _REF_BEFORE.search(before)
    if ref:
        return "reference", base + ref.start()
    if _CUTOFF.search(before):
        return "reference", start
    eff = _EFFECTIVE_BEFORE.search(before)
    if eff:
        return "effective", base + eff.start()
    dl = _DEADLINE_BEFORE.search(before)
    if dl:
        return "deadline", base + dl.start()
    phrase = _DEADLINE_PHRASE.search(before)
    if phrase and not re.search(r"\d{4}", before):
        return "deadline", base + phrase.start()
    m = re.search(r"(?:ngày\s*)$", before)
    return "reference", base + m.start() if m else start


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + _MASK * (end - start) + text[end:]


def _recurrence_near(flat: str, m: re.Match[str]) -> tuple[str, int, int] | None:
    """Schedule of one "hằng <unit>" match as (recurrence, span start, span end), or None to skip."""
    unit, start, end = m.group(1).lower(), m.start(), m.end()
    lo = start - len(_phrase_before(flat, start, 40))
    after = flat[end:end + 60]
    after = after[: min((after.find(c) for c in ";|." if c in after), default=len(after))]
    before = flat[lo:start]
    finder = {"tháng": _DAY_ONLY, "quý": _DAY_IN_QUARTER, "năm": _DAY_MONTH, "tuần": _WEEKDAY}[unit]
    day = finder.search(after)
    span_end = end + day.end() if day else end
    if day is None:
        day = _last_match(finder, before)
        span_start = lo + day.start() if day else start
    else:
        span_start = start
    if day is not None:
        periodic = re.search(r"(?i:định kỳ)\s*,?\s*$", flat[lo:span_start])
        return _rule(unit, day), lo + periodic.start() if periodic else span_start, span_end
    if unit == "năm" or _MEETING.search(before):
        return None  # "hằng năm" alone is too vague; "giao ban hàng tháng" is a meeting, not a duty
    phrase = before + flat[end:end + len(after)]
    alone = not flat[:start].strip(" -:|(") and not flat[end:].strip(" .;:|)")  # a "Hằng tháng" cell
    if unit != "quý" and not alone and not _DUTY.search(phrase):
        return None
    return {"tháng": "monthly", "quý": "quarterly", "tuần": "weekly:4"}[unit], start, end


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _rule(unit: str, day: re.Match[str]) -> str:
    """Recurrence string from the matched day specification."""
    if unit == "tháng":
        return f"monthly:{int(day.group(1))}"
    if unit == "quý":
        return f"quarterly:{int(day.group(1))}:{'last' if day.group(2).lower() == 'cuối' else 'first'}"
    if unit == "năm":
        return f"yearly:{int(day.group(2)):02d}-{int(day.group(1)):02d}"
    word = (day.group(1) or "").lower()
    weekday = 6 if not word else _WEEKDAYS.get(word, int(word) - 2 if word.isdigit() else 4)
    return f"weekly:{weekday}"


def _valid_rule(rule: str) -> bool:
    parts = rule.split(":")
    if parts[0] == "monthly" and len(parts) > 1:
        return 1 <= int(parts[1]) <= 31
    if parts[0] == "quarterly" and len(parts) > 1:
        return 1 <= int(parts[1]) <= 31
    if parts[0] == "yearly":
        month, day = (int(x) for x in parts[1].split("-"))
        return _iso(2000, month, day) is not None
    return True


def _recurring(flat: str) -> tuple[list[tuple[int, DateMention]], str]:
    """Recurring mentions, and the text with their spans masked so no other pass re-reads them."""
    found: list[tuple[int, DateMention]] = []
    masked = flat
    for m in _EVERY.finditer(flat):
        hit = _recurrence_near(flat, m)
        if hit is None or not _valid_rule(hit[0]) or _MASK in masked[m.start():m.end()]:
            continue
        rule, start, end = hit
        found.append((start, DateMention("recurring", "", flat[start:end].strip(" ,"), rule)))
        masked = _mask(masked, start, end)
    return found, masked


def _last_day(year: int, month: int) -> str:
    return datetime.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def _period_allowed(flat: str, start: int, end: int, pattern: re.Pattern[str]) -> bool:
    """A period is a due time only after completion wording, or when it is the whole text (a cell).

    The whole-text rule is for "Quý II/2027" / "Tháng 6/2027" time cells only: a bare
    "06 tháng đầu năm 2024" is usually a report's period (or a wrapped subject line).
    """
    alone = not flat[:start].strip(" -:|(") and not flat[end:].strip(" .;:|)")
    if alone and pattern is not _HALF:
        return True
    before = _phrase_before(flat, start, 80)
    if _PERIOD_STRONG.search(before):
        return True
    return bool(_PERIOD_WEAK.search(before)) and not _PERIOD_CONTEXT.search(before)


def _periods(flat: str, doc_year: int | None) -> list[tuple[int, DateMention]]:
    """Quarter, month and "N tháng đầu năm" periods, each as its last day."""
    found: list[tuple[int, DateMention]] = []
    for pattern in (_QUARTER, _MONTH, _HALF):
        for m in pattern.finditer(flat):
            iso = _period_end(pattern, m, doc_year)
            if iso and _period_allowed(flat, m.start(), m.end(), pattern):
                before = _phrase_before(flat, m.start(), 40)
                lead = _PERIOD_STRONG.search(before) or _PERIOD_WEAK.search(before)
                start = m.start() - len(before) + lead.start() if lead else m.start()
                found.append((m.start(), DateMention("period", iso, flat[start:m.end()].strip())))
    return found


def _period_end(pattern: re.Pattern[str], m: re.Match[str], doc_year: int | None) -> str | None:
    """Last day of the matched quarter/month/half-year, or None if the year is unknown or invalid."""
    if pattern is _HALF:
        count, which, year_text = int(m.group(1)), m.group(2), m.group(3)
        month = 12 if which == "cuối" else count
    elif pattern is _QUARTER:
        month, year_text = _ROMAN[m.group(1).upper()] * 3, m.group(2)
    else:
        month, year_text = int(m.group(1)), m.group(2)
    year = int(year_text) if year_text else doc_year
    if year is None or not 1 <= month <= 12 or not 1900 <= year <= 2100:
        return None
    return _last_day(year, month)


def extract_dates(text: str, doc_year: int | None = None) -> list[DateMention]:
    """All classified date mentions of a clause, in text order.

    doc_year fills in periods written without a year ("trong quý II"). Full dates that no wording
    marks as deadline/effective (cited documents, the dispatch header, data cut-offs) are "reference".
    """
    flat = flatten(text)
    found, masked = _recurring(flat)
    for start, end, iso in iter_full_dates(masked):
        if _MASK in masked[start:end]:
            continue
        kind, quote_from = _classify(flat, start)
        found.append((start, DateMention(kind, iso, flat[quote_from:end].strip())))
        masked = _mask(masked, start, end)
    found.extend(_periods(masked, doc_year))
    return [mention for _, mention in sorted(found, key=lambda pair: pair[0])]


def _partial_to_date(iso: str) -> datetime.date | None:
    """A (possibly partial) ISO string as a date: YYYY-MM and YYYY resolve to their last day."""
    parts = [int(p) for p in iso.split("-")] if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", iso) else []
    if len(parts) == 3:
        return datetime.date(*parts)
    if len(parts) == 2:
        return datetime.date.fromisoformat(_last_day(*parts))
    return datetime.date(parts[0], 12, 31) if parts else None


def _clamped(year: int, month: int, day: int) -> datetime.date:
    """Day of a month, clamped so "ngày 31" in a 30-day month means its last day."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _next_in_months(months: tuple[int, ...], day: int | None, on: datetime.date) -> datetime.date:
    """First date on or after `on` that falls on `day` (None = last day) of one of `months`."""
    for year in (on.year, on.year + 1):
        for month in months:
            candidate = _clamped(year, month, day if day is not None else 31)
            if candidate >= on:
                return candidate
    raise AssertionError("unreachable: every year has the listed months")


def next_occurrence(mention: DateMention, on_or_after: datetime.date) -> datetime.date | None:
    """Next due date of a recurring mention on or after a day; for other kinds, the parsed date."""
    if mention.kind != "recurring":
        return _partial_to_date(mention.date) if mention.date else None
    kind, _, rest = mention.recurrence.partition(":")
    args = rest.split(":") if rest else []
    if kind == "weekly":
        weekday = int(args[0]) if args else 4
        return on_or_after + datetime.timedelta(days=(weekday - on_or_after.weekday()) % 7)
    if kind == "monthly":
        return _next_in_months(tuple(range(1, 13)), int(args[0]) if args else None, on_or_after)
    if kind == "quarterly":
        months = (1, 4, 7, 10) if len(args) > 1 and args[1] == "first" else (3, 6, 9, 12)
        return _next_in_months(months, int(args[0]) if args else None, on_or_after)
    if kind == "yearly" and args:
        month, day = (int(x) for x in args[0].split("-"))
        return _next_in_months((month,), day, on_or_after)
    return None


def parse_doc_date(line: str) -> str:
    """The dispatch's own date from its header line, ISO and possibly partial; "" if none.

    "Hà Tĩnh, ngày 05 tháng 3 năm 2024" -> "2024-03-05"; "ngày tháng 3 năm 2024" -> "2024-03".
    """
    flat = flatten(line)
    dates = list(iter_full_dates(flat))
    return min(dates)[2] if dates else ""
