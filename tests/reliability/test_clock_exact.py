"""A three-hour meeting with pauses, on a fake clock: every duration exact to the second.

Driven through the app's keys; the clock moves by known amounts, the screen's tick runs,
and what the time keeper, the agenda, the attendees, the closing screen and the minutes
say is checked against sums done by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Label

from samtui.core.clock import FakeClock
from samtui.core.minutes import Minutes
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.closing import ClosingScreen
from samtui.ui.screens.meeting import MeetingScreen
from samtui.ui.widgets.bigclock import BigClock
from samtui.ui.widgets.timekeeper import TimekeeperPanel

ScreenText = Callable[[App[Any]], str]

# Item 0 (round, 10 min): Dana 617 s, Li 1234 s, a 15 min pause, Li 321 s more, nobody 99 s.
# Item 1 (30 min): Marco 3333 s, a 30 min pause, Renée 2222 s.
# Item 2 (20 min): Dana 2974 s.
ITEMS = [617 + 1234 + 321 + 99, 3333 + 2222, 2974]
TALK = {"dana": 617 + 2974, "li": 1234 + 321, "marco": 3333, "renee": 2222}
MEETING = 3 * 60 * 60


async def test_three_hours_with_pauses_are_exact_to_the_second(
    session: Session, clock: FakeClock, screen_text: ScreenText
) -> None:
    assert sum(ITEMS) == MEETING == sum(TALK.values()) + 99
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    state = session.meeting.state

    async def run_for(pilot: Pilot[None], seconds: int) -> None:
        clock.advance(seconds)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        screen.tick()
        await pilot.pause()

    def item_clock() -> str:
        return app.screen.query_one("#item-clock", BigClock).time

    def label(selector: str) -> str:
        return str(app.screen.query_one(selector, Label).render())

    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f5", "ctrl+t")
        assert state.floor == "dana"
        await run_for(pilot, 617)
        assert label("#floor") == "Floor: Dana Whitfield  10:17 of 02:00"
        assert item_clock() == "+00:17"
        await pilot.press("ctrl+t")
        assert state.floor == "li"
        await run_for(pilot, 1234)
        assert label("#meeting-clock") == "Meeting 0:30:51 of 1:00:00"
        await pilot.press("f5")  # pause: nothing counts for 15 minutes
        await run_for(pilot, 900)
        assert app.screen.query_one(TimekeeperPanel).has_class("-paused")
        assert label("#meeting-clock") == "Meeting 0:30:51 of 1:00:00"
        assert label("#floor") == "Floor: Li Wei  20:34 of 02:00"
        assert item_clock() == "+20:51"
        await pilot.press("f5")
        await run_for(pilot, 321)
        await pilot.press("ctrl+o")
        await run_for(pilot, 99)
        assert label("#meeting-clock") == "Meeting 0:37:51 of 1:00:00"
        assert item_clock() == "+27:51"

        await pilot.press("ctrl+n", "ctrl+n")  # the round: Marco and Renée not heard
        assert state.current_item == 1
        await pilot.press("ctrl+t")
        assert state.floor == "marco"
        await run_for(pilot, 3333)
        await pilot.press("f5")
        await run_for(pilot, 1800)
        assert label("#meeting-clock") == "Meeting 1:33:24 of 1:00:00"
        await pilot.press("f5", "ctrl+g")
        await pilot.press(*"renee", "enter")
        assert state.floor == "renee"
        await run_for(pilot, 2222)
        assert item_clock() == "+1:02:35"
        assert label("#meeting-clock") == "Meeting 2:10:26 of 1:00:00"

        await pilot.press("ctrl+n", "ctrl+t")
        assert (state.current_item, state.floor) == (2, "dana")
        await run_for(pilot, 2974)
        assert label("#meeting-clock") == "Meeting 3:00:00 of 1:00:00"
        assert item_clock() == "+29:34"
        assert label("#floor") == "Floor: Dana Whitfield  49:34"
        # The agenda's Actual cells and the attendees' Talk cells, as the screen shows them:
        # whole minutes, rounded down (the time keeper's clock has the seconds).
        shown = screen_text(app)
        for actual in ("37m", "92m", "49m"):
            assert f" {actual}" in shown
        for shown_talk in ("59m", "25m", "55m", "37m"):
            assert f" {shown_talk}" in shown

        await pilot.press("f10")
        assert isinstance(app.screen, ClosingScreen)
        clock.advance(600)  # reading the summary: its clock stopped when it was shown…
        await pilot.press("enter")  # …so these 10 minutes count on no item
        await app.workers.wait_for_complete()
        await pilot.pause()
        closing = screen_text(app)
        assert "Minutes written to" in closing
        assert "Duration 3:00:00 of 1:00:00 planned (120 min over)" in closing
        assert " 3. Actions  20:00 / 49:34" in closing

    written = session.journal.info().minutes_path
    assert written is not None
    minutes = Minutes.load(written)
    assert minutes.meeting.actual_seconds == MEETING
    assert [item.actual_seconds for item in minutes.items] == ITEMS
    talk = {a.id: a.talk_seconds for a in minutes.attendees}
    assert talk == TALK
    assert [a.turns for a in minutes.attendees] == [2, 1, 1, 1]
    assert minutes.meeting.started_at is not None and minutes.meeting.ended_at is not None
    assert (minutes.meeting.ended_at - minutes.meeting.started_at).total_seconds() == (
        MEETING + 600 + 900 + 1800
    )


def test_the_resumed_meeting_counts_the_gap_in_the_room(
    agenda_file: Path, clock: FakeClock, tmp_path: Path
) -> None:
    """A laptop closed mid-meeting: the room went on, so the gap counts on resume."""
    session = Session.start(agenda_file, clock=clock)
    session.meeting.toggle_clock()
    clock.advance(1000)
    session.meeting.add_note("before the lid closed")
    session.close()
    clock.advance(500)
    resumed = Session.resume(session.path, clock=clock)
    try:
        clock.advance(7)
        path = resumed.export(tmp_path / "m.toml")
    finally:
        resumed.close()
    assert Minutes.load(path).meeting.actual_seconds == 1507
