"""Issue 11, case 8: when the terminal goes away samtui ends, with the draft saved, every time.

Before the fix about one hangup in three left samtui blocked for good: Textual's writer
thread died on its first write to the closed terminal, the next writes filled its queue,
and the event loop waited on it in `WriterThread.stop()`, where no SIGTERM handler on the
loop could run. (The SIGCONT a hangup sends had started a second writer beside the first.)
Here the terminal goes away again and again, each time with half a line typed: the pty's
master closed (a lost ssh connection, a closed window), every other time just after a
SIGCONT, and tmux's server killed under a pane that runs samtui itself (`tmux new
'samtui run x'`).

The promise is 2 seconds (samtui/ui/hangup.py ends the process by then); the waits here
are generous, for a loaded machine: what is asserted is that the process ends and the
draft is in the journal. tests/perf/bench.py measures the time.
"""

from __future__ import annotations

import os
import signal
import sqlite3
from functools import partial
from pathlib import Path

import pytest
from terminals import (
    TIMEOUT,
    process_gone,
    resume_in_pty,
    resume_in_tmux,
    saved_draft,
    started_session,
    wait_until,
)
from tmux import private_tmux

pytestmark = pytest.mark.e2e

PTY_HANGUPS = 10
TMUX_HANGUPS = 4


def test_ten_closed_terminals_in_a_row_each_end_samtui_with_the_draft_saved(
    agenda_file: Path, tmp_path: Path
) -> None:
    journal = started_session(agenda_file)
    draft = ""
    for round_ in range(PTY_HANGUPS):
        terminal = resume_in_pty(journal, tmp_path / "state")
        try:
            piece = f"{round_}: half"  # the resumed line comes back, and grows
            mark = terminal.mark()
            terminal.write(piece.encode())
            terminal.wait_for(piece, since=mark)
            draft += piece
            if round_ % 2:
                # The hangup's SIGCONT a moment before the terminal is gone, as when the
                # terminal's side signals the process group first (tmux does, with SIGHUP).
                os.kill(terminal.pid, signal.SIGCONT)
            terminal.close_master()
            terminal.wait_exit(TIMEOUT)
        finally:
            terminal.kill()
        assert saved_draft(journal) == draft, f"hangup {round_}"


def test_a_killed_tmux_server_ends_samtui_with_the_draft_saved(
    agenda_file: Path, tmp_path: Path
) -> None:
    journal = started_session(agenda_file)
    draft = ""
    for round_ in range(TMUX_HANGUPS):
        with private_tmux(tmp_path, f"hangup{round_}") as tmux:
            pid = resume_in_tmux(tmux, journal, tmp_path / "state", (120, 36))
            piece = f"{round_}: half"
            tmux.type(piece)
            tmux.wait_for(piece)
            draft += piece
            killed = tmux.command("kill-server")
            assert killed.returncode == 0, killed.stderr
            wait_until(partial(process_gone, pid), f"samtui ({pid}) gone")
        assert saved_draft(journal) == draft, f"hangup {round_}"


def test_a_kill_ends_samtui_even_while_another_program_holds_the_journal(
    agenda_file: Path, tmp_path: Path
) -> None:
    """A lock held elsewhere must not keep samtui alive: it ends while the lock is still
    held. (The app's own writes wait 50 ms for a lock, so its loop ends it, status 0; were
    the loop stuck in a write, the watchdog would, with 128 + SIGTERM.) The line typed
    cannot be saved meanwhile."""
    journal = started_session(agenda_file)
    terminal = resume_in_pty(journal, tmp_path / "state")
    holder = sqlite3.connect(journal, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        mark = terminal.mark()
        terminal.write(b"typed while locked")  # its save waits for the lock, on the loop
        terminal.wait_for("typed while locked", since=mark)
        os.kill(terminal.pid, signal.SIGTERM)
        assert terminal.wait_exit(TIMEOUT) in (0, 128 + signal.SIGTERM)
        assert holder.in_transaction  # it ended without the lock
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        terminal.kill()
