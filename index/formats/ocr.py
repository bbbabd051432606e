"""OCR with Tesseract and its Vietnamese model, for scanned PDFs and photographed dispatches.

The tesseract command line is called directly (no Python binding to install): one process per
page, pages in parallel up to the cores, each process single-threaded so they do not fight.
Each page is turned upright (Tesseract's OSD), straightened, cleaned (index.formats.ocr_image) and read
into lines and table rows (index.formats.ocr_layout); ingest then normalises the text as for any file.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from PIL import Image

from index.errors import IngestError, OcrUnavailable
from index.formats import ocr_image, ocr_layout

LANGUAGE = "vie"
PACKAGES = "tesseract-ocr tesseract-ocr-vie"
INSTALL_HINT = f"install Tesseract with its Vietnamese model: apt-get install {PACKAGES}"
# Below this mean word confidence (0-100) a reader should check the text against the paper.
LOW_CONFIDENCE = 80.0
MAX_PAGES = 100            # a longer scan is refused: at ~3 s a page it would hold the bot for minutes
PAGE_TIMEOUT_S = 180
OSD_MIN_CONFIDENCE = 2.0   # below this Tesseract's orientation guess is no better than chance
DPI = 300
CELL_GAP = 40              # paper between cells stacked for a second reading

PageSource = Callable[[], Image.Image]      # loads one page when a worker gets to it
Progress = Callable[[int, int], None]       # (pages done, pages in all)


@dataclass(frozen=True)
class OcrResult:
    """Recognised text (one line per recognised line, tables as pipe rows) and how sure OCR was."""

    text: str
    confidence: float      # mean word confidence, 0-100
    pages: int
    seconds: float

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


def tesseract_command() -> str:
    """The tesseract executable; CCHC_TESSERACT points elsewhere (or nowhere, to test absence)."""
    return os.environ.get("CCHC_TESSERACT", "tesseract")


@functools.cache
def _missing(command: str) -> str | None:
    path = shutil.which(command)
    if path is None:
        return "Tesseract is not installed"
    try:
        langs = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "Tesseract does not run"
    if LANGUAGE not in langs.split():
        return "Tesseract has no Vietnamese model"
    return None


def missing() -> str | None:
    """Why OCR cannot run here, or None when Tesseract and its Vietnamese model are installed."""
    return _missing(tesseract_command())


def require(name: str, what: str) -> None:
    """Raise OcrUnavailable naming the file and the packages to install when OCR cannot run."""
    reason = missing()
    if reason is not None:
        raise OcrUnavailable(name, f"{what}, and OCR is not available ({reason}): {INSTALL_HINT}")


def _run(args: list[str], image: Image.Image, name: str) -> str:
    """Run tesseract on one image passed through stdin (uncompressed PGM: fastest to write)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    # One thread per process: the pages already run in parallel, and OpenMP would oversubscribe.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run([tesseract_command(), "stdin", "stdout", *args], input=buffer.getvalue(),
                              capture_output=True, timeout=PAGE_TIMEOUT_S, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise IngestError(name, f"OCR took over {PAGE_TIMEOUT_S} s on one page") from None
    except OSError as exc:
        raise IngestError(name, f"OCR could not start ({exc.strerror})") from None
    if done.returncode != 0 and "osd" not in args:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise IngestError(name, f"OCR failed: {detail[0]}")
    return done.stdout.decode("utf-8", "replace")


_ROTATE_RE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF_RE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def orientation(grey: Image.Image, name: str) -> int:
    """Degrees (counter-clockwise) that turn the page upright, from Tesseract's OSD; 0 when the
    page has too little text for OSD to say (it then fails, which is not an error)."""
    small = grey.reduce(2) if min(grey.size) > 1600 else grey      # OSD needs far fewer pixels
    report = _run(["--psm", "0", "-l", "osd", "--dpi", str(DPI // 2)], small, name)
    rotate, conf = _ROTATE_RE.search(report), _OSD_CONF_RE.search(report)
    if rotate is None or conf is None or float(conf.group(1)) < OSD_MIN_CONFIDENCE:
        return 0
    # OSD's "Rotate" is clockwise; PIL turns counter-clockwise.
    return (360 - int(rotate.group(1))) % 360


def _recognise(image: Image.Image, name: str, psm: int) -> list[ocr_layout.Word]:
    tsv = _run(["-l", LANGUAGE, "--psm", str(psm), "--dpi", str(DPI), "tsv"], image, name)
    return ocr_layout.parse_tsv(tsv)


def _empty_cell_words(prepared: ocr_image.Prepared, words: list[ocr_layout.Word],
                      name: str) -> list[ocr_layout.Word]:
    """Read again the table cells that came back empty but hold ink, all in one Tesseract run:
    the cells are stacked into one strip, read as a block, and each word moved back to its cell."""
    inset = ocr_image.RULE_HALF_WIDTH + 2
    boxes = [box for grid in prepared.grids for cell in ocr_layout.empty_cells(grid, words, inset)
             if (box := ocr_image.ink_box(prepared.image, cell, margin=12)) is not None]
    if not boxes:
        return []
    gap = CELL_GAP
    strip = Image.new("L", (max(b[2] - b[0] for b in boxes) + 2 * gap,
                            sum(b[3] - b[1] + gap for b in boxes) + gap), 255)
    offsets: list[tuple[int, tuple[int, int, int, int]]] = []
    y = gap
    for box in boxes:
        strip.paste(prepared.image.crop(box), (gap, y))
        offsets.append((y, box))
        y += box[3] - box[1] + gap
    found: list[ocr_layout.Word] = []
    for word in _recognise(strip, name, psm=6):
        slot = next(((top, box) for top, box in reversed(offsets) if word.top + word.height / 2 >= top), None)
        if slot is not None:
            found.append(ocr_layout.moved(word, slot[1][0] - gap, slot[1][1] - slot[0]))
    return found


def read_page(image: Image.Image, name: str) -> ocr_layout.PageText:
    """One page: clean, upright, straight, rules erased, recognised, laid out as lines."""
    grey = ocr_image.clean(image)
    prepared = ocr_image.prepare(grey, orientation(grey, name))
    words = _recognise(prepared.image, name, psm=3)
    words += _empty_cell_words(prepared, words, name)
    return ocr_layout.page_text(words, prepared.grids)


def workers() -> int:
    """Pages read at once: one per core (the machine's, or what this process may use)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:       # not on Linux
        return max(1, os.cpu_count() or 1)


def recognise(pages: Sequence[PageSource], name: str, progress: Progress | None = None) -> OcrResult:
    """OCR every page, in parallel; pages come back in order. `progress` is called from this
    thread after each page, so a caller may post a message from it."""
    require(name, "this file is a scan")
    started = time.perf_counter()
    texts: list[ocr_layout.PageText | None] = [None] * len(pages)
    load_lock = threading.Lock()      # page loaders (pdfium) are not thread-safe

    def one(index: int) -> tuple[int, ocr_layout.PageText]:
        with load_lock:
            image = pages[index]()
        return index, read_page(image, name)

    with ThreadPoolExecutor(max_workers=min(workers(), max(len(pages), 1))) as pool:
        futures = [pool.submit(one, index) for index in range(len(pages))]
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                index, page = future.result()
                texts[index] = page
                if progress is not None:
                    progress(done, len(pages))
        except BaseException:
            pool.shutdown(cancel_futures=True)    # one bad page fails the file: stop the rest
            raise
    read = [page for page in texts if page is not None]
    confidences = [c for page in read for c in page.confidences]
    confidence = sum(confidences) / len(confidences) if confidences else 0.0
    return OcrResult("\n\n".join(page.text for page in read), round(confidence, 1), len(pages),
                     time.perf_counter() - started)
