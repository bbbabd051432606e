"""The issuer's name as it is written, from a letterhead in capitals, the info panel, a decision's
enacting authority or the ký hiệu's code."""

from __future__ import annotations

import re

from index.extract.units import issuer_from_number
from index.parse.header import BODY_HEADS, Header, opens_with
from index.text.vocabulary import ABBREVIATIONS

LEVELS = ("huyện", "tỉnh", "thành phố", "thị xã", "quận", "xã", "phường")


def issuer_name(header: Header, text: str) -> str:
    """Who issued the directive: the letterhead, else the site's info panel, else a decision's
    enacting authority, else what the ký hiệu's code names."""
    known = issuer_from_number(header.number) if header.number else ""
    lines = [x for x in header.issuer_lines if not x.startswith(("CỘNG", "ĐỘC"))]
    if lines:
        name = _issuer_line(lines)
        return _title_case(name) if not known or len(name) > len(known) + 4 else known
    if panel := header.panel.get("Nơi ban hành", ""):
        # The panel names a province or city for its People's Committee or Council.
        if known in ("Ủy ban nhân dân", "Hội đồng nhân dân") and re.match(rf"(?i)^(?:{'|'.join(LEVELS)})\b", panel):
            return f"{known} {panel[:1].lower()}{panel[1:]}"
        return panel
    if body := _enacting_body(header.authority):
        return body
    if known == "Ủy ban nhân dân" and header.place:
        # Drafts without the header block: "Ủy ban nhân dân huyện yêu cầu…" in the body tells the
        # level, the place line tells the name ("Hương Sơn, ngày…" -> UBND huyện Hương Sơn).
        counts = {lv: len(re.findall(rf"(?:UBND|Ủy ban nhân dân) {lv}\b", text)) for lv in LEVELS}
        level = max(counts, key=lambda lv: counts[lv])
        if counts[level]:
            return f"Ủy ban nhân dân {level} {header.place}"
    return known


def _enacting_body(authority: str) -> str:
    """"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NGHỆ AN" -> its body; "ỦY BAN THƯỜNG VỤ QUỐC HỘI" as it is."""
    rest = re.sub(r"^(?:CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG|CHÁNH|TRƯỞNG BAN|TỔNG)\s+",
                  "", authority)
    if len(rest.split()) < 2 or not opens_with(rest, BODY_HEADS) or rest.startswith("THỦ TƯỚNG"):
        return "Thủ tướng Chính phủ" if rest == "THỦ TƯỚNG CHÍNH PHỦ" else ""
    return _title_case(rest)


def _issuer_line(lines: list[str]) -> str:
    """The issuer's own name: the last header line, joined to the line before when one name is
    broken in two ("ỦY BAN NHÂN DÂN" / "HUYỆN CẨM XUYÊN"). "UBND TỈNH HÀ TĨNH" / "SỞ NỘI VỤ" is a
    parent body above the issuer and stays apart."""
    last = lines[-1]
    if len(lines) > 1 and last in ("VĂN PHÒNG", "BAN", "PHÒNG"):
        # "BAN CHẤP HÀNH TRUNG ƯƠNG" / "VĂN PHÒNG": an office named by the body above it.
        return f"{last} {lines[-2]}"
    if len(lines) > 1 and re.search(r"\b(?:UBND|HĐND)$", last) and (
            parent := re.search(rf"\b(?:{'|'.join(LEVELS)})\b.*$", lines[-2].lower())):
        # "UBND HUYỆN THẠCH HÀ" / "VĂN PHÒNG HĐND VÀ UBND": the office of that district's council
        return f"{last} {parent.group(0).upper()}"
    words = last.lower().split()
    starts_with_level = bool(words) and any(" ".join(words[:len(lv.split())]) == lv for lv in LEVELS)
    if len(lines) > 1 and starts_with_level and not re.search(rf"\b(?:{'|'.join(LEVELS)})\b", lines[-2].lower()):
        return f"{lines[-2]} {last}"
    return last


def _title_case(caps: str) -> str:
    """An issuer line in capitals as the name is written: "ỦY BAN NHÂN DÂN HUYỆN CAN LỘC" -> "Ủy ban
    nhân dân huyện Can Lộc", "SỞ KHOA HỌC VÀ CÔNG NGHỆ" -> "Sở Khoa học và Công nghệ", "VĂN PHÒNG HĐND
    VÀ UBND" -> "Văn phòng HĐND và UBND". A name's first syllable is capitalised (after the head word,
    "và", "-" or ","), every syllable of a place after its level word, abbreviations stay."""
    caps = " ".join(caps.split())
    if (special := _national(caps)) is not None:
        return special
    words = caps.split()
    low = [w.lower() for w in words]
    out: list[str] = []
    k, cap_next, place = 0, False, False
    for head in _TITLE_HEADS:
        if tuple(low[:len(head)]) == head:
            out = [low[0][:1].upper() + low[0][1:], *low[1:len(head)]]
            k, cap_next = len(head), head not in _GOVERNING_HEADS
            break
    for word, lw in zip(words[k:], low[k:], strict=True):
        if word.endswith(",") and len(word) > 1:   # "SỞ VĂN HÓA, THỂ THAO ...": the comma ends a name
            stem = lw[:-1]
            out.append((stem[:1].upper() + stem[1:] if cap_next or place else stem) + ",")
            cap_next, place = True, False
        elif word in _KEEP_CAPS:
            out.append(word)
            cap_next = False
        elif lw in _LEVEL_WORDS and not (cap_next and out and out[-1] in ("và", "-", "–")):
            out.append(lw)
            place, cap_next = lw not in ("thị", "thành"), False
        elif lw in ("và", "-", "–", ","):
            out.append(lw)
            cap_next, place = True, False
        elif place or cap_next or not out:
            out.append(lw[:1].upper() + lw[1:])
            cap_next = False
        else:
            out.append(lw)
        if lw in ("xã", "phố", "trấn") and out[-2:-1] and out[-2] in ("thị", "thành"):
            out[-1], place = lw, True
    name = " ".join(out).replace(" ,", ",").replace("Công thương", "Công Thương")
    # Proper names of national bodies keep their capital inside a longer name.
    return re.sub(r"\b(chính phủ|quốc hội|trung ương)\b", lambda m: m.group(1).capitalize(), name)


def _national(caps: str) -> str | None:
    if (special := _NAMES.get(caps)) is not None:
        return special
    if suffix := next((n for n in _NAMES if caps.endswith(" " + n)), ""):
        # "VĂN PHÒNG BAN CHẤP HÀNH TRUNG ƯƠNG": a unit named after a national body.
        return f"{_title_case(caps[:-len(suffix)])} {_NAMES[suffix]}"
    return None


_TITLE_HEADS = (("chủ", "tịch"), ("ủy", "ban", "nhân", "dân"), ("hội", "đồng", "nhân", "dân"), ("văn", "phòng"),
                ("trung", "tâm"), ("chi", "cục"), ("chi", "nhánh"), ("bộ", "phận"), ("sở",), ("phòng",), ("ban",),
                ("cục",), ("tổ",), ("đoàn",), ("bộ",))
_GOVERNING_HEADS = (("ủy", "ban", "nhân", "dân"), ("hội", "đồng", "nhân", "dân"))
_LEVEL_WORDS = {"tỉnh", "huyện", "xã", "phường", "quận", "thị", "thành"}
# Abbreviations keep their capitals inside a title-cased name ("Văn phòng HĐND và UBND").
_KEEP_CAPS = frozenset(ABBREVIATIONS)


# National bodies whose names keep capitals the word rules above would lower.
_NAMES = {"THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ", "CHÍNH PHỦ": "Chính phủ", "QUỐC HỘI": "Quốc hội",
          "ỦY BAN THƯỜNG VỤ QUỐC HỘI": "Ủy ban Thường vụ Quốc hội", "KIỂM TOÁN NHÀ NƯỚC": "Kiểm toán Nhà nước",
          "BAN CHẤP HÀNH TRUNG ƯƠNG": "Ban Chấp hành Trung ương", "BỘ CHÍNH TRỊ": "Bộ Chính trị"}
