"""Two views of one journal: every screen, modal ones included, shows what the other did,
and acts on what it shows (issue 12: one source of truth)."""

from __future__ import annotations

import pytest
from notices import Notices
from textual.coordinate import Coordinate
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.carry_over import CarryOverScreen
from samtui.ui.screens.floor_picker import FloorPicker
from samtui.ui.screens.stakeholders import StakeholderScreen
from samtui.ui.widgets.table import FlexTable


def _cell(table: FlexTable, row: int, column: str) -> str:
    key = table.coordinate_to_cell_key(Coordinate(row, 0)).row_key
    return str(table.get_cell(key, column)).strip()


async def test_an_open_map_shows_a_stance_changed_in_another_view(
    review: Session, clock: FakeClock
) -> None:
    other = Session.resume(review.path, clock=clock)  # the other view: another connection
    app = SamApp(review, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("f2")
            screen = app.screen
            assert isinstance(screen, StakeholderScreen)
            table = screen.query_one(FlexTable)
            await until(pilot, lambda: _cell(table, 1, "stance") == "neutral", "the map drawn")
            assert other.meeting.change_stakeholder(1, "stance", "opponent") is None
            await until(
                pilot, lambda: _cell(table, 1, "stance") == "opponent", "the new stance shown"
            )
            # `s` cycles from what the map shows: opponent -> unknown, not neutral -> opponent.
            await pilot.press("down", "s")
            assert review.meeting.state.stakeholders[1].stance == "unknown"
            await until(pilot, lambda: _cell(table, 1, "stance") == "unknown", "s redrawn")
    finally:
        other.close()


@pytest.fixture
def no_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys pressed "at the same moment" in two views: before this view polls the journal
    (it would then draw the other's change, and a press after that is deliberate)."""
    monkeypatch.setattr("samtui.ui.app.FOLLOW_SECONDS", 3600.0)


@pytest.mark.usefixtures("no_polling")
async def test_f6_pressed_in_two_views_at_once_adds_five_minutes_once(
    session: Session, clock: FakeClock, notices: Notices
) -> None:
    other = Session.resume(session.path, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False, role="timekeeper")
    try:
        async with app.run_test(size=(120, 36), message_hook=notices.hook) as pilot:
            await pilot.press("f5")
            await pilot.pause()
            other.meeting.sync()
            seen = other.meeting.state.last_seq
            assert seen == app.screen.drawn_seq  # type: ignore[attr-defined]
            # Both views have drawn the same meeting; the other view's F6 lands first.
            assert other.meeting.add_time(seen=seen) is None
            await pilot.press("f6")
            await pilot.pause()
            item = session.meeting.state.items[0]
            assert item.added_seconds == 300  # 10 minutes planned + 5, not + 10
            assert item.budget_seconds == 15 * 60
            assert notices.told("another view has just given this item 5 more minutes")
            # Having seen it, a second press is a deliberate second five minutes.
            await pilot.press("f6")
            assert session.meeting.state.items[0].added_seconds == 600
    finally:
        other.close()


async def test_the_floor_picker_drops_someone_marked_absent_elsewhere(
    session: Session, clock: FakeClock
) -> None:
    other = Session.resume(session.path, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("ctrl+g")
            picker = app.screen
            assert isinstance(picker, FloorPicker)

            def names() -> list[str]:
                return [name for _, name in picker.people]

            assert "Li Wei" in names()
            other.meeting.set_present("li", False)
            await until(pilot, lambda: "Li Wei" not in names(), "Li Wei gone from the picker")
    finally:
        other.close()


def _two_carried(review: Session) -> None:
    from samtui.core.events import CarriedActionData

    actions = [CarriedActionData(id=1, text="send the map"), CarriedActionData(id=2, text="book")]
    review.meeting.load_carry_over("last.toml", actions)


async def test_the_carry_over_screen_shows_a_decision_made_elsewhere(
    review: Session, clock: FakeClock
) -> None:
    _two_carried(review)
    other = Session.resume(review.path, clock=clock)
    app = SamApp(review, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("f4")
            screen = app.screen
            assert isinstance(screen, CarryOverScreen)
            table = screen.query_one(FlexTable)
            await until(pilot, lambda: _cell(table, 0, "decision") == "carried", "drawn")
            assert other.meeting.decide_carried(0, "done") is None
            await until(pilot, lambda: _cell(table, 0, "decision") == "done", "done shown")
    finally:
        other.close()


@pytest.mark.usefixtures("no_polling")
async def test_a_decision_on_what_another_view_just_decided_is_refused(
    review: Session, clock: FakeClock, notices: Notices
) -> None:
    _two_carried(review)
    other = Session.resume(review.path, clock=clock)
    app = SamApp(review, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(120, 36), message_hook=notices.hook) as pilot:
            await pilot.press("f4")
            await pilot.pause()
            assert other.meeting.decide_carried(0, "dropped") is None
            await pilot.press("d")  # "done", on the "carried" this screen still shows
            assert review.meeting.state.carried[0].decision == "dropped"
            assert notices.told("another view has just marked this action dropped")
            await pilot.press("d")  # now it has drawn "dropped": a deliberate change
            assert review.meeting.state.carried[0].decision == "done"  # type: ignore[comparison-overlap]
    finally:
        other.close()
