"""ctrl+r: what the meeting has decided and left to do so far, in one place.

Decisions, goals, actions (and the last review's closed ones), stakeholder changes, the
parking lot and the questions not asked yet: the same records as the closing screen and the
report, taken from the minutes as they stand, redrawn whenever the meeting changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from samtui.core.events import Event
from samtui.core.summary import summary
from samtui.ui.bridge import Follows
from samtui.ui.screens.closing import decided
from samtui.ui.widgets.notice import NoticeBar

if TYPE_CHECKING:
    from samtui.ui.app import SamApp


class RecapScreen(Follows, ModalScreen[None]):
    """The meeting's decisions and actions so far; Esc (or ctrl+r) goes back."""

    DEFAULT_CSS = """
    RecapScreen { align: center middle; }
    RecapScreen > Vertical {
        width: 96%; height: 90%; border: round $accent; background: $surface; padding: 0 1;
    }
    RecapScreen VerticalScroll { height: 1fr; }
    """
    BINDINGS = [Binding("escape,ctrl+r", "dismiss", "Close", priority=True)]

    app: SamApp

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.styled("Decided so far, and what is left to do", "bold $accent"))
            with VerticalScroll():
                yield Static("", id="recap")
            yield NoticeBar(id="notice")
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()

    def changed(self, events: list[Event] | None) -> None:
        self.redraw()

    def redraw(self) -> None:
        session = self.app.session
        self.drawn_seq = session.meeting.state.last_seq
        lines = decided(summary(session.minutes()))
        self.query_one("#recap", Static).update(Content("\n").join(lines))
