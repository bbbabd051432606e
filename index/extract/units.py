"""Government units named in a clause: who leads (chủ trì) and who supports (phối hợp).

Where names are is unit_mentions' business. Roles come only from explicit wording: "Giao X",
"X chủ trì", "yêu cầu X", "Đơn vị chủ trì: X", a sentence that starts with X (or its head,
"Giám đốc Sở X") and a verb or a colon (lead); "phối hợp (với) X", "(qua X)" (support). Whom a
report goes to ("báo cáo UBND tỉnh", "gửi về Sở X") gets no role.
"""

from __future__ import annotations

import re

from index.extract.dates import flatten
from index.extract.unit_mentions import LEAD_NEXT, Mention, Tok, mentions, tokens
from index.text.normalize import fold, nfc
from index.text.vocabulary import HANDLING_FIELDS, TYPE_CODES, UNIT_ABBREVIATIONS

_ENUM = re.compile(r"^(?:\d+|[a-zđ]|[IVXLC]+|[-+•#*()])$")
_GENERIC = {"người dân", "doanh nghiệp", "cán bộ", "công chức", "nhân dân", "tổ chức", "cá nhân"}


def _units(text: str, toks: list[Tok]) -> list[tuple[int, int, str]]:
    """Every unit in the text as (first token, end token, name), left to right; a list or an
    official's title gives its units the span of the whole phrase."""
    return [(m.start, m.end, name) for m in mentions(text, toks) for name in m.names]


# A procedure's description names who handles it in a field: "Cơ quan thực hiện thủ tục hành chính:
# X", "Cơ quan giải quyết: X".
_HANDLING_FIELD = re.compile(rf"\b(?:{'|'.join(HANDLING_FIELDS)})(?: thủ tục hành chính| tthc)? :$")


def _role_before(toks: list[Tok], i: int) -> str:
    """Role from the words before a unit: "Giao X", "yêu cầu X" lead; "phối hợp với X", "qua X" support."""
    words = [t.low for t in toks[max(0, i - 4):i] if t.text != "("]
    tail2, tail1 = " ".join(words[-2:]), words[-1] if words else ""
    if tail1 == "giao" or tail2 == "giao cho" or tail2 in {"yêu cầu", "đề nghị"}:
        return "lead"
    tail3 = " ".join(words[-3:])
    if tail3 == "chủ trì :":    # a task block's "Đơn vị chủ trì: X"
        return "lead"
    if _HANDLING_FIELD.search(" ".join(t.low for t in toks[max(0, i - 9):i])):
        return "lead"
    if tail2 == "phối hợp" or tail3 in {"phối hợp với", "hợp chặt chẽ với", "phối hợp :"}:
        return "support"
    return "support" if tail1 == "qua" else ""


def _role_after(toks: list[Tok], j: int, at_start: bool) -> str:
    """Role given by the words after a unit: "X chủ trì", or a sentence "X tập trung ..."."""
    words = [t.low for t in toks[j:j + 4]]
    if words[:2] == ["chủ", "trì"] or words[:4] == ["là", "đơn", "vị", "chủ"]:
        return "lead"
    # "UBND tỉnh ban hành Kế hoạch … như sau:" is the issuer speaking, not a task.
    issuing = words[:2] == ["ban", "hành"] and j + 2 < len(toks) and toks[j + 2].cap
    # "UBND cấp xã quyết định thanh lý tài sản" states a power; "quyết liệt triển khai" is a task.
    issuing = issuing or words[:2] == ["quyết", "định"]
    if at_start and words and words[0] in LEAD_NEXT and words[:2] != ["có", "các"] and not issuing:
        return "lead"
    # "Bộ Tài chính: (1) chủ trì …; (2) …": a unit that opens a sentence with a colon owns its list.
    if at_start and words[:1] == [":"]:
        return "lead"
    return "lead" if at_start and _tail_then_cooperates(toks, j) else ""


def _tail_then_cooperates(toks: list[Tok], j: int) -> bool:
    """"Đài A, Đài B và hệ thống các cơ quan báo chí phối hợp với …": the subjects, a generic group
    added with "và", then "phối hợp với" — the named subjects lead the task the others support."""
    words = [t.low for t in toks[j:j + 10]]
    if words[:1] != ["và"]:
        return False
    for k in range(1, len(words) - 1):
        if words[k] in {".", ";", ":", ","}:
            return False
        if words[k:k + 2] == ["phối", "hợp"]:
            return True
    return False


def _at_sentence_start(toks: list[Tok], i: int) -> bool:
    """True when only numbering/bullets stand between the unit and a clause start."""
    k = i - 1
    while k >= 0 and _ENUM.match(toks[k].text) and toks[k].text not in {".", ";", ":"}:
        k -= 1
    return k < 0 or toks[k].text in {".", ";", ":", "!", "?"}


def _dedupe(names: list[str], exclude: list[str] | None = None) -> list[str]:
    """Names in order without repeats (case-insensitive), leaving out those in exclude."""
    seen = {n.lower() for n in exclude or []}
    out: list[str] = []
    for name in names:
        if name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return out


def _runs(toks: list[Tok], found: list[Mention]) -> list[list[Mention]]:
    """Mentions joined only by "," or "và" ("Sở A, Sở B và UBND các huyện"): one list, one role."""
    runs: list[list[Mention]] = []
    for m in found:
        last = runs[-1][-1] if runs else None
        if last and m.start - last.end <= 1 and all(t.text == "," or t.low == "và"
                                                   for t in toks[last.end:m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _run_roles(toks: list[Tok], run: list[Mention]) -> list[str]:
    """Each member's role: its own words before it ("phối hợp với X"), else the role before an
    earlier member, else the list's role as a subject ("Sở A, Sở B và UBND các huyện tập trung …",
    "Bộ trưởng, Thủ trưởng cơ quan ngang bộ … chủ trì")."""
    as_subject = _role_after(toks, run[-1].end, _at_sentence_start(toks, run[0].start))
    roles, prev = [], ""
    for m in run:
        prev = _role_before(toks, m.start) or prev
        roles.append(prev or as_subject)
    return roles


def extract_units(text: str, inherited: str | None = None) -> tuple[list[str], list[str]]:
    """(lead, support) units of a clause. inherited (the heading's unit) leads if the text names none."""
    flat = flatten(text)
    toks = tokens(flat)
    lead: list[str] = []
    support: list[str] = []
    # A decision's closing article: "Chánh Văn phòng UBND tỉnh; Giám đốc các sở, …; Chủ tịch UBND
    # các huyện … chịu trách nhiệm thi hành Quyết định này": everyone listed before it executes it.
    executes = next((k for k, t in enumerate(toks) if t.low == "chịu" and " ".join(
        x.low for x in toks[k:k + 4]) in {"chịu trách nhiệm thi", "chịu trách nhiệm thực"}), None)
    for run in _runs(toks, mentions(flat, toks)):
        for m, role in zip(run, _run_roles(toks, run), strict=True):
            if not role and executes is not None and m.end <= executes:
                role = "lead"
            if role == "lead":
                lead.extend(m.names)
            elif role == "support":
                support.extend(m.names)
    if not lead and inherited:
        lead = [inherited]
    lead = _dedupe(lead)
    return lead, _dedupe(support, lead)


_PART_END = re.compile(r";|\.\s")


def lead_for_date(text: str, mention: str, nth: int = 0) -> str:
    """The lead of the part of a clause that a date belongs to, "" when the clause's own lead
    should stand. "(1) Thanh tra Chính phủ ban hành trước ngày …; (2) Bộ Công an chủ trì …" gives
    each date its own unit; a part without a doer ("gửi kết quả về Bộ X trước ngày …") takes the
    nearest doer before it; a "Thời hạn hoàn thành: …" sentence covers the whole clause.
    nth: which occurrence of the mention's wording, when a clause repeats it."""
    flat, wanted = flatten(text), flatten(mention)
    pos = -1
    for _ in range(nth + 1):
        pos = flat.find(wanted, pos + 1)
        if pos < 0:
            return ""
    cuts = [0, *(m.end() for m in _PART_END.finditer(flat)), len(flat)]
    parts = [flat[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    here = next(k for k in range(len(parts)) if cuts[k + 1] > pos)
    if re.match(r"\s*(?:[-+•]\s*)?Thời (?:hạn|gian)", parts[here]):
        return ""
    for part in reversed(parts[:here + 1]):
        lead, _ = extract_units(part)
        if lead:
            return lead[0]
    return ""


_NUMBERING = re.compile(r"^(?:Điều\s+\d+|[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/:]\s*")
# "Điều 14. Trách nhiệm của Sở X", "Nhiệm vụ của các bộ, ngành": the unit the article is about.
_DUTY_OF = re.compile(r"^(?:trách nhiệm|nhiệm vụ)(?: thực hiện)? của\s+", re.IGNORECASE)


def unit_from_heading(heading: str) -> str | None:
    """The unit a heading names ("1. Văn phòng Sở" -> "Văn phòng Sở"; "a) Giám đốc Sở Nội vụ:" ->
    "Sở Nội vụ"; "Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ" -> "các Bộ, cơ quan ngang bộ"), or
    None for task headings: the heading must be nothing but units and connectors."""
    text = nfc(heading).strip().lstrip("#").replace("*", "").strip()
    text = _NUMBERING.sub("", text).strip().rstrip(" .:;,")
    text = _DUTY_OF.sub("", text)
    toks = tokens(text)
    found = mentions(text, toks)
    if not found or found[0].start != 0 or found[-1].end != len(toks):
        return None
    gaps = [toks[a.end:b.start] for a, b in zip(found, found[1:], strict=False)]
    if any(gap and (len(gap) > 1 or gap[0].text not in {",", ";"} and gap[0].low != "và") for gap in gaps):
        return None
    return ", ".join(name for m in found for name in m.names)


def find_units(text: str) -> list[str]:
    """Every unit named in the text, whatever its role ("Phòng Nội vụ phải làm gì?")."""
    flat = flatten(nfc(text))
    return [name for _, _, name in _units(flat, tokens(flat))]


def split_units(cell: str) -> list[str]:
    """Units listed in a table cell: "Phòng Nội vụ; Phòng Tư pháp" -> two units."""
    out: list[str] = []
    for piece in (p for line in re.split(r"[;\n]+|^\s*[-+•]\s", nfc(cell)) for p in _dash_list(line)):
        piece = re.sub(r"^\s*(?:chủ trì|phối hợp|đơn vị)\s*:\s*", "", flatten(piece), flags=re.I)
        toks = tokens(piece)
        units = _units(piece, toks)
        if units:
            out.extend(name for _, _, name in units)
        elif piece and piece[0].isupper() and len(piece.split()) <= 8 and piece.lower() not in _GENERIC:
            out.append(piece.rstrip(" .,"))
    return _dedupe(out)


def _dash_list(text: str) -> list[str]:
    """A cell whose line breaks were lost lists units with " - " bullets ("- Sở Y tế - Sở Nội vụ"),
    but a name may hold a dash too ("Phòng Tài chính - Kế hoạch"): split only where each part
    after a dash starts a unit name of its own."""
    parts = [p for p in re.split(r"(?:^|\s)[-+•]\s", text) if p.strip()]
    if len(parts) > 1 and all(_starts_unit(p) for p in parts[1:]):
        return parts
    return [re.sub(r"^\s*[-+•]\s", "", text)]


def _starts_unit(text: str) -> bool:
    toks = tokens(text.strip())
    found = _units(text.strip(), toks)
    return bool(found) and found[0][0] == 0


# Issuer codes in a ký hiệu ("/SCT-VP2", "25/KH-UBND") and the type codes that precede them.
_ISSUER_CODES = {
    "SCT": "Sở Công Thương", "SKHCN": "Sở Khoa học và Công nghệ", "SNV": "Sở Nội vụ",
    "STP": "Sở Tư pháp", "STC": "Sở Tài chính", "SKHĐT": "Sở Kế hoạch và Đầu tư",
    "SKHDT": "Sở Kế hoạch và Đầu tư", "STTTT": "Sở Thông tin và Truyền thông",
    "SGDĐT": "Sở Giáo dục và Đào tạo", "SYT": "Sở Y tế", "SXD": "Sở Xây dựng",
    "STNMT": "Sở Tài nguyên và Môi trường", "SGTVT": "Sở Giao thông vận tải",
    "SNNPTNT": "Sở Nông nghiệp và Phát triển nông thôn", "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
    "SLĐTBXH": "Sở Lao động - Thương binh và Xã hội", "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân", "VPCP": "Văn phòng Chính phủ", "TTg": "Thủ tướng Chính phủ",
    "CP": "Chính phủ", "BNV": "Bộ Nội vụ", "BTC": "Bộ Tài chính", "BCT": "Bộ Công Thương",
    "BTTTT": "Bộ Thông tin và Truyền thông", "TU": "Tỉnh ủy", "HU": "Huyện ủy", "QH": "Quốc hội",
}


def issuer_from_number(number: str) -> str:
    """Issuer named by a ký hiệu's code: "/SCT-VP2" -> "Sở Công Thương"; "" when unknown."""
    text = re.sub(r"</?sub>", "", nfc(number))
    text = re.sub(r"^\s*(?:số|Số)\s*:?\s*", "", text).strip()
    codes = [c for c in re.split(r"[/\-\s]+", text) if c and not c.isdigit()]
    if codes and codes[0] in TYPE_CODES:
        codes = codes[1:]
    if not codes:
        return ""
    code = codes[0]
    return _ISSUER_CODES.get(code) or _ISSUER_CODES.get(re.sub(r"\d+$", "", code), "")


# --- comparing unit names ----------------------------------------------------------------------
_ABBREVIATIONS = {fold(short): fold(full) for short, full in UNIT_ABBREVIATIONS.items()}


def unit_key(name: str) -> str:
    """How unit names compare: case- and accent-insensitive, "UBND" = "Ủy ban nhân dân"."""
    words = fold(name).replace(",", " , ").split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words).replace(" , ", ", ")


def unit_matches(wanted: str, name: str) -> bool:
    """The one rule for whether a unit someone asks about (a subscription, a /deadlines or CLI
    filter, a question) and a unit a document names are the same: equal once case, accents and
    abbreviations are set aside, or one inside the other word for word, as a place is added or
    left out ("Phòng Nội vụ" ~ "Phòng Nội vụ huyện Hương Sơn"; "UBND các xã" ~ "Ủy ban nhân dân
    các xã, thị trấn"). A one-word name ("Sở", "Phòng") is too vague to cover a longer one."""
    want = re.sub(r"\W+", " ", unit_key(wanted)).split()
    have = re.sub(r"\W+", " ", unit_key(name)).split()
    if not want or not have:
        return False
    short, long = sorted((want, have), key=len)
    return short == long or (len(short) >= 2 and f" {' '.join(short)} " in f" {' '.join(long)} ")
