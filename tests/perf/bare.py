"""The bare baselines of bench.py: what any Textual app showing the same things costs.

`BareApp` (start-up) loads the agenda with tomllib and shows it in the standard widgets
samtui's meeting screen is made of: tables of the items and the attendees, the clock in a
Digits, the item's prompts, a list of notes, the note line, a Footer.

`BareTyping` (keys and the clock) is a bare Input under an OptionList of `notes` rows, with
a Digits and a Label for the clock: Enter adds the typed line to the list, and `tick()`
moves the clock on a second, updating the Digits and the Label, as it does once a second.

Nothing here imports samtui: a bare process holds only Textual and what it shows, so its
garbage collections walk only that.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Digits, Footer, Input, Label, OptionList, Static

SIZE = (160, 48)
"""Every app in the bench runs headless at this size."""


def note_line(index: int) -> str:
    """A realistic mix of kinds, so parsing costs what it costs in a meeting."""
    lines = (
        f"Grace wants the Ohio numbers before Q3 ({index})",
        f"todo: send the stakeholder map @amy due:2026-12-10 ({index})",
        f"! go with plan B for the packaging line ({index})",
        f"park: invoice dispute number {index}",
    )
    return lines[index % len(lines)]


class BareApp(App[None]):
    """The agenda in the standard widgets of samtui's meeting screen, and nothing else."""

    BINDINGS = [
        Binding("f5", "noop", "Start / pause"),
        Binding("ctrl+n", "noop", "Next item"),
        Binding("ctrl+t", "noop", "Next turn"),
        Binding("f10", "noop", "End"),
        Binding("f1", "noop", "Help"),
    ]
    CSS = """
    #panels { height: 1fr; }
    #panels > * { width: 1fr; border: round $primary; }
    DataTable { height: 1fr; }
    #notes { height: 1fr; }
    """

    def __init__(self, agenda: dict[str, Any]) -> None:
        super().__init__()
        self.agenda = agenda

    def compose(self) -> ComposeResult:
        meeting = self.agenda["meeting"]
        yield Label(f"{meeting['account']} · {meeting['title']}")
        with Horizontal(id="panels"):
            with Vertical():
                yield DataTable(id="items", cursor_type="none")
                yield DataTable(id="attendees", cursor_type="none")
            with Vertical():
                yield Digits(f"{meeting['duration']:02}:00")
                yield Label("left of this item")
                yield Label(f"Meeting 0:00 of {meeting['duration']} min")
                yield Button("Start the meeting", variant="primary")
            with VerticalScroll():
                first = self.agenda["items"][0]
                yield Label(first["title"])
                for prompt in first.get("prompts", []):
                    yield Label(f"• {prompt}")
                yield Static("Nobody has the floor")
            with Vertical():
                yield OptionList(id="notes")
                yield Input(placeholder="note · ! decision · todo: @who", id="note")
        yield Footer()

    def on_mount(self) -> None:
        items = self.query_one("#items", DataTable)
        items.add_columns("Item", "Plan", "Actual")
        for number, item in enumerate(self.agenda["items"], 1):
            items.add_row(f"{number}. {item['title']}", f"{item['minutes']}m", "")
        attendees = self.query_one("#attendees", DataTable)
        attendees.add_columns("Name", "Title", "Zone", "Prep")
        for person in self.agenda["attendees"]:
            attendees.add_row(
                person["name"],
                person.get("title", ""),
                person.get("timezone", ""),
                "✓" if person.get("prepared") else "",
            )
        self.query_one("#note", Input).focus()

    def action_noop(self) -> None:
        """The bindings are there for the Footer to show."""


class BareTyping(App[None]):
    """A note line under a list of notes, and a clock: a bare Input and OptionList."""

    CSS = """
    #notes { height: 1fr; }
    """

    def __init__(self, notes: int, minutes: int = 600) -> None:
        super().__init__()
        self.notes = notes
        self.minutes = minutes
        self.seconds = 0

    def compose(self) -> ComposeResult:
        yield Digits(f"{self.minutes:02}:00", id="clock")
        yield Label(f"Meeting 0:00 of {self.minutes} min", id="elapsed")
        yield OptionList(*(note_line(i) for i in range(self.notes)), id="notes")
        yield Input(placeholder="note · ! decision · todo: @who", id="note")

    def on_mount(self) -> None:
        note = self.query_one("#note", Input)
        if self.is_headless:
            note.cursor_blink = False  # as samtui's note line under a test
        note.focus()
        self.query_one("#notes", OptionList).scroll_end(animate=False, immediate=True)
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        """The clock moves on a second: the Digits and the elapsed time are updated."""
        self.seconds += 1
        left = self.minutes * 60 - self.seconds
        minutes, seconds = divmod(self.seconds, 60)
        self.query_one("#clock", Digits).update(f"{left // 60:02}:{left % 60:02}")
        self.query_one("#elapsed", Label).update(
            f"Meeting {minutes}:{seconds:02} of {self.minutes} min"
        )

    @on(Input.Submitted, "#note")
    def add_note(self, event: Input.Submitted) -> None:
        notes = self.query_one("#notes", OptionList)
        notes.add_option(event.value)
        notes.scroll_end(animate=False)
        event.input.value = ""
