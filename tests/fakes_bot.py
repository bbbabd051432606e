"""Small stand-ins for the bot tests: an answerer with canned answers and a hand-built dispatch.

They stand in for bot.answering.answerer.Answerer (real one: see test_telegram's real-corpus test) and let
the reminder tests run on a real Store without the parser.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from index.extract.entities import assign_units
from index.store.models import Clause, DateMention, Document


@dataclass
class FakeSource:
    doc: str
    number: str
    title: str
    clause: str
    text: str
    score: float = 1.0


@dataclass
class FakeAnswer:
    question: str
    intent: str
    answer: str | None
    reply: str
    sources: list[FakeSource] = field(default_factory=list)


ABSTAIN = "Không tìm thấy thông tin này trong các văn bản đã nạp."
PROPAGANDA = FakeSource(
    doc="000_4b8db33023f7f3aa.txt", number="/SCT-VP2", title="Kế hoạch tuyên truyền CCHC",
    clause="1. Văn phòng Sở",
    text="Văn phòng Sở chủ trì, phối hợp với các phòng chuyên môn tuyên truyền cải cách hành chính <b>.",
)
OTHER = FakeSource(doc="001.txt", number="118/QĐ-UBND", title="Kế hoạch CCHC năm 2024", clause="2 > a",
                   text="Các phòng chuyên môn phối hợp thực hiện.", score=0.5)


class FakeAnswerer:
    """Answers the propaganda question, abstains otherwise, and can be told to fail or be slow."""

    def __init__(self, delay: threading.Event | None = None) -> None:
        self.questions: list[str] = []
        self.reloads = 0
        self.fail = False
        self.gate = delay

    def ask(self, question: str) -> FakeAnswer:
        self.questions.append(question)
        if self.gate is not None and "chậm" in question:
            self.gate.wait(10)
        if self.fail:
            raise RuntimeError("answerer exploded")
        if "tuyên truyền" in question:
            reply = ("Văn phòng Sở chủ trì tuyên truyền cải cách hành chính "
                     "(Kế hoạch /SCT-VP2, mục 1. Văn phòng Sở).")
            return FakeAnswer(question, "who", "Văn phòng Sở", reply, [PROPAGANDA, OTHER])
        return FakeAnswer(question, "other", None, ABSTAIN, [])

    def reload(self) -> None:
        self.reloads += 1


UNIT_XA = "Ủy ban nhân dân các xã, thị trấn"
UNIT_NOI_VU = "Phòng Nội vụ"


def dispatch_004() -> Document:
    """The seed dispatch 004's deadline clause: communes report by 30/8/2024."""
    text = ("Ủy ban nhân dân các xã, thị trấn tập trung khắc phục triệt để các tồn tại, hạn chế trong "
            "thực hiện CCHC; báo cáo kết quả khắc phục về Ủy ban nhân dân huyện (qua Phòng Nội vụ) "
            "trước ngày 30/8/2024.")
    clause = Clause(ordinal=0, path="1", headings=[], text=text, kind="item", lead_units=[UNIT_XA],
                    support_units=[UNIT_NOI_VU],
                    dates=[DateMention("deadline", "2024-08-30", "trước ngày 30/8/2024")])
    other = Clause(ordinal=1, path="2", headings=[], text="Phòng Nội vụ tổng hợp báo cáo UBND huyện.",
                   kind="item", lead_units=[UNIT_NOI_VU],
                   dates=[DateMention("deadline", "2024-09-10", "trước ngày 10/9/2024")])
    doc = Document(id="c66a1e2327b84e98", source="004_c66a1e2327b84e98.txt", doc_type="công văn",
                   number="/UBND-NV", issuer="Ủy ban nhân dân huyện Hương Sơn", date="2024",
                   subject="tập trung khắc phục tồn tại, hạn chế trong thực hiện CCHC",
                   clauses=[clause, other], text=text)
    assign_units(doc)   # as the parser does: the registry knows the dispatch's units
    return doc
