"""`samtui serve`: a browser's websocket gets a live view of the meeting, once it shows the
run's secret; and the rules that decide who may (tests/reliability/test_serve_security.py
tries them on real sockets)."""

from __future__ import annotations

from pathlib import Path

import pytest
from serving import client, read_until, samtui_serve

from samtui.core.clock import SystemClock
from samtui.core.session import Session
from samtui.serve import HostNames, MeetingServer, Secret, same_origin


async def test_serve_shows_the_meeting_in_a_browser_view(agenda_file: Path, tmp_path: Path) -> None:
    session = Session.start(agenda_file, clock=SystemClock())
    session.meeting.add_note("! seen from the browser")
    session.close()
    with samtui_serve(session.path, tmp_path) as served:
        async with client() as http:
            async with http.get(served.link) as page:
                assert page.status == 200
            async with http.ws_connect(
                f"{served.base}/ws?width=120&height=36", origin=served.base
            ) as view:
                await read_until(view, "Acme Corp")
        output = served.output()
    assert f"at {served.base}/?token={served.token} (ctrl+c stops)" in output
    assert "at most 20 views at once" in output
    assert "reachable from other machines" not in output  # loopback: no warning


@pytest.mark.parametrize(
    ("host", "role", "warned"),
    [("0.0.0.0", "viewer", True), ("192.0.2.7", "scribe", True), ("::1", "viewer", False)],
)
def test_serve_warns_when_others_can_reach_it(
    agenda_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    host: str,
    role: str,
    warned: bool,
) -> None:
    from samtui import cli, serve

    session = Session.start(agenda_file, clock=SystemClock())
    session.close()
    served: list[tuple[MeetingServer, str, int]] = []

    def run(server: MeetingServer, *, host: str, port: int, announce: object) -> None:
        served.append((server, host, port))

    monkeypatch.setattr(serve, "run", run)
    options = ["--allow-host", "Meet.Example.org", "--allow-host", "10.0.0.7", "--as", role]
    assert cli.main(["serve", session.path.stem, "--host", host, "--port", "8123", *options]) == 0
    [(server, bound, port)] = served
    assert (bound, port) == (host, 8123)
    assert server.hosts.allowed == {"meet.example.org", "10.0.0.7"}
    assert server.max_views == 20
    assert server.command.startswith("exec ")
    assert server.command.endswith(f"join {session.path} --as {role} --no-bell")
    err = capsys.readouterr().err
    assert ("reachable from other machines" in err) == warned
    if warned:
        assert "needs the link's token, but HTTP is not encrypted" in err
        assert "SSH tunnel, or a TLS reverse proxy" in err
        assert "no authentication" not in err
        assert ("type into it as scribe" in err) == (role == "scribe")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--max-views", "0"], "--max-views: must be at least 1 (got 0)"),
        (["--allow-host", "https://meet.example.org/"], "--allow-host: "),
        (["--allow-host", "meet.example.org:443"], "--allow-host: "),
    ],
)
def test_serve_options_that_make_no_sense_are_one_line(
    agenda_file: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    from samtui import cli

    session = Session.start(agenda_file, clock=SystemClock())
    session.close()
    assert cli.main(["serve", session.path.stem, *options]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1, err


def test_serve_help_names_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    from samtui import cli

    assert cli.main(["serve", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "(default: 20)" in text
    assert "--allow-host NAME" in text


# -- the rules -------------------------------------------------------------------------


def test_the_secret_is_the_token_or_the_code_read_aloud() -> None:
    secret = Secret("t0ken-Long-and-random", code="Maple Otter 42")
    assert secret.accepts("t0ken-Long-and-random")
    for spoken in ("maple otter 42", "MAPLE-OTTER-42", "mapleotter42"):
        assert secret.accepts(spoken), spoken
    for wrong in (None, "", "t0ken-long-and-random", "maple otter", "é", "\x00"):
        assert not secret.accepts(wrong), wrong
    assert not Secret("t0ken").accepts("")  # no code: an empty one is not it


def test_each_run_has_a_secret_of_its_own() -> None:
    first, second = Secret.generate(), Secret.generate()
    assert first.token != second.token
    assert len(first.token) >= 32  # 24 random bytes, URL-safe base64
    assert first.code is None


@pytest.mark.parametrize(
    ("bound", "name", "local", "accepted"),
    [
        ("127.0.0.1", "127.0.0.1", "127.0.0.1", True),
        ("127.0.0.1", "localhost", "127.0.0.1", True),
        ("127.0.0.1", "LOCALHOST.", "127.0.0.1", True),
        ("127.0.0.1", "::1", "127.0.0.1", True),
        ("127.0.0.1", "attacker.example", "127.0.0.1", False),
        ("127.0.0.1", "127.0.0.1.nip.io", "127.0.0.1", False),
        ("::1", "::1", "::1", True),
        ("0.0.0.0", "192.168.1.20", "192.168.1.20", True),  # the address it came in on
        ("0.0.0.0", "192.168.1.21", "192.168.1.20", False),
        ("0.0.0.0", "localhost", "192.168.1.20", False),  # not a loopback connection
        ("0.0.0.0", "localhost", "127.0.0.1", True),
        ("::", "192.168.1.20", "::ffff:192.168.1.20", True),
        ("laptop.lan", "laptop.lan", "192.168.1.20", True),
        ("0.0.0.0", "laptop.lan", "192.168.1.20", False),  # names need --allow-host
    ],
)
def test_host_names_a_server_answers_to(bound: str, name: str, local: str, accepted: bool) -> None:
    assert HostNames(bound).accept(name, local) is accepted


def test_allowed_names_are_answered_on_any_address() -> None:
    hosts = HostNames("127.0.0.1", frozenset({"meet.example.org"}))
    assert hosts.accept("Meet.Example.Org", "127.0.0.1")
    assert not hosts.accept("example.org", "127.0.0.1")


@pytest.mark.parametrize(
    ("origin", "host", "same"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://LOCALHOST:8000", "localhost:8000", True),
        ("http://[::1]:8000", "[::1]:8000", True),
        ("https://meet.example.org", "meet.example.org", True),
        ("https://meet.example.org:443", "meet.example.org", True),
        ("http://meet.example.org", "meet.example.org:80", True),
        ("http://127.0.0.1:8001", "127.0.0.1:8000", False),
        ("http://attacker.example:8000", "127.0.0.1:8000", False),
        ("http://localhost:8000", "127.0.0.1:8000", False),
        ("https://meet.example.org", "meet.example.org:8000", False),
        ("null", "127.0.0.1:8000", False),
        ("", "127.0.0.1:8000", False),
        (None, "127.0.0.1:8000", False),
        ("file://", "127.0.0.1:8000", False),
        ("http://127.0.0.1:8000/path", "127.0.0.1:8000", False),
        ("http://user@127.0.0.1:8000", "127.0.0.1:8000", False),
        ("http://127.0.0.1:99999", "127.0.0.1:8000", False),
    ],
)
def test_same_origin(origin: str | None, host: str, same: bool) -> None:
    assert same_origin(origin, host) is same
