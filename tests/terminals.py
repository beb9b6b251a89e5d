"""Real terminals for samtui: a pseudo-terminal of the test's own, and tmux.

`PtyTerminal`: the test holds the master side and writes exact bytes to it (bracketed
pastes, escape sequences, mouse reports), resizes it, signals the process, or closes the
master as a terminal that went away. The pty is the app's controlling terminal, so
closing the master hangs it up as the kernel does for a closed window or a lost ssh
connection. `private_tmux` (from tests/tmux.py): a private tmux server, for what a
terminal emulator does (resize-window, kill-server).

Every wait polls with a deadline. What the app drew is read with its escape sequences
taken out, so a wait can look for a word on the screen; what the app did is read from
its journal (`journal_notes`, `saved_draft`).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shlex
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from samtui.core.clock import FakeClock, SystemClock
from samtui.core.journal import Journal
from samtui.core.session import Session

TIMEOUT = 20.0
POLL = 0.05

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
    r"|\x1b[ -/][@-~]"
)

_CONTROLLING = (
    "import fcntl, os, sys, termios; "
    "fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])"
)
"""Run in the child's new session: make the pty its controlling terminal, then exec."""

F5 = b"\x1b[15~"


def plain(output: bytes) -> str:
    """What the app wrote, without escape sequences (words on the screen stay together)."""
    return _ESCAPES.sub("", output.decode("utf-8", "replace"))


class PtyTerminal:
    """One process on one pseudo-terminal; the test holds the master side."""

    def __init__(
        self, args: list[str], *, env: dict[str, str], cwd: Path, size: tuple[int, int]
    ) -> None:
        self.master, slave = os.openpty()
        self.resize(*size, fd=slave)
        self.stdout = cwd / f"stdout-{time.monotonic_ns()}.txt"
        with self.stdout.open("wb") as printed:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _CONTROLLING, *args],
                stdin=slave,
                stdout=printed,  # the CLI's last words; Textual draws on stderr
                stderr=slave,
                cwd=cwd,
                env=env,
                start_new_session=True,
            )
        os.close(slave)
        self._open = True
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read(self) -> None:
        """Drain the master as a terminal does, so the app never waits on a full pty."""
        while self._open:
            try:
                ready, _, _ = select.select([self.master], [], [], POLL)
                if not ready or not self._open:
                    continue
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the app's side is closed (it ended); EBADF: we closed it
                return
            if not chunk:
                return
            with self._lock:
                self._output += chunk

    def output(self) -> bytes:
        with self._lock:
            return bytes(self._output)

    def screen_text(self) -> str:
        return plain(self.output())

    def mark(self) -> int:
        """Where the output stands now: `wait_for(..., since=mark)` looks only after it."""
        with self._lock:
            return len(self._output)

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def resize(self, columns: int, rows: int, *, fd: int | None = None) -> None:
        """Set the window size; the kernel sends SIGWINCH to the app, as a terminal's does."""
        size = struct.pack("HHHH", rows, columns, 0, 0)
        fcntl.ioctl(self.master if fd is None else fd, termios.TIOCSWINSZ, size)

    def wait_for(self, text: str, *, since: int = 0, timeout: float = TIMEOUT) -> None:
        """Wait until the app drew `text` (after `since`, a `mark()`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in plain(self.output()[since:]):
                return
            if self.process.poll() is not None:
                raise AssertionError(f"samtui ended ({self.process.returncode}) before {text!r}")
            time.sleep(POLL)
        raise AssertionError(f"{text!r} never showed; last output:\n{self.screen_text()[-2000:]}")

    def close_master(self) -> None:
        """The terminal went away (a closed window, a lost ssh connection)."""
        self._open = False
        os.close(self.master)  # the reader ends on its next select; `kill` waits for it

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired as expired:
            raise AssertionError(f"samtui still runs {timeout} s later") from expired

    def kill(self) -> None:
        """End the app if it still runs, and the reader (before the test opens any file, so
        the reader never selects on a number the closed master's reuse gave to another)."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(TIMEOUT)
        if self._open:
            self.close_master()
        self._reader.join(TIMEOUT)


def child_env(state: Path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_STATE_HOME": str(state),
        "TERM": "xterm-256color",
        "TZ": "UTC",
    }


def started_session(agenda: Path) -> Path:
    """A journaled meeting with its clock running, for `samtui resume` to open on the
    meeting screen (the note line focused from the start)."""
    session = Session.start(agenda, clock=SystemClock())
    try:
        session.meeting.toggle_clock()
        return session.path
    finally:
        session.close()


def resume_in_pty(journal: Path, state: Path, *, size: tuple[int, int] = (120, 36)) -> PtyTerminal:
    """`samtui resume JOURNAL` on a fresh pty, once its meeting screen shows."""
    terminal = PtyTerminal(
        ["-m", "samtui", "resume", str(journal), "--no-bell"],
        env=child_env(state),
        cwd=journal.parent,
        size=size,
    )
    try:
        terminal.wait_for("Meeting 0:00:")
    except BaseException:
        terminal.kill()
        raise
    return terminal


def journal_notes(journal: Path) -> list[str]:
    """The texts of the notes in the journal, in the order they were added."""
    session = Session.resume(journal, clock=FakeClock(), readonly=True)
    try:
        notes = sorted(session.meeting.state.notes.values(), key=lambda note: note.id)
        return [note.text for note in notes]
    finally:
        session.close()


def saved_draft(journal: Path) -> str:
    with Journal.open(journal, readonly=True) as opened:
        return opened.draft()


def wait_until(condition: Callable[[], bool], what: str, *, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(POLL)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def process_gone(pid: int) -> bool:
    """Whether `pid` has ended (a zombie nobody reaped yet has ended too)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


# -- tmux: see tests/tmux.py ------------------------------------------------------------


def resume_in_tmux(tmux: Any, journal: Path, state: Path, size: tuple[int, int]) -> int:
    """`samtui resume JOURNAL` as the pane's own process (as `tmux new 'samtui run x'`),
    once its meeting screen shows; its pid."""
    command = shlex.join(
        [
            "env",
            "-u",  # tmux started under pytest's capture sets them (80x24): a real terminal
            "COLUMNS",  # exports neither, and Textual would take them over the real size
            "-u",
            "LINES",
            *(f"{key}={value}" for key, value in child_env(state).items() if key in _PASSED),
            sys.executable,
            "-m",
            "samtui",
            "resume",
            str(journal),
            "--no-bell",
        ]
    )
    columns, rows = size
    started = tmux.command(
        "new-session", "-d", "-s", "s", "-x", str(columns), "-y", str(rows), f"exec {command}"
    )
    assert started.returncode == 0, started.stderr
    tmux.wait_for("Meeting 0:00:")
    shown = tmux.command("display-message", "-p", "-t", "s", "#{pane_pid}")
    assert shown.returncode == 0, shown.stderr
    return int(shown.stdout.strip())


_PASSED = ("XDG_STATE_HOME", "TERM", "TZ", "PATH", "HOME")
"""What the pane's command sets whatever the tmux server's own environment holds."""
