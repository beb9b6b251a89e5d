"""One way to run a real `samtui serve` for tests, and to talk to it as a browser does.

The server runs as a subprocess in its own process group on a free port; the test reads
the link it prints (token included) from its output. Every wait has a deadline, and the
whole group (the server and the view processes it started) is killed when the test ends,
pass or fail.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp

START_SECONDS = 20.0
"""A loaded CI machine takes a few seconds to import the server; a view process as long."""
STREAM_SECONDS = 30.0
POLL = 0.05
LINK = re.compile(r"(http://\S+)")


@dataclass
class Served:
    """A running `samtui serve`: where it listens, the token its link carries."""

    process: subprocess.Popen[bytes]
    link: str
    """The link as printed, token included."""
    base: str
    """scheme://host:port, the page's own origin."""
    host: str
    """host:port, as a browser sends it in the Host header."""
    token: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def views(self) -> int:
        """`samtui join` processes the server started (each browser view is one)."""
        return sum(
            argv[1:4] == ["-m", "samtui", "join"]  # not the shell that started it
            for argv in _group_members(self.process.pid).values()
        )


def _group_members(pgid: int) -> dict[int, list[str]]:
    """Live processes of a process group, with their command lines (Linux's /proc)."""
    members = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().decode("utf-8", "replace").split("\0")
        except OSError:  # it ended while we looked
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:  # state, ppid, pgrp
            members[int(entry.name)] = argv
    return members


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def samtui_serve(session: Path, folder: Path, *options: str) -> Iterator[Served]:
    """Start `samtui serve SESSION --port PORT OPTIONS...`; yield once it answers."""
    port = free_port()
    log = folder / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "samtui", "serve", str(session), "--port", str(port), *options],
            env={**os.environ, "TERM": "xterm-256color"},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        link = _wait_for_link(process, log)
        parts = urlsplit(link)
        token = parse_qs(parts.query).get("token", [""])[0]
        _wait_for_listening(parts.hostname or "127.0.0.1", parts.port or port)
        yield Served(
            process=process,
            link=link,
            base=f"{parts.scheme}://{parts.netloc}",
            host=parts.netloc,
            token=token,
            log=log,
        )
    finally:
        _stop(process)


def _wait_for_link(process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + START_SECONDS
    while True:
        text = log.read_text(encoding="utf-8", errors="replace")
        for line in text.splitlines():
            match = LINK.search(line)
            if match:
                return match.group(1)
        if process.poll() is not None:
            raise AssertionError(f"samtui serve ended ({process.returncode}): {text!r}")
        if time.monotonic() > deadline:
            raise AssertionError(f"samtui serve printed no link: {text!r}")
        time.sleep(POLL)


def _wait_for_listening(host: str, port: int) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(POLL)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """The server and every view it started: SIGTERM to the group, then SIGKILL."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signum)
        deadline = time.monotonic() + 10
        while _group_members(process.pid) and time.monotonic() < deadline:
            process.poll()  # reap the server, so it does not linger as a zombie
            time.sleep(POLL)
        if not _group_members(process.pid):
            break
    process.wait(timeout=10)
    assert not _group_members(process.pid), "processes of samtui serve survived SIGKILL"


def client() -> aiohttp.ClientSession:
    """A client that keeps cookies from an IP address, as a browser does."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def read_until(socket: aiohttp.ClientWebSocketResponse, wanted: str) -> str:
    """The app's output, until `wanted` shows; an assertion if it never does."""
    received = ""
    deadline = time.monotonic() + STREAM_SECONDS
    while wanted not in received:
        left = deadline - time.monotonic()
        assert left > 0, f"{wanted!r} never came; got {received[-500:]!r}"
        message = await socket.receive(timeout=left)
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data.decode("utf-8", "replace")
        elif message.type in (
            aiohttp.WSMsgType.CLOSE,
            aiohttp.WSMsgType.CLOSED,
            aiohttp.WSMsgType.CLOSING,
        ):
            raise AssertionError(f"closed before {wanted!r}: {message.extra!r}")
    return received


async def until(condition: Callable[[], bool], what: str, seconds: float = STREAM_SECONDS) -> None:
    """Wait for `condition()` to be true, with a deadline."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"never: {what}"
        await asyncio.sleep(POLL)
