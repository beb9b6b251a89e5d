"""`samtui serve --code` (issue 15, item 6): the join code read out in the room opens the
browser view too, a writing role included, on real sockets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hosting import samtui_host
from serving import client, read_until, samtui_serve, until

from samtui.core.clock import SystemClock
from samtui.core.session import Session

pytestmark = pytest.mark.usefixtures("host_homes")

VIEW = "/ws?width=120&height=36"


def notes(journal: Path) -> list[str]:
    session = Session.resume(journal, clock=SystemClock(), readonly=True)
    try:
        return [note.text for note in session.meeting.state.notes.values()]
    finally:
        session.close()


def printed_code(output: str) -> str:
    match = re.search(r"and type the join code (\S+)", output)
    assert match, output
    return match.group(1)


async def test_the_join_code_opens_a_writing_view_in_the_browser(
    live: Path, tmp_path: Path
) -> None:
    with samtui_serve(live, tmp_path, "--code", "--as", "scribe") as served:
        code = printed_code(served.output())
        assert f"Or open {served.base}/ and type the join code {code}" in served.output()
        async with client() as http:
            async with http.get(served.base + "/") as bare:
                assert bare.status == 403
                page = await bare.text()
                assert "This meeting needs its join code" in page
                assert '<input name="token"' in page
            async with http.get(served.base + "/", params={"token": "WRONG-CODE"}) as wrong:
                assert wrong.status == 403
            heard = code.lower().replace("-", " ")  # typed as heard
            async with http.get(served.base + "/", params={"token": heard}) as page_view:
                assert page_view.status == 200
            async with http.ws_connect(served.base + VIEW, origin=served.base) as view:
                await read_until(view, "Acme Corp")
                await view.send_json(["stdin", "! decided in the browser"])
                await view.send_json(["stdin", "\r"])
                await until(lambda: notes(live) == ["decided in the browser"], "the note")


async def test_serve_takes_the_running_hosts_code(live: Path, tmp_path: Path) -> None:
    with (
        samtui_host(live, tmp_path / "host") as hosted,
        samtui_serve(live, tmp_path, "--code") as served,
    ):
        assert printed_code(served.output()) == hosted.code


async def test_without_code_the_bare_address_asks_for_the_link(live: Path, tmp_path: Path) -> None:
    with samtui_serve(live, tmp_path) as served:
        assert "join code" not in served.output()
        async with client() as http, http.get(served.base + "/") as bare:
            assert bare.status == 403
            page = await bare.text()
            assert "This meeting needs its link" in page and "<input" not in page
