"""Sending to chats that did not ask (reminders, new-dispatch notices), and the reminder run:
claim every due reminder, send one message per chat, release what could not be sent."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from bot.reminders.schedule import Reminder, claim_all, collect, group_by_chat, release_all
from bot.reminders.subscriptions import open_db
from bot.settings import AppConfig
from bot.telegram.views.reminder import reminder_batches
from index.config import Config
from index.store.models import Document

log = logging.getLogger(__name__)


async def send_safely(bot: Bot, config: Config, chat_id: int, texts: Sequence[str],
                      markups: Sequence[InlineKeyboardMarkup | None] = ()) -> bool:
    """Send to a chat that did not ask (each text with its keyboard, if any); a blocked bot or a
    vanished chat is logged, not raised."""
    try:
        for i, text in enumerate(texts):
            markup = markups[i] if i < len(markups) else None
            await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except Forbidden as exc:
        log.warning("chat %s blocked the bot (%s); deactivating its subscriptions", chat_id, exc.message)
        await asyncio.to_thread(_deactivate, config, chat_id)
        return False
    except TelegramError as exc:  # chat not found, network trouble, flood limits
        log.warning("cannot send to chat %s: %s", chat_id, exc.message)
        return False
    return True


def _deactivate(config: Config, chat_id: int) -> None:
    with open_db(config) as (_, subs):
        subs.deactivate(chat_id)


@dataclass(frozen=True)
class DeliveryReport:
    """What one reminder run did."""

    sent: int = 0
    failed: int = 0
    chats: int = 0


def _claim_due(config: AppConfig, today: dt.date) -> tuple[list[Reminder], dict[str, Document]]:
    """The reminders claimed for sending, and their documents (a reminder names its document)."""
    with open_db(config) as (store, subs):
        claimed = claim_all(subs, collect(store, subs, today, config.reminders.offsets))
        docs = {d.id: d for d in store.documents()} if claimed else {}
    return claimed, docs


def _release(config: Config, reminders: list[Reminder]) -> None:
    with open_db(config) as (_, subs):
        release_all(subs, reminders)


async def deliver_reminders(bot: Bot, config: AppConfig, today: dt.date) -> DeliveryReport:
    """Claim every due reminder, send one message per chat, release the claims of failed chats."""
    due, docs = await asyncio.to_thread(_claim_due, config, today)
    grouped = group_by_chat(due)
    pending = dict(grouped)
    sent = failed = 0
    try:
        for chat_id, reminders in grouped.items():
            batches = reminder_batches(reminders, today, docs)
            delivered = await send_safely(bot, config, chat_id, [t for t, _ in batches], [m for _, m in batches])
            del pending[chat_id]
            if delivered:
                sent += len(reminders)
            else:
                failed += len(reminders)
                await asyncio.to_thread(_release, config, reminders)
    finally:
        if pending:  # interrupted: let the next run send what this one could not
            await asyncio.to_thread(_release, config, [r for rs in pending.values() for r in rs])
    return DeliveryReport(sent=sent, failed=failed, chats=len(grouped))
