"""Every agenda item with planned and actual minutes; the current one marked."""

from __future__ import annotations

from textual.content import Content

from samtui.core.formatting import minutes
from samtui.ui.moment import Moment
from samtui.ui.widgets.table import FlexTable


class AgendaPanel(FlexTable):
    """One row per item; only the current row changes on a clock tick."""

    DEFAULT_CSS = """
    AgendaPanel { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__(cursor_type="none", cell_padding=0, id="agenda")
        self.border_title = "Agenda"

    COLUMNS = [
        ("", "mark", 2),
        ("Item", "title", 0),
        (" Plan", "plan", 5),
        (" Actual", "actual", 8),
    ]

    def show(self, moment: Moment) -> None:
        """Rebuild all rows (on item changes, added time and resizes; not on ticks)."""
        self.reset_columns(len(moment.state.items))
        for index in range(len(moment.state.items)):
            self.add_cells(str(index), self._cells(moment, index))
        self.move_cursor(row=moment.state.current_item)

    def tick(self, moment: Moment) -> None:
        """Actual times are whole minutes, so most ticks change nothing here."""
        index = moment.state.current_item
        for key, cell in zip(
            ("mark", "title", "plan", "actual"), self._cells(moment, index), strict=True
        ):
            self.update_changed(str(index), key, cell)

    def _cells(self, moment: Moment, index: int) -> tuple[Content, ...]:
        state = moment.state
        item = state.agenda.items[index]
        item_state = state.items[index]
        elapsed = item_state.clock.read(moment.offset)
        current = index == state.current_item
        over = elapsed > item_state.budget_seconds
        style = "$error bold" if over else ("bold" if current else "")
        kind = " ↻" if item.kind == "round" else ""
        return (
            Content.styled("▶" if current else " ", "$accent bold"),
            Content.assemble(Content.styled(f"{index + 1}. ", "dim"), (item.title, style), kind),
            Content(f" {item_state.budget_seconds // 60:>3}m"),
            Content.styled(f" {minutes(elapsed)}" if elapsed else "", style),
        )
