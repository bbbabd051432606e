"""config.toml read once: the library's Config (index.config) knows nothing of the bot; the bot's
AppConfig (bot.settings) adds [bot], [reminders] and [digest] from the same parse."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from bot.settings import AppConfig, BotConfig, DigestConfig, ReminderConfig, load_app_config
from index.config import Config, library_fields, load_config, read_toml
from index.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent

TOML = """
[paths]
corpus = "docs"
data = "state"

[time]
timezone = "Asia/Bangkok"

[retrieval]
top_k = 7

[bot]
admins = [1, 2]
allowed_chats = [-100]

[reminders]
offsets = [5, 0]

[digest]
day = "friday"
enabled = true

[units]
file = "units.toml"
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    written = tmp_path / "config.toml"
    written.write_text(TOML, encoding="utf-8")
    return written


def test_the_library_config_has_no_bot_sections_and_ignores_them(path: Path) -> None:
    config = load_config(path)
    assert type(config) is Config
    assert {f.name for f in fields(Config)} == {"corpus_dir", "data_dir", "timezone", "embedding", "retrieval",
                                               "units_file"}
    assert (config.corpus_dir, config.data_dir) == (path.parent / "docs", path.parent / "state")
    assert (config.timezone, config.retrieval.top_k, config.units_file) == ("Asia/Bangkok", 7,
                                                                           path.parent / "units.toml")


def test_the_app_config_adds_the_bot_sections_to_the_same_library_fields(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_ADMINS", "2, 3")
    config = load_app_config(path)
    assert isinstance(config, Config) and type(config) is AppConfig
    assert config.bot == BotConfig(admins=(1, 2, 3), allowed_chats=(-100,))     # CCHC_ADMINS merged, no repeats
    assert config.reminders == ReminderConfig(offsets=(5, 0))
    assert config.digest == DigestConfig(day="friday", enabled=True)
    library = load_config(path)
    assert {f.name: getattr(config, f.name) for f in fields(Config)} == library.__dict__
    assert library_fields(*read_toml(path)) == library.__dict__


def test_with_dirs_keeps_the_app_config(path: Path, tmp_path: Path) -> None:
    moved = load_app_config(path).with_dirs(data=tmp_path / "elsewhere")
    assert type(moved) is AppConfig and moved.data_dir == tmp_path / "elsewhere"
    assert moved.bot.admins == load_app_config(path).bot.admins


def test_config_errors_keep_their_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        read_toml(tmp_path / "missing.toml")
    bad = tmp_path / "config.toml"
    bad.write_text("[bot\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="config.toml"):
        load_app_config(bad)
    bad.write_text("[reminders]\nhour = 7\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[reminders\]: unknown keys \['hour'\]"):
        load_app_config(bad)
    load_config(bad)                                  # the library does not read the bot's sections
    monkeypatch.setenv("CCHC_ADMINS", "ông A")
    with pytest.raises(ConfigError, match="CCHC_ADMINS must be comma-separated user ids"):
        load_app_config(ROOT / "config.toml")


def test_the_library_never_imports_the_bot() -> None:
    code = ("import sys, index.config, index.pipeline\n"
            "print(sorted(m for m in sys.modules if m == 'bot' or m.startswith('bot.')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
