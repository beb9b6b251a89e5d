"""What is typed before samtui has set up its terminal still becomes notes.

The fault (tried in tmux): F5 and a note typed the moment `samtui run` was started, Enter
at the end, left the note in the note line, unsent. Until the app puts the terminal in raw
mode the line discipline turns a typed Enter (CR) into a line feed, which Textual reads as
ctrl+j, and the note line took only "enter" as the end of a line. A paste without
bracketed paste delivers its line breaks as line feeds too.
"""

from __future__ import annotations

from pathlib import Path

from terminals import PtyTerminal, child_env, journal_notes, started_session, wait_until
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.meeting import MeetingScreen


def test_a_note_typed_before_the_app_has_the_terminal_is_sent(
    agenda_file: Path, tmp_path: Path
) -> None:
    journal = started_session(agenda_file)
    terminal = PtyTerminal(
        ["-m", "samtui", "resume", str(journal), "--no-bell"],
        env=child_env(tmp_path / "state"),
        cwd=tmp_path,
        size=(120, 36),
    )
    try:
        # Python has not started yet: the pty is still in cooked mode, and turns CR into LF
        terminal.write(b"typed ahead\rand a second\r")
        terminal.wait_for("Meeting 0:00:")
        wait_until(
            lambda: journal_notes(journal) == ["typed ahead", "and a second"],
            "both notes typed ahead in the journal",
        )
    finally:
        terminal.kill()


async def test_a_line_feed_ends_the_note_line_as_enter_does(
    review: Session, clock: FakeClock
) -> None:
    review.meeting.toggle_clock()
    app = SamApp(review, clock=clock, ring_bell=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        await pilot.press(*"one", "ctrl+j", *"two", "enter")
        await until(
            pilot,
            lambda: [n.text for n in review.meeting.state.notes.values()] == ["one", "two"],
            "two notes",
        )
