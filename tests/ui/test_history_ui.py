"""The history on screen, and the history in the next review: "carried ×3" at the check-in
and on F4, and the red flags that fire now on the stakeholder map (F2)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from history_chain import ANA, DAYS, JANE, draft_next, four_reviews
from textual.app import App
from textual.widget import Widget
from textual.widgets import Footer, TabbedContent
from waiting import until

from samtui.core import history
from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.carry_over import CarryOverScreen
from samtui.ui.screens.checkin import CheckinScreen
from samtui.ui.screens.history import HistoryApp, HistoryScreen
from samtui.ui.screens.stakeholders import StakeholderScreen

ScreenText = Callable[[App[Any]], str]
NEXT_DAY = DAYS[-1].replace(year=2027, month=3)


@pytest.fixture
def reviews(tmp_path: Path) -> list[Path]:
    return four_reviews(tmp_path)


async def test_each_pane_of_the_history(reviews: list[Path], screen_text: ScreenText) -> None:
    app = HistoryApp(history.histories(history.read(reviews)))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        shown = screen_text(app)
        assert "History of Acme Corp · 4 reviews, 2026-03-02 to 2026-12-01" in shown
        assert "overdue actions" in shown and "send the map (due 2026-04-01)" in shown
        await pilot.press("2")
        assert app.screen.query_one(TabbedContent).active == "commitments"
        shown = screen_text(app)
        assert "send the map (Dana Whitfield): carried ×3, open" in shown
        assert "244" in shown  # days past due
        await pilot.press("4")
        shown = screen_text(app)
        assert "Not heard in 2 or more of the last 3 reviews: Renée Dubois" in shown
        assert "60%" in shown and "absent" in shown
        await pilot.press("5")
        shown = screen_text(app)
        assert "USD 1,400,000 of USD 2,000,000, gap USD 600,000" in shown
        await pilot.press("3")
        shown = screen_text(app)
        assert "opponent → neutral in review 2, whose notes never name them" in shown


def test_snapshot_history_commitments(
    snap_compare: Callable[..., bool], reviews: list[Path]
) -> None:
    app = HistoryApp(history.histories(history.read(reviews)))
    assert snap_compare(app, terminal_size=(120, 36), press=["2"])


async def test_a_to_the_next_account(
    reviews: list[Path], tmp_path: Path, screen_text: ScreenText
) -> None:
    other = tmp_path / "globex.toml"
    text = reviews[0].read_text(encoding="utf-8")
    other.write_text(text.replace('account = "Acme Corp"', 'account = "Globex"'), "utf-8")
    app = HistoryApp(history.histories(history.read([*reviews, other])))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert "History of Acme Corp · 4 reviews" in screen_text(app)
        assert "account 1 of 2 (a: next)" in screen_text(app)
        await pilot.press("a")
        assert "History of Globex · 1 review, 2026-03-02" in screen_text(app)


# -- the next review -------------------------------------------------------------------


@pytest.fixture
def next_review(reviews: list[Path], tmp_path: Path) -> Iterator[tuple[Session, FakeClock]]:
    gap_again = ("current = 1400000", "current = 1000000")
    agenda = draft_next(reviews[-1], tmp_path / "acme-5.toml", gap_again)
    clock = FakeClock(NEXT_DAY)
    session = Session.start(agenda, clock=clock)
    yield session, clock
    session.close()


async def test_check_in_says_how_often_an_action_was_carried(
    next_review: tuple[Session, FakeClock], screen_text: ScreenText
) -> None:
    session, clock = next_review
    app = SamApp(session, clock=clock, ring_bell=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        shown = screen_text(app)
        assert "Open actions carried before (1)" in shown
        assert "send the map (Dana Whitfield): carried ×3" in shown


async def test_f4_says_how_often_each_action_was_carried(
    next_review: tuple[Session, FakeClock], screen_text: ScreenText
) -> None:
    session, clock = next_review
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f4")
        assert isinstance(app.screen, CarryOverScreen)
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "send the map" in line)
        assert "×3" in row, row


async def test_f2_shows_the_red_flags_that_fire_now(
    next_review: tuple[Session, FakeClock], screen_text: ScreenText
) -> None:
    session, clock = next_review
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    gap = (
        "⚑ a funnel gap that has not shrunk over the last 3 reviews: "
        "USD 1,000,000 2 reviews before, USD 1,000,000 now"
    )
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f2")
        assert isinstance(app.screen, StakeholderScreen)
        await until(pilot, lambda: gap in screen_text(app), "the gap flag from earlier reviews")
        shown = screen_text(app)
        assert "⚑ overdue actions: send the map (due 2026-04-01)" in shown
        assert "⚑ no advocate" not in shown  # Tom is one now
        await pilot.press("escape", "f4", "d", "escape", "f2")
        assert isinstance(app.screen, StakeholderScreen)
        await until(pilot, lambda: gap in screen_text(app), "the map again, read afresh")
        assert "overdue actions" not in screen_text(app)  # done: no longer open


async def test_f2_flags_each_person_once_with_the_historys_window(
    next_review: tuple[Session, FakeClock], screen_text: ScreenText
) -> None:
    """Issue 16's trial: Jane made an opponent showed two flags for her (the map's and the
    history's), and the map called stale at 90 days what the history calls stale at 180."""
    session, clock = next_review
    meeting = session.meeting
    assert meeting.change_stakeholder(JANE, "stance", "opponent") is None
    validated = NEXT_DAY.date() - timedelta(days=120)  # stale at 90 days, fresh at 180
    assert meeting.change_stakeholder(ANA, "last_validated", validated) is None
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    gap = "⚑ a funnel gap that has not shrunk"
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f2")
        assert isinstance(app.screen, StakeholderScreen)
        await until(pilot, lambda: gap in screen_text(app), "the flags from earlier reviews")
        flagged = [line for line in screen_text(app).splitlines() if "⚑" in line]
        (opponent,) = [line for line in flagged if "Jane Ortiz" in line and "opponent" in line]
        assert "⚑ high-influence opponent: Jane Ortiz (no open action names them)" in opponent
        stale = next(line for line in flagged if "not validated" in line)
        assert "⚑ not validated for 180 days: Jane Ortiz, Tom Reed" in stale
        assert "120 days ago" in screen_text(app)  # Ana's row, not flagged


def _footer_keys(app: App[Any]) -> list[Widget]:
    """The footer's keys, once each is laid out (none before)."""
    found = list(app.screen.query_one(Footer).query("FooterKey"))
    return found if found and all(key.region.width for key in found) else []


@pytest.mark.parametrize("width", [80, 160])
@pytest.mark.parametrize("accounts", [1, 2])
async def test_the_footer_shows_every_key_the_history_offers(
    reviews: list[Path], tmp_path: Path, width: int, accounts: int, screen_text: ScreenText
) -> None:
    """Issue 16's trial: the footer showed only `q`; 1-6 and `a` were in the README alone.
    Every key is in the footer, whole, at 80 columns too; `a` only with another account."""
    other = tmp_path / "globex.toml"
    text = reviews[0].read_text(encoding="utf-8")
    other.write_text(text.replace('account = "Acme Corp"', 'account = "Globex"'), "utf-8")
    app = HistoryApp(history.histories(history.read([*reviews, other][: 4 + accounts - 1])))
    async with app.run_test(size=(width, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history screen")
        await until(pilot, lambda: bool(_footer_keys(app)), "the footer laid out")
        keys = _footer_keys(app)
        expected = ["1", "2", "3", "4", "5", "6", *(["a"] if accounts > 1 else []), "q", "ctrl+p"]
        assert [getattr(key, "key", None) for key in keys] == expected
        assert all(key.region.right <= width for key in keys)  # none cut off
        assert all(getattr(key, "description", "") or getattr(key, "tooltip", "") for key in keys)
        footer = screen_text(app).splitlines()[-1]
        assert "Go to part" in footer and "Quit" in footer
        assert ("Next account" in footer) == (accounts > 1)
