"""Two views of one meeting: what one writes, the other shows; ending ends both."""

from __future__ import annotations

from notices import Notices
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.closing import ClosingScreen
from samtui.ui.widgets.scribe import ScribePanel


async def test_a_note_from_another_view_shows_up(session: Session, clock: FakeClock) -> None:
    scribe = Session.resume(session.path, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test() as pilot:
        notes = app.screen.query_one(ScribePanel).query_one("#notes")
        scribe.meeting.add_note("! typed on the scribe's laptop")
        # Views poll every 100 ms; the bench measures the latency (README: Performance).
        shown = "the note shows in the room"
        await until(pilot, lambda: notes.option_count == 1, shown)  # type: ignore[attr-defined]
        assert [n.text for n in session.meeting.state.notes.values()] == [
            "typed on the scribe's laptop"
        ]
    scribe.close()


async def test_ending_in_one_view_shows_the_closing_screen_in_the_other(
    session: Session, clock: FakeClock
) -> None:
    other = Session.resume(session.path, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False, role="moderator")
    async with app.run_test() as pilot:
        other.meeting.toggle_clock()
        other.finish()
        await until(pilot, lambda: isinstance(app.screen, ClosingScreen), "the closing screen")
        await pilot.pause()
        closing = app.screen
        assert isinstance(closing, ClosingScreen) and closing.written is not None
        await pilot.press("enter")  # nothing more to write: it quits
    assert app.return_code == 0
    other.close()


async def test_a_viewer_changes_nothing(
    session: Session, clock: FakeClock, notices: Notices
) -> None:
    viewer = Session.resume(session.path, clock=clock, readonly=True)
    app = SamApp(viewer, clock=clock, ring_bell=False, checkin=False, role="viewer")
    async with app.run_test(message_hook=notices.hook) as pilot:
        await pilot.press("f5", "ctrl+t", "ctrl+n", "f6")
        assert not viewer.meeting.state.started
        assert viewer.journal.info().events == 0
        assert "only follows the meeting" in notices.messages[-1]
        assert not app.screen.query_one("#note").display
    viewer.close()


async def test_the_scribe_layout_puts_notes_first(session: Session, clock: FakeClock) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False, role="scribe")
    async with app.run_test(size=(120, 36)):
        scribe = app.screen.query_one(ScribePanel)
        assert not app.screen.query_one("#left").display
        assert scribe.region.width > app.size.width / 2


async def test_two_closing_screens_write_one_set_of_minutes(
    session: Session, clock: FakeClock
) -> None:
    other = Session.resume(session.path, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test() as pilot:
        await pilot.press("f10")  # this view is on its closing screen...
        written = other.finish()  # ...when the other view ends and writes the minutes
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        closing = app.screen
        assert isinstance(closing, ClosingScreen) and closing.written == str(written)
    assert [p.name for p in written.parent.iterdir()] == [written.name]
    other.close()


async def test_each_view_keeps_its_own_note_line(session: Session, clock: FakeClock) -> None:
    session.save_draft("todo: renew SLA", "scribe")  # half typed on the scribe's laptop
    room = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with room.run_test():
        assert room.screen.query_one("#note").value == ""  # type: ignore[attr-defined]
    scribe = SamApp(session, clock=clock, ring_bell=False, checkin=False, role="scribe")
    async with scribe.run_test():
        assert scribe.screen.query_one("#note").value == "todo: renew SLA"  # type: ignore[attr-defined]
