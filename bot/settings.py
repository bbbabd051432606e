"""The bot's settings: the library's Config plus config.toml's [bot], [reminders] and [digest], read
from the one parse of the file. Secrets come from the environment, not here."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from index.config import Config, library_fields, read_toml, section
from index.errors import ConfigError


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
class AppConfig(Config):
    """What the bot and the CLI run on: the library's settings and the bot's own sections."""

    bot: BotConfig = field(default_factory=BotConfig)
    reminders: ReminderConfig = field(default_factory=ReminderConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)


def env_admins() -> tuple[int, ...]:
    """Admin ids from CCHC_ADMINS (comma-separated)."""
    raw = os.environ.get("CCHC_ADMINS", "")
    try:
        return tuple(int(part) for part in raw.replace(" ", "").split(",") if part)
    except ValueError as exc:
        raise ConfigError(f"CCHC_ADMINS must be comma-separated user ids, got {raw!r}") from exc


def load_app_config(path: Path | str | None = None) -> AppConfig:
    """Read config.toml once (default: $CCHC_CONFIG, else the one beside the source tree) into the
    library's fields and the bot's sections; CCHC_ADMINS adds admins."""
    raw, base = read_toml(path)
    bot = section(raw, "bot", BotConfig, ("admins", "allowed_users", "allowed_chats"))
    bot = replace(bot, admins=tuple(dict.fromkeys(bot.admins + env_admins())))
    return AppConfig(
        **library_fields(raw, base),
        bot=bot,
        reminders=section(raw, "reminders", ReminderConfig, ("offsets",)),
        digest=section(raw, "digest", DigestConfig),
    )
