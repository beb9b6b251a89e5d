"""A paste while a dialog is open is never lost (the issues' new-user trial).

A paste reaches the focused widget; a dialog's buttons and lists take none, so a paste
made with the help, the map, the floor picker or the closing screen open vanished. It
goes into the meeting's note line behind the dialog (as a paste there would: each line it
ends becomes a note), with a notice saying so; only a dialog's own text field takes a
one-line paste itself. Pastes are posted to the app as the driver posts them.
"""

from __future__ import annotations

import pytest
from notices import Notices
from textual import events
from textual.screen import Screen
from textual.widgets import Input
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.checkin import CheckinScreen
from samtui.ui.screens.meeting import MeetingScreen

TOLD = "into the meeting's note line"


def note_texts(session: Session) -> list[str]:
    return [note.text for note in sorted(session.meeting.state.notes.values(), key=lambda n: n.id)]


def note_line(app: SamApp) -> Input:
    meeting = next(s for s in app.screen_stack if isinstance(s, MeetingScreen))
    return meeting.query_one("#note", Input)


@pytest.mark.parametrize(
    ("key", "dialog"),
    [
        ("f1", "HelpScreen"),
        ("f2", "StakeholderScreen"),
        ("ctrl+r", "RecapScreen"),
        ("ctrl+g", "FloorPicker"),
        ("f10", "ClosingScreen"),
        ("f12", "StageScreen"),
    ],
)
async def test_a_paste_with_a_dialog_open_goes_into_the_note_line(
    app: SamApp, session: Session, notices: Notices, key: str, dialog: str
) -> None:
    async with app.run_test(size=(160, 48), message_hook=notices.hook) as pilot:
        await pilot.press("f5", key)
        await until(pilot, lambda: type(app.screen).__name__ == dialog, f"the {dialog}")
        app.post_message(events.Paste("! keep plan B\nunfinished"))
        await until(pilot, lambda: note_line(app).value == "unfinished", "the paste in the line")
        await until(pilot, lambda: note_texts(session) == ["keep plan B"], "the ended line a note")
        assert type(app.screen).__name__ == dialog  # the dialog stays open
        assert notices.told(TOLD), notices.messages


async def test_a_one_line_paste_into_the_floor_pickers_field_stays_there(
    app: SamApp, notices: Notices
) -> None:
    async with app.run_test(size=(160, 48), message_hook=notices.hook) as pilot:
        await pilot.press("f5", "ctrl+g")
        await until(pilot, lambda: type(app.screen).__name__ == "FloorPicker", "the picker")
        app.post_message(events.Paste("ren"))
        await until(pilot, lambda: app.screen.query_one("#who", Input).value == "ren", "typed")
        assert note_line(app).value == ""
        assert not notices.told(TOLD)


async def test_a_paste_on_the_check_in_waits_for_the_note_line(
    session: Session, clock: FakeClock, notices: Notices
) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=True)
    async with app.run_test(size=(160, 48), message_hook=notices.hook) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen), "the check-in")
        app.post_message(events.Paste("said before the start"))
        await until(pilot, lambda: notices.told("note line"), "the notice")
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        await until(
            pilot, lambda: note_line(app).value == "said before the start", "the paste in the line"
        )


async def test_a_paste_on_the_help_over_the_check_in_is_kept_too(
    session: Session, clock: FakeClock, notices: Notices
) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=True)
    async with app.run_test(size=(160, 48), message_hook=notices.hook) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen), "the check-in")
        await pilot.press("f1")
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help")
        app.post_message(events.Paste("a\nb"))
        await until(pilot, lambda: notices.told("note line"), "the notice")
        assert session.draft() == "a\nb"  # kept in the journal at once: a crash loses none
        await pilot.press("escape", "f5")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        await until(pilot, lambda: note_line(app).value == "a", "the first line in the line")
        await pilot.press("enter")
        await until(pilot, lambda: note_texts(session) == ["a"], "a note")
        await until(pilot, lambda: note_line(app).value == "b", "the last line back")


async def test_a_viewer_is_told_a_paste_is_not_taken(
    session: Session, clock: FakeClock, notices: Notices
) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False, role="viewer")
    async with app.run_test(size=(160, 48), message_hook=notices.hook) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, Screen) and app.screen.is_modal, "help")
        app.post_message(events.Paste("nowhere to go"))
        await until(pilot, lambda: notices.told("only follows"), "the notice")


async def test_a_paste_after_the_minutes_are_written_is_refused_in_words(
    app: SamApp, session: Session, notices: Notices
) -> None:
    """The trial: F10, Enter (minutes written), a paste: the notice said it went into the
    note line, but a meeting that has ended takes no notes; it sat in a finished session's
    draft, in no minutes."""
    async with app.run_test(size=(160, 48), message_hook=notices.hook) as pilot:
        await pilot.press("f5", "f10")
        await until(pilot, lambda: type(app.screen).__name__ == "ClosingScreen", "closing")
        await pilot.press("enter")
        await until(pilot, lambda: session.meeting.state.ended, "the meeting ended")
        await until(pilot, lambda: session.journal.info().state == "finished", "minutes written")
        app.post_message(events.Paste("pasted after the minutes\n"))
        await until(pilot, lambda: notices.told("has ended: the paste was not taken"), "refused")
        assert not notices.told(TOLD), notices.messages
        assert note_texts(session) == []
