"""`samtui host` on the command line: what is wrong is one line and exit status 2, before
the port opens where it can be."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from hosting import samtui_host

from samtui import cli
from samtui.core.clock import FakeClock
from samtui.core.session import Session

pytestmark = pytest.mark.usefixtures("host_homes")


@pytest.fixture
def live(agenda_file: Path) -> Path:
    session = Session.start(agenda_file, clock=FakeClock())
    session.close()
    return session.path


def refused(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    assert cli.main(["host", *arguments]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    return line


def test_bad_options_are_one_line(live: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, live.stem, "--max-views", "0") == (
        "--max-views: must be at least 1 (got 0)"
    )
    assert refused(capsys, live.stem, "--port", "70000") == (
        "--port: must be a port from 0 to 65535 (got 70000)"
    )
    assert refused(capsys, "no-such-meeting").startswith("no-such-meeting")


def test_a_finished_meeting_is_not_hosted(
    agenda_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = Session.start(agenda_file, clock=FakeClock())
    session.finish()
    session.close()
    assert refused(capsys, session.path.stem) == (
        f"{session.path.stem}: this meeting is finished; `samtui export` writes its minutes again"
    )


def test_a_bad_authorized_keys_line_is_named(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = tmp_path / "config" / "samtui" / "authorized_keys"
    keys.parent.mkdir(parents=True)
    keys.write_text("# keys\nssh-rsa AAAA-not-a-key marco\n", encoding="utf-8")
    assert refused(capsys, live.stem) == (
        f"{keys}:2: not an OpenSSH public key (one key a line, as ssh-keygen writes them)"
    )


def test_a_taken_port_is_one_line(live: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = refused(capsys, live.stem, "--port", str(port))
    assert line == f"host: cannot listen on 127.0.0.1:{port} (address already in use)"
    assert refused(capsys, live.stem, "--listen", "no-such-host.invalid").startswith(
        "host: cannot listen on no-such-host.invalid:2222 ("
    )


def test_a_second_host_for_one_meeting_is_refused(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with samtui_host(live, tmp_path) as hosted:
        line = refused(capsys, live.stem, "--port", "0")
        assert line == (
            f"{live.stem}: another samtui host already serves this meeting "
            f"(process {hosted.process.pid}, port {hosted.port})"
        )
