"""The top of a directive as Decree 30/2020/NĐ-CP lays it out, read from text whose lines break anywhere.

Letterhead (parent body, issuer), motto, số ký hiệu, place and date, type title or "V/v" trích yếu,
the enacting authority of a decision, and the addressees: "Kính gửi:", the công điện's
"THỦ TƯỚNG CHÍNH PHỦ điện:" and "Đồng kính gửi:". Web copies break a letterhead cell over several
lines ("THỦ" / "TƯỚNG CHÍNH PHỦ", "Hà Nội, ngày 18" / "tháng 11 năm 2025") and may carry the site's
info panel ("Số hiệu: …", "Nơi ban hành: …") above the document; both are read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.parse.layout import NUMBER, RECIPIENTS, SUBJECT, is_caps
from index.text.vocabulary import TYPE_TITLES

# A trích yếu under the number: "V/v …", "Về việc …", or a cell that opens with "Về …".
SUBJECT_START = re.compile(r"^(?:V/v|Về việc|Về)\s", re.IGNORECASE)

PANEL = re.compile(r"^(Số hiệu|Loại văn bản|Nơi ban hành|Người ký|Ngày ban hành|Ngày hiệu lực|Tình trạng)"
                   r"\s*:\s*(.*)$")
SEPARATOR = re.compile(r"^[-–—_=*.\s]{3,}$")
MOTTOS = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM")
MOTTO_TAIL = re.compile(r"^(Độc lập|ĐỘC LẬP)\s*[-–]")
NUMBER_START = re.compile(r"^(?:Luật\s+)?Số\s*(?::|\s+(?=[\d/]))\s*(.*)$", re.IGNORECASE)
# "Hà Nội, ngày 18 tháng 11 năm 2025", the comma sometimes dropped, or "ngày …" without a place.
DATE_START = re.compile(r"^(?:([A-ZÀ-Ỹ][^,\d]{1,40}?),?\s+)?ngày\b", re.UNICODE)
DATE_MORE = re.compile(r"^(?:\d{1,2}\s+)?(?:tháng|năm)\b|^\d{1,4}\s*$|^\d{1,2}\s+tháng")
# The công điện's addressing formula: the sender's title in capitals, then "điện:".
CABLE = re.compile(r"^(.{3,80}?)\s+điện\s*:?\s*(.*)$")
ALSO_TO = re.compile(r"^Đồng\s+kính\s+gửi\s*:?\s*", re.IGNORECASE)
ITEM = re.compile(r"^[-–•+]\s*")
# Words that open a body's name in a letterhead: a line starting with one after a complete name is
# the next body ("BỘ TÀI CHÍNH" / "CỤC THUẾ"); any other line continues the name it follows.
BODY_HEADS = ("BỘ", "CỤC", "TỔNG CỤC", "CHI CỤC", "SỞ", "ỦY BAN", "UỶ BAN", "UBND", "HĐND", "HỘI ĐỒNG",
              "VĂN PHÒNG", "TRUNG TÂM", "BAN", "PHÒNG", "THỦ TƯỚNG", "CHÍNH PHỦ", "KIỂM TOÁN", "THANH TRA",
              "TÒA ÁN", "VIỆN", "ĐẢNG ỦY", "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "CÔNG AN", "BỘ CHỈ HUY",
              "QUỐC HỘI", "THUẾ", "CHI NHÁNH", "TRƯỜNG", "BỆNH VIỆN", "ĐOÀN", "TỔ")
INNER_UNIT = re.compile(r"\s(?=(?:CỤC|SỞ|VĂN PHÒNG|TRUNG TÂM|CHI CỤC|THUẾ TỈNH|THUẾ THÀNH PHỐ)\s)")
# Titles that open the enacting authority line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …").
AUTHORITY_HEADS = ("CHỦ TỊCH", "BỘ TRƯỞNG", "THỦ TƯỚNG", "GIÁM ĐỐC", "CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG",
                   "CHÁNH", "TRƯỞNG BAN", "TỔNG KIỂM TOÁN", "ỦY BAN", "UỶ BAN", "HỘI ĐỒNG", "CHÍNH PHỦ",
                   "QUỐC HỘI", "BAN CHẤP HÀNH", "BỘ CHÍNH TRỊ", "BAN THƯỜNG VỤ")
CONNECTORS = ("CỦA", "VÀ", "VỀ", "CHO", "TẠI", "THUỘC", "VỚI", "TRONG", "ĐỐI", "CÁC", "NĂM", "-", ",")
# A letterhead line ending in one of these breaks a name ("CHỦ TỊCH ỦY" / "BAN NHÂN DÂN …").
OPEN_ENDS = (*CONNECTORS, "ỦY", "UỶ", "HỘI", "NHÂN", "TỔNG", "CHI")


@dataclass
class Header:
    number: str = ""
    issuer_lines: list[str] = field(default_factory=list)
    place: str = ""
    date_line: str = ""
    subject: str = ""
    as_letter: bool = False       # "V/v …" or "Kính gửi:" without a type title: the layout of a công văn
    type_title: str = ""
    authority: str = ""           # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" above a decision's preamble
    recipients: list[str] = field(default_factory=list)
    panel: dict[str, str] = field(default_factory=dict)
    end: int = 0                  # index of the first body line


def opens_with(line: str, heads: tuple[str, ...]) -> bool:
    return any(line == h or line.startswith(h + " ") for h in heads)


def _upper(line: str) -> bool:
    """Capitals only, however short: letterhead fragments such as "VÀ" or "DÂN"."""
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _motto_end(lines: list[str], i: int) -> int:
    """Index after the motto when it starts at line i (however it is broken), else i."""
    if MOTTO_TAIL.match(lines[i]):
        return i + 1
    joined = ""
    for j in range(i, min(i + 4, len(lines))):
        joined = _flat(f"{joined} {lines[j]}").upper()
        if joined in MOTTOS:
            return j + 1
        if not any(m.startswith(joined) for m in MOTTOS):
            return i
    return i


def _date_at(lines: list[str], i: int) -> bool:
    line = lines[i]
    if DATE_START.match(line) and "tháng" in _flat(" ".join(lines[i:i + 3])) and len(line) < 70:
        return True
    # "Thành phố Hồ" / "Chí Minh, ngày 19 tháng 11 năm 2025": the place broken before its comma.
    return (i + 1 < len(lines) and len(line) < 30 and not re.search(r"[\d,.;:]", line) and line[:1].isupper()
            and not _upper(line) and not SUBJECT_START.match(line)
            and bool(re.match(r"^[^\d,]{1,30},\s*ngày\b", lines[i + 1])))


def _date(lines: list[str], i: int) -> tuple[str, str, int]:
    """(place, date line, next index) for a date starting at line i, rejoined over its breaks."""
    text = lines[i]
    j = i + 1
    if not DATE_START.match(text):
        text, j = f"{text} {lines[i + 1]}", i + 2
    while j < len(lines) and j < i + 4 and not re.search(r"năm\s*\d{4}", text) and DATE_MORE.match(lines[j]):
        text, j = f"{text} {lines[j]}", j + 1
    text = _flat(text)
    m = DATE_START.match(text)
    return ((m.group(1) or "").strip() if m else ""), text, j


def _number(lines: list[str], i: int) -> tuple[str, int]:
    rest = NUMBER_START.match(lines[i]).group(1).strip()  # type: ignore[union-attr]
    j = i + 1
    if not rest and j < len(lines) and re.match(r"^[\d/]", lines[j]):
        rest, j = lines[j].strip(), j + 1
    m = NUMBER.match(f"Số: {rest}")
    number = re.sub(r"\s+", "", m.group(1)) if m else rest.split(" ")[0]
    # "Số: 1234/QĐ-" / "UBND": a ký hiệu broken at its hyphen.
    if number.endswith(("-", "/")) and j < len(lines) and re.fullmatch(r"[\w.Đđ/-]+", lines[j]):
        number, j = number + lines[j], j + 1
    return number, j


def _stops_subject(lines: list[str], j: int) -> bool:
    line = lines[j]
    return bool(SEPARATOR.match(line) or NUMBER_START.match(line) or RECIPIENTS.match(line)
                or _date_at(lines, j) or _motto_end(lines, j) > j or CABLE.match(line) or _upper(line))


def _vv_subject(lines: list[str], i: int) -> tuple[str, int]:
    """A "V/v" trích yếu: it runs on to the next header element (date, Kính gửi) when one follows
    within a few lines, else over lines that plainly continue a sentence."""
    parts = [SUBJECT.sub("", lines[i]).strip()]
    stop = next((j for j in range(i + 1, min(i + 6, len(lines))) if _stops_subject(lines, j)), None)
    j = i + 1
    while j < len(lines) and (j < (stop or 0) or (stop is None and _continues_subject(lines[j]))):
        parts.append(lines[j].strip())
        j += 1
    return _flat(" ".join(parts)), j


def _continues_subject(line: str) -> bool:
    if DATE_START.match(line) or RECIPIENTS.match(line) or NUMBER_START.match(line) or is_caps(line):
        return False
    return bool(line) and (line[0].islower() or line[0].isdigit()) and len(line) < 80


def _title_at(lines: list[str], i: int) -> tuple[str, str, int] | None:
    """(type, rest of the line, next index) for a type title, also one broken in two ("NGHỊ" / "QUYẾT")."""
    line = lines[i].strip()
    two = _flat(f"{line} {lines[i + 1]}") if i + 1 < len(lines) else ""
    if two.upper() in TYPE_TITLES and _upper(line) and len(line) < 12:
        return TYPE_TITLES[two.upper()], "", i + 2
    if line.upper() in TYPE_TITLES:
        return TYPE_TITLES[line.upper()], "", i + 1
    # "CÔNG ĐIỆN V/V TẬP TRUNG …", "NGHỊ QUYẾT Về việc …": title and trích yếu on one line.
    for title in sorted(TYPE_TITLES, key=len, reverse=True):
        if line.startswith(title + " ") and (SUBJECT.match(line[len(title) + 1:]) or _upper(line)):
            return TYPE_TITLES[title], line[len(title) + 1:], i + 1
    return None


def _is_authority(line: str, previous: str) -> bool:
    if not _upper(line) or not opens_with(line, AUTHORITY_HEADS):
        return False
    # "… THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA" / "ỦY BAN NHÂN DÂN TỈNH …" still belongs to the title.
    return not (previous.split() and previous.split()[-1] in CONNECTORS)


def _titled_subject(h: Header, lines: list[str], i: int, rest: str) -> int:
    """The trích yếu under a type title (in capitals or not), then a decision's enacting authority."""
    parts = [SUBJECT.sub("", rest).strip()] if rest else []
    j = i
    while j < len(lines) and j < i + 8 and not _stops_title(lines, j, parts):
        if SUBJECT.match(lines[j]) and parts and not _upper(parts[-1]):
            break
        parts.append(SUBJECT.sub("", lines[j]).strip())
        j += 1
        if not _upper(parts[-1]) and parts[-1].endswith((".", ";", ":")):
            break
    h.subject = _flat(" ".join(parts))
    start = j
    while j < len(lines) and j < start + 3 and _upper(lines[j]) and len(lines[j]) < 120 \
            and not SEPARATOR.match(lines[j]) and (j > start or _is_authority(lines[j], "")):
        j += 1
    h.authority = _flat(" ".join(lines[start:j]))
    return j


def _stops_title(lines: list[str], j: int, parts: list[str]) -> bool:
    line = lines[j]
    if SEPARATOR.match(line) or RECIPIENTS.match(line) or CABLE.match(line) or ALSO_TO.match(line):
        return True
    if parts and _upper(parts[-1]) != _upper(line) and not (line[:1].islower() and not _upper(parts[-1])):
        return True      # capitals then a sentence: the title has ended (sentence wraps stay)
    if _upper(line):
        return _is_authority(line, parts[-1] if parts else "")
    return bool(re.match(r"^(Căn cứ|Thực hiện|Theo|Xét|Ngày|Trong|Để)\b", line)) or len(line) > 160


def _recipients(lines: list[str], i: int) -> tuple[list[str], int]:
    """Addressees after "Kính gửi:", "… điện:" or "Đồng kính gửi:": inline, or one per dashed line;
    a wrapped item continues on a line that starts in lower case."""
    line = lines[i]
    if m := CABLE.match(line):
        rest = m.group(2)
    else:
        rest = ALSO_TO.sub("", RECIPIENTS.sub("", line)).strip()
    found = [rest] if rest else []
    j = i + 1
    if not found and j < len(lines) and not ITEM.match(lines[j]):
        # "Kính gửi:" alone, its addressee on the next line (run into the first sentence at times).
        found, j = [BODY_OPENERS.split(lines[j], maxsplit=1)[0][:200]], j + 1
        if not ITEM.match(lines[j - 1]) and j < len(lines) and ITEM.match(lines[j]):
            return found, j      # dashes after a single addressee are the body's own list
    while j < len(lines) and len(lines[j]) < 200:
        nxt = lines[j]
        if ITEM.match(nxt):
            found.append(nxt)
        elif found and (nxt[:1].islower() or (not found[-1].endswith((".", ";", ":"))
                                              and len(nxt.split()) <= 3 and not _upper(nxt))):
            found[-1] = f"{found[-1]} {nxt}"
        else:
            break
        j += 1
    parts = [p for r in found for p in re.split(r";\s*", r)]
    return [ITEM.sub("", p).rstrip(" ;.") for p in parts if p.strip(" ;.")], j


def _panel(lines: list[str]) -> tuple[dict[str, str], int]:
    panel: dict[str, str] = {}
    i = 0
    while i < len(lines) and i < 10 and (m := PANEL.match(lines[i])):
        panel[m.group(1)] = m.group(2).strip()
        i += 1
    return panel, i


def _addressed(line: str) -> bool:
    cable = CABLE.match(line)
    return bool(RECIPIENTS.match(line) or ALSO_TO.match(line)
                or (cable and _upper(cable.group(1)) and not cable.group(2)))


def _issuer_fragment(h: Header, line: str) -> None:
    """Add a letterhead line: a new body when it opens with a body word after a complete name."""
    if h.issuer_lines and not (opens_with(line, BODY_HEADS) and len(h.issuer_lines[-1].split()) >= 2
                               and h.issuer_lines[-1].split()[-1] not in OPEN_ENDS):
        h.issuer_lines[-1] = f"{h.issuer_lines[-1]} {line}"
    else:
        h.issuer_lines.append(line)
    # "BỘ TÀI CHÍNH CỤC THUẾ" read as one line: a unit's name after its parent's complete name.
    last = h.issuer_lines[-1]
    if m := INNER_UNIT.search(last):
        if len(last[:m.start()].split()) >= 2 and last[:m.start()].split()[-1] not in OPEN_ENDS:
            h.issuer_lines[-1:] = [last[:m.start()].strip(), last[m.start():].strip()]


def _step(h: Header, lines: list[str], i: int) -> int | None:
    """Read one header element at line i; the index after it, or None at the first body line."""
    line = lines[i]
    if SEPARATOR.match(line):
        return i + 1
    if (k := _motto_end(lines, i)) > i:
        return k
    if NUMBER_START.match(line) and not h.number:
        h.number, k = _number(lines, i)
        return k
    if not h.date_line and _date_at(lines, i):
        h.place, h.date_line, k = _date(lines, i)
        return k
    if (SUBJECT.match(line) or SUBJECT_START.match(line)) and not h.subject and not h.type_title:
        h.subject, k = _vv_subject(lines, i)
        h.as_letter = True
        return k
    if _addressed(line):
        h.as_letter = h.as_letter or bool(RECIPIENTS.match(line))
        found, k = _recipients(lines, i)
        h.recipients += found
        return k
    if not h.type_title and (title := _title_at(lines, i)):
        h.type_title, rest, k = title
        return _titled_subject(h, lines, k, rest)
    if _upper(line) and len(line) < 90 and not (h.subject or h.date_line or h.type_title):
        _issuer_fragment(h, line)
        return i + 1
    return None


# How a directive's body opens; a Kính gửi cell the web copy ran into the first paragraph ends here.
BODY_OPENERS = re.compile(r"\s(?=(?:Thực hiện|Căn cứ|Triển khai|Trả lời|Tiếp theo|Theo|Nhằm|Để|Vừa qua|Hiện nay|"
                          r"Sau khi|Nhận được|Thời gian qua|Trước tình hình|Thừa lệnh|Thừa ủy quyền|"
                          r"Ngày \d|Năm \d{4})\b)")
PLACE_DATE_IN = re.compile(r"\s(?=(?:[A-ZÀ-Ỹ][\wÀ-ỹ]*|phố|xã|trấn)(?:\s+(?:[A-ZÀ-Ỹ][\wÀ-ỹ]*|phố|xã|trấn)){0,5},"
                           r"\s*ngày\b)")
PANEL_KEY = re.compile(r"\s(?=(?:Loại văn bản|Nơi ban hành|Người ký|Ngày ban hành|Ngày hiệu lực|Tình trạng)\s*:)")


def _atoms(line: str) -> list[str]:
    """Split a line the reader ran together from several header cells into those cells."""
    if line.startswith("|") or line.endswith("|"):
        # A layout table's cell borders left around a header cell ("| Luật số: 51/2024/QH15 |").
        inner = line.strip("| ").strip()
        if line.count("|") <= 2 and (not inner or NUMBER_START.match(inner) or _motto_end([inner], 0) or _upper(inner)):
            return _atoms(inner) if inner else []
    if (m := re.match(r"^(.*?\S)\s*([-–—_=]{3,})$", line)) and _upper(m.group(1)):
        return [*_atoms(m.group(1)), m.group(2)]
    if m := re.match(r"^([-–—_=]{3,})\s+(\S.*)$", line):
        return [m.group(1), *_atoms(m.group(2))]
    if PANEL.match(line):
        parts = PANEL_KEY.split(line)
        last = re.match(r"^(Ngày ban hành\s*:\s*\d{1,2}/\d{1,2}/\d{4})\s+(\S.*)$", parts[-1])
        return parts[:-1] + ([last.group(1), *_atoms(last.group(2))] if last else parts[-1:])
    if (rule := re.search(r"_{3,}|\s\|\s", line)) and (NUMBER_START.match(line) or _upper(line[:rule.start()])):
        # An old layout table flattened into one line: "CHÍNH PHỦ____ Số: … | CỘNG HÒA …".
        return [*_atoms(line[:rule.start()].strip()), *_atoms(line[rule.end():].strip())]
    if (m := re.search(r"Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc", line)) and (m.start() or m.end() < len(line)):
        return [*_atoms(line[:m.start()].strip()), m.group(0), *_atoms(line[m.end():].strip())]
    if (m := NUMBER.match(line)) and (rest := line[m.end():].strip()):
        return [line[:m.end()].strip(), *_atoms(rest)]
    if SUBJECT_START.match(line) and len(cut := PLACE_DATE_IN.split(line, maxsplit=1)) == 2:
        return [cut[0], *_atoms(cut[1])]
    if DATE_START.match(line) and (m := re.search(r"năm\s*\d{4}\s+(?=\S)", line)) and m.end() < 80:
        return [line[:m.end()].strip(), *_atoms(line[m.end():])]
    if RECIPIENTS.match(line) and len(cut := BODY_OPENERS.split(line, maxsplit=1)) == 2 \
            and len(cut[0].split()) > 3:
        return cut
    return _caps_lead(line)


def _caps_lead(line: str) -> list[str]:
    """A title in capitals run into the first sentence ("QUYẾT ĐỊNH … TỈNH GIA LAI Căn cứ Luật …")."""
    cut = BODY_OPENERS.split(line, maxsplit=1)
    if len(cut) == 2 and _upper(cut[0]) and len(cut[0].split()) >= 2:
        return cut
    return [line]


def split_header_lines(lines: list[str]) -> list[str]:
    """The top of the text with header cells that the reader joined split apart again; the body
    from its first sentence on is left as it is."""
    out: list[str] = []
    for k, line in enumerate(lines):
        if k >= 40 or re.match(r"^(Căn cứ|Thực hiện)\b", line):
            return out + lines[k:]
        out.extend(a for a in _atoms(line) if a)
    return out


def parse_header(lines: list[str]) -> Header:
    """Read the header zone at the top; stops at the first body paragraph."""
    h = Header()
    h.panel, i = _panel(lines)
    h.end = i
    limit = min(len(lines), i + 60)
    while i < limit:
        # After the addressees only a further addressee block ("Đồng kính gửi:") is header.
        if h.recipients and not (_addressed(lines[i]) or SEPARATOR.match(lines[i])):
            break
        k = _step(h, lines, i)
        if k is None:
            break
        i = h.end = k
    return h
