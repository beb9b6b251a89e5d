"""The talk-time chart: names as typed, bars and times aligned, redrawn at its width."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.app import App, ComposeResult

from samtui.core.minutes import AttendeeRecord, Minutes
from samtui.ui.widgets.talk_chart import BAR_CELLS, TalkChart, chart

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "minutes.toml"


def _minutes() -> Minutes:
    minutes = Minutes.load(GOLDEN)
    minutes.attendees[0].name = "[bold]Dana[/bold] [@click=app.quit]x[/]"
    return minutes


def test_names_are_text_and_columns_line_up() -> None:
    lines = chart(_minutes(), 70).plain.split("\n")
    assert len(lines) == 4  # present attendees only
    assert lines[0].startswith("[bold]Dana[/bold] [@cli…  █")
    assert lines[1].startswith("Li | Wei  ")
    assert lines[3].split() == ["Bo", "Chen", "never", "heard", "00:00"]
    assert {cell_len(line) for line in lines} == {70}
    assert [line[-5:] for line in lines] == ["30:30", "15:05", "00:07", "00:00"]


def test_bars_shrink_with_the_width_and_stop_growing() -> None:
    narrow = chart(_minutes(), 40).plain.split("\n")
    assert narrow[0].count("█") == 40 - 24 - 5 - 4
    wide = chart(_minutes(), 200).plain.split("\n")
    assert wide[0].count("█") == BAR_CELLS


def test_nobody_present() -> None:
    minutes = Minutes.load(GOLDEN)
    minutes.attendees = [AttendeeRecord(id="a", name="A", present=False)]
    assert chart(minutes, 50).plain == "Nobody was present."


class _ChartApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TalkChart(_minutes())


async def test_the_widget_draws_at_its_width_and_shows_new_minutes() -> None:
    app = _ChartApp()
    async with app.run_test(size=(60, 10)) as pilot:
        talk = app.query_one(TalkChart)
        assert talk.size.height == 4
        assert "[bold]Dana[/bold]" in app.export_screenshot().replace("&#160;", " ")
        minutes = _minutes()
        minutes.attendees[1].present = False  # Li spoke, then left: still on the chart
        minutes.attendees[3].present = False  # Bo never spoke and is gone: off it
        talk.show(minutes)
        await pilot.pause()
        assert talk.size.height == 3
        assert "Li | Wei (left)" in chart(minutes, 60).plain
    assert app.return_code is None
