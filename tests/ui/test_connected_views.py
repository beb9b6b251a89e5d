"""The room sees who is connected, and how to join while `samtui host` runs (issue 15)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from textual.app import App
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.presence import ViewSlot
from samtui.core.session import Session
from samtui.host.notice import HostNotice, Published
from samtui.ui.app import SamApp
from samtui.ui.screens.help import HelpScreen, KeyTable
from samtui.ui.widgets.connected import ConnectedViews

NOW = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
NOTICE = HostNotice(
    pid=1,
    listen="127.0.0.1",
    port=2222,
    code="K7RP-M4XQ",
    fingerprint="SHA256:T7TGCDHRUkJjZK7z8cJSy/HTu9J69Fgzcy1SZbHBqtE",
    viewers_open=False,
    since="2026-12-03T14:00:00+00:00",
)
Screen = Callable[[App[Any]], str]
SHOTS = os.environ.get("SAMTUI_SHOTS")
"""A folder to save this test's screens in, to look at them."""


async def test_the_room_shows_the_views_per_role_and_how_to_join(
    session: Session, clock: FakeClock, screen_text: Screen
) -> None:
    slots = [
        ViewSlot.join(session.path, "scribe", since=NOW),
        ViewSlot.join(session.path, "viewer", since=NOW),
        ViewSlot.join(session.path, "viewer", since=NOW),
    ]
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(160, 48)) as pilot:
        connected = app.screen.query_one(ConnectedViews)
        await until(pilot, lambda: connected.text == "joined: 1 scribe, 2 viewers", "counts")
        assert "joined: 1 scribe, 2 viewers" in screen_text(app)
        with Published.publish(session.path, NOTICE):
            connected.look()
            await pilot.pause()
            assert connected.text == (
                "ssh -p 2222 ROLE@127.0.0.1 · code K7RP-M4XQ · joined: 1 scribe, 2 viewers"
            )
            shown = screen_text(app)
            assert "ssh -p 2222 ROLE@127.0.0.1" in shown and "code K7RP-M4XQ" in shown
            app.save_screenshot("room-hosted.svg", str(SHOTS)) if SHOTS else None
            await pilot.resize_terminal(100, 40)
            await pilot.pause()
            assert "code K7RP-M4XQ" in screen_text(app)
            assert "ssh -p 2222" not in screen_text(app)
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            # The help scrolls; its SSH part is below the keys.
            help_text = app.screen.query_one("#over-ssh", KeyTable).text()
            assert "Over SSH (samtui host)" in help_text
            assert NOTICE.fingerprint in help_text
            assert "K7RP-M4XQ" in help_text
            await pilot.press("escape")
        slots[0].release()  # the scribe's laptop closed
        connected.look()  # the host stopped, the scribe left: both gone at the next look
        await pilot.pause()
        assert connected.text == "joined: 2 viewers"
        assert "K7RP-M4XQ" not in screen_text(app)
    for slot in slots:
        slot.release()


async def test_a_joined_view_shows_the_count_but_never_the_code(
    session: Session, clock: FakeClock, screen_text: Screen
) -> None:
    viewer = Session.resume(session.path, clock=clock, readonly=True)
    slot = ViewSlot.join(session.path, "viewer", since=NOW)
    app = SamApp(viewer, clock=clock, ring_bell=False, checkin=False, role="viewer")
    try:
        with Published.publish(session.path, NOTICE):
            async with app.run_test(size=(160, 48)) as pilot:
                await until(pilot, lambda: "joined: 1 viewer" in screen_text(app), "the count")
                assert "K7RP-M4XQ" not in screen_text(app)
                await pilot.press("f1")
                help_text = app.screen.query_one("#over-ssh", KeyTable).text()
                assert NOTICE.fingerprint in help_text  # to check against what ssh showed
                assert "K7RP-M4XQ" not in help_text
    finally:
        slot.release()
        viewer.close()


async def test_nothing_is_shown_when_nobody_has_joined(
    session: Session, clock: FakeClock, screen_text: Screen
) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(ConnectedViews).display
        await pilot.press("f1")
        assert "Over SSH" not in screen_text(app)
