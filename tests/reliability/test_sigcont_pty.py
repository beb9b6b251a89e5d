"""Issue 11, case 2: after SIGSTOP and SIGCONT every key still reaches one reader, in order.

Textual 8.2 restarted its input thread on every SIGCONT without stopping the running one
(a SIGSTOP cannot be caught, and a terminal hangup sends SIGCONT too): two threads then
read the terminal and each key went to one of them, so notes came out split and
shuffled ('aft', 'er cont 04 ...'). Real signals to samtui on a pty of the test's own.

The keys are written one a read, a millisecond apart, as a fast typist's or tmux
send-keys' reach the app; that pause shapes the input, it waits for nothing.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from terminals import (
    PtyTerminal,
    journal_notes,
    resume_in_pty,
    started_session,
    wait_until,
)

pytestmark = pytest.mark.e2e

KEY_GAP = 0.001
ROUNDS = 3


def type_keys(terminal: PtyTerminal, line: str) -> None:
    for byte in line.encode() + b"\r":
        terminal.write(bytes([byte]))
        time.sleep(KEY_GAP)


def process_state(pid: int) -> str:
    """R, S, T (stopped)... from /proc."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def stop_and_continue(terminal: PtyTerminal, stop: signal.Signals) -> None:
    os.kill(terminal.pid, stop)
    wait_until(lambda: process_state(terminal.pid) == "T", f"samtui stopped by {stop.name}")
    os.kill(terminal.pid, signal.SIGCONT)
    wait_until(lambda: process_state(terminal.pid) != "T", "samtui running again")


@pytest.mark.parametrize(
    "stop",
    [signal.SIGSTOP, signal.SIGTSTP],
    ids=["SIGSTOP (from outside)", "SIGTSTP (suspend, as ctrl+z in a shell)"],
)
def test_two_notes_typed_after_each_stop_and_continue_come_out_whole(
    stop: signal.Signals, agenda_file: Path, tmp_path: Path
) -> None:
    journal = started_session(agenda_file)
    terminal = resume_in_pty(journal, tmp_path / "state")
    typed: list[str] = []
    try:
        for round_ in range(ROUNDS):
            stop_and_continue(terminal, stop)
            for note in range(2):
                line = f"after continue {round_}.{note}: every key in its place"
                type_keys(terminal, line)
                typed.append(line)
            wait_until(lambda: journal_notes(journal) == typed, f"the notes {typed}")
    finally:
        terminal.kill()


def test_a_suspended_app_gives_the_terminal_back_and_takes_it_again(
    agenda_file: Path, tmp_path: Path
) -> None:
    """SIGTSTP (Textual's suspend) leaves application mode before stopping, and SIGCONT
    enters it again: the alternate screen is left and re-entered."""
    journal = started_session(agenda_file)
    terminal = resume_in_pty(journal, tmp_path / "state")
    try:
        mark = terminal.mark()
        os.kill(terminal.pid, signal.SIGTSTP)
        wait_until(lambda: process_state(terminal.pid) == "T", "samtui suspended")
        wait_until(lambda: b"\x1b[?1049l" in terminal.output()[mark:], "the alternate screen left")
        mark = terminal.mark()
        os.kill(terminal.pid, signal.SIGCONT)
        wait_until(lambda: b"\x1b[?1049h" in terminal.output()[mark:], "the alternate screen again")
        terminal.wait_for("Meeting 0:00:", since=mark)
        type_keys(terminal, "back from a suspend")
        wait_until(lambda: journal_notes(journal) == ["back from a suspend"], "the note")
    finally:
        terminal.kill()
