"""`samtui host` (issue 15): the live meeting over SSH, with real connections on 127.0.0.1.

Each test runs a real host (a subprocess, so it can be killed for real, or in the test's
own event loop where a test injects its clock), real SSH clients (asyncssh's), and reads
what a remote view shows through a terminal emulator, what the room shows through Pilot,
and what happened from the journal.
"""

from __future__ import annotations

import os
import re
import signal
import statistics
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncssh
import pytest
from hosting import (
    DRAWN,
    RemoteView,
    Terminal,
    connect,
    open_view,
    remote_view,
    resident_kib,
    samtui_host,
    until,
    view_processes,
    wait_for,
)
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import OptionList

from samtui.core.clock import SystemClock
from samtui.core.events import NoteAdded, ViewJoined, ViewLeft
from samtui.core.journal import Journal
from samtui.core.minutes import Minutes
from samtui.core.session import Session
from samtui.core.state import MeetingState
from samtui.host.notice import read_notice
from samtui.ui.app import SamApp

pytestmark = pytest.mark.usefixtures("host_homes")

ROOM_SIZE = (160, 48)
ROLES_SEEN = ("scribe", "moderator", "viewer")
F5, F10, CTRL_N = "\x1b[15~", "\x1b[21~", "\x0e"
READY = DRAWN
"""The meeting screen is drawn and its note line has the focus."""


def events(path: Path) -> list[object]:
    with Journal.open(path, readonly=True) as journal:
        return list(journal.events())


def notes(path: Path) -> list[str]:
    return [e.text for e in events(path) if isinstance(e, NoteAdded)]


def draft(path: Path, view: str) -> str:
    with Journal.open(path, readonly=True) as journal:
        return journal.draft(view)


@asynccontextmanager
async def room(path: Path) -> AsyncIterator[tuple[SamApp, Pilot[None]]]:
    """The room's screen on the same journal, as `samtui resume` shows it."""
    session = Session.resume(path, clock=SystemClock())
    try:
        app = SamApp(session, ring_bell=False, checkin=False)
        async with app.run_test(size=ROOM_SIZE) as pilot:
            yield app, pilot
    finally:
        session.close()


def minutes_of(path: Path) -> Minutes:
    session = Session.resume(path, clock=SystemClock(), readonly=True)
    try:
        return session.minutes(at_last_event=True)
    finally:
        session.close()


def room_notes(app: SamApp) -> list[str]:
    options = app.screen.query_one("#notes", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def typed(view: RemoteView, line: str, *, enter: bool = False) -> None:
    """Type `line` in the note line and wait until the view shows it; then Enter."""
    await view.until_shows(READY)
    view.type(line)
    await view.until_shows(line)
    if enter:
        view.type("\r")
        await view.until_gone(line)


# -- a scribe on another laptop ------------------------------------------------------------


async def test_a_scribe_joins_with_the_code_and_the_room_shows_the_note(
    live: Path, tmp_path: Path, screen_text: Callable[[App[Any]], str]
) -> None:
    with samtui_host(live, tmp_path) as hosted:
        async with room(live) as (app, _), remote_view(hosted.port, "scribe", hosted.code) as view:
            await view.until_shows(READY)
            view.type("! we lead with the platform\r")
            await until(lambda: notes(live) == ["we lead with the platform"], "the note journaled")
            await until(
                lambda: any("we lead with the platform" in note for note in room_notes(app)),
                "the room shows the note",
            )
            await view.until_shows("we lead with the platform")
            # The room sees who is connected, and reads out how to join.
            await until(lambda: "joined: 1 scribe" in screen_text(app), "the count per role")
            shown = screen_text(app)
            assert f"code {hosted.code}" in shown
            assert f"ssh -p {hosted.port} ROLE@127.0.0.1" in shown
            # The scribe's own screen does not show the code (a viewer's would leak it).
            assert hosted.code not in view.text()
        # The connection closed: its view ends, and says so, while the host still runs
        # (the host's end kills what is left of its views; on a busy machine that was
        # sometimes the scribe's view, before it had written its leaving).
        wait_for(
            lambda: any(isinstance(e, ViewLeft) and e.view == "scribe" for e in events(live)),
            "the scribe's view journaled its leaving",
        )
    journaled = events(live)
    joined = [e for e in journaled if isinstance(e, ViewJoined)]
    assert [(e.view, e.role, e.where) for e in joined] == [
        ("scribe", "scribe", "ssh 127.0.0.1 (join code)")
    ]
    assert any(isinstance(e, ViewLeft) and e.view == "scribe" for e in journaled)
    assert [(v.role, v.where) for v in minutes_of(live).views or []] == [
        ("scribe", "ssh 127.0.0.1 (join code)")
    ]


# -- what is refused, and leaves nothing behind -------------------------------------------


async def test_a_wrong_code_and_an_unknown_user_are_refused(live: Path, tmp_path: Path) -> None:
    before = events(live)
    with samtui_host(live, tmp_path) as hosted:
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(hosted.port, "scribe", "WRONG-CODE")
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(hosted.port, "viewer", None)  # no code at all: not open to viewers
        with pytest.raises(asyncssh.DisconnectError) as refused:
            await connect(hosted.port, "dana", hosted.code)
        assert refused.value.code == asyncssh.DISC_ILLEGAL_USER_NAME
        assert refused.value.reason == (
            'samtui host: no role "dana"; log in as one of: '
            "moderator, timekeeper, scribe, viewer, stage"
        )
        assert not view_processes()
    assert events(live) == before


async def test_a_viewer_trying_to_write_changes_nothing(live: Path, tmp_path: Path) -> None:
    """A viewer has no note line; its keys that would change the meeting are refused."""
    before = events(live)
    with samtui_host(live, tmp_path) as hosted:
        async with remote_view(hosted.port, "viewer", hosted.code) as view:
            await view.until_shows(DRAWN)
            view.type("! a viewer's decision\r")
            view.type(F5 + CTRL_N + F10)  # a viewer is offered none of these: refused
            await view.until_shows("only follows")
    assert events(live) == before


async def test_exec_subsystems_and_forwarding_are_refused(live: Path, tmp_path: Path) -> None:
    before = events(live)
    with samtui_host(live, tmp_path) as hosted:
        conn = await connect(hosted.port, "scribe", hosted.code)
        try:
            with pytest.raises(asyncssh.ChannelOpenError):  # ssh scribe@host rm -rf ~
                await conn.create_session(asyncssh.SSHClientSession, "touch /tmp/owned")
            with pytest.raises(asyncssh.ChannelOpenError):  # sftp, scp
                await conn.start_sftp_client()
            with pytest.raises(asyncssh.ChannelOpenError):  # ssh -L
                await conn.create_connection(asyncssh.SSHTCPSession, "127.0.0.1", hosted.port)
            with pytest.raises(asyncssh.ChannelListenError):  # ssh -R
                await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", hosted.port)
            with pytest.raises(asyncssh.ChannelOpenError):  # ssh -D, through a Unix socket
                await conn.create_unix_connection(asyncssh.SSHUNIXSession, "/run/docker.sock")
        finally:
            conn.close()
        assert not Path("/tmp/owned").exists()
        # Without a terminal there is no view either: told so, and closed.
        conn = await connect(hosted.port, "scribe", hosted.code)
        try:
            terminal = Terminal(80, 24)
            chan, _ = await conn.create_session(lambda: terminal, encoding=None)
            await chan.wait_closed()
            assert "connect with ssh -t" in terminal.received.decode()
            assert terminal.exit_status == 1
        finally:
            conn.close()
        assert not view_processes()
    assert events(live) == before


async def test_agent_forwarding_reaches_no_view(live: Path, tmp_path: Path) -> None:
    """A view asked for with agent forwarding gets no SSH_AUTH_SOCK: the host never offers
    the client's keys to anything."""
    agent = tmp_path / "agent.sock"
    agent.touch()
    with samtui_host(live, tmp_path) as hosted:
        conn = await connect(hosted.port, "viewer", hosted.code, agent_forwarding=True)
        try:
            view = await open_view(conn)
            await view.until_shows(DRAWN)
            [pid] = view_processes()
            environment = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            assert not any(entry.startswith(b"SSH_AUTH_SOCK=") for entry in environment)
            assert b"TERM=xterm-256color" in environment
            assert b"SAMTUI_WHERE=ssh 127.0.0.1 (join code)" in environment
        finally:
            conn.close()


# -- faults ---------------------------------------------------------------------------------


def replayed(path: Path) -> MeetingState:
    session = Session.resume(path, clock=SystemClock(), readonly=True)
    try:
        return session.meeting.state
    finally:
        session.close()


async def test_sigkill_of_the_host_loses_nothing_and_a_new_host_takes_connections(
    live: Path, tmp_path: Path
) -> None:
    with samtui_host(live, tmp_path) as hosted:
        conns = [await connect(hosted.port, role, hosted.code) for role in ROLES_SEEN]
        views = [await open_view(conn) for conn in conns]
        scribe, moderator, viewer = views
        await typed(scribe, "! keep the renewal price", enter=True)
        await typed(moderator, "todo: send the deck @dana", enter=True)
        await until(lambda: len(notes(live)) == 2, "both notes journaled")
        await viewer.until_shows("send the deck")
        await typed(scribe, "half a line the scribe was typing")
        # The unsent line reaches the journal within two seconds (README), whatever comes.
        await until(lambda: draft(live, "scribe") == "half a line the scribe was typing", "saved")
        assert read_notice(live) is not None
        before = replayed(live)
        os.kill(hosted.process.pid, signal.SIGKILL)
        for view in views:  # each remote view ends: its connection closes
            await view.until_closed()
        # The views lost their terminal (SIGHUP, nobody left to end them): each ended.
        await until(lambda: not view_processes(), "every view process ended")
        assert draft(live, "scribe") == "half a line the scribe was typing"
        assert read_notice(live) is None  # the room stops showing a dead host's code
    after = replayed(live)
    assert after.notes == before.notes
    assert after.current_item == before.current_item
    assert after.running == before.running
    assert {v.view for v in after.views if v.left_at is not None} == {"scribe", "moderator"}
    # A new host, the same host key: people's ssh does not warn; new connections work.
    with samtui_host(live, tmp_path) as again:
        assert again.fingerprint == hosted.fingerprint
        assert again.code != hosted.code
        async with remote_view(again.port, "scribe", again.code) as view:
            await view.until_shows("keep the renewal price")
            await view.until_shows("half a line the scribe was typing")  # its draft, back


async def test_a_lost_connection_keeps_the_unsent_line_as_the_draft(
    live: Path, tmp_path: Path
) -> None:
    with samtui_host(live, tmp_path) as hosted:
        conn = await connect(hosted.port, "scribe", hosted.code)
        view = await open_view(conn)
        await typed(view, "todo: call the CFO before fri")
        conn.abort()  # a closed laptop: no goodbye
        await until(lambda: not view_processes(), "the view ended")
        assert draft(live, "scribe") == "todo: call the CFO before fri"
        assert notes(live) == []
        await until(lambda: "scribe left" in hosted.output(), "the host's log says so")


async def test_stopping_the_host_ends_every_view_with_a_message(live: Path, tmp_path: Path) -> None:
    with samtui_host(live, tmp_path) as hosted:
        async with remote_view(hosted.port, "scribe", hosted.code) as view:
            await typed(view, "park: the invoice dispute")
            os.kill(hosted.process.pid, signal.SIGTERM)
            await view.until_closed()
            assert "samtui host has stopped; the meeting goes on" in view.received()
            assert "\x1b[?1049l" in view.received()  # the remote terminal is given back
        hosted.process.wait(timeout=30)
        assert hosted.process.returncode == 0
    assert draft(live, "scribe") == "park: the invoice dispute"
    assert read_notice(live) is None


async def test_the_view_follows_the_remote_window_size(live: Path, tmp_path: Path) -> None:
    with samtui_host(live, tmp_path) as hosted:
        async with remote_view(hosted.port, "scribe", hosted.code, size=(100, 30)) as view:
            await until(lambda: clock_at_the_right_edge(view) == 100, "drawn at 100 columns")
            view.resize(140, 40)
            await until(lambda: clock_at_the_right_edge(view) == 140, "drawn at the new width")
            await until(lambda: "Footer" not in view.text() and READY in view.text(), "redrawn")
            assert view.terminal.screen.display[39].startswith("f5 Start/Pause")  # the last row


def clock_at_the_right_edge(view: RemoteView) -> int | None:
    """Where the header's wall clock (and its zone) ends, plus its padding: the width the
    view drew for."""
    header = view.terminal.screen.display[0]
    match = re.search(r"\d\d:\d\d(?: [A-Z][A-Za-z0-9+-]*)? ?$", header.rstrip() + " ")
    return match.end() if match else None


async def test_more_views_than_allowed_are_refused_clearly(live: Path, tmp_path: Path) -> None:
    with samtui_host(live, tmp_path, "--max-views", "1") as hosted:
        async with remote_view(hosted.port, "viewer", hosted.code):
            conn = await connect(hosted.port, "viewer", hosted.code)
            try:
                with pytest.raises(asyncssh.ChannelOpenError) as refused:
                    await open_view(conn)
                assert refused.value.reason == (
                    "the meeting already has 1 view; ask the host to close one "
                    "or to raise --max-views"
                )
            finally:
                conn.close()
        # The place is free again once the view has gone.
        await until(lambda: not view_processes(), "the first view ended")
        async with remote_view(hosted.port, "viewer", hosted.code) as view:
            await view.until_shows(DRAWN)


async def test_viewers_open_lets_viewers_in_without_the_code_and_no_one_else(
    live: Path, tmp_path: Path
) -> None:
    with samtui_host(live, tmp_path, "--viewers-open") as hosted:
        async with remote_view(hosted.port, "viewer", None) as view:
            await view.until_shows(DRAWN)
            assert hosted.code not in view.text()
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(hosted.port, "scribe", None)
    assert "viewer need no code (--viewers-open)" in hosted.output()


async def test_twenty_viewers_follow_the_meeting(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writer = Session.resume(live, clock=SystemClock())
    try:
        with samtui_host(live, tmp_path) as hosted:
            conns = [await connect(hosted.port, "viewer", hosted.code) for _ in range(20)]
            try:
                views = [await open_view(conn) for conn in conns]
                for view in views:
                    await view.until_shows(DRAWN)
                for index in range(5):
                    writer.meeting.add_note(f"point number {index} for everyone")
                for view in views:
                    await view.until_shows("point number 4 for everyone")
                pids = view_processes()
                assert len(pids) == 20
                memory = [resident_kib(pid) / 1024 for pid in pids]
            finally:
                for conn in conns:
                    conn.close()
    finally:
        writer.close()
    with capsys.disabled():
        print(
            f"\n20 SSH viewers: memory per view (RSS of its join process) median "
            f"{statistics.median(memory):.0f} MiB, max {max(memory):.0f} MiB"
        )
