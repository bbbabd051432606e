"""/subscribe on the unit registry: the units and meaningful groups by organisation, eight a page
with ◀ ▶, typed names resolved through aliases (accents aside), suggestions for unknown names and
buttons for ambiguous ones, all through the fake Bot API over the indexed bundled corpus."""

from __future__ import annotations

from typing import Any

import test_telegram
from fake_bot_api import FakeBotApi
from test_telegram import USER, build, run, running

from bot.reminders.subscriptions import Subscription, Subscriptions
from bot.telegram import render
from bot.telegram.handlers import subs as handlers_subs
from bot.telegram.handlers.subs import PAGE_SIZE, listed, menu, page_keyboard, resolve
from index.config import Config
from index.store.database import Store
from index.store.models import Unit
from index.store.registry import Registry

# The same fixtures as the other bot tests: the seed corpus indexed with the fake embedder.
api, indexed, indexed_template = test_telegram.api, test_telegram.indexed, test_telegram.indexed_template

NOI_VU = ("Phòng Nội vụ huyện Hương Sơn", "phong-noi-vu-huyen-huong-son")
XA = ("Ủy ban nhân dân các xã, thị trấn huyện Hương Sơn", "uy-ban-nhan-dan-cac-xa-thi-tran-huyen-huong-son")
VP_SCT = ("Văn phòng Sở Công Thương", "van-phong-so-cong-thuong")


def subscriptions(config: Config) -> list[Subscription]:
    return Subscriptions(Store(config.db_path).db).for_chat(USER)


def keyboard(call: dict[str, Any]) -> list[dict[str, str]]:
    """Every button of a sent or edited message, row after row."""
    return [button for row in call["reply_markup"]["inline_keyboard"] for button in row]


def unit_buttons(call: dict[str, Any]) -> dict[str, str]:
    """Unit button text -> callback data."""
    return {b["text"]: b["callback_data"] for b in keyboard(call) if b["callback_data"].startswith("sub:u:")}


def button(call: dict[str, Any], text: str) -> str:
    """The callback data of the button whose text contains `text`."""
    return next(b["callback_data"] for b in keyboard(call) if text in b["text"])


async def last_edit(api: FakeBotApi, count: int) -> dict[str, Any]:
    return (await api.wait_for(lambda: (e := api.calls_to("editMessageText", USER)) and len(e) >= count and e))[-1]


def test_menu_pages_units_by_organisation_and_a_press_subscribes_with_the_unit_id(
        api: FakeBotApi, indexed: tuple[Config, Any]) -> None:
    config, embedder = indexed

    async def scenario() -> None:
        async with running(build(api, config, embedder=embedder)):
            api.send_text(USER, "/subscribe")
            await api.wait_texts(USER)
            first = api.calls_to("sendMessage", USER)[0]
            assert "trang 1/2" in first["text"]
            texts = [b["text"] for b in keyboard(first)]
            assert texts[0] == "Tất cả đơn vị" and "🏛 Sở Công Thương" in texts
            assert 0 < len(unit_buttons(first)) <= PAGE_SIZE and "◀ Trang trước" not in texts
            assert all(len(b["callback_data"].encode()) <= 64 for b in keyboard(first))
            api.press(USER, button(first, "▶"))
            second = await last_edit(api, 1)
            assert "trang 2/2" in second["text"] and "◀ Trang trước" in [b["text"] for b in keyboard(second)]
            assert not any("▶" in b["text"] for b in keyboard(second))
            assert 0 < len(unit_buttons(second)) <= PAGE_SIZE
            offered = {**unit_buttons(first), **unit_buttons(second)}
            assert len(offered) == len(unit_buttons(first)) + len(unit_buttons(second))  # no unit twice
            assert {NOI_VU[0], XA[0], VP_SCT[0]} <= set(offered)
            assert not {"Văn phòng Sở", "Các phòng"} & set(offered)       # fragments are not offered
            api.press(USER, offered[NOI_VU[0]])
            done = await last_edit(api, 2)
            assert f"Đã đăng ký nhắc hạn cho <b>{NOI_VU[0]}</b>" in done["text"]
            api.send_text(USER, "/mysubs")
            assert NOI_VU[0] in (await api.wait_texts(USER, 2))[1]

    run(scenario)
    assert [(s.unit, s.unit_id) for s in subscriptions(config)] == [NOI_VU]


def test_typed_names_resolve_through_aliases_without_accents(api: FakeBotApi, indexed: tuple[Config, Any]) -> None:
    config, embedder = indexed

    async def scenario() -> None:
        async with running(build(api, config, embedder=embedder)):
            api.send_text(USER, "/subscribe phong noi vu")
            assert f"Đã đăng ký nhắc hạn cho <b>{NOI_VU[0]}</b>" in (await api.wait_texts(USER))[0]
            api.send_text(USER, "/subscribe UBND các xã, thị trấn")
            assert XA[0] in (await api.wait_texts(USER, 2))[1]
            api.send_text(USER, "/subscribe Văn phòng Sở")     # the alias, not the fragment of that name
            assert VP_SCT[0] in (await api.wait_texts(USER, 3))[2]
            api.send_text(USER, "/subscribe tất cả")
            assert "tất cả đơn vị" in (await api.wait_texts(USER, 4))[3]

    run(scenario)
    assert sorted((s.unit, s.unit_id) for s in subscriptions(config)) == sorted([("", ""), NOI_VU, XA, VP_SCT])


def test_unknown_name_gets_suggestions_and_nothing_is_stored(api: FakeBotApi, indexed: tuple[Config, Any]) -> None:
    config, embedder = indexed

    async def scenario() -> None:
        async with running(build(api, config, embedder=embedder)):
            api.send_text(USER, "/subscribe Sở Thông tin truyền thông tỉnh")
            reply = (await api.wait_texts(USER))[0]
            assert "Không tìm thấy đơn vị «Sở Thông tin truyền thông tỉnh»" in reply and "gần giống" in reply
            call = api.calls_to("sendMessage", USER)[0]
            suggested = unit_buttons(call)
            assert 0 < len(suggested) <= PAGE_SIZE and "Sở Thông tin và Truyền thông" in suggested
            assert list(suggested)[0] == "Sở Thông tin và Truyền thông"            # the closest first
            api.send_text(USER, "/subscribe xyz")
            reply = (await api.wait_texts(USER, 2))[1]
            assert "Không tìm thấy đơn vị «xyz»" in reply and "chưa đăng ký" in reply
            lost = api.calls_to("sendMessage", USER)[1]
            assert unit_buttons(lost) == {}
            assert subscriptions(config) == []
            api.press(USER, button(lost, render.BROWSE_BUTTON))                     # to the whole menu
            assert "trang 1/2" in (await last_edit(api, 1))["text"]
            api.press(USER, suggested["Sở Thông tin và Truyền thông"])
            assert "Đã đăng ký" in (await last_edit(api, 2))["text"]

    run(scenario)
    assert [s.unit_id for s in subscriptions(config)] == ["so-thong-tin-va-truyen-thong"]


def test_ambiguous_name_offers_its_units_as_buttons(api: FakeBotApi, indexed: tuple[Config, Any]) -> None:
    config, embedder = indexed

    async def scenario() -> None:
        async with running(build(api, config, embedder=embedder)):
            api.send_text(USER, "/subscribe phong chuyen mon")
            reply = (await api.wait_texts(USER))[0]
            assert reply.startswith("Có 2 đơn vị khớp với «phong chuyen mon»")
            choices = unit_buttons(api.calls_to("sendMessage", USER)[0])
            assert set(choices) == {"Các phòng chuyên môn thuộc Ủy ban nhân dân huyện Hương Sơn",
                                    "Các phòng chuyên môn, Trung tâm thuộc Sở Công Thương"}
            assert subscriptions(config) == []
            api.press(USER, choices["Các phòng chuyên môn thuộc Ủy ban nhân dân huyện Hương Sơn"])
            await last_edit(api, 1)

    run(scenario)
    assert [s.unit_id for s in subscriptions(config)] == ["cac-phong-chuyen-mon-thuoc-uy-ban-nhan-dan-huyen-huong-son"]


def test_a_stale_button_or_a_heading_subscribes_nothing(api: FakeBotApi, indexed: tuple[Config, Any]) -> None:
    config, embedder = indexed

    async def scenario() -> None:
        async with running(build(api, config, embedder=embedder)):
            api.press(USER, "sub:0123456789")           # a button from before units had ids
            api.press(USER, "sub:u:0123456789")
            api.press(USER, handlers_subs.HEADING)
            answers = await api.wait_for(lambda: (a := api.calls_to("answerCallbackQuery")) and len(a) == 3 and a)
            assert sorted(a["text"] for a in answers) == sorted([render.UNIT_GONE] * 2 + [render.HEADING_PRESSED])

    run(scenario)
    assert subscriptions(config) == []


# --- the menu, without the bot ---------------------------------------------------------------------------
def test_fragments_are_not_offered_and_organisations_are_named() -> None:
    units = [Unit("so-tu-phap", "Sở Tư pháp", "so"),
             Unit("van-phong-so-tu-phap", "Văn phòng Sở Tư pháp", "van_phong", "so-tu-phap", ("Văn phòng Sở",)),
             Unit("phong-noi-vu-huyen-duc-tho", "Phòng Nội vụ huyện Đức Thọ", "phong", "uy-ban-nhan-dan-huyen-duc-tho"),
             Unit("van-phong-so", "Văn phòng Sở", "van_phong"), Unit("phong-pho-bien", "Phòng Phổ biến", "phong"),
             Unit("cac-phong", "Các phòng", "group", member_kind="phong"),
             Unit("so", "Sở", "so"), Unit("can-bo", "Cán bộ, công chức", "other")]
    entries = menu(Registry(units))
    assert [(org, u.name) for org, u in entries] == [
        ("Sở Tư pháp", "Sở Tư pháp"), ("Sở Tư pháp", "Văn phòng Sở Tư pháp"),
        ("Ủy ban nhân dân huyện Đức Thọ", "Phòng Nội vụ huyện Đức Thọ")]
    assert not listed(units[3]) and [u.id for u in resolve(Registry(units), "van phong so")] == ["van-phong-so-tu-phap"]


def test_every_unit_is_on_exactly_one_page_of_at_most_eight() -> None:
    units = [Unit(f"phong-{n}-huyen-a", f"Phòng {n} huyện A", "phong", "uy-ban-nhan-dan-huyen-a") for n in range(20)]
    entries = menu(Registry(units))
    pages = [page_keyboard(entries, page).inline_keyboard for page in range(3)]
    seen = [b.text for rows in pages for row in rows for b in row if b.callback_data.startswith("sub:u:")]
    assert sorted(seen) == sorted(u.name for u in units)
    for rows in pages:
        assert sum(b.callback_data.startswith("sub:u:") for row in rows for b in row) <= PAGE_SIZE
        assert rows[1][0].text == "🏛 Ủy ban nhân dân huyện A"       # the organisation heads every page
    assert [b.text for b in pages[1][-1]] == ["◀ Trang trước", "2/3", "Trang sau ▶"]
