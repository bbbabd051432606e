"""Admins send what offices receive: a scanned PDF, a phone photo, an old .doc. Each is read (OCR for
scans and photos) and acknowledged with its deadlines and, for OCR, the pages and confidence."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest
import test_telegram
from fake_bot_api import FakeBotApi
from test_telegram import ADMIN, FIXTURES, USER, build, run, running

from index.config import Config
from index.formats import ocr
from index.store.database import Store

api, indexed, indexed_template = test_telegram.api, test_telegram.indexed, test_telegram.indexed_template
pytestmark = pytest.mark.skipif(
    not os.environ.get("CCHC_REQUIRE_OCR") and (ocr.missing() is not None or shutil.which("soffice") is None),
    reason="Tesseract (Vietnamese) or LibreOffice not installed; CI sets CCHC_REQUIRE_OCR")


def receipt(api: FakeBotApi) -> str:
    return "\n".join(t for t in api.texts(ADMIN) if "Đã nạp văn bản" in t)


@pytest.mark.parametrize(("name", "expected"), [
    ("ke_hoach_bang_scan.pdf", ["25/KH-UBND", "15/01/2027", "Văn bản được đọc bằng OCR (2 trang)"]),
    ("ke_hoach_bang.doc", ["25/KH-UBND", "15/01/2027", "28/02/2027</b>"]),
])
def test_a_scan_or_a_doc_uploaded_by_an_admin_is_read_with_its_deadlines(
        api: FakeBotApi, indexed: tuple[Config, Any], name: str, expected: list[str]) -> None:
    config, embedder = indexed

    async def scenario() -> None:
        async with running(build(api, config, embedder=embedder)):
            api.send_document(ADMIN, name, (FIXTURES / name).read_bytes(), user_id=ADMIN)
            await api.wait_for(lambda: receipt(api), timeout=120)

    run(scenario)
    text = receipt(api)
    assert all(e in text for e in expected), text
    assert ("OCR" in text) == name.endswith(".pdf")
    assert name in Store(config.db_path).sources()


def test_a_photo_sent_by_an_admin_is_read_by_ocr_and_a_users_photo_changes_nothing(
        api: FakeBotApi, indexed: tuple[Config, Any]) -> None:
    config, embedder = indexed
    before = Store(config.db_path).sources()
    photo = (FIXTURES / "cong_van_anh.jpg").read_bytes()

    async def scenario() -> None:
        async with running(build(api, config, embedder=embedder)):
            api.send_photo(USER, photo)
            assert "chỉ đọc được câu hỏi dạng văn bản" in (await api.wait_texts(USER))[0]
            api.send_photo(ADMIN, photo, user_id=ADMIN)
            await api.wait_for(lambda: receipt(api), timeout=120)

    run(scenario)
    text = receipt(api)
    assert "45/UBND-TP" in text and "Văn bản được đọc bằng OCR (1 trang)" in text
    added = set(Store(config.db_path).sources()) - set(before)
    assert len(added) == 1 and next(iter(added)).startswith("anh_") and next(iter(added)).endswith(".jpg")
