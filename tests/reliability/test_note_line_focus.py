"""Issue 11, case 1: the note line has the focus whenever the meeting screen shows.

Below 60x18 the meeting screen shows only "Please enlarge the terminal"; the note line was
hidden with the rest, lost the focus, and never got it back: every note typed after a
small terminal went nowhere. Now it keeps the focus (typing goes on, and the notice shows
the line), and so it does after a dialog, a click on another panel, or Tab.

Real terminals: tmux resizes its window as a user drags one (the app gets SIGWINCH); the
pty harness sends the exact bytes of a mouse click. The journal is the final word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from terminals import (
    journal_notes,
    resume_in_pty,
    resume_in_tmux,
    started_session,
    wait_until,
)
from tmux import private_tmux

from samtui.ui.screens.meeting import MIN_HEIGHT, MIN_WIDTH

pytestmark = pytest.mark.e2e

SIZES = [(50, 15), (160, 48), (59, 30), (100, 17), (80, 24), (30, 10), (120, 36), (20, 5)]
"""From 160x48: below the minimum width, height or both, and back, a note typed at each."""


def test_every_note_typed_across_resizes_reaches_the_journal(
    agenda_file: Path, tmp_path: Path
) -> None:
    journal = started_session(agenda_file)
    typed: list[str] = []
    with private_tmux(tmp_path, "focus") as tmux:
        resume_in_tmux(tmux, journal, tmp_path / "state", (160, 48))

        def resize(columns: int, rows: int) -> None:
            resized = tmux.command("resize-window", "-t", "s", "-x", str(columns), "-y", str(rows))
            assert resized.returncode == 0, resized.stderr
            small = columns < MIN_WIDTH or rows < MIN_HEIGHT
            tmux.wait_for(
                lambda screen: (
                    ("Please enlarge" in screen) == small and (small or "Meeting 0:00:" in screen)
                )
            )

        for round_, (columns, rows) in enumerate(SIZES):
            resize(columns, rows)
            line = f"n{round_} at {columns}x{rows}"
            tmux.type(line)
            tmux.keys("Enter")
            typed.append(line)
            wait_until(lambda: journal_notes(journal) == typed, f"the notes {typed}")

        # Too small to show the note line: the notice shows what goes into it.
        resize(40, 12)
        tmux.type("half a line")
        tmux.wait_for("› half a line")
        resize(160, 48)
        tmux.type(", finished")
        tmux.keys("Enter")
        typed.append("half a line, finished")
        wait_until(lambda: journal_notes(journal) == typed, f"the notes {typed}")


MOUSE_DOWN, MOUSE_UP = "\x1b[<0;{x};{y}M", "\x1b[<0;{x};{y}m"
"""A left click in SGR mouse reporting (1-based cells), as the app asks terminals for."""


F1 = b"\x1bOP"
ESC = b"\x1b[27u"
"""Esc as the kitty keyboard protocol sends it (the app asks for it): one whole sequence,
so the letters typed after it are not read as alt+letter."""


def click(x: int, y: int) -> bytes:
    return (MOUSE_DOWN.format(x=x, y=y) + MOUSE_UP.format(x=x, y=y)).encode()


def test_the_note_line_keeps_the_focus_after_dialogs_clicks_and_tab(
    agenda_file: Path, tmp_path: Path
) -> None:
    journal = started_session(agenda_file)
    terminal = resume_in_pty(journal, tmp_path / "state", size=(120, 36))
    typed: list[str] = []

    def note(line: str) -> None:
        terminal.write(line.encode() + b"\r")
        typed.append(line)
        wait_until(lambda: journal_notes(journal) == typed, f"the notes {typed}")

    try:
        note("before anything")
        mark = terminal.mark()
        terminal.write(F1)  # the help dialog
        terminal.wait_for("start / pause the meeting clock", since=mark)
        mark = terminal.mark()
        terminal.write(b"q")  # closes it
        terminal.wait_for("Start/Pause", since=mark)  # the meeting screen's footer, redrawn
        note("after the help")
        terminal.write(click(4, 5))  # the agenda panel's table
        terminal.write(click(60, 20))  # the moderator panel
        note("after two clicks")
        terminal.write(b"\t\t\t")
        note("after three tabs")
        mark = terminal.mark()
        terminal.write(b"\x07")  # ctrl+g: who gets the floor
        terminal.wait_for("Give the floor", since=mark)
        mark = terminal.mark()
        terminal.write(ESC)
        terminal.wait_for("Start/Pause", since=mark)
        note("after the floor picker")
    finally:
        terminal.kill()


def test_editing_keys_typed_ahead_act_in_their_place(agenda_file: Path, tmp_path: Path) -> None:
    """ctrl+u, ctrl+w and backspace among keys that reach the app in one read (type-ahead,
    tmux send-keys) act where they were typed, not after the keys behind them."""
    journal = started_session(agenda_file)
    terminal = resume_in_pty(journal, tmp_path / "state")
    try:
        terminal.write(b"draft\x15first\rsecond wrong\x17right\rthirdd\x7f\r")
        expected = ["first", "second right", "third"]
        wait_until(lambda: journal_notes(journal) == expected, f"the notes {expected}")
    finally:
        terminal.kill()
