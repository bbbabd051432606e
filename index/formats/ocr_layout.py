"""Tesseract's TSV (one row per recognised word, with its box and confidence) back into the text
ingest produces for a born-digital file: one line per recognised line, a blank line between
paragraphs, and ruled tables as Markdown pipe rows in reading order, as the .docx reader writes them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from index.formats.ocr_image import Grid

_DUST = "_`ˆ¬~|"
COLUMN_GAP = 3.0         # a gap of this many x-heights between words separates two columns
SHORT_LINE = 0.12        # a line ending this share of the text width before the margin ends its paragraph
MIN_WORD_CONF = 0        # Tesseract gives -1 to layout rows and 0 to noise it could not read


@dataclass(frozen=True)
class Word:
    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]     # (block, paragraph, line) as Tesseract numbered them

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


@dataclass
class PageText:
    """One page's text and the confidences of the words it is made of."""

    text: str
    confidences: list[float] = field(default_factory=list)


def parse_tsv(tsv: str) -> list[Word]:
    """The word rows of `tesseract … tsv` output (level 5), in Tesseract's reading order."""
    words: list[Word] = []
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        # Dust fused to a word reads as these; no dispatch prints them at a word's edge.
        text = (row.get("text") or "").strip().strip(_DUST)
        if row.get("level") != "5" or not text:
            continue
        conf = float(row["conf"])
        if conf < MIN_WORD_CONF:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        words.append(Word(text, conf, int(row["left"]), int(row["top"]), int(row["width"]),
                          int(row["height"]), key))
    return words


NOISE_CONF = 70         # punctuation-only "words" below this are dust; real bullets score 90+


def _is_noise(word: Word) -> bool:
    """Specks read as punctuation with low confidence: dust on the glass, not text."""
    return word.conf < NOISE_CONF and not any(ch.isalnum() for ch in word.text)


def empty_cells(grid: Grid, words: list[Word], inset: int) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom) of the grid's cells where no word was recognised: a lone
    digit in a wide TT column is what Tesseract's page layout most often drops."""
    filled = {grid.cell(*w.centre) for w in words if not _is_noise(w)}
    boxes = []
    for row in range(len(grid.rows) - 1):
        for col in range(len(grid.cols) - 1):
            if (row, col) not in filled:
                boxes.append((grid.cols[col] + inset, grid.rows[row] + inset,
                              grid.cols[col + 1] - inset, grid.rows[row + 1] - inset))
    return [box for box in boxes if box[2] > box[0] and box[3] > box[1]]


def moved(word: Word, dx: int, dy: int) -> Word:
    """The word shifted by (dx, dy): from a crop's coordinates back to the page's."""
    return Word(word.text, word.conf, word.left + dx, word.top + dy, word.width, word.height, word.line)


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped by Tesseract's line, in its order."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return list(lines.values())


def _segments(line: list[Word]) -> list[list[Word]]:
    """A line cut where a gap between words is far wider than a space: two columns side by side."""
    height = sorted(w.height for w in line)[len(line) // 2]
    out = [[line[0]]]
    for prev, word in zip(line, line[1:], strict=False):
        if word.left - (prev.left + prev.width) > COLUMN_GAP * height:
            out.append([])
        out[-1].append(word)
    return out


def _columns(lines: list[list[Word]]) -> list[list[Word]]:
    """Undo Tesseract's merging of a two-column letterhead ("ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI…"
    as one line): in a run of lines that each split in two, the left column is read first."""
    out: list[list[Word]] = []
    run: list[list[list[Word]]] = []
    for line in [*lines, []]:
        parts = _segments(line) if line else []
        if len(parts) == 2:
            run.append(parts)
            continue
        out.extend(parts[0] for parts in run)
        out.extend(parts[1] for parts in run)
        run = []
        if line:
            out.append(line)
    return out


def _cell_text(words: list[Word]) -> str:
    """A cell's lines top to bottom, each left to right; '|' would split the Markdown row."""
    lines = sorted(_lines(words), key=lambda line: min(w.top for w in line))
    return " ".join(w.text.replace("|", "/") for line in lines for w in sorted(line, key=lambda w: w.left))


def _table_rows(grid: Grid, words: list[Word]) -> list[str]:
    cells: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        where = grid.cell(*word.centre)
        if where is not None:
            cells.setdefault(where, []).append(word)
    rows: list[str] = []
    for row in range(len(grid.rows) - 1):
        texts = [_cell_text(cells.get((row, col), [])) for col in range(len(grid.cols) - 1)]
        if any(texts):
            rows.append("| " + " | ".join(texts) + " |")
    if rows:
        rows.insert(1, "|" + "---|" * (len(grid.cols) - 1))
    return ["", *rows, ""]


def _margin(lines: list[list[Word]]) -> tuple[int, int]:
    """The right margin of the text (where full lines end) and the width of the text column."""
    if not lines:
        return 0, 0
    rights = sorted(max(w.left + w.width for w in line) for line in lines)
    left = min(w.left for line in lines for w in line)
    right = rights[int(0.9 * (len(rights) - 1))]
    return right, right - left


def page_text(words: list[Word], grids: list[Grid]) -> PageText:
    """The page as lines: prose in Tesseract's order, each table placed where its top edge is."""
    words = [w for w in words if not _is_noise(w)]
    in_table = [next((g for g in grids if g.cell(*w.centre) is not None), None) for w in words]
    prose = [w for w, g in zip(words, in_table, strict=True) if g is None]
    pending = list(grids)
    out: list[str] = []
    # Paragraphs by geometry, not Tesseract's paragraph numbers (unreliable on letterheads): a line
    # that stops short of the margin ends one; ingest rejoins the other lines as hard-wrapped.
    lines = _columns(_lines(prose))
    margin, width = _margin(lines)
    for line in lines:
        top = min(w.top for w in line)
        while pending and pending[0].rows[0] < top:
            grid = pending.pop(0)
            out.extend(_table_rows(grid, [w for w, g in zip(words, in_table, strict=True) if g is grid]))
        out.append(" ".join(w.text for w in line))
        if max(w.left + w.width for w in line) < margin - SHORT_LINE * width:
            out.append("")    # a short line ends its paragraph: ingest never joins across this
    for grid in pending:
        out.extend(_table_rows(grid, [w for w, g in zip(words, in_table, strict=True) if g is grid]))
    return PageText("\n".join(out), [w.conf for w in words])


# Tesseract's usual misreadings of the genre's fixed words, where the context makes them certain.
_OCR_FIXES = (
    (re.compile(r"^(?:V/[wWV]|VW|V/)(?= )", re.MULTILINE), "V/v"),
    # "ằ" read as "ã": "hãng" (a company) never comes before a period; "hằng tháng" always does.
    (re.compile(r"\b([Hh])ãng(?= (?:ngày|tuần|tháng|quý|năm)\b)"), r"\1ằng"),
)


def fix_misreadings(text: str) -> str:
    """Correct the misreadings in _OCR_FIXES (run by ingest on the whole recognised text)."""
    for pattern, replacement in _OCR_FIXES:
        text = pattern.sub(replacement, text)
    return text
