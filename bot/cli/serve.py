"""`cchc serve` (run the Telegram bot) and `cchc remind` (send or print due reminders once)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import re
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from bot.cli.common import cli_config, domain_errors
from bot.settings import AppConfig

if TYPE_CHECKING:
    from bot.reminders.delivery import DeliveryReport

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"
SECRET_CHARS = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as a webhook secret_token
UPDATES = ["message", "callback_query"]

log = logging.getLogger(__name__)


def bot_token() -> str:
    """The bot token from the environment; a missing one is a one-line CLI error."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise click.ClickException(f"{TOKEN_ENV} is not set: export the token that @BotFather gave you.")
    return token


def webhook_secret(env: Mapping[str, str]) -> str:
    """TELEGRAM_WEBHOOK_SECRET, or a fresh one: without a secret anyone could post forged updates."""
    secret = env.get(SECRET_ENV, "")
    if not secret:
        log.info("%s is not set: registering a generated secret for this run", SECRET_ENV)
        return secrets.token_urlsafe(32)  # 43 characters, all of them in SECRET_CHARS
    if not SECRET_CHARS.fullmatch(secret):
        raise click.ClickException(f"{SECRET_ENV} must be 1-256 characters of A-Z, a-z, 0-9, _ and -.")
    return secret


def webhook_settings(config: AppConfig, url: str, port: int, listen: str | None,
                     env: Mapping[str, str]) -> dict[str, Any]:
    """Keyword arguments for run_webhook/start_webhook; setWebhook registers the secret with Telegram."""
    return {"listen": listen or config.bot.webhook_listen, "port": port,
            "url_path": urlsplit(url).path.lstrip("/"), "webhook_url": url,
            "secret_token": webhook_secret(env), "allowed_updates": UPDATES}


def _logging() -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry the token in URLs
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


@click.command("serve")
@click.option("--corpus", type=click.Path(file_okay=False), help="Corpus folder (default: config).")
@click.option("--data", type=click.Path(file_okay=False), help="Data folder (default: config).")
@click.option("--base-url", help="Bot API base URL, e.g. http://127.0.0.1:8081/bot for a local server.")
@click.option("--base-file-url", help="Bot API file URL (default: base URL with /bot -> /file/bot).")
@click.option("--webhook-url", help="Use a webhook at this public URL instead of long polling.")
@click.option("--port", type=int, default=8443, show_default=True, help="Local port for webhook mode.")
@click.option("--listen", help="Local address for webhook mode (default: [bot].webhook_listen, 127.0.0.1).")
@click.pass_context
def serve_cmd(ctx: click.Context, corpus: str | None, data: str | None, base_url: str | None,
              base_file_url: str | None, webhook_url: str | None, port: int, listen: str | None) -> None:
    """Run the Telegram bot (long polling by default). The token comes from TELEGRAM_BOT_TOKEN."""
    token = bot_token()
    config = cli_config(ctx, corpus, data)
    _logging()
    url = webhook_url or config.bot.webhook_url
    settings = webhook_settings(config, url, port, listen, os.environ) if url else None
    from bot.telegram.app import build_application

    with domain_errors():
        app = build_application(config, token=token, base_url=base_url, base_file_url=base_file_url)
    if settings:
        app.run_webhook(**settings)
    else:
        app.run_polling(allowed_updates=UPDATES)


@click.command("remind")
@click.option("--dry-run", is_flag=True, help="Print the due reminders instead of sending them.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Pretend today is this date.")
@click.option("--data", type=click.Path(file_okay=False), help="Data folder (default: config).")
@click.option("--base-url", help="Bot API base URL (for sending).")
@click.pass_context
def remind_cmd(ctx: click.Context, dry_run: bool, today: dt.datetime | None, data: str | None,
               base_url: str | None) -> None:
    """Send today's due reminders once (or print them with --dry-run: chat, date, unit, task)."""
    config = cli_config(ctx, None, data)
    day = today.date() if today else config.today()
    if dry_run:
        _print_due(config, day)
        return
    token = bot_token()
    report = asyncio.run(_send(config, token, base_url, day))
    click.echo(f"sent {report.sent} reminder(s), {report.failed} failed, {report.chats} chat(s)", err=True)


def _print_due(config: AppConfig, day: dt.date) -> None:
    from bot.reminders.schedule import collect
    from bot.reminders.subscriptions import open_db

    with domain_errors(), open_db(config) as (store, subs):
        due = collect(store, subs, day, config.reminders.offsets)
    for reminder in due:
        click.echo(reminder.line())
    if not due:
        click.echo(f"no reminders due on {day:%d/%m/%Y}", err=True)


async def _send(config: AppConfig, token: str, base_url: str | None, day: dt.date) -> DeliveryReport:
    from telegram.ext import ExtBot

    from bot.reminders.delivery import deliver_reminders
    from bot.telegram.app import FLOOD_RETRIES, FloodLimiter

    # The same flood handling as the bot: a burst of reminders is slowed, not dropped.
    limiter = FloodLimiter(max_retries=FLOOD_RETRIES)
    bot = ExtBot(token, base_url=base_url or "https://api.telegram.org/bot", rate_limiter=limiter)
    async with bot:
        return await deliver_reminders(bot, config, day)
