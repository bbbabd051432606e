"""The bot under Telegram faults: flood limits (429) on cosmetic and real sends, and forged webhook posts."""

from __future__ import annotations

import asyncio
import re
import socket
import time
from typing import Any

import click
import httpx
import pytest
import test_telegram
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from test_telegram import ADMIN, QUESTION, USER, build, run, running

from bot.cli import cli
from bot.cli.serve import SECRET_ENV, webhook_settings
from bot.settings import AppConfig, load_app_config
from bot.telegram import render
from index.store.database import Store

ANSWER = "Văn phòng Sở chủ trì"  # FakeAnswerer's reply to QUESTION
URL = "https://bot.example.gov.vn/cchc"
DOC = "004_c66a1e2327b84e98.txt"

api, config = test_telegram.api, test_telegram.config  # the same fixtures as the other bot tests
# PTB 22 warns inside RetryAfter() itself about its future timedelta type: nothing this code can change.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning")


# --- flood limits ------------------------------------------------------------------------------------
def test_a_flood_limited_typing_indicator_neither_stops_nor_delays_the_answer(api: FakeBotApi,
                                                                              config: AppConfig) -> None:
    api.flood("sendChatAction", retry_after=30)

    async def scenario() -> None:
        async with running(build(api, config)):
            api.send_text(USER, QUESTION)
            await api.wait_for(lambda: api.delivered(USER), timeout=5)  # not 30 s later
            await asyncio.sleep(0.2)
            assert len(api.delivered(USER)) == 1 and ANSWER in api.delivered(USER)[0]
            assert render.ERROR not in api.texts(USER)
            assert len(api.calls_to("sendChatAction", USER)) == 1  # tried once, not retried

    started = time.monotonic()
    run(scenario)
    assert time.monotonic() - started < 10  # nothing waited for the 30 s, not even at shutdown


def test_a_flood_limited_answer_is_sent_again_after_retry_after(api: FakeBotApi, config: AppConfig) -> None:
    api.flood("sendMessage", chat_id=USER, retry_after=1)

    async def scenario() -> None:
        async with running(build(api, config)):
            api.send_text(USER, QUESTION)
            delivered = await api.wait_for(lambda: api.delivered(USER), timeout=10)
            assert len(delivered) == 1 and ANSWER in delivered[0]
            tries = [c for c in api.calls if c.method == "sendMessage"]
            assert [c.status for c in tries] == [429, 200]
            assert tries[1].at - tries[0].at >= 1.0  # waited for retry_after

    run(scenario)


def test_a_burst_under_flood_limits_reaches_every_user(api: FakeBotApi, config: AppConfig) -> None:
    users = range(7001, 7011)
    api.flood("sendMessage", times=3, retry_after=1)

    async def scenario() -> None:
        async with running(build(api, config)):
            for user in users:
                api.send_text(user, QUESTION)
            await api.wait_for(lambda: all(api.delivered(u) for u in users), timeout=15)
            await asyncio.sleep(0.2)
            for user in users:
                assert len(api.delivered(user)) == 1 and ANSWER in api.delivered(user)[0]
                assert render.ERROR not in api.texts(user)
            assert [c.status for c in api.calls if c.method == "sendMessage"].count(429) == 3

    run(scenario)


# --- webhook -----------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def post(settings: dict[str, Any], update: dict, secret: str | None = None) -> int:
    """POST an update to the local webhook as Telegram would; the HTTP status."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    url = f"http://127.0.0.1:{settings['port']}/{settings['url_path']}"
    async with httpx.AsyncClient(trust_env=False) as client:
        return (await client.post(url, json=update, headers=headers)).status_code


def test_webhook_refuses_forged_updates_and_registers_a_generated_secret(api: FakeBotApi,
                                                                         config: AppConfig) -> None:
    settings = webhook_settings(config, URL, free_port(), None, {})

    async def scenario() -> None:
        async with running(build(api, config), settings):
            registered = api.calls_to("setWebhook")[-1]
            secret = registered["secret_token"]
            assert registered["url"] == URL and secret == settings["secret_token"]
            forged = api.text_update(ADMIN, f"/remove {DOC}", user_id=ADMIN)
            assert await post(settings, forged) == 403
            assert await post(settings, forged, secret="doan-mo") == 403
            await asyncio.sleep(0.3)
            assert api.calls_to("sendMessage") == []
            assert await post(settings, api.text_update(ADMIN, "/docs", user_id=ADMIN), secret) == 200
            assert "/UBND-NV" in (await api.wait_texts(ADMIN, timeout=5))[0]   # issue 13: /docs shows no file names

    run(scenario)
    assert [d.source for d in Store(config.db_path).documents()] == [DOC]


def test_webhook_settings_default_to_localhost_and_a_fresh_valid_secret(config: AppConfig) -> None:
    first, second = (webhook_settings(config, URL, 8443, None, {}) for _ in range(2))
    assert first["listen"] == "127.0.0.1" and first["url_path"] == "cchc" and first["webhook_url"] == URL
    assert re.fullmatch(r"[A-Za-z0-9_-]{32,256}", first["secret_token"])
    assert first["secret_token"] != second["secret_token"]
    own = webhook_settings(config, URL, 8443, "0.0.0.0", {SECRET_ENV: "bi-mat_2024"})
    assert (own["listen"], own["secret_token"]) == ("0.0.0.0", "bi-mat_2024")
    assert load_app_config().bot.webhook_listen == "127.0.0.1"


@pytest.mark.parametrize("secret", ["có dấu", "a" * 257, "x:y"])
def test_an_invalid_webhook_secret_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch, config: AppConfig,
                                                       secret: str) -> None:
    with pytest.raises(click.ClickException, match=SECRET_ENV):
        webhook_settings(config, URL, 8443, None, {SECRET_ENV: secret})
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST-token")
    monkeypatch.setenv(SECRET_ENV, secret)
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["serve", "--webhook-url", URL])
    assert result.exit_code == 1 and time.monotonic() - started < 10
    assert result.output.strip().splitlines() == [
        f"Error: {SECRET_ENV} must be 1-256 characters of A-Z, a-z, 0-9, _ and -."]
