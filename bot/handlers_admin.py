"""Admin handlers: upload a dispatch, /reindex, /docs, /remove. Non-admins get a polite refusal."""

from __future__ import annotations

import asyncio
import logging
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import render
from bot.handlers_user import Services, reply_html, send_safely, services
from bot.reminders import REMINDER_KINDS
from bot.subscriptions import unit_key
from index import pipeline
from index.deadlines import upcoming
from index.errors import CchcError, DocumentNotFound, IngestError, ParseError, ScannedPdf, UnsupportedFormat
from index.models import Document
from index.store import DeadlineRow

log = logging.getLogger(__name__)

PROGRESS_EVERY_S = 2.0


class UploadRejected(Exception):
    """The uploaded file could not be added; the message is Vietnamese and shown to the admin."""


async def require_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True for admins; everyone else gets a polite refusal."""
    if services(context).is_admin(update.effective_user):
        return True
    await update.effective_message.reply_text(render.ADMIN_ONLY)
    return False


# --- upload ------------------------------------------------------------------------------------
def safe_name(name: str) -> str:
    """A file name safe to create in the corpus folder (keeps Vietnamese letters)."""
    name = unicodedata.normalize("NFC", Path(name).name).strip()
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = re.sub(r"[^\w.\- ]+", "_", stem).strip(" ._")[:100] or "van_ban"
    return stem + suffix


def save_upload(corpus_dir: Path, name: str, data: bytes) -> tuple[Path, bool]:
    """Write the upload under a unique name; never overwrite a different file.

    Returns the path and whether it was created (False: an identical file was already there).
    """
    corpus_dir.mkdir(parents=True, exist_ok=True)
    stem, suffix = Path(name).stem, Path(name).suffix
    for n in range(1, 1000):
        path = corpus_dir / (name if n == 1 else f"{stem}_{n}{suffix}")
        try:
            with path.open("xb") as fh:
                fh.write(data)
            return path, True
        except FileExistsError:
            if path.read_bytes() == data:
                return path, False
    raise UploadRejected("Thư mục văn bản đã có quá nhiều tệp trùng tên.")


def reason_text(exc: CchcError) -> str:
    """A Vietnamese explanation of why a file could not be read, with the technical reason."""
    reason = exc.reason if isinstance(exc, IngestError) else str(exc)
    if isinstance(exc, ScannedPdf):
        head = "Tệp PDF là bản quét (không có lớp chữ), trợ lý không đọc được."
    elif isinstance(exc, UnsupportedFormat):
        head = "Định dạng tệp không được hỗ trợ."
    elif isinstance(exc, ParseError):
        head = "Nội dung tệp không giống một văn bản chỉ đạo."
    else:
        head = "Không đọc được tệp (tệp hỏng hoặc sai định dạng)."
    return f"❌ {head}\nLý do: {reason}\nChỉ mục không thay đổi."


def _ingest(svc: Services, name: str, data: bytes) -> Document:
    """Save the upload into the corpus and index it; on failure remove what was saved."""
    path, created = save_upload(svc.config.corpus_dir, name, data)
    try:
        doc = pipeline.add_file(svc.config, path, embedder=svc.embedder)
    except BaseException as exc:
        if created:
            path.unlink(missing_ok=True)
        if isinstance(exc, IngestError | ParseError):
            raise UploadRejected(reason_text(exc)) from exc
        raise
    svc.answerer.reload()
    return doc


def upload_problem(svc: Services, file_name: str, file_size: int | None) -> str | None:
    """Why an upload is refused before downloading it, or None."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in render.SUPPORTED_UPLOADS:
        return (f"Không nhận tệp «{file_name}»: chỉ hỗ trợ "
                f"{', '.join(render.SUPPORTED_UPLOADS)}.")
    limit = svc.config.bot.max_upload_mb
    if file_size is not None and file_size > limit * 1024 * 1024:
        return f"Tệp quá lớn ({file_size / 1024 / 1024:.1f} MB). Giới hạn là {limit} MB."
    return None


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file sent to the bot: admins add it to the corpus; others are refused, nothing changes."""
    svc, message = services(context), update.effective_message
    if not svc.is_admin(update.effective_user):
        if message.chat.type == ChatType.PRIVATE:
            await message.reply_text(render.ADMIN_ONLY)
        return
    document = message.document
    name = safe_name(document.file_name or "van_ban")
    problem = upload_problem(svc, name, document.file_size)
    if problem:
        await message.reply_text(problem)
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    problem = upload_problem(svc, name, len(data))
    if problem:
        await message.reply_text(problem)
        return
    await message.reply_text(f"Đang nạp «{name}»…")
    try:
        async with svc.index_lock:
            doc = await asyncio.to_thread(_ingest, svc, name, data)
    except UploadRejected as exc:
        await message.reply_text(str(exc))
        return
    await reply_html(message, render.document_messages(doc))
    await notify_subscribers(context, doc)


# --- telling subscribers about a new dispatch ---------------------------------------------------
def _new_deadlines(svc: Services, doc: Document) -> dict[int, list[DeadlineRow]]:
    """chat id -> the new dispatch's deadlines it should hear about."""
    named = {unit_key(u) for c in doc.clauses for u in [*c.lead_units, *c.support_units]}
    with svc.db() as (store, subs):
        rows = [r for r in upcoming(store, svc.today()) if r.doc_id == doc.id and r.kind in REMINDER_KINDS]
        active = subs.active()
    per_chat: dict[int, list[DeadlineRow]] = {}
    for sub in active if rows else []:
        if sub.unit and unit_key(sub.unit) not in named:
            continue
        mine = [r for r in rows if sub.matches(r.unit)] or rows
        seen = per_chat.setdefault(sub.chat_id, [])
        seen.extend(r for r in mine if r not in seen)
    return {chat: sorted(found, key=lambda r: (r.date, r.unit)) for chat, found in per_chat.items()}


async def notify_subscribers(context: ContextTypes.DEFAULT_TYPE, doc: Document) -> None:
    """Each subscribed chat that the dispatch concerns gets one message with its new deadlines."""
    svc = services(context)
    per_chat = await asyncio.to_thread(_new_deadlines, svc, doc)
    for chat_id, rows in per_chat.items():
        await send_safely(context.bot, svc.config, chat_id, render.new_deadlines_messages(doc, rows))


# --- /reindex, /docs, /remove --------------------------------------------------------------------
def progress_text(args: tuple[Any, ...]) -> str:
    """A progress message from whatever the pipeline reports: (done, total, name) or text."""
    numbers = [a for a in args if isinstance(a, int) and not isinstance(a, bool)]
    names = [str(a) for a in args if isinstance(a, str | Path)]
    if len(numbers) >= 2:
        tail = f": {names[0]}" if names else ""
        return f"⏳ Đang lập chỉ mục {numbers[0]}/{numbers[1]}{tail}"
    return f"⏳ Đang lập chỉ mục: {names[0]}" if names else "⏳ Đang lập chỉ mục…"


async def run_with_progress(status: Message, work: Callable[[Callable[..., None]], Any]) -> Any:
    """Run work(progress) in a thread, editing `status` with its latest progress every few seconds."""
    latest: list[str] = []

    def progress(*args: Any, **kwargs: Any) -> None:
        latest.append(progress_text(args + tuple(kwargs.values())))

    task = asyncio.ensure_future(asyncio.to_thread(work, progress))
    shown = status.text
    while not task.done():
        await asyncio.wait({task}, timeout=PROGRESS_EVERY_S)
        if latest and latest[-1] != shown and not task.done():
            shown = latest[-1]
            try:
                await status.edit_text(shown)
            except BadRequest as exc:  # e.g. "message is not modified"
                log.debug("progress edit failed: %s", exc.message)
    return task.result()


def _rebuild(svc: Services, progress: Callable[..., None]) -> tuple[int, int]:
    pipeline.index_corpus(svc.config, progress=progress, embedder=svc.embedder, rebuild=True)
    svc.answerer.reload()
    with svc.db() as (store, _):
        docs = store.documents()
        clauses = store.db["clauses"].count
    return len(docs), clauses


async def reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reindex: rebuild every index from the corpus folder (admins only)."""
    if not await require_admin(update, context):
        return
    svc = services(context)
    status = await update.effective_message.reply_text("⏳ Bắt đầu lập lại chỉ mục…")
    try:
        async with svc.index_lock:
            docs, clauses = await run_with_progress(status, lambda p: _rebuild(svc, p))
    except CchcError as exc:
        await status.edit_text(f"❌ Không lập lại được chỉ mục: {exc}\nChỉ mục cũ vẫn được giữ nguyên.")
        return
    await status.edit_text(f"✅ Đã lập lại chỉ mục: {docs} văn bản, {clauses} mục.")


def _documents(svc: Services) -> list[Document]:
    with svc.db() as (store, _):
        return store.documents()


async def docs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/docs: the indexed documents (admins only)."""
    if not await require_admin(update, context):
        return
    found = await asyncio.to_thread(_documents, services(context))
    await reply_html(update.effective_message, render.documents_messages(found))


def _remove(svc: Services, key: str) -> Document:
    doc = pipeline.remove_document(svc.config, key, embedder=svc.embedder)
    svc.answerer.reload()
    return doc


async def remove(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/remove DOC: drop a document (by file name, số ký hiệu or id) from the index (admins only)."""
    if not await require_admin(update, context):
        return
    svc, message = services(context), update.effective_message
    key = " ".join(context.args or [])
    if not key:
        await message.reply_text("Cú pháp: /remove <tên tệp hoặc số ký hiệu>. Xem danh sách: /docs")
        return
    try:
        async with svc.index_lock:
            doc = await asyncio.to_thread(_remove, svc, key)
    except DocumentNotFound:
        await message.reply_text(f"Không tìm thấy đúng một văn bản khớp với «{key}». Xem /docs.")
        return
    await message.reply_text(f"Đã gỡ văn bản: {doc.label()} ({doc.source}).", parse_mode=None)

