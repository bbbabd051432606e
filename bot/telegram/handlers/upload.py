"""Admins add dispatches by sending them: a file (.txt, .md, .docx, .pdf, .doc, .odt, .rtf, images)
or a photo. Each upload is checked, downloaded to disk, read (scans and photos by OCR, with page
progress), published, and acknowledged with what was understood; a restart finishes or undoes an
upload it interrupted."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import telegram
from telegram import Message, PhotoSize, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.reminders.delivery import send_safely
from bot.telegram import render
from bot.telegram.handlers.admin import PROGRESS_EVERY_S, notify_subscribers
from bot.telegram.services import Services, reply_html, services
from index import pipeline
from index.errors import (
    CchcError,
    ConverterUnavailable,
    DuplicateDocument,
    IngestError,
    NoTextFound,
    OcrUnavailable,
    ParseError,
    ScannedPdf,
    UnsupportedFormat,
)
from index.formats.ocr import OcrResult, Progress
from index.ingest import read_document
from index.store.database import Store
from index.store.models import Document

log = logging.getLogger(__name__)


class UploadRejected(Exception):
    """The uploaded file could not be added; the message is Vietnamese and shown to the admin."""


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
    if isinstance(exc, OcrUnavailable):
        head = "Tệp là bản quét hoặc ảnh, nhưng máy chủ chưa cài OCR (tesseract-ocr, tesseract-ocr-vie)."
    elif isinstance(exc, NoTextFound | ScannedPdf):
        head = "Không nhận ra chữ trong tệp: ảnh hoặc bản quét không có chữ đọc được."
    elif isinstance(exc, ConverterUnavailable):
        head = "Máy chủ chưa cài LibreOffice để đọc tệp .doc/.odt/.rtf."
    elif isinstance(exc, UnsupportedFormat):
        head = "Định dạng tệp không được hỗ trợ."
    elif isinstance(exc, ParseError):
        head = "Nội dung tệp không giống một văn bản chỉ đạo."
    else:
        head = "Không đọc được tệp (tệp hỏng hoặc sai định dạng)."
    return f"❌ {head}\nLý do: {reason}\nChỉ mục không thay đổi."


def _ingest(svc: Services, download: Path, name: str, chat_id: int,
            progress: Progress | None = None) -> tuple[Document, OcrResult | None]:
    """Move a downloaded file into the corpus and publish it. The upload is journalled first, so a
    restart finishes or undoes it (recover_uploads); on failure the file leaves the corpus. A scan
    or photo is read by OCR here, reporting pages as it goes; publishing then reuses the reading."""
    with svc.db() as (store, _):
        same = store.document_by_id(pipeline.file_hash(download))
        if same is not None:
            raise UploadRejected(render.duplicate_text(same))
        path = claim_name(svc.config.corpus_dir, name)
        store.begin_upload(path.name, chat_id)
        try:
            os.replace(download, path)
            ocr = _read(path, progress)
            doc = _publish(svc, store, path)
        finally:
            store.end_upload(path.name)
    return doc, ocr


def _read(path: Path, progress: Progress | None) -> OcrResult | None:
    try:
        return read_document(path, progress=progress).ocr
    except (IngestError, ParseError) as exc:
        path.unlink(missing_ok=True)
        raise UploadRejected(reason_text(exc)) from exc


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


async def _download(get_file: Callable[[], Awaitable[Any]], corpus_dir: Path) -> Path:
    """Stream the attached file to a hidden temporary file in the corpus folder (which indexing
    skips): the move into place is then a rename on the same file system."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=corpus_dir, prefix=".upload-", suffix=".part")
    os.close(handle)
    path = Path(name)
    try:
        await (await get_file()).download_to_drive(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


async def on_upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file or a photo sent to the bot: an admin's is added to the corpus (a photo of a dispatch is
    read by OCR); anyone else is refused in a private chat (for a photo, told what the bot reads) and
    nothing changes."""
    svc, message = services(context), update.effective_message
    if not svc.is_admin(update.effective_user):
        if message.chat.type == ChatType.PRIVATE:
            await message.reply_text(render.NOT_TEXT if message.photo else render.ADMIN_ONLY)
        return
    attached: telegram.Document | PhotoSize
    if message.document:
        attached, name = message.document, safe_name(message.document.file_name or "van_ban")
    else:
        attached = message.photo[-1]     # the largest size
        name = f"anh_{message.date:%Y%m%d}_{attached.file_unique_id}.jpg"
    await _upload(update, context, name, attached.file_size, attached.get_file)


async def _upload(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str, size: int | None,
                  get_file: Callable[[], Awaitable[Any]]) -> None:
    """Check, download, read (OCR with progress) and publish one upload, then send the receipt."""
    svc, message = services(context), update.effective_message
    problem = upload_problem(svc, name, size)
    if problem:
        await message.reply_text(problem)
        return
    download = await _download(get_file, svc.config.corpus_dir)
    try:
        problem = upload_problem(svc, name, download.stat().st_size)   # Telegram's size may be absent
        if problem:
            await message.reply_text(problem)
            return
        status = await message.reply_text(f"Đang nạp «{name}»…")
        async with svc.index_lock:
            doc, ocr = await _in_thread_with_progress(status, svc, download, name, message.chat_id)
    except UploadRejected as exc:
        await message.reply_text(str(exc))
        return
    finally:
        download.unlink(missing_ok=True)
    await reply_html(message, render.document_messages(doc, ocr))
    await notify_subscribers(context, doc)


async def _in_thread_with_progress(status: Message, svc: Services, download: Path, name: str,
                                   chat_id: int) -> tuple[Document, OcrResult | None]:
    """Run the ingestion in a worker thread; OCR pages read are shown by editing `status`."""
    loop, last = asyncio.get_running_loop(), [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if total > 1 and now - last[0] >= PROGRESS_EVERY_S:
            last[0] = now
            text = f"⏳ Đang nhận dạng chữ (OCR): trang {done}/{total}…"
            asyncio.run_coroutine_threadsafe(_edit_quietly(status, text), loop)

    return await asyncio.to_thread(_ingest, svc, download, name, chat_id, progress)


async def _edit_quietly(status: Message, text: str) -> None:
    try:
        await status.edit_text(text)
    except TelegramError as exc:   # progress is cosmetic
        log.debug("progress edit failed: %s", exc)


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
            texts += render.document_messages(doc, None)
        await send_safely(app.bot, svc.config, chat_id, texts)
