"""Issue 13.12: the Footer shows F1 and the palette at every width from 80 columns, every
label whole, and a view shows only the keys it takes."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Footer

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp

WIDTHS = (80, 81, 90, 100, 119, 120, 140, 160)
METHODS = {
    "toggle_clock",
    "next_item",
    "previous_item",
    "next_turn",
    "give_floor",
    "release_floor",
    "add_time",
    "stakeholders",
    "ask_question",
    "carry_over",
    "park",
    "growth_play",
    "end_meeting",
    "help",
}
"""Every meeting key's action, as written in the meeting screen's methods."""


def _footer_keys(app: SamApp) -> list[tuple[str, Widget]]:
    """(action, widget) of each key the Footer shows, left to right."""
    footer = app.screen.query_one(Footer)
    keys: list[tuple[str, Widget]] = []
    for widget in footer.query("FooterKey"):
        action: Any = getattr(widget, "action", "")
        if widget.display:
            keys.append((str(action), widget))
    return sorted(keys, key=lambda pair: pair[1].region.x)


@pytest.mark.parametrize("width", WIDTHS)
async def test_help_and_the_palette_are_shown_whole_at_every_width(
    width: int, session: Session, clock: FakeClock
) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer).region
        shown = _footer_keys(app)
        actions = [action for action, _ in shown]
        assert "help" in actions and "command_palette" in actions, actions
        assert actions[-2:] == ["help", "command_palette"]  # at the right end
        right = 0
        for action, key in shown:
            assert key.region.x >= right, f"{action} overlaps the key before it"
            assert key.region.right <= footer.right, f"{action} is cut at {width} columns"
            text = str(key.render())
            assert key.region.width >= len(text.rstrip()), f"{action} drawn short: {text!r}"
            right = key.region.right


async def test_every_key_is_shown_at_160_columns(session: Session, clock: FakeClock) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert {action for action, _ in _footer_keys(app)} == METHODS | {"command_palette"}


async def test_a_narrow_footer_keeps_the_clock_and_the_next_item(
    session: Session, clock: FakeClock
) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        actions = {action for action, _ in _footer_keys(app)}
        assert {"toggle_clock", "next_item", "next_turn"} <= actions
        assert len(actions) < len(METHODS)  # the rest are in F1 and the palette


async def test_the_footer_follows_a_resize(session: Session, clock: FakeClock) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        narrow = len(_footer_keys(app))
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        await pilot.pause()
        assert len(_footer_keys(app)) > narrow


async def test_a_viewer_shows_only_the_keys_it_takes(session: Session, clock: FakeClock) -> None:
    viewer = Session.resume(session.path, clock=clock, readonly=True)
    app = SamApp(viewer, clock=clock, ring_bell=False, checkin=False, role="viewer")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        actions = {action for action, _ in _footer_keys(app)}
        assert actions == {"stakeholders", "carry_over", "help", "command_palette"}
        await pilot.press("f6")  # refused, and said why, though not offered
        assert "only follows the meeting" in list(app._notifications)[-1].message
        assert viewer.meeting.state.items[0].added_seconds == 0
    viewer.close()
