"""Destructive actions ask first: /unsubscribe without a name offers the chat's units as buttons,
and /remove shows the document with Gỡ / Không buttons, or the matching documents to choose from
when several match (admins only)."""

from __future__ import annotations

import asyncio
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.telegram import render
from bot.telegram.services import Buttons, Services, services
from bot.telegram.views.reminder import unit_token
from index import pipeline
from index.errors import DocumentNotFound
from index.store.models import Document
from index.text.normalize import clip

ALL = "*"
CANCELLED = "Đã hủy thao tác, không có gì thay đổi."
GONE = "Văn bản này không còn trong chỉ mục."


# --- /unsubscribe without a name -------------------------------------------------------------------
def _units(svc: Services, chat_id: int) -> list[str]:
    with svc.db() as (_, subs):
        return [s.unit for s in subs.for_chat(chat_id)]


def unsubscribe_keyboard(units: list[str]) -> InlineKeyboardMarkup:
    """One button per subscribed unit, "all of them" when there are several, and "cancel"."""
    rows = [[InlineKeyboardButton(render.unit_label(u)[:60], callback_data=f"uns:{unit_token(u)}")] for u in units]
    if len(units) > 1:
        rows.append([InlineKeyboardButton("Hủy tất cả đăng ký", callback_data=f"uns:{ALL}")])
    rows.append([InlineKeyboardButton("Không hủy", callback_data="uns:-")])
    return InlineKeyboardMarkup(rows)


async def ask_unsubscribe(message: Message, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe with no name: which subscription to stop, as buttons."""
    units = await asyncio.to_thread(_units, services(context), message.chat_id)
    if not units:
        await message.reply_text("Cuộc trò chuyện này chưa đăng ký nhắc hạn.")
        return
    await message.reply_text("Bạn muốn hủy nhắc hạn cho đơn vị nào?", reply_markup=unsubscribe_keyboard(units))


def _unsubscribe(svc: Services, chat_id: int, tok: str) -> list[str]:
    with svc.db() as (_, subs):
        units = [s.unit for s in subs.for_chat(chat_id)]
        chosen = units if tok == ALL else [u for u in units if unit_token(u) == tok]
        for unit in chosen:
            subs.unsubscribe(chat_id, unit)
    return chosen


async def on_unsubscribe_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button under the /unsubscribe question: stop that unit (or all), confirm in place."""
    query = update.callback_query
    tok = (query.data or "uns:-").removeprefix("uns:")
    await query.answer()
    if tok == "-":
        await query.edit_message_text(CANCELLED)
        return
    removed = await asyncio.to_thread(_unsubscribe, services(context), update.effective_chat.id, tok)
    if not removed:
        await query.edit_message_text("Đơn vị này không còn trong các đăng ký. Xem /mysubs.")
        return
    names = ", ".join(escape(render.unit_label(u)) for u in removed)
    await query.edit_message_text(f"Đã hủy nhắc hạn cho: {names}.", parse_mode=ParseMode.HTML)


# --- /remove -------------------------------------------------------------------------------------
MAX_CHOICES = 8


def _find(svc: Services, key: str) -> list[Document]:
    """The one document a key names (id, file name or số ký hiệu), else every document whose id, file
    name or number starts with or contains it."""
    with svc.db() as (store, _):
        try:
            return [store.find_document(key)]
        except DocumentNotFound:
            pass
        like = f"%{key.strip().lower()}%"
        rows = store.db.execute("select id from documents where id like ? or lower(source) like ? "
                                "or lower(number) like ? order by date desc, number", [like, like, like])
        return [d for (doc_id,) in rows if (d := store.document_by_id(doc_id)) is not None]


def remove_question(doc: Document) -> str:
    """What /remove asks before removing anything."""
    return (f"Gỡ văn bản này khỏi chỉ mục?\n\n<b>{escape(render.document_name(doc))}</b>\n"
            "Văn bản sẽ không còn được dùng để trả lời và nhắc hạn.")


def remove_keyboard(doc: Document) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("🗑 Gỡ văn bản", callback_data=f"rmd:{doc.id[:16]}"),
                                  InlineKeyboardButton("Không", callback_data="rmd:-")]])


def choices(key: str, docs: list[Document]) -> tuple[str, InlineKeyboardMarkup]:
    """Several documents match: which one to remove, as buttons (nothing is removed yet)."""
    shown = docs[:MAX_CHOICES]
    more = f" Dưới đây là {len(shown)} văn bản đầu tiên; gõ số ký hiệu đầy đủ hơn để thu hẹp." \
        if len(docs) > len(shown) else ""
    text = f"Có {len(docs)} văn bản khớp với «{escape(key)}».{more} Bạn muốn gỡ văn bản nào?"
    rows = [[InlineKeyboardButton(clip(render.document_name(d), 60), callback_data=f"rmc:{d.id[:16]}")]
            for d in shown]
    rows.append([InlineKeyboardButton("Không gỡ", callback_data="rmd:-")])
    return text, InlineKeyboardMarkup(rows)


async def ask_remove(message: Message, context: ContextTypes.DEFAULT_TYPE, key: str) -> None:
    """/remove DOC: show the document found (or the documents, as buttons) and ask for confirmation."""
    docs = await asyncio.to_thread(_find, services(context), key)
    if not docs:
        await message.reply_text(f"Không tìm thấy văn bản nào khớp với «{key}». Xem /docs.")
    elif len(docs) == 1:
        await message.reply_html(remove_question(docs[0]), reply_markup=remove_keyboard(docs[0]))
    else:
        text, markup = choices(key, docs)
        await message.reply_html(text, reply_markup=markup)


def _by_id(svc: Services, doc_id: str) -> Document:
    with svc.db() as (store, _):
        return store.find_document(doc_id)


def _remove(svc: Services, doc_id: str) -> Document:
    doc = pipeline.remove_document(svc.config, doc_id)
    svc.answerer.reload()
    return doc


async def on_remove_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The buttons under /remove (admins only): a document picked among several ("rmc:") is shown
    with Gỡ / Không to confirm; Gỡ ("rmd:") removes it, Không removes nothing."""
    svc, query = services(context), update.callback_query
    if not svc.is_admin(update.effective_user):
        await query.answer(render.ADMIN_ONLY, show_alert=True)
        return
    step, _, doc_id = (query.data or "rmd:-").partition(":")
    await query.answer()
    if doc_id == "-":
        await query.edit_message_text(CANCELLED)
        return
    try:
        if step == "rmc":
            doc = await asyncio.to_thread(_by_id, svc, doc_id)
            text, markup = remove_question(doc), remove_keyboard(doc)
        else:
            async with svc.index_lock:
                doc = await asyncio.to_thread(_remove, svc, doc_id)
            text, markup = f"Đã gỡ văn bản: {escape(render.document_name(doc))}.", None
    except DocumentNotFound:
        await query.edit_message_text(GONE)
        return
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


BUTTONS: Buttons = ((on_unsubscribe_choice, r"^uns:"), (on_remove_button, r"^rm(?:c:\w+$|d:)"))
