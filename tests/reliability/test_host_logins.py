"""Who gets into `samtui host`: failed logins counted per address and shut out, keys from
authorized_keys with their roles, and the views' end once the meeting's minutes are written.

The host runs in the test's own event loop here, so its clock and its waits are the test's:
ten failures and a minute of lock-out take no time. The connections are real (asyncssh's
client on 127.0.0.1; a second loopback address, 127.0.0.2, is another client machine).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncssh
import pytest
from hosting import DRAWN, connect, open_view, until

from samtui.core.clock import SystemClock
from samtui.core.events import ViewJoined
from samtui.core.journal import Journal
from samtui.core.session import Session
from samtui.host.gate import Gate
from samtui.host.keys import authorized_keys, host_key
from samtui.host.server import FINISHED, ROLES, HostSettings, MeetingHost

pytestmark = pytest.mark.usefixtures("host_homes")

CODE = "K7RP-M4XQ"


class Seconds:
    """An injected monotonic clock."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@asynccontextmanager
async def hosting(journal: Path, **settings: Any) -> AsyncIterator[tuple[MeetingHost, int]]:
    host = MeetingHost(
        HostSettings(
            journal=journal,
            code=CODE,
            keys=settings.pop("keys", authorized_keys(ROLES)),
            say=lambda line: None,
            **settings,
        )
    )
    port = await host.start("127.0.0.1", 0, host_key())
    try:
        yield host, port
    finally:
        await host.stop()


async def test_ten_failures_shut_an_address_out_for_a_minute(live: Path) -> None:
    clock = Seconds()
    delays: list[float] = []

    async def pause(seconds: float) -> None:
        delays.append(seconds)

    async with hosting(live, gate=Gate(clock=clock), pause=pause, failure_delay=2.0) as (_, port):
        for attempt in range(10):
            with pytest.raises(asyncssh.PermissionDenied):
                await connect(port, "scribe", f"WRONG-{attempt}", preferred_auth="password")
            clock.now += 1
        assert delays == [2.0] * 10  # each wrong code waited before it was answered
        # Shut out now, even with the right code; another machine is not.
        with pytest.raises(asyncssh.DisconnectError) as refused:
            await connect(port, "scribe", CODE)
        assert refused.value.code == asyncssh.DISC_HOST_NOT_ALLOWED_TO_CONNECT
        assert refused.value.reason.startswith(
            "samtui host: too many failed logins from 127.0.0.1; try again in 59 s"
        )
        other = await connect(port, "scribe", CODE, local_addr=("127.0.0.2", 0))
        other.close()
        clock.now += 58  # 1 s left
        with pytest.raises(asyncssh.DisconnectError):
            await connect(port, "scribe", CODE)
        clock.now += 2  # the minute is over
        back = await connect(port, "scribe", CODE.lower().replace("-", " "))
        back.close()
    with Journal.open(live, readonly=True) as journal:
        assert [e.event for e in journal.events()] == ["started"]  # nothing journaled


async def test_unknown_user_names_count_as_failures(live: Path) -> None:
    clock = Seconds()
    async with hosting(live, gate=Gate(clock=clock, limit=3)) as (host, port):
        for name in ("root", "admin", "dana"):
            with pytest.raises(asyncssh.DisconnectError):
                await connect(port, name, CODE)
        with pytest.raises(asyncssh.DisconnectError) as refused:
            await connect(port, "viewer", CODE)
        assert "too many failed logins" in refused.value.reason
        assert host.settings.gate.locked("127.0.0.1") == 60.0


async def test_a_key_in_authorized_keys_gets_in_as_the_roles_it_may_take(
    live: Path, tmp_path: Path
) -> None:
    dana = asyncssh.generate_private_key("ssh-ed25519", comment="dana@laptop")
    anyone = asyncssh.generate_private_key("ssh-ed25519")
    folder = tmp_path / "config" / "samtui"
    folder.mkdir(parents=True)
    line = dana.export_public_key("openssh").decode().strip()
    (folder / "authorized_keys").write_text(
        f'# the scribe\nsamtui-roles="scribe,viewer" {line}\n', encoding="utf-8"
    )
    async with hosting(live) as (_, port):
        conn = await connect(port, "scribe", None, client_keys=[dana])
        try:
            view = await open_view(conn)
            await view.until_shows(DRAWN)
            await until(lambda: joined(live) != [], "the view journaled as joined")
            assert joined(live) == [("scribe", "ssh 127.0.0.1 (key dana@laptop)")]
        finally:
            conn.close()
        with pytest.raises(asyncssh.PermissionDenied):  # not a role this key may take
            await connect(port, "moderator", None, client_keys=[dana])
        with pytest.raises(asyncssh.PermissionDenied):  # not a key listed
            await connect(port, "scribe", None, client_keys=[anyone])


def joined(path: Path) -> list[tuple[str, str]]:
    with Journal.open(path, readonly=True) as journal:
        return [(e.role, e.where) for e in journal.events() if isinstance(e, ViewJoined)]


async def test_once_the_minutes_are_written_remote_views_show_the_closing_screen_then_end(
    live: Path,
) -> None:
    room = Session.resume(live, clock=SystemClock())
    try:
        async with hosting(live, ended_grace=0.5) as (host, port):
            host.background(host.watch_for_the_end(lambda: finished(live)))
            conn = await connect(port, "viewer", CODE)
            view = await open_view(conn)
            await view.until_shows(DRAWN)
            room.finish()  # F10 and Enter in the room: ended, minutes written
            await view.until_shows("End of the meeting")
            await view.until_closed()
            assert FINISHED in view.received()
            await until(host.stopped.is_set, "the host stopped: nothing left to serve")
    finally:
        room.close()


def finished(path: Path) -> bool:
    with Journal.open(path, readonly=True) as journal:
        return journal.info().state == "finished"
