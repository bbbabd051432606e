"""Units as entities: a mention ("Văn phòng Sở", "Bộ trưởng Bộ Công Thương", "UBND các xã, thị
trấn") resolved in its document's context to a unit with a canonical name, a kind, a parent
organisation and aliases, or to a group of units ("các xã, thị trấn" of one huyện).

Directives name units relative to their issuer: a Sở's dispatch says "Văn phòng Sở", a huyện's
says "Phòng Nội vụ". The canonical name adds what the issuer leaves implicit, so that two
districts' "Phòng Nội vụ" are two units and one Sở's "Văn phòng Sở" is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.store.models import Assignment, Document, Unit
from index.text.normalize import fold
from index.text.vocabulary import OFFICIAL_TITLES, UNIT_ABBREVIATIONS

# Officials' titles name the body they lead: "Bộ trưởng Bộ Công Thương" is Bộ Công Thương's task.
# "tổng" alone is left to the extractor, which tells "Tổng cục Thuế" (a body) from a title.
_TITLE = re.compile(
    r"^(?:(?:các\s+)?đồng chí\s+)?(?:"
    + "|".join(re.escape(t) for t in sorted(OFFICIAL_TITLES, key=len, reverse=True) if t != "tổng")
    + r")\s+(?=\S)", re.IGNORECASE)
# Abbreviated unit words, spelled out as names are written: "UBND tỉnh" is "Ủy ban nhân dân tỉnh".
_ABBREVIATIONS = tuple((rf"\b{re.escape(short)}\b", re.sub(r"\bủy ban", "Ủy ban", full[:1].upper() + full[1:]))
                       for short, full in UNIT_ABBREVIATIONS.items())
# Head words of unit names and the kind they make, longest first.
_KINDS = (
    ("ủy ban nhân dân", "ubnd"), ("hội đồng nhân dân", "hdnd"), ("văn phòng", "van_phong"),
    ("trung tâm", "trung_tam"), ("chi cục", "chi_cuc"), ("ban chỉ đạo", "ban_chi_dao"),
    ("thanh tra", "thanh_tra"), ("công an", "cong_an"), ("bộ phận", "bo_phan"), ("sở", "so"),
    ("phòng", "phong"), ("bộ", "bo"), ("cục", "cuc"), ("tổ", "to"), ("đoàn", "doan"), ("ban", "ban"),
    ("chính phủ", "chinh_phu"), ("thông tấn xã", "co_quan_bao_chi"), ("đài", "co_quan_bao_chi"),
    ("ngân hàng", "ngan_hang"), ("kiểm toán", "kiem_toan"), ("tổng cục", "tong_cuc"), ("vụ", "vu"),
    ("viện", "vien"), ("kho bạc", "kho_bac"), ("tập đoàn", "tap_doan"),
)
# Plural nouns of groups and the kind of their members.
_GROUP_NOUNS = (
    ("xã", "ubnd_xa"), ("phường", "ubnd_xa"), ("thị trấn", "ubnd_xa"), ("huyện", "ubnd_huyen"),
    ("tỉnh", "ubnd_tinh"), ("thành phố", "ubnd_tinh"), ("sở", "so"), ("bộ", "bo"), ("phòng", "phong"),
    ("cơ quan", "co_quan"), ("đơn vị", "co_quan"), ("địa phương", "co_quan"), ("ban", "ban"),
    ("ngành", "so"), ("trung tâm", "trung_tam"),
)
# Ministries and provinces answer to the Government alone: a group of them ("các Bộ", "UBND các
# tỉnh, thành phố") is never within the issuer, whoever issues the directive.
_NATIONAL_MEMBERS = {"bo", "ubnd_tinh"}
# Level words after a UBND: the administrative level of the unit.
_LEVELS = (("tỉnh", "ubnd_tinh"), ("thành phố", "ubnd_tinh"), ("huyện", "ubnd_huyen"), ("thị xã", "ubnd_huyen"),
           ("quận", "ubnd_huyen"), ("xã", "ubnd_xa"), ("phường", "ubnd_xa"), ("thị trấn", "ubnd_xa"),
           ("đặc khu", "ubnd_xa"))
# Units named without their organisation when the issuer is that organisation or one of its parts.
_RELATIVE_KINDS = {"phong", "van_phong", "thanh_tra", "to", "bo_phan", "trung_tam", "chi_cuc", "doan"}
_BARE_PARENT = re.compile(r"\s(Sở|Bộ|Cục|Ủy ban nhân dân(?: (?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường))?)$")


@dataclass(frozen=True)
class Issuer:
    """What relative names in a document are resolved against: its issuing organisation."""

    name: str = ""

    @property
    def organisation(self) -> str:
        """The body a unit of the issuer belongs to: "Văn phòng Sở Công Thương" belongs to Sở
        Công Thương; a UBND's phòng to that UBND."""
        name = _expand(self.name)
        for head in ("Văn phòng", "Thanh tra", "Phòng"):
            if name.startswith(head + " ") and not name.startswith("Văn phòng Chính phủ"):
                rest = name[len(head) + 1:]
                return rest if rest.startswith(("Sở ", "Bộ ", "Ủy ban nhân dân ")) else name
        return name


def unit_id(name: str) -> str:
    """The id of a unit: its canonical name folded, words joined by dashes."""
    return "-".join(re.findall(r"\w+", fold(name)))


def _expand(text: str) -> str:
    for pattern, full in _ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    return " ".join(text.replace("&amp;", "&").split()).strip(" ,.;:")


def kind_of(name: str) -> str:
    """The kind of a (non-group) unit from its head word and, for a UBND, its level."""
    low = name.lower()
    for head, kind in _KINDS:
        if low == head or low.startswith(head + " "):
            if kind == "ubnd":
                rest = low[len(head):].strip()
                return next((k for level, k in _LEVELS if rest.startswith(level)), "ubnd")
            return kind
    return "other"


def _group_member_kind(name: str) -> str | None:
    """The member kind when `name` names a group ("các xã, thị trấn", "UBND các huyện"), else None."""
    low = name.lower()
    match = re.search(r"(?:^|\s)các\s+(.+)$", low)
    if not match:
        return None
    rest = match.group(1)
    return next((kind for noun, kind in _GROUP_NOUNS if rest.startswith(noun)), "co_quan")


def strip_title(mention: str) -> str:
    """The body an official's title stands for: "Bộ trưởng Bộ Công Thương" -> "Bộ Công Thương",
    "Chánh Văn phòng UBND tỉnh" -> "Văn phòng UBND tỉnh", "Thủ trưởng các cơ quan" -> "các cơ quan"."""
    match = _TITLE.match(mention)
    if not match:
        return mention
    rest = mention[match.end():]
    if match.group(0).lower().startswith("chánh"):
        return rest   # "Chánh Văn phòng X" leads Văn phòng X
    return rest if rest[:1].isupper() or rest.lower().startswith("các ") else mention


def resolve(mention: str, issuer: Issuer) -> Unit:
    """The unit (or group) a mention names, in the context of its document's issuer."""
    name = _expand(strip_title(_expand(mention)))
    organisation = issuer.organisation
    completed = _complete(name, organisation)
    member_kind = _group_member_kind(name)
    if member_kind is not None:
        if member_kind == kind_of(organisation) or member_kind in _NATIONAL_MEMBERS:
            organisation = ""   # "các Sở, ngành" in a Sở's dispatch: its peers, not its own units
        label = completed or _within(name, organisation, group=True)
        if member_kind.startswith("ubnd") and not label.startswith("Ủy ban nhân dân"):
            label = "Ủy ban nhân dân " + label[:1].lower() + label[1:]   # "các xã" are their UBNDs
        label = _capitalise(label)
        return Unit(unit_id(label), label, "group", scope=unit_id(organisation) if organisation else "",
                    member_kind=member_kind, aliases=_aliases(name))
    if completed:
        return Unit(unit_id(completed), completed, kind_of(completed), unit_id(organisation), _aliases(name))
    kind = kind_of(name)
    if organisation and kind in _RELATIVE_KINDS and fold(organisation) not in fold(name) and _local(name):
        full = _within(name, organisation)
        return Unit(unit_id(full), full, kind, unit_id(organisation), _aliases(name))
    return Unit(unit_id(name), _capitalise(name), kind, aliases=_aliases(name))


def _complete(name: str, organisation: str) -> str:
    """"Văn phòng Sở" in a dispatch of Sở Công Thương is "Văn phòng Sở Công Thương": a name that
    ends with a bare organisation word the issuer's own name begins with. "" when it does not."""
    bare = _BARE_PARENT.search(name)
    if bare and re.search(r"(?i:\bcác)\s*$", name[:bare.start()]):
        return ""   # "các Bộ" are the ministries, not the issuing one
    if organisation and bare and organisation.startswith(bare.group(1)) and organisation != bare.group(1):
        return name[:bare.start()] + " " + organisation
    return ""


def _within(name: str, organisation: str, group: bool = False) -> str:
    """A unit or group named without its organisation, with it: "Phòng Nội vụ huyện Hương Sơn",
    "các phòng, đơn vị thuộc Sở Khoa học và Công nghệ". A group's plural nouns ("các xã") are
    not a place; "thuộc …" or "trên địa bàn …" is."""
    named = re.search(r"\s(thuộc|trên địa bàn|của)\s", name) if group else not _local(name)
    if not organisation or fold(organisation) in fold(name) or named:
        return name
    if organisation.startswith("Ủy ban nhân dân "):
        return f"{name} {organisation[len('Ủy ban nhân dân '):]}"
    return f"{name} thuộc {organisation}"


def _local(name: str) -> bool:
    """A unit named without its organisation: no level word or place after its head."""
    return not re.search(r"\s(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|Sở|Bộ|Chính phủ|Trung ương)\b",
                         name)


def _capitalise(name: str) -> str:
    return name[:1].upper() + name[1:]


def _aliases(name: str) -> tuple[str, ...]:
    short = name.replace("Ủy ban nhân dân", "UBND").replace("Hội đồng nhân dân", "HĐND")
    return tuple(dict.fromkeys(a for a in (name, short) if a))


def assign_units(doc: Document, home: str = "") -> None:
    """Resolve every clause's lead and support units in the context of the document's issuer, or of
    the deployment's home organisation when the document does not say who issued it."""
    issuer = Issuer(doc.issuer or home)
    for clause in doc.clauses:
        roles = [(m, "lead") for m in clause.lead_units] + [(m, _support_role(m, clause.text))
                                                             for m in clause.support_units]
        clause.assignments = [Assignment(resolve(m, issuer), role, m) for m, role in roles if m.strip()]


def _support_role(mention: str, text: str) -> str:
    """"(qua Phòng Nội vụ)" routes the work to its recipient: the unit it goes through is no
    partner in doing it, so its role is routing, not support."""
    routed = re.search(r"(?i:\(?\s*(?:thông\s+)?qua)\s+" + re.escape(mention), text)
    return "routing" if routed else "support"
