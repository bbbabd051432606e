"""How an answer is worded: the lead line by intent, the citation line, the quoted clause.

The reply stays plain text (`cchc ask` prints it, the scorer reads `Answer.answer`, which is never
reworded here); `parse_reply` reads it back into its parts so the Telegram view can lay it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.extract_answer import Extraction, trim
from index.store.models import Clause, DateMention, Document
from index.text.normalize import vn_date

_LEADS = {"who": "Đơn vị thực hiện", "when": "Thời hạn", "number": "Số liệu", "ref": "Văn bản",
          "signer": "Người ký"}
_MISSING = {"who": "đơn vị được giao", "when": "thời hạn", "number": "số liệu", "ref": "văn bản được dẫn",
            "signer": "người ký"}
# What a date is, as the lead names it: an official must not read a start date as a deadline.
DEADLINE_LEAD = "Thời hạn"
DATE_LEADS = {"deadline": DEADLINE_LEAD, "period": DEADLINE_LEAD, "effective": "Bắt đầu từ",
              "recurring": "Định kỳ", "reference": "Ngày"}
TASKS_LEAD = "Nhiệm vụ"
CITATION_MARK = "📄 "
OTHER_MARK = "Văn bản khác: "
_FULL_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def short_label(doc: Document) -> str:
    """"Công văn 1593/UBND-NC1": the type and number, never the whole subject (that is behind
    "Xem nguồn"); a document without a number is named by its clipped subject."""
    kind = doc.doc_type.capitalize() if doc.doc_type else "Văn bản"
    if doc.number:
        return f"{kind} {doc.number}"
    return trim(doc.subject or doc.title or doc.source, 60)


def citation_line(doc: Document, path: str) -> str:
    """"📄 Kế hoạch /SCT-VP2, Sở Công Thương, 02/2021 — mục 1 › ý 3": one short line."""
    parts = [short_label(doc), doc.issuer, vn_date(doc.date) if doc.date else ""]
    head = ", ".join(p for p in parts if p)
    return f"{CITATION_MARK}{head} — mục {path}" if path else f"{CITATION_MARK}{head}"


def same_date(wording: str, iso: str) -> bool:
    """Whether the source wording says nothing but the date ("trước ngày 30/8/2024" for 30/08/2024):
    an hour, a quarter or a second date would add information."""
    found = _FULL_DATE.findall(wording)
    if len(found) != 1 or not iso:
        return False
    day, month, year = (int(p) for p in found[0])
    rest = _FULL_DATE.sub("", wording)
    return f"{year:04d}-{month:02d}-{day:02d}" == iso and not re.search(r"\d", rest)


def date_text(mention: DateMention) -> str:
    """A date as shown everywhere: dd/mm/yyyy, with the source wording only when it adds to it
    ("31/03/2027 (Quý I/2027)"); a recurring rule is its wording."""
    date, wording = vn_date(mention.date) if mention.date else "", mention.text.strip()
    if not date:
        return wording
    if not wording or wording == date or same_date(wording, mention.date):
        return date
    return f"{date} ({wording})"


def _mention_of(extraction: Extraction, clause: Clause) -> DateMention | None:
    """The clause's date the "when" answer was read from."""
    for mention in clause.dates:
        shown = vn_date(mention.date) if mention.date else mention.text.strip()
        if shown and extraction.answer.startswith(shown) or mention.text.strip() == extraction.answer:
            return mention
    return None


def _lead(intent: str, extraction: Extraction, clause: Clause) -> str:
    if extraction.fallback:
        return f"Không thấy {_MISSING[intent]} cụ thể; nội dung liên quan: {extraction.answer}"
    mention = _mention_of(extraction, clause) if intent == "when" else None
    if mention is not None:
        return f"{DATE_LEADS.get(mention.kind, DEADLINE_LEAD)}: {date_text(mention)}"
    if intent == "when":   # no date of the clause: a document's own (or a cited one's) date
        return f"{DATE_LEADS['reference']}: {extraction.answer}"
    if extraction.listed and " | " in extraction.answer:
        # A unit's task list: one numbered line each, readable on a phone.
        items = extraction.answer.split(" | ")
        return f"{TASKS_LEAD} ({len(items)}):\n" + "\n".join(f"{i}. {t}" for i, t in enumerate(items, 1))
    return f"{_LEADS[intent]}: {extraction.answer}" if intent in _LEADS else extraction.answer


def reply_text(intent: str, extraction: Extraction, doc: Document, clause: Clause) -> str:
    """The short answer's lead, the citation and the quoted clause."""
    quote = trim(clause.text, 600)
    return f"{_lead(intent, extraction, clause)}\n\n{citation_line(doc, clause.path)}\n« {quote} »"


@dataclass(frozen=True)
class ReplyParts:
    """A worded reply read back: the lead (may span lines), the citation line, the quote, and the
    other document's answer; citation is "" for replies that cite no clause (lists, abstentions)."""

    lead: str
    citation: str = ""
    quote: str = ""
    other: str = ""


def parse_reply(reply: str) -> ReplyParts:
    """The parts of a reply worded by `reply_text` (or the byline), with the "Văn bản khác" line."""
    at = reply.find("\n\n" + CITATION_MARK)
    if at < 0:
        return ReplyParts(reply)
    rest, _, other = reply[at + 2 + len(CITATION_MARK):].partition("\n\n" + OTHER_MARK)
    citation, _, quote = rest.partition("\n")
    quote = quote.strip().removeprefix("«").removesuffix("»").strip()
    return ReplyParts(reply[:at], citation, quote, other.strip())
