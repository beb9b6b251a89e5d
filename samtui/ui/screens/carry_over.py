"""F4: the last review's open actions: each is done, carried or dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

from samtui.core.events import Event
from samtui.core.vocabulary import CarryDecision
from samtui.ui.bridge import Follows
from samtui.ui.guard import guarded
from samtui.ui.widgets.moderator import DECISION_STYLE
from samtui.ui.widgets.table import FlexTable

if TYPE_CHECKING:
    from samtui.ui.app import SamApp


def _owner(names: dict[str, str], owner: str | None) -> str:
    return names.get(owner, owner) if owner else "no owner"


class CarryOverTable(FlexTable):
    COLUMNS = [
        ("Action", "text", 0),
        (" Owner", "owner", 16),
        (" Due", "due", 12),
        (" Carried", "carried", 9),
        (" Now", "decision", 9),
    ]


class CarryOverScreen(Follows, ModalScreen[None]):
    """People are held to what they agreed to: the review starts with last time's actions."""

    DEFAULT_CSS = """
    CarryOverScreen { align: center middle; }
    CarryOverScreen > Vertical {
        width: 96%; height: 80%; border: round $accent; background: $surface; padding: 0 1;
    }
    CarryOverScreen CarryOverTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,f4", "dismiss", "Close", priority=True),
        Binding("d", "decide('done')", "Done"),
        Binding("c", "decide('carried')", "Carried"),
        Binding("x", "decide('dropped')", "Dropped"),
    ]

    app: SamApp

    def compose(self) -> ComposeResult:
        state = self.app.session.meeting.state
        source = state.carry_source or "no previous minutes"
        with Vertical():
            yield Label(
                Content.assemble(
                    ("Open actions from the last review", "bold $accent"),
                    " · ",
                    source,
                    ("\nd done · c carried · x dropped: each moves the cursor on", "$text-muted"),
                )
            )
            yield CarryOverTable(cursor_type="row", cell_padding=0)
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()
        self.call_after_refresh(self.redraw)
        self.query_one(CarryOverTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A view that only follows is offered no decision: its Footer shows only Close
        (a decision key pressed anyway is refused in words, by the app)."""
        return not (action == "decide" and self.app.follows_only)

    def changed(self, events: list[Event] | None) -> None:
        self.redraw()

    def redraw(self) -> None:
        state = self.app.session.meeting.state
        self.drawn_seq = state.last_seq
        self.query_one(CarryOverTable).refill(
            (
                str(index),
                (
                    Content(action.text),
                    Content(f" {_owner(state.names, action.owner)}"),
                    Content(f" {action.due.isoformat()}" if action.due else ""),
                    Content.styled(f" ×{action.times_carried}", "$warning")
                    if action.times_carried
                    else Content(""),
                    Content.styled(f" {action.decision}", DECISION_STYLE[action.decision]),
                ),
            )
            for index, action in enumerate(state.carried)
        )

    @guarded
    def action_decide(self, decision: CarryDecision) -> None:
        table = self.query_one(CarryOverTable)
        if not table.row_count:
            return
        refused = self.app.session.meeting.decide_carried(
            table.cursor_row, decision, seen=self.drawn_seq
        )
        if refused is not None:
            self.app.notify(refused.message, severity="warning", markup=False)
            self.redraw()  # show what the other view decided
            return
        if table.cursor_row + 1 < table.row_count:
            table.move_cursor(row=table.cursor_row + 1)
