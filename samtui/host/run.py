"""`samtui host`, from the command line's arguments to the server running until ctrl+c."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import asyncssh

from samtui.core.errors import SamtuiError
from samtui.core.journal import Journal, resolve_session
from samtui.host.code import new_code
from samtui.host.keys import authorized_keys, fingerprint, host_key
from samtui.host.notice import WILDCARDS, HostNotice, Published, now_text
from samtui.host.server import OPEN_ROLES, ROLES, HostSettings, MeetingHost, install_stop_signals


def host(
    session: str | None,
    *,
    listen: str,
    port: int,
    max_views: int,
    viewers_open: bool,
) -> int:
    """Everything that can be wrong is said before the port opens; then serve."""
    journal = resolve_session(session).absolute()
    with Journal.open(journal, readonly=True) as opened:
        if opened.info().state == "finished":
            raise SamtuiError(
                "this meeting is finished; `samtui export` writes its minutes again",
                file=journal.stem,
            )
    keys = authorized_keys(ROLES)
    key = host_key()
    settings = HostSettings(
        journal=journal,
        code=new_code(),
        keys=keys,
        max_views=max_views,
        viewers_open=viewers_open,
        port=port,
        say=lambda line: print(line, flush=True),
    )
    asyncio.run(_serve(settings, listen, key))
    return 0


async def _serve(settings: HostSettings, listen: str, key: asyncssh.SSHKey) -> None:
    meeting_host = MeetingHost(settings)
    stop = asyncio.Event()
    install_stop_signals(stop.set)
    try:
        port = await meeting_host.start(listen, settings.port, key)
    except OSError as err:
        shown = f"[{listen}]" if ":" in listen else listen
        if isinstance(err, socket.gaierror) or not err.errno:  # not an address of this machine
            why = (err.strerror or str(err)).lower()
        else:
            why = os.strerror(err.errno).lower()
        raise SamtuiError(
            f"cannot listen on {shown}:{settings.port} ({why})", place="host"
        ) from None
    notice = HostNotice(
        pid=os.getpid(),
        listen=listen,
        port=port,
        code=settings.code,
        fingerprint=fingerprint(key),
        viewers_open=settings.viewers_open,
        since=now_text(),
    )
    try:
        published = Published.publish(settings.journal, notice)
    except SamtuiError:
        await meeting_host.stop()
        raise
    with published, _finished(settings.journal) as finished:
        announce(settings, notice)
        watcher = asyncio.create_task(meeting_host.watch_for_the_end(finished))
        stopped = asyncio.create_task(meeting_host.stopped.wait())
        asked = asyncio.create_task(stop.wait())
        await asyncio.wait({stopped, asked}, return_when=asyncio.FIRST_COMPLETED)
        watcher.cancel()
        if not meeting_host.stopped.is_set():
            print("samtui host: stopping; every view keeps its unsent line", flush=True)
            await meeting_host.stop()
        for task in (watcher, stopped, asked):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


@contextlib.contextmanager
def _finished(journal: Path) -> Iterator[Callable[[], bool]]:
    """A cheap check, every few seconds: are the meeting's minutes written?"""
    with Journal.open(journal, readonly=True) as opened:

        def finished() -> bool:
            try:
                return opened.info().state == "finished"
            except SamtuiError:
                return False  # a locked or damaged journal: the views say so themselves

        yield finished


def announce(settings: HostSettings, notice: HostNotice) -> None:
    """What the person starting the host reads out and checks."""
    shown = f"[{notice.listen}]" if ":" in notice.listen else notice.listen
    others = ", ".join(f"{role}@" for role in ROLES if role != "scribe")
    print(
        f"samtui host: serving {settings.journal.stem} over SSH on {shown}:{notice.port} "
        "(ctrl+c stops)"
    )
    print(f"Join code:  {notice.code}   (read it out; it is the password for every role)")
    if settings.viewers_open:
        print(f"            {', '.join(sorted(OPEN_ROLES))} need no code (--viewers-open)")
    print(f"Host key:   {notice.fingerprint}")
    print("            (ssh shows it on the first connection: check that it is this one)")
    print(f"Connect:    {notice.ssh_command('scribe')}   (or {others})")
    if settings.keys.keys:
        print(f"Keys:       {len(settings.keys.keys)} in {shlex.quote(str(settings.keys.path))}")
    if notice.listen in ("127.0.0.1", "::1", "localhost"):
        print(
            "Only this machine can connect; others reach it through an SSH tunnel "
            "(see the README), or start with --listen 0.0.0.0."
        )
    elif notice.listen in WILDCARDS:
        print("Listening on every address: use this machine's address in the command.")
    print(flush=True)
