"""Footnotes of a directive: definitions ("¹ Các xã: …", "[1] Gồm: …") taken out of the body and
kept by the marker the body cites them with.

Web pages and Word exports write a bracketed footnote's definition after the signature (or after a
rule "____"), often run into the line above it once wrapped lines are rejoined ("Phạm Minh Chính
[…] [1] 07 Bộ …"). A definition is told from a citation by order: the body cites "[1]" first, the
definition is a later "[1]" standing after a space or at a line start; "[2]", "[3]" … follow it in
order. An editor's elision mark "[…]" ends a line: what follows it is not part of that line.
"""

from __future__ import annotations

import re

from index.parse.layout import is_caps

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A footnote's marker, the same where the body cites it and where its definition opens a line.
_MARKER = rf"[{SUPERSCRIPTS}]+|\[\d{{1,3}}\]"
FOOTNOTE_DEF = re.compile(rf"^({_MARKER})\s*(.+)$")
FOOTNOTE_REF = re.compile(_MARKER)
_BRACKET = re.compile(r"\[(\d{1,3})\]")
_ELISION = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*")
# Lines that end a footnote run: a part of the document, a heading in capitals, a table row, a
# numbered item of the body ("1.", "II.", "Điều 2.") or a rule.
_NOT_NOTE = re.compile(r"^(?:\||PHỤ LỤC|Phụ lục\s|Điều\s+\d|Chương\s|[IVXLC]{1,5}\.\s|\d{1,2}\.\s|_{3,})")


def split_elisions(lines: list[str]) -> list[str]:
    """"Phạm Minh Chính […] Phụ lục …" -> "Phạm Minh Chính", "Phụ lục …": the mark is dropped."""
    out: list[str] = []
    for line in lines:
        out.extend(part for part in _ELISION.split(line) if part)
    return out


def _definition_starts(lines: list[str]) -> list[tuple[int, int]]:
    """(line, offset) of each bracketed definition "[1]", "[2]" … in order, or [] when none."""
    spots = [(i, m.start(), int(m.group(1))) for i, line in enumerate(lines) for m in _BRACKET.finditer(line)]
    cited = False
    for k, (i, at, n) in enumerate(spots):
        if n != 1:
            continue
        if cited and _stands_alone(lines[i], at):
            return _run_from(spots[k:], lines)
        cited = True
    return []


def _stands_alone(line: str, at: int) -> bool:
    """A definition's marker opens the line or follows a space, and text follows it."""
    end = line.find("]", at) + 1
    return (at == 0 or line[at - 1] == " ") and end < len(line) and line[end] == " "


def _run_from(spots: list[tuple[int, int, int]], lines: list[str]) -> list[tuple[int, int]]:
    run: list[tuple[int, int]] = []
    expected = 1
    for i, at, n in spots:
        if n == expected and _stands_alone(lines[i], at):
            run.append((i, at))
            expected += 1
    return run


def split_definitions(lines: list[str]) -> list[str]:
    """Each bracketed footnote definition put on a line of its own."""
    starts = _definition_starts(lines)
    if not starts:
        return lines
    cuts: dict[int, list[int]] = {}
    for i, at in starts:
        cuts.setdefault(i, []).append(at)
    out: list[str] = []
    for i, line in enumerate(lines):
        points = [0, *cuts.get(i, []), len(line)]
        out.extend(part for a, b in zip(points, points[1:], strict=False) if (part := line[a:b].strip()))
    return out


def split_footnotes(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Take footnote definitions out of the body, with the lines that go on with them."""
    body: list[str] = []
    notes: dict[str, str] = {}
    current: str | None = None
    for line in lines:
        if m := FOOTNOTE_DEF.match(line):
            current = m.group(1)
            notes[current] = m.group(2).strip()
        elif current is not None and current.startswith("[") and _goes_on(line):
            notes[current] = f"{notes[current]} {line}"
        else:
            current = None
            body.append(line)
    return body, notes


def _goes_on(line: str) -> bool:
    """A line under a footnote definition that belongs to it ("(i) …", a wrapped sentence)."""
    return not is_caps(line) and not _NOT_NOTE.match(line)
