"""Word segmentation shared by clauses and questions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from index.search.segment import segment, segment_many

ROOT = Path(__file__).resolve().parent.parent


def test_joins_multi_syllable_words_lowercases_and_drops_punctuation() -> None:
    assert segment("Ai phụ trách tuyên truyền cải cách hành chính?") == [
        "ai", "phụ_trách", "tuyên_truyền", "cải_cách", "hành_chính",
    ]


def test_document_numbers_stay_whole() -> None:
    tokens = segment("Theo Quyết định số 3433/QĐ-UBND ngày 25/12/2023, Nghị định số 60/2021/NĐ-CP.")
    assert "3433/qđ-ubnd" in tokens
    assert "60/2021/nđ-cp" in tokens
    assert "25/12/2023" in tokens
    assert "quyết_định" in tokens and "nghị_định" in tokens


def test_other_number_shapes_and_line_break_cut_numbers() -> None:
    tokens = segment("Kết luận số 29-KL/TU; Số: /SCT-VP2; Kế hoạch số 48/KH- của Tổ công tác")
    assert "29-kl/tu" in tokens
    assert "/sct-vp2" in tokens
    assert "48/kh" in tokens          # the dangling hyphen of a wrapped number is dropped


def test_punctuation_and_markdown_leave_no_tokens() -> None:
    tokens = segment("#### 1. Văn phòng Sở (CCHC) - đạt 50%; ...")
    assert tokens == ["1", "văn_phòng", "sở", "cchc", "đạt", "50"]


def test_tone_placement_and_normal_forms_agree() -> None:
    # "hoà" (new style) and "hòa" (old style), composed and decomposed, must give one token.
    decomposed = "ho\u0300a"
    assert segment("hoà hợp") == segment("hòa hợp") == segment(f"{decomposed} hợp")


def test_segment_many_and_empty_text() -> None:
    assert segment_many(["Văn phòng Sở", "", "   "]) == [["văn_phòng", "sở"], [], []]


def test_importing_segmentation_does_not_load_torch() -> None:
    # underthesea's package import would pull in torch (~4 s) for its translate pipeline;
    # `cchc ask` must start in < 3 s, so segment.py imports it without those extras.
    code = (
        "import sys\n"
        "from index.search.segment import segment\n"
        "assert segment('phụ trách') == ['phụ_trách']\n"
        "import underthesea\n"
        "assert underthesea.word_tokenize('phụ trách') == ['phụ trách']\n"
        "print('torch' in sys.modules, 'transformers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.split() == ["False", "False"]


def test_footnote_markers_and_sub_tags_do_not_split_words() -> None:
    assert segment("Số: /SCT-VP<sub>2</sub>; chất lượng còn hạn chế⁵.") == [
        "số", "/sct-vp2", "chất_lượng", "còn", "hạn_chế",
    ]
