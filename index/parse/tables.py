"""Tables: plain-text table rows -> Markdown rows; task tables (TT | Nội dung | Đơn vị chủ trì |
Đơn vị phối hợp | Thời gian hoàn thành) -> one clause per row.

Text exported from web pages or Word writes a table one row per line with " | " between cells and
no leading pipe; `markdown_rows` rewrites such runs in the Markdown form .docx tables take, so the
parser meets one table form whatever the file was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.extract.citations import extract_citations
from index.extract.dates import extract_dates
from index.extract.units import split_units
from index.store.models import Clause

# Column roles recognised from header text (folded matching would also catch unaccented headers,
# but office tables are written with diacritics).
ROLES = [
    ("number", re.compile(r"^(s?tt|số tt|số thứ tự)$", re.IGNORECASE)),
    # "Địa điểm / Cách thức thực hiện" of a procedure name a place or a channel, not a unit.
    ("lead", re.compile(r"chủ trì|đầu mối|phụ trách|trách nhiệm|^thực hiện$"
                        r"|(?:đơn vị|cơ quan|bộ phận|người)\b.{0,12}thực hiện", re.IGNORECASE)),
    ("support", re.compile(r"phối hợp", re.IGNORECASE)),
    # "Thời hạn giải quyết" is a procedure's processing time, not a date a task is due.
    ("time", re.compile(r"^(?!.*giải quyết).*(?:thời gian|thời hạn|hoàn thành|tiến độ)", re.IGNORECASE)),
    ("task", re.compile(r"nội dung|nhiệm vụ|công việc|hoạt động", re.IGNORECASE)),
    ("output", re.compile(r"sản phẩm|kết quả", re.IGNORECASE)),
]
LABELS = {"lead": "Đơn vị chủ trì", "support": "Đơn vị phối hợp", "time": "Thời gian hoàn thành",
          "output": "Sản phẩm"}
SEP = " | "
# A cell that numbers its row: "1", "2.3", "II", "a)", "B1", "Bước 3", or a list dash.
ROW_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[a-zđ][.)]?|[A-Z]\d{0,2}\.?"
                        r"|Bước\s+\d{1,2}|[-+•]")
# A group row spanning the table ("I | CƠ CHẾ, CHÍNH SÁCH") is numbered with a roman numeral or letter.
GROUP_NUMBER = re.compile(r"[IVXLC]{1,6}\.?|[A-Z]\.?")
# A line opening a new part of the document: no table runs past it. A roman-numbered title may
# also head a group of rows inside a table; an article, chapter or appendix never does.
DOC_PART = re.compile(r"(?:Điều|Chương|Phần|PHẦN|PHỤ LỤC|Phụ lục)\s+[\dIVXLC]+\b|PHỤ LỤC")
PART_START = re.compile(rf"[IVXLC]{{1,6}}\.\s|{DOC_PART.pattern}")
LOOKAHEAD = 12        # non-blank lines a split row's rest may run over before the table's next row
MAX_HEADER_CELL = 80  # header cells name columns: longer text is data


def is_table_line(line: str) -> bool:
    return line.startswith("|") and line.count("|") >= 3


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _roles(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for idx, text in enumerate(header):
        for role, pattern in ROLES:
            if role not in found and pattern.search(text):
                found[role] = idx
                break
    return found


def is_header(row: list[str]) -> bool:
    """A row naming columns: short cells, "TT/STT" first or at least two known column names."""
    if len(row) < 2 or any(len(c) > MAX_HEADER_CELL for c in row):
        return False
    roles = _roles(row)
    return roles.get("number") == 0 or len(roles) >= 2


# ---------------------------------------------------------------------------------------------
# Plain-text rows ("1 | Nội dung | Sở Xây dựng | 2026") -> Markdown rows


@dataclass
class _Table:
    rows: list[list[str]]
    header: bool
    numbered: bool
    width: int = 0

    def last_open(self) -> bool:
        return len(self.rows[-1]) < self.width


def _is_bare_row(line: str) -> bool:
    return SEP in line and not line.startswith("|")


def _split(line: str) -> list[str]:
    line = re.sub(r"\s*\|\s*$", "", line)           # a trailing empty cell
    return [c.strip().replace("|", "/") for c in line.split(SEP)]


def _next_content(lines: list[str], start: int) -> int | None:
    return next((j for j in range(start, len(lines)) if lines[j]), None)


def _opens_table(lines: list[str], i: int) -> bool:
    """Rows one after another (blank lines aside), two of them side by side with as many cells
    (rows with merged or empty cells have fewer), or a header row followed by a row (a group
    title may come between)."""
    counts: list[int] = []
    j: int | None = i
    while j is not None and _is_bare_row(lines[j]):
        counts.append(len(_split(lines[j])))
        j = _next_content(lines, j + 1)
    if any(a == b for a, b in zip(counts, counts[1:], strict=False)):
        return True
    nxt = _next_content(lines, i + 1)
    if nxt is not None and not _is_bare_row(lines[nxt]) and _is_group_line(lines[nxt]):
        nxt = _next_content(lines, nxt + 1)
    return is_header(_split(lines[i])) and nxt is not None and _is_bare_row(lines[nxt])


def _is_group_line(line: str) -> bool:
    """A group title written without cells: "II. CHỈ ĐẠO, ĐIỀU HÀNH" (not "PHỤ LỤC II")."""
    letters = [c for c in line if c.isalpha()]
    return (len(line) <= MAX_HEADER_CELL and len(letters) >= 3 and all(c.isupper() for c in letters)
            and not DOC_PART.match(line))


def _starts_row(table: _Table, row: list[str]) -> bool:
    return not table.numbered or bool(ROW_NUMBER.fullmatch(row[0]))


def _continue_row(table: _Table, row: list[str], gap: bool) -> bool:
    """Join `row` to the open row before it when it is that row's rest, not a row of its own.

    The export writes an empty cell like a row boundary (a blank line), so a row is cut where a
    cell is empty; a line break inside a cell (no blank line) cuts that cell in two. Only numbered
    tables tell a rest from a row: the rest does not start with a row number.
    """
    last = table.rows[-1]
    if _starts_row(table, row) or not table.last_open():
        return False
    m, k, width = len(last), len(row), table.width
    if not gap and m + k - 1 <= width:
        last[-1] = f"{last[-1]} {row[0]}"
        last.extend(row[1:])
    elif gap and m + k + 1 <= width:
        last.extend(["", *row])
    elif gap and m + k <= width:
        last.extend(row)
    else:
        return False
    return True


def _resumes(table: _Table, lines: list[str], start: int) -> bool:
    """Does a row of this table follow within a few lines (no new part of the document between)?"""
    seen = 0
    for line in lines[start:]:
        if not line:
            continue
        seen += 1
        if seen > LOOKAHEAD or PART_START.match(line) or line.startswith("|"):
            return False
        if _is_bare_row(line):
            row = _split(line)
            return not is_header(row) and _starts_row(table, row)
    return False


def _continue_text(table: _Table, lines: list[str], j: int, gap: bool) -> bool:
    """Join a line without cells to the row above: a wrapped cell, or the rest of a cut row."""
    line, last = lines[j], table.rows[-1]
    if PART_START.match(line):
        return False
    sentence_goes_on = (line[0].islower() or line[0].isdigit()) and last[-1][-1:] not in ".;:!?"
    if not gap and (sentence_goes_on or (table.last_open() and _resumes(table, lines, j + 1))):
        last[-1] = f"{last[-1]} {line}"
        return True
    if gap and table.last_open() and _resumes(table, lines, j + 1):
        last.extend(["", line] if len(last) + 2 <= table.width else [line])
        return True
    return False


def _read_table(lines: list[str], i: int) -> tuple[_Table, int]:
    """The table opening at line i, and the index after its last line."""
    first = _split(lines[i])
    header = is_header(first)
    numbered = _roles(first).get("number") == 0 if header else bool(ROW_NUMBER.fullmatch(first[0]))
    table = _Table([first], header, numbered, len(first))
    j = end = i + 1
    gap = False
    while j < len(lines):
        line = lines[j]
        if not line:
            gap = True
        elif _is_bare_row(line):
            row = _split(line)
            if is_header(row):
                break
            if not _continue_row(table, row, gap):
                table.rows.append(row)
            table.width = max(table.width, len(table.rows[-1]))
        elif _is_group_line(line) and _resumes(table, lines, j + 1):
            table.rows.append([line, ""])     # two cells, so the Markdown row reads as a table line
        elif line.startswith("|") or not _continue_text(table, lines, j, gap):
            break
        if line:
            gap, end = False, j + 1
        j += 1
    return table, end


def markdown_rows(lines: list[str]) -> list[str]:
    """Rewrite plain-text tables as Markdown rows (a separator under a header row); other lines,
    a prose line with one " | " among them, are returned unchanged. Lines carry no line breaks."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not (_is_bare_row(lines[i]) and _opens_table(lines, i)):
            out.append(lines[i])
            i += 1
            continue
        table, i = _read_table(lines, i)
        rows = ["| " + " | ".join(row) + " |" for row in table.rows]
        if table.header:
            rows.insert(1, "|" + "---|" * len(table.rows[0]))
        out.extend(rows)
    return out


# ---------------------------------------------------------------------------------------------
# Rows -> clauses


def _is_separator(line: str) -> bool:
    return bool(re.fullmatch(r"[\s|:\-]+", line))


def _group(row: list[str], width: int) -> tuple[str, str] | None:
    """(number, title) of a row naming a group of the rows below it, spanning the table."""
    filled = [c for c in row if c]
    if len(filled) == 1 and width > 2:
        return "", filled[0]
    if len(filled) == 2 and width > 3 and row[0] == filled[0] and GROUP_NUMBER.fullmatch(filled[0]):
        return filled[0].rstrip("."), filled[1]
    return None


def _row_clause(row: list[str], roles: dict[str, int], path: str, headings: list[str],
                year: int | None, group: str) -> Clause | None:
    def cell(role: str) -> str:
        idx = roles.get(role)
        return row[idx] if idx is not None and idx < len(row) else ""

    task = cell("task") or SEP.join(c for i, c in enumerate(row) if i not in roles.values() and c)
    if not task.strip():
        return None
    number = ".".join(n for n in (group, cell("number")) if n) if cell("number") else ""
    parts = [task.rstrip(".;") + "."]
    parts += [f"{LABELS[r]}: {cell(r)}." for r in ("lead", "support", "time", "output") if cell(r)]
    # Dates are read from the row with its cells labelled: a bare "30/6/2025" or "2026-2028" under
    # "Thời gian hoàn thành" is when the task is due. The clause keeps the row as the document
    # writes it, cells between " | ", which is how readers quote a table row.
    dates = extract_dates(" ".join(parts), year)
    text = SEP.join(c for c in row if c)
    label = f"bảng, TT {number}" if number else "bảng"
    return Clause(
        ordinal=0, path=f"{path} › {label}" if path else label[0].upper() + label[1:], headings=headings,
        text=text, kind="table_row", lead_units=split_units(cell("lead")),
        support_units=split_units(cell("support")), dates=dates, citations=extract_citations(task),
    )


def _header_roles(lines: list[str]) -> tuple[dict[str, int], int]:
    """Column roles and the width named by the first row, when it is a header (a Markdown
    separator under it, or column names); {} when the table assigns no tasks."""
    first = cells(lines[0])
    marked = len(lines) > 1 and _is_separator(lines[1])
    roles = _roles(first) if marked or is_header(first) else {}
    return (roles if "task" in roles or "lead" in roles else {}), len(first)


def table_clauses(rows: list[str], path: str, headings: list[str], year: int | None) -> list[Clause]:
    """One clause per data row; a row naming only a group ("I | CƠ CHẾ") heads the rows below it."""
    if not rows:
        return []
    roles, width = _header_roles(rows)
    data = [r for r in (rows[1:] if roles else rows) if not _is_separator(r)]
    out: list[Clause] = []
    group: list[str] = []
    number = ""
    for line in data:
        row = cells(line)
        if roles and (found := _group(row, width)):
            number, title = found
            group = [f"{number}. {title}" if number else title]
            continue
        clause = _row_clause(row, roles, path, headings + group, year, number)
        if clause:
            out.append(clause)
    return out
