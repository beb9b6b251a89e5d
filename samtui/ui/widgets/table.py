"""A DataTable with fixed columns and one that takes the rest of the width, wrapped.

The room's screen cuts nothing it has room for: the flexible column (an item's title, a
name, an action) wraps onto as many lines as it needs, and its row grows to fit. Columns a
narrow panel cannot afford are left out (`NARROW_DROPS`), never squeezed to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual.content import Content
from textual.widgets import DataTable

MIN_FLEX = 6


class FlexTable(DataTable[Content]):
    """DataTable does not measure `Content` cells, so widths are set here, from the panel's.

    `COLUMNS` lists (label, key, width); the one with width 0 flexes and wraps. Rows are
    given with a cell for every column in `COLUMNS`; those a narrow panel drops are left
    out. `reset_columns` runs on every full redraw, so a resize is followed by the right
    widths.
    """

    COLUMNS: ClassVar[list[tuple[str, str, int]]] = []
    NARROW_DROPS: ClassVar[frozenset[str]] = frozenset()
    """Columns left out when the flexible one would be narrower than NARROW_FLEX."""
    DROP_ORDER: ClassVar[tuple[str, ...]] = ()
    """Columns left out one at a time, in this order, while the flexible one would be
    narrower than NARROW_FLEX (before NARROW_DROPS go, all at once)."""
    NARROW_FLEX: ClassVar[int] = 16
    FIT: ClassVar[dict[str, int]] = {}
    """Columns sized to their widest cell (and their label), up to the width given here;
    their width in COLUMNS is the least they get."""
    SCROLLBAR = 2  # room for the vertical scrollbar when the rows outgrow the panel

    _flex = MIN_FLEX
    _shown: tuple[str, ...] = ()
    _fitted: dict[str, int] | None = None

    def fit_to(self, rows: Sequence[Sequence[Content]]) -> None:
        """Size the FIT columns to these rows (call before `reset_columns`)."""
        keys = [key for _, key, _ in self.COLUMNS]
        fitted: dict[str, int] = {}
        for label, key, least in self.COLUMNS:
            if key in self.FIT:
                index = keys.index(key)
                widest = max((row[index].cell_length for row in rows), default=0)
                fitted[key] = min(self.FIT[key], max(least, len(label), widest))
        self._fitted = fitted

    def _columns(self) -> list[tuple[str, str, int]]:
        fitted = self._fitted or {}
        return [(label, key, fitted.get(key, width)) for label, key, width in self.COLUMNS]

    def reset_columns(self, rows: int) -> None:
        """Clear the table and lay out columns for `rows` rows (room for a scrollbar only
        when they will not all show)."""
        self.clear(columns=True)
        region = self.scrollable_content_region
        scrollbar = self.SCROLLBAR if rows + 1 > region.height else 0
        columns = self._columns()
        flex = self._flex_for(columns, region.width - scrollbar)
        if flex < self.NARROW_FLEX and self._fitted:
            self._shrink_fitted(self.NARROW_FLEX - flex)  # fitted columns wrap first
            columns = self._columns()
            flex = self._flex_for(columns, region.width - scrollbar)
        for dropped in self.DROP_ORDER:
            if flex >= self.NARROW_FLEX:
                break
            columns = [c for c in columns if c[1] != dropped]
            flex = self._flex_for(columns, region.width - scrollbar)
        if flex < self.NARROW_FLEX and self.NARROW_DROPS:
            columns = [c for c in columns if c[1] not in self.NARROW_DROPS]
            flex = self._flex_for(columns, region.width - scrollbar)
        self._flex = flex
        self._shown = tuple(key for _, key, _ in columns)
        for label, key, width in columns:
            self.add_column(label, key=key, width=width or flex)

    def _shrink_fitted(self, short: int) -> None:
        """Take `short` cells from the fitted columns, widest first, none below its least."""
        fitted = self._fitted or {}
        least = {key: max(width, len(label)) for label, key, width in self.COLUMNS}
        while short > 0:
            room = [key for key in fitted if fitted[key] > least[key]]
            if not room:
                return
            widest = max(room, key=lambda key: fitted[key])
            fitted[widest] -= 1
            short -= 1

    def _flex_for(self, columns: Sequence[tuple[str, str, int]], width: int) -> int:
        padding = 2 * self.cell_padding * len(columns)
        return max(MIN_FLEX, width - sum(w for _, _, w in columns) - padding)

    def fitted(self, key: str, value: Content) -> Content:
        """A cell as the table shows it: the flexible column (and a fitted one at its
        widest) wrapped to its width."""
        width = self._flex if dict((k, w) for _, k, w in self.COLUMNS).get(key) == 0 else None
        if key in self.FIT and self._fitted is not None:
            width = self._fitted[key]
        if width is None or value.cell_length <= width:
            return value
        return Content("\n").join(value.wrap(width) or [Content("")])

    def add_cells(self, key: str, cells: Sequence[Content]) -> None:
        """Add a row from a cell for each of `COLUMNS` (dropped columns left out)."""
        keys = [column_key for _, column_key, _ in self.COLUMNS]
        by_key = dict(zip(keys, cells, strict=True))
        self.add_row(
            *(self.fitted(column, by_key[column]) for column in self._shown), key=key, height=None
        )

    def refill(self, rows: Iterable[tuple[str, Sequence[Content]]]) -> None:
        """Replace every row (keyed), keeping the cursor where the user left it."""
        row = self.cursor_row
        keyed = list(rows)
        if self.FIT:
            self.fit_to([cells for _, cells in keyed])
        self.reset_columns(len(keyed))
        for key, cells in keyed:
            self.add_cells(key, cells)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    def update_changed(self, row_key: str, column_key: str, value: Content) -> None:
        """Update a cell only if it shows something else: any update makes DataTable
        redraw every visible row, so a clock tick must touch nothing that did not change."""
        if column_key not in self._shown:
            return
        shown = self.fitted(column_key, value)
        if self.get_cell(row_key, column_key) != shown:
            self.update_cell(row_key, column_key, shown)
