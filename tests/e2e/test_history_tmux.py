"""`samtui history` without --format, in a real terminal: the screen, a key, q, exit status,
and the line naming the file it skipped (printed before the screen opens, there after).

A private tmux server runs the command; the screen is read with `capture-pane`, every wait
polls with a deadline.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from history_chain import four_reviews

TIMEOUT = 15.0
POLL = 0.05

pytestmark = pytest.mark.e2e


class Terminal:
    def __init__(self, folder: Path) -> None:
        self.socket = f"samtui-history-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.config = folder / "tmux.conf"
        self.config.write_text("set -g remain-on-exit on\n", encoding="utf-8")

    def command(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    def screen(self) -> str:
        return self.command("capture-pane", "-p", "-t", "s").stdout

    def dead(self) -> bool:
        shown = self.command("display-message", "-p", "-t", "s", "#{pane_dead}").stdout
        return shown.strip() == "1"

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            assert not self.dead(), f"samtui exited waiting for {text!r}:\n{screen}"
            time.sleep(POLL)
        pytest.fail(f"timed out waiting for {text!r}; screen:\n{self.screen()}")

    def wait_dead(self) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not self.dead():
            assert time.monotonic() < deadline, f"samtui still running:\n{self.screen()}"
            time.sleep(POLL)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    server = Terminal(tmp_path)
    try:
        yield server
    finally:
        server.command("kill-server")
        folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (folder / server.socket).unlink(missing_ok=True)


def test_the_history_screen_in_a_real_terminal(terminal: Terminal, tmp_path: Path) -> None:
    minutes = four_reviews(tmp_path)
    (tmp_path / "minutes" / "notes.toml").write_text("not = [minutes", encoding="utf-8")
    status = tmp_path / "status"
    command = shlex.join(
        [
            "env",
            "TERM=xterm-256color",
            f"PATH={os.environ.get('PATH', '')}",
            sys.executable,
            "-m",
            "samtui",
            "history",
            str(minutes[0].parent),
        ]
    )
    program = f"{command}; echo $? >{status}"  # Textual draws on stderr: not redirected
    started = terminal.command("new-session", "-d", "-s", "s", "-x", "140", "-y", "40", program)
    assert started.returncode == 0, started.stderr
    screen = terminal.wait_for("History of Acme Corp · 4 reviews")
    assert "1 file skipped" in screen and "overdue actions" in screen
    terminal.command("send-keys", "-t", "s", "2")
    terminal.wait_for("carried ×3, open")
    terminal.command("send-keys", "-t", "s", "q")
    terminal.wait_dead()
    assert status.read_text(encoding="utf-8").strip() == "2"  # a file could not be read
    left = terminal.command("capture-pane", "-p", "-S", "-", "-t", "s").stdout
    said = " ".join(left.split())  # the skipped line, printed after the screen closed
    assert f"{tmp_path / 'minutes' / 'notes.toml'}:1:" in said and "; skipped" in said
