"""Hostile text: markup, escape sequences, bidi and wide characters are shown as typed.

Every agenda field the screens show, the last review's actions and the notes carry a piece
of a corpus; each screen (check-in, help, meeting, stakeholder map, carry-over, floor
picker, closing) must show the printable part literally and nothing may crash or act.
Control characters go into the agenda as TOML escapes (`\\u001b`), as a user would have to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input

from samtui.core.clock import FakeClock
from samtui.core.minutes import ActionRecord, AttendeeRecord, MeetingRecord, Minutes
from samtui.core.safetext import visible
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.carry_over import CarryOverScreen
from samtui.ui.screens.checkin import CheckinScreen
from samtui.ui.screens.closing import ClosingScreen
from samtui.ui.screens.floor_picker import FloorPicker
from samtui.ui.screens.help import HelpScreen
from samtui.ui.screens.meeting import MeetingScreen
from samtui.ui.screens.stakeholders import StakeholderScreen
from samtui.ui.widgets.agenda import AgendaPanel

ScreenText = Callable[[App[Any]], str]

CORPUS = {
    "open-tag": "[bold]",
    "close-all": "[/]",
    "link": "[link=x]y[/link]",
    "click": "[@click=app.quit]",
    "unclosed": "[b",
    "ansi": "\x1b[31m",
    "bell": "\x07",
    "rtl-override": "\u202e",
    "zero-width-joiner": "a\u200db\u200dc",
    "skin-tone": "👍🏽",
    "cjk": "漢字テスト",
    "variable": "$variable",
    "entity": "&lt;",
}


CONTROL = {"\x1b", "\x07"}
"""What a screen may drop (it must not pass them to the terminal); the rest must show."""
SHOWN_AS = {"\u202e": "⟨U+202E⟩"}
"""What a screen must show for a bidirectional control: its code point, visibly."""


def toml_string(text: str) -> str:
    """A TOML basic string: control characters escaped, as TOML requires."""
    out = []
    for char in text:
        if char in '"\\' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def shown_as(text: str) -> re.Pattern[str]:
    """The printable runs of `text` in order; each control character may be dropped or
    replaced by one visible symbol (such as "␛"), never passed on."""
    for control, shown in SHOWN_AS.items():
        text = text.replace(control, shown)
    runs = re.split("|".join(map(re.escape, sorted(CONTROL))), text)
    return re.compile(".?".join(re.escape(run) for run in runs), flags=re.S)


def fields(piece: str) -> dict[str, str]:
    """Every shown agenda field: a short word (to find it) followed by the piece."""
    return {
        name: f"{name}{piece}"
        for name in (
            "Title",
            "Account",
            "Ann",
            "Bo",
            "Job",
            "Ask",
            "Sue",
            "Boss",
            "Round",
            "Talk",
            "Prompt",
            "Promise",
            "Note",
            "Act",
            "Park",
        )
    }


def hostile_agenda(folder: Path, piece: str) -> Path:
    f = {name: toml_string(value) for name, value in fields(piece).items()}
    previous = Minutes(
        meeting=MeetingRecord(
            title="last", account="last", agenda="last.toml", planned_minutes=30, actual_seconds=60
        ),
        attendees=[AttendeeRecord(id="b", name="Bo")],
        actions=[ActionRecord(id=1, text=fields(piece)["Promise"], owner="b", item="x")],
    )
    previous.write(folder / "last-minutes.toml")
    path = folder / "hostile.toml"
    path.write_text(
        f"""\
[meeting]
title = {f["Title"]}
account = {f["Account"]}
duration = 30
previous_minutes = "last-minutes.toml"

[roles]
moderator = "a"
timekeeper = "b"
scribe = "a"

[[attendees]]
id = "a"
name = {f["Ann"]}
title = {f["Job"]}
questions = [{f["Ask"]}]

[[attendees]]
id = "b"
name = {f["Bo"]}

[[stakeholders]]
name = {f["Sue"]}
title = {f["Boss"]}
stance = "neutral"
influence = "high"

[[items]]
title = {f["Round"]}
minutes = 10
kind = "round"
prompts = [{f["Prompt"]}]

[[items]]
title = {f["Talk"]}
minutes = 10
""",
        encoding="utf-8",
    )
    return path


def assert_shows(shown: str, piece: str, *names: str, chars: int | None = None) -> None:
    """`chars`: only the start fits in a fixed-width column (ellipsis after it)."""
    for name in names:
        expected = shown_as(f"{name}{piece}"[:chars])
        assert expected.search(shown), f"{name}{piece!r} not shown literally"
    for control in CONTROL | set(SHOWN_AS):
        assert control not in shown, f"{control!r} reached the terminal"


GROUPS = [
    pytest.param(("ansi",)),
    pytest.param(("bell",)),
    pytest.param(("open-tag", "close-all", "link")),
    pytest.param(("rtl-override",)),  # shown as ⟨U+202E⟩: too wide to share a column
    pytest.param(("click", "unclosed", "zero-width-joiner")),
    pytest.param(("skin-tone", "cjk", "variable", "entity")),
]
"""Pieces shown together; a control character alone, so its failure hides no other piece."""


@pytest.mark.parametrize("names", GROUPS, ids="+".join)
async def test_every_screen_shows_hostile_text_literally(
    names: tuple[str, str], tmp_path: Path, clock: FakeClock, screen_text: ScreenText
) -> None:
    piece = "".join(CORPUS[name] for name in names)
    session = Session.start(hostile_agenda(tmp_path, piece), clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CheckinScreen)
            assert_shows(screen_text(app), piece, "Title", "Account", "Ann", "Bo", "Ask")

            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            assert "Note syntax" in screen_text(app)
            await pilot.press("escape", "f5")
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen)
            session.meeting.give_floor("a")
            note_line = app.screen.query_one("#note", Input)
            for line in (f"Note{piece}", f"todo: Act{piece} @b", f"park: Park{piece}"):
                note_line.value = line
                await pilot.press("enter")
            await pilot.pause()
            meeting = screen_text(app)
            assert_shows(meeting, piece, "Title", "Account", "Ann", "Bo", "Round")
            # A long title wraps in the agenda's column: read it from the table's cell.
            talk = app.screen.query_one(AgendaPanel).get_cell("1", "title").plain
            assert_shows(talk.replace("\n", ""), piece, "Talk")
            assert_shows(meeting, piece, "Prompt", "Ask", "Note", "Act", "Park")

            await pilot.press("f2")
            await pilot.pause()
            assert isinstance(app.screen, StakeholderScreen)
            stakeholders = screen_text(app)
            assert_shows(stakeholders, piece, "Sue")
            assert_shows(stakeholders, piece, "Boss", chars=10)  # a 17-cell column
            await pilot.press("escape", "f4")
            await pilot.pause()
            assert isinstance(app.screen, CarryOverScreen)
            carried = screen_text(app)
            assert_shows(carried, piece, "Promise")
            assert_shows(carried, piece, "Bo", chars=8)  # a 15-cell column
            await pilot.press("escape", "ctrl+g")
            await pilot.pause()
            assert isinstance(app.screen, FloorPicker)
            assert_shows(screen_text(app), piece, "Ann", "Bo")
            await pilot.press("escape", "f10")
            await pilot.pause()
            assert isinstance(app.screen, ClosingScreen)
            assert_shows(screen_text(app), piece, "Title", "Account", "Round", "Act", "Park")
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "Minutes written to" in screen_text(app)
        assert app.return_code in (None, 0)  # nothing in the text quit or crashed the app
        minutes_path = session.journal.info().minutes_path
        assert minutes_path is not None
        minutes = Minutes.load(minutes_path)
    finally:
        session.close()
    # The record keeps the text as shown: a control character as its picture (ESC as ␛),
    # so no minutes file or report ever carries an escape sequence to a terminal.
    expected = {name: visible(text) for name, text in fields(piece).items()}
    assert minutes.meeting.title == expected["Title"]
    assert minutes.attendees[0].title == expected["Job"]  # shown nowhere, kept in the minutes
    notes = [note.text for note in minutes.items[0].notes]
    assert notes == [expected["Note"], expected["Act"], expected["Park"]]
    assert minutes.stakeholders[0].title == expected["Boss"]
