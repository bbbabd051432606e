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

from index.extract.date_periods import cell_value, last_day, periods, phrase_before, reported
from index.store.models import DateMention
from index.text.normalize import nfc

# A ký hiệu (document number): 3433/QĐ-UBND, 33/2023/NĐ-CP, 29-KL/TU, 48/KH- TCTTKĐA06 (line-broken).
KYHIEU = r"\d+(?:/\d{4})?(?:/[A-ZĐ][\w]*|-[A-ZĐ][\w]*/[A-ZĐ][\w]*)(?:-\s?[A-ZĐ0-9][\w]*)*"

_NUM_DATE = re.compile(r"(?<![\d/.\-:])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?!\d|[/.\-:,]\d)")
# "ngày 15 tháng 3 năm 2027"; the day and month may be blank in a dispatch header.
_TEXT_DATE = re.compile(r"(?i:ngày)\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})(?!\d)")

# A date right after a ký hiệu (optionally "ngày") is the date of that cited document.
_REF_BEFORE = re.compile(r"(?:số\s*)?" + KYHIEU + r"\s*\)?\s*,?\s*(?:ban hành\s*)?(?:ngày\s*)?$")
_TIME = r"(?:\d{1,2}\s*(?:h|giờ)(?:\s*\d{1,2})?(?:\s*phút)?\s*,?\s*)?"
# "trước thứ Tư, ngày 03/12/2025": the weekday sits between the deadline word and the date.
_WEEKDAY_OF = r"(?:(?i:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,?\s*)?"
_DEADLINE_BEFORE = re.compile(
    r"(?<!\w)(?i:trước|chậm nhất(?: là)?(?: vào)?|muộn nhất(?: là)?|hạn chót(?: là)?|hạn cuối(?: là)?"
    r"|đến hết|hết hạn(?: vào)?|không (?:quá|muộn hơn)|hạn nộp(?: là)?"
    r"|thời hạn(?: hoàn thành| nộp| gửi| báo cáo)?(?: là)?|thời gian hoàn thành(?: là)?"
    r"|hoàn thành(?: vào)?|xong(?: vào)?|đến)"
    r"\s*[:\-–]?\s*" + _TIME + _WEEKDAY_OF + r"(?:ngày\s*)?$"
)
# "thời hạn ... ngày": the deadline word may sit a few words before the date.
_DEADLINE_PHRASE = re.compile(r"(?i:thời hạn|hạn chót|hạn nộp)[^;|]{0,60}$")
_EFFECTIVE_BEFORE = re.compile(
    r"(?<!\w)(?i:kể từ|bắt đầu(?: kể)? từ|có hiệu lực(?: thi hành)?(?: kể)?(?: từ)?|áp dụng(?: kể)? từ|từ)"
    r"\s*(?:ngày\s*)?$"
)
# Cut-off wording ("tính đến ngày", "tính từ ngày") describes data, not a due time.
_CUTOFF = re.compile(r"(?i:tính|số liệu)\s+(?:đến|từ)\s*(?:hết\s*)?(?:ngày\s*)?$")

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


def _classify(flat: str, start: int) -> tuple[str, int]:
    """Kind of the full date at start, and where its wording begins (to quote it)."""
    before = phrase_before(flat, start)
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
    phrase = _DEADLINE_PHRASE.search(before) if not re.search(r"\d{4}", before) else None
    if (dl or phrase) and reported(flat, start):
        return "reference", start  # a deadline quoted from an earlier instruction, not set here
    if dl:
        return "deadline", base + dl.start()
    if phrase:
        return "deadline", base + phrase.start()
    m = re.search(r"(?:ngày\s*)$", before)
    return "reference", base + m.start() if m else start


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + _MASK * (end - start) + text[end:]


def _recurrence_near(flat: str, m: re.Match[str]) -> tuple[str, int, int] | None:
    """Schedule of one "hằng <unit>" match as (recurrence, span start, span end), or None to skip."""
    unit, start, end = m.group(1).lower(), m.start(), m.end()
    lo = start - len(phrase_before(flat, start, 40))
    after = flat[end:end + 100]
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
    cell = cell_value(flat, start, end)  # a "Hằng tháng" time cell, or "Thời gian hoàn thành: Hằng năm."
    if (unit == "năm" and not cell) or _MEETING.search(before):
        return None  # "hằng năm" in a sentence is too vague; "giao ban hàng tháng" is a meeting, not a duty
    # The duty verb may sit further back: "báo cáo Thủ tướng trước ngày 20/11/2025 và hàng tháng".
    phrase = phrase_before(flat, start) + flat[end:end + len(after)]
    if unit != "quý" and not cell and not _DUTY.search(phrase):
        return None
    return {"tháng": "monthly", "quý": "quarterly", "tuần": "weekly:4", "năm": "yearly"}[unit], start, end


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
    if parts[0] == "yearly" and len(parts) > 1:
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


def extract_dates(text: str, doc_year: int | None = None, issued: str = "") -> list[DateMention]:
    """All classified date mentions of a clause, in text order.

    doc_year fills in periods written without a year ("trong quý II"). Full dates that no wording
    marks as deadline/effective (cited documents, the dispatch header, data cut-offs) are "reference".
    issued (the document's own ISO date) dates the relative deadlines ("chậm nhất 03 ngày kể từ ngày
    ban hành"); without it they are kept undated, their wording the answer (see resolve_relative).
    """
    flat = flatten(text)
    found, masked = _recurring(flat)
    for start, end, iso in iter_full_dates(masked):
        if _MASK in masked[start:end]:
            continue
        kind, quote_from = _classify(flat, start)
        found.append((start, DateMention(kind, iso, flat[quote_from:end].strip())))
        masked = _mask(masked, start, end)
    found.extend(_day_months(flat, masked, doc_year))
    masked = _DAY_MONTH_ONLY.sub(lambda m: _MASK * len(m.group(0)), masked)
    found.extend(periods(masked, doc_year))
    found.extend(_relative(flat, issued))
    return [mention for _, mention in sorted(found, key=lambda pair: pair[0])]


# "chậm nhất ngày 30 tháng 11" / "trước ngày 15/12": a day of the document's year. Never a month
# period ("tháng 11"); not dated when an unnamed year follows ("ngày 15 tháng 8 của năm xét tặng").
_DAY_MONTH_ONLY = re.compile(
    r"(?<![\d/])(?i:ngày)\s+(\d{1,2})\s*(?:(?i:tháng)\s+|/)(\d{1,2})(?![\d/]|\s*(?:/|-|\.|(?i:năm))\s*\d)"
)


# A day without a year in a periodic duty ("Định kỳ 6 tháng (trước ngày 18/5)") recurs; it is no
# single deadline of the document's year.
# "từ ngày 01/01 đến hết ngày 31/12" of each year is a span, not a due day either.
_PERIODIC = re.compile(
    r"(?i:định kỳ|(?:hằng|hàng|mỗi|từng)\s+(?:năm|tháng|quý|tuần)|(?<!\d)0?6 tháng|từ ngày \d{1,2}\S*\s+đến)"
)


def _sentence(flat: str, pos: int) -> str:
    start = flat.rfind(". ", 0, pos) + 1
    end = flat.find(". ", pos)
    return flat[start:end if end >= 0 else len(flat)]


def _day_months(flat: str, masked: str, doc_year: int | None) -> list[tuple[int, DateMention]]:
    found: list[tuple[int, DateMention]] = []
    for m in _DAY_MONTH_ONLY.finditer(masked):
        if doc_year is None or re.match(r"\s*(?:của\s+)?(?i:năm)", flat[m.end():]) or _PERIODIC.search(
                _sentence(flat, m.start())):
            continue
        iso = _iso(doc_year, int(m.group(2)), int(m.group(1)))
        kind, quote_from = _classify(flat, m.start())
        if iso and kind == "deadline":
            found.append((m.start(), DateMention(kind, iso, flat[quote_from:m.end()].strip())))
    return found


# --- relative deadlines: "chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định" -------------------
# The issuing document names itself by its type ("Quyết định này"); a lower-case or numbered noun after
# "ban hành" ("ban hành quyết định cấp phép", "Quyết định số ...") is another document, whose date
# is unknown: the processing times of procedures are worded that way.
_SELF = r"(?:Quyết định|Kế hoạch|Công văn|Chỉ thị|Công điện|Thông báo|Văn bản|văn bản|quyết định công bố)(?:\s+này)?"
_COUNT = r"(\d{1,3})(?:\s*\([^()]{1,20}\))?\s+ngày(\s+làm\s+việc)?"
_LEAD = (r"(?:(?i:trong\s+thời\s+hạn|thời\s+hạn(?:\s+hoàn\s+thành)?|chậm\s+nhất|không\s+quá|tối\s+đa|trong\s+vòng"
         r"|trong|sau)(?:\s+(?i:chậm\s+nhất|tối\s+đa|không\s+quá|là|sau))*\s+)?")
_RELATIVE = re.compile(
    _LEAD + _COUNT + r"\s*,?\s*(?:(?i:kể)\s+)?(?i:từ)\s+(?:ngày|khi)\s+"
    r"(?:(?P<self>" + _SELF + r")\s+(?:được\s+(?:\S+\s+){0,5}?)?(?:ký(?:\s+ban\s+hành)?|ban\s+hành"
    r"|có\s+hiệu\s+lực(?:\s+thi\s+hành)?)|(?:ký\s+)?ban\s+hành(?:\s+" + _SELF + r")?|ký(?:\s+" + _SELF + r")?)"
)
# "căn cứ Quyết định này, trong thời hạn 03 ngày làm việc xây dựng ...": counted from the issue
# too, when no other starting point follows.
_SELF_TIMEFRAME = re.compile(
    r"(?i:căn cứ)[^.;]{0,80}?(?:Quyết định|Kế hoạch|Công văn|Chỉ thị|Công điện) này\s*,?\s*"
    r"((?i:trong\s+thời\s+hạn|chậm\s+nhất|trong\s+vòng)\s+" + _COUNT + ")"
)
_OTHER_START = re.compile(r"(?i:kể từ|tính từ|từ ngày|từ khi|sau khi)")


def _relative(flat: str, issued: str) -> list[tuple[int, DateMention]]:
    """Deadlines counted from the document's issue date, dated when issued is known."""
    found: list[tuple[int, DateMention]] = []
    for m in _RELATIVE.finditer(flat):
        rest = flat[m.end():].lstrip()
        word = rest.split(" ", 1)[0] if rest else ""
        bare = m.group(0).endswith(("ban hành", "ký"))  # "kể từ ngày ban hành Danh mục ...": another text
        if not m.group("self") and not m.group(0).endswith("này") and (
                word[:1].isalnum() if bare else (word == "số" or word[:1].islower())):
            continue
        if not reported(flat, m.start()):
            found.append((m.start(), _dated(m.group(0).strip(" ,"), issued)))
    for m in _SELF_TIMEFRAME.finditer(flat):
        tail = re.split(r"[.;]", flat[m.end():], maxsplit=1)[0]
        if not _OTHER_START.search(tail) and not any(p == m.start(1) for p, _ in found):
            found.append((m.start(1), _dated(m.group(1), issued)))
    return found


def _dated(wording: str, issued: str) -> DateMention:
    return resolve_relative([DateMention("deadline", "", wording)], issued)[0]


def resolve_relative(mentions: list[DateMention], issued: str) -> list[DateMention]:
    """What the document's issue date (ISO, possibly partial) decides: relative deadlines are dated
    from it (calendar days, or Monday-Friday when the wording says "ngày làm việc"; public holidays
    are not known here), and a deadline or period before it is a reference: a directive cannot
    set a due time in its own past, so such a date is a quoted old deadline or a rule's date."""
    try:
        day = datetime.date.fromisoformat(issued) if len(issued) == 10 else None
    except ValueError:
        day = None
    out = []
    for mention in mentions:
        count = re.search(_COUNT, mention.text) if mention.kind == "deadline" and not mention.date else None
        if day is not None and count is not None:
            mention = DateMention("deadline", _add_days(day, int(count.group(1)), bool(count.group(2))).isoformat(),
                                  mention.text)
        elif mention.kind in ("deadline", "period") and mention.date and _before(mention.date, issued):
            mention = DateMention("reference", mention.date, mention.text)
        out.append(mention)
    return out


def _before(date: str, issued: str) -> bool:
    """Whether a (possibly partial) date lies wholly before the issue date, compared as far as both
    are known ("2025-07-01" before "2025-11-26"; "2025" not before "2025-11")."""
    n = min(len(date), len(issued))
    return bool(issued) and n >= 4 and date[:n] < issued[:n]


def _add_days(day: datetime.date, count: int, working: bool) -> datetime.date:
    if not working:
        return day + datetime.timedelta(days=count)
    while count > 0:
        day += datetime.timedelta(days=1)
        count -= day.weekday() < 5
    return day


def _partial_to_date(iso: str) -> datetime.date | None:
    """A (possibly partial) ISO string as a date: YYYY-MM and YYYY resolve to their last day."""
    parts = [int(p) for p in iso.split("-")] if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", iso) else []
    if len(parts) == 3:
        return datetime.date(*parts)
    if len(parts) == 2:
        return datetime.date.fromisoformat(last_day(*parts))
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
    if kind == "yearly":  # without a day ("Hằng năm"), due by the year's end
        month, day = (int(x) for x in args[0].split("-")) if args else (12, 31)
        return _next_in_months((month,), day, on_or_after)
    return None


def parse_doc_date(line: str) -> str:
    """The dispatch's own date from its header line, ISO and possibly partial; "" if none.

    "Hà Tĩnh, ngày 05 tháng 3 năm 2024" -> "2024-03-05"; "ngày tháng 3 năm 2024" -> "2024-03".
    """
    flat = flatten(line)
    dates = list(iter_full_dates(flat))
    return min(dates)[2] if dates else ""
