"""A decision announcing administrative procedures: each procedure's description lists its fields
(a) Trình tự thực hiện … đ) Cơ quan thực hiện … e) Đối tượng thực hiện …), hard-wrapped as public
pages give them. Fixture written here in the genre."""

from __future__ import annotations

from bot.answering.by_intent import extract
from bot.answering.intent import Query, detect_intent
from bot.answering.snapshot import Snapshot
from index.extract.units import extract_units
from index.parse.document import parse_document

DECISION = """BỘ Y TẾ
Số: 412/QĐ-BYT
Hà Nội, ngày 03 tháng 11 năm 2025
QUYẾT ĐỊNH
Về việc công bố thủ tục hành chính nội bộ lĩnh vực kế hoạch - tài chính
Điều 1. Công bố kèm theo Quyết định này 01 thủ tục hành chính nội bộ.
Điều 2. Vụ Kế hoạch - Tài chính chủ trì hướng dẫn thực hiện Quyết định này.
PHẦN II. NỘI DUNG CỤ THỂ CỦA THỦ TỤC HÀNH CHÍNH
1. Thủ tục thẩm định phương án phân bổ dự toán chi thường xuyên của đơn vị sự nghiệp công lập
a) Trình tự thực hiện: Đơn vị gửi hồ sơ đến Bộ Y tế qua hệ thống quản lý văn bản.
b) Thành phần hồ sơ:
- Văn bản đề nghị thẩm định;
- Dự thảo phương án phân bổ dự toán.
c) Thời hạn giải quyết: 10 ngày làm việc kể từ ngày nhận đủ hồ sơ.
d) Cơ quan thực hiện thủ tục hành chính: Vụ Kế hoạch
- Tài chính thuộc Bộ Y tế.
e) Đối tượng thực hiện thủ tục hành chính: Đơn vị sự nghiệp công lập trực
thuộc Bộ Y tế.
"""


def _q(question: str) -> Query:
    return Query.build(question, detect_intent(question), question)


def test_a_name_broken_at_its_dash_is_joined_and_a_dash_list_stays_a_list() -> None:
    doc = parse_document(DECISION, "412.txt", "d412")
    handling = next(c for c in doc.clauses if c.text.startswith("Cơ quan thực hiện"))
    assert handling.text.endswith("Vụ Kế hoạch - Tài chính thuộc Bộ Y tế.")
    assert handling.lead_units == ["Vụ Kế hoạch - Tài chính thuộc Bộ Y tế"]
    assert any(c.text.startswith("Dự thảo phương án") for c in doc.clauses)   # still its own item


def test_the_handling_field_names_the_lead() -> None:
    assert extract_units("Cơ quan giải quyết: Sở Nội vụ tỉnh Hà Tĩnh.")[0] == ["Sở Nội vụ tỉnh Hà Tĩnh"]
    assert extract_units("Cơ quan tiếp nhận hồ sơ: Sở Nội vụ tỉnh Hà Tĩnh.")[0] == []


def test_who_handles_a_procedure_is_read_from_its_handling_field() -> None:
    doc = parse_document(DECISION, "412.txt", "d412")
    for i, c in enumerate(doc.clauses):
        c.id, c.doc_id = i, doc.id
    snap = Snapshot(None, {c.id: c for c in doc.clauses}, {doc.id: doc}, {doc.id: doc.clauses}, None)  # type: ignore[arg-type]
    applicants = next(c for c in doc.clauses if c.text.startswith("Đối tượng thực hiện"))
    found = extract(snap, _q("Cơ quan nào thực hiện thủ tục thẩm định phương án phân bổ dự toán?"), applicants, doc)
    assert found is not None and found.answer == "Vụ Kế hoạch - Tài chính thuộc Bộ Y tế"


def test_a_deadline_paragraph_closes_the_task_before_it() -> None:
    text = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 77/UBND-NC
Hà Tĩnh, ngày 05 tháng 11 năm 2025
V/v rà soát thủ tục hành chính
Kính gửi: Các sở, ban, ngành cấp tỉnh.
Để bảo đảm tiến độ, Ủy ban nhân dân tỉnh yêu cầu:
I. RÀ SOÁT THỦ TỤC HÀNH CHÍNH
Tổng hợp ý kiến của các cơ quan về thủ tục hành chính còn chồng chéo.
Sở Tư pháp chủ trì rà soát, tổng hợp các thủ tục hành chính còn chồng chéo.
Thời hạn hoàn thành: trước ngày 30/12/2025.
"""
    doc = parse_document(text, "77.txt", "d77")
    closing = next(c for c in doc.clauses if c.text.startswith("Thời hạn hoàn thành"))
    assert closing.lead_units == ["Sở Tư pháp"]
