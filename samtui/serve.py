"""`samtui serve`: a live meeting in web browsers, for those who were given its link.

textual-serve runs one `samtui join` process per browser websocket and streams its
screen. On its own it checks nothing, so any web page could open `ws://127.0.0.1:8000`
and read or drive the meeting. Here, on loopback too, every request must pass:

- the Host header must be one of the server's own names (DNS rebinding sends another);
- the request must carry the run's secret: the token in the printed link, or the cookie
  the page sets from it (so the page's own style sheets, script and websocket carry it);

and a websocket's Origin must be the page's own (another site's page sends its own),
all before any view process starts; the number of views is capped, each being a process.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import ipaddress
import re
import secrets
import signal
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from samtui.core.formatting import plural
from samtui.host import code as join_code

TOKEN_BYTES = 24
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"", "0.0.0.0", "::"})
SHUTDOWN_SECONDS = 10.0
STOP_SECONDS = 5.0
"""How long a view's process has to quit once its websocket closed, before a kill."""
HEARTBEAT_SECONDS = 15.0
"""A browser gone without a word (a closed laptop) frees its view within 1.5 of these."""
TEMPLATES = Path(__file__).parent / "templates"

HOST_HEADER = re.compile(r"(?P<name>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(?P<port>[0-9]{1,5}))?")
HOST_NAME = re.compile(
    r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
)


@dataclass(frozen=True)
class Secret:
    """What a connection must show: this run's token, or a join code read aloud.

    The token is long and random (it travels in a link); a code (issue 15, `samtui host`)
    is short enough to say, so it is compared ignoring case, spaces and hyphens. A code
    works wherever the token does (`/?token=CODE`); the cookie then holds the token.
    """

    token: str
    code: str | None = None

    @classmethod
    def generate(cls, code: str | None = None) -> Secret:
        return cls(secrets.token_urlsafe(TOKEN_BYTES), code)

    def accepts(self, given: str | None) -> bool:
        if not given:
            return False
        token_ok = hmac.compare_digest(given.encode(), self.token.encode())
        code_ok = self.code is not None and join_code.matches(self.code, given)
        return token_ok or code_ok


def is_loopback(host: str) -> bool:
    """Only this machine can reach an address for which this is true."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    address = _address(host)
    return address is not None and address.is_loopback


def host_name(name: str) -> str:
    """A name given to --allow-host, checked: a host name or address, no scheme or port."""
    bare = name.strip().lower().rstrip(".")
    if _address(bare) is None and not HOST_NAME.fullmatch(bare):
        raise ValueError(f'"{name}" is not a host name (give one like meet.example.org)')
    return bare


def _address(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a name spells, if it spells one (IPv4 inside IPv6 unwrapped)."""
    try:
        address = ipaddress.ip_address(name.strip("[]").split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _split_host(value: str) -> tuple[str, int | None] | None:
    """`name[:port]` from a Host header, the name lowercased and without brackets."""
    match = HOST_HEADER.fullmatch(value.strip())
    if match is None:
        return None
    port = match.group("port")
    return _normal(match.group("name")), None if port is None else int(port)


def _normal(name: str) -> str:
    return name.strip("[]").lower().rstrip(".")


@dataclass(frozen=True)
class HostNames:
    """The names this server answers to: a DNS-rebound name is none of them."""

    bound: str
    """The address or name given to --host."""
    allowed: frozenset[str] = field(default_factory=frozenset)
    """Names given with --allow-host (a reverse proxy's)."""

    def accept(self, name: str, local: str | None) -> bool:
        """`name` (a Host header's) on a connection that arrived at address `local`."""
        name = _normal(name)
        if name in self.allowed:
            return True
        if self.bound.lower() not in WILDCARDS and name == _normal(self.bound):
            return True
        here = _address(local) if local else None
        if here is None:
            return False
        if here.is_loopback and name in LOOPBACK_NAMES:
            return True
        # An address is no name to rebind: it is the one the browser connected to.
        return _address(name) == here


def same_origin(origin: str | None, host: str) -> bool:
    """A websocket's Origin against the Host it was sent to: the page's own, or not."""
    if not origin:
        return False
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or parts.path or parts.query or parts.username:
        return False
    target = _split_host(host)
    if target is None or parts.hostname is None:
        return False
    default = 443 if parts.scheme == "https" else 80
    try:
        origin_port = parts.port or default
    except ValueError:
        return False
    name, port = target
    return _normal(parts.hostname) == name and origin_port == (port or default)


def _page(status: int, title: str, text: str, *, ask_code: bool = False) -> web.Response:
    """A short page for a person, never the meeting; with a field for the join code where
    one opens the meeting."""
    form = (
        '<form method="get" action="/"><label>Join code '
        '<input name="token" autocomplete="off" autocapitalize="characters" autofocus '
        "required></label> <button>Join</button></form>"
        if ask_code
        else ""
    )
    body = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>"
        f'<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">'
        f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>{form}</body></html>"
    )
    return web.Response(status=status, text=body, content_type="text/html")


NEEDS_LINK = (
    "This meeting is shown only to those who have its link. Open the whole link that "
    "`samtui serve` printed (it ends in ?token=…), or ask the host for it."
)
NEEDS_CODE = (
    "This meeting is shown only to those who have its link or its join code. Type the join "
    "code shown on the room's screen (ask the room to read it out)."
)
WRONG_HOST = (
    "samtui serve does not answer to this host name. Behind a reverse proxy, start it "
    "with --allow-host NAME, and have the proxy pass the Host header on."
)
FOREIGN_ORIGIN = "Only the meeting's own page may open a view of it."
STOPPED = "samtui serve has stopped; the meeting goes on in its journal."


class MeetingServer(Server):
    """textual-serve's page and websocket, behind the checks above."""

    def __init__(
        self,
        command: str,
        *,
        title: str,
        secret: Secret,
        hosts: HostNames,
        max_views: int,
    ) -> None:
        super().__init__(command, title=title)
        self.secret = secret
        self.hosts = hosts
        self.max_views = max_views
        self.cookie = "samtui"
        """Named after the port once bound: cookies do not tell ports apart, meetings must."""
        self._views: set[web.WebSocketResponse] = set()

    @property
    def views(self) -> int:
        """Live views: each has a process until its websocket closes."""
        return len(self._views)

    @property
    def full(self) -> str:
        return (
            f"The meeting already has {plural(self.max_views, 'view')}; ask the host to close one "
            "or to raise --max-views."
        )

    def make_app(self) -> web.Application:
        @web.middleware
        async def guard(
            request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
        ) -> web.StreamResponse:
            return await self._guard(request, handler)

        app = web.Application(middlewares=[guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                # No listing of the folder: only the files the page names are fetched.
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_shutdown.append(self._end_views)
        return app

    async def _guard(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        """Host, then secret, for every request; the page's cookie comes from the token."""
        host = _split_host(request.headers.get("Host", ""))
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        local = sockname[0] if isinstance(sockname, tuple) else None
        if host is None or not self.hosts.accept(host[0], local):
            return _page(421, "Not this meeting's address", WRONG_HOST)
        given = request.query.get("token")
        if not self.secret.accepts(given or request.cookies.get(self.cookie)):
            if self.secret.code is not None:
                return _page(403, "This meeting needs its join code", NEEDS_CODE, ask_code=True)
            return _page(403, "This meeting needs its link", NEEDS_LINK)
        response = await handler(request)
        if given and not response.prepared:  # not the websocket: it has answered already
            response.set_cookie(
                self.cookie, self.secret.token, httponly=True, samesite="Strict", path="/"
            )
        if not response.prepared:
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
        return response

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.views >= self.max_views:
            return _page(503, "No room for another view", self.full)
        context = {
            "title": self.title,
            "font_size": min(max(to_int(request.query.get("fontsize", "16"), 16), 6), 64),
        }
        response = aiohttp_jinja2.render_template("serve.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """Checked before a view process starts, not after; textual-serve's loop within."""
        if not same_origin(request.headers.get("Origin"), request.headers.get("Host", "")):
            return _page(403, "Not this meeting's page", FOREIGN_ORIGIN)
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS)
        if self.views >= self.max_views:
            await websocket.prepare(request)
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=self.full.encode())
            return websocket

        async def close() -> None:  # the app quit (ctrl+q in the view)
            await websocket.close()

        self._views.add(websocket)  # counted from here, before the first await
        try:
            await websocket.prepare(request)
            view = View(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
            )
            try:
                await view.start(
                    to_int(request.query.get("width", "80"), 80),
                    to_int(request.query.get("height", "24"), 24),
                )
                await self._process_messages(websocket, view)
            finally:
                await view.stop()
        finally:
            self._views.discard(websocket)  # once the view's process has ended
        return websocket

    async def _end_views(self, app: web.Application) -> None:
        """On ctrl+c: every browser is told why, and every view's process ends."""
        await asyncio.gather(
            *(
                websocket.close(code=WSCloseCode.GOING_AWAY, message=STOPPED.encode())
                for websocket in list(self._views)
            )
        )


class View(AppService):
    """One browser's `samtui join` process, which always ends with its websocket."""

    async def stop(self) -> None:
        """textual-serve asks the app to quit and waits for ever; this waits a while,
        then kills it, and reaps it either way (so no process outlives its view)."""
        process = self._process
        try:
            async with asyncio.timeout(STOP_SECONDS):
                await super().stop()
                if process is not None:
                    await process.wait()
        except TimeoutError:
            # Only now: killing a process that has just ended reaps it behind asyncio's back.
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
        if process is not None:
            await process.wait()


def run(
    server: MeetingServer,
    *,
    host: str,
    port: int,
    announce: Callable[[str], None],
) -> None:
    """Serve until SIGINT or SIGTERM; `announce` gets the link once the port listens."""
    asyncio.run(_serve(server, host, port, announce))


async def _serve(
    server: MeetingServer, host: str, port: int, announce: Callable[[str], None]
) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    runner = web.AppRunner(server.make_app(), access_log=None, shutdown_timeout=SHUTDOWN_SECONDS)
    await runner.setup()
    try:
        await web.TCPSite(runner, host or None, port).start()
        bound = _ports(runner.addresses)
        port = bound[0] if bound else port  # --port 0 lets the system pick
        server.cookie = f"samtui-{port}"
        announce(link(host, port, server.secret))
        await stop.wait()
    finally:
        await runner.cleanup()


def _ports(addresses: Iterable[object]) -> list[int]:
    return [address[1] for address in addresses if isinstance(address, tuple)]


def link(host: str, port: int, secret: Secret) -> str:
    """The link to give: a wildcard bind is opened at loopback on this machine."""
    if host.lower() in WILDCARDS:
        host = "::1" if host == "::" else "127.0.0.1"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={secret.token}"
