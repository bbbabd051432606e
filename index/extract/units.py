"""Government units named in a clause: who leads (chủ trì) and who supports (phối hợp).

A unit name starts at a head word (Sở, Phòng, Ủy ban nhân dân, các xã ...) and runs over the
capitalised proper name that follows ("Phòng Tài chính - Kế hoạch", "Tổ Công nghệ thông tin")
until a verb, a clause word or punctuation. Roles come only from explicit wording: "Giao X",
"X chủ trì", "yêu cầu X", a sentence that starts with X and a verb (lead); "phối hợp (với) X",
"(qua X)" (support).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.extract.dates import flatten
from index.text.normalize import fold, nfc

# Head words, lower-cased token sequences, longest first. "named" heads need a proper name or an
# administrative level after them ("Phòng Nội vụ", not "phòng, chống"; "Ban Thường vụ", not "Ban hành").
_ALONE_HEADS = (
    ("ủy", "ban", "nhân", "dân"), ("hội", "đồng", "nhân", "dân"), ("tổ", "công", "tác"),
    ("đoàn", "kiểm", "tra"), ("đoàn", "công", "tác"), ("ban", "chỉ", "đạo"), ("văn", "phòng"),
    ("trung", "tâm"), ("bộ", "phận"), ("ubnd",), ("hđnd",),
)
_NAMED_HEADS = (
    ("công", "an"), ("chi", "cục"), ("hội", "đồng"), ("thanh", "tra"), ("kho", "bạc"),
    ("chi", "nhánh"), ("ủy", "ban"), ("sở",), ("phòng",), ("tổ",), ("ban",), ("đoàn",), ("đội",),
    ("cục",), ("bộ",), ("viện",),
)
_PLURAL_NOUNS = (
    ("đơn", "vị"), ("cơ", "quan"), ("địa", "phương"), ("trung", "tâm"), ("bộ", "phận"),
    ("thị", "trấn"), ("phòng",), ("xã",), ("sở",), ("ban",), ("ngành",), ("huyện",), ("tổ",),
    ("phường",),
)
_ADMIN = {"tỉnh", "huyện", "xã", "thị", "thành", "quận", "phường", "cấp"}
# Lower-case syllables that belong to a unit name wherever they appear after its head.
_NAME_CONT = _ADMIN | {"trấn", "phố", "chuyên", "môn", "thuộc", "trực", "liên", "quan", "ngành",
                       "địa", "phương", "nhân", "dân"}
# After a comma, these continue a plural unit: "các xã, thị trấn", "các phòng chuyên môn, Trung tâm".
_COMMA_CONT = (("thị", "trấn"), ("thị", "xã"), ("thành", "phố"), ("trung", "tâm"), ("đơn", "vị"),
               ("địa", "phương"), ("bộ", "phận"), ("phường",), ("ngành",), ("xã",), ("ban",), ("quận",))
# First syllables of verbs and clause words that end a unit name ("Văn phòng Sở | đôn đốc").
_STOP = {
    "phải", "để", "nhằm", "về", "theo", "tại", "trong", "khi", "đã", "được", "đang", "sẽ", "là",
    "giao", "cho", "của", "trước", "sau", "ngày", "năm", "số", "với", "hoặc", "nhưng", "vẫn", "cần",
    "không", "chưa", "có", "trên", "qua", "từ", "đến", "ra", "đạt", "bàn", "gửi", "nộp", "lập", "mở",
    "làm", "thì", "mà", "do", "bị", "nên", "vì", "đề", "yêu", "xếp", "trình", "ký", "kịp", "chủ",
    "phối", "tập", "thực", "tổng", "báo", "thường", "triển", "tham", "xây", "rà", "hướng", "đôn",
    "khẩn", "nghiêm", "tiếp", "tổ", "kiểm", "khắc", "bám", "chỉ", "ban", "quy", "căn", "cập", "hoàn",
    "nâng", "đẩy", "tăng", "duy", "đánh", "xử", "giải", "phê", "chịu", "quán", "chuẩn", "các",
}
# Words that make a sentence-initial unit the doer: "Ủy ban nhân dân các xã, thị trấn tập trung ...".
_LEAD_NEXT = {
    "tập", "thực", "chủ", "có", "chịu", "triển", "tham", "xây", "rà", "hướng", "đôn", "khẩn",
    "nghiêm", "tiếp", "tổ", "kiểm", "khắc", "bám", "theo", "tổng", "báo", "phối", "cập", "hoàn",
    "chỉ", "lập", "nâng", "đẩy", "tăng", "duy", "chuẩn", "gửi", "quán", "phải", "cần",
}
# First syllables of officials' titles (Thủ trưởng, Giám đốc, Chủ tịch, Chánh Văn phòng).
_TITLES = {"thủ", "giám", "chủ", "chánh", "trưởng"}
_ENUM = re.compile(r"^(?:\d+|[a-zđ]|[IVXLC]+|[-+•#*()])$")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_MAX_TOKENS = 16
_MAX_FREE_RUN = 4
_GENERIC = {"người dân", "doanh nghiệp", "cán bộ", "công chức", "nhân dân", "tổ chức", "cá nhân"}


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def cap(self) -> bool:
        """A proper-name token: capitalised word, abbreviation ("HĐND") or number ("Đề án 06")."""
        return self.text[0].isupper() or self.text[0].isdigit()


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _seq_at(toks: list[_Tok], i: int, seqs: tuple[tuple[str, ...], ...]) -> int:
    """Length of the first sequence in seqs that the tokens at i spell (case-insensitive), or 0."""
    for seq in seqs:
        if tuple(t.low for t in toks[i:i + len(seq)]) == seq:
            return len(seq)
    return 0


def _head(toks: list[_Tok], i: int) -> tuple[int, str] | None:
    """(token count, kind) of a unit head at i; kind is "plural", "alone" or "named"."""
    if toks[i].low == "các":
        n = _seq_at(toks, i + 1, _PLURAL_NOUNS)
        return (n + 1, "plural") if n else None
    n = _seq_at(toks, i, _ALONE_HEADS)
    if n:
        after = toks[i + n] if i + n < len(toks) else None
        ok = toks[i].cap or (after is not None and (after.cap or after.low in _ADMIN))
        return (n, "alone") if ok else None
    n = _seq_at(toks, i, _NAMED_HEADS)
    after = toks[i + n] if n and i + n < len(toks) else None
    if n and after is not None and after.text[0].isalnum() and (after.cap or after.low in _ADMIN):
        return n, "named"
    return None


def _continues_after_comma(toks: list[_Tok], j: int) -> int:
    """Tokens (comma included) that continue a plural unit past the comma at j, or 0."""
    n = _seq_at(toks, j + 1, _COMMA_CONT)
    return n + 1 if n else 0


def _parse_at(toks: list[_Tok], i: int) -> int | None:
    """End token index of the unit starting at i, or None if no unit starts there."""
    head = _head(toks, i)
    if head is None:
        return None
    j, plural = i + head[0], head[1] == "plural"
    free_ok, free_run = False, 0
    while j < len(toks) and j - i < _MAX_TOKENS:
        tok = toks[j]
        if tok.text in {",", "-", "–", "&"} or tok.low == "và":
            step = _connector(toks, j, plural)
            if not step:
                break
            j += step
            free_ok = False
            continue
        if not tok.text[0].isalnum():
            break
        if tok.cap:
            free_ok, free_run = True, 0
        elif tok.low == "các" and toks[j - 1].low in {"dân", "ubnd", "thuộc"}:
            plural, free_ok = True, False
        elif tok.low in _NAME_CONT:
            free_ok = False
        elif free_ok and free_run < _MAX_FREE_RUN and tok.low not in _STOP:
            free_run += 1
        else:
            break
        j += 1
    return _trim(toks, i, j)


def _connector(toks: list[_Tok], j: int, plural: bool) -> int:
    """Tokens to consume at a connector (",", "-", "và") inside a unit name; 0 ends the unit."""
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if toks[j].text == ",":
        return _continues_after_comma(toks, j) if plural else 0
    if nxt is None or not nxt.cap:
        return 0
    # "Sở X và Phòng Y" are two units; "Văn phòng HĐND và UBND huyện" is one.
    if toks[j].low == "và" and _head(toks, j + 1) and nxt.low not in {"ubnd", "ủy"}:
        return 0
    if nxt.low in _TITLES:   # "Sở Nội vụ và Thủ trưởng các cơ quan": an official's title starts anew
        return 0
    return 1


def _trim(toks: list[_Tok], i: int, j: int) -> int:
    """Drop dangling connectors ("thuộc", "và", ",") from the end of a unit."""
    while j > i + 1 and toks[j - 1].low in {"và", "thuộc", "trực", "các", ",", "-", "–", "&"}:
        j -= 1
    return j


def _unit_text(text: str, toks: list[_Tok], i: int, j: int) -> str:
    """The unit as written, head word capitalised ("phòng Nội vụ" -> "Phòng Nội vụ")."""
    name = re.sub(r"\s+", " ", text[toks[i].start:toks[j - 1].end])
    if toks[i].low != "các":
        name = name[0].upper() + name[1:]
    return name


def _units(text: str, toks: list[_Tok]) -> list[tuple[int, int, str]]:
    """Every unit in the text as (first token, end token, name), left to right, non-overlapping."""
    found, i = [], 0
    while i < len(toks):
        j = _parse_at(toks, i)
        if j is None:
            i += 1
            continue
        found.append((i, j, _unit_text(text, toks, i, j)))
        i = j
    return found


def _role_before(toks: list[_Tok], i: int) -> str:
    """Role from the words before a unit: "Giao X", "yêu cầu X" lead; "phối hợp với X", "qua X" support."""
    words = [t.low for t in toks[max(0, i - 4):i] if t.text != "("]
    tail2, tail1 = " ".join(words[-2:]), words[-1] if words else ""
    if tail1 == "giao" or tail2 == "giao cho" or tail2 in {"yêu cầu", "đề nghị"}:
        return "lead"
    if tail2 == "phối hợp" or " ".join(words[-3:]) in {"phối hợp với", "hợp chặt chẽ với"}:
        return "support"
    return "support" if tail1 == "qua" else ""


def _role_after(toks: list[_Tok], j: int, at_start: bool) -> str:
    """Role given by the words after a unit: "X chủ trì", or a sentence "X tập trung ..."."""
    words = [t.low for t in toks[j:j + 4]]
    if words[:2] == ["chủ", "trì"] or words[:4] == ["là", "đơn", "vị", "chủ"]:
        return "lead"
    if at_start and words and words[0] in _LEAD_NEXT and words[:2] != ["có", "các"]:
        return "lead"
    return ""


def _at_sentence_start(toks: list[_Tok], i: int) -> bool:
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


def extract_units(text: str, inherited: str | None = None) -> tuple[list[str], list[str]]:
    """(lead, support) units of a clause. inherited (the heading's unit) leads if the text names none."""
    flat = flatten(text)
    toks = _tokens(flat)
    lead: list[str] = []
    support: list[str] = []
    prev_role, prev_end = "", -1
    # A decision's closing article: "Chánh Văn phòng UBND tỉnh; Giám đốc các sở, …; Chủ tịch UBND
    # các huyện … chịu trách nhiệm thi hành Quyết định này": everyone listed before it executes it.
    executes = next((k for k, t in enumerate(toks) if t.low == "chịu" and " ".join(
        x.low for x in toks[k:k + 4]) in {"chịu trách nhiệm thi", "chịu trách nhiệm thực"}), None)
    for i, j, name in _units(flat, toks):
        role = _role_before(toks, i) or _role_after(toks, j, _at_sentence_start(toks, i))
        chained = prev_end >= 0 and i - prev_end <= 1 and all(
            t.text == "," or t.low == "và" for t in toks[prev_end:i])
        if not role and chained:
            role = prev_role  # "phối hợp với Sở A và các Sở, ngành liên quan"
        if not role and executes is not None and j <= executes:
            role = "lead"
        if role == "lead":
            lead.append(name)
        elif role == "support":
            support.append(name)
        prev_role, prev_end = role, j
    if not lead and inherited:
        lead = [inherited]
    lead = _dedupe(lead)
    return lead, _dedupe(support, lead)


_NUMBERING = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/]\s*")


def unit_from_heading(heading: str) -> str | None:
    """The unit a heading names ("1. Văn phòng Sở" -> "Văn phòng Sở"), or None for task headings."""
    text = nfc(heading).strip().lstrip("#").replace("*", "").strip()
    text = _NUMBERING.sub("", text).strip().rstrip(" .:;,")
    toks = _tokens(text)
    if not toks:
        return None
    end = _parse_at(toks, 0)
    return _unit_text(text, toks, 0, end) if end == len(toks) else None


def find_units(text: str) -> list[str]:
    """Every unit named in the text, whatever its role ("Phòng Nội vụ phải làm gì?")."""
    flat = flatten(nfc(text))
    return [name for _, _, name in _units(flat, _tokens(flat))]


def split_units(cell: str) -> list[str]:
    """Units listed in a table cell: "Phòng Nội vụ; Phòng Tư pháp" -> two units."""
    out: list[str] = []
    for piece in re.split(r"[;\n]+|(?:^|\s)[-+•]\s", nfc(cell)):
        piece = re.sub(r"^\s*(?:chủ trì|phối hợp|đơn vị)\s*:\s*", "", flatten(piece), flags=re.I)
        toks = _tokens(piece)
        units = _units(piece, toks)
        if units:
            out.extend(name for _, _, name in units)
        elif piece and piece[0].isupper() and len(piece.split()) <= 8 and piece.lower() not in _GENERIC:
            out.append(piece.rstrip(" .,"))
    return _dedupe(out)


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
_TYPE_CODES = {"QĐ", "KH", "NĐ", "NQ", "TT", "CT", "CĐ", "KL", "BC", "TB", "HD", "BB", "CV", "TTr",
               "GM", "TTLT", "CTr", "ĐA", "QC"}


def issuer_from_number(number: str) -> str:
    """Issuer named by a ký hiệu's code: "/SCT-VP2" -> "Sở Công Thương"; "" when unknown."""
    text = re.sub(r"</?sub>", "", nfc(number))
    text = re.sub(r"^\s*(?:số|Số)\s*:?\s*", "", text).strip()
    codes = [c for c in re.split(r"[/\-\s]+", text) if c and not c.isdigit()]
    if codes and codes[0] in _TYPE_CODES:
        codes = codes[1:]
    if not codes:
        return ""
    code = codes[0]
    return _ISSUER_CODES.get(code) or _ISSUER_CODES.get(re.sub(r"\d+$", "", code), "")


# --- comparing unit names ----------------------------------------------------------------------
_ABBREVIATIONS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan"}


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
