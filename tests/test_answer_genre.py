"""The answerer on four dispatches written apart from the seeds (a district công văn, a provincial
quyết định with a task table, a thông báo kết luận, a báo cáo with figures), indexed among the seeds
with the bundled embedder: the genre, not the five seed files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answering.answerer import Answer, Answerer
from index.config import Config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

CASES = [
    ("Ai chủ trì kiểm tra công tác CCHC tại các xã?", "Phòng Nội vụ", "215/UBND-NV"),
    ("Hạn báo cáo kết quả của UBND các xã là ngày nào?", "10/12/2024", "215/UBND-NV"),
    ("Ai ký công văn 215/UBND-NV?", "Nguyễn Văn An", "215/UBND-NV"),
    ("Có bao nhiêu xã bị kiểm tra?", "05 xã", "215/UBND-NV"),
    ("Hồ sơ trễ hạn thì phải làm gì?", "văn bản xin lỗi tổ chức, công dân", "215/UBND-NV"),
    ("Công văn 215 căn cứ kế hoạch nào?", "412/KH-UBND", "215/UBND-NV"),
    ("Ngày ban hành công văn 215/UBND-NV?", "21/10/2024", "215/UBND-NV"),
    ("Phòng Nội vụ huyện Cẩm Xuyên phải làm gì?", "kiểm tra công tác CCHC tại 05 xã", "215/UBND-NV"),
    ("Ai chịu trách nhiệm thi hành Quyết định 3120?", "UBND các huyện, thành phố, thị xã", "3120/QĐ-UBND"),
    ("Hạn nâng cấp hệ thống thông tin giải quyết TTHC là khi nào?", "30/06/2025", "3120/QĐ-UBND"),
    ("Ai chủ trì tập huấn kỹ năng số hóa cho công chức một cửa cấp xã?", "Sở Nội vụ", "3120/QĐ-UBND"),
    ("Bao giờ phải báo cáo kết quả số hóa?", "Hằng quý, trước ngày 15", "3120/QĐ-UBND"),
    ("who funds the digitisation plan?", "Sở Tài chính", "3120/QĐ-UBND"),
    ("Quyết định nào ban hành kế hoạch số hóa hồ sơ năm 2025?", "3120/QĐ-UBND", "3120/QĐ-UBND"),
    ("ai chu tri tap huan ky nang so hoa cho cong chuc mot cua cap xa", "Sở Nội vụ", "3120/QĐ-UBND"),
    ("Thông báo 87/TB-VP gửi cho ai?", "Các phòng, ban, ngành cấp huyện", "87/TB-VP"),   # no Kính gửi: Nơi nhận
    ("Cuộc họp đánh giá CCHC năm 2024 của Thạch Hà diễn ra ngày nào?", "29/11/2024", "87/TB-VP"),
    ("Bộ phận Một cửa phải báo cáo tình hình giải quyết hồ sơ khi nào?", "trước ngày 20 hằng tháng", "87/TB-VP"),
    ("Sở Tư pháp tiếp nhận bao nhiêu hồ sơ TTHC trong 6 tháng đầu năm 2024?", "12.450 hồ sơ", "245/BC-STP"),
    ("Tỷ lệ thanh toán trực tuyến của Sở Tư pháp đạt bao nhiêu?", "35%", "245/BC-STP"),       # achieved
    ("Chỉ tiêu thanh toán trực tuyến của tỉnh là bao nhiêu?", "50%", "245/BC-STP"),          # the target
    ("how many applications did the Department of Justice receive online?", "11.980", "245/BC-STP"),
]


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    from index.pipeline import index_corpus

    root = tmp_path_factory.mktemp("genre")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    for name in ("cam_xuyen.txt", "quyet_dinh.md", "thong_bao.txt", "bao_cao.txt"):
        shutil.copy(FIXTURES / name, root / "corpus" / name)
    config = Config(corpus_dir=root / "corpus", data_dir=root / "data")
    index_corpus(config)
    return Answerer(config)


def _source_number(answer: Answer) -> str:
    return answer.sources[0].number if answer.sources else ""


@pytest.mark.slow
@pytest.mark.parametrize(("question", "expected", "number"), CASES)
def test_answers_on_unseen_dispatches(answerer: Answerer, question: str, expected: str, number: str) -> None:
    answer = answerer.ask(question)
    assert answer.answer is not None and expected in answer.answer, (question, answer.answer)
    assert _source_number(answer) == number and number in answer.reply


@pytest.mark.slow
def test_a_units_responsibilities_are_its_task_list(answerer: Answerer) -> None:
    answer = answerer.ask("Trách nhiệm của UBND các xã, thị trấn huyện Cẩm Xuyên là gì?")
    assert all(part in answer.answer for part in ("50%", "trễ hạn", "10/12/2024")), answer.answer
    assert "Ủy ban nhân dân huyện Cẩm Xuyên" in answer.reply    # the issuer read from a two-line header


@pytest.mark.slow
def test_questions_the_dispatches_do_not_answer_abstain(answerer: Answerer) -> None:
    for question in ("Hạn nộp thuế thu nhập cá nhân là khi nào?",
                     "Quyết định 3120 giao bao nhiêu tỷ đồng kinh phí?",     # the plan names no sum
                     "Sở Tư pháp có bao nhiêu công chức?"):                 # the report counts no staff
        answer = answerer.ask(question)
        assert answer.answer is None and answer.reply.startswith("Không tìm thấy"), (question, answer.reply)


@pytest.mark.slow
def test_tasks_due_in_a_month_are_listed_from_every_dispatch(answerer: Answerer) -> None:
    answer = answerer.ask("Nhiệm vụ nào hết hạn trong tháng 12/2025?")
    assert answer.answer == "20/12/2025 — Văn phòng UBND tỉnh"
    assert "3120/QĐ-UBND — mục III › 1" in answer.reply and answer.sources[0].number == "3120/QĐ-UBND"
    november = answerer.ask("Những nhiệm vụ nào đến hạn trong tháng 11/2024?")
    assert november.answer.startswith("15/11/2024 — Phòng Nội vụ")
    assert answerer.ask("Có nhiệm vụ nào hết hạn trong tháng 7/2030 không?").reply.startswith("Không có nhiệm vụ")
