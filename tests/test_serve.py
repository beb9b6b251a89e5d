"""`samtui serve`: a browser's websocket gets a live view of the meeting."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from samtui.core.clock import SystemClock
from samtui.core.session import Session


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def _screen_text(url: str, wanted: str, seconds: float) -> str:
    """Connect as textual-serve's page does and collect the app's output until `wanted`."""
    received = ""
    async with aiohttp.ClientSession() as client:
        deadline = time.monotonic() + seconds
        while True:  # the server may still be starting
            try:
                socket_ = await client.ws_connect(f"{url}/ws?width=120&height=36")
                break
            except aiohttp.ClientError:
                assert time.monotonic() < deadline, "samtui serve never answered"
                await asyncio.sleep(0.1)
        async with socket_:
            while wanted not in received:
                left = deadline - time.monotonic()
                assert left > 0, f"{wanted!r} never came; got {received[-500:]!r}"
                message = await socket_.receive(timeout=left)
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data.decode("utf-8", "replace")
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    break
    return received


def test_serve_shows_the_meeting_in_a_browser_view(agenda_file: Path) -> None:
    session = Session.start(agenda_file, clock=SystemClock())
    session.meeting.add_note("! seen from the browser")
    session.close()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "samtui", "serve", str(session.path), "--port", str(port)],
        env={**os.environ, "TERM": "xterm-256color"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        text = asyncio.run(_screen_text(f"http://127.0.0.1:{port}", "Acme Corp", 20))
        assert "Acme Corp" in text
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        assert server.stdout is not None
        output = server.stdout.read().decode()
    assert f"at http://127.0.0.1:{port}" in output
    assert "no authentication" not in output  # loopback: no warning


@pytest.mark.parametrize(("host", "warned"), [("0.0.0.0", True), ("::1", False)])
def test_serve_warns_when_others_can_reach_it(
    agenda_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    host: str,
    warned: bool,
) -> None:
    from textual_serve import server

    from samtui import cli

    session = Session.start(agenda_file, clock=SystemClock())
    session.close()
    served: list[tuple[str, int]] = []
    monkeypatch.setattr(
        server.Server, "serve", lambda self, debug=False: served.append((self.host, self.port))
    )
    assert cli.main(["serve", session.path.stem, "--host", host, "--port", "8123"]) == 0
    assert served == [(host, 8123)]
    err = capsys.readouterr().err
    assert ("no authentication" in err) == warned
    if warned:
        assert "SSH tunnel or an authenticating reverse proxy" in err
