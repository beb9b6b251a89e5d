"""The terminal window closed (SIGHUP), a kill (SIGTERM), a hard kill (SIGKILL) mid-line:
`samtui run` in a real terminal keeps a resumable session with the half-typed line saved.

Uses the private tmux server of tests/tmux.py.
SIGHUP and SIGTERM are sent at once after the line shows, so the app's signal handler must
save it; SIGKILL cannot be handled, so it is sent once the periodic save has written it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux import Tmux, private_tmux, samtui_run

from samtui.core.clock import FakeClock
from samtui.core.journal import Journal
from samtui.core.session import Session

pytestmark = pytest.mark.e2e

TIMEOUT = 30.0
POLL = 0.05
HALF_LINE = "todo: send the renewal deck to the CF"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    with private_tmux(tmp_path, "signals") as server:
        yield server


def samtui_pid(tmux: Tmux) -> int:
    """The python process running samtui: the pane's process or one of its descendants."""
    result = tmux.command("display-message", "-p", "-t", "s", "#{pane_pid}")
    assert result.returncode == 0, result.stderr
    waiting = [int(result.stdout.strip())]
    while waiting:
        pid = waiting.pop()
        command = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        if "samtui" in command and Path(command[0]).name.startswith("python"):
            return pid
        for task in Path(f"/proc/{pid}/task").iterdir():
            waiting += [int(child) for child in (task / "children").read_text().split()]
    pytest.fail("no samtui process under the tmux pane")


def start_meeting_and_type(tmux: Tmux, agenda: Path, state: Path, printed: Path) -> int:
    program = samtui_run(agenda, state, printed)
    started = tmux.command(
        "new-session", "-d", "-s", "s", "-x", "120", "-y", "36", "-c", str(agenda.parent), program
    )
    assert started.returncode == 0, started.stderr
    tmux.wait_for("Start the meeting")  # the check-in screen
    tmux.keys("F5")
    tmux.wait_for(lambda screen: "Check-in round" in screen and "Meeting 0:00:0" in screen)
    tmux.type(HALF_LINE)
    tmux.wait_for(HALF_LINE[-24:])  # the note line scrolls: its end shows
    return samtui_pid(tmux)


def exit_status(printed: Path) -> str:
    """samtui's exit status, as the shell in the pane wrote it (128+N for death by signal N).

    Read from a file, not from tmux's pane_dead_status, which tmux versions fill in
    differently and late."""
    status = printed.with_suffix(".status")
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if status.exists() and status.read_text(encoding="utf-8").strip():
            return status.read_text(encoding="utf-8").strip()
        time.sleep(POLL)
    pytest.fail("samtui never ended")


def the_session(state: Path) -> Path:
    (path,) = (state / "samtui" / "sessions").glob("*.sqlite3")
    return path


def saved_draft(path: Path) -> str:
    with Journal.open(path, readonly=True) as journal:
        return journal.draft()


def assert_resumable_with_the_draft(path: Path) -> None:
    session = Session.resume(path, clock=FakeClock())
    try:
        assert session.draft() == HALF_LINE
        assert session.journal.info().state == "running"
        state = session.meeting.state
        assert state.started and not state.ended
    finally:
        session.close()


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=lambda s: s.name)
def test_a_signal_saves_the_half_typed_line(
    sig: signal.Signals, tmux: Tmux, agenda_file: Path, tmp_path: Path
) -> None:
    state, printed = tmp_path / "state", tmp_path / "stdout.txt"
    pid = start_meeting_and_type(tmux, agenda_file, state, printed)
    os.kill(pid, sig)  # at once: only the signal handler can have saved the line
    assert exit_status(printed) == "0"  # a clean exit, not death by signal
    path = the_session(state)
    assert printed.read_text(encoding="utf-8") == (
        f"The meeting is saved in {path}\nCarry on with:  samtui resume {path.stem}\n"
    )
    assert_resumable_with_the_draft(path)


def test_sigkill_after_the_periodic_save_keeps_the_line(
    tmux: Tmux, agenda_file: Path, tmp_path: Path
) -> None:
    state, printed = tmp_path / "state", tmp_path / "stdout.txt"
    pid = start_meeting_and_type(tmux, agenda_file, state, printed)
    typed = time.monotonic()
    path = the_session(state)
    while saved_draft(path) != HALF_LINE:
        assert time.monotonic() - typed < TIMEOUT, "the draft was never saved"
        time.sleep(POLL)
    # How soon the periodic save lands (about a second) is the benchmark's figure.
    os.kill(pid, signal.SIGKILL)
    tmux.wait_gone()
    assert_resumable_with_the_draft(path)
    # The killed run left its lock files; the CLI reopens the session all the same.
    listed = subprocess.run(
        [sys.executable, "-m", "samtui", "sessions"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "XDG_STATE_HOME": str(state)},
        check=False,
    )
    assert listed.returncode == 0 and f"{path.stem}  " in listed.stdout
    assert "running" in listed.stdout
