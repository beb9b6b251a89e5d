"""OpenSSH's own `ssh`, in a real terminal, against `samtui host`: what a scribe types.

Skipped where `ssh` is not installed (.ci/run installs openssh-client). The join code is
given through SSH_ASKPASS (ssh's way to ask for a secret without a person), which also
records the prompt ssh shows; the known_hosts file ssh writes holds the key it was shown,
whose fingerprint must be the one `samtui host` printed.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte
import pytest
from hosting import DRAWN, samtui_host

from samtui.core.clock import SystemClock
from samtui.core.events import NoteAdded
from samtui.core.journal import Journal
from samtui.core.session import Session

pytestmark = [
    pytest.mark.skipif(shutil.which("ssh") is None, reason="OpenSSH's ssh is missing"),
    pytest.mark.usefixtures("host_homes"),
]
COLUMNS, ROWS = 120, 36


class Ssh:
    """`ssh` on a pseudo-terminal of ours, its screen read through pyte."""

    def __init__(self, arguments: list[str], environment: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        size = struct.pack("HHHH", ROWS, COLUMNS, 0, 0)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, size)
        self.process = subprocess.Popen(
            arguments,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,
        )
        os.close(slave)
        os.set_blocking(self.master, False)
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.received = bytearray()

    def pump(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except (BlockingIOError, OSError):
                return
            if not data:
                return
            self.received += data
            self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def until_shows(self, wanted: str, seconds: float = 40.0) -> None:
        self.until(lambda: wanted in self.text(), f"{wanted!r} shown", seconds)

    def until(self, condition: Callable[[], bool], what: str, seconds: float = 40.0) -> None:
        """Wait for `condition`, reading the screen meanwhile, as a terminal does: an ssh
        whose output nobody reads stops reading the connection, and the view then waits."""
        deadline = time.monotonic() + seconds
        while not condition():
            self.pump()
            assert self.process.poll() is None or condition(), self.output()
            assert time.monotonic() < deadline, f"never: {what}; the screen:\n{self.text()}"
            time.sleep(0.05)

    def output(self) -> str:
        return self.received.decode("utf-8", "replace")

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def end(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        os.close(self.master)


def test_a_scribe_types_a_note_with_openssh(agenda_file: Path, tmp_path: Path) -> None:
    session = Session.start(agenda_file, clock=SystemClock())
    session.meeting.toggle_clock()
    session.close()
    known, prompts = tmp_path / "known_hosts", tmp_path / "prompts"
    with samtui_host(session.path, tmp_path) as hosted:
        askpass = tmp_path / "askpass"
        askpass.write_text(f'#!/bin/sh\necho "$1" >> {prompts}\necho "{hosted.code}"\n')
        askpass.chmod(0o700)
        environment = {
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path),
            "TERM": "xterm-256color",
            "SSH_ASKPASS": str(askpass),
            "SSH_ASKPASS_REQUIRE": "force",
        }
        ssh = Ssh(
            [
                "ssh",
                "-F",
                "/dev/null",
                "-p",
                str(hosted.port),
                "-o",
                "StrictHostKeyChecking=accept-new",
                "-o",
                f"UserKnownHostsFile={known}",
                "-o",
                "PubkeyAuthentication=no",
                "scribe@127.0.0.1",
            ],
            environment,
        )
        try:
            ssh.until_shows(DRAWN)
            ssh.type("! the scribe's laptop works")
            ssh.until_shows("! the scribe's laptop works")
            ssh.type("\r")
            ssh.until(lambda: notes(session.path) == ["the scribe's laptop works"], "the note")
            ssh.until_shows("the scribe's laptop works")
            ssh.type("\x11")  # ctrl+q: the scribe leaves
            ssh.until_shows("Back with the same ssh command (user scribe).")
            assert ssh.process.wait(timeout=30) == 0
        finally:
            ssh.end()
    assert "Join code:" in prompts.read_text()
    shown = subprocess.run(
        ["ssh-keygen", "-l", "-E", "sha256", "-f", str(known)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert hosted.fingerprint in shown


def notes(path: Path) -> list[str]:
    with Journal.open(path, readonly=True) as journal:
        return [e.text for e in journal.events() if isinstance(e, NoteAdded)]
