"""Questions for the tasks falling due in a period, answered from the extracted deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.answering.due_list import due_reply, due_rows, due_window
from index.store.database import Store
from index.store.models import Clause, DateMention, Document

TODAY = dt.date(2024, 11, 22)


@pytest.mark.parametrize(("question", "window"), [
    ("Nhiệm vụ nào hết hạn trong tháng 12 năm 2025?", ("2025-12-01", "2025-12-31")),
    ("nhiem vu nao het han trong thang 12/2025", ("2025-12-01", "2025-12-31")),
    ("Những việc gì phải hoàn thành trong quý I/2025?", ("2025-01-01", "2025-03-31")),
    ("Những nhiệm vụ nào đến hạn trong tháng này?", ("2024-11-01", "2024-11-30")),
    ("Nhiệm vụ nào phải hoàn thành trước ngày 31/12/2024?", ("2024-11-22", "2024-12-31")),
    ("which tasks are due in December 2024?", ("2024-12-01", "2024-12-31")),
    ("what deadlines are there next month?", ("2024-12-01", "2024-12-31")),
])
def test_window_of_a_due_list_question(question: str, window: tuple[str, str]) -> None:
    start, end = due_window(question, TODAY)  # type: ignore[misc]
    assert (start.isoformat(), end.isoformat()) == window


@pytest.mark.parametrize("question", [
    "Hạn nộp báo cáo kết quả khắc phục là ngày nào?", "Kế hoạch CCHC năm 2025 do ai ban hành?",
    "Ai phụ trách tuyên truyền cải cách hành chính?", "Tỷ lệ hồ sơ trực tuyến năm 2024 là bao nhiêu?",
])
def test_other_questions_are_not_due_lists(question: str) -> None:
    assert due_window(question, TODAY) is None


def _store(doc: Document) -> tuple[Store, dict[int, Clause]]:
    store = Store(":memory:")
    store.save_document(doc)
    return store, {c.id: c for c in store.clauses() if c.id is not None}


def test_items_in_the_window_earliest_first_with_unit_task_and_document() -> None:
    late = Clause(ordinal=0, path="1", headings=[], text="Phòng Nội vụ trình kế hoạch trước ngày 25/12/2024.",
                  lead_units=["Phòng Nội vụ"], dates=[DateMention("deadline", "2024-12-25", "trước ngày 25/12/2024")])
    early = Clause(ordinal=1, path="2", headings=[], text="UBND các xã báo cáo trước ngày 10/12/2024.",
                   lead_units=["UBND các xã"], dates=[DateMention("deadline", "2024-12-10", "trước ngày 10/12/2024"),
                                                     DateMention("reference", "2024-12-05", "ngày 05/12/2024")])
    outside = Clause(ordinal=2, path="3", headings=[], text="Hoàn thành trước ngày 15/01/2025.",
                     dates=[DateMention("deadline", "2025-01-15", "trước ngày 15/01/2025")])
    doc = Document(id="d", source="d.txt", doc_type="công văn", number="215/UBND-NV", clauses=[late, early, outside])
    store, clauses = _store(doc)
    rows = due_rows(store, dt.date(2024, 12, 1), dt.date(2024, 12, 31), [])
    assert [r.date for r in rows] == ["2024-12-10", "2024-12-25"]
    short, reply = due_reply(rows, clauses, {"d": doc}, dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    assert short == "10/12/2024 — UBND các xã; 25/12/2024 — Phòng Nội vụ"
    assert reply.startswith("Có 2 nhiệm vụ đến hạn từ 01/12/2024 đến 31/12/2024:")
    assert "Công văn số 215/UBND-NV — mục 2" in reply.splitlines()[1]


def test_a_question_about_one_task_is_no_due_list() -> None:
    assert due_window("Nhiệm vụ rà soát TTHC phải hoàn thành khi nào trong năm 2025?", TODAY) is None


def test_a_named_unit_keeps_only_its_own_tasks() -> None:
    ours = Clause(ordinal=0, path="1", headings=[], text="Phòng Nội vụ trình kế hoạch trước ngày 25/12/2024.",
                  lead_units=["Phòng Nội vụ"], dates=[DateMention("deadline", "2024-12-25", "trước ngày 25/12/2024")])
    theirs = Clause(ordinal=1, path="2", headings=[], text="Phòng Tư pháp báo cáo trước ngày 10/12/2024.",
                    lead_units=["Phòng Tư pháp"],
                    dates=[DateMention("deadline", "2024-12-10", "trước ngày 10/12/2024")])
    store, _ = _store(Document(id="d", source="d.txt", doc_type="công văn", number="1/UBND", clauses=[ours, theirs]))
    rows = due_rows(store, dt.date(2024, 12, 1), dt.date(2024, 12, 31), ["Phòng Nội vụ huyện"])
    assert [r.clause for r in rows] == ["1"]
