"""Faults a new user's trial found in the room's views: the stage view at the meeting's end
and on a skipped item, the closing screen's figures, its offers and who was not heard."""

from __future__ import annotations

from collections.abc import Callable

from notices import Notices
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.minutes import Minutes
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.closing import ClosingScreen
from samtui.ui.screens.stage import StageScreen

ScreenText = Callable[[SamApp], str]


def footer_keys(app: SamApp) -> dict[str, str]:
    """What the footer offers: key -> description, as the active bindings hold them."""
    return {
        key: active.binding.description
        for key, active in app.screen.active_bindings.items()
        if active.binding.show
    }


async def test_the_stage_view_follows_the_meeting_to_its_end(
    session: Session, clock: FakeClock, screen_text: ScreenText
) -> None:
    room = Session.resume(session.path, clock=clock)
    stage = Session.resume(session.path, clock=clock, readonly=True)
    app = SamApp(stage, clock=clock, ring_bell=False, checkin=False, role="stage")
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, StageScreen)
        room.meeting.toggle_clock()
        clock.advance(300)
        room.meeting.go_to_item(2, force=True)  # item 2 is skipped
        clock.advance(60)
        await until(pilot, lambda: stage.meeting.state.current_item == 2, "item 3 on the stage")
        await pilot.pause()
        shown = screen_text(app)
        assert "✓1" in shown and "✓2" not in shown, shown
        assert "2 skipped" in shown
        room.finish()
        await until(pilot, lambda: isinstance(app.screen, ClosingScreen), "the meeting's end")
        await pilot.pause()
        assert "End of the meeting" in screen_text(app)
    room.close()
    stage.close()


async def test_the_closing_screen_shows_what_the_minutes_then_say(
    session: Session, clock: FakeClock, screen_text: ScreenText
) -> None:
    """The clock stops while the closing screen is up: what it shows is what is written."""
    meeting = session.meeting
    meeting.toggle_clock()
    clock.advance(125)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f10")
        assert isinstance(app.screen, ClosingScreen)
        await pilot.pause()
        shown = screen_text(app)
        assert "Duration 0:02:05 of 1:00:00 planned" in shown, shown
        clock.advance(600)  # the room reads the summary before Enter
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Duration 0:02:05 of 1:00:00 planned" in screen_text(app)
    written = session.journal.info().minutes_path
    assert written is not None
    minutes = Minutes.load(written)
    assert minutes.meeting.actual_seconds == 125
    assert [item.actual_seconds for item in minutes.items] == [125, 0, 0]


async def test_going_back_from_the_closing_screen_runs_the_clock_again(
    session: Session, clock: FakeClock
) -> None:
    meeting = session.meeting
    meeting.toggle_clock()
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test() as pilot:
        await pilot.press("f10")
        assert not meeting.state.running
        await pilot.press("escape")
        await pilot.pause()
        assert meeting.state.running
        meeting.toggle_clock()  # paused by hand: F10 and Esc leave it paused
        await pilot.press("f10", "escape")
        await pilot.pause()
        assert not meeting.state.running


async def test_the_closing_screen_offers_no_write_once_written(
    session: Session, clock: FakeClock
) -> None:
    session.meeting.toggle_clock()
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test() as pilot:
        await pilot.press("f10")
        assert footer_keys(app)["enter"] == "Write the minutes"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert footer_keys(app)["enter"] == "Quit"
        assert "Write the minutes" not in footer_keys(app).values()
        await pilot.press("enter")
    assert app.return_code == 0


async def test_a_viewers_closing_screen_offers_no_write(session: Session, clock: FakeClock) -> None:
    viewer = Session.resume(session.path, clock=clock, readonly=True)
    app = SamApp(viewer, clock=clock, ring_bell=False, checkin=False, role="viewer")
    async with app.run_test() as pilot:
        app.push_screen(ClosingScreen())
        await pilot.pause()
        assert footer_keys(app)["enter"] == "Quit"
        assert "Write the minutes" not in footer_keys(app).values()
    viewer.close()


async def test_the_closing_screen_names_who_a_round_did_not_hear(
    session: Session, clock: FakeClock, screen_text: ScreenText
) -> None:
    meeting = session.meeting
    meeting.toggle_clock()
    for who in ("dana", "li"):  # the check-in round hears two of four
        meeting.give_floor(who)
        clock.advance(60)
    meeting.next_item(force=True)
    for who in ("marco", "renee"):  # everyone speaks somewhere in the meeting
        meeting.give_floor(who)
        clock.advance(60)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        shown = screen_text(app)
        assert "Everyone present was heard" not in shown
        assert "Not heard on Check-in round: Marco Rossi, Renée Dubois" in shown, shown


async def test_esc_on_the_stage_view_says_how_to_leave(
    session: Session, clock: FakeClock, notices: Notices
) -> None:
    stage = Session.resume(session.path, clock=clock, readonly=True)
    app = SamApp(stage, clock=clock, ring_bell=False, checkin=False, role="stage")
    async with app.run_test(size=(80, 24), message_hook=notices.hook) as pilot:
        await pilot.press("escape")
        await until(pilot, lambda: notices.told("ctrl+q quits"), "a word on how to leave")
        assert isinstance(app.screen, StageScreen)
    stage.close()
