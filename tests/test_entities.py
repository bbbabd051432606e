"""Units as entities: mentions resolved in their document's context, groups, the registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.extract.entities import Issuer, resolve, strip_title
from index.pipeline import parse_file
from index.store.database import Store
from index.store.deadlines import upcoming
from index.store.models import Unit
from index.store.registry import Registry

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("mention", "issuer", "name", "kind"), [
    ("Văn phòng Sở", "Sở Công Thương", "Văn phòng Sở Công Thương", "van_phong"),
    ("Phòng Nội vụ", "Ủy ban nhân dân huyện Hương Sơn", "Phòng Nội vụ huyện Hương Sơn", "phong"),
    ("Bộ trưởng Bộ Công Thương", "Thủ tướng Chính phủ", "Bộ Công Thương", "bo"),
    ("Giám đốc Sở Nội vụ", "Ủy ban nhân dân tỉnh Hà Tĩnh", "Sở Nội vụ", "so"),
    ("Chánh Văn phòng UBND tỉnh", "Ủy ban nhân dân tỉnh Hà Tĩnh", "Văn phòng Ủy ban nhân dân tỉnh Hà Tĩnh",
     "van_phong"),
    ("UBND huyện Kỳ Anh", "Ủy ban nhân dân tỉnh Hà Tĩnh", "Ủy ban nhân dân huyện Kỳ Anh", "ubnd_huyen"),
    ("Bộ Công an", "Văn phòng Chính phủ", "Bộ Công an", "bo"),
])
def test_a_mention_resolves_to_its_unit_in_the_issuers_context(mention: str, issuer: str, name: str,
                                                               kind: str) -> None:
    unit = resolve(mention, Issuer(issuer))
    assert (unit.name, unit.kind, unit.is_group) == (name, kind, False)


def test_two_districts_phong_noi_vu_are_two_units_and_aliases_keep_the_short_form() -> None:
    one = resolve("Phòng Nội vụ", Issuer("UBND huyện Hương Sơn"))
    other = resolve("Phòng Nội vụ", Issuer("UBND huyện Đức Thọ"))
    assert one.id != other.id and one.parent == "uy-ban-nhan-dan-huyen-huong-son"
    assert "Phòng Nội vụ" in one.aliases


@pytest.mark.parametrize(("mention", "issuer", "name", "member_kind"), [
    ("UBND các xã, thị trấn", "Ủy ban nhân dân huyện Hương Sơn",
     "Ủy ban nhân dân các xã, thị trấn huyện Hương Sơn", "ubnd_xa"),
    ("các xã, thị trấn", "Ủy ban nhân dân huyện Hương Sơn", "Ủy ban nhân dân các xã, thị trấn huyện Hương Sơn",
     "ubnd_xa"),
    ("Chủ tịch UBND các tỉnh, thành phố", "Thủ tướng Chính phủ", "Ủy ban nhân dân các tỉnh, thành phố", "ubnd_tinh"),
    ("Các phòng, đơn vị thuộc Sở", "Sở Tư pháp", "Các phòng, đơn vị thuộc Sở Tư pháp", "phong"),
])
def test_groups_are_not_units_and_carry_their_scope(mention: str, issuer: str, name: str,
                                                     member_kind: str) -> None:
    group = resolve(mention, Issuer(issuer))
    assert group.is_group and group.member_kind == member_kind
    assert group.name.startswith(name)


@pytest.mark.parametrize(("mention", "issuer", "name"), [
    ("các Bộ", "Ban Chỉ đạo của Chính phủ", "Các Bộ"),
    ("Chủ tịch UBND các tỉnh, thành phố", "Thủ tướng Chính phủ", "Ủy ban nhân dân các tỉnh, thành phố"),
    ("UBND các tỉnh, thành phố", "Bộ Nội vụ", "Ủy ban nhân dân các tỉnh, thành phố"),
])
def test_groups_of_ministries_or_provinces_are_national_whoever_issues(mention: str, issuer: str,
                                                                       name: str) -> None:
    group = resolve(mention, Issuer(issuer))
    assert group.name == name and group.scope == ""
    ministry = resolve("Bộ Y tế", Issuer(issuer))
    assert Registry([group, ministry]).is_member(ministry, group) == (group.member_kind == "bo")


def test_officials_titles_name_their_body() -> None:
    assert strip_title("Thủ trưởng các cơ quan, đơn vị") == "các cơ quan, đơn vị"
    assert strip_title("Bộ trưởng các Bộ") == "các Bộ"
    assert strip_title("Phòng Nội vụ") == "Phòng Nội vụ"


def test_the_registry_finds_units_by_alias_without_accents_and_knows_group_members() -> None:
    group = resolve("UBND các xã, thị trấn", Issuer("UBND huyện Hương Sơn"))
    commune = Unit("uy-ban-nhan-dan-xa-son-kim-1", "Ủy ban nhân dân xã Sơn Kim 1", "ubnd_xa",
                   parent="uy-ban-nhan-dan-huyen-huong-son", aliases=("xã Sơn Kim 1",))
    elsewhere = Unit("uy-ban-nhan-dan-xa-duc-dong", "Ủy ban nhân dân xã Đức Đồng", "ubnd_xa",
                     parent="uy-ban-nhan-dan-huyen-duc-tho")
    phong = resolve("Phòng Nội vụ", Issuer("UBND huyện Hương Sơn"))
    registry = Registry([group, commune, elsewhere, phong])
    assert registry.find("xa son kim 1") == [commune]
    assert registry.find("phong noi vu") == [phong]
    assert registry.concerns(commune.id, [group.id])             # a commune: its huyện's "các xã"
    assert not registry.concerns(elsewhere.id, [group.id])       # not another huyện's
    assert registry.concerns(group.id, [commune.id])             # the group hears of its members
    assert not registry.concerns(phong.id, [group.id])


def test_the_seed_corpus_resolves_in_context(tmp_path: Path) -> None:
    store = Store(tmp_path / "cchc.db")
    for path in sorted((ROOT / "corpus").iterdir()):
        store.save_document(parse_file(path))
    sct = store.find_document("000_4b8db33023f7f3aa.txt")
    under_vp = [c for c in sct.clauses if c.headings and c.headings[0].startswith("1. Văn phòng Sở")]
    assert under_vp and all(a.unit.name == "Văn phòng Sở Công Thương"
                            for c in under_vp for a in c.assignments if a.role == "lead")
    (due,) = [r for r in upcoming(store) if r.date == "2024-08-30"] or [None]
    registry = Registry.load(store.db)
    group = registry.get("uy-ban-nhan-dan-cac-xa-thi-tran-huyen-huong-son")
    assert group is not None and group.is_group and group.id in due.unit_ids


def test_peers_and_plural_bodies_are_not_the_issuers_own_units() -> None:
    peers = resolve("các Sở, ngành liên quan", Issuer("Sở Công Thương"))
    assert peers.is_group and peers.scope == "" and "Sở Công Thương" not in peers.name
    ministries = resolve("Bộ trưởng các Bộ", Issuer("Bộ Nội vụ"))
    assert ministries.is_group and ministries.name == "Các Bộ" and ministries.member_kind == "bo"
    assert resolve("Văn phòng Bộ", Issuer("Bộ Nội vụ")).name == "Văn phòng Bộ Nội vụ"


def test_an_alias_two_units_share_finds_both() -> None:
    one = resolve("Phòng Nội vụ", Issuer("UBND huyện Hương Sơn"))
    other = resolve("Phòng Nội vụ", Issuer("UBND huyện Đức Thọ"))
    assert Registry([one, other]).find("Phòng Nội vụ") == [one, other]


def test_a_document_that_does_not_name_its_issuer_is_read_as_the_home_organisations() -> None:
    from index.extract.entities import assign_units
    from index.store.models import Clause, Document

    clause = Clause(ordinal=0, path="1", headings=[], text="Phòng Nội vụ tổng hợp báo cáo.",
                    lead_units=["Phòng Nội vụ"])
    doc = Document(id="x", source="x.txt", clauses=[clause])
    assign_units(doc, home="Ủy ban nhân dân huyện Đức Thọ")
    assert clause.assignments[0].unit.name == "Phòng Nội vụ huyện Đức Thọ"
    doc.issuer = "Ủy ban nhân dân huyện Hương Sơn"          # a document's own issuer comes first
    assign_units(doc, home="Ủy ban nhân dân huyện Đức Thọ")
    assert clause.assignments[0].unit.name == "Phòng Nội vụ huyện Hương Sơn"


def test_the_unit_a_report_goes_through_has_the_routing_role() -> None:
    from index.extract.entities import assign_units
    from index.store.models import Clause, Document

    text = ("Ủy ban nhân dân các xã báo cáo kết quả về Ủy ban nhân dân huyện (qua Phòng Nội vụ); phối hợp với "
            "Phòng Tư pháp rà soát thủ tục.")
    clause = Clause(ordinal=0, path="1", headings=[], text=text, lead_units=["Ủy ban nhân dân các xã"],
                    support_units=["Phòng Nội vụ", "Phòng Tư pháp"])
    doc = Document(id="x", source="x.txt", issuer="Ủy ban nhân dân huyện Hương Sơn", clauses=[clause])
    assign_units(doc)
    assert [(a.mention, a.role) for a in clause.assignments] == [
        ("Ủy ban nhân dân các xã", "lead"), ("Phòng Nội vụ", "routing"), ("Phòng Tư pháp", "support")]
