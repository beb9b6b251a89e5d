"""A private tmux server for the tests that drive samtui in a real terminal.

The screen is read with `capture-pane`; every wait polls with a deadline, so a loaded CI
machine is slower but not flaky.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

TIMEOUT = 30.0
"""Generous for a loaded machine: a wait that passes takes only as long as it needs."""
POLL = 0.05


@dataclass
class Tmux:
    """A private tmux server (own socket, own config) holding one session "s"."""

    socket: str
    config: Path

    def command(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    def keys(self, *keys: str) -> None:
        result = self.command("send-keys", "-t", "s", *keys)
        assert result.returncode == 0, result.stderr

    def type(self, text: str) -> None:
        """Send `text` literally (`-l`), so tmux does not read "Enter" or "C-x" in it as keys."""
        result = self.command("send-keys", "-t", "s", "-l", text)
        assert result.returncode == 0, result.stderr

    def screen(self) -> str:
        result = self.command("capture-pane", "-p", "-t", "s")
        return result.stdout if result.returncode == 0 else ""

    def alive(self) -> bool:
        """Whether samtui still runs; its pane stays (remain-on-exit) to show why it ended."""
        result = self.command("display-message", "-p", "-t", "s", "#{pane_dead}")
        return result.returncode == 0 and result.stdout.strip() == "0"

    def wait_for(self, what: str | Callable[[str], bool], timeout: float = TIMEOUT) -> str:
        """Poll the screen until `what` shows; fail with the last screen if it never does."""
        found = what if callable(what) else lambda screen: what in screen
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if found(screen):
                return screen
            if not self.alive():
                pytest.fail(f"samtui exited while waiting for {what!r}; last screen:\n{screen}")
            time.sleep(POLL)
        pytest.fail(f"timed out after {timeout} s waiting for {what!r}; screen:\n{screen}")

    def wait_gone(self, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                return
            time.sleep(POLL)
        pytest.fail(f"samtui still running after {timeout} s; screen:\n{self.screen()}")


def line_became_note(typed: str, noted: str, screen: str) -> bool:
    """The note line was cleared and the note shows in the list (a refused line stays)."""
    return typed not in screen and noted in screen


@contextmanager
def private_tmux(folder: Path, name: str) -> Iterator[Tmux]:
    """A tmux server of the test's own (own socket, own config that keeps a dead pane to
    read its last words), killed at the end."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    config = folder / "tmux.conf"
    config.write_text("set -g remain-on-exit on\n", encoding="utf-8")
    server = Tmux(f"samtui-{name}-{os.getpid()}-{uuid.uuid4().hex[:8]}", config)
    try:
        yield server
    finally:
        server.command("kill-server")
        # tmux 3.3 leaves the socket file behind; tidy it so CI runs do not pile them up.
        sockets = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (sockets / server.socket).unlink(missing_ok=True)


def samtui_run(agenda: Path, state: Path, printed: Path, config: Path | None = None) -> str:
    """The shell command tmux runs: `samtui run AGENDA`, with its own state folder (and
    config folder: `config`, else an empty one under `state`) and what it prints after the
    app exits kept in `printed` (and its exit status beside it).

    `env` sets the variables whatever the tmux server's own environment holds; Textual
    draws on stderr, so stdout holds only the CLI's last words.
    """
    command = shlex.join(
        [
            "env",
            f"XDG_STATE_HOME={state}",
            f"XDG_CONFIG_HOME={config or state / 'config'}",
            "TERM=xterm-256color",
            f"PATH={os.environ.get('PATH', '')}",
            sys.executable,
            "-m",
            "samtui",
            "run",
            str(agenda),
        ]
    )
    status = shlex.quote(str(printed.with_suffix(".status")))
    return f"{command} >{shlex.quote(str(printed))}; echo $? >{status}"
