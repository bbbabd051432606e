"""Body lines put back together before they are read as sections: sentences wrapped over lines,
headings ("Điều 14. …", "Chương II …") broken over lines, and the break where an enclosed
document (a regulation, a plan issued with a decision) begins after the signature."""

from __future__ import annotations

import re
from collections.abc import Callable

from index.parse.footnotes import FOOTNOTE_DEF
from index.parse.layout import is_caps
from index.parse.tables import is_table_line

# Stands between the directive's own body and what follows its signature: the enclosed document's
# sections are its own, not items under the directive's last article.
ATTACHED = "\u2063ENCLOSED\u2063"
# Exports cut a heading after its word: "Điều" / "14. Trách nhiệm của Sở …", "Điều 4." / "Giá trị
# pháp lý …", "Chương" / "II" / "QUY TRÌNH …". Each rule: (the line above, whether this line goes
# on with it, the joined heading), tried in order.
_BROKEN_HEADINGS: tuple[tuple[re.Pattern[str], Callable[[str], object], Callable[[str, str], str]], ...] = (
    (re.compile(r"^Điều$"), re.compile(r"^\d{1,3}\s*[.:]\s*\S").match, lambda previous, line: f"Điều {line}"),
    (re.compile(r"^Điều\s+\d{1,3}\s*[.:]?$"), lambda line: not _starts_part(line),
     lambda previous, line: f"{previous.rstrip(' .:')}. {line}"),
    # "Điều 2. Giao" / "Sở X chủ trì …": an article title is never one syllable, so a lone word after
    # the number is the first word of the article's sentence, cut by the line break.
    (re.compile(r"^Điều\s+\d{1,3}\s*[.:]\s*[A-ZÀ-Ỹ][^\s.;:,]*$"), lambda line: not _starts_part(line),
     lambda previous, line: f"{previous} {line}"),
    (re.compile(r"^Chương\Z"), re.compile(r"^[IVXLC\d]{1,5}\.?$").match,
     lambda previous, line: f"Chương {line.rstrip('.')}"),
)
_CHAPTER = re.compile(r"^Chương(?:\s+[IVXLC\d]{1,5})?\.?$")
# "(Kèm theo Quyết định số … ) Chương I": a chapter heading run into the line above it.
_TRAILING_CHAPTER = re.compile(r"^(.*\S)\s+(Chương\s+[IVXLC]{1,5})$")


def join_split_headings(lines: list[str]) -> list[str]:
    """Article and chapter headings broken over lines, joined into one heading line each."""
    out: list[str] = []
    titling = False        # a chapter heading still taking its title's lines in capitals
    for line in _split_trailing_chapters(lines):
        previous = out[-1] if out else ""
        if (joined := _joined_heading(previous, line)) is not None:
            out[-1] = joined
        elif titling and is_caps(line) and not is_table_line(line):
            out[-1] = f"{previous.rstrip('.')}. {line}" if _CHAPTER.match(previous) else f"{previous} {line}"
        else:
            out.append(line)
        titling = bool(_CHAPTER.match(out[-1])) and out[-1] != "Chương" or (titling and out[-1] != line)
    return out


def _joined_heading(previous: str, line: str) -> str | None:
    """The heading that previous and line make together, when a rule above joins them."""
    for above, goes_on, join in _BROKEN_HEADINGS:
        if above.match(previous) and goes_on(line):
            return join(previous, line)
    return None


def _starts_part(line: str) -> bool:
    return line.startswith(("Điều", "Chương", "|")) or bool(re.match(r"^(?:\d{1,2}|[IVXLC]{1,5}|[a-zđ])[.)]\s", line))


def _split_trailing_chapters(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if m := _TRAILING_CHAPTER.match(line):
            out.extend([m.group(1), m.group(2)])
        else:
            out.append(line)
    return out


# "kinh tế - xã hội", "Vụ Tổ chức - Biên chế": two words a document joins by a dash on one line.
_DASHED = re.compile(r"(\w+) [-–] (\w+)")
_DASH_START = re.compile(r"^[-–]\s*(\w+)")


def merge_broken_lines(lines: list[str], is_marker: Callable[[str], bool]) -> list[str]:
    """Join a line that starts in lower case to the previous one when that stops mid-sentence, and
    a line that starts with the second half of a dashed compound the document writes whole
    elsewhere ("… Vụ Tổ chức" / "- Biên chế thuộc Bộ Nội vụ."): the break fell inside a name, it
    starts no "-" item."""
    dashed = {(a.lower(), b.lower()) for line in lines for a, b in _DASHED.findall(line)}
    out: list[str] = []
    for line in lines:
        if out and (_dash_wrapped(out[-1], line, dashed) or _continues(out[-1], line, is_marker)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _dash_wrapped(previous: str, line: str, dashed: set[tuple[str, str]]) -> bool:
    last, first = re.search(r"(\w+)$", previous), _DASH_START.match(line)
    return last is not None and first is not None and (last.group(1).lower(), first.group(1).lower()) in dashed


def _continues(previous: str, line: str, is_marker: Callable[[str], bool]) -> bool:
    """A wrapped sentence: the previous line stops without punctuation and this one is no new item."""
    if ATTACHED in (previous, line) or is_marker(line) or is_table_line(previous) or is_table_line(line):
        return False
    if previous.endswith((".", ";", ":", "!", "?", "./.")) or FOOTNOTE_DEF.match(line):
        return False
    # Upper-case continuations ("… của Ban" / "Thường vụ Tỉnh ủy …") only after a long line:
    # short unpunctuated lines are headings.
    return line[:1].islower() or (len(previous) > 80 and previous[-1:].isalnum())
