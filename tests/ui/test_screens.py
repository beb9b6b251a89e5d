"""What the screens show: user text literally, every size, the bell, themes, snapshots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.closing import ClosingScreen
from samtui.ui.screens.floor_picker import FloorPicker
from samtui.ui.widgets.bigclock import BigClock
from samtui.ui.widgets.timekeeper import TimekeeperPanel

HOSTILE = ["[bold]EMEA", "[link=https://x]y[/link]", "[@click=app.quit]", "[b"]

HOSTILE_AGENDA = f"""
[meeting]
title = "{HOSTILE[1]} review"
account = "{HOSTILE[0]} Corp"
duration = 30

[roles]
moderator = "a"
timekeeper = "b"
scribe = "a"

[[attendees]]
id = "a"
name = "{HOSTILE[2]} Ann"

[[attendees]]
id = "b"
name = "{HOSTILE[3]} Bo"

[[items]]
title = "{HOSTILE[0]} round"
minutes = 10
kind = "round"
lead = "a"
prompts = ["{HOSTILE[1]}?"]
"""


@pytest.fixture
def hostile_app(tmp_path: Path, clock: FakeClock) -> SamApp:
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE_AGENDA, encoding="utf-8")
    return SamApp(Session.start(path, clock=clock), clock=clock, ring_bell=False, checkin=False)


async def test_user_text_is_shown_as_typed_everywhere(
    hostile_app: SamApp, screen_text: Callable[[SamApp], str]
) -> None:
    meeting = hostile_app.session.meeting
    async with hostile_app.run_test(size=(160, 48)) as pilot:
        meeting.give_floor("a")
        for text in HOSTILE:
            meeting.add_note(f"todo: {text} note @b")
        await pilot.pause()
        shown = screen_text(hostile_app)
        for text in HOSTILE:
            assert f"{text} note" in shown
        assert "[bold]EMEA Corp" in shown
        assert "[link=https://x]y[/link] review" in shown
        assert "[@click=app.quit] Ann" in shown and "[b Bo" in shown
        assert "[link=https://x]y[/link]?" in shown  # the prompt
        await pilot.press("ctrl+g")
        assert isinstance(hostile_app.screen, FloorPicker)
        assert "[@click=app.quit] Ann" in screen_text(hostile_app)
        await pilot.press("escape", "f10")
        assert isinstance(hostile_app.screen, ClosingScreen)
        closing = screen_text(hostile_app)
        assert "[bold]EMEA note" in closing and "[b Bo" in closing
    assert hostile_app.return_code is None  # nothing in the text quit the app


async def test_every_size_and_back(app: SamApp, screen_text: Callable[[SamApp], str]) -> None:
    app.session.meeting.add_note("a note")
    async with app.run_test(size=(80, 24)) as pilot:
        for width, height in ((1, 1), (20, 5), (80, 24), (300, 100), (1, 1), (160, 48)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            notice = app.screen.query_one("#too-small")
            main = app.screen.query_one("#main")
            assert notice.display == (width < 60) and main.display == (width >= 60)
            if width == 20:
                assert "Please enlarge" in screen_text(app)
            elif width >= 60:
                assert "Please enlarge" not in screen_text(app)
                assert "a note" in screen_text(app)


async def test_clock_colours_and_one_bell(session: Session, clock: FakeClock) -> None:
    rings: list[int] = []
    app = SamApp(session, clock=clock, ring_bell=True, checkin=False)
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    meeting = session.meeting
    async with app.run_test() as pilot:
        panel = app.screen.query_one(TimekeeperPanel)
        digits = panel.query_one(BigClock)
        meeting.toggle_clock()
        clock.advance(6 * 60)
        app.screen.tick()  # type: ignore[attr-defined]
        assert not digits.has_class("-warning") and not rings
        clock.advance(60)  # 70 % of 10 minutes
        app.screen.tick()  # type: ignore[attr-defined]
        assert digits.has_class("-warning")
        clock.advance(3 * 60 + 1)
        app.screen.tick()  # type: ignore[attr-defined]
        clock.advance(5)
        app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        assert digits.has_class("-over") and panel.has_class("-over") and rings == [1]
        assert panel.query_one(BigClock).time == "+00:06"


async def test_no_bell_means_no_bell(app: SamApp, clock: FakeClock) -> None:
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test():
        app.session.meeting.toggle_clock()
        clock.advance(11 * 60)
        app.screen.tick()  # type: ignore[attr-defined]
    assert rings == []


async def test_projector_theme(session: Session, clock: FakeClock) -> None:
    app = SamApp(session, clock=clock, theme="projector")
    async with app.run_test():
        assert app.theme == "projector"


async def test_snapshot_export_keeps_the_meeting_going(app: SamApp, session: Session) -> None:
    session.meeting.add_note("! snapshot me")
    async with app.run_test() as pilot:
        app.screen.export_snapshot()  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = list((session.agenda_path.parent / "minutes").glob("*-snapshot.toml"))
    assert len(written) == 1 and "snapshot me" in written[0].read_text(encoding="utf-8")
    assert session.journal.info().state == "running"
    assert not session.meeting.state.ended


def _meeting_in_progress(session: Session, clock: FakeClock) -> None:
    meeting = session.meeting
    meeting.toggle_clock()
    meeting.next_turn()
    clock.advance(95)
    meeting.add_note("! We lead with the platform, not the point product")
    meeting.next_turn()
    clock.advance(70)
    meeting.add_note("todo: send the stakeholder map @renee due:2026-12-10")
    meeting.add_note("park: the late invoice from October")
    meeting.add_note("? who signs above 2M")
    clock.advance(400)
