"""Reminder subscriptions of a chat: /subscribe [unit] (the registry's units by organisation, in
pages of buttons, or a typed name resolved through their aliases), /unsubscribe, /mysubs."""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Sequence
from html import escape

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.reminders.subscriptions import Subscription
from bot.telegram import render
from bot.telegram.handlers import confirm as handlers_confirm
from bot.telegram.services import Buttons, Services, services
from bot.telegram.views.digest import schedule_text
from index.extract.entities import unit_id
from index.extract.units import unit_key, unit_matches
from index.store.models import Unit
from index.store.registry import Registry

ALL_UNITS = "*"
EVERYTHING = ("tat ca", "tat ca don vi", "all")
PAGE_SIZE = 8                    # unit buttons on one page of the menu, and suggestions at most
HEADING = "sub:-"                # an organisation's name or the page number: nothing to choose
BUTTON_CHARS = 64
# Kinds of unit that are named relative to an organisation ("Văn phòng Sở", "Phòng Nội vụ"): without a
# parent, only a name that says where ("Văn phòng UBND tỉnh Hà Tĩnh") is worth offering.
_RELATIVE_KINDS = {"phong", "van_phong", "thanh_tra", "to", "bo_phan", "trung_tam", "chi_cuc", "doan", "ban"}
_PLACE = re.compile(r"\s(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|Sở|Bộ|Cục|Chính phủ|Trung ương)\s\S")
_BARE = re.compile(r"(?:Sở|Bộ|Cục|Chi cục|Ủy ban nhân dân|Hội đồng nhân dân)"
                   r"(?: (?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn))?")
_FILLER = {"cac", "va", "thuoc", "cua", "tren", "dia", "ban", "nhan", "dan", "uy"}

Entry = tuple[str, Unit]         # (the organisation's name, one of its units or groups)


# --- which units, in which order -------------------------------------------------------------------
def listed(unit: Unit) -> bool:
    """Whether /subscribe offers a unit: a group with its organisation, a unit with its organisation
    (as parent or in its name); never a fragment such as "Văn phòng Sở" or "các phòng"."""
    if unit.is_group:
        return bool(unit.scope)
    if unit.parent:
        return unit.kind != "other"
    if unit.kind in _RELATIVE_KINDS:
        return bool(_PLACE.search(unit.name))
    return unit.kind != "other" and not _BARE.fullmatch(unit.name)


def organisation_of(unit: Unit) -> str:
    """The id of the organisation a unit is listed under: its parent, a group's scope, else itself."""
    return (unit.scope if unit.is_group else unit.parent) or unit.id


def organisation_name(org: str, registry: Registry, units: Sequence[Unit]) -> str:
    """An organisation's name: the registry's, else read off its units' names, else its id."""
    known = registry.get(org)
    if known is not None:
        return known.name
    for unit in units:
        words = unit.name.split()
        for start in range(1, len(words)):
            tail = " ".join(words[start:])
            for name in (tail, f"Ủy ban nhân dân {tail}"):
                if unit_id(name) == org:
                    return name[:1].upper() + name[1:]
    return org.replace("-", " ").capitalize()


def menu(registry: Registry) -> list[Entry]:
    """The units /subscribe offers, by organisation (alphabetical): the organisation itself, then
    its units, then its groups."""
    by_org: dict[str, list[Unit]] = {}
    for unit in registry.units.values():
        if listed(unit):
            by_org.setdefault(organisation_of(unit), []).append(unit)
    named = sorted(((organisation_name(org, registry, units), org, units) for org, units in by_org.items()),
                   key=lambda item: (unit_key(item[0]), item[1]))
    return [(name, unit) for name, org, units in named
            for unit in sorted(units, key=lambda u: (u.id != org, u.is_group, unit_key(u.name)))]


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", unit_key(text)))


def resolve(registry: Registry, query: str) -> list[Unit]:
    """The offered units a typed name means: those it names exactly (by name or alias, with or
    without accents), else those Registry.find finds (every unit whose name contains it)."""
    key = _key(query)
    units = [u for u in registry.units.values() if listed(u)]
    exact = [u for u in units if key in {_key(n) for n in (u.name, *u.aliases)}]
    return exact or [u for u in registry.find(query) if listed(u)]


def closest(registry: Registry, query: str) -> list[Unit]:
    """The offered units sharing most words with a name nothing matched (accents aside); among
    equals, those of the same kind (first word: "Sở …", "Phòng …") and the shortest first."""
    typed = _key(query).split()
    wanted = set(typed) - _FILLER
    scored = []
    for unit in registry.units.values():
        name = _key(unit.name).split()
        shared = len(wanted & set(_key(" ".join((unit.name, *unit.aliases))).split()))
        if shared and listed(unit):
            scored.append((-shared, name[:1] != typed[:1], len(name), unit_key(unit.name), unit))
    return [item[-1] for item in sorted(scored, key=lambda item: item[:4])][:PAGE_SIZE]


# --- buttons -----------------------------------------------------------------------------------------
def unit_token(unit: Unit) -> str:
    """A short, stable callback token for a unit (callback data is limited to 64 bytes)."""
    return hashlib.sha1(unit.id.encode()).hexdigest()[:10]


def _label(text: str) -> str:
    return text if len(text) <= BUTTON_CHARS else text[:BUTTON_CHARS - 1].rstrip() + "…"


def _unit_button(unit: Unit) -> InlineKeyboardButton:
    return InlineKeyboardButton(_label(unit.name), callback_data=f"sub:u:{unit_token(unit)}")


def _all_button() -> InlineKeyboardButton:
    return InlineKeyboardButton(render.ALL_UNITS_BUTTON, callback_data=f"sub:{ALL_UNITS}")


def page_count(entries: Sequence[Entry]) -> int:
    """How many pages the menu takes (one at least)."""
    return max(1, -(-len(entries) // PAGE_SIZE))


def page_keyboard(entries: Sequence[Entry], page: int) -> InlineKeyboardMarkup:
    """One page of the menu: "all units", each organisation's name above its units, ◀ ▶."""
    rows = [[_all_button()]]
    heading = None
    for organisation, unit in entries[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]:
        if organisation != heading and unit.name != organisation:
            rows.append([InlineKeyboardButton(_label(f"🏛 {organisation}"), callback_data=HEADING)])
        heading = organisation
        rows.append([_unit_button(unit)])
    pages = page_count(entries)
    if pages > 1:
        nav = [InlineKeyboardButton(f"{page + 1}/{pages}", callback_data=HEADING)]
        if page > 0:
            nav.insert(0, InlineKeyboardButton("◀ Trang trước", callback_data=f"sub:p:{page - 1}"))
        if page < pages - 1:
            nav.append(InlineKeyboardButton("Trang sau ▶", callback_data=f"sub:p:{page + 1}"))
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def choices_keyboard(units: Sequence[Unit]) -> InlineKeyboardMarkup:
    """Units to choose from (an ambiguous or unknown name), and the way to the whole menu."""
    rows = [[_unit_button(u)] for u in units[:PAGE_SIZE]]
    rows.append([InlineKeyboardButton(render.BROWSE_BUTTON, callback_data="sub:p:0")])
    return InlineKeyboardMarkup(rows)


def menu_page(entries: Sequence[Entry], page: int) -> tuple[str, InlineKeyboardMarkup]:
    """The text and keyboard of one page of the menu (the nearest page that exists)."""
    if not entries:
        return render.NO_UNITS, InlineKeyboardMarkup([[_all_button()]])
    page = min(max(page, 0), page_count(entries) - 1)
    return render.subscribe_menu_text(page, page_count(entries)), page_keyboard(entries, page)


# --- the store, in a thread --------------------------------------------------------------------------
def _registry(svc: Services) -> Registry:
    with svc.db() as (store, _):
        return Registry.load(store.db)


def _menu(svc: Services) -> list[Entry]:
    return menu(_registry(svc))


def _lookup(svc: Services, query: str) -> tuple[list[Unit], list[Unit]]:
    """(the units a typed name means, the closest ones when it means none)."""
    registry = _registry(svc)
    found = resolve(registry, query)
    return found, [] if found else closest(registry, query)


def _unit_for(svc: Services, token: str) -> Unit | None:
    return next((u for u in _registry(svc).units.values() if unit_token(u) == token), None)


def _subscribe(svc: Services, chat_id: int, unit: Unit | None) -> bool:
    with svc.db() as (_, subs):
        return subs.subscribe(chat_id, unit.name, unit.id) if unit else subs.subscribe(chat_id, "")


def confirmation(unit: str, new: bool, offsets: tuple[int, ...]) -> str:
    """What /subscribe answers (HTML)."""
    name = escape(render.unit_label(unit))
    if not new:
        return f"Cuộc trò chuyện này đã đăng ký nhắc hạn cho <b>{name}</b>."
    before = ", ".join(str(o) for o in sorted(offsets, reverse=True) if o > 0)
    when = (f"trước hạn {before} ngày, " if before else "") + ("đúng ngày hạn " if 0 in offsets else "")
    return f"Đã đăng ký nhắc hạn cho <b>{name}</b>. Trợ lý sẽ nhắc {when}và khi quá hạn."


# --- handlers ----------------------------------------------------------------------------------------
async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe [unit]: subscribe this chat to the unit named, or offer the units as buttons."""
    svc, message = services(context), update.effective_message
    query = " ".join(context.args or []).strip()
    if not query:
        text, markup = menu_page(await asyncio.to_thread(_menu, svc), 0)
        await message.reply_html(text, reply_markup=markup)
        return
    if unit_key(query) in EVERYTHING:
        new = await asyncio.to_thread(_subscribe, svc, message.chat_id, None)
        await message.reply_html(confirmation("", new, svc.config.reminders.offsets))
        return
    found, suggestions = await asyncio.to_thread(_lookup, svc, query)
    if len(found) == 1:
        new = await asyncio.to_thread(_subscribe, svc, message.chat_id, found[0])
        await message.reply_html(confirmation(found[0].name, new, svc.config.reminders.offsets))
    elif found:
        text = render.subscribe_choices_text(query, len(found), min(len(found), PAGE_SIZE))
        await message.reply_html(text, reply_markup=choices_keyboard(found))
    else:
        text = render.subscribe_unknown_text(query, bool(suggestions))
        await message.reply_html(text, reply_markup=choices_keyboard(suggestions))


async def _edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit the message the buttons are under; a press that changes nothing is no error."""
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise


async def on_unit_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A unit button (or "Tất cả đơn vị") under /subscribe was pressed: subscribe, confirm in place."""
    svc, query = services(context), update.callback_query
    token = (query.data or "").removeprefix("sub:")
    chosen = None
    if token != ALL_UNITS:
        if token.startswith("u:"):
            chosen = await asyncio.to_thread(_unit_for, svc, token.removeprefix("u:"))
        if chosen is None:   # gone from the registry, or a button from before units had ids
            await query.answer(render.UNIT_GONE, show_alert=True)
            return
    new = await asyncio.to_thread(_subscribe, svc, update.effective_chat.id, chosen)
    await query.answer()
    await _edit(query, confirmation(chosen.name if chosen else "", new, svc.config.reminders.offsets))


async def on_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """◀ or ▶ (or "Xem danh sách đơn vị") under /subscribe: show that page of units in place."""
    svc, query = services(context), update.callback_query
    page = int((query.data or "sub:p:0").rsplit(":", 1)[1])
    text, markup = menu_page(await asyncio.to_thread(_menu, svc), page)
    await query.answer()
    await _edit(query, text, markup)


async def on_heading(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An organisation's name or the page number was pressed: say what to press instead."""
    await update.callback_query.answer(render.HEADING_PRESSED)


def match_units(query: str, units: list[str]) -> list[str]:
    """Units named by a query, case- and accent-insensitively: an exact match, else those containing it."""
    wanted = unit_key(query)
    exact = [u for u in units if unit_key(u) == wanted]
    return exact or [u for u in units if unit_matches(query, u)]


def _unsubscribe(svc: Services, chat_id: int, query: str) -> tuple[int, list[str]]:
    with svc.db() as (_, subs):
        current = [s.unit for s in subs.for_chat(chat_id)]
        if not query:
            return subs.unsubscribe(chat_id), current
        targets = match_units(query, [u for u in current if u]) or (
            [""] if "" in current and unit_key(query) in EVERYTHING else [])
        return sum(subs.unsubscribe(chat_id, unit) for unit in targets), targets


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe [unit]: stop reminders for the unit named, or ask which (buttons)."""
    svc, message = services(context), update.effective_message
    query = " ".join(context.args or [])
    if not query:   # removing every subscription at one tap is never the default: ask which
        await handlers_confirm.ask_unsubscribe(message, context)
        return
    removed, units = await asyncio.to_thread(_unsubscribe, svc, message.chat_id, query)
    if not removed:
        text = (f"Cuộc trò chuyện này không đăng ký đơn vị «{escape(query)}». Xem /mysubs." if query
                else "Cuộc trò chuyện này chưa đăng ký nhắc hạn.")
    else:
        names = ", ".join(escape(render.unit_label(u)) for u in units)
        text = f"Đã hủy nhắc hạn cho: {names}."
    await message.reply_html(text)


def _canonical(sub: Subscription, registry: Registry) -> str:
    """A subscription's unit as the registry names it now ("" for all units)."""
    unit = registry.get(sub.unit_id) if sub.unit_id else None
    return unit.name if unit is not None else sub.unit


def _chat_units(svc: Services, chat_id: int) -> list[str]:
    with svc.db() as (store, subs):
        registry = Registry.load(store.db)
        return [_canonical(s, registry) for s in subs.for_chat(chat_id)]


async def mysubs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mysubs: this chat's subscriptions and the reminder time."""
    svc, message = services(context), update.effective_message
    units = await asyncio.to_thread(_chat_units, svc, message.chat_id)
    await message.reply_html(render.subscriptions_text(units, _schedule(svc)))


def _schedule(svc: Services) -> str:
    """When this deployment reminds, and when the weekly digest comes."""
    reminders, digest = svc.config.reminders, svc.config.digest
    weekly = schedule_text(digest.weekday, digest.time) if digest.enabled else ""
    return render.schedule_text(reminders.time, reminders.offsets, weekly)


# "^sub:" (a unit chosen) matches what the others do: it comes last.
BUTTONS: Buttons = ((on_page, r"^sub:p:\d+$"), (on_heading, r"^sub:-$"), (on_unit_chosen, r"^sub:"))
