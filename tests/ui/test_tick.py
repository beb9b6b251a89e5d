"""The clock's tick redraws the lines that moved and lays nothing out again (issue 14)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Label
from waiting import until

from samtui.core.clock import FakeClock
from samtui.ui.app import SamApp
from samtui.ui.screens.meeting import MeetingScreen
from samtui.ui.widgets.bigclock import BigClock
from samtui.ui.widgets.timekeeper import TimekeeperPanel


async def test_a_tick_moves_the_clocks_without_a_layout_pass(
    app: SamApp,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    screen_text: Callable[[SamApp], str],
) -> None:
    meeting = app.session.meeting
    meeting.toggle_clock()
    meeting.give_floor("dana")  # item 1 is a round of 2-minute turns, its budget 10 minutes
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        floor = screen.query_one("#floor", Label)
        await until(pilot, lambda: "Dana Whitfield  00:00" in str(floor.content), "the floor")
        await pilot.pause()
        layouts: list[object] = []
        refresh_layout = screen._refresh_layout  # private: Textual's one layout pass

        def counted(*args: object, **kwargs: object) -> None:
            layouts.append(args)
            refresh_layout(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(screen, "_refresh_layout", counted)
        subtitle = screen.query_one(TimekeeperPanel).border_subtitle
        for _ in range(5):
            clock.advance(1.0)
            screen.tick()
            await pilot.pause()
        assert str(floor.content) == "Floor: Dana Whitfield  00:05 of 02:00"
        assert screen.query_one(BigClock).time == "09:55"
        assert screen.query_one(TimekeeperPanel).border_subtitle == subtitle
        shown = screen_text(app)
        assert "Floor: Dana Whitfield  00:05 of 02:00" in shown
        assert "Meeting 0:00:05 of 1:00:00" in shown  # an hour planned: H:MM:SS
        assert layouts == []
