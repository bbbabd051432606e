"""Helpers shared by CLI commands: load config with overrides, turn domain errors into exit messages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from bot.settings import AppConfig, load_app_config
from index.errors import CchcError


def cli_config(ctx: click.Context, corpus: str | None = None, data: str | None = None) -> AppConfig:
    """The config named by --config (or the default), with --corpus/--data applied."""
    try:
        config = load_app_config((ctx.find_root().obj or {}).get("config_path"))
    except CchcError as exc:
        raise click.ClickException(str(exc)) from exc
    return config.with_dirs(corpus=corpus, data=data)


@contextmanager
def domain_errors() -> Iterator[None]:
    """Show domain errors as one-line CLI errors instead of tracebacks."""
    try:
        yield
    except CchcError as exc:
        raise click.ClickException(str(exc)) from exc
