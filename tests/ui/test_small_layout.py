"""The room's screen at small sizes, as a new user's trial found it: the title kept in the
header, the attendees' local time kept, the note line marked, wrapped notes indented under
their text, a warning that does not repeat itself, no double space in a shown note."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from contrast import runs
from notices import Notices

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp

ScreenText = Callable[[SamApp], str]
SIZES = [(80, 24), (120, 36)]
LONG_TITLE = "Northwind Logistics strategic account review"


def rows(app: SamApp) -> list[str]:
    """The screen as lines of text, each cell where it is drawn (from the SVG)."""
    svg = app.export_screenshot()
    by_y: dict[float, list[tuple[float, str]]] = {}
    for match in re.finditer(r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S):
        text = html.unescape(match.group(3)).replace("\xa0", " ")
        by_y.setdefault(float(match.group(2)), []).append((float(match.group(1)), text))
    return ["".join(t for _, t in sorted(parts)) for _, parts in sorted(by_y.items())]


def starter_like(agenda_file: Path) -> Path:
    """The starter agenda's shape: the account's name inside a long title, a start time."""
    text = agenda_file.read_text(encoding="utf-8")
    text = text.replace('title = "Acme Corp strategic account review"', f'title = "{LONG_TITLE}"')
    text = text.replace('account = "Acme Corp"', 'account = "Northwind Logistics"')
    text = text.replace("duration = 60\n", "duration = 60\nstarts = 2026-12-03T13:53:00+00:00\n")
    agenda_file.write_text(text, encoding="utf-8")
    return agenda_file


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_header_keeps_the_meetings_title(
    agenda_file: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    session = Session.start(starter_like(agenda_file), clock=clock)
    session.meeting.toggle_clock()
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            header = rows(app)[0]
            assert LONG_TITLE in header, header
            assert "14:00 UTC" in header, header
    finally:
        session.close()


async def test_the_attendees_keep_their_local_time_at_120x36(
    session: Session, clock: FakeClock, screen_text: ScreenText
) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        attendees = [row for row in rows(app) if "Li Wei" in row]
        assert attendees and "22:00" in attendees[0], attendees  # Shanghai at 14:00 UTC


async def test_the_note_line_has_a_prompt_at_80x24(session: Session, clock: FakeClock) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"typed")
        await pilot.pause()
        line = next(row for row in rows(app) if "typed" in row)
        assert re.search(r"› ?typed", line), line


async def test_a_wrapped_note_goes_on_under_its_text(session: Session, clock: FakeClock) -> None:
    words = " ".join(f"word{n}" for n in range(30))
    session.meeting.add_note(f"! {words}")
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = rows(app)
        first = next(i for i, row in enumerate(shown) if "DECISION" in row)
        text_column = shown[first].index("word0")
        following = shown[first + 1]
        assert following[text_column - 1] in "│ " and following[text_column] == "w", shown[
            first : first + 3
        ]
        assert following[1:text_column].strip(" │") == "", following


async def test_a_shown_note_has_no_double_space(session: Session, clock: FakeClock) -> None:
    session.meeting.add_note("todo: call the CFO @li due:2026-12-20 about pricing")
    session.meeting.add_note("todo: nobody's call")
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        notes = [row for row in rows(app) if "ACTION" in row]
        assert len(notes) == 2
        for row in notes:
            text = row[row.index("ACTION") :].split("│")[0].rstrip()
            assert "  " not in text.removeprefix("ACTION").strip(), text


async def test_the_not_heard_warning_says_it_once(session: Session, clock: FakeClock) -> None:
    notices = Notices()
    session.meeting.toggle_clock()
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(120, 36), message_hook=notices.hook) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        shown = " ".join(rows(app))
        assert re.search(r"not heard", shown, re.I), shown
        assert not re.search(r"not heard\W+not heard", shown, re.I), shown


@pytest.mark.parametrize("theme", ["projector", "samtui"])
async def test_a_dialog_leaves_the_meeting_visible_behind_it_dimmed(
    session: Session, clock: FakeClock, theme: str
) -> None:
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False, theme=theme)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        before = [run for run in runs(app.export_screenshot()) if "Renée" in run.text]
        await pilot.press("f1")
        await pilot.pause()
        behind = [run for run in runs(app.export_screenshot()) if "Renée" in run.text]
        assert before and behind, "the attendees' panel is gone behind the dialog"
        assert behind[0].fg != before[0].fg  # dimmed: there, but not to be read
