"""Find the documents a clause cites: "Quyết định số 3433/QĐ-UBND ngày 25/12/2023 của UBND tỉnh".

A citation is anchored on its ký hiệu (number). Its type comes from the type word right before the
number, or is shared along a list ("Công điện số 280/CĐ-TTg ... và 968/CĐ-TTg ...",
"Các kế hoạch của Sở Công Thương: số 03/KH-SCT ...; số 05/KH-SCT ..."). The issuer is only what the
text says after "của" (or in a list header); nothing is guessed from the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.extract.dates import KYHIEU, flatten, iter_full_dates
from index.store.models import Citation
from index.text.vocabulary import ANY_DOCUMENT, CITED_CODES, CITED_TYPES, TYPE_CODES

# Type words as a citation writes them ("Quyết định số …"), capitalised as Citation.doc_type keeps them.
DOC_TYPES = tuple(name.capitalize() for name in CITED_TYPES)
_TYPE_RE = re.compile(r"(?<!\w)(?i:" + "|".join(DOC_TYPES) + r")(?!\w)")
_CANON = {t.lower(): t for t in DOC_TYPES}
# Fallback when no type word is written: the type code inside the ký hiệu.
_CODE_TYPES = {code: TYPE_CODES[code].capitalize() for code in CITED_CODES}
_NUMBER_RE = re.compile(r"(?<![\w/])" + KYHIEU + r"(?![\w/])")
_DATE_GAP = re.compile(r"\s*,?\s*(?:ban hành\s+)?(?:ngày\s*)?")
_ISSUER_START = re.compile(r"\s*,?\s*của\s+")
# Where an issuer name ends: a clause word, a verb that starts the subject line, or punctuation.
_ISSUER_STOP = re.compile(
    r"\s+(?:về|v/v|ban hành|quy định|hướng dẫn|phê duyệt|thực hiện|để|nhằm|theo|tại"
    r"|trong|đã|đối với|gửi|giao|năm|ngày|số)(?!\w)"
    r"|\s+và\s+(?=[a-zđà-ỹ])|\s+và\s+(?i:" + "|".join(DOC_TYPES) + r")(?!\w)"
    r"|\s*[;,()\[\]:]|\.(?:\s|$)|\s+-\s"
)
_HEADER_GAP = re.compile(r"^\s*của\s+([^:;.]{1,80}?)\s*:\s*(?:số\s*)?$")
_TIGHT_GAP = re.compile(r"^\s*(?:,|và|hoặc)?\s*(?:số\s*)?$")
_LIST_GAP = re.compile(r"(?:;|,|và)\s*số\s*$")
_OWN_NUMBER = re.compile(r"(?:^|\s)Số\s*:\s*$")
_MAX_ISSUER_WORDS = 10  # "Tổ công tác triển khai Đề án 06 tỉnh" is nine


@dataclass
class _Found:
    """A citation being built: positions let list members share a type and an issuer."""

    doc_type: str
    number: str
    start: int
    end: int
    date: str = ""
    issuer: str = ""
    tight: bool = False        # joined to the previous citation by only "và" / "," / ";"
    header_issuer: str = ""    # issuer written in a list header, shared by the list


def _sentence_start(flat: str, pos: int) -> int:
    """Index just after the last sentence end before pos (". " — numbers never contain ". ")."""
    cut = flat.rfind(". ", 0, pos)
    return cut + 2 if cut >= 0 else 0


def _type_before(flat: str, lo: int, pos: int) -> tuple[str, str] | None:
    """(type, header issuer) when a type word directly introduces the number at pos."""
    words = list(_TYPE_RE.finditer(flat, lo, pos))
    if not words:
        return None
    last = words[-1]
    gap = flat[last.end():pos]
    if re.fullmatch(r"\s*(?:số\s*)?", gap):
        return _CANON[last.group(0).lower()], ""
    header = _HEADER_GAP.match(gap)
    if header:
        return _CANON[last.group(0).lower()], header.group(1).strip()
    return None


def _issuer_after(flat: str, pos: int) -> tuple[str, int]:
    """Issuer written after "của" at pos, and where it ends; ("", pos) if none."""
    start = _ISSUER_START.match(flat, pos)
    if not start:
        return "", pos
    stop = _ISSUER_STOP.search(flat, start.end())
    end = stop.start() if stop else len(flat)
    words = flat[start.end():end].split()[:_MAX_ISSUER_WORDS]
    issuer = " ".join(words).rstrip(".")
    return issuer, (start.end() + len(" ".join(words))) if issuer else pos


def _date_after(flat: str, pos: int, dates: dict[int, tuple[int, str]]) -> tuple[str, int]:
    """The cited document's date right after its number, and where it ends; ("", pos) if none."""
    for start, (end, iso) in dates.items():
        if start >= pos and _DATE_GAP.fullmatch(flat[pos:start]):
            return iso, end
    return "", pos


def _code_type(number: str) -> str:
    """Type from the ký hiệu's type code ("12/KH-UBND" -> Kế hoạch); "Văn bản" when it has none."""
    for code in re.split(r"[/-]", number)[1:]:
        if code in _CODE_TYPES:
            return _CODE_TYPES[code]
    return ANY_DOCUMENT.capitalize()


def _classify_number(flat: str, m: re.Match[str], prev: _Found | None) -> _Found:
    """Type and list membership of the number matched at m."""
    number = re.sub(r"-\s+", "-", m.group(0))
    sentence = _sentence_start(flat, m.start())
    lo = max(sentence, prev.end if prev else 0)
    typed = _type_before(flat, lo, m.start())
    if typed:
        return _Found(typed[0], number, _type_start(flat, lo, m.start()), m.end(), header_issuer=typed[1])
    gap = flat[prev.end:m.start()] if prev and prev.end >= sentence else None
    if prev and gap is not None and (_TIGHT_GAP.match(gap) or _LIST_GAP.search(gap)):
        start = m.start() - len(re.search(r"(?:số\s*)?$", flat[:m.start()]).group(0))
        return _Found(prev.doc_type, number, start, m.end(), tight=bool(_TIGHT_GAP.match(gap)),
                      header_issuer=prev.header_issuer)
    return _Found(_code_type(number), number, m.start(), m.end())


def _type_start(flat: str, lo: int, pos: int) -> int:
    """Start of the last type word before pos (for quoting the citation)."""
    return list(_TYPE_RE.finditer(flat, lo, pos))[-1].start()


def extract_citations(text: str) -> list[Citation]:
    """Every numbered document the text cites, in order, with date and issuer when written."""
    flat = flatten(text)
    dates = {start: (end, iso) for start, end, iso in iter_full_dates(flat)}
    found: list[_Found] = []
    for m in _NUMBER_RE.finditer(flat):
        if _OWN_NUMBER.search(flat, 0, m.start()):
            continue  # "Số: 112/UBND-VP" is the dispatch's own number, not a citation
        cit = _classify_number(flat, m, found[-1] if found else None)
        cit.date, cit.end = _date_after(flat, cit.end, dates)
        cit.issuer, cit.end = _issuer_after(flat, cit.end)
        found.append(cit)
    _share_issuers(found)
    return [Citation(f.doc_type, f.number, f.date, f.issuer, flat[f.start:f.end].strip())
            for f in found]


def _share_issuers(found: list[_Found]) -> None:
    """"280/CĐ-TTg ... và 968/CĐ-TTg ... của Thủ tướng": a trailing issuer covers the tight chain."""
    for i in range(len(found) - 1, 0, -1):
        if found[i].tight and found[i].issuer and not found[i - 1].issuer:
            found[i - 1].issuer = found[i].issuer
    for cit in found:
        if not cit.issuer and cit.header_issuer:
            cit.issuer = cit.header_issuer
