"""What every handler shares: the per-application Services (config, answerer, clock, locks,
remembered sources) and sending HTML replies."""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from telegram import Chat, InlineKeyboardMarkup, Message, User
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.reminders.subscriptions import Subscriptions, open_db
from index.config import Config
from index.store.database import Store

SOURCES_KEPT = 500
LISTS_KEPT = 500


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

    config: Config
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

    def remember(self, sources: Sequence[Any]) -> str:
        """Keep an answer's sources for its "Xem nguồn" button; return the button's key."""
        self._counter += 1
        key = f"{self._epoch}{self._counter:x}"
        self.sources[key] = sources
        while len(self.sources) > SOURCES_KEPT:
            self.sources.popitem(last=False)
        return key

    def remember_answer(self, key: str, answer: Any) -> None:
        """Keep what an answer said (bot.quality.feedback.Given) for its 👍 / 👎 buttons."""
        self.answers[key] = answer
        while len(self.answers) > SOURCES_KEPT:
            self.answers.popitem(last=False)

    def remember_list(self, spec: ListSpec) -> str:
        """Keep what a deadline list shows for its buttons (callback data holds 64 bytes); "me" is
        the chat's own list, which needs nothing kept and so survives a restart."""
        if spec == ListSpec(True):
            return "me"
        self._counter += 1
        key = f"{self._epoch}{self._counter:x}"
        self.lists[key] = spec
        while len(self.lists) > LISTS_KEPT:
            self.lists.popitem(last=False)
        return key

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


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The application's shared Services."""
    return context.application.bot_data["services"]


async def reply_html(
    message: Message, texts: Sequence[str], markup: InlineKeyboardMarkup | None = None
) -> None:
    """Send HTML messages in reply; the keyboard goes on the last one."""
    for i, text in enumerate(texts):
        last = i == len(texts) - 1
        await message.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=markup if last else None,
                                 do_quote=i == 0)


