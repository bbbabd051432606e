"""Unicode normalisation for Vietnamese text: NFC, one tone-mark placement, accent folding."""

from __future__ import annotations

import re
import unicodedata

# Old-style ("òa", "úy") versus new-style ("oà", "uý") tone placement: offices mix both, and a
# lexical index must see one spelling. We normalise to the old style used by most official texts.
_TONE_FIXES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(k for k in _TONE_FIXES) + "|" + "|".join(k.upper() for k in _TONE_FIXES)
    + "|" + "|".join(k[0].upper() + k[1] for k in _TONE_FIXES) + r")(?![a-zà-ỹ])",
    re.IGNORECASE,
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _fix_tone(match: re.Match[str]) -> str:
    found = match.group(0)
    fixed = _TONE_FIXES.get(found.lower())
    if fixed is None:
        return found
    if found.isupper():
        return fixed.upper()
    if found[0].isupper():
        return fixed[0].upper() + fixed[1:]
    return fixed


def nfc(text: str) -> str:
    """NFC with a consistent tone-mark placement and no zero-width characters."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text).replace("\u00a0", " ")
    # Only rewrite at the end of a syllable ("hoà" -> "hòa"), never inside "hoàn" or "thuỷ".
    return _TONE_RE.sub(_fix_tone, text)


def _fold_slow(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", text)


# fold() runs on every candidate clause of every question: a translate table over the Latin
# ranges (plus dropping combining marks) is ~20x faster than decomposing character by character.
_FOLD_TABLE = {cp: _fold_slow(chr(cp)) for cp in range(0xC0, 0x2000)
               if unicodedata.category(chr(cp)) != "Mn" and _fold_slow(chr(cp)) != chr(cp)}
_FOLD_TABLE.update({cp: "" for cp in range(0x300, 0x370)})


def fold(text: str) -> str:
    """Lower-case, accent-free form for search fields only (đ -> d). Never shown to users."""
    return unicodedata.normalize("NFC", text.lower().translate(_FOLD_TABLE))


def vn_date(value: str) -> str:
    """ISO (possibly partial) date as Vietnamese dd/mm/yyyy."""
    parts = value.split("-")
    return "/".join(reversed(parts)) if all(p.isdigit() for p in parts) else value


def clip(text: str, limit: int) -> str:
    """The text cut at a word boundary to at most limit characters, "…" marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
