"""Wiring of the Telegram bot: handlers, error handler, command menu and the daily reminder job."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Coroutine
from typing import Any
from zoneinfo import ZoneInfo

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.reminders.delivery import deliver_reminders
from bot.reminders.digest import deliver_digests, due_week
from bot.reminders.subscriptions import link_subscriptions, open_db
from bot.settings import AppConfig
from bot.telegram import render
from bot.telegram.handlers import admin as handlers_admin
from bot.telegram.handlers import calendar as handlers_calendar
from bot.telegram.handlers import confirm as handlers_confirm
from bot.telegram.handlers import feedback as handlers_feedback
from bot.telegram.handlers import leaders as handlers_leaders
from bot.telegram.handlers import reminders as handlers_reminders
from bot.telegram.handlers import subs as handlers_subs
from bot.telegram.handlers import tasks as handlers_tasks
from bot.telegram.handlers import upload as handlers_upload
from bot.telegram.handlers import user as handlers_user
from bot.telegram.services import AnswererLike, Services, services
from index import pipeline
from index.config import Config

log = logging.getLogger(__name__)

DAILY_JOB = "daily-reminders"
CATCH_UP_JOB = "startup-reminders"
DIGEST_JOB = "weekly-digest"
DIGEST_CATCH_UP_JOB = "startup-digest"
CATCH_UP_DELAY_S = 1.0
FLOOD_RETRIES = 3  # a send that Telegram answers 429 is retried after retry_after, this many times


def default_file_url(base_url: str) -> str:
    """The file download URL for a Bot API base URL: ".../bot" becomes ".../file/bot"."""
    head, sep, tail = base_url.rpartition("/bot")
    return f"{head}/file/bot{tail}" if sep else base_url.rstrip("/") + "/file/bot"


class FloodLimiter(AIORateLimiter):
    """PTB's limiter (30 msgs/s, 20 msgs/min per group, 429 retried) minus the cosmetic chat actions."""

    async def process_request(
        self, callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any, kwargs: dict[str, Any], endpoint: str, data: dict[str, Any], rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        # A retried "typing…" would halt every send for retry_after, and it would use up a group's quota.
        if endpoint == "sendChatAction":
            return await callback(*args, **kwargs)
        return await super().process_request(callback=callback, args=args, kwargs=kwargs, endpoint=endpoint,
                                             data=data, rate_limit_args=rate_limit_args)


def build_application(
    config: AppConfig,
    *,
    token: str,
    base_url: str | None = None,
    base_file_url: str | None = None,
    answerer: AnswererLike | None = None,
    today: Callable[[], dt.date] | None = None,
    embedder: Any = None,
) -> Application:
    """A ready-to-run Application: handlers, error handler, and a post_init for menu and jobs."""
    builder = (Application.builder().token(token).concurrent_updates(True).post_init(post_init)
               .rate_limiter(FloodLimiter(max_retries=FLOOD_RETRIES)))
    if base_url:
        builder = builder.base_url(base_url).base_file_url(base_file_url or default_file_url(base_url))
    elif base_file_url:
        builder = builder.base_file_url(base_file_url)
    app = builder.build()
    if answerer is None:
        from bot.answering.answerer import Answerer

        answerer = Answerer(config, embedder=embedder)
    app.bot_data["services"] = Services(config, answerer, today or config.today, embedder)
    add_handlers(app)
    app.add_error_handler(handlers_user.on_error)
    return app


# The handler modules that answer inline buttons, each by its BUTTONS (callback, callback-data pattern):
# their prefixes do not overlap, and within a module a more specific pattern comes first.
BUTTON_MODULES = (handlers_user, handlers_tasks, handlers_reminders, handlers_calendar, handlers_feedback,
                  handlers_confirm, handlers_subs)

NOT_TEXT = (filters.Sticker.ALL | filters.PHOTO | filters.VOICE | filters.AUDIO | filters.VIDEO
            | filters.VIDEO_NOTE | filters.ANIMATION | filters.LOCATION | filters.CONTACT)


def add_handlers(app: Application) -> None:
    """Register every handler; the allowlist guard runs first (group -1)."""
    app.add_handler(TypeHandler(Update, handlers_user.guard), group=-1)
    commands = {
        "start": handlers_user.start, "help": handlers_user.help_command, "ask": handlers_user.ask,
        "viec": handlers_tasks.viec, "deadlines": handlers_tasks.deadlines, "subscribe": handlers_subs.subscribe,
        "unsubscribe": handlers_subs.unsubscribe, "mysubs": handlers_subs.mysubs,
        "docs": handlers_admin.docs, "reindex": handlers_admin.reindex, "remove": handlers_admin.remove,
        "tiendo": handlers_leaders.tiendo, "export": handlers_leaders.export,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback))
    for module in BUTTON_MODULES:
        for callback, pattern in module.BUTTONS:
            app.add_handler(CallbackQueryHandler(callback, pattern=pattern))
    app.add_handler(MessageHandler(filters.Document.ALL | filters.PHOTO, handlers_upload.on_upload))
    new_text = filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE
    app.add_handler(MessageHandler(new_text & filters.ChatType.PRIVATE, handlers_user.on_private_text))
    app.add_handler(MessageHandler(new_text & filters.ChatType.GROUPS, handlers_user.on_group_text))
    app.add_handler(MessageHandler(NOT_TEXT & filters.ChatType.PRIVATE, handlers_user.not_text))
    app.add_handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, unknown_command))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not know (private chats only)."""
    await update.effective_message.reply_text("Lệnh không có. Gõ /help để xem các lệnh.")


async def post_init(app: Application) -> None:
    """At startup: set the Vietnamese command menus, schedule the reminder jobs, and finish the
    uploads a stopped bot left half done."""
    await set_menus(app)
    await asyncio.to_thread(_refresh_units, app.bot_data["services"].config)
    schedule_reminders(app)
    schedule_digest(app)
    await handlers_upload.recover_uploads(app)


async def set_menus(app: Application) -> None:
    """Officials' commands for everyone, the group ones (/ask first) in groups; each admin's private
    chat also lists the admin commands. An admin who never opened a chat with the bot cannot get a
    menu yet: logged, not fatal."""
    await app.bot.set_my_commands([BotCommand(n, d) for n, d in render.USER_COMMANDS])
    await app.bot.set_my_commands([BotCommand(n, d) for n, d in render.GROUP_COMMANDS],
                                  scope=BotCommandScopeAllGroupChats())
    admin_menu = [BotCommand(n, d) for n, d in render.USER_COMMANDS + render.ADMIN_COMMANDS]
    for admin in app.bot_data["services"].config.bot.admins:
        try:
            await app.bot.set_my_commands(admin_menu, scope=BotCommandScopeChat(admin))
        except TelegramError as exc:
            log.warning("no admin menu for %s: %s", admin, exc.message)


def _refresh_units(config: Config) -> None:
    """Read the units file again and give name-only subscriptions their unit."""
    with open_db(config) as (store, _):
        pipeline.sync_units(config, store)
    unresolved = link_subscriptions(config)
    if unresolved:
        log.warning("subscriptions naming no single unit (add an alias to the units file): %s", unresolved)


def schedule_reminders(app: Application) -> None:
    """The daily job at config.reminders.time, plus one catch-up run right after startup."""
    config: AppConfig = app.bot_data["services"].config
    queue = app.job_queue
    if queue is None:
        raise RuntimeError("python-telegram-bot[job-queue] is required for reminders")
    if queue.get_jobs_by_name(DAILY_JOB):
        return
    hour, minute = (int(part) for part in config.reminders.time.split(":"))
    at = dt.time(hour, minute, tzinfo=ZoneInfo(config.timezone))
    queue.run_daily(reminder_job, at, name=DAILY_JOB,
                    job_kwargs={"misfire_grace_time": 3600, "coalesce": True})
    queue.run_once(reminder_job, CATCH_UP_DELAY_S, name=CATCH_UP_JOB,
                   job_kwargs={"misfire_grace_time": None})


async def reminder_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send today's due reminders; runs daily and once at startup to catch up."""
    svc = services(context)
    async with svc.reminder_lock:
        report = await deliver_reminders(context.bot, svc.config, svc.today())
    log.info("reminders: %s", report)


def schedule_digest(app: Application) -> None:
    """The weekly digest on [digest].day at [digest].time, plus one catch-up run after startup."""
    config: AppConfig = app.bot_data["services"].config
    queue = app.job_queue
    if not config.digest.enabled or queue is None or queue.get_jobs_by_name(DIGEST_JOB):
        return
    at = config.digest.at.replace(tzinfo=ZoneInfo(config.timezone))
    sunday_first = (config.digest.weekday + 1) % 7     # PTB numbers days from Sunday (0)
    queue.run_daily(digest_job, at, days=(sunday_first,), name=DIGEST_JOB, data=True,
                    job_kwargs={"misfire_grace_time": 3600, "coalesce": True})
    queue.run_once(digest_job, CATCH_UP_DELAY_S, name=DIGEST_CATCH_UP_JOB, data=False,
                   job_kwargs={"misfire_grace_time": None})


async def digest_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send this week's digest to every subscribed chat that has not had it (scheduled, or at startup
    when this week's was missed)."""
    svc = services(context)
    today, now = svc.today(), dt.datetime.now(ZoneInfo(svc.config.timezone)).time()
    week = due_week(svc.config.digest, today, now, scheduled=bool(context.job and context.job.data))
    if week is None:
        return
    async with svc.reminder_lock:
        sent = await deliver_digests(context.bot, svc.config, week, today)
    log.info("weekly digest for %s: %d chat(s)", week, sent)
