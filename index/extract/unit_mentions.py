"""Where a text names government units: the names themselves, apart from the roles they are given.

A unit name starts at a head word (Sở, Phòng, Ủy ban nhân dân, Bộ, các xã ...) and runs over the
capitalised proper name that follows ("Phòng Tài chính - Kế hoạch", "Bộ Văn hóa, Thể thao và Du
lịch") until a verb, a clause word or punctuation. Directives also name a unit through its head
("Bộ trưởng Bộ Công Thương", "Chủ tịch UBND các tỉnh") and through a list after a plural head
("Các Bộ: Tài chính, Y tế", "UBND các thành phố: Hà Nội, Cần Thơ"); both give the units themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.text.vocabulary import OFFICIAL_TITLES

# Head words, lower-cased token sequences, longest first. "named" heads need a proper name or an
# administrative level after them ("Phòng Nội vụ", not "phòng, chống"; "Ban Thường vụ", not "Ban hành").
_ALONE_HEADS = (
    ("ủy", "ban", "nhân", "dân"), ("hội", "đồng", "nhân", "dân"), ("tổ", "công", "tác"),
    ("đoàn", "kiểm", "tra"), ("đoàn", "công", "tác"), ("ban", "chỉ", "đạo"), ("văn", "phòng"),
    ("trung", "tâm"), ("bộ", "phận"), ("thông", "tấn", "xã"), ("cơ", "quan", "thường", "trực"),
    ("ubnd",), ("hđnd",),
)
_NAMED_HEADS = (
    ("ngân", "hàng"), ("kiểm", "toán"), ("tổng", "cục"), ("tập", "đoàn"),
    ("công", "an"), ("chi", "cục"), ("hội", "đồng"), ("thanh", "tra"), ("kho", "bạc"),
    ("chi", "nhánh"), ("ủy", "ban"), ("sở",), ("phòng",), ("tổ",), ("ban",), ("đoàn",), ("đội",),
    ("cục",), ("bộ",), ("viện",), ("vụ",), ("đài",),
)
# Groups named without "các": "cơ quan ngang bộ, cơ quan thuộc Chính phủ", "bộ, ngành, địa phương".
_GROUP_HEADS = (
    ("cơ", "quan", "trực", "thuộc", "chính", "phủ"), ("cơ", "quan", "thuộc", "chính", "phủ"),
    ("cơ", "quan", "ngang", "bộ"), ("cơ", "quan", "chuyên", "môn"), ("bộ", ",", "ngành"),
)
_PLURAL_NOUNS = (
    ("đơn", "vị"), ("cơ", "quan"), ("địa", "phương"), ("trung", "tâm"), ("bộ", "phận"),
    ("thị", "trấn"), ("ngân", "hàng"), ("thành", "phố"), ("phòng",), ("xã",), ("sở",), ("ban",),
    ("ngành",), ("huyện",), ("tổ",), ("phường",), ("bộ",), ("tỉnh",), ("cục",),
)
_ADMIN = {"tỉnh", "huyện", "xã", "thị", "thành", "quận", "phường", "cấp"}
# Lower-case syllables that belong to a unit name wherever they appear after its head.
NAME_CONT = _ADMIN | {"trấn", "phố", "chuyên", "môn", "thuộc", "trực", "liên", "quan", "ngành",
                      "địa", "phương", "nhân", "dân", "ngang", "bộ", "trung", "ương"}
# After a comma, these continue a plural unit: "các xã, thị trấn", "các bộ, cơ quan ngang bộ".
_COMMA_CONT = (("thị", "trấn"), ("thị", "xã"), ("thành", "phố"), ("trung", "tâm"), ("đơn", "vị"),
               ("địa", "phương"), ("bộ", "phận"), ("cơ", "quan"), ("đặc", "khu"), ("phường",),
               ("ngành",), ("xã",), ("ban",), ("quận",), ("đoàn", "thể"))
# Levels of local government: "UBND xã, phường" (and "UBND tỉnh, thành phố") names the UBNDs of
# every level listed, one group; a comma after a level word goes on with the next level.
_LEVEL_CONT = (("thị", "trấn"), ("thị", "xã"), ("thành", "phố"), ("đặc", "khu"), ("phường",), ("xã",),
               ("quận",), ("huyện",), ("tỉnh",))
_LEVEL_ENDS = {"xã", "phường", "trấn", "huyện", "quận", "tỉnh", "phố", "khu"}
# Verbs that open a task, capitalised where a line break or a list item starts them: after a name
# they end it ("Cục Mỹ thuật, Nhiếp ảnh và Triển lãm Khẩn trương hoàn thiện …").
_CAP_VERBS = (("khẩn", "trương"), ("chủ", "động"), ("tập", "trung"), ("tiếp", "tục"), ("hoàn", "thành"),
              ("rà", "soát"), ("nghiên", "cứu"), ("đôn", "đốc"), ("quyết", "liệt"), ("kịp", "thời"),
              ("triển", "khai"))
# Words that make a sentence-initial unit the doer: "Ủy ban nhân dân các xã tập trung ...".
LEAD_NEXT = {
    "tập", "thực", "chủ", "có", "chịu", "triển", "tham", "xây", "rà", "hướng", "đôn", "khẩn",
    "nghiêm", "tiếp", "tổ", "kiểm", "khắc", "bám", "theo", "tổng", "báo", "phối", "cập", "hoàn",
    "chỉ", "lập", "nâng", "đẩy", "tăng", "duy", "chuẩn", "gửi", "quán", "phải", "cần",
    "ban", "trình", "quyết", "nghiên", "sửa", "kịp", "căn", "phát", "sớm", "bảo",
    "đảm", "thúc", "đăng", "ưu", "phân", "hỗ", "xác", "giám", "tuyên", "lựa", "đề",
    "đánh", "giải", "phê",
}
# First syllables of verbs and clause words that end a unit name ("Văn phòng Sở | đôn đốc").
_STOP = LEAD_NEXT | {
    "để", "nhằm", "về", "tại", "trong", "khi", "đã", "được", "đang", "sẽ", "là", "giao", "cho",
    "của", "trước", "sau", "ngày", "năm", "số", "với", "hoặc", "nhưng", "vẫn", "không", "chưa",
    "trên", "qua", "từ", "đến", "ra", "đạt", "bàn", "nộp", "mở", "làm", "thì", "mà", "do", "bị",
    "nên", "vì", "yêu", "xếp", "ký", "thường", "khẩn", "quy", "chịu", "các", "xử",
}
# Role words end a name even when capitalised: "Cục Du lịch Quốc gia Việt Nam Phối hợp với ...".
_ROLE_WORDS = (("chủ", "trì"), ("phối", "hợp"), ("có", "trách"), ("chịu", "trách"))
_TITLES = tuple(tuple(title.split()) for title in OFFICIAL_TITLES)
_COMRADES = (("các", "đồng", "chí"), ("đồng", "chí"))
# "X và Y" pairs that are one name, so a list "Các Bộ: Công an, Khoa học và Công nghệ" keeps
# "Khoa học và Công nghệ" whole: the first halves of ministry and department names.
_AND_NAMES = {"khoa học", "nông nghiệp", "giáo dục", "kế hoạch", "tài nguyên", "thông tin",
              "thể thao", "thương binh", "dân tộc", "văn hóa", "văn hoá"}
_MAX_TOKENS = 16
_MAX_FREE_RUN = 4
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Tok:
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


@dataclass(frozen=True)
class Mention:
    """Units named at tokens start..end (an official's title included), as they should be listed."""

    start: int
    end: int
    names: tuple[str, ...]


def tokens(text: str) -> list[Tok]:
    return [Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def seq_at(toks: list[Tok], i: int, seqs: tuple[tuple[str, ...], ...]) -> int:
    """Length of the first sequence in seqs that the tokens at i spell (case-insensitive), or 0."""
    for seq in seqs:
        if tuple(t.low for t in toks[i:i + len(seq)]) == seq:
            return len(seq)
    return 0


def _head(toks: list[Tok], i: int) -> tuple[int, str] | None:
    """(token count, kind) of a unit head at i; kind is "plural", "alone" or "named"."""
    if toks[i].low == "các":
        n = seq_at(toks, i + 1, _PLURAL_NOUNS)
        if seq_at(toks, i, _TITLES):
            return None   # "Các Bộ trưởng" are officials
        return (n + 1, "plural") if n else None
    n = seq_at(toks, i, _GROUP_HEADS)
    if n:
        return n, "plural"
    if seq_at(toks, i, (("cơ", "quan"),)) and i + 2 < len(toks) and toks[i + 2].text.islower() \
            and toks[i + 2].low not in _STOP and (i == 0 or toks[i - 1].low != "là"):
        return 2, "plural"   # "cơ quan thanh tra", but not "là cơ quan chủ trì / đầu mối"
    n = seq_at(toks, i, _ALONE_HEADS)
    if n:
        after = toks[i + n] if i + n < len(toks) else None
        ok = toks[i].cap or (after is not None and (after.cap or after.low in _ADMIN))
        return (n, "alone") if ok else None
    n = seq_at(toks, i, _NAMED_HEADS)
    after = toks[i + n] if n and i + n < len(toks) else None
    if after is not None and (toks[i].low, after.low) == ("tổ", "chức"):
        return None   # "TỔ CHỨC ĐĂNG KÝ": the word "organisation", whatever its case
    if toks[i].low == "vụ" and (toks[i].text != "Vụ" or i and toks[i - 1].low in {"nhiệm", "dịch"}):
        return None  # "nhiệm vụ Chuyển đổi số" is a task, "Vụ Pháp chế" a unit
    if n and after is not None and after.text[0].isalnum() and (after.cap or after.low in _ADMIN):
        return n, "named"
    return None


def parse_at(toks: list[Tok], i: int) -> int | None:
    """End token index of the unit starting at i, or None if no unit starts there."""
    head = _head(toks, i) if i < len(toks) else None
    if head is None:
        return None
    j, plural = i + head[0], head[1] == "plural"
    # A plural or generic head takes lower-case words: "các ngân hàng thương mại cổ phần".
    free_ok, free_run = plural, 0
    while j < len(toks) and j - i < _MAX_TOKENS:
        tok = toks[j]
        if tok.text in {",", "-", "–", "&"} or tok.low == "và":
            step = _connector(toks, j, plural)
            if not step:
                break
            j += step
            free_ok = False
            continue
        if not tok.text[0].isalnum() or seq_at(toks, j, _ROLE_WORDS):
            break
        if tok.cap and j - i >= 2 and seq_at(toks, j, _CAP_VERBS):
            break
        inner = seq_at(toks, j, _ALONE_HEADS)
        if inner and tok.cap:   # "Văn phòng Ủy ban nhân dân tỉnh": "ban" is no verb here
            j, free_ok = j + inner, False
            continue
        if plural and tok.low == "có" and j + 1 < len(toks) and (toks[j + 1].cap or toks[j + 1].low == "liên"):
            j += 1   # "các đơn vị có TTHC", "các cơ quan có liên quan": a group by what it has
            continue
        if tok.cap:
            free_ok, free_run = True, 0
        elif tok.low == "các" and toks[j - 1].low in {"dân", "ubnd", "thuộc"}:
            plural, free_ok = True, False
        elif tok.low == "các" and " ".join(t.low for t in toks[j - 2:j]) == "quản lý":
            free_ok, free_run = True, 0   # "Ban Quản lý các khu công nghiệp": what it manages
        elif tok.low in NAME_CONT:
            free_ok = False
        elif free_ok and free_run < _MAX_FREE_RUN and (tok.low not in _STOP or (
                toks[j - 1].low, tok.low) == ("công", "lập")):   # "đơn vị sự nghiệp công lập"
            free_run += 1
        else:
            break
        j += 1
    return _trim(toks, i, j)


def _connector(toks: list[Tok], j: int, plural: bool) -> int:
    """Tokens to consume at a connector (",", "-", "và") inside a unit name; 0 ends the unit."""
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if toks[j].text == ",":
        if plural or toks[j - 1].low in _LEVEL_ENDS:
            n = seq_at(toks, j + 1, _COMMA_CONT if plural else _LEVEL_CONT)
            return n + 1 if n else 3 if plural and _organisations_noun(toks, j + 1) else 0
        return 1 if _comma_in_name(toks, j) else 0
    if nxt is None or not nxt.cap or seq_at(toks, j + 1, _TITLES):
        return 0   # "Sở Nội vụ và Thủ trưởng các cơ quan": an official's title starts anew
    # "Sở X và Phòng Y" are two units; "Văn phòng HĐND và UBND huyện" is one.
    joint = nxt.low in {"ubnd", "ủy"} and toks[j - 1].low in {"hđnd", "dân"}
    if toks[j].low == "và" and _head(toks, j + 1) and not joint:
        return 0
    return 1


def _organisations_noun(toks: list[Tok], k: int) -> bool:
    """"tổ chức" as a noun in a group ("các cơ quan, tổ chức có liên quan"), not the verb
    ("các đơn vị, tổ chức thực hiện"): what follows it ends or goes on with the group."""
    if seq_at(toks, k, (("tổ", "chức"),)) != 2:
        return False
    after = toks[k + 2] if k + 2 < len(toks) else None
    return after is None or after.text in {",", ";", "."} or after.low in {"và", "có", "cá", "liên", "thuộc", "trên"}


def _comma_in_name(toks: list[Tok], j: int) -> bool:
    """A comma inside one name: "Bộ Văn hóa, Thể thao và Du lịch", "Cục Xuất bản, In và Phát hành"
    (a capitalised word that heads no unit, then "và" and a capitalised word before any stop)."""
    k = j + 1
    if k >= len(toks) or not toks[k].cap or _head(toks, k) or seq_at(toks, k, _TITLES):
        return False
    while k < len(toks) and k - j <= 4 and toks[k].text[0].isalnum() and toks[k].low != "và":
        k += 1
    return k + 1 < len(toks) and toks[k].low == "và" and toks[k + 1].cap and not _head(toks, k + 1)


def _trim(toks: list[Tok], i: int, j: int) -> int:
    """Drop dangling connectors ("thuộc", "và", ",") from the end of a unit."""
    while j > i + 1 and toks[j - 1].low in {"và", "thuộc", "trực", "các", ",", "-", "–", "&"}:
        j -= 1
    return j


def unit_text(text: str, toks: list[Tok], i: int, j: int) -> str:
    """The unit as written, head word capitalised ("phòng Nội vụ" -> "Phòng Nội vụ")."""
    name = re.sub(r"\s+", " ", text[toks[i].start:toks[j - 1].end])
    if toks[i].low != "các" and not seq_at(toks, i, (("cơ", "quan"), ("bộ", ","))):   # groups as written
        name = name[0].upper() + name[1:]
    return name


def _title_end(toks: list[Tok], i: int) -> int:
    """Index after an official's title at i ("các đồng chí Bộ trưởng", "Giám đốc"), or i if none."""
    k = i + seq_at(toks, i, _COMRADES)
    n = seq_at(toks, k, _TITLES)
    return k + n if n else i


def _ministers(toks: list[Tok], i: int, k: int) -> bool:
    """A bare "Bộ trưởng" in a list of titles ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ"): the
    ministers, that is the ministries."""
    return (" ".join(t.low for t in toks[i:k]).endswith("bộ trưởng") and k + 1 < len(toks)
            and toks[k].text == "," and seq_at(toks, k + 1, _TITLES) > 0)


def _colon_list(text: str, toks: list[Tok], i: int, j: int) -> tuple[int, list[str]]:
    """"Các Bộ: Tài chính, Y tế" -> (end, ["Bộ Tài chính", "Bộ Y tế"]); (j, []) when no list."""
    cac = [k for k in range(i, j) if toks[k].low == "các"]
    if not cac or j + 1 >= len(toks) or toks[j].text != ":" or not toks[j + 1].cap:
        return j, []
    prefix = text[toks[i].start:toks[cac[-1]].start]
    noun = text[toks[cac[-1] + 1].start:toks[j - 1].end]
    pieces, end = _list_items(toks, j + 1)
    names = [f"{prefix}{noun} {text[toks[a].start:toks[b - 1].end]}" for a, b in pieces]
    return end, [n[0].upper() + n[1:] for n in names]


def _list_items(toks: list[Tok], k: int) -> tuple[list[tuple[int, int]], int]:
    """Token spans of the names in a list ("Tài chính, Y tế và Tư pháp"; "A; B; C") and its end."""
    end = k
    while end < len(toks) and (toks[end].cap or toks[end].text in {",", ";", "-"} or toks[end].low == "và"
                               or (toks[end].text[0].isalpha() and toks[end].low not in _STOP
                                   and toks[end - 1].cap)):
        if (toks[end].text in {",", ";"} or toks[end].low == "và") and end + 1 < len(toks) and (
                seq_at(toks, end + 1, _TITLES) or _head(toks, end + 1)):
            break   # "Giám đốc các Sở: Tài chính, Tư pháp; Thủ trưởng …": the next addressee
        end += 1
    while end > k and not toks[end - 1].text[0].isalnum():
        end -= 1
    semi = any(t.text == ";" for t in toks[k:end])
    pieces, a = [], k
    for b in range(k, end + 1):
        at_end = b == end
        sep = not at_end and (toks[b].text == ";" or (toks[b].text == "," and not semi))
        if not at_end and toks[b].low == "và" and not semi:
            sep = " ".join(t.low for t in toks[a:b]) not in _AND_NAMES
        if (at_end or sep) and b > a:
            pieces.append((a, b))
        if at_end or sep:
            a = b + 1
    return pieces, end


def mentions(text: str, toks: list[Tok]) -> list[Mention]:
    """Every unit the text names, left to right, non-overlapping."""
    found, i = [], 0
    while i < len(toks):
        j = parse_at(toks, i)   # a unit first: "Tổng cục Thuế" is no title "Tổng"
        k = i if j is not None else _title_end(toks, i)
        j = j if j is not None or k == i else parse_at(toks, k)
        if j is not None:
            end, names = _colon_list(text, toks, k, j)
            found.append(Mention(i, end, tuple(names) or (unit_text(text, toks, k, j),)))
            i = end
        elif k > i and _ministers(toks, i, k):
            found.append(Mention(i, k, ("các Bộ",)))
            i = k
        else:
            i += 1
    return found
