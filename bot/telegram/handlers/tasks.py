"""Deadline lists: /viec (việc của tôi: the chat's subscribed units), /deadlines [đơn vị], a deadline
question in words, and their buttons (7 ngày · 30 ngày · Quý này · Tất cả, ◀ ▶)."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.reminders.schedule import deadline_key
from bot.reminders.subscriptions import Subscription
from bot.reminders.tasks import Window, chat_tasks, unit_tasks, window
from bot.telegram.conversation import DeadlineAsk
from bot.telegram.services import Buttons, ListSpec, Services, services
from bot.telegram.views import deadline as view
from index.store.database import DeadlineRow
from index.store.models import Document

NO_SUBSCRIPTIONS = ("Bạn chưa đăng ký đơn vị nào nên chưa có việc để hiện.\n"
                    "Dùng /subscribe để chọn đơn vị của mình, hoặc /deadlines để xem hạn của mọi đơn vị.")
LIST_GONE = "Danh sách này đã cũ. Vui lòng gõ lại /deadlines."

View = tuple[str, InlineKeyboardMarkup | None]


def _title(spec: ListSpec, subs: list[Subscription]) -> str:
    if spec.mine:
        names = [s.unit or "tất cả đơn vị" for s in subs]
        return "Việc của tôi — " + "; ".join(names)
    return f"Các hạn của {spec.unit}" if spec.unit else "Các hạn của tất cả đơn vị"


def _load(svc: Services, chat_id: int, spec: ListSpec,
          win: Window) -> tuple[list[DeadlineRow], list[Subscription], set[str], dict[str, Document]]:
    """(rows, subscriptions, keys done, documents by id), read in a worker thread."""
    with svc.db() as (store, _):
        if spec.mine:
            rows, subs, done = chat_tasks(store, chat_id, win)
        else:
            (rows, done), subs = unit_tasks(store, chat_id, spec.unit, win), []
        docs = {d.id: d for d in store.documents()} if rows else {}
    return rows, subs, done, docs


def list_rows(svc: Services, chat_id: int, spec: ListSpec, win: Window) -> tuple[list[DeadlineRow], set[str]]:
    """(every deadline a list shows over a window, all pages; the keys the chat marked done)."""
    rows, _, done, _ = _load(svc, chat_id, spec, win)
    return rows, done


def build_view(svc: Services, chat_id: int, key: str, spec: ListSpec, win_key: str, page: int) -> View:
    """The text and buttons of one page of a deadline list."""
    today = svc.today()
    win = window(win_key, today, spec.custom)
    rows, subs, done, docs = _load(svc, chat_id, spec, win)
    if spec.mine and not subs:
        return NO_SUBSCRIPTIONS, None
    page = min(max(page, 0), view.page_count(rows) - 1)
    text = view.list_html(_title(spec, subs), rows, win, page, today, docs, done)
    open_work = any(deadline_key(r) not in done for r in rows)
    return text, view.list_keyboard(key, win, page, view.page_count(rows), calendar=open_work)


async def send_list(message: Message, context: ContextTypes.DEFAULT_TYPE, spec: ListSpec, win_key: str) -> None:
    """Reply with the first page of a deadline list."""
    svc = services(context)
    key = svc.remember_list(spec)
    text, markup = await asyncio.to_thread(build_view, svc, message.chat_id, key, spec, win_key, 0)
    await message.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


async def viec(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/viec: the deadlines of this chat's subscribed units, overdue first."""
    await send_list(update.effective_message, context, ListSpec(True), "all")


async def deadlines(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/deadlines [đơn vị]: the deadlines of one unit (or all), page after page."""
    unit = " ".join(context.args or []).strip()
    await send_list(update.effective_message, context, ListSpec(False, unit), "all")


async def answer_deadline_ask(update: Update, context: ContextTypes.DEFAULT_TYPE, ask: DeadlineAsk) -> None:
    """A deadline question in words: the unit it names, else the chat's own units (all when it has
    none), over the period it names."""
    message = update.effective_message
    mine = not ask.unit and await asyncio.to_thread(_has_subscriptions, services(context), message.chat_id)
    spec = ListSpec(mine, ask.unit, ask.window)
    await send_list(message, context, spec, "c" if ask.window else "all")


def _has_subscriptions(svc: Services, chat_id: int) -> bool:
    with svc.db() as (_, subs):
        return bool(subs.for_chat(chat_id))


async def on_list_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A window or page button under a deadline list: show that page in place."""
    svc, query = services(context), update.callback_query
    _, key, win_key, page = (query.data or "").split(":")
    spec = svc.list_spec(key)
    if spec is None:
        await query.answer(LIST_GONE, show_alert=True)
        return
    text, markup = await asyncio.to_thread(build_view, svc, update.effective_chat.id, key, spec, win_key, int(page))
    await query.answer()
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as error:   # the same page pressed again
        if "not modified" not in str(error).lower():
            raise


async def on_page_number(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The page number between ◀ and ▶: nothing to do."""
    await update.callback_query.answer()


BUTTONS: Buttons = ((on_page_number, r"^dl:-$"), (on_list_button, r"^dl:\w+:(?:7|30|q|all|c):\d+$"))
