"""Due periods of a clause: a quarter, month, half-year, year or a range of them, as its last day.

A period is a due time only when wording makes it one ("hoàn thành trong quý II/2027", a task
table's "Thời gian hoàn thành: 2026-2028"); the same words also name report periods ("kết quả
quý I"), plan spans ("giai đoạn 2021-2025") and goals ("Mục tiêu đến hết năm 2026"), which are
not due times. Helpers shared with index.extract.dates live here so that this module imports nothing of it.
"""

from __future__ import annotations

import calendar
import datetime
import re

from index.store.models import DateMention

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR_OF = r"(?:\s*(?:/|(?:của\s+)?(?i:năm))\s*(\d{4}))?"
_QUARTER = re.compile(r"(?i:quý)\s+(IV|III|II|I|[1-4])(?![\w])" + _YEAR_OF + r"(?!\d)")
_MONTH = re.compile(r"(?i:tháng)\s+(\d{1,2})" + _YEAR_OF + r"(?![\d/])")
_HALF = re.compile(r"(\d{1,2})\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?(?!\d)")
# One end of a range: "Quý IV/2025", "tháng 6/2026", "năm 2026", "2026".
_END = (r"(?i:quý)\s+(?:IV|III|II|I|[1-4])(?![\w])" + _YEAR_OF.replace("(\\d{4})", "\\d{4}")
        + r"|(?i:tháng)\s+\d{1,2}" + _YEAR_OF.replace("(\\d{4})", "\\d{4}") + r"|(?:(?i:năm)\s+)?\d{4}")
_RANGE = re.compile(rf"(?<![\d/.\-:])(?:(?i:từ)\s+)?({_END})\s*(?:[-–]|(?i:đến(?:\s+hết)?))\s*({_END})(?![\d/]|[.,]\d)")
_YEAR = re.compile(r"(?<![\d/.\-:])(?:((?i:năm))\s+)?(\d{4})(?![\d/\-]|[.,]\d)")


def _wording(*phrases: str, before: str = "", after: str = "") -> re.Pattern[str]:
    """Any of the phrases, in any case, between the before and after patterns: the wording lists
    below stay lists of words that can be read and extended, not regex alternations."""
    return re.compile(f"{before}(?i:{'|'.join(phrases)}){after}")


_WORD_START, _WORD_END = r"(?<!\w)", r"(?!\w)"
# Completion wording that makes a period a due time ("hoàn thành trong quý II/2027").
_PERIOD_STRONG = _wording("hoàn thành", "xong", "thời gian hoàn thành", "thời gian thực hiện", "thời hạn", "hạn chót",
                          "chậm nhất", after=r"[^;|]{0,25}$")
_PERIOD_WEAK = _wording("trong", "vào", "trước", "hết", "đến hết", "cuối", before=_WORD_START, after=r"\s*$")
# Reporting context ("kết quả quý I năm 2023", "theo báo cáo ... 06 tháng đầu năm") and goals
# ("phấn đấu đến hết quý IV") are not due times.
_PERIOD_CONTEXT = _wording("kết quả", "tình hình", "tồn tại", "hạn chế", "số liệu", "báo cáo của", "đánh giá",
                           r"đã\s", "mục tiêu", "phấn đấu", "dự kiến")
# A year alone is a due time only right after completion wording or a completion label.
_YEAR_DONE = _wording("hoàn thành", "xong", "chậm nhất(?: là)?", "thời hạn",
                      after=r"\s*[:\-–]?\s*(?:(?:vào|trong)\s+)?$")
_DONE_LABEL = _wording("thời gian hoàn thành", "thời hạn(?: hoàn thành)?", "tiến độ hoàn thành", after=r"\s*:\s*$")
# A label that makes what follows it a time cell's value ("Thời gian thực hiện: …").
_TIME_LABEL = _wording("thời gian", "thời hạn", "tiến độ", after=r"[^.;:|]{0,25}:\s*$")
# "triển khai thực hiện trong năm 2026" schedules ongoing work or a target, not a deliverable.
# "các nhiệm vụ được giao trong năm 2026" dates the assignment, not a due time.
_ONGOING = _wording("triển khai", "thực hiện", "áp dụng", "duy trì", "đạt", "giao", after=r"\s+(?:\S+\s+){0,2}$")
# Open-ended duties ("Thường xuyên rà soát ... hoàn thành đúng hạn các nhiệm vụ") set no due year.
_OPEN_ENDED = _wording("thường xuyên", "liên tục", "hằng năm", "hàng năm", "định kỳ", "lộ trình", "đúng hạn",
                       "đúng thời hạn")
# A short task phrase that starts with a deliverable verb: "; công bố kết quả trong năm 2026."
_DELIVER = _wording("ban hành", "công bố", "trình", "phê duyệt", "hoàn thiện", "số hóa",
                    before=r"^\s*(?:\(\d+\)\s*|[-+•]\s*)?", after=r"\s")
_PHRASE_END = re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?(?:[.;|]|$)")
# An instruction reported from an earlier document ("Thủ tướng đã giao “... trước ngày 20/9”"),
# unless the sentence goes on to give a new one.
_REPORTED = _wording(r"đã\s+(?:giao|chỉ đạo|yêu cầu|đề nghị|quy định|hướng dẫn)", before=_WORD_START, after=_WORD_END)
_RENEWED = _wording("đề nghị", "yêu cầu", "nay", "tiếp tục", before=r"(?<!đã )" + _WORD_START, after=_WORD_END)
# A month or quarter of an unnamed year ("quý I của năm liền kề", "tháng 12 năm (j-1)", "tháng 4 của
# năm sau"), a past one ("cuối tháng 10 vừa qua") or a start ("Từ tháng 11/2025") is no due time.
_UNDATED_AFTER = re.compile(r"\s*(?:của\s+)?(?i:năm)(?!\s*\d{4})|\s*(?:\S+\s+){0,3}?(?i:vừa qua|vừa rồi)")
_STARTS = _wording("từ", "bắt đầu(?: từ)?", before=_WORD_START, after=r"\s*$")
# "vào tháng 4 và tháng 8 năm 2026": the year written once at the end of a list covers every item.
_LISTED_YEAR = re.compile(r"\s*(?:,|và|hoặc)\s*(?i:tháng|quý)\s+\w{1,3}\s*(?:/|(?i:năm))\s*(\d{4})")


_DUE_MASK = "\x01"  # a period already taken as due (index.extract.dates masks its full dates with "\x00")


def phrase_before(flat: str, pos: int, width: int = 120) -> str:
    """Text before pos back to the last ';', '|' or sentence end: the phrase a date belongs to."""
    window = flat[max(0, pos - width):pos]
    cut = max(window.rfind(";"), window.rfind("|"), window.rfind(". "))
    return window[cut + 1:] if cut >= 0 else window


def reported(flat: str, pos: int) -> bool:
    """Whether the sentence before pos reports an earlier instruction rather than giving one."""
    window = flat[max(0, pos - 400):pos]
    sentence = window[window.rfind(". ") + 1:]
    found = list(_REPORTED.finditer(sentence))
    return bool(found) and not _RENEWED.search(sentence[found[-1].end():])


def last_day(year: int, month: int) -> str:
    return datetime.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def cell_value(flat: str, start: int, end: int) -> bool:
    """Whether [start, end) is the whole text (a table's time cell) or the whole value of a time label."""
    if not flat[:start].strip(" -:|(") and not flat[end:].strip(" .;:|)"):
        return True
    labelled = _TIME_LABEL.search(flat[:start])
    return bool(labelled) and bool(_PHRASE_END.match(flat[end:]))


def _period_allowed(flat: str, start: int, end: int, pattern: re.Pattern[str] | None) -> bool:
    """A quarter/month is a due time after completion wording, or as a cell's whole value.

    The cell rule is for "Quý II/2027" / "Tháng 6/2027" cells only: a bare "06 tháng đầu năm
    2024" is usually a report's period (or a wrapped subject line).
    """
    if cell_value(flat, start, end) and pattern is not _HALF:
        return True
    before = phrase_before(flat, start, 80)
    if _PERIOD_STRONG.search(before) or re.search(_DUE_MASK + r"\s*(?:,|và|hoặc)\s*$", before):
        return True  # completion wording, or the next item of a list whose first item was due
    return bool(_PERIOD_WEAK.search(before)) and not _PERIOD_CONTEXT.search(before)


def _year_allowed(flat: str, m: re.Match[str]) -> bool:
    """A year ("trong năm 2026", "Năm 2026", "2026") as a due time: see the module docstring."""
    before = phrase_before(flat, m.start(), 250)
    if re.search(r"(?i:tháng|quý)\s+\S+\s+$|(?i:đầu|cuối)\s+$", before):
        return False  # the year of a month or quarter that was not due ("kết quả tháng 10 năm 2025")
    ends = bool(_PHRASE_END.match(flat[m.end():]))
    if _DONE_LABEL.search(before) and ends:
        return True
    if not m.group(1):  # a bare number is a year only under a completion label
        return False
    if cell_value(flat, m.start(), m.end()) and not flat[:m.start()].strip(" -:|("):
        return True
    if _YEAR_DONE.search(before):
        return True
    if not re.search(r"(?<!\w)(?i:trong)\s+$", before) or _ONGOING.search(before) or _OPEN_ENDED.search(before):
        return False
    if _PERIOD_STRONG.search(before):
        return True
    done = list(re.finditer(r"(?i:hoàn thành|xong)", before))
    if done and not _PERIOD_CONTEXT.search(before[done[-1].end():]):
        return True
    return ends and bool(_DELIVER.match(before))


def _range_end(m: re.Match[str], doc_year: int | None) -> str | None:
    """Last day of a range's second end; its year falls back to the first end's, then the document's."""
    years = [int(y) for y in re.findall(r"\d{4}", m.group(0))]
    first_year = int(y[0]) if (y := re.findall(r"\d{4}", m.group(1))) else None
    second = m.group(2)
    year = int(y[-1]) if (y := re.findall(r"\d{4}", second)) else first_year or doc_year
    if year is None or (years and (min(years) > year or year - min(years) > 20)):
        return None
    if q := _QUARTER.match(second):
        return last_day(year, _ROMAN[q.group(1).upper()] * 3)
    if mo := _MONTH.match(second):
        month = int(mo.group(1))
        return last_day(year, month) if 1 <= month <= 12 else None
    return last_day(year, 12) if 1900 <= year <= 2100 else None


def _range_allowed(flat: str, m: re.Match[str]) -> bool:
    """Quarter/month ranges as quarters are; a year range ("2026-2028") only as a completion value."""
    if re.search(r"(?i:quý|tháng)", m.group(0)):
        return _period_allowed(flat, m.start(), m.end(), None)
    before = phrase_before(flat, m.start(), 80)
    ends = bool(_PHRASE_END.match(flat[m.end():]))
    alone = not flat[:m.start()].strip(" -:|(") and not flat[m.end():].strip(" .;:|)")
    return alone or (ends and bool(_DONE_LABEL.search(before) or _YEAR_DONE.search(before)))


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + _DUE_MASK * (end - start) + text[end:]


def periods(flat: str, doc_year: int | None) -> list[tuple[int, DateMention]]:
    """Ranges, years, quarters, months and "N tháng đầu năm" that are due times, each as its last day.

    Ranges go first and are masked, so "Quý IV/2025 - Quý II/2026" yields only its end.
    """
    found: list[tuple[int, DateMention]] = []
    for pattern in (_RANGE, _QUARTER, _MONTH, _HALF, _YEAR):
        for m in pattern.finditer(flat):
            if "\x00" in m.group(0) or _DUE_MASK in m.group(0) or reported(flat, m.start()):
                continue
            listed = _LISTED_YEAR.match(flat[m.end():m.end() + 40]) if pattern in (_QUARTER, _MONTH) else None
            iso = _period_end(pattern, m, int(listed.group(1)) if listed else doc_year)
            if iso is None or (doc_year and int(iso[:4]) < doc_year) or not _allowed(flat, m, pattern):
                continue
            found.append((m.start(), DateMention("period", iso, _quote(flat, m))))
            flat = _mask(flat, m.start(), m.end())
    return found


def _allowed(flat: str, m: re.Match[str], pattern: re.Pattern[str]) -> bool:
    if pattern is _RANGE:
        return _range_allowed(flat, m)
    if pattern is _YEAR:
        return _year_allowed(flat, m)
    if _UNDATED_AFTER.match(flat[m.end():m.end() + 40]) or _STARTS.search(flat[max(0, m.start() - 20):m.start()]):
        return False
    if pattern is _HALF:  # "trong 10 tháng đầu năm" is nearly always a report's period
        return bool(_PERIOD_STRONG.search(phrase_before(flat, m.start(), 80)))
    return _period_allowed(flat, m.start(), m.end(), pattern)


def _quote(flat: str, m: re.Match[str]) -> str:
    """The period with the wording that makes it due ("hoàn thành trong quý II/2027")."""
    before = phrase_before(flat, m.start(), 40)
    lead = _PERIOD_STRONG.search(before) or _PERIOD_WEAK.search(before)
    start = m.start() - len(before) + lead.start() if lead else m.start()
    return flat[start:m.end()].strip()


def _period_end(pattern: re.Pattern[str], m: re.Match[str], doc_year: int | None) -> str | None:
    """Last day of the matched period, or None if the year is unknown or invalid."""
    if pattern is _RANGE:
        return _range_end(m, doc_year)
    if pattern is _HALF:
        count, which, year_text = int(m.group(1)), m.group(2), m.group(3)
        month = 12 if which == "cuối" else count
    elif pattern is _QUARTER:
        month, year_text = _ROMAN[m.group(1).upper()] * 3, m.group(2)
    elif pattern is _YEAR:
        month, year_text = 12, m.group(2)
    else:
        month, year_text = int(m.group(1)), m.group(2)
    year = int(year_text) if year_text else doc_year
    if year is None or not 1 <= month <= 12 or not 1900 <= year <= 2100:
        return None
    return last_day(year, month)
