"""Header and footer of a directive as Decree 30/2020/NĐ-CP lays them out.

Header: issuer, số ký hiệu, place and date, trích yếu ("V/v …") or type title, Kính gửi.
Footer: Nơi nhận and the signature block (TM./KT./TL./TUQ. authority, position, name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.models import Signer

MOTTO = re.compile(r"^(CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*-|ĐỘC LẬP\s*-)", re.IGNORECASE)
NUMBER = re.compile(r"^Số\s*:?\s*([0-9]*\s*/\s*[\w.Đđ/-]+)", re.IGNORECASE)
PLACE_DATE = re.compile(r"^([A-ZÀ-Ỹ][^,\d]{1,40}),\s*ngày\b", re.UNICODE)
SUBJECT = re.compile(r"^(V/v|Về việc)\s*:?\s*", re.IGNORECASE)
RECIPIENTS = re.compile(r"^Kính\s+gửi\s*:?\s*", re.IGNORECASE)
CC = re.compile(r"^Nơi\s+nhận\s*:?\s*", re.IGNORECASE)
AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\s*\.\s*(.*)$")
TYPE_TITLES = {
    "KẾ HOẠCH": "kế hoạch", "QUYẾT ĐỊNH": "quyết định", "BÁO CÁO": "báo cáo",
    "THÔNG BÁO": "thông báo", "CHỈ THỊ": "chỉ thị", "HƯỚNG DẪN": "hướng dẫn",
    "CÔNG VĂN": "công văn", "TỜ TRÌNH": "tờ trình", "CHƯƠNG TRÌNH": "chương trình",
    "NGHỊ QUYẾT": "nghị quyết", "CÔNG ĐIỆN": "công điện",
}
TYPE_CODES = {
    "KH": "kế hoạch", "QĐ": "quyết định", "BC": "báo cáo", "TB": "thông báo", "CT": "chỉ thị",
    "HD": "hướng dẫn", "TTr": "tờ trình", "NQ": "nghị quyết", "CĐ": "công điện", "CTr": "chương trình",
}
NAME = re.compile(r"^(?:[A-ZÀ-Ỹ][a-zà-ỹ]+\s){1,4}[A-ZÀ-Ỹ][a-zà-ỹ]+$")


@dataclass
class Header:
    number: str = ""
    issuer_lines: list[str] = field(default_factory=list)
    place: str = ""
    date_line: str = ""
    subject: str = ""
    type_title: str = ""
    recipients: list[str] = field(default_factory=list)
    end: int = 0                  # index of the first body line


@dataclass
class Footer:
    cc: list[str] = field(default_factory=list)
    signer: Signer | None = None
    start: int = 0                # index of the first footer line (body ends here)


def is_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def doc_type_from_number(number: str) -> str:
    """"25/KH-UBND" -> "kế hoạch"; a number without a type code is a công văn."""
    code = number.split("/", 1)[1].split("-")[0] if "/" in number else ""
    return TYPE_CODES.get(code, "công văn" if "-" in number else "")


def _subject(lines: list[str], i: int) -> tuple[str, int]:
    """The trích yếu starting at line i, rejoined when it wraps over several lines."""
    parts = [SUBJECT.sub("", lines[i]).strip()]
    j = i + 1
    while j < len(lines) and _continues_subject(lines[j]):
        parts.append(lines[j].strip())
        j += 1
    return re.sub(r"\s+", " ", " ".join(parts)).strip(), j


def _continues_subject(line: str) -> bool:
    if PLACE_DATE.match(line) or RECIPIENTS.match(line) or NUMBER.match(line) or is_caps(line):
        return False
    return bool(line) and (line[0].islower() or line[0].isdigit()) and len(line) < 80


def _recipients(lines: list[str], i: int) -> tuple[list[str], int]:
    rest = RECIPIENTS.sub("", lines[i]).strip()
    found = [rest] if rest else []
    j = i + 1
    while j < len(lines) and re.match(r"^[-–•+]\s*", lines[j]) and len(lines[j]) < 150:
        found.append(lines[j])
        j += 1
    # "Kính gửi: A; B." on one line names several recipients.
    parts = [p for r in found for p in re.split(r";\s*", r)]
    return [re.sub(r"^[-–•+]\s*", "", p).rstrip(" ;.") for p in parts if p.strip(" ;.")], j


def parse_header(lines: list[str]) -> Header:
    """Read the header zone at the top; stops at the first body paragraph."""
    h = Header()
    i = 0
    limit = min(len(lines), 25)
    while i < limit:
        line = lines[i]
        if MOTTO.match(line):
            i += 1
        elif (m := NUMBER.match(line)) and not h.number:
            h.number = re.sub(r"\s+", "", m.group(1))
            i += 1
        elif PLACE_DATE.match(line) and not h.date_line and "ngày" in line:
            h.place, h.date_line = PLACE_DATE.match(line).group(1).strip(), line  # type: ignore[union-attr]
            i += 1
        elif SUBJECT.match(line) and not h.subject:
            h.subject, i = _subject(lines, i)
        elif RECIPIENTS.match(line):
            h.recipients, i = _recipients(lines, i)
            h.end = i
            break
        elif line.upper() in TYPE_TITLES and not h.type_title:
            h.type_title = TYPE_TITLES[line.upper()]
            i += 1
            if i < len(lines) and not is_caps(lines[i]) and len(lines[i]) < 200 and not h.subject:
                h.subject, i = _subject(lines, i)
        elif is_caps(line) and len(line) < 90 and not h.subject and not h.date_line:
            h.issuer_lines.append(line)
            i += 1
        elif line.startswith("-") and h.date_line and not h.recipients and len(line) < 60:
            i += 1  # stray dash lines of the motto block ("---")
        else:
            break
        h.end = i
    return h


def _cc_block(lines: list[str], start: int) -> tuple[list[str], int]:
    rest = CC.sub("", lines[start]).strip()
    cc = [rest] if rest else []
    j = start + 1
    while j < len(lines) and re.match(r"^[-–•+]", lines[j]):
        cc.append(re.sub(r"^[-–•+]\s*", "", lines[j]).rstrip(" ;."))
        j += 1
    return cc, j


def parse_signer(block: list[str]) -> Signer | None:
    """Signature block: optional authority line, position line(s) in capitals, then the name."""
    block = [b for b in block if b.strip() and not b.startswith("(")]
    if not block:
        return None
    name_idx = next((k for k in range(len(block) - 1, -1, -1) if NAME.match(block[k])), None)
    if name_idx is None:
        return None
    caps = [b for b in block[:name_idx] if is_caps(b)]
    authority, position = "", ""
    if caps and (m := AUTHORITY.match(caps[0])):
        authority = f"{m.group(1)}. {m.group(2).strip()}"
        caps = caps[1:]
    position = " ".join(caps).strip()
    if not position and authority:
        position, authority = authority, ""
    return Signer(name=block[name_idx], position=position, authority=authority)


def parse_footer(lines: list[str], body_start: int) -> Footer:
    """Find Nơi nhận and the signer near the end; body ends where the footer starts."""
    f = Footer(start=len(lines))
    cc_at = next((k for k in range(len(lines) - 1, body_start - 1, -1) if CC.match(lines[k])), None)
    if cc_at is not None:
        f.cc, after = _cc_block(lines, cc_at)
        f.start = cc_at
        tail = lines[after:]
    else:
        tail = []
    f.signer = parse_signer(tail) if tail else None
    if f.signer is None:
        # Signature block laid out before Nơi nhận, or no Nơi nhận at all: look at trailing caps + name.
        k = (cc_at if cc_at is not None else len(lines)) - 1
        start = k
        while start > body_start and (is_caps(lines[start]) or NAME.match(lines[start])) \
                and k - start < 5:
            start -= 1
        candidate = lines[start + 1: k + 1]
        if any(is_caps(c) for c in candidate):
            f.signer = parse_signer(candidate)
            if f.signer:
                f.start = min(f.start, start + 1)
    return f
