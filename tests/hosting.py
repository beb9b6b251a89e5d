"""A real `samtui host` for tests, and remote views of it as an SSH client sees them.

`samtui_host` runs the host as a subprocess in its own process group on a port the system
picks (`--port 0`), and reads the port, the join code and the fingerprint it prints. A
`RemoteView` is a real SSH connection (asyncssh's client) with a terminal: what the view
draws is fed to a terminal emulator (pyte), so a test reads the remote screen as a person
would. Every wait has a deadline; the host's whole group is killed when the test ends.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import asyncssh
import pyte

START_SECONDS = 30.0
"""A loaded CI machine takes seconds to import the host, as long again for a view."""
SHOWN_SECONDS = 40.0
POLL = 0.05
SIZE = (120, 36)
DRAWN = "1/3 "
"""The moderator panel's item counter, in every layout: drawn by the meeting screen's
on_mount, which also gives the note line the focus (a frame can show the screen's widgets,
the note line's hint included, before that has run: keys typed then go nowhere)."""


def host_environment(folder: Path) -> dict[str, str]:
    """The host's key and authorized_keys in the test's folder, never the user's."""
    return {
        **os.environ,
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "TERM": "xterm-256color",
    }


@dataclass
class Hosted:
    """A running `samtui host`: where it listens and what it printed."""

    process: subprocess.Popen[bytes]
    port: int
    code: str
    fingerprint: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def view_processes(state: str | None = None) -> list[int]:
    """Live view processes of `samtui host` on journals under `state` (by default this
    test's XDG_STATE_HOME: tests running beside it have their own), a killed host's too."""
    under = (state or os.environ["XDG_STATE_HOME"]).encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            status = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        ours = len(argv) > 3 and argv[2] == b"samtui.host.seat" and argv[3].startswith(under)
        if ours and status != "Z":
            found.append(int(entry.name))
    return found


def resident_kib(pid: int) -> int:
    """A process's resident memory (Linux's /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@contextmanager
def samtui_host(session: Path, folder: Path, *options: str) -> Iterator[Hosted]:
    """Start `samtui host SESSION --port 0 OPTIONS...`; yield once it listens."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"host-{time.monotonic_ns()}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "samtui", "host", str(session), "--port", "0", *options],
            env=host_environment(folder),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield _started(process, log)
    finally:
        stop_group(process)


def _started(process: subprocess.Popen[bytes], log: Path) -> Hosted:
    deadline = time.monotonic() + START_SECONDS
    while True:
        text = log.read_text(encoding="utf-8", errors="replace")
        port = re.search(r"over SSH on \S+:(\d+) ", text)
        code = re.search(r"Join code:\s+(\S+)", text)
        key = re.search(r"Host key:\s+(SHA256:\S+)", text)
        if port and code and key and "Connect:" in text:
            return Hosted(process, int(port.group(1)), code.group(1), key.group(1), log)
        if process.poll() is not None:
            raise AssertionError(f"samtui host ended ({process.returncode}): {text!r}")
        assert time.monotonic() < deadline, f"samtui host never listened: {text!r}"
        time.sleep(POLL)


def stop_group(process: subprocess.Popen[bytes]) -> None:
    for signum in (signal.SIGTERM, signal.SIGKILL):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signum)
        try:
            process.wait(timeout=15)
            break
        except subprocess.TimeoutExpired:
            continue


def wait_for(condition: Callable[[], bool], what: str, seconds: float = SHOWN_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(POLL)


async def until(condition: Callable[[], bool], what: str, seconds: float = SHOWN_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"never: {what}"
        await asyncio.sleep(POLL)


class Terminal(asyncssh.SSHClientSession[bytes]):
    """The client's end of a view: a terminal emulator fed with what arrives."""

    def __init__(self, columns: int, rows: int, *, emulate: bool = True) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.emulate = emulate
        """False: keep the bytes only (a probe of many views, where emulating costs the
        client side more CPU than the views it measures)."""
        self.received = bytearray()
        self.closed = asyncio.Event()
        self.exit_status: int | None = None

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.received += data
        if self.emulate:
            self.stream.feed(data)

    def exit_status_received(self, status: int) -> None:
        self.exit_status = status

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set()

    def text(self) -> str:
        return "\n".join(self.screen.display)


@dataclass
class RemoteView:
    """One SSH connection with a terminal on a meeting."""

    conn: asyncssh.SSHClientConnection
    chan: asyncssh.SSHClientChannel[bytes]
    terminal: Terminal

    def text(self) -> str:
        return self.terminal.text()

    def shows(self, wanted: str) -> bool:
        return wanted in self.text()

    async def until_shows(self, wanted: str, seconds: float = SHOWN_SECONDS) -> None:
        deadline = time.monotonic() + seconds
        while wanted not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"{wanted!r} never shown; the screen:\n{self.text()}")
            if self.terminal.closed.is_set():
                raise AssertionError(f"closed before {wanted!r}:\n{self.received()}")
            await asyncio.sleep(POLL)

    async def until_gone(self, wanted: str, seconds: float = SHOWN_SECONDS) -> None:
        deadline = time.monotonic() + seconds
        while wanted in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"{wanted!r} still shown; the screen:\n{self.text()}")
            await asyncio.sleep(POLL)

    def received(self) -> str:
        return self.terminal.received.decode("utf-8", "replace")

    def type(self, text: str) -> None:
        self.chan.write(text.encode("utf-8"))

    def resize(self, columns: int, rows: int) -> None:
        self.terminal.screen.resize(rows, columns)
        self.chan.change_terminal_size(columns, rows)

    async def until_closed(self, seconds: float = SHOWN_SECONDS) -> None:
        async with asyncio.timeout(seconds):
            await self.terminal.closed.wait()

    def close(self) -> None:
        self.conn.close()


async def connect(
    port: int, role: str, code: str | None, **options: object
) -> asyncssh.SSHClientConnection:
    """Log in as `role` with `code` (None: no password at all); nothing from ~/.ssh."""
    return await asyncssh.connect(
        "127.0.0.1",
        port,
        username=role,
        password=code,
        known_hosts=None,
        client_keys=options.pop("client_keys", None),
        agent_path=None,
        config=None,
        preferred_auth=options.pop("preferred_auth", "publickey,keyboard-interactive,password"),
        connect_timeout=START_SECONDS,
        **options,
    )


async def open_view(
    conn: asyncssh.SSHClientConnection, size: tuple[int, int] = SIZE, *, emulate: bool = True
) -> RemoteView:
    columns, rows = size
    terminal = Terminal(columns, rows, emulate=emulate)
    chan, _ = await conn.create_session(
        lambda: terminal, term_type="xterm-256color", term_size=(columns, rows), encoding=None
    )
    return RemoteView(conn, chan, terminal)


@asynccontextmanager
async def remote_view(
    port: int, role: str, code: str | None, size: tuple[int, int] = SIZE
) -> AsyncIterator[RemoteView]:
    """A view from log-in to the meeting screen; closed when the block ends."""
    conn = await connect(port, role, code)
    try:
        view = await open_view(conn, size)
        await view.until_shows(DRAWN, START_SECONDS)
        yield view
    finally:
        conn.close()
        with suppress(Exception):
            await conn.wait_closed()
