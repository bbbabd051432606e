"""Admin handlers: upload a dispatch, /reindex, /docs, /remove. Non-admins get a polite refusal."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import Application, ContextTypes

from bot.reminders.delivery import send_safely
from bot.reminders.schedule import REMINDER_KINDS
from bot.telegram import handlers_confirm, render
from bot.telegram.services import Services, reply_html, services
from index import pipeline
from index.errors import (
    CchcError,
    DuplicateDocument,
    IngestError,
    ParseError,
    ScannedPdf,
    UnsupportedFormat,
)
from index.store.database import DeadlineRow, Store
from index.store.deadlines import upcoming
from index.store.models import Document
from index.store.registry import Registry

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
NAME_BYTES = 200          # file systems allow 255 bytes; room is left for "_2" and temp prefixes
UNIQUE_TAIL_BYTES = 8


def safe_name(name: str) -> str:
    """A file name safe to create in the corpus folder: Vietnamese letters kept, at most
    NAME_BYTES bytes of UTF-8 with its extension (a Vietnamese letter takes up to 3 bytes)."""
    name = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name).strip()
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    if len(suffix.encode()) > 16 or not re.fullmatch(r"\.\w+", suffix or "."):
        stem, suffix = name, ""
    stem = re.sub(r"[^\w.\- ]+", "_", stem).strip(" ._")
    room = NAME_BYTES - UNIQUE_TAIL_BYTES - len(suffix.encode())
    while len(stem.encode()) > room:
        stem = stem[:-1]
    return (stem.rstrip(" ._") or "van_ban") + suffix


def claim_name(corpus_dir: Path, name: str) -> Path:
    """A path in the corpus folder under `name` or `name_2`, `name_3`…, none in use."""
    stem, suffix = Path(name).stem, Path(name).suffix
    for n in range(1, 1000):
        path = corpus_dir / (name if n == 1 else f"{stem}_{n}{suffix}")
        if not path.exists():
            return path
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


def _ingest(svc: Services, download: Path, name: str, chat_id: int) -> Document:
    """Move a downloaded file into the corpus and publish it. The upload is journalled first, so a
    restart finishes or undoes it (recover_uploads); on failure the file leaves the corpus."""
    with svc.db() as (store, _):
        same = store.document_by_id(pipeline.file_hash(download))
        if same is not None:
            raise UploadRejected(render.duplicate_text(same))
        path = claim_name(svc.config.corpus_dir, name)
        store.begin_upload(path.name, chat_id)
        try:
            os.replace(download, path)
            doc = _publish(svc, store, path)
        finally:
            store.end_upload(path.name)
    return doc


def _publish(svc: Services, store: Store, path: Path) -> Document:
    try:
        doc = pipeline.add_file(svc.config, path, embedder=svc.embedder, store=store)
    except BaseException as exc:
        path.unlink(missing_ok=True)
        if isinstance(exc, DuplicateDocument):
            raise UploadRejected(render.duplicate_text(exc.existing)) from exc
        if isinstance(exc, IngestError | ParseError):
            raise UploadRejected(reason_text(exc)) from exc
        raise
    svc.answerer.reload()
    return doc


def upload_problem(svc: Services, file_name: str, file_size: int | None) -> str | None:
    """Why an upload is refused before (or right after) downloading it, or None."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in render.SUPPORTED_UPLOADS:
        return (f"Không nhận tệp «{file_name}»: chỉ hỗ trợ "
                f"{', '.join(render.SUPPORTED_UPLOADS)}.")
    limit = svc.config.bot.max_upload_mb
    if file_size is not None and file_size > limit * 1024 * 1024:
        return f"Tệp quá lớn ({file_size / 1024 / 1024:.1f} MB). Giới hạn là {limit} MB."
    return None


async def _download(message: Message, corpus_dir: Path) -> Path:
    """Stream the attached file to a hidden temporary file in the corpus folder (which indexing
    skips): the move into place is then a rename on the same file system."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=corpus_dir, prefix=".upload-", suffix=".part")
    os.close(handle)
    path = Path(name)
    try:
        await (await message.document.get_file()).download_to_drive(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file sent to the bot: admins add it to the corpus; others are refused, nothing changes."""
    svc, message = services(context), update.effective_message
    if not svc.is_admin(update.effective_user):
        if message.chat.type == ChatType.PRIVATE:
            await message.reply_text(render.ADMIN_ONLY)
        return
    name = safe_name(message.document.file_name or "van_ban")
    problem = upload_problem(svc, name, message.document.file_size)
    if problem:
        await message.reply_text(problem)
        return
    download = await _download(message, svc.config.corpus_dir)
    try:
        problem = upload_problem(svc, name, download.stat().st_size)   # Telegram's size may be absent
        if problem:
            await message.reply_text(problem)
            return
        await message.reply_text(f"Đang nạp «{name}»…")
        async with svc.index_lock:
            doc = await asyncio.to_thread(_ingest, svc, download, name, message.chat_id)
    except UploadRejected as exc:
        await message.reply_text(str(exc))
        return
    finally:
        download.unlink(missing_ok=True)
    await reply_html(message, render.document_messages(doc))
    await notify_subscribers(context, doc)


# --- uploads a restart interrupted ----------------------------------------------------------------
def _finish_upload(svc: Services, source: str) -> tuple[Document | None, str]:
    """Finish one journalled upload: (the document if it now serves, why not otherwise)."""
    with svc.db() as (store, _):
        try:
            path = svc.config.corpus_dir / source
            if source in store.sources():
                return store.find_document(source), ""
            if not path.is_file():
                return None, "tệp chưa kịp lưu"
            return _publish(svc, store, path), ""
        except UploadRejected as exc:
            return None, str(exc)
        finally:
            store.end_upload(source)


async def recover_uploads(app: Application) -> None:
    """At start-up: complete (or undo) uploads a stopped bot left half done, and tell each admin."""
    svc: Services = app.bot_data["services"]
    with svc.db() as (store, _):
        pending = store.pending_uploads()
    for source, chat_id in pending:
        async with svc.index_lock:
            doc, reason = await asyncio.to_thread(_finish_upload, svc, source)
        texts = [render.upload_resumed_text(source, doc is not None, reason)]
        if doc is not None:
            texts += render.document_messages(doc)
        await send_safely(app.bot, svc.config, chat_id, texts)


# --- telling subscribers about a new dispatch ---------------------------------------------------
def _new_deadlines(svc: Services, doc: Document) -> dict[int, list[DeadlineRow]]:
    """chat id -> the new dispatch's deadlines it should hear about."""
    named = [u for c in doc.clauses for u in [*c.lead_units, *c.support_units]]
    unit_ids = [a.unit.id for c in doc.clauses for a in c.assignments]
    with svc.db() as (store, subs):
        rows = [r for r in upcoming(store, svc.today()) if r.doc_id == doc.id and r.kind in REMINDER_KINDS]
        active = subs.active()
        registry = Registry.load(store.db)
    per_chat: dict[int, list[DeadlineRow]] = {}
    for sub in active if rows else []:
        if not sub.concerned_by(unit_ids, named, registry):
            continue
        mine = [r for r in rows if sub.matches(r, registry)] or rows
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


async def remove(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/remove DOC: find the document (số ký hiệu, id or file name) and ask before removing it (admins only)."""
    if not await require_admin(update, context):
        return
    key = " ".join(context.args or [])
    if not key:
        await update.effective_message.reply_text("Cú pháp: /remove <số ký hiệu hoặc mã văn bản>. Xem danh sách: /docs")
        return
    await handlers_confirm.ask_remove(update.effective_message, context, key)
