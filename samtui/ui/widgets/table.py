"""A DataTable with fixed columns and one that takes the rest of the width."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual.content import Content
from textual.widgets import DataTable

MIN_FLEX = 6


class FlexTable(DataTable[Content]):
    """DataTable does not measure `Content` cells, so widths are set here, from the panel's.

    `COLUMNS` lists (label, key, width); the one with width 0 flexes. `reset_columns` runs
    on every full redraw, so a resize is followed by the right widths.
    """

    COLUMNS: ClassVar[list[tuple[str, str, int]]] = []
    SCROLLBAR = 2  # room for the vertical scrollbar when the rows outgrow the panel

    def reset_columns(self, rows: int) -> None:
        """Clear the table and lay out columns for `rows` rows (room for a scrollbar only
        when they will not all show)."""
        self.clear(columns=True)
        padding = 2 * self.cell_padding * len(self.COLUMNS)
        scrollbar = self.SCROLLBAR if rows + 1 > self.scrollable_content_region.height else 0
        fixed = sum(width for _, _, width in self.COLUMNS) + padding + scrollbar
        flex = max(MIN_FLEX, self.scrollable_content_region.width - fixed)
        for label, key, width in self.COLUMNS:
            self.add_column(label, key=key, width=width or flex)

    def refill(self, rows: Iterable[tuple[str, Sequence[Content]]]) -> None:
        """Replace every row (keyed), keeping the cursor where the user left it."""
        row = self.cursor_row
        keyed = list(rows)
        self.reset_columns(len(keyed))
        for key, cells in keyed:
            self.add_row(*cells, key=key)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    def update_changed(self, row_key: str, column_key: str, value: Content) -> None:
        """Update a cell only if it shows something else: any update makes DataTable
        redraw every visible row, so a clock tick must touch nothing that did not change."""
        if self.get_cell(row_key, column_key) != value:
            self.update_cell(row_key, column_key, value)
