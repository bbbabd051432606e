"""Page images made ready for Tesseract: upright, straight, evenly lit, red seals and table rules
removed, and the table grid found so its cells can be put back together after recognition.

Everything here is Pillow + numpy on purpose: no OpenCV to install on an office server.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter, ImageOps

# Tesseract reads best at 250-300 dpi; a 12-50 MP phone photo is shrunk to this, which is also
# what keeps one page within a few seconds on two cores.
MAX_SIDE = 3500
MIN_SIDE = 1000         # smaller images are enlarged: tiny x-heights ruin recognition
SKEW_LIMIT = 5.0        # degrees; a page scanned more crooked than this is re-scanned in practice
SKEW_STEP = 0.2
RED_INK_MARGIN = 40
MAX_INK_LEVEL = 120.0    # the darkest ink is at most this grey; lighter "darkest" pixels are grain
RULE_HALF_WIDTH = 6     # pixels erased each side of a rule's centre (rules print 1-4 px, blurred)
_SKEW_WIDTH = 800        # the skew search runs on a small copy; the angle carries over


@dataclass(frozen=True)
class Grid:
    """A ruled table: the y of each horizontal rule and the x of each vertical rule, in pixels."""

    rows: tuple[int, ...]
    cols: tuple[int, ...]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the cell holding the point, or None outside the table."""
        if not (self.rows[0] <= y <= self.rows[-1] and self.cols[0] <= x <= self.cols[-1]):
            return None
        row = int(np.searchsorted(self.rows, y)) - 1
        col = int(np.searchsorted(self.cols, x)) - 1
        return max(row, 0), max(col, 0)


@dataclass
class Prepared:
    """A page ready for recognition, with what was done to it (for tests and the benchmark)."""

    image: Image.Image                 # 8-bit grey, rules erased
    grids: list[Grid]
    skew: float                        # degrees the page was turned to straighten it


def fit_size(image: Image.Image) -> Image.Image:
    """Scale so the longer side is within [MIN_SIDE, MAX_SIDE]."""
    side = max(image.size)
    scale = MAX_SIDE / side if side > MAX_SIDE else MIN_SIDE / side if side < MIN_SIDE else 1.0
    if scale == 1.0:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def to_grey(image: Image.Image) -> Image.Image:
    """Grey from the red channel for colour pages: a red seal or signature in red ink turns nearly
    white (its red channel is high) while black and blue text stay dark."""
    image = ImageOps.exif_transpose(image)   # phones store the pixels sideways and say so in EXIF
    if image.mode in ("RGBA", "LA", "P"):
        background = Image.new("RGB", image.size, "white")
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        image = background
    if image.mode != "RGB":
        return image.convert("L")
    rgb = np.asarray(image, np.int16)
    red = rgb[..., 0]
    # Seal ink: red well above both green and blue. Black text under the seal stays black (its red
    # is low too), so the words a seal covers survive; the seal itself becomes paper.
    seal = red - np.maximum(rgb[..., 1], rgb[..., 2]) > RED_INK_MARGIN
    return Image.fromarray(np.where(seal, 255, red).astype(np.uint8))


def flatten_light(grey: Image.Image) -> Image.Image:
    """Divide by the blurred background: a photo's shadow and vignette become white paper."""
    background = np.asarray(grey.filter(ImageFilter.GaussianBlur(radius=max(grey.size) // 40)), np.float32)
    pixels = np.asarray(grey, np.float32)
    flat = np.clip(pixels / np.maximum(background, 1.0) * 255.0, 0, 255)
    # Stretch so paper is 255 and the darkest ink near 0, whatever the exposure was.
    # Capped: on blank paper the darkest 1 % is only grain, which a full stretch would turn black.
    low = min(float(np.percentile(flat, 1)), MAX_INK_LEVEL)
    flat = np.clip((flat - low) / max(255.0 - low, 1.0) * 255.0, 0, 255)
    return Image.fromarray(flat.astype(np.uint8))


def rotate(grey: Image.Image, degrees: float) -> Image.Image:
    """Turn counter-clockwise by `degrees`, filling the new corners with paper."""
    if not degrees:
        return grey
    if degrees % 90 == 0:
        return grey.rotate(degrees, expand=True)
    return grey.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def find_skew(grey: Image.Image) -> float:
    """The small rotation that makes text lines horizontal: the angle whose row profile of ink is
    the most peaked (lines of text and table rules line up with pixel rows)."""
    small = grey.resize((_SKEW_WIDTH, max(1, round(grey.height * _SKEW_WIDTH / grey.width))))
    ink = small.point(lambda v: 255 if v < 128 else 0)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-SKEW_LIMIT, SKEW_LIMIT + SKEW_STEP / 2, SKEW_STEP):
        profile = np.asarray(ink.rotate(float(angle), resample=Image.Resampling.NEAREST), np.float32).sum(axis=1)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best, best_score = float(angle), score
    return round(best, 2)


def _runs(mask: np.ndarray, length: int) -> np.ndarray:
    """Pixels inside a run of at least `length` set pixels along axis 1."""
    padded = np.pad(mask.astype(np.int32), ((0, 0), (1, 0)))
    sums = np.cumsum(padded, axis=1)
    full = (sums[:, length:] - sums[:, :-length]) == length    # window starting at each pixel
    out = np.zeros(mask.shape, bool)
    # Spread each full window back over its pixels: a pixel is set when any window over it is.
    cover = np.cumsum(np.pad(full.astype(np.int32), ((0, 0), (0, length))), axis=1)
    cover[:, length:] -= cover[:, :-length].copy()
    out[:, :] = cover[:, : mask.shape[1]] > 0
    return out


def _centres(counts: np.ndarray, minimum: float) -> list[int]:
    """Centres of the bands where `counts` reaches `minimum` (a rule drawn a few pixels thick)."""
    hits = np.flatnonzero(counts >= minimum)
    bands: list[list[int]] = []
    for index in hits:
        if bands and index - bands[-1][-1] <= 3:
            bands[-1].append(int(index))
        else:
            bands.append([int(index)])
    return [round(sum(band) / len(band)) for band in bands]


def find_grids(grey: Image.Image) -> list[Grid]:
    """Ruled tables on the page.

    Only full grids are understood (every row and column ruled, as Word's "Table Grid" prints);
    a table without rules is left to Tesseract's own layout analysis."""
    ink = np.asarray(grey) < 140
    height, width = ink.shape
    horizontal = _runs(ink, max(width // 10, 20))
    vertical = _runs(ink.T, max(height // 60, 20)).T
    grids: list[Grid] = []
    rows = _centres(horizontal.sum(axis=1), width * 0.25)
    if len(rows) >= 3:
        top, bottom = rows[0], rows[-1]
        column_hits = vertical[top:bottom].sum(axis=0)
        cols = _centres(column_hits, (bottom - top) * 0.8)
        if len(cols) >= 3:
            grids.append(Grid(tuple(rows), tuple(cols)))
    return grids


def erase_rules(pixels: np.ndarray, grid: Grid) -> None:
    """Paint a band of paper over every rule of the grid: a scanned rule is grey, blurred and a
    little crooked, so erasing only its darkest pixels would leave specks Tesseract reads as
    letters. Cell padding keeps the words clear of the bands."""
    w = RULE_HALF_WIDTH
    left, right, top, bottom = grid.cols[0] - w, grid.cols[-1] + w + 1, grid.rows[0] - w, grid.rows[-1] + w + 1
    for y in grid.rows:
        pixels[max(y - w, 0):y + w + 1, max(left, 0):right] = 255
    for x in grid.cols:
        pixels[max(top, 0):bottom, max(x - w, 0):x + w + 1] = 255


def ink_box(grey: Image.Image, box: tuple[int, int, int, int], margin: int,
            minimum: int = 30) -> tuple[int, int, int, int] | None:
    """The part of `box` that holds ink, with a margin of paper; None for a few specks of dust.
    Tesseract reads a lone digit far better cropped tight than alone in a wide empty cell."""
    ink = np.asarray(grey.crop(box)) < 128
    if int(ink.sum()) < minimum:
        return None
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return (max(box[0] + int(cols[0]) - margin, 0), max(box[1] + int(rows[0]) - margin, 0),
            box[0] + int(cols[-1]) + margin + 1, box[1] + int(rows[-1]) + margin + 1)


def clean(image: Image.Image) -> Image.Image:
    """Grey (seals dropped), a size Tesseract reads well, even light: what OSD and OCR both see."""
    return flatten_light(fit_size(to_grey(image))).filter(ImageFilter.MedianFilter(3))


def prepare(grey: Image.Image, orientation: int = 0) -> Prepared:
    """Turn a cleaned page upright (`orientation`: degrees counter-clockwise, from OSD) and
    straighten it; find the table rules, then erase them so Tesseract sees only the words."""
    grey = rotate(grey, orientation)
    skew = find_skew(grey)
    grey = rotate(grey, skew)
    grids = find_grids(grey)
    pixels = np.asarray(grey).copy()
    for grid in grids:
        erase_rules(pixels, grid)
    return Prepared(Image.fromarray(pixels), grids, skew)
