"""Bidirectional controls (U+202A–U+202E, U+2066–U+2069) in names and notes: a terminal or
a browser that honours them reorders what follows, so "Bob" can be made to read as
another name and a note as another note ("Trojan Source"). They are shown visibly, as
⟨U+202E⟩, in `validate`'s lines, on screen, in the minutes and in reports.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input

from samtui import cli
from samtui.core.clock import FakeClock
from samtui.core.minutes import Minutes
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.meeting import MeetingScreen

ScreenText = Callable[[App[Any]], str]

# Each control, as a TOML escape, and how it must be shown; written out, not computed.
CONTROLS = {
    "\\u202A": "⟨U+202A⟩",  # LRE, left-to-right embedding
    "\\u202B": "⟨U+202B⟩",  # RLE, right-to-left embedding
    "\\u202C": "⟨U+202C⟩",  # PDF, pop directional formatting
    "\\u202D": "⟨U+202D⟩",  # LRO, left-to-right override
    "\\u202E": "⟨U+202E⟩",  # RLO, right-to-left override
    "\\u2066": "⟨U+2066⟩",  # LRI, left-to-right isolate
    "\\u2067": "⟨U+2067⟩",  # RLI, right-to-left isolate
    "\\u2068": "⟨U+2068⟩",  # FSI, first strong isolate
    "\\u2069": "⟨U+2069⟩",  # PDI, pop directional isolate
}
RAW = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def agenda_text(control: str) -> str:
    return f"""\
[meeting]
title = "Review {control}weiver"
account = "Acme"
duration = 30

[roles]
moderator = "ann"
timekeeper = "ann"
scribe = "bob"

[[attendees]]
id = "ann"
name = "Ann {control}nnA"

[[attendees]]
id = "bob"
name = "Bob"

[[stakeholders]]
name = "Sue {control}euS"
stance = "neutral"
influence = "high"
final_authority = true

[[stakeholders]]
name = "Tom"
stance = "neutral"
influence = "high"
final_authority = true

[[items]]
title = "Item {control}metI"
minutes = 30
"""


@pytest.mark.parametrize("control", list(CONTROLS))
def test_validate_shows_each_control(
    control: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "agenda.toml"
    path.write_text(agenda_text(control), encoding="utf-8")
    assert cli.main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    shown = CONTROLS[control]
    assert out.splitlines() == [
        f'{path}: OK "Review {shown}weiver": 1 item, 30 of 30 minutes planned, 2 attendees, '
        "2 warnings",
        '  warning: roles.timekeeper: "ann" is also the moderator; one person in two roles '
        "tends to drop one",
        f'  warning: stakeholders: 2 have final_authority ("Sue {shown}euS", "Tom"); '
        "usually one person does",
    ]
    assert err == ""


@pytest.mark.parametrize("control", ["\\u202E", "\\u2066"])
def test_errors_show_it_too(
    control: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = CONTROLS[control]
    path = tmp_path / "agenda.toml"
    text = agenda_text(control)
    path.write_text(text.replace("[[items]]", f'"{control}key" = 1\n\n[[items]]'), "utf-8")
    assert cli.main(["validate", str(path)]) == 2
    assert capsys.readouterr() == ("", f'{path}: stakeholders[1]: unknown key "{shown}key"\n')
    path.write_text(text.replace('scribe = "bob"', f'scribe = "{control}bob"'), "utf-8")
    assert cli.main(["validate", str(path)]) == 2
    assert capsys.readouterr() == (
        "",
        f'{path}: roles.scribe: "{shown}bob" is not an attendee id (known: ann, bob)\n',
    )


def test_minutes_validate_shows_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.toml"
    path.write_text(
        '[meeting]\ntitle = "Last \\u202Etsal"\naccount = "a"\nagenda = "a.toml"\n'
        "planned_minutes = 30\nactual_seconds = 0\n",
        encoding="utf-8",
    )
    assert cli.main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == (
        f'{path}: OK minutes of "Last ⟨U+202E⟩tsal": 0 items, 0 actions (0 open), 0 attendees\n'
    )


async def test_the_meeting_screen_shows_them_and_the_minutes_keep_them_shown(
    tmp_path: Path, clock: FakeClock, screen_text: ScreenText
) -> None:
    path = tmp_path / "agenda.toml"
    path.write_text(agenda_text("\\u202E"), encoding="utf-8")
    session = Session.start(path, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen)
            note = app.screen.query_one("#note", Input)
            note.value = "pay \u2067Bob\u2069 first, then \u202dthe rest"
            await pilot.press("enter")
            await pilot.pause()
            shown = screen_text(app)
            for expected in (
                "Review ⟨U+202E⟩weiver",
                "Ann ⟨U+202E⟩nnA",
                "Item ⟨U+202E⟩metI",
                "pay ⟨U+2067⟩Bob⟨U+2069⟩ first, then ⟨U+202D⟩the rest",
            ):
                assert expected in shown, expected
            assert not any(control in shown for control in RAW)
        minutes = Minutes.from_state(
            session.meeting.state, session.meeting.offset, agenda_path=str(path)
        )
    finally:
        session.close()
    assert [note.text for note in minutes.items[0].notes] == [
        "pay ⟨U+2067⟩Bob⟨U+2069⟩ first, then ⟨U+202D⟩the rest"
    ]
    assert minutes.attendees[0].name == "Ann ⟨U+202E⟩nnA"


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
def test_direction_marks_are_kept_as_typed(mark: str, tmp_path: Path) -> None:
    """LRM, RLM and ALM cannot reorder letters, only the punctuation beside them, and
    people who write Hebrew or Arabic type them: they stay."""
    from samtui.core.notes import ParsedNote, parse_note

    note = parse_note(f"שלום{mark}, Bob", [])
    assert isinstance(note, ParsedNote)
    assert note.text == f"שלום{mark}, Bob"
