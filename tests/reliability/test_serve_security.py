"""Issue 11, cases 10 and 12, and issue 15's offline page: `samtui serve` on real sockets.

Each test starts a real `samtui serve` on 127.0.0.1 (tests/serving.py) and talks to it the
way textual-serve's page does, with aiohttp: a page request, then a websocket to /ws that
streams a view process's screen. Headers a browser sets on its own (Origin, Host) are set
by hand here, to be what an attacker's page or a DNS-rebound name would send.
"""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import aiohttp
import pytest
from serving import POLL, STREAM_SECONDS, Served, client, read_until, samtui_serve, until

from samtui.core.clock import SystemClock
from samtui.core.session import Session

VIEW = "/ws?width=120&height=36"
ON_SCREEN = "Acme Corp"
"""The account's name, in the header of every view."""


@pytest.fixture
def live(agenda_file: Path) -> Path:
    """A running meeting's journal, closed so only the served views use it."""
    session = Session.start(agenda_file, clock=SystemClock())
    session.meeting.toggle_clock()
    session.meeting.add_note("seen from the browser")
    session.close()
    return session.path


def _notes(journal: Path) -> list[str]:
    session = Session.resume(journal, clock=SystemClock(), readonly=True)
    try:
        return [note.text for note in session.meeting.state.notes.values()]
    finally:
        session.close()


async def _open_page(http: aiohttp.ClientSession, served: Served) -> str:
    """Follow the printed link, as the person it was given to does."""
    async with http.get(served.link) as response:
        assert response.status == 200, await response.text()
        return await response.text()


async def _refused(
    http: aiohttp.ClientSession,
    url: str,
    *,
    origin: str | None,
    headers: dict[str, str] | None = None,
) -> aiohttp.WSServerHandshakeError:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        socket = await http.ws_connect(url, origin=origin, headers=headers)
        await socket.close()
    return refused.value


# -- the secret ----------------------------------------------------------------------------


async def test_without_the_token_nothing_is_served(live: Path, tmp_path: Path) -> None:
    with samtui_serve(live, tmp_path) as served:
        assert served.token, f"the printed link carries no token: {served.link}"
        async with client() as http:
            for path in ("/", "/?token=", "/?token=wrong", f"/?token={served.token[:-1]}"):
                async with http.get(served.base + path) as response:
                    page = await response.text()
                    assert response.status == 403, path
                assert "link" in page and ON_SCREEN not in page
            async with http.get(served.base + "/static/js/textual.js") as response:
                assert response.status == 403
            for query in ("", "&token=wrong"):
                refused = await _refused(http, served.base + VIEW + query, origin=served.base)
                assert refused.status == 403
            assert served.views() == 0  # nothing started, so nothing streamed


async def test_the_printed_link_streams_the_meeting(live: Path, tmp_path: Path) -> None:
    with samtui_serve(live, tmp_path) as served:
        assert served.token, f"the printed link carries no token: {served.link}"
        async with client() as http:
            page = await _open_page(http, served)
            assert live.stem in page
            # The page's own websocket carries no token: the cookie the page set does.
            async with http.ws_connect(served.base + VIEW, origin=served.base) as view:
                await read_until(view, ON_SCREEN)
        async with client() as http:  # a client that holds the token in the URL only
            url = f"{served.base}{VIEW}&token={served.token}"
            async with http.ws_connect(url, origin=served.base) as view:
                await read_until(view, ON_SCREEN)


# -- Origin and Host ---------------------------------------------------------------------


async def test_a_foreign_origin_gets_no_view(live: Path, tmp_path: Path) -> None:
    with samtui_serve(live, tmp_path) as served:
        port = urlsplit(served.base).port
        assert port is not None
        async with client() as http:
            await _open_page(http, served)
            for origin in (
                "http://attacker.example",
                f"http://attacker.example:{port}",
                f"http://127.0.0.1:{port + 1}",  # another program on this machine
                "null",
                None,  # no Origin at all: no browser does that on a websocket
            ):
                refused = await _refused(http, served.base + VIEW, origin=origin)
                assert refused.status == 403, origin
            assert served.views() == 0


async def test_a_foreign_origin_cannot_add_a_note_as_scribe(live: Path, tmp_path: Path) -> None:
    with samtui_serve(live, tmp_path, "--as", "scribe") as served:
        async with client() as http:
            await _open_page(http, served)
            try:
                stolen = await http.ws_connect(served.base + VIEW, origin="http://attacker.example")
            except aiohttp.WSServerHandshakeError as err:
                refused: int | None = err.status
            else:  # what the issue saw: the attacker's page types into the meeting
                refused = None
                async with stolen:
                    await read_until(stolen, ON_SCREEN)
                    await stolen.send_json(["stdin", "typed by another web page"])
                    await stolen.send_json(["stdin", "\r"])
            # The scribe's own page can type, so the channel itself works.
            async with http.ws_connect(served.base + VIEW, origin=served.base) as own:
                await read_until(own, ON_SCREEN)
                await own.send_json(["stdin", "typed by the scribe"])
                await own.send_json(["stdin", "\r"])
                await until(lambda: "typed by the scribe" in _notes(live), "the scribe's note")
    assert refused == 403
    assert _notes(live) == ["seen from the browser", "typed by the scribe"]


async def test_a_foreign_host_name_is_refused(live: Path, tmp_path: Path) -> None:
    """DNS rebinding: attacker.example resolves to 127.0.0.1, the browser sends its name."""
    with samtui_serve(live, tmp_path) as served:
        port = urlsplit(served.base).port
        rebound = {"Host": f"attacker.example:{port}"}
        async with client() as http:
            await _open_page(http, served)  # the cookie is sent: only the name is wrong
            for url in (served.link, served.base + "/static/css/xterm.css"):
                async with http.get(url, headers=rebound) as response:
                    assert response.status in (403, 421), url
                    assert ON_SCREEN not in await response.text()
            refused = await _refused(
                http,
                f"{served.base}{VIEW}&token={served.token}",
                origin=f"http://attacker.example:{port}",
                headers=rebound,
            )
            assert refused.status in (403, 421)
            assert served.views() == 0
            for name in ("localhost", "127.0.0.1", "[::1]"):  # a loopback bind's own names
                async with http.get(served.link, headers={"Host": f"{name}:{port}"}) as response:
                    assert response.status == 200, name


async def test_a_reverse_proxy_name_is_allowed_by_name(live: Path, tmp_path: Path) -> None:
    """A TLS proxy at https://meet.example.org passes its Host on: --allow-host names it."""
    with samtui_serve(live, tmp_path, "--allow-host", "meet.example.org") as served:
        proxied = {"Host": "meet.example.org"}
        url = f"{served.base}{VIEW}&token={served.token}"
        async with client() as http:
            async with http.get(served.link, headers=proxied) as response:
                assert response.status == 200
            async with http.ws_connect(
                url, origin="https://meet.example.org", headers=proxied
            ) as view:
                await read_until(view, ON_SCREEN)
            refused = await _refused(http, url, origin="https://attacker.example", headers=proxied)
            assert refused.status == 403
            async with http.get(served.link, headers={"Host": "other.example.org"}) as response:
                assert response.status in (403, 421)


# -- limits ------------------------------------------------------------------------------


async def test_views_are_capped_and_a_slot_frees_on_disconnect(live: Path, tmp_path: Path) -> None:
    refusal = "already has 2 views; ask the host"
    with samtui_serve(live, tmp_path, "--max-views", "2") as served:
        async with client() as http:
            await _open_page(http, served)
            first = await http.ws_connect(served.base + VIEW, origin=served.base)
            second = await http.ws_connect(served.base + VIEW, origin=served.base)
            for view in (first, second):
                await read_until(view, ON_SCREEN)
            async with http.get(served.link) as response:
                assert response.status == 503
                assert refusal in await response.text()
            async with http.ws_connect(served.base + VIEW, origin=served.base) as third:
                message = await third.receive(timeout=STREAM_SECONDS)
            assert message.type == aiohttp.WSMsgType.CLOSE, message
            assert refusal in str(message.extra)
            assert served.views() == 2
            await first.close()
            # The slot is given back once the first view's process has ended: until then
            # a newcomer is refused as the third was; after, it is shown the meeting.
            deadline = time.monotonic() + STREAM_SECONDS
            while True:
                async with http.ws_connect(served.base + VIEW, origin=served.base) as view:
                    message = await view.receive(timeout=STREAM_SECONDS)
                    if message.type == aiohttp.WSMsgType.BINARY:
                        await read_until(view, ON_SCREEN)
                        break
                assert message.type == aiohttp.WSMsgType.CLOSE and refusal in str(message.extra)
                assert time.monotonic() < deadline, "no slot came free"
                await asyncio.sleep(POLL)
            await second.close()


async def test_static_files_have_no_listing(live: Path, tmp_path: Path) -> None:
    with samtui_serve(live, tmp_path) as served:
        async with client() as http:
            await _open_page(http, served)
            for folder in ("/static/", "/static/js/", "/static/fonts/"):
                async with http.get(served.base + folder) as response:
                    listing = await response.text()
                    assert response.status in (403, 404), folder
                assert "Index of" not in listing and ".js" not in listing
            async with http.get(served.base + "/static/js/textual.js") as response:
                assert response.status == 200


# -- offline -------------------------------------------------------------------------------


CSS_COMMENT = re.compile(r"/\*.*?\*/", flags=re.S)
URL_IN_TEXT = re.compile(r"""(?:https?:)?//[^\s"'<>()]+""")
REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)["']?\s*\)""")


async def test_the_page_needs_no_network(live: Path, tmp_path: Path) -> None:
    """Every URL the page or its style sheets name is the server's own, and it answers."""
    with samtui_serve(live, tmp_path) as served:
        async with client() as http:
            page = await _open_page(http, served)
            outside = [url for url in URL_IN_TEXT.findall(page) if not _own(url, served)]
            assert outside == []
            fetched: dict[str, str] = {}
            queue = [urljoin(served.link, ref) for ref in _references(page)]
            assert queue, "the page loads nothing? (the test's pattern no longer matches)"
            while queue:
                url = queue.pop()
                if url in fetched:
                    continue
                assert _own(url, served), url
                async with http.get(url) as response:
                    assert response.status == 200, url
                    body = await response.read()
                fetched[url] = response.content_type
                if response.content_type == "text/css":
                    text = CSS_COMMENT.sub("", body.decode("utf-8"))  # credits name sites
                    assert [u for u in URL_IN_TEXT.findall(text) if not _own(u, served)] == []
                    queue += [urljoin(url, ref) for ref in _references(text)]
                if response.content_type.endswith("javascript"):
                    assert b"fonts.googleapis" not in body and b"fonts.gstatic" not in body
            assert any(url.endswith((".ttf", ".woff2")) for url in fetched), fetched


def _references(text: str) -> list[str]:
    found = [a or b for a, b in REFERENCE.findall(text)]
    return [ref for ref in found if not ref.startswith(("data:", "#"))]


def _own(url: str, served: Served) -> bool:
    parts = urlsplit(url if "//" in url else "//" + url)
    return f"{parts.scheme or 'http'}://{parts.netloc}" == served.base
