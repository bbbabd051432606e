"""Two documents answer a question about equally well: the home organisation's, then the newest,
is the answer (the other one is still shown on the "Văn bản khác" line)."""

from __future__ import annotations

from types import SimpleNamespace

from bot.answering.evidence import preferred


def _candidate(score: float, issuer: str, date: str) -> SimpleNamespace:
    return SimpleNamespace(rank_score=score, doc=SimpleNamespace(issuer=issuer, date=date))


def test_the_newer_directive_wins_a_near_tie_and_a_clear_lead_stays() -> None:
    old = _candidate(0.90, "Sở Nội vụ", "2023-03-01")
    new = _candidate(0.88, "Sở Nội vụ", "2025-11-20")
    assert preferred([old, new]) is new
    far = _candidate(0.70, "Sở Nội vụ", "2026-01-05")
    assert preferred([old, far]) is old


def test_the_home_organisations_document_wins_a_near_tie() -> None:
    national = _candidate(0.90, "Bộ Nội vụ", "2025-11-21")
    home = _candidate(0.87, "Ủy ban nhân dân huyện Hương Sơn", "2024-08-01")
    assert preferred([national, home], home="Ủy ban nhân dân huyện Hương Sơn") is home
    assert preferred([national, home]) is national
