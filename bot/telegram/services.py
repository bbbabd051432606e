"""What every handler shares: the per-application Services (config, answerer, clock, locks,
remembered sources) and sending HTML replies."""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from telegram import CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.reminders.subscriptions import Subscriptions, open_db
from bot.settings import AppConfig
from index.store.database import Store

SOURCES_KEPT = 500
LISTS_KEPT = 500

T = TypeVar("T")
Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]
Buttons = tuple[tuple[Callback, str], ...]   # a handler module's (callback, callback-data pattern) pairs


@dataclass(frozen=True)
class ListSpec:
    """What a deadline list shows, for its buttons: the chat's own units ("mine") or the units a
    name means ("" for all), and the period a question named, if any."""

    mine: bool
    unit: str = ""
    custom: tuple[dt.date, dt.date] | None = None


class AnswererLike(Protocol):
    """What the bot needs from bot.answering.answerer.Answerer."""

    def ask(self, question: str) -> Any: ...

    def reload(self) -> None: ...


@dataclass
class Services:
    """Everything handlers share, kept in application.bot_data["services"]."""

    config: AppConfig
    answerer: AnswererLike
    today: Callable[[], dt.date]
    embedder: Any = None
    index_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    reminder_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    sources: OrderedDict[str, Sequence[Any]] = field(default_factory=OrderedDict)
    lists: OrderedDict[str, ListSpec] = field(default_factory=OrderedDict)
    answers: OrderedDict[str, Any] = field(default_factory=OrderedDict)   # for 👍 / 👎, by sources key
    _counter: int = 0
    _epoch: str = field(default_factory=lambda: secrets.token_hex(3))  # old buttons miss after a restart

    @contextmanager
    def db(self) -> Iterator[tuple[Store, Subscriptions]]:
        """A Store and Subscriptions on their own connection (one per thread)."""
        with open_db(self.config) as opened:
            yield opened

    def _new_key(self) -> str:
        """A key no earlier button of this run (nor, by the epoch, of an earlier run) carries."""
        self._counter += 1
        return f"{self._epoch}{self._counter:x}"

    def remember(self, sources: Sequence[Any]) -> str:
        """Keep an answer's sources for its "Xem nguồn" button; return the button's key."""
        return _keep(self.sources, self._new_key(), sources, SOURCES_KEPT)

    def remember_answer(self, key: str, answer: Any) -> None:
        """Keep what an answer said (bot.quality.feedback.Given) for its 👍 / 👎 buttons."""
        _keep(self.answers, key, answer, SOURCES_KEPT)

    def remember_list(self, spec: ListSpec) -> str:
        """Keep what a deadline list shows for its buttons (callback data holds 64 bytes); "me" is
        the chat's own list, which needs nothing kept and so survives a restart."""
        if spec == ListSpec(True):
            return "me"
        return _keep(self.lists, self._new_key(), spec, LISTS_KEPT)

    def list_spec(self, key: str) -> ListSpec | None:
        return ListSpec(True) if key == "me" else self.lists.get(key)

    def is_admin(self, user: User | None) -> bool:
        return user is not None and user.id in self.config.bot.admins

    def allowed(self, user: User | None, chat: Chat | None) -> bool:
        """The optional allowlist: empty lists let everyone in; admins are always in."""
        bot = self.config.bot
        if not bot.allowed_users and not bot.allowed_chats or self.is_admin(user):
            return True
        return (user is not None and user.id in bot.allowed_users) or (
            chat is not None and chat.id in bot.allowed_chats)


def _keep(kept: OrderedDict[str, T], key: str, value: T, most: int) -> str:
    """Keep a value under its key, forgetting the oldest beyond `most` (memory stays bounded; an old
    button then finds nothing); return the key."""
    kept[key] = value
    while len(kept) > most:
        kept.popitem(last=False)
    return key


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The application's shared Services."""
    return context.application.bot_data["services"]


async def found_or_alert(query: CallbackQuery, alert: str, lookup: Callable[..., T | None], *args: Any) -> T | None:
    """Run a lookup in a worker thread (SQLite connections stay in their thread); when it finds
    nothing, answer the press with an alert."""
    found = await asyncio.to_thread(lookup, *args)
    if found is None:
        await query.answer(alert, show_alert=True)
    return found


async def reply_html(
    message: Message, texts: Sequence[str], markup: InlineKeyboardMarkup | None = None
) -> None:
    """Send HTML messages in reply; the keyboard goes on the last one."""
    for i, text in enumerate(texts):
        last = i == len(texts) - 1
        await message.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=markup if last else None,
                                 do_quote=i == 0)


