"""A small fake Telegram Bot API server on 127.0.0.1 for end-to-end bot tests.

It serves queued updates through getUpdates (long polling), answers the methods the bot uses,
serves uploaded files under /file/bot<token>/<path>, and records every call. Chats listed in
`blocked` answer 403 "bot was blocked by the user"; chats in `missing` answer 400 "chat not found";
`flood(method, times=K, retry_after=N)` makes the next K calls of a method answer 429 "retry after N".
`text_update` builds an update without queuing it, for posting to a webhook.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote

TOKEN = "123456:TEST-token"
JSON_FIELDS = {"reply_markup", "commands", "allowed_updates", "entities", "reply_parameters",
               "link_preview_options", "scope"}
INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "user_id"}
SEND_METHODS = {"sendMessage", "sendChatAction", "sendDocument", "editMessageText", "editMessageReplyMarkup"}


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # socketserver's 5 resets connections when many users write at once

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (the bot stopping its long poll) is not an error here."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Call:
    """One Bot API request the bot made, and the HTTP status it got (0 while being answered)."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    status: int = 0


@dataclass
class Flood:
    """The next `times` calls of `method` (to `chat_id`, or any chat) answer 429."""

    method: str
    times: int
    retry_after: int
    chat_id: int | None = None


def _decode(name: str, value: str) -> Any:
    if name in JSON_FIELDS or value in ("true", "false"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    if name in INT_FIELDS and value.lstrip("-").isdigit():
        return int(value)
    return value


def _parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(body)
    if content_type.startswith("multipart/form-data"):
        raw = f"Content-Type: {content_type}\r\n\r\n".encode() + body
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
        params: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            params[name] = payload if part.get_filename() else _decode(name, payload.decode())
        return params
    return {k: _decode(k, v) for k, v in parse_qsl(body.decode(), keep_blank_values=True)}


class FakeBotApi:
    """The fake server. Use `with FakeBotApi() as api:`; point the bot at api.base_url."""

    def __init__(self, token: str = TOKEN, bot_id: int = 4242, username: str = "cchc_test_bot") -> None:
        self.token, self.bot_id, self.username = token, bot_id, username
        self.calls: list[Call] = []
        self.blocked: set[int] = set()
        self.missing: set[int] = set()
        self.files: dict[str, tuple[str, bytes]] = {}
        self.floods: list[Flood] = []
        self._flood_lock = threading.Lock()  # calls arrive on several server threads
        self._updates: list[dict] = []
        self._chats: dict[int, dict] = {}
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._cond = threading.Condition()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    # --- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> FakeBotApi:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # --- injecting updates -------------------------------------------------------------------
    def push(self, update: dict) -> int:
        """Queue an update (its update_id is assigned here) for the next getUpdates."""
        with self._cond:
            update["update_id"] = next(self._ids)
            self._updates.append(update)
            self._cond.notify_all()
        return update["update_id"]

    def chat(self, chat_id: int, chat_type: str = "private") -> dict:
        data = {"id": chat_id, "type": chat_type}
        data.update({"first_name": "Người dùng"} if chat_type == "private" else {"title": "Nhóm CCHC"})
        self._chats[chat_id] = data
        return data

    def _message(self, chat_id: int, user_id: int | None, chat_type: str, **extra: Any) -> dict:
        user = {"id": user_id or chat_id, "is_bot": False, "first_name": "Cán bộ", "language_code": "vi"}
        return {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": self.chat(chat_id, chat_type), "from": user, **extra}

    def send_text(self, chat_id: int, text: str, *, user_id: int | None = None, chat_type: str = "private",
                  reply_to_bot: bool = False) -> int:
        """A user writes `text`; commands and @mentions get their entities like Telegram's."""
        return self.push(self.text_update(chat_id, text, user_id=user_id, chat_type=chat_type,
                                          reply_to_bot=reply_to_bot))

    def text_update(self, chat_id: int, text: str, *, user_id: int | None = None, chat_type: str = "private",
                    reply_to_bot: bool = False) -> dict:
        """The update for a user writing `text`, not queued (post it to a webhook yourself)."""
        entities = []
        if text.startswith("/"):
            entities.append({"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
        mention = f"@{self.username}"
        if mention in text:
            offset = len(text[: text.index(mention)].encode("utf-16-le")) // 2
            entities.append({"type": "mention", "offset": offset, "length": len(mention)})
        extra: dict[str, Any] = {"text": text}
        if entities:
            extra["entities"] = entities
        if reply_to_bot:
            extra["reply_to_message"] = self._bot_message(chat_id, "…")
        return {"update_id": next(self._ids), "message": self._message(chat_id, user_id, chat_type, **extra)}

    def send_document(self, chat_id: int, file_name: str, data: bytes, *, user_id: int | None = None,
                      file_size: int | None = None, mime_type: str = "application/octet-stream") -> int:
        """A user sends a file; it is downloadable through getFile."""
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = (f"documents/{file_id}_{file_name}", data)
        document = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
                    "mime_type": mime_type, "file_size": len(data) if file_size is None else file_size}
        return self.push({"message": self._message(chat_id, user_id, "private", document=document)})

    def send_sticker(self, chat_id: int) -> int:
        sticker = {"file_id": "st", "file_unique_id": "st", "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "emoji": "👍"}
        return self.push({"message": self._message(chat_id, None, "private", sticker=sticker)})

    def send_photo(self, chat_id: int, data: bytes | None = None, *, user_id: int | None = None) -> int:
        """A user sends a photo; with data, its largest size is downloadable through getFile."""
        photo = [{"file_id": "ph", "file_unique_id": "ph", "width": 90, "height": 90}]
        if data is not None:
            file_id = f"photo-{len(self.files) + 1}"
            self.files[file_id] = (f"photos/{file_id}.jpg", data)
            photo.append({"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 1280, "height": 960,
                          "file_size": len(data)})
        return self.push({"message": self._message(chat_id, user_id, "private", photo=photo)})

    def press(self, chat_id: int, data: str, *, message_id: int = 1, user_id: int | None = None,
              chat_type: str = "private") -> int:
        """A user presses an inline button under the bot's message `message_id`."""
        message = self._bot_message(chat_id, "…", chat_type, message_id)
        user = {"id": user_id or chat_id, "is_bot": False, "first_name": "Cán bộ"}
        query = {"id": str(next(self._ids)), "from": user, "chat_instance": "ci", "data": data,
                 "message": message}
        return self.push({"callback_query": query})

    # --- faults ------------------------------------------------------------------------------------
    def flood(self, method: str, *, times: int = 1, retry_after: int = 1, chat_id: int | None = None) -> None:
        """The next `times` calls of `method` (optionally to one chat) answer 429 "retry after N"."""
        with self._flood_lock:
            self.floods.append(Flood(method, times, retry_after, chat_id))

    def _flooded(self, method: str, chat_id: Any) -> int | None:
        """retry_after for this call if a flood applies (and use one of its times up), else None."""
        with self._flood_lock:
            for flood in self.floods:
                if flood.times > 0 and flood.method == method and flood.chat_id in (None, chat_id):
                    flood.times -= 1
                    return flood.retry_after
        return None

    # --- inspecting calls ------------------------------------------------------------------------
    def calls_to(self, method: str, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Params of every call to `method` (optionally to one chat), oldest first."""
        return [c.params for c in list(self.calls)
                if c.method == method and (chat_id is None or c.params.get("chat_id") == chat_id)]

    def texts(self, chat_id: int | None = None) -> list[str]:
        """Texts of every sendMessage (optionally to one chat), refused ones included."""
        return [p["text"] for p in self.calls_to("sendMessage", chat_id)]

    def delivered(self, chat_id: int) -> list[str]:
        """Texts of the sendMessage calls to a chat that were answered 200."""
        return [c.params["text"] for c in list(self.calls)
                if c.method == "sendMessage" and c.params.get("chat_id") == chat_id and c.status == 200]

    async def wait_for(self, check: Callable[[], Any], timeout: float = 20.0) -> Any:
        """Poll until check() is truthy; return its value or fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = check()
            if value:
                return value
            await asyncio.sleep(0.02)
        raise AssertionError(f"timed out; calls were: {[(c.method, c.params) for c in self.calls]}")

    async def wait_texts(self, chat_id: int, count: int = 1, timeout: float = 20.0) -> list[str]:
        """Wait until `count` messages were sent to a chat; return them all."""
        return await self.wait_for(lambda: (t := self.texts(chat_id)) and len(t) >= count and t, timeout)

    # --- serving -------------------------------------------------------------------------------
    def _bot_message(self, chat_id: int, text: str, chat_type: str | None = None,
                     message_id: int | None = None) -> dict:
        chat = self._chats.get(chat_id) or self.chat(chat_id, chat_type or "private")
        return {"message_id": message_id or next(self._message_ids), "date": int(time.time()),
                "chat": chat, "text": text, "from": self.me()}

    def me(self) -> dict:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Trợ lý CCHC", "username": self.username,
                "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    def _get_updates(self, params: dict[str, Any]) -> list[dict]:
        offset, timeout = int(params.get("offset") or 0), float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                left = deadline - time.monotonic()
                if self._updates or left <= 0:
                    return self._updates[:limit]
                self._cond.wait(left)

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict]:
        """(HTTP status, Bot API response body) for one call."""
        chat_id = params.get("chat_id")
        retry_after = self._flooded(method, chat_id)
        if retry_after is not None:
            return 429, {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {retry_after}",
                         "parameters": {"retry_after": retry_after}}
        if method in SEND_METHODS and chat_id in self.blocked:
            return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
        if method in SEND_METHODS and chat_id in self.missing:
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
        result = self._result(method, params)
        if result is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        return 200, {"ok": True, "result": result}

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return self.me()
        if method == "getUpdates":
            return self._get_updates(params)
        if method in ("sendMessage", "editMessageText"):
            message = self._bot_message(params["chat_id"], params.get("text", ""), None,
                                        params.get("message_id"))
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            return message
        if method == "sendDocument":
            return self._bot_message(params["chat_id"], "")
        if method == "getFile":
            path, data = self.files[params["file_id"]]
            return {"file_id": params["file_id"], "file_unique_id": "u", "file_size": len(data), "file_path": path}
        if method in ("answerCallbackQuery", "setMyCommands", "deleteWebhook", "sendChatAction",
                      "editMessageReplyMarkup", "setWebhook", "close", "logOut", "deleteMyCommands"):
            return True
        return None

    def _file(self, path: str) -> bytes | None:
        return next((data for stored, data in self.files.values() if stored == path), None)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
                pass

            def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                prefix, path = f"/file/bot{api.token}/", unquote(self.path)
                data = api._file(path[len(prefix):]) if path.startswith(prefix) else None
                if data is None:
                    self._send(404, b"Not Found", "text/plain")
                else:
                    self._send(200, data, "application/octet-stream")

            def do_POST(self) -> None:  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                prefix = f"/bot{api.token}/"
                if not self.path.startswith(prefix):
                    self._send(401, json.dumps({"ok": False, "error_code": 401,
                                                "description": "Unauthorized"}).encode())
                    return
                method = self.path[len(prefix):]
                params = _parse_body(self.headers.get("Content-Type", ""), body)
                call = Call(method, params)
                api.calls.append(call)
                status, response = api.answer(method, params)
                call.status = status
                self._send(status, json.dumps(response, ensure_ascii=False).encode())

        return Handler
