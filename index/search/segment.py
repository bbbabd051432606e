"""Vietnamese word segmentation (underthesea), applied identically to clauses and questions.

Tokens are lower-cased, multi-syllable words are joined with "_" ("phụ_trách"), punctuation
is dropped, and document numbers ("3433/QĐ-UBND", "29-KL/TU") are kept whole because users
quote them verbatim and the CRF segmenter would cut them at "/".
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import lru_cache

from index.text.normalize import nfc

# `import underthesea` eagerly imports these optional pipelines, and `translate` drags in
# torch + transformers (~4 s). We only need word_tokenize, so they are hidden during import.
_HEAVY_OPTIONAL = (
    "underthesea.pipeline.classification",
    "underthesea.pipeline.sentiment",
    "underthesea.pipeline.lang_detect",
    "underthesea.pipeline.dependency_parse",
    "underthesea.pipeline.translate",
    "underthesea.agent",
    "underthesea.address",
)

# Số ký hiệu: "3433/QĐ-UBND", "60/2021/NĐ-CP", "/SCT-VP2", "48/KH-" (cut by a line break),
# "1593/UBND-NC1", and the party form "29-KL/TU". The look-behind stops "V/V" matching at "/V".
_KY_HIEU = re.compile(
    r"(?<![\w/])(?:"
    r"\d+-[A-ZĐ][\w]*/[A-ZĐ][\w]*"                       # 29-KL/TU
    r"|\d*(?:/\d+)*/[A-ZĐ][\w]*(?:-[\w]+)*-?"            # 3433/QĐ-UBND, 60/2021/NĐ-CP
    r")"
)


# Footnote markers ("hạn chế¹") and sub/sup tags ("/SCT-VP<sub>2</sub>") are glued to words;
# removing them in place keeps the word (and the number "/SCT-VP2") intact. Other tags separate.
_GLUED_NOISE = re.compile(r"</?su[bp]>|[\u00b9\u00b2\u00b3\u2070-\u209f]", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,40}>")


def import_underthesea_light() -> None:
    """Import underthesea without its torch-backed optional pipelines (keeps cold start < 1 s).

    Call this before any other `import underthesea` in a process that must start fast; once the
    package is imported, later imports reuse it. The optional functions it skips (translate,
    classify, ...) are then None on the package; import their modules directly if ever needed.
    """
    if "underthesea" in sys.modules:
        return
    hidden = [name for name in _HEAVY_OPTIONAL if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes the import raise ImportError
    try:
        import underthesea  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


@lru_cache(maxsize=1)
def _word_tokenize() -> Callable[[str], list[str]]:
    import_underthesea_light()
    from underthesea import word_tokenize

    return word_tokenize


def _has_alnum(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


_EDGE_PUNCT = "\"'`“”‘’.,;:!?()[]{}<>*•·…–—-+=#|\\/"


def _clean(raw: list[str]) -> list[str]:
    """Lower-case, join syllables with "_", trim edge punctuation, drop pure punctuation."""
    out = []
    for token in raw:
        token = token.strip(_EDGE_PUNCT).strip()
        if token and _has_alnum(token):
            out.append("_".join(token.lower().split()))
    return out


def segment(text: str) -> list[str]:
    """Segment one text into lower-cased word tokens (see module docstring)."""
    text = _TAG.sub(" ", _GLUED_NOISE.sub("", nfc(text)))
    tokenize = _word_tokenize()
    tokens: list[str] = []
    start = 0
    # Segment the stretches between document numbers separately; numbers stay one token.
    for match in _KY_HIEU.finditer(text):
        piece = text[start:match.start()]
        if piece.strip():
            tokens.extend(_clean(tokenize(piece)))
        number = match.group(0).rstrip("-").lower()
        if _has_alnum(number):
            tokens.append(number)
        start = match.end()
    tail = text[start:]
    if tail.strip():
        tokens.extend(_clean(tokenize(tail)))
    return tokens


def segment_many(texts: list[str]) -> list[list[str]]:
    """Segment several texts (the CRF model is loaded once and reused)."""
    return [segment(text) for text in texts]
