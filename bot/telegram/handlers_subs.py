"""Reminder subscriptions of a chat: /subscribe [unit] (or pick from buttons), /unsubscribe, /mysubs."""

from __future__ import annotations

import asyncio
import hashlib
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.telegram import render
from bot.telegram.services import Services, services
from index.extract.units import unit_key, unit_matches

ALL_UNITS = "*"
EVERYTHING = ("tat ca", "tat ca don vi", "all")
MAX_BUTTONS = 90


def unit_token(unit: str) -> str:
    """A short, stable callback token for a unit name (callback data is limited to 64 bytes)."""
    return hashlib.sha1(unit_key(unit).encode()).hexdigest()[:10]


def match_units(query: str, units: list[str]) -> list[str]:
    """Units named by a query, case- and accent-insensitively: an exact match, else those containing it."""
    wanted = unit_key(query)
    exact = [u for u in units if unit_key(u) == wanted]
    return exact or [u for u in units if unit_matches(query, u)]


def units_keyboard(units: list[str]) -> InlineKeyboardMarkup:
    """One button for "all units" and one per unit."""
    rows = [[InlineKeyboardButton("Tất cả đơn vị", callback_data=f"sub:{ALL_UNITS}")]]
    rows += [[InlineKeyboardButton(u[:60], callback_data=f"sub:{unit_token(u)}")]
             for u in units[:MAX_BUTTONS]]
    return InlineKeyboardMarkup(rows)


def _units(svc: Services) -> list[str]:
    """The store's units, one per spelling that compares equal, capitalised first."""
    with svc.db() as (store, _):
        names = store.units()
    chosen: dict[str, str] = {}
    for name in names:
        key = unit_key(name)
        if key not in chosen or (name[:1].isupper() and not chosen[key][:1].isupper()):
            chosen[key] = name
    return sorted(chosen.values(), key=unit_key)


def _subscribe(svc: Services, chat_id: int, unit: str) -> bool:
    with svc.db() as (_, subs):
        return subs.subscribe(chat_id, unit)


def confirmation(unit: str, new: bool, offsets: tuple[int, ...]) -> str:
    """What /subscribe answers (HTML)."""
    name = escape(render.unit_label(unit))
    if not new:
        return f"Cuộc trò chuyện này đã đăng ký nhắc hạn cho <b>{name}</b>."
    before = ", ".join(str(o) for o in sorted(offsets, reverse=True) if o > 0)
    when = (f"trước hạn {before} ngày, " if before else "") + ("đúng ngày hạn " if 0 in offsets else "")
    return f"Đã đăng ký nhắc hạn cho <b>{name}</b>. Trợ lý sẽ nhắc {when}và khi quá hạn."


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe [unit]: subscribe this chat, or offer the units as buttons."""
    svc, message = services(context), update.effective_message
    units = await asyncio.to_thread(_units, svc)
    query = " ".join(context.args or [])
    if query:
        found = [""] if unit_key(query) in EVERYTHING else match_units(query, units)
        if len(found) == 1:
            new = await asyncio.to_thread(_subscribe, svc, message.chat_id, found[0])
            await message.reply_html(confirmation(found[0], new, svc.config.reminders.offsets))
            return
        text = (f"Có {len(found)} đơn vị khớp với «{escape(query)}», vui lòng chọn:" if found else
                f"Không tìm thấy đơn vị «{escape(query)}». Vui lòng chọn trong danh sách:")
        await message.reply_html(text, reply_markup=units_keyboard(found or units))
        return
    await message.reply_html("Chọn đơn vị muốn nhận nhắc hạn:", reply_markup=units_keyboard(units))


async def on_unit_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A unit button under /subscribe was pressed."""
    svc, query = services(context), update.callback_query
    token = (query.data or "").removeprefix("sub:")
    units = await asyncio.to_thread(_units, svc)
    chosen = "" if token == ALL_UNITS else next((u for u in units if unit_token(u) == token), None)
    if chosen is None:
        await query.answer("Đơn vị này không còn trong danh sách. Gõ /subscribe để chọn lại.",
                           show_alert=True)
        return
    new = await asyncio.to_thread(_subscribe, svc, query.message.chat.id, chosen)
    await query.answer()
    await query.edit_message_text(confirmation(chosen, new, svc.config.reminders.offsets), parse_mode="HTML")


def _unsubscribe(svc: Services, chat_id: int, query: str) -> tuple[int, list[str]]:
    with svc.db() as (_, subs):
        current = [s.unit for s in subs.for_chat(chat_id)]
        if not query:
            return subs.unsubscribe(chat_id), current
        targets = match_units(query, [u for u in current if u]) or (
            [""] if "" in current and unit_key(query) in EVERYTHING else [])
        return sum(subs.unsubscribe(chat_id, unit) for unit in targets), targets


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe [unit]: stop reminders for one unit, or all of this chat's."""
    svc, message = services(context), update.effective_message
    query = " ".join(context.args or [])
    removed, units = await asyncio.to_thread(_unsubscribe, svc, message.chat_id, query)
    if not removed:
        text = (f"Cuộc trò chuyện này không đăng ký đơn vị «{escape(query)}». Xem /mysubs." if query
                else "Cuộc trò chuyện này chưa đăng ký nhắc hạn.")
    else:
        names = ", ".join(escape(render.unit_label(u)) for u in units)
        text = f"Đã hủy nhắc hạn cho: {names}."
    await message.reply_html(text)


def _chat_units(svc: Services, chat_id: int) -> list[str]:
    with svc.db() as (_, subs):
        return [s.unit for s in subs.for_chat(chat_id)]


async def mysubs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mysubs: this chat's subscriptions."""
    message = update.effective_message
    units = await asyncio.to_thread(_chat_units, services(context), message.chat_id)
    await message.reply_html(render.subscriptions_text(units))
