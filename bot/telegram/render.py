"""What the bot says: Vietnamese texts and escaped-HTML rendering, split below Telegram's 4096 chars."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from bot.answering.reply import date_text
from bot.reminders.schedule import REMINDER_KINDS
from index.store.database import DeadlineRow, task_summary
from index.store.models import DateMention, Document
from index.text.normalize import clip, vn_date

if TYPE_CHECKING:
    from index.formats.ocr import OcrResult

MESSAGE_LIMIT = 4000  # Telegram allows 4096; leave room for the tags we add
MAX_QUESTION_CHARS = 1000
SUPPORTED_UPLOADS = (".txt", ".md", ".docx", ".pdf", ".doc", ".odt", ".rtf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")

EXAMPLES = (
    "Ai phụ trách tuyên truyền cải cách hành chính?",
    "Hạn nộp báo cáo kết quả khắc phục là ngày nào?",
    "Bao nhiêu thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình?",
)

USER_COMMANDS: tuple[tuple[str, str], ...] = (
    ("viec", "Việc của tôi: hạn của các đơn vị tôi đăng ký"),
    ("deadlines", "Các hạn sắp tới (có thể nêu đơn vị)"),
    ("subscribe", "Đăng ký nhận nhắc hạn"),
    ("mysubs", "Xem các đăng ký nhắc hạn"),
    ("unsubscribe", "Hủy đăng ký nhắc hạn"),
    ("ask", "Đặt câu hỏi (dùng trong nhóm)"),
    ("help", "Hướng dẫn sử dụng"),
    ("start", "Giới thiệu trợ lý"),
)
ADMIN_COMMANDS: tuple[tuple[str, str], ...] = (
    ("tiendo", "Tiến độ: việc đã xong, còn hạn, quá hạn"),
    ("export", "Xuất danh sách hạn ra tệp Excel"),
    ("docs", "Danh sách văn bản đã nạp"),
    ("remove", "Gỡ một văn bản"),
    ("reindex", "Lập lại chỉ mục"),
)
GROUP_COMMANDS: tuple[tuple[str, str], ...] = (
    ("ask", "Đặt câu hỏi về văn bản CCHC"),
    ("viec", "Việc và hạn của các đơn vị nhóm đăng ký"),
    ("deadlines", "Các hạn sắp tới (có thể nêu đơn vị)"),
    ("subscribe", "Đăng ký nhắc hạn cho nhóm"),
    ("mysubs", "Xem các đăng ký nhắc hạn của nhóm"),
    ("unsubscribe", "Hủy đăng ký nhắc hạn của nhóm"),
    ("help", "Hướng dẫn sử dụng"),
)
COMMANDS = USER_COMMANDS + ADMIN_COMMANDS

SOURCE_BUTTON = "Xem nguồn"
ERROR = "Đã có lỗi xảy ra khi xử lý yêu cầu. Vui lòng thử lại sau."
EMPTY_QUESTION = "Vui lòng nhập câu hỏi, ví dụ: /ask Hạn nộp báo cáo kết quả khắc phục là ngày nào?"
NOT_TEXT = ("Trợ lý chỉ đọc được câu hỏi dạng văn bản. Vui lòng gõ câu hỏi; "
            "quản trị viên có thể gửi tệp văn bản (.txt, .docx, .pdf, .md).")
NOT_ALLOWED = "Xin lỗi, bạn chưa được cấp quyền sử dụng trợ lý này."
ADMIN_ONLY = "Xin lỗi, chỉ quản trị viên mới dùng được chức năng này."
SOURCES_GONE = "Không còn lưu nguồn của câu trả lời này. Vui lòng hỏi lại."
BUSY_INDEXING = "Đang cập nhật chỉ mục, vui lòng đợi trong giây lát…"


def too_long(length: int) -> str:
    """The refusal for an over-long question."""
    return (f"Câu hỏi quá dài ({length} ký tự). Vui lòng rút gọn dưới "
            f"{MAX_QUESTION_CHARS} ký tự và hỏi từng ý một.")


def start_text(bot_name: str) -> str:
    """/start: what the assistant does, with three example questions."""
    examples = "\n".join(f"• {escape(q)}" for q in EXAMPLES)
    return (
        f"Xin chào! Tôi là <b>{escape(bot_name)}</b>, trợ lý tra cứu các văn bản chỉ đạo về "
        "cải cách hành chính (CCHC).\n\n"
        "Tôi trả lời câu hỏi kèm trích dẫn văn bản, liệt kê các hạn sắp tới và gửi nhắc hạn "
        "hằng ngày cho đơn vị bạn đăng ký.\n\n"
        f"Thử hỏi:\n{examples}\n\nGõ /help để xem các lệnh."
    )


def help_text(admin: bool = False) -> str:
    """/help: what to type, the commands, and /viec and /deadlines explained."""
    lines = [f"/{name} — {escape(desc)}" for name, desc in USER_COMMANDS]
    admin_lines = [f"/{name} — {escape(desc)}" for name, desc in ADMIN_COMMANDS] if admin else []
    return "\n".join([
        "<b>Cách dùng</b>",
        "Trong trò chuyện riêng, chỉ cần gõ câu hỏi. Trong nhóm, dùng /ask &lt;câu hỏi&gt; "
        "hoặc nhắc đến tên trợ lý.\n",
        "<b>Việc và hạn</b>",
        "• /viec — việc của tôi: các hạn của những đơn vị bạn đã đăng ký, việc quá hạn lên đầu, "
        "mỗi việc ghi còn bao nhiêu ngày. Nút 7 ngày · 30 ngày · Quý này · Tất cả để chọn khoảng, ◀ ▶ để lật trang.",
        "• /deadlines [đơn vị] — các hạn của một đơn vị bất kỳ (hoặc mọi đơn vị), lật trang như trên. "
        "Ví dụ: /deadlines Phòng Nội vụ",
        "• Hỏi bằng lời cũng được: <i>Sắp tới có những hạn nào?</i>, "
        "<i>Phòng Nội vụ có hạn gì trong tháng 12?</i>\n",
        "<b>Các lệnh</b>", *lines, *(["\n<b>Quản trị</b>", *admin_lines] if admin_lines else []), "",
        "Đăng ký một đơn vị: /subscribe Phòng Nội vụ (hoặc /subscribe để chọn từ danh sách). "
        "Mỗi lời nhắc có nút ✅ Đã xong, ⏰ Nhắc lại sau và 📄 Xem nguồn; nút 📅 Thêm vào lịch gửi tệp lịch "
        "(.ics) để mở bằng lịch của điện thoại. Mỗi tuần trợ lý gửi một bản tin tóm tắt hạn trong tuần.",
        "Dưới mỗi câu trả lời có nút 👍 / 👎: nếu chưa đúng, hãy cho trợ lý biết sai ở đâu.",
        *(["Quản trị viên gửi tệp .txt, .docx, .pdf hoặc .md để nạp văn bản mới."] if admin else []),
    ])


def document_name(doc: Document) -> str:
    """A document for people, never its file name: type and number, subject, date."""
    kind = doc.doc_type.capitalize() if doc.doc_type else "Văn bản"
    head = f"{kind} {doc.number}".strip() if doc.number else kind
    subject = clip(doc.subject or doc.title, 160)
    date = f" ({vn_date(doc.date)})" if doc.date else ""
    return f"{head} — {subject}{date}" if subject else f"{head}{date}"


def doc_name(number: str, source: str) -> str:
    """How a deadline names its document: số ký hiệu when known, else the file name."""
    return f"văn bản {number}" if number else source


def chunk_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Escape plain text and cut it at line breaks (or hard) so each piece fits `limit`."""
    pieces: list[str] = []
    current = ""
    for line in _lines(text, limit):
        escaped = escape(line, quote=False)
        if current and len(current) + len(escaped) > limit:
            pieces.append(current)
            current = ""
        current += escaped
    pieces.append(current)
    return [p.strip() for p in pieces if p.strip()] or ["…"]


def _lines(text: str, limit: int) -> Iterable[str]:
    """Lines of text, over-long ones cut so each escaped line fits `limit`."""
    for line in text.splitlines(keepends=True):
        while len(escape(line, quote=False)) > limit:
            head, line = _cut(line, limit - 1)
            yield head + "\n"
        yield line


def _cut(line: str, limit: int) -> tuple[str, str]:
    """Split raw text so the head's escaped form fits `limit`, preferring a space."""
    size = end = 0
    while end < len(line) and size + len(escape(line[end], quote=False)) <= limit:
        size += len(escape(line[end], quote=False))
        end += 1
    space = line.rfind(" ", 0, end)
    end = space if space > end // 2 else end
    return line[:end], line[end:].lstrip(" ")


def pack(blocks: Iterable[str], sep: str = "\n\n", limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join HTML blocks with `sep` into as few messages as fit `limit`."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if len(block) > limit:  # only plain text blocks can be this long; they were chunked
            raise ValueError("block longer than a message; chunk it first")
        joined = f"{current}{sep}{block}" if current else block
        if len(joined) > limit:
            messages.append(current)
            joined = block
        current = joined
    if current:
        messages.append(current)
    return messages or ["…"]


def source_messages(sources: Sequence[Any]) -> list[str]:
    """The "Xem nguồn" view: the top source's full clause, then the other sources."""
    if not sources:
        return ["Câu trả lời này không có nguồn trích dẫn."]
    top, others = sources[0], sources[1:]
    blocks = [f"<b>Nguồn chính:</b> {escape(_source_label(top))}"]
    blocks += chunk_text(top.text)
    if others:
        lines = [f"{i}. {escape(_source_label(s))}\n<i>{escape(_snippet(s.text))}</i>"
                 for i, s in enumerate(others, 1)]
        blocks.append("<b>Nguồn khác:</b>")
        blocks += lines
    return pack(blocks)


def _source_label(source: Any) -> str:
    name = source.title or source.doc
    head = f"{source.number} — {name}" if source.number else name
    return f"{head}, mục {source.clause}" if source.clause else head


def _snippet(text: str, limit: int = 300) -> str:
    return clip(" ".join(text.split()), limit)


def without_unit(task: str, unit: str) -> str:
    """The task without a leading repetition of its unit's name."""
    if unit and task[: len(unit)].casefold() == unit.casefold() and len(task) > len(unit) + 1:
        rest = task[len(unit):].lstrip(" ,:")
        return rest[:1].upper() + rest[1:]
    return task


def deadline_line(row: DeadlineRow) -> str:
    """One deadline: date, unit, task, document (escaped HTML)."""
    unit = escape(row.unit) if row.unit else "<i>chưa rõ đơn vị</i>"
    text = f"• <b>{vn_date(row.date)}</b> — {unit}: {escape(without_unit(row.task, row.unit))}"
    return text + f" ({escape(doc_name(row.number, row.doc))}, mục {escape(row.clause)})"


def receipt_date(mention: DateMention) -> str:
    """A receipt's date: bold dd/mm/yyyy, the wording after it when it adds to it ("Quý I/2027")."""
    if mention.kind == "recurring" or not mention.date:
        return f"<b>Định kỳ</b>: {escape(mention.text)}"
    date = vn_date(mention.date)
    shown = date_text(mention)
    return f"<b>{escape(date)}</b>" + (escape(shown[len(date):]) if shown != date else "")


def document_messages(doc: Document, ocr: OcrResult | None = None) -> list[str]:
    """The admin's upload receipt: header fields, clause count, each deadline with its unit, by date
    (recurring ones last); for a scan or photo, that OCR read it and how sure it was."""
    fields = "\n".join([
        f"Số ký hiệu: {escape(doc.number or '(không có)')}",
        f"Trích yếu: {escape(doc.subject or doc.title or '(không có)')}",
        f"Cơ quan ban hành: {escape(doc.issuer or '(không rõ)')}",
        f"Ngày: {escape(vn_date(doc.date) if doc.date else '(không rõ)')}",
        f"Số mục: {len(doc.clauses)}",
    ])
    dated = sorted(((m, c) for c in doc.clauses for m in c.dates if m.kind in REMINDER_KINDS),
                   key=lambda mc: (mc[0].kind == "recurring" or not mc[0].date, mc[0].date, mc[1].ordinal))
    lines = [f"• {receipt_date(m)} — {escape(_unit_of(c))}: {escape(without_unit(task_summary(c.text), _unit_of(c)))}"
             for m, c in dated]
    tail = "<b>Các hạn:</b>" if lines else "Văn bản không nêu hạn nào."
    return pack([f"✅ <b>Đã nạp văn bản</b>\n\n{fields}{ocr_note(ocr)}\n\n{tail}", *lines], "\n")


def ocr_note(ocr: OcrResult | None) -> str:
    """The receipt's line about OCR: pages and mean confidence, and a warning when it is low."""
    if ocr is None:
        return ""
    note = f"\nVăn bản được đọc bằng OCR ({ocr.pages} trang), độ tin cậy trung bình {ocr.confidence:.0f}%."
    if ocr.low_confidence:
        note += "\n⚠️ Độ tin cậy thấp: hãy kiểm tra số, ngày và hạn với bản gốc."
    return note


def duplicate_text(existing: Document) -> str:
    """An upload whose content is already indexed: which document it is, and since when."""
    when = f", tải lên ngày {vn_date(existing.indexed_at[:10])}" if existing.indexed_at else ""
    return (f"ℹ️ Văn bản này đã có: {existing.label()}{when} (tệp «{existing.source}»). "
            "Không nạp lại, chỉ mục không thay đổi.")


def upload_resumed_text(source: str, finished: bool, reason: str = "") -> str:
    """To the admin whose upload a restart interrupted: finished now, or undone."""
    if finished:
        return f"🔄 Trợ lý vừa khởi động lại giữa lúc nạp «{source}»; văn bản đã được nạp xong."
    tail = f"\nLý do: {reason}" if reason else ""
    return (f"🔄 Trợ lý vừa khởi động lại giữa lúc nạp «{source}»; không nạp được nên đã hủy, "
            f"chỉ mục không thay đổi. Vui lòng gửi lại tệp.{tail}")


def _unit_of(clause: Any) -> str:
    return (clause.lead_units or clause.support_units or ["chưa rõ đơn vị"])[0]


def new_deadlines_messages(doc: Document, rows: Sequence[DeadlineRow]) -> list[str]:
    """Tells subscribers a new dispatch brings deadlines for them."""
    title = escape(doc.label())
    return pack([f"📄 <b>Văn bản mới:</b> {title}\n\n<b>Các hạn mới:</b>", *map(deadline_line, rows)], "\n")


def documents_messages(docs: Sequence[Document]) -> list[str]:
    """/docs: every indexed document, newest first, by number, subject and date (no file names)."""
    if not docs:
        return ["Chưa có văn bản nào được nạp."]
    ordered = sorted(docs, key=lambda d: (d.date or "", d.number), reverse=True)
    lines = [
        f"{i}. <b>{escape(document_name(d))}</b>\n   {escape(d.issuer or 'không rõ nơi ban hành')} · "
        f"gỡ: <code>/remove {escape(d.id[:8])}</code>"
        for i, d in enumerate(ordered, 1)
    ]
    return pack([f"<b>Văn bản đã nạp</b> ({len(docs)}):", *lines], "\n")


def subscriptions_text(units: Sequence[str], schedule: str = "") -> str:
    """/mysubs: a chat's subscriptions, and when the reminders (and the weekly digest) come."""
    if not units:
        return "Cuộc trò chuyện này chưa đăng ký nhắc hạn. Dùng /subscribe để đăng ký."
    names = [escape(u) if u else "<b>tất cả đơn vị</b>" for u in units]
    text = "Đang nhận nhắc hạn cho:\n" + "\n".join(f"• {n}" for n in names)
    return f"{text}\n\n{schedule}" if schedule else text


def schedule_text(time: str, offsets: Sequence[int], digest: str = "") -> str:
    """When reminders come: "⏰ Nhắc hạn lúc 07:30 mỗi ngày (giờ Việt Nam): trước hạn 7, 3, 1 ngày, …"."""
    before = ", ".join(str(o) for o in sorted(offsets, reverse=True) if o > 0)
    when = [f"trước hạn {before} ngày" if before else "", "đúng ngày hạn" if 0 in offsets else "", "khi quá hạn"]
    text = f"⏰ Nhắc hạn lúc <b>{escape(time)}</b> mỗi ngày (giờ Việt Nam): {', '.join(w for w in when if w)}."
    return text + (f"\n📰 Bản tin tuần: {escape(digest)}." if digest else "")


def unit_label(unit: str) -> str:
    """A unit as shown in buttons and confirmations."""
    return unit or "tất cả đơn vị"


ALL_UNITS_BUTTON = "Tất cả đơn vị"
BROWSE_BUTTON = "📋 Xem danh sách đơn vị"
NO_UNITS = ("Danh mục chưa có đơn vị nào (cần nạp văn bản hoặc lập lại chỉ mục bằng /reindex). "
            "Bạn vẫn có thể đăng ký nhận nhắc hạn cho tất cả đơn vị:")
HEADING_PRESSED = "Đây là tên cơ quan. Vui lòng chọn một đơn vị bên dưới."
UNIT_GONE = "Đơn vị này không còn trong danh sách. Gõ /subscribe để chọn lại."


def subscribe_menu_text(page: int, pages: int) -> str:
    """/subscribe without a name: above one page of units."""
    where = f" (trang {page + 1}/{pages})" if pages > 1 else ""
    return (f"Chọn đơn vị muốn nhận nhắc hạn{where}. Các đơn vị được xếp theo cơ quan 🏛.\n"
            "Cũng có thể gõ tên đơn vị, ví dụ: /subscribe Phòng Nội vụ")


def subscribe_choices_text(query: str, count: int, shown: int) -> str:
    """A typed name that several units match: nothing subscribed yet."""
    more = f" Dưới đây là {shown} đơn vị đầu tiên; gõ tên đầy đủ hơn để thu hẹp." if count > shown else ""
    return f"Có {count} đơn vị khớp với «{escape(query)}».{more} Vui lòng chọn đơn vị muốn nhận nhắc hạn:"


def subscribe_unknown_text(query: str, suggested: bool) -> str:
    """A typed name no unit matches: nothing was subscribed."""
    head = f"Không tìm thấy đơn vị «{escape(query)}» trong danh mục nên chưa đăng ký."
    tail = (" Có phải bạn muốn chọn một trong các đơn vị gần giống dưới đây?" if suggested
            else " Vui lòng kiểm tra lại tên hoặc chọn trong danh sách đơn vị.")
    return head + tail
