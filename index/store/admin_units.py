"""The deployment's own units file (config.toml [units].file): its home organisation, its units
with their aliases and parents, so that a commune, a phòng or a team the corpus never names can be
subscribed to and reminded of the work of the groups it belongs to.

    home = "Ủy ban nhân dân huyện Hương Sơn"

    [[unit]]
    name = "Ủy ban nhân dân xã Sơn Kim 1"
    parent = "Ủy ban nhân dân huyện Hương Sơn"   # optional
    aliases = ["xã Sơn Kim 1", "UBND xã Sơn Kim 1"]
    kind = "ubnd_xa"                              # optional: read from the name's head word
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from index.errors import ConfigError
from index.extract.entities import kind_of, unit_id
from index.store.models import Unit
from index.store.registry import ADMIN, unit_row

KNOWN_KEYS = {"name", "parent", "aliases", "kind"}


@dataclass(frozen=True)
class AdminUnits:
    """What the units file says."""

    home: str
    units: tuple[Unit, ...]


def load_admin_units(path: Path) -> AdminUnits:
    """Read the units file; ConfigError naming the file and line for anything wrong."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"units file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    entries = raw.get("unit", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 'unit' must be a list of [[unit]] tables")
    units = tuple(_unit(path, text, n, entry) for n, entry in enumerate(entries))
    home = raw.get("home", "")
    if not isinstance(home, str):
        raise ConfigError(f"{path}: 'home' must be a name in quotes")
    return AdminUnits(home.strip(), units)


def _unit(path: Path, text: str, n: int, entry: dict) -> Unit:
    where = f"{path}, line {_line_of_entry(text, n)}"
    unknown = set(entry) - KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)} (use {sorted(KNOWN_KEYS)})")
    name, aliases = entry.get("name"), entry.get("aliases", [])
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: every [[unit]] needs a name")
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ConfigError(f"{where}: aliases must be a list of names")
    parent = entry.get("parent", "")
    return Unit(unit_id(name), name.strip(), entry.get("kind") or kind_of(name.strip()),
                unit_id(parent) if parent else "", tuple([name.strip(), *aliases]))


def _line_of_entry(text: str, n: int) -> int:
    """The line of the n-th [[unit]] header, for error messages."""
    starts = [m.start() for m in re.finditer(r"^[ \t]*\[\[unit\]\]", text, re.M)]
    return text.count("\n", 0, starts[n]) + 1 if n < len(starts) else 1


def sync_admin_units(db: sqlite_utils.Database, admin: AdminUnits) -> None:
    """Make the registry's admin units those of the file (in one transaction)."""
    with db.atomic():
        db.execute("delete from admin_units")
        db.conn.executemany(
            "insert or replace into admin_units (id, name, kind, parent, aliases, member_kind, scope, source) "
            "values (:id, :name, :kind, :parent, :aliases, :member_kind, :scope, :source)",
            [unit_row(u, ADMIN) for u in admin.units])
        db.execute("insert or replace into meta (key, value) values ('home', ?)", [admin.home])
