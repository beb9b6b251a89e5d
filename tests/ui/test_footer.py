"""Issue 13.12: the Footer shows F1 and the palette at every width from 80 columns, every
label whole, and a view shows only the keys it takes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from notices import Notices
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Footer
from waiting import until

from samtui.config import Settings
from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp

WIDTHS = (80, 81, 90, 100, 119, 120, 140, 160, 200)
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
    "recap",
    "end_meeting",
    "stage_view",
    "help",
}
"""Every meeting key's action, as written in the meeting screen's methods."""


def _laid_out(app: SamApp) -> list[tuple[str, Widget]]:
    """(action, widget) of each key the Footer shows, left to right; empty while it is
    still being composed or laid out."""
    footer = app.screen.query_one(Footer)
    keys: list[tuple[str, Widget]] = []
    for widget in footer.query("FooterKey"):
        action: Any = getattr(widget, "action", "")
        if widget.region.width == 0 or footer.region.width != app.size.width:
            return []
        keys.append((str(action), widget))
    return sorted(keys, key=lambda pair: pair[1].region.x)


async def _footer_keys(app: SamApp, pilot: Pilot[None]) -> list[tuple[str, Widget]]:
    """The Footer's keys once it has been composed for this width and laid out."""
    await until(pilot, lambda: bool(_laid_out(app)), "the Footer laid out")
    return _laid_out(app)


@pytest.mark.parametrize("width", WIDTHS)
async def test_help_and_the_palette_are_shown_whole_at_every_width(
    width: int, session: Session, clock: FakeClock
) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer).region
        shown = await _footer_keys(app, pilot)
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


async def test_every_key_is_shown_on_a_wide_terminal(session: Session, clock: FakeClock) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(200, 48)) as pilot:
        shown = {action for action, _ in await _footer_keys(app, pilot)}
        assert shown == METHODS | {"command_palette"}


async def test_at_160_columns_the_room_sees_the_keys_it_uses_most(
    session: Session, clock: FakeClock
) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(160, 48)) as pilot:
        shown = {action for action, _ in await _footer_keys(app, pilot)}
        most_used = {"toggle_clock", "next_item", "next_turn", "give_floor", "add_time"}
        assert most_used | {"end_meeting", "stage_view", "stakeholders", "park"} <= shown
        assert len(shown) >= len(METHODS) - 1, METHODS - shown


async def test_a_narrow_footer_keeps_the_clock_and_the_next_item(
    session: Session, clock: FakeClock
) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        actions = {action for action, _ in await _footer_keys(app, pilot)}
        assert {"toggle_clock", "next_item", "next_turn"} <= actions
        assert len(actions) < len(METHODS)  # the rest are in F1 and the palette


async def test_the_footer_follows_a_resize(session: Session, clock: FakeClock) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        narrow = len(await _footer_keys(app, pilot))
        await pilot.resize_terminal(160, 48)
        await until(pilot, lambda: len(_laid_out(app)) > narrow, "more keys at 160 columns")


async def test_a_viewer_shows_only_the_keys_it_takes(
    session: Session, clock: FakeClock, notices: Notices
) -> None:
    viewer = Session.resume(session.path, clock=clock, readonly=True)
    app = SamApp(viewer, clock=clock, ring_bell=False, checkin=False, role="viewer")
    async with app.run_test(size=(160, 48), message_hook=notices.hook) as pilot:
        await pilot.pause()
        actions = {action for action, _ in await _footer_keys(app, pilot)}
        assert actions == {
            "stakeholders",
            "carry_over",
            "recap",
            "stage_view",
            "help",
            "command_palette",
        }
        await pilot.press("f6")  # refused, and said why, though not offered
        assert "only follows the meeting" in notices.messages[-1]
        assert viewer.meeting.state.items[0].added_seconds == 0
    viewer.close()


async def test_a_remapped_key_keeps_its_place(
    session: Session, clock: FakeClock, tmp_path: Path
) -> None:
    settings = Settings(tmp_path / "config.toml", keys={"next_item": "f11"}, exists=True)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False, settings=settings)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        actions = [action for action, _ in await _footer_keys(app, pilot)]
        assert actions[:3] == ["toggle_clock", "next_item", "previous_item"]
        assert actions[-2:] == ["help", "command_palette"]
