"""Task tables (TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành) -> clauses."""

from __future__ import annotations

import re

from index.extract.citations import extract_citations
from index.extract.dates import extract_dates
from index.extract.units import split_units
from index.store.models import Clause

# Column roles recognised from header text (folded matching would also catch unaccented headers,
# but office tables are written with diacritics).
ROLES = [
    ("number", re.compile(r"^(s?tt|số tt|số thứ tự)$", re.IGNORECASE)),
    ("lead", re.compile(r"chủ trì|thực hiện|đơn vị thực hiện|cơ quan thực hiện|đầu mối", re.IGNORECASE)),
    ("support", re.compile(r"phối hợp", re.IGNORECASE)),
    ("time", re.compile(r"thời gian|thời hạn|hoàn thành|tiến độ", re.IGNORECASE)),
    ("task", re.compile(r"nội dung|nhiệm vụ|công việc|hoạt động", re.IGNORECASE)),
    ("output", re.compile(r"sản phẩm|kết quả", re.IGNORECASE)),
]
LABELS = {"lead": "Đơn vị chủ trì", "support": "Đơn vị phối hợp", "time": "Thời gian hoàn thành",
          "output": "Sản phẩm"}


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


def _is_separator(line: str) -> bool:
    return bool(re.fullmatch(r"[\s|:\-]+", line))


def _row_clause(row: list[str], roles: dict[str, int], path: str, headings: list[str],
                year: int | None) -> Clause | None:
    def cell(role: str) -> str:
        idx = roles.get(role)
        return row[idx] if idx is not None and idx < len(row) else ""

    task = cell("task") or " ".join(c for i, c in enumerate(row) if i not in roles.values())
    if not task.strip():
        return None
    number = cell("number")
    parts = [task.rstrip(".;") + "."]
    parts += [f"{LABELS[r]}: {cell(r)}." for r in ("lead", "support", "time", "output") if cell(r)]
    text = " ".join(parts)
    # From the labelled row text: a bare "30/6/2025" under "Thời gian hoàn thành" is a deadline.
    dates = extract_dates(text, year)
    label = f"bảng, TT {number}" if number else "bảng"
    return Clause(
        ordinal=0, path=f"{path} › {label}" if path else label.capitalize(), headings=headings,
        text=text, kind="table_row", lead_units=split_units(cell("lead")),
        support_units=split_units(cell("support")), dates=dates, citations=extract_citations(task),
    )


def table_clauses(rows: list[str], path: str, headings: list[str], year: int | None) -> list[Clause]:
    """One clause per data row; a row whose only filled cell is text is a group heading."""
    lines = [r for r in rows if not _is_separator(r)]
    if not lines:
        return []
    header = cells(lines[0])
    roles = _roles(header)
    if "task" not in roles and "lead" not in roles:
        roles, data = {}, lines          # not a task table: keep every row as text
    else:
        data = lines[1:]
    out: list[Clause] = []
    group: list[str] = []
    for line in data:
        row = cells(line)
        filled = [c for c in row if c]
        if roles and len(filled) == 1 and len(row) > 2:
            group = [filled[0]]           # "I. Cải cách thể chế" spanning the whole row
            continue
        clause = _row_clause(row, roles, path, headings + group, year)
        if clause:
            out.append(clause)
    return out
