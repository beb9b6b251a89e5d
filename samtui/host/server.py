"""The SSH server: each connection's one session is a `samtui join` view, and nothing else.

asyncssh does the protocol (key exchange, encryption, authentication, channels); this
module decides who gets in and what they get. A connection's user name is its role; the
join code (as a password, or at a keyboard-interactive "Join code:" prompt) or a key from
authorized_keys lets it in. A session must ask for a terminal and a shell: exec, subsystems
(SFTP), port forwarding both ways, agent and X11 forwarding are all refused, so the only
thing a connection can be is a meeting view.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Final

import asyncssh

from samtui.cli import REJOIN_VARIABLE, ROLES_TO_JOIN_AS, WHERE_VARIABLE
from samtui.core.formatting import plural
from samtui.core.vocabulary import READ_ONLY_VIEWS
from samtui.host import code as join_code
from samtui.host.gate import FAILURE_DELAY_SECONDS, Gate
from samtui.host.keys import AuthorizedKeys
from samtui.host.terminal import RESET, TerminalView

ROLES: Final[tuple[str, ...]] = tuple(ROLES_TO_JOIN_AS)
"""Whatever `samtui join --as` takes, and nothing it does not."""
OPEN_ROLES: Final = frozenset(role for role in ROLES if role in READ_ONLY_VIEWS)
"""The roles `--viewers-open` lets in without the code: they change nothing."""
DEFAULT_PORT: Final = 2222
DEFAULT_MAX_VIEWS: Final = 50
STOP_SECONDS: Final = 5.0
"""How long a view has, at each step (SIGTERM, hang-up), to end before the next."""
LOGIN_SECONDS: Final = 60.0
"""An unauthenticated connection has this long to log in."""
KEEPALIVE_SECONDS: Final = 30.0
KEEPALIVE_MISSES: Final = 4
"""A client that answers no keepalive for two minutes (a closed laptop) is gone: its view
ends and keeps its draft. One that answers is never dropped, however idle."""
PENDING_CONNECTIONS: Final = 20
"""Connections still logging in, beyond the views, before more are turned away."""
ENDED_GRACE_SECONDS: Final = 120.0
"""After the minutes are written, how long remote views keep the closing screen."""
FINISHED_POLL_SECONDS: Final = 2.0
NOT_PASSED_ON: Final = frozenset(
    {
        *("COLUMNS", "LINES", "TMUX", "TMUX_PANE", "STY"),  # the host's terminal, not the view's
        *("SSH_AUTH_SOCK", "SSH_AGENT_PID", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"),
        *("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "DBUS_SESSION_BUS_ADDRESS"),
    }
)
"""The host user's environment reaches a remote view without these: not the host's agent,
its X display or its session bus, for someone else's connection."""

STOPPED: Final = "samtui host has stopped; the meeting goes on in the room's journal."
FINISHED: Final = "The meeting has ended and its minutes are written; this view closes."
NO_TERMINAL: Final = (
    "samtui host shows the meeting in a terminal, and this connection asked for none: "
    "connect with ssh -t, from a terminal."
)


def unknown_role(name: str) -> str:
    return f'samtui host: no role "{name}"; log in as one of: {", ".join(ROLES)}'


@dataclass
class HostSettings:
    """What `samtui host` was told, and what it made for this run."""

    journal: Path
    code: str
    keys: AuthorizedKeys
    max_views: int = DEFAULT_MAX_VIEWS
    viewers_open: bool = False
    port: int = DEFAULT_PORT
    gate: Gate = field(default_factory=Gate)
    failure_delay: float = FAILURE_DELAY_SECONDS
    pause: Callable[[float], Awaitable[None]] = asyncio.sleep
    """How a wrong code waits before it is answered (a test records it instead)."""
    ended_grace: float = ENDED_GRACE_SECONDS
    say: Callable[[str], None] = print
    """Where the host's log lines go (a view came, left; an address was shut out)."""


class MeetingHost:
    """Every connection and view of one `samtui host` run."""

    def __init__(self, settings: HostSettings) -> None:
        self.settings = settings
        self.connections: set[Connection] = set()
        self.views: set[ViewSession] = set()
        self.acceptor: asyncssh.SSHAcceptor | None = None
        self.stopped = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()

    def background(self, work: Coroutine[object, object, None]) -> None:
        """Run `work` on its own, held here so it is not collected before it is done."""
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        """A view's work that failed says so in the host's log, once, in a line."""
        self._tasks.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            self.say(f"a view's work failed: {error!r}")

    @property
    def full(self) -> bool:
        return len(self.views) >= self.settings.max_views

    def say(self, line: str) -> None:
        self.settings.say(f"{datetime.now():%H:%M:%S} {line}")

    async def start(self, listen: str, port: int, host_key: asyncssh.SSHKey) -> int:
        """Listen; the port listened on (`--port 0` lets the system pick)."""
        self.acceptor = await asyncssh.create_server(
            lambda: Connection(self),
            listen or None,
            port,
            server_host_keys=[host_key],
            encoding=None,
            line_editor=False,
            agent_forwarding=False,
            x11_forwarding=False,
            allow_scp=False,
            sftp_factory=None,
            rdns_lookup=False,
            login_timeout=LOGIN_SECONDS,
            keepalive_interval=KEEPALIVE_SECONDS,
            keepalive_count_max=KEEPALIVE_MISSES,
            config=None,
        )
        bound: int = self.acceptor.get_port() or port
        self.settings.port = bound
        return bound

    async def stop(self, message: str = STOPPED) -> None:
        """Every view ends (saving its draft), is told why, and the port closes."""
        if self.acceptor is not None:
            self.acceptor.close()
        await asyncio.gather(*(view.end(message) for view in list(self.views)))
        for connection in list(self.connections):
            connection.close()
        if self.acceptor is not None:
            await self.acceptor.wait_closed()
        self.stopped.set()

    async def watch_for_the_end(self, finished: Callable[[], bool]) -> None:
        """Once the meeting's minutes are written, remote views keep the closing screen a
        while, then end; then the host stops (nothing is left to serve)."""
        while not finished():
            await asyncio.sleep(FINISHED_POLL_SECONDS)
        self.say(
            "the meeting has ended and its minutes are written; remote views close in "
            f"{self.settings.ended_grace:.0f} s"
        )
        await asyncio.sleep(self.settings.ended_grace)
        await self.stop(FINISHED)


class Connection(asyncssh.SSHServer):
    """One SSH connection: who it is (its role) and how it proved it."""

    def __init__(self, host: MeetingHost) -> None:
        self.host = host
        self.conn: asyncssh.SSHServerConnection | None = None
        self.address = "unknown"
        self.role: str | None = None
        self.how = ""
        """How it got in: "join code", "key dana@laptop", "open to viewers"."""
        self.views: set[ViewSession] = set()
        self.opened_a_view = False

    # -- the connection ------------------------------------------------------------------

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "unknown"
        if len(self.host.connections) - len(self.host.views) > 2 * PENDING_CONNECTIONS:
            conn.abort()  # a flood of connections that never log in: not even a greeting
            return
        self.host.connections.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.host.connections.discard(self)

    def auth_completed(self) -> None:
        asyncio.get_running_loop().call_later(LOGIN_SECONDS, self._close_if_viewless)

    def _close_if_viewless(self) -> None:
        """Logged in but never opened a view (`ssh -N`): it holds a place for nothing."""
        if not self.opened_a_view:
            self.close()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()

    @property
    def where(self) -> str:
        return f"ssh {self.address} ({self.how})"

    # -- who -----------------------------------------------------------------------------

    def begin_auth(self, username: str) -> bool:
        gate = self.host.settings.gate
        left = gate.locked(self.address)
        if left is not None:
            raise asyncssh.DisconnectError(
                asyncssh.DISC_HOST_NOT_ALLOWED_TO_CONNECT,
                f"samtui host: too many failed logins from {self.address}; "
                f"try again in {left:.0f} s",
            )
        waiting = len(self.host.connections) - len(self.host.views)
        if waiting > PENDING_CONNECTIONS:
            raise asyncssh.DisconnectError(
                asyncssh.DISC_TOO_MANY_CONNECTIONS,
                "samtui host: too many connections are logging in; try again shortly",
            )
        if username not in ROLES:
            self._failed(f"unknown user {username!r}")
            raise asyncssh.DisconnectError(asyncssh.DISC_ILLEGAL_USER_NAME, unknown_role(username))
        self.role = username
        if self.host.settings.viewers_open and username in OPEN_ROLES:
            self.how = "open to viewers"
            return False  # no authentication needed
        return True

    def password_auth_supported(self) -> bool:
        return True

    def kbdint_auth_supported(self) -> bool:
        return True

    async def validate_password(self, username: str, password: str) -> bool:
        return await self._check_code(password)

    def get_kbdint_challenge(
        self, username: str, lang: str, submethods: str
    ) -> tuple[str, str, str, tuple[tuple[str, bool], ...]]:
        return ("", "The join code is shown on the room's screen.", "", (("Join code: ", False),))

    async def validate_kbdint_response(self, username: str, responses: Sequence[str]) -> bool:
        return len(responses) == 1 and await self._check_code(responses[0])

    async def _check_code(self, given: str) -> bool:
        if join_code.matches(self.host.settings.code, given):
            self.how = "join code"
            return True
        self._failed("wrong join code")
        await self.host.settings.pause(self.host.settings.failure_delay)
        return False

    def public_key_auth_supported(self) -> bool:
        return bool(self.host.settings.keys.keys)

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        allowed = self.host.settings.keys.allows(key, username, self.address)
        if allowed is None:
            return False  # a key offered is a question, not a guess: not counted
        self.how = f"key {allowed.comment(key)}"
        return True

    def _failed(self, what: str) -> None:
        if self.host.settings.gate.failed(self.address):
            self.host.say(f"{self.address}: {what}; too many failed logins, shut out for a while")

    # -- what it may open: one meeting view, nothing else ---------------------------------

    def session_requested(self) -> ViewSession:
        if self.host.full:
            limit = self.host.settings.max_views
            raise asyncssh.ChannelOpenError(
                asyncssh.OPEN_RESOURCE_SHORTAGE,
                f"the meeting already has {plural(limit, 'view')}; ask the host to close one "
                "or to raise --max-views",
            )
        self.opened_a_view = True
        return ViewSession(self)

    def connection_requested(
        self, dest_host: str, dest_port: int, orig_host: str, orig_port: int
    ) -> bool:
        return False  # ssh -L: no port forwarding

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        return False  # ssh -R: no port forwarding

    def unix_connection_requested(self, dest_path: str) -> bool:
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        return False


class ViewSession(asyncssh.SSHServerSession[bytes]):
    """One session channel: a `samtui join` view on its own pseudo-terminal."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.host = connection.host
        self.host.views.add(self)  # counted from the request on, so the cap holds
        connection.views.add(self)
        self.chan: asyncssh.SSHServerChannel[bytes] | None = None
        self.term_type: str | None = None
        self.size = (80, 24, 0, 0)
        self.view: TerminalView | None = None
        self.ending = False

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self.chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: Mapping[int, int]
    ) -> bool:
        self.term_type = term_type or "xterm-256color"
        if term_size[0] and term_size[1]:
            self.size = term_size
        return True

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if width and height:
            self.size = (width, height, pixwidth, pixheight)
            if self.view is not None:
                self.view.resize(*self.size)

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        return False  # no commands: a connection is a meeting view

    def subsystem_requested(self, subsystem: str) -> bool:
        return False  # no SFTP, no subsystems

    def session_started(self) -> None:
        self.host.background(self._run())

    async def _run(self) -> None:
        chan = self.chan
        assert chan is not None
        role = self.connection.role
        if self.term_type is None or role is None:
            self._send(f"{NO_TERMINAL}\r\n")
            self._close(1)
            return
        self.view = TerminalView(
            [sys.executable, "-m", "samtui.host.seat", str(self.host.settings.journal), role],
            environment=self._environment(role),
            columns=self.size[0],
            rows=self.size[1],
            output=chan.write,
            pause_input=chan.pause_reading,
            resume_input=chan.resume_reading,
        )
        try:
            await self.view.start()
        except OSError as err:
            self._send(f"samtui host could not start a view ({err.strerror or err})\r\n")
            self._close(1)
            return
        self.host.say(f"{role} joined from {self.connection.where}, process {self.view.pid}")
        status = await self.view.wait()
        self.host.say(f"{role} left ({self.connection.where})")
        if not self.ending:
            self._close(status if status >= 0 else 1)

    def _environment(self, role: str) -> dict[str, str]:
        environment = {
            name: value for name, value in os.environ.items() if name not in NOT_PASSED_ON
        }
        environment["TERM"] = self.term_type or "xterm-256color"
        environment[WHERE_VARIABLE] = self.connection.where
        environment[REJOIN_VARIABLE] = f"the same ssh command (user {role})"
        sent = self.chan.get_environment() if self.chan is not None else {}
        if sent.get("COLORTERM") in ("truecolor", "24bit"):
            environment["COLORTERM"] = sent["COLORTERM"]
        return environment

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        if self.view is not None and not self.ending:
            self.view.write(data)

    def eof_received(self) -> bool:
        return True  # half-closed: the view goes on showing the meeting

    def pause_writing(self) -> None:
        if self.view is not None:
            self.view.pause_output()

    def resume_writing(self) -> None:
        if self.view is not None:
            self.view.resume_output()

    def break_received(self, msec: int) -> bool:
        return False

    def signal_received(self, signal: str) -> None:
        """A client's signal request does not reach the view (it is not a shell)."""

    def connection_lost(self, exc: Exception | None) -> None:
        """The connection went (a closed laptop, a lost network): the view ends as a closed
        window would (SIGTERM), saving its unsent line as its draft. Its terminal stays open
        and read until then: a view writing to a hung-up terminal can stall on its way out."""
        self.ending = True
        if self.view is not None:
            self.view.silence()
        self.host.background(self._reaped())

    async def _reaped(self) -> None:
        if self.view is not None:
            await self.view.stop(STOP_SECONDS)
        self._forget()

    async def end(self, message: str) -> None:
        """The host stops: the view ends as a closed window would, then is told why."""
        self.ending = True
        if self.view is not None:
            await self.view.stop(STOP_SECONDS)
        self._send(f"{RESET}\r\n{message}\r\n")
        self._close(0)

    def _send(self, text: str) -> None:
        if self.chan is not None:
            with contextlib.suppress(OSError, asyncssh.Error):
                self.chan.write(text.encode("utf-8"))

    def _close(self, status: int) -> None:
        """Exit status, then the channel closes once what was sent has gone; then the
        connection, unless it carries another view."""
        self._forget()
        if self.chan is None:
            return
        with contextlib.suppress(OSError, asyncssh.Error):
            self.chan.exit(status)
        self.host.background(self._close_connection(self.chan))

    async def _close_connection(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(STOP_SECONDS):
                await chan.wait_closed()
        if not self.connection.views:
            self.connection.close()

    def _forget(self) -> None:
        self.host.views.discard(self)
        self.connection.views.discard(self)


def install_stop_signals(stop: Callable[[], None]) -> None:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stop)
