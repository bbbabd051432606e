"""The deployment's units file, `cchc units`, old subscriptions linked to units, and a commune
reminded once of a deadline its huyện gives "UBND các xã, thị trấn"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_bot_api import TOKEN, FakeBotApi
from fakes import FakeEmbedder

from bot.cli import cli
from bot.reminders.subscriptions import Subscriptions, link_subscriptions
from index.config import load_config
from index.store.database import Store
from index.store.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
COMMUNE_CHAT = 4401
UNITS_FILE = """home = "Ủy ban nhân dân huyện Hương Sơn"

[[unit]]
name = "Ủy ban nhân dân xã Sơn Kim 1"
parent = "Ủy ban nhân dân huyện Hương Sơn"
aliases = ["xã Sơn Kim 1", "UBND xã Sơn Kim 1"]

[[unit]]
name = "Ủy ban nhân dân xã Đức Đồng"
parent = "Ủy ban nhân dân huyện Đức Thọ"
"""


@pytest.fixture()
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, CliRunner]:
    monkeypatch.setattr("index.search.embed.make_embedder", lambda cfg: FakeEmbedder())
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    (tmp_path / "units.toml").write_text(UNITS_FILE, encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text('[paths]\ncorpus = "corpus"\ndata = "data"\n\n[units]\nfile = "units.toml"\n', encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", str(config), "index"])
    assert result.exit_code == 0, result.output
    return config, runner


def test_a_commune_of_the_units_file_is_reminded_once_of_its_huyens_communes_deadline(
        setup: tuple[Path, CliRunner], monkeypatch: pytest.MonkeyPatch) -> None:
    config, runner = setup
    store = Store(load_config(config).db_path)
    (commune,) = Registry.load(store.db).find("xa son kim 1")
    Subscriptions(store.db).subscribe(COMMUNE_CHAT, commune.name, commune.id)
    Subscriptions(store.db).subscribe(COMMUNE_CHAT + 1, "Ủy ban nhân dân xã Đức Đồng",
                                      "uy-ban-nhan-dan-xa-duc-dong")       # another huyện's commune
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    with FakeBotApi() as api:
        for _ in range(2):
            result = runner.invoke(cli, ["--config", str(config), "remind", "--today", "2024-08-30",
                                         "--base-url", api.base_url])
            assert result.exit_code == 0, result.output
    sent = [t for t in api.texts(COMMUNE_CHAT) if "Nhắc hạn" in t]
    assert len(sent) == 1 and "30/08/2024" in sent[0] and "hạn là hôm nay" in sent[0]
    assert api.texts(COMMUNE_CHAT + 1) == []


def test_cchc_units_lists_the_registry_with_counts(setup: tuple[Path, CliRunner]) -> None:
    config, runner = setup
    result = runner.invoke(cli, ["--config", str(config), "units", "--json"])
    assert result.exit_code == 0, result.output
    units = {u["name"]: u for u in map(json.loads, result.output.splitlines())}
    vp = units["Văn phòng Sở Công Thương"]
    assert vp["kind"] == "van_phong" and vp["parent"] == "so-cong-thuong" and vp["clauses"] >= 9
    group = units["Ủy ban nhân dân các xã, thị trấn huyện Hương Sơn"]
    assert group["kind"] == "group" and group["member_kind"] == "ubnd_xa" and group["deadlines"] >= 1
    assert units["Ủy ban nhân dân xã Sơn Kim 1"]["aliases"][:2] == ["Ủy ban nhân dân xã Sơn Kim 1", "xã Sơn Kim 1"]


def test_subscriptions_made_by_name_are_linked_to_their_unit(setup: tuple[Path, CliRunner]) -> None:
    config, runner = setup
    cfg = load_config(config)
    subs = Subscriptions(Store(cfg.db_path).db)
    subs.subscribe(1, "Phòng Nội vụ huyện Hương Sơn")
    subs.subscribe(2, "UBND xã Sơn Kim 1")
    subs.subscribe(3, "Phòng Không Có")
    assert link_subscriptions(cfg) == ["Phòng Không Có"]
    linked = {s.chat_id: s.unit_id for s in subs.active()}
    assert linked == {1: "phong-noi-vu-huyen-huong-son", 2: "uy-ban-nhan-dan-xa-son-kim-1", 3: ""}
    result = runner.invoke(cli, ["--config", str(config), "index"])
    assert "subscription to 'Phòng Không Có' names no single unit" in result.output


def test_a_broken_units_file_is_named_with_its_line_and_changes_nothing(setup: tuple[Path, CliRunner]) -> None:
    config, runner = setup
    units = config.parent / "units.toml"
    before = Store(load_config(config).db_path).db.execute("select count(*) from admin_units").fetchone()[0]
    units.write_text(UNITS_FILE + '\n[[unit]]\nalias = ["thiếu tên"]\n', encoding="utf-8")
    result = runner.invoke(cli, ["--config", str(config), "index"])
    assert result.exit_code == 1
    assert f"Error: {units}, line 12: unknown keys ['alias']" in result.output
    units.write_text('home = "UBND huyện\n', encoding="utf-8")
    result = runner.invoke(cli, ["--config", str(config), "units"])
    assert result.exit_code == 1 and str(units) in result.output and "line 1" in result.output
    after = Store(load_config(config).db_path).db.execute("select count(*) from admin_units").fetchone()[0]
    assert before == after == 2


def test_cchc_deadlines_for_a_unit_goes_through_the_registry(setup: tuple[Path, CliRunner]) -> None:
    config, runner = setup
    args = ["--config", str(config), "deadlines", "--from", "2024-01-01", "--json", "--unit"]
    commune = runner.invoke(cli, [*args, "xa Son Kim 1"])
    assert commune.exit_code == 0, commune.output
    rows = [json.loads(line) for line in commune.output.splitlines() if line.startswith("{")] or json.loads(
        commune.output)
    # Its huyện's "các xã, thị trấn": the report due 30/8 and the e-register required from 1/7.
    assert [r["date"] for r in rows] == ["2024-07-01", "2024-08-30"]
    other = runner.invoke(cli, [*args, "Ủy ban nhân dân xã Đức Đồng"])
    assert "2024-08-30" not in other.output                 # another huyện's commune
