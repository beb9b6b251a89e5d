"""A paste made while a dialog is open is kept: it goes into the meeting's note line.

Through a pty of the test's own, with the exact bytes a terminal in bracketed-paste mode
writes. Before the fix the paste reached the dialog's focused button or list and was
gone: no note, nothing in the note line, nothing said.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from terminals import PtyTerminal, journal_notes, resume_in_pty, started_session, wait_until

pytestmark = pytest.mark.e2e

F1 = b"\x1bOP"
CTRL_G = b"\x07"
ESC = b"\x1b[27u"
"""Esc as the kitty keyboard protocol sends it (the app asks for it): one whole sequence.
A bare ESC waits to see whether a sequence follows; on a busy machine the " and done"
written after it arrived in time to make it alt+space, and the floor picker stayed open
(the meeting's Footer, seen through the dialog, was redrawn by a tick meanwhile)."""


def paste(text: bytes) -> bytes:
    return b"\x1b[200~" + text + b"\x1b[201~"


@pytest.fixture
def room(agenda_file: Path, tmp_path: Path) -> Iterator[tuple[PtyTerminal, Path]]:
    journal = started_session(agenda_file)
    terminal = resume_in_pty(journal, tmp_path / "state", size=(140, 40))
    try:
        yield terminal, journal
    finally:
        terminal.kill()


@pytest.mark.parametrize(
    ("key", "shown"),
    [(F1, "Note syntax (type in the note line)"), (CTRL_G, "Give the floor to")],
    ids=["help", "floor picker"],
)
def test_a_paste_with_a_dialog_open_becomes_notes_and_the_rest_stays_in_the_line(
    room: tuple[PtyTerminal, Path], key: bytes, shown: str
) -> None:
    terminal, journal = room
    mark = terminal.mark()
    terminal.write(key)
    terminal.wait_for(shown, since=mark)
    mark = terminal.mark()
    terminal.write(paste(b"! keep plan B\runfinished"))
    terminal.wait_for("into the meeting's note line", since=mark)
    wait_until(lambda: journal_notes(journal) == ["keep plan B"], "the ended line as a note")
    mark = terminal.mark()
    terminal.write(ESC)
    terminal.wait_for("Next item", since=mark)  # the meeting screen is drawn again
    terminal.write(b" and done\r")
    wait_until(
        lambda: journal_notes(journal) == ["keep plan B", "unfinished and done"],
        "the unfinished line finished in the note line",
    )
