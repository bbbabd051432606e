"""Word files: .docx read with python-docx (paragraphs and tables in document order), after checks
that keep encrypted files and zip bombs from ever being inflated."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import IngestError

if TYPE_CHECKING:
    from docx.table import Table

DOCX_MAX_UNCOMPRESSED = 100 * 1024 * 1024
DOCX_MAX_RATIO = 100
# Small XML parts can legitimately compress >100x (empty table cells); only big members matter.
DOCX_RATIO_MIN_SIZE = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"



def _check_zip(path: Path, name: str) -> None:
    """Refuse OLE files (encrypted .docx, old .doc) and zip bombs before python-docx inflates it."""
    with path.open("rb") as fh:
        if fh.read(8) == OLE_MAGIC:
            raise IngestError(name, "encrypted or legacy .doc file, save it as .docx")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise IngestError(name, "corrupt or unreadable .docx") from None
    # zipfile never inflates past a member's declared size, so the declared sizes can be trusted.
    total = sum(m.file_size for m in members)
    bomb = total > DOCX_MAX_UNCOMPRESSED or any(
        m.file_size > DOCX_RATIO_MIN_SIZE and m.file_size > DOCX_MAX_RATIO * max(m.compress_size, 1)
        for m in members
    )
    if bomb:
        raise IngestError(name, "docx looks like a zip bomb")


def _cell_text(text: str) -> str:
    return " ".join(text.replace("|", "/").split())


def _table_rows(table: Table) -> list[str]:
    """A Word table as Markdown pipe rows; the first row is treated as the header."""
    rows = [[_cell_text(cell.text) for cell in row.cells] for row in table.rows]
    rows = [cells for cells in rows if any(cells)]
    lines = ["| " + " | ".join(cells) + " |" for cells in rows]
    if lines:
        lines.insert(1, "|" + "---|" * len(rows[0]))
    return lines


def read_docx(path: Path, name: str) -> str:
    _check_zip(path, name)
    import docx  # imported lazily: only needed for Word files
    from docx.table import Table

    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        # Body children in document order, so tables sit between the paragraphs around them.
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(["", *_table_rows(block), ""])
            else:
                lines.append(block.text)
    except IngestError:
        raise
    except Exception:  # python-docx raises KeyError, ValueError, lxml errors... on broken packages
        raise IngestError(name, "corrupt or unreadable .docx") from None
    return "\n".join(lines)
