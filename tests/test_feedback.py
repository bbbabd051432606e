"""Issue 13, feedback, end to end through the fake Bot API: 👍 / 👎 under answers, "Sai ở đâu?" after
👎 and the reply stored with the question and the answer given (in a private chat and in a group),
then `cchc feedback --export` writing them as eval questions that `cchc eval` can read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from fakes_bot import PROPAGANDA, FakeAnswerer, dispatch_004
from test_officials_day import all_valid, buttons
from test_telegram import GROUP, QUESTION, USER, admin_config, build, run, running

from bot.cli import cli
from bot.quality.evaluate import load_questions, variants
from bot.quality.feedback import Feedback, eval_item
from bot.settings import AppConfig
from bot.telegram.handlers import feedback as fb
from index.store.database import Store


@pytest.fixture
def api() -> FakeBotApi:
    """The fake Bot API, answering a sent message as Telegram does: its reply_markup only when it is an
    inline keyboard (a ForceReply is not echoed back)."""
    with FakeBotApi() as server:
        result = server._result

        def like_telegram(method: str, params: dict[str, Any]) -> Any:
            sent = result(method, params)
            if isinstance(sent, dict) and "inline_keyboard" not in sent.get("reply_markup", {"inline_keyboard": []}):
                del sent["reply_markup"]
            return sent

        server._result = like_telegram  # type: ignore[method-assign]
        yield server


@pytest.fixture
def config(tmp_path: Path) -> AppConfig:
    return admin_config(tmp_path, dispatch_004())


def stored(config: AppConfig) -> list[dict]:
    return Feedback(Store(config.db_path).db).rows()


def toasts(api: FakeBotApi) -> list[str]:
    return [a.get("text", "") for a in api.calls_to("answerCallbackQuery")]


def test_thumbs_up_and_down_with_what_was_wrong_are_stored(api: FakeBotApi, config: AppConfig) -> None:
    answerer = FakeAnswerer()

    async def scenario() -> None:
        async with running(build(api, config, answerer=answerer)):
            api.send_text(USER, QUESTION)
            await api.wait_texts(USER)
            answer = api.calls_to("sendMessage", USER)[0]
            keys = buttons(answer)
            assert {"Xem nguồn", fb.UP_BUTTON, fb.DOWN_BUTTON} == set(keys)
            assert answer["reply_markup"]["inline_keyboard"][1] == [
                {"text": fb.UP_BUTTON, "callback_data": keys[fb.UP_BUTTON]},
                {"text": fb.DOWN_BUTTON, "callback_data": keys[fb.DOWN_BUTTON]}]
            api.press(USER, keys[fb.UP_BUTTON])
            await api.wait_for(lambda: fb.THANKS_UP in toasts(api))
            api.press(USER, keys[fb.DOWN_BUTTON])                       # one verdict per answer
            await api.wait_for(lambda: fb.ALREADY in toasts(api))
            api.send_text(USER, "Ai phụ trách tuyên truyền trên cổng thông tin?")
            second = (await api.wait_for(lambda: api.calls_to("sendMessage", USER)[1:]))[0]
            api.press(USER, buttons(second)[fb.DOWN_BUTTON])
            ask = (await api.wait_for(lambda: [c for c in api.calls_to("sendMessage", USER)
                                               if c["text"].startswith("Sai ở đâu?")]))[0]
            assert ask["reply_markup"]["force_reply"] is True
            assert ask["reply_markup"]["input_field_placeholder"] == fb.PLACEHOLDER
            api.send_text(USER, "Sai đơn vị: phải là Phòng Văn hóa và Thông tin")
            await api.wait_for(lambda: fb.THANKS_COMMENT in api.texts(USER))
            api.send_text(USER, QUESTION)                               # answered again, not a comment
            await api.wait_for(lambda: len(answerer.questions) == 3)
            api.press(USER, "fb:d:unknown")
            await api.wait_for(lambda: fb.GONE in toasts(api))
        all_valid(api)

    run(scenario)
    up, down = stored(config)
    assert (up["verdict"], up["question"], up["answer"], up["comment"]) == ("up", QUESTION, "Văn phòng Sở", "")
    assert up["evidence"] and up["evidence"] in " ".join(PROPAGANDA.text.split())
    assert (down["verdict"], down["question"]) == ("down", "Ai phụ trách tuyên truyền trên cổng thông tin?")
    assert down["comment"] == "Sai đơn vị: phải là Phòng Văn hóa và Thông tin"
    assert down["reply"].startswith("Văn phòng Sở chủ trì") and down["chat_id"] == down["user_id"] == USER
    assert answerer.questions[-1] == QUESTION


def test_in_a_group_the_reply_to_the_question_is_the_comment(api: FakeBotApi, config: AppConfig) -> None:
    answerer = FakeAnswerer()

    async def scenario() -> None:
        async with running(build(api, config, answerer=answerer)):
            api.send_text(GROUP, f"/ask {QUESTION}", user_id=USER, chat_type="group")
            answer = (await api.wait_for(lambda: api.calls_to("sendMessage", GROUP)))[0]
            api.press(GROUP, buttons(answer)[fb.DOWN_BUTTON], user_id=USER, chat_type="group")
            await api.wait_for(lambda: [t for t in api.texts(GROUP) if t.startswith("Sai ở đâu?")])
            await api.wait_for(lambda: stored(config) and stored(config)[0]["prompt_id"])
            update = api.text_update(GROUP, "Thiếu văn bản mới hơn", user_id=USER, chat_type="group",
                                     reply_to_bot=True)
            update["message"]["reply_to_message"]["message_id"] = stored(config)[0]["prompt_id"]
            api.push(update)
            await api.wait_for(lambda: fb.THANKS_COMMENT in api.texts(GROUP))
        all_valid(api)

    run(scenario)
    assert stored(config)[0]["comment"] == "Thiếu văn bản mới hơn" and answerer.questions == [QUESTION]


def test_feedback_export_is_in_the_eval_question_format(config: AppConfig, tmp_path: Path) -> None:
    feedback = Feedback(Store(config.db_path).db)
    rows = [("up", QUESTION, "who", "Văn phòng Sở", "Văn phòng Sở chủ trì, phối hợp"),
            ("down", "Hạn nộp báo cáo là ngày nào?", "when", "30/08/2024", ""),
            ("down", "Who must report the remediation results?", "who", "", "")]
    for n, (verdict, question, intent, answer, evidence) in enumerate(rows):
        given = fb.Given(question, intent, answer, f"{answer or 'Không tìm thấy'}\n\nmore", evidence)
        feedback.record(USER, USER, f"k{n}", verdict, given)
    feedback.await_comment(USER, USER, "k1", 77)
    feedback.comment(feedback.pending(USER, USER, 77, private=False), "Sai ngày, phải là 15/9")
    out = tmp_path / "fb.jsonl"
    result = CliRunner().invoke(cli, ["feedback", "--export", str(out), "--data", str(config.data_dir)])
    assert result.exit_code == 0 and result.output.startswith("wrote 3 question(s)")
    items = load_questions([out])
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == items
    good, wrong, english = items
    assert {k: good[k] for k in ("id", "q", "kind", "evidence", "answer_any")} == {
        "id": "FB0001", "q": QUESTION, "kind": "who", "evidence": ["Văn phòng Sở chủ trì, phối hợp"],
        "answer_any": ["Văn phòng Sở"]}
    assert (wrong["evidence"], wrong["answer_any"], wrong["comment"]) == ([], [], "Sai ngày, phải là 15/9")
    assert wrong["answer_given"] == "30/08/2024" and wrong["feedback"] == "down" and "lang" not in wrong
    assert english["lang"] == "en" and english["answer_given"] == "Không tìm thấy"
    assert len(variants(good)) == 2 and variants(english) == [("en", english["q"])]   # as `cchc eval` asks
    only_down = CliRunner().invoke(cli, ["feedback", "--verdict", "down", "--data", str(config.data_dir)])
    assert only_down.output.count("👎") == 2 and "Sai ngày" in only_down.output and "👍" not in only_down.output
    assert eval_item(feedback.rows("up")[0])["kind"] == "who"
