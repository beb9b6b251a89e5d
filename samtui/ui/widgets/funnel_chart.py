"""The funnel review by review as bars: the value reached, and the gap to the target."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from samtui.core.formatting import money
from samtui.core.minutes import FunnelRecord

BAR_CELLS = 40
"""The longest bar (the largest target or value of all the reviews)."""
FALLBACK_WIDTH = 100
"""Width to draw at before the widget has been laid out."""

FunnelRow = tuple[int, date, FunnelRecord]
"""A review's number, its day and its funnel."""


class FunnelChart(Static):
    """One line per review with a funnel: █ the value reached, ░ what is left to the target."""

    DEFAULT_CSS = """
    FunnelChart { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, markup=False)
        self.rows: list[FunnelRow] = []

    def show(self, rows: Sequence[FunnelRow]) -> None:
        self.rows = list(rows)
        self.clear_cached_dimensions()
        self.refresh(layout=True)

    def render(self) -> Content:
        return chart(self.rows, self.content_size.width or FALLBACK_WIDTH)


def chart(rows: Sequence[FunnelRow], width: int) -> Content:
    if not rows:
        return Content.styled("No review recorded a funnel.", "$text-muted")
    labels = [f"{number:>3} {day.isoformat()} " for number, day, _ in rows]
    texts = [
        f" {money(f.current, f.currency)} of {money(f.target, f.currency)}, "
        f"gap {money(f.gap, f.currency)}"
        for _, _, f in rows
    ]
    room = width - max(len(label) for label in labels) - max(len(text) for text in texts)
    cells = max(4, min(BAR_CELLS, room))
    scale = max(max(f.current, f.target) for _, _, f in rows) or 1
    lines = []
    for label, text, (_, _, funnel) in zip(labels, texts, rows, strict=True):
        reached = round(funnel.current * cells / scale)
        target = round(funnel.target * cells / scale)
        if funnel.current and not reached:
            reached = 1  # something is never shown as nothing
        left = max(0, target - reached)
        lines.append(
            Content.assemble(
                label,
                ("█" * reached, "$primary"),
                ("░" * left, "$warning"),
                " " * (cells - reached - left),
                text,
            )
        )
    return Content("\n").join(lines)
