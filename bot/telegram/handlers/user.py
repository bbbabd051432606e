"""Handlers everyone may use: /start, /help, questions (private text, /ask, mentions), sources.

Also the per-application `Services` (config, answerer, clock, locks) that every handler module shares.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.quality.feedback import given
from bot.telegram import render
from bot.telegram.conversation import deadline_ask, small_talk
from bot.telegram.handlers import feedback as handlers_feedback
from bot.telegram.handlers import tasks as handlers_tasks
from bot.telegram.services import Buttons, reply_html, services
from bot.telegram.views.answer import answer_html, is_abstention

log = logging.getLogger(__name__)

SOURCES_KEPT = 500


def addressed_to_bot(message: Message, bot_username: str, bot_id: int) -> bool:
    """Whether a group message is a command, mentions the bot, or replies to it."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    reply = message.reply_to_message
    if reply and reply.from_user and reply.from_user.id == bot_id:
        return True
    return mention_span(message, bot_username, bot_id) is not None or bool(
        message.text and message.text.startswith("/"))


def mention_span(message: Message, bot_username: str, bot_id: int) -> tuple[int, int] | None:
    """(offset, length) of the entity that mentions the bot, if any."""
    for entity, text in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if text.lstrip("@").lower() == bot_username.lower() or (entity.user and entity.user.id == bot_id):
            return entity.offset, entity.length
    return None


async def guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Refuse users and chats outside the optional allowlist, before any other handler."""
    if services(context).allowed(update.effective_user, update.effective_chat):
        return
    if update.callback_query:
        await update.callback_query.answer(render.NOT_ALLOWED, show_alert=True)
    elif update.effective_message and addressed_to_bot(
            update.effective_message, context.bot.username, context.bot.id):
        await update.effective_message.reply_text(render.NOT_ALLOWED)
    raise ApplicationHandlerStop


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: what the assistant does, with example questions."""
    await update.effective_message.reply_html(render.start_text(context.bot.first_name))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: how to ask, /viec and /deadlines, the commands (admins also see theirs)."""
    await update.effective_message.reply_html(render.help_text(services(context).is_admin(update.effective_user)))


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message in a private chat is a question (or the reply to "Sai ở đâu?")."""
    if await handlers_feedback.take_comment(update, context):
        return
    await answer_question(update, context, update.effective_message.text or "")


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups, answer only messages that mention the bot or reply to it."""
    message = update.effective_message
    span = mention_span(message, context.bot.username, context.bot.id)
    reply = message.reply_to_message
    to_bot = reply is not None and reply.from_user is not None and reply.from_user.id == context.bot.id
    if span is None and not to_bot:
        return
    if to_bot and await handlers_feedback.take_comment(update, context):
        return
    text = message.text or ""
    if span is not None:
        text = _strip_span(text, span)
    await answer_question(update, context, text)


def _strip_span(text: str, span: tuple[int, int]) -> str:
    """Remove the mention (offsets are in UTF-16 code units) from the message text."""
    encoded = text.encode("utf-16-le")
    start, length = span[0] * 2, span[1] * 2
    return (encoded[:start] + " ".encode("utf-16-le") + encoded[start + length:]).decode("utf-16-le")


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask <question>: answer in any chat (the way to ask in groups)."""
    text = update.effective_message.text or ""
    question = text.split(maxsplit=1)[1] if len(text.split(maxsplit=1)) > 1 else ""
    await answer_question(update, context, question)


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    """Answer one question off the event loop and reply with escaped HTML and a sources button."""
    message, svc = update.effective_message, services(context)
    question = " ".join(question.split())
    if not question:
        await message.reply_text(render.EMPTY_QUESTION)
        return
    if len(question) > render.MAX_QUESTION_CHARS:
        await message.reply_text(render.too_long(len(question)))
        return
    if reply := small_talk(question):
        await message.reply_text(reply)
        return
    if ask_for := deadline_ask(question, svc.today()):
        await handlers_tasks.answer_deadline_ask(update, context, ask_for)
        return
    # In the background: "typing…" is cosmetic and must never delay or stop the answer.
    context.application.create_task(show_typing(context.bot, message.chat_id))
    answer = await asyncio.to_thread(svc.answerer.ask, question)
    markup = None
    if answer.sources and not is_abstention(answer):   # an abstention's clauses are unrelated
        key = svc.remember(answer.sources)
        svc.remember_answer(key, given(answer))
        button = InlineKeyboardButton(render.SOURCE_BUTTON, callback_data=f"src:{key}")
        markup = InlineKeyboardMarkup([[button], handlers_feedback.buttons(key)])
    await reply_html(message, answer_html(answer, svc.today()), markup)


async def show_typing(bot: Bot, chat_id: int) -> None:
    """Best-effort "typing…": a failure (a flood limit, a network hiccup) is logged, never raised."""
    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
    except Exception as exc:  # noqa: BLE001 - raising would reach on_error and send the user an error
        log.warning("no typing indicator for chat %s: %s", chat_id, exc)


async def show_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "Xem nguồn" button: the full clause and the other sources."""
    query = update.callback_query
    sources = services(context).sources.get((query.data or "").removeprefix("src:"))
    if sources is None:
        await query.answer(render.SOURCES_GONE, show_alert=True)
        return
    await query.answer()
    if query.message is not None and isinstance(query.message, Message):
        await reply_html(query.message, render.source_messages(sources))


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice and the like: say what the bot understands (private chats only)."""
    await update.effective_message.reply_text(render.NOT_TEXT)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log any handler error and tell the user something went wrong; the bot keeps running."""
    log.error("error while handling %r", update, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        try:
            await update.effective_message.reply_text(render.ERROR)
        except Exception:  # noqa: BLE001 - the error handler must not raise
            log.exception("could not tell the user about the error")


BUTTONS: Buttons = ((show_sources, r"^src:"),)
