"""👍 / 👎 under answers: the verdict is stored with the question and the answer given; 👎 asks "Sai ở
đâu?" and the official's reply (to that question, or in a private chat the next message that is not
itself a question) is stored with it. `cchc feedback --export` turns them into eval questions."""

from __future__ import annotations

import asyncio

from telegram import ForceReply, InlineKeyboardButton, Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.quality.feedback import DOWN, UP, Feedback, Given
from bot.telegram.services import Buttons, Services, services

UP_BUTTON, DOWN_BUTTON = "👍 Đúng", "👎 Chưa đúng"
ASK_WHAT_WRONG = ("Sai ở đâu? Bạn trả lời tin nhắn này bằng vài chữ, ví dụ: sai ngày, sai đơn vị, "
                  "thiếu văn bản mới hơn, không trả lời đúng câu hỏi.")
PLACEHOLDER = "Ví dụ: sai ngày, sai đơn vị"
THANKS_UP = "Cảm ơn bạn! 👍"
ALREADY = "Bạn đã góp ý cho câu trả lời này rồi. Cảm ơn bạn!"
GONE = "Câu trả lời này đã cũ, không góp ý được nữa. Vui lòng hỏi lại."
THANKS_COMMENT = "Cảm ơn bạn đã góp ý! Quản trị viên sẽ xem lại câu trả lời này để trợ lý trả lời đúng hơn."


def buttons(key: str) -> list[InlineKeyboardButton]:
    """The 👍 / 👎 row under an answer."""
    return [InlineKeyboardButton(UP_BUTTON, callback_data=f"fb:u:{key}"),
            InlineKeyboardButton(DOWN_BUTTON, callback_data=f"fb:d:{key}")]


def _record(svc: Services, chat_id: int, user_id: int, key: str, verdict: str, answer: Given) -> bool:
    with svc.db() as (store, _):
        return Feedback(store.db).record(chat_id, user_id, key, verdict, answer)


def _await(svc: Services, chat_id: int, user_id: int, key: str, prompt_id: int) -> None:
    with svc.db() as (store, _):
        Feedback(store.db).await_comment(chat_id, user_id, key, prompt_id)


async def on_feedback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍 or 👎 pressed under an answer."""
    svc, query = services(context), update.callback_query
    _, code, key = (query.data or "fb::").split(":", 2)
    answer = svc.answers.get(key)
    if answer is None:
        await query.answer(GONE, show_alert=True)
        return
    chat_id, user_id = update.effective_chat.id, update.effective_user.id
    verdict = UP if code == "u" else DOWN
    if not await asyncio.to_thread(_record, svc, chat_id, user_id, key, verdict, answer):
        await query.answer(ALREADY)
        return
    if verdict == UP:
        await query.answer(THANKS_UP)
        return
    await query.answer()
    prompt = await context.bot.send_message(
        chat_id, ASK_WHAT_WRONG, reply_markup=ForceReply(selective=True, input_field_placeholder=PLACEHOLDER),
        reply_to_message_id=_message_id(query.message))
    await asyncio.to_thread(_await, svc, chat_id, user_id, key, prompt.message_id)


def _message_id(message: object) -> int | None:
    return message.message_id if isinstance(message, Message) else None


def _take(svc: Services, chat_id: int, user_id: int, reply_to: int | None, private: bool, text: str) -> bool:
    with svc.db() as (store, _):
        feedback = Feedback(store.db)
        row_id = feedback.pending(chat_id, user_id, reply_to, private)
        if row_id is None:
            return False
        feedback.comment(row_id, text)
    return True


async def take_comment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """If this message answers "Sai ở đâu?", store it and thank the official; True when it did."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not message.text:
        return False
    reply = message.reply_to_message
    # In a private chat the next message is the reply too, unless it is a new question.
    private = message.chat.type == ChatType.PRIVATE and not message.text.rstrip().endswith("?")
    taken = await asyncio.to_thread(_take, services(context), message.chat_id, user.id,
                                    reply.message_id if reply else None, private, message.text.strip())
    if taken:
        await message.reply_text(THANKS_COMMENT)
    return taken


BUTTONS: Buttons = ((on_feedback, r"^fb:[ud]:\w+$"),)
