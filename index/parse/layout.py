"""Header and footer of a directive as Decree 30/2020/NĐ-CP lays them out.

The header is read in index/parse/header.py; the patterns it shares with the footer live here.
Footer: Nơi nhận and the signature block (TM./KT./TL./TUQ. authority, position, name). Between
the two, a decision's enacting formula and authority are layout too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.store.models import Signer
from index.text.vocabulary import TYPE_CODES

MOTTO = re.compile(r"^(CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*-|ĐỘC LẬP\s*-)", re.IGNORECASE)
# "Số: 220/CĐ-TTg", "Số: /UBND-NV" (number left blank for the văn thư), a party's "Số 45-HD/BTCTW".
NUMBER = re.compile(r"^Số\s*:?\s*([0-9]*\s*/\s*[\w.Đđ/-]+|[0-9]+-[\w.Đđ-]+/[\w.Đđ/-]+)", re.IGNORECASE)
PLACE_DATE = re.compile(r"^([A-ZÀ-Ỹ][^,\d]{1,40}),\s*ngày\b", re.UNICODE)
SUBJECT = re.compile(r"^(V/v|Về việc)\s*:?\s*", re.IGNORECASE)
RECIPIENTS = re.compile(r"^Kính\s+gửi\s*:?\s*", re.IGNORECASE)
CC = re.compile(r"^Nơi\s+nhận\s*:?\s*", re.IGNORECASE)
# "KT. GIÁM ĐỐC", "KT.GIÁM ĐỐC" and, without the dot, "KT GIÁM ĐỐC".
AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q|T/M|K/T)\s*(?:\.|\s(?=[A-ZÀ-Ỹ]))\s*(.*)$")
NAME = re.compile(r"^(?:[A-ZÀ-Ỹ][a-zà-ỹ]+\s){1,4}[A-ZÀ-Ỹ][a-zà-ỹ]+$")
# A signer's name that the reader ran into what follows it on the page: a footnote ("[1] …"), a rule
# ("____"), an appendix title in capitals or a table row.
NAME_THEN = re.compile(r"^((?:[A-ZÀ-Ỹ][a-zà-ỹ]+\s){1,4}[A-ZÀ-Ỹ][a-zà-ỹ]+)\s+"
                       r"(\[\d|_{3,}|\||[A-ZÀ-Ỹ]{2,}\s+[A-ZÀ-Ỹ]{2,})")


@dataclass
class Footer:
    cc: list[str] = field(default_factory=list)
    signer: Signer | None = None
    start: int = 0                # index of the first footer line (body ends here)
    resume: int = 0               # index of the first line after the footer (appendices)
    rest: str = ""                # what followed the signer's name on its line (an appendix title)


def is_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def doc_type_from_number(number: str) -> str:
    """"25/KH-UBND", "87/2025/QĐ-UBND", a party's "45-HD/BTCTW" -> the type its code names; a
    number without a type code is a công văn."""
    if "/" not in number:
        return ""
    party = re.match(r"^\d+-(\w+)/", number)
    codes = [party.group(1)] if party else [c for c in re.split(r"[/-]", number.split("/", 1)[1]) if c]
    code = next((c for c in codes if not c.isdigit()), "")
    return TYPE_CODES.get(code, "công văn" if "-" in number else "")


def _cc_block(lines: list[str], start: int) -> tuple[list[str], int]:
    rest = CC.sub("", lines[start]).strip()
    cc = [rest] if rest else []
    j = start + 1
    while j < len(lines):
        line = lines[j]
        if re.match(r"^[-–•+]", line):
            cc.append(re.sub(r"^[-–•+]\s*", "", line).rstrip(" ;."))
        elif cc and _wraps_cc(lines[j - 1], line):
            cc[-1] = f"{cc[-1]} {line.rstrip(' ;.')}"   # an item wrapped onto the next line
        else:
            break
        j += 1
    return cc, j


def _wraps_cc(previous: str, line: str) -> bool:
    if is_caps(line) or NAME.match(line) or AUTHORITY.match(line) or len(line) > 120:
        return False
    return line[:1].islower() or not previous.rstrip().endswith((";", "."))


def _opening(*titles: str) -> re.Pattern[str]:
    """A line that opens with one of the titles, as a whole word."""
    return re.compile(rf"^(?:{'|'.join(titles)})\b")


# Titles a signer's position line opens with: below the authority signed for, such a line starts
# the position ("KT. BỘ TRƯỞNG" / "THỨ TRƯỞNG"); any other line in capitals still continues the
# authority's name.
TITLE_START = _opening("PHÓ", "THỨ TRƯỞNG", "CHỦ TỊCH", "GIÁM ĐỐC", "CHÁNH", "TRƯỞNG", "ỦY VIÊN", "THỦ TƯỚNG",
                       "BỘ TRƯỞNG", "CỤC TRƯỞNG", "TỔNG", "CHỦ NHIỆM", "BÍ THƯ")
# A decision's enacting formula ("QUYẾT ĐỊNH:") and the enacting authority's title above it ("CHỦ
# TỊCH ỦY BAN NHÂN DÂN TỈNH") stand between the header and the body: layout, not clauses.
ENACTING = re.compile(r"^(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ|NGHỊ QUYẾT)\s*:?$")
AUTHORITY_TITLE = _opening("CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG", "THỦ TƯỚNG", "TRƯỞNG BAN")


def is_layout(line: str) -> bool:
    """A line of the page's layout left in the body: a signing authority ("KT. GIÁM ĐỐC"), the
    enacting formula, or the enacting authority's title on a line of its own in capitals."""
    return bool(AUTHORITY.match(line) or ENACTING.match(line)
                or (AUTHORITY_TITLE.match(line) and is_caps(line) and len(line) <= 80))


def _authority_text(line: str) -> str:
    m = AUTHORITY.match(line)
    return f"{m.group(1).replace('/', '')}. {m.group(2).strip()}" if m else line


def parse_signer(block: list[str]) -> Signer | None:
    """Signature block: optional authority line, position line(s) in capitals, then the name."""
    block = [b for b in block if b.strip() and not b.startswith("(")]
    if not block:
        return None
    name_idx = next((k for k in range(len(block) - 1, -1, -1) if NAME.match(block[k])), None)
    if name_idx is None:
        return None
    caps = [b for b in block[:name_idx] if is_caps(b)]
    # "TL. CỤC TRƯỞNG" / "KT. TRƯỞNG BAN …" / "PHÓ TRƯỞNG BAN": every line down to the last
    # TM./KT./TL. line is the authority signed for; the lines below it are the signer's position.
    last = max((k for k, c in enumerate(caps) if AUTHORITY.match(c)), default=-1)
    # "KT. BỘ TRƯỞNG," / "CHỦ NHIỆM" and "TM. ỦY BAN NHÂN" / "DÂN": an authority broken over lines.
    while 0 <= last < len(caps) - 2 and (caps[last].endswith(",") or not TITLE_START.match(caps[last + 1])):
        last += 1
    authority = " ".join(_authority_text(c) for c in caps[:last + 1])
    position = " ".join(caps[last + 1:]).strip()
    if not position and authority:
        position, authority = authority, ""
    return Signer(name=block[name_idx], position=position, authority=authority)


POSITION_WORDS = re.compile(r"\b(?:TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|THỦ TƯỚNG|CHÁNH|PHÓ|CHỦ NHIỆM|BÍ THƯ|TỔNG|"
                            r"ỦY VIÊN|THƯ KÝ|KIỂM TOÁN)\b|^(?:TM|KT|TL|TUQ|Q)\b")


def _signature_ending(lines: list[str], k: int, floor: int) -> tuple[Signer, int] | None:
    """The signature block whose name is line k: (signer, index of its first line), when position
    lines in capitals stand above the name (a "(Đã ký)" or seal line may sit between)."""
    if not NAME.match(lines[k]) and not NAME_THEN.match(lines[k]):
        return None
    start = k
    while start - 1 >= floor and k - start < 6 and (is_caps(lines[start - 1]) or lines[start - 1][:1] in "(["):
        start -= 1
    block = [*lines[start:k], _name_part(lines[k])]
    if not any(POSITION_WORDS.search(b) for b in block if is_caps(b)):
        return None
    signer = parse_signer(block)
    return (signer, start) if signer else None


def _name_part(line: str) -> str:
    m = NAME_THEN.match(line)
    return m.group(1) if m and not NAME.match(line) else line


def _rest(line: str) -> str:
    return line[len(_name_part(line)):].strip()


def _signature_near(lines: list[str], cc_at: int, after: int, floor: int) -> tuple[Signer, int, int] | None:
    """The signature laid out after the Nơi nhận list (or, in some layouts, just above it)."""
    for k in range(after, min(after + 8, len(lines))):
        if found := _signature_ending(lines, k, after):
            return found[0], found[1], k + 1
    for k in range(cc_at - 1, max(cc_at - 3, floor - 1), -1):
        if found := _signature_ending(lines, k, floor):
            return found[0], found[1], k + 1
    return None


def parse_footer(lines: list[str], body_start: int) -> Footer:
    """Nơi nhận and the signer. The document's own are the first pair: a blank form or an enclosed
    plan after them may carry its own; text after the signature (appendices) resumes the body."""
    f = Footer(start=len(lines), resume=len(lines))
    ccs = [k for k in range(body_start, len(lines)) if CC.match(lines[k])]
    for cc_at in ccs:
        cc, after = _cc_block(lines, cc_at)
        if near := _signature_near(lines, cc_at, after, body_start):
            f.cc, f.signer = cc, near[0]
            f.start, f.resume = min(cc_at, near[1]), max(after, near[2])
            f.rest = _rest(lines[near[2] - 1])
            return f
    if ccs:
        f.cc, f.resume = _cc_block(lines, ccs[0])
        f.start = ccs[0]
        return f
    for k in range(body_start + 1, len(lines)):
        if found := _signature_ending(lines, k, body_start):
            f.signer, f.start, f.resume, f.rest = found[0], found[1], k + 1, _rest(lines[k])
            return f
    return f
