"""Give the floor: type part of a name, Enter chooses."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from samtui.core.events import Event
from samtui.core.notes import fold
from samtui.ui.bridge import Follows


class FloorPicker(Follows, ModalScreen[str | None]):
    """Returns the chosen attendee id, or None on Esc; the list follows the meeting (someone
    marked absent in another view drops out of it)."""

    DEFAULT_CSS = """
    FloorPicker { align: center middle; }
    FloorPicker > Vertical {
        width: 60; max-width: 100%; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    /* min-width: a list cannot wrap names in no cells; on a tiny screen it is clipped */
    FloorPicker OptionList { height: auto; max-height: 16; border: none; min-width: 12; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", priority=True),  # first: see HelpScreen
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, people: Callable[[], list[tuple[str, str]]]) -> None:
        super().__init__()
        self._people = people
        self.people = people()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Give the floor to… (type part of a name, Enter)")
            yield Input(placeholder="name", id="who")
            yield OptionList(id="people")

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one(Input).cursor_blink = False
        self._show("")

    def changed(self, events: list[Event] | None) -> None:
        self.people = self._people()
        self._show(self.query_one(Input).value)

    def _show(self, query: str) -> None:
        wanted = fold(query.strip())
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(Content(name), id=attendee)
            for attendee, name in self.people
            if wanted in fold(name) or fold(attendee).startswith(wanted)
        )
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#who")
    def _filter(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted, "#who")
    def _choose_highlighted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)
        else:
            self.notify("Nobody present matches that", severity="warning")

    @on(OptionList.OptionSelected, "#people")
    def _choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = (current + step) % options.option_count

    def action_cancel(self) -> None:
        self.dismiss(None)
