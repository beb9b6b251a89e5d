"""Every screen at every terminal size, resized back and forth: nothing crashes.

tests/ui/test_screens.py covers the meeting screen's widths; here every screen goes
through 1x1, 20x5, 80x24 and 300x100 (and back), and the meeting screen's notice shows
below its minimum width and below its minimum height.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen

from samtui.core.clock import FakeClock
from samtui.core.minutes import ActionRecord, AttendeeRecord, MeetingRecord, Minutes
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.carry_over import CarryOverScreen
from samtui.ui.screens.checkin import CheckinScreen
from samtui.ui.screens.closing import ClosingScreen
from samtui.ui.screens.floor_picker import FloorPicker
from samtui.ui.screens.help import HelpScreen
from samtui.ui.screens.meeting import MIN_HEIGHT, MIN_WIDTH, MeetingScreen
from samtui.ui.screens.stakeholders import StakeholderScreen

ScreenText = Callable[[App[Any]], str]

SIZES = [(1, 1), (20, 5), (300, 100), (1, 1), (80, 24)]
"""From 80x24: every size, down from 300x100 to 1x1 and up from it, ending where it began."""

REVIEW_TOML = """\
[meeting]
title = "Globex review"
account = "Globex"
duration = 60
previous_minutes = "last.toml"

[roles]
moderator = "ann"
timekeeper = "bo"
scribe = "cy"

[[attendees]]
id = "ann"
name = "Ann Archer"
questions = ["Who signs?"]

[[attendees]]
id = "bo"
name = "Bo Brandt"

[[attendees]]
id = "cy"
name = "Cy Castro"

[[stakeholders]]
name = "Sue Summers"
title = "CFO"
stance = "advocate"
influence = "high"
final_authority = true

[[stakeholders]]
name = "Tim Tate"
stance = "opponent"
influence = "medium"

[[items]]
title = "Round"
minutes = 10
kind = "round"
prompts = ["What changed?"]

[[items]]
title = "Plays"
minutes = 40
"""


@pytest.fixture
def review(tmp_path: Path, clock: FakeClock) -> Session:
    previous = Minutes(
        meeting=MeetingRecord(
            title="last", account="Globex", agenda="x.toml", planned_minutes=60, actual_seconds=1
        ),
        attendees=[AttendeeRecord(id="bo", name="Bo")],
        actions=[ActionRecord(id=n, text=f"promise {n}", owner="bo", item="Plays") for n in (1, 2)],
    )
    previous.write(tmp_path / "last.toml")
    path = tmp_path / "globex.toml"
    path.write_text(REVIEW_TOML, encoding="utf-8")
    return Session.start(path, clock=clock)


Step = tuple[str, list[str], type[Screen[Any]], list[str]]
"""(name, keys that open it from the step before, the screen, a key tried at each size)"""
PARTS: list[list[Step]] = [  # two apps, so two workers share the work
    [
        ("check-in", [], CheckinScreen, ["down"]),
        ("meeting", ["f5"], MeetingScreen, ["ctrl+t"]),
        ("help", ["f1"], HelpScreen, ["down"]),
    ],
    [
        ("stakeholders", ["f5", "f2"], StakeholderScreen, ["s"]),
        ("carry-over", ["escape", "f4"], CarryOverScreen, ["c"]),
        ("closing", ["escape", "f10"], ClosingScreen, ["down"]),
    ],
]


@pytest.mark.parametrize("steps", PARTS, ids=lambda steps: "+".join(s[0] for s in steps))
async def test_every_screen_survives_every_size(
    steps: list[Step], review: Session, clock: FakeClock, screen_text: ScreenText
) -> None:
    app = SamApp(review, clock=clock, ring_bell=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for name, keys, screen_type, tries in steps:
                await pilot.press(*keys)
                await pilot.pause()
                assert isinstance(app.screen, screen_type), name
                for width, height in SIZES:
                    await pilot.resize_terminal(width, height)
                    clock.advance(1)
                    await pilot.press(*tries)  # waits until the app is idle again
                    assert isinstance(app.screen, screen_type), (name, width, height)
                    assert app.size == (width, height)
                shown = screen_text(app)  # back at 80x24
                assert "Globex" in shown or name == "help", name
        assert app.return_code is None  # still running when the test left: no crash
    finally:
        review.close()


async def test_the_floor_picker_survives_every_size(review: Session, clock: FakeClock) -> None:
    app = SamApp(review, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f5", "ctrl+g", "b")
            assert isinstance(app.screen, FloorPicker)
            for width, height in SIZES:
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                assert isinstance(app.screen, FloorPicker)
            await pilot.press("enter")
            assert review.meeting.state.floor == "bo"
    finally:
        review.close()


NOTICE_SIZES = [
    (1, 1, True),
    (300, 100, False),
    (20, 5, True),
    (MIN_WIDTH, MIN_HEIGHT, False),
    (MIN_WIDTH - 1, 40, True),
    (80, 24, False),
    (120, MIN_HEIGHT - 1, True),
]
"""(width, height, whether the notice shows); tests/ui/test_screens.py does the widths."""


async def test_meeting_screen_asks_to_enlarge_below_its_minimum(
    review: Session, clock: FakeClock, screen_text: ScreenText
) -> None:
    app = SamApp(review, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(300, 100)) as pilot:
            for width, height, notice in NOTICE_SIZES:
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                assert app.screen.query_one("#too-small").display is notice, (width, height)
                assert app.screen.query_one("#main").display is not notice, (width, height)
                if width < 30 or height < 3:
                    continue  # too small for the words to fit
                shown = screen_text(app)
                if notice:
                    assert "Please enlarge the terminal" in shown
                    assert f"(at least {MIN_WIDTH}x{MIN_HEIGHT})" in shown
                else:
                    assert "Please enlarge" not in shown and "Round" in shown
    finally:
        review.close()
