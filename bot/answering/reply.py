"""How an answer is worded: the lead line by intent, the citation line, the quoted clause."""

from __future__ import annotations

from bot.answering.extract_answer import Extraction, trim
from index.store.models import Clause, Document
from index.text.normalize import vn_date

_LEADS = {"who": "Đơn vị thực hiện", "when": "Thời hạn", "number": "Số liệu", "ref": "Văn bản",
          "signer": "Người ký"}
_MISSING = {"who": "đơn vị được giao", "when": "thời hạn", "number": "số liệu", "ref": "văn bản được dẫn",
            "signer": "người ký"}


def citation_line(doc: Document, path: str) -> str:
    """"📄 Công văn số ..., Sở Công Thương, 02/2021 — mục 1 › ý 3"."""
    parts = [doc.label(), doc.issuer, vn_date(doc.date) if doc.date else ""]
    head = ", ".join(p for p in parts if p)
    return f"📄 {head} — mục {path}" if path else f"📄 {head}"


def reply_text(intent: str, extraction: Extraction, doc: Document, clause: Clause) -> str:
    """The short answer's lead line, the citation and the quoted clause."""
    if extraction.fallback:
        lead = f"Không thấy {_MISSING[intent]} cụ thể; nội dung liên quan: {extraction.answer}"
    else:
        lead = f"{_LEADS[intent]}: {extraction.answer}" if intent in _LEADS else extraction.answer
    quote = trim(clause.text, 600)
    return f"{lead}\n\n{citation_line(doc, clause.path)}\n« {quote} »"
