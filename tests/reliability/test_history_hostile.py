"""Hostile text in every field the history shows: literal on the screen, escaped in the
Markdown, formulas neutralised in the CSV.

Two reviews held through the engine on an agenda whose every name and title carries
markup, Markdown punctuation, a control character, a bidirectional override or a formula
start; an action typed with the same. Control characters reach the minutes as their
pictures (samtui.core.safetext), so the expected texts below are the pictures.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from history_chain import DAYS, draft_next, hold, speak
from markdown_it import MarkdownIt
from textual.app import App
from textual.widgets import TabbedContent

from samtui.core import history, history_report
from samtui.core.clock import FakeClock
from samtui.core.meeting import Meeting
from samtui.ui.screens.history import HistoryApp

ScreenText = Callable[[App[Any]], str]

ACCOUNT = "Acme [bold]Corp[/] *x* | y"
TITLE = "Review [@click=app.quit]Q[/] # 1"
DANA = "Dana ␛[31mRed"
LI = "Li ⟨U+202E⟩Wei"
MARCO = '=HYPERLINK("http://x")'
RENEE = "<script>x</script> $var"
JANE, JANE_TITLE = "Jane [link=x]O[/link]", "$variable _em_ `c`"
TOM, TOM_TITLE = "+Tom -Reed", "[b]CFO"
ANA = "@Ana ~~s~~"
ACTION = "[bold]send[/] *map* | x <b>y</b> ␛[2J ⟨U+202E⟩ end"
TYPED = "todo: [bold]send[/] *map* | x <b>y</b> \x1b[2J \u202e end @dana due:2026-04-01"
SHOWN = [ACCOUNT, TITLE, DANA, LI, MARCO, RENEE, JANE, JANE_TITLE, TOM, TOM_TITLE, ANA, ACTION]

AGENDA = r"""
[meeting]
title = "Review [@click=app.quit]Q[/] # 1"
account = "Acme [bold]Corp[/] *x* | y"
duration = 60

[roles]
moderator = "dana"
timekeeper = "li"
scribe = "marco"

[[attendees]]
id = "dana"
name = "Dana \u001b[31mRed"

[[attendees]]
id = "li"
name = "Li \u202eWei"

[[attendees]]
id = "marco"
name = "=HYPERLINK(\"http://x\")"

[[attendees]]
id = "renee"
name = "<script>x</script> $var"

[funnel]
currency = "USD"
current = 1
target = 2

[[stakeholders]]
name = "Jane [link=x]O[/link]"
title = "$variable _em_ `c`"
stance = "advocate"
influence = "high"
owner = "dana"

[[stakeholders]]
name = "+Tom -Reed"
title = "[b]CFO"
stance = "neutral"
influence = "high"
final_authority = true
owner = "li"

[[stakeholders]]
name = "@Ana ~~s~~"
stance = "opponent"
influence = "medium"

[[items]]
title = "Stakeholder [i]map[/i]"
minutes = 30
"""


def first(meeting: Meeting, clock: FakeClock) -> None:
    meeting.toggle_clock()
    speak(meeting, clock, "dana", 300)
    meeting.add_note(TYPED)
    speak(meeting, clock, "li", 100)
    meeting.add_note("Tom pushes back")
    assert meeting.change_stakeholder(1, "stance", "opponent") is None


def second(meeting: Meeting, clock: FakeClock) -> None:
    meeting.toggle_clock()
    speak(meeting, clock, "marco", 100)
    assert meeting.change_stakeholder(2, "stance", "neutral") is None  # no note names Ana


@pytest.fixture
def reviews(tmp_path: Path) -> Iterator[list[Path]]:
    agenda = tmp_path / "h[b]x.toml"
    agenda.write_text(AGENDA, encoding="utf-8")
    one = hold(agenda, DAYS[0], first)
    two = hold(draft_next(one, tmp_path / "h[b]y.toml"), DAYS[1], second)
    yield [one, two]


def acme(reviews: list[Path]) -> history.History:
    (found,) = history.histories(history.read(reviews))
    return found


def test_the_minutes_hold_what_the_screen_must_show(reviews: list[Path]) -> None:
    """The fixture's own check: every hostile text made it into the history."""
    found = acme(reviews)
    assert found.account == ACCOUNT
    assert [c.text for c in found.commitments] == [ACTION]
    assert [a.name for a in found.attendees] == [DANA, LI, MARCO, RENEE]
    assert [(s.name, s.title) for s in found.stakeholders] == [
        (JANE, JANE_TITLE),
        (TOM, TOM_TITLE),
        (ANA, None),
    ]


async def test_the_screen_shows_hostile_text_literally(
    reviews: list[Path], screen_text: ScreenText
) -> None:
    found = acme(reviews)
    app = HistoryApp([found])
    expected = {
        "flags": [ACCOUNT, TOM, JANE, ANA, ACTION],
        "commitments": [DANA, ACTION],
        "stakeholders": [JANE, JANE_TITLE, TOM, TOM_TITLE, ANA, DANA, LI],
        "participation": [DANA, LI, MARCO, RENEE],
        "reviews": [TITLE, str(reviews[0]), str(reviews[1])],
    }
    async with app.run_test(size=(200, 50)) as pilot:
        for pane, texts in expected.items():
            app.screen.query_one(TabbedContent).active = pane
            await pilot.pause()
            shown = screen_text(app)
            for text in texts:
                assert text in shown, f"{text!r} not shown literally on {pane}"
            assert "\x1b" not in shown and "\u202e" not in shown


UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def test_the_markdown_escapes_every_field(reviews: list[Path]) -> None:
    text = history_report.markdown([acme(reviews)])
    rendered = MarkdownIt("gfm-like").render(text)
    assert "<script" not in rendered and "<b>" not in rendered
    # A bare URL is linked by GFM's autolinks, as typed: no link hides another address.
    links = re.findall(r'<a href="([^"]*)">([^<]*)</a>', rendered)
    assert links and all(href == label for href, label in links)
    assert rendered.count("<a ") == len(links)
    assert "<em>" not in rendered and "<code>" not in rendered and "<del>" not in rendered
    assert rendered.count("<h1>") == 1
    words = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for shown in SHOWN:
        assert shown in words, f"{shown!r} not in the Markdown as typed"
    for table in _tables(text):
        cells = [len(re.findall(r"(?<!\\)(?:\\\\)*\|", row)) for row in table]
        assert cells == [cells[0]] * len(cells), table


def _tables(text: str) -> list[list[str]]:
    """Each run of lines starting with `|`: a Markdown table."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return [*tables, current] if current else tables


def test_the_csv_neutralises_formulas(reviews: list[Path]) -> None:
    found = acme(reviews)
    rows = list(csv.reader(io.StringIO(history_report.csv([found]), newline="")))
    subjects = {row[4] for row in rows[1:]}
    assert "'" + MARCO in subjects and MARCO not in subjects
    assert "'" + TOM in subjects and "'" + ANA in subjects
    raw = list(csv.reader(io.StringIO(history_report.csv([found], raw=True), newline="")))
    assert MARCO in {row[4] for row in raw[1:]} and ACTION in {row[4] for row in raw[1:]}
