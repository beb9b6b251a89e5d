"""Talk time per attendee as horizontal bars, so uneven airtime is seen rather than read."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from samtui.core.formatting import duration
from samtui.core.minutes import Minutes
from samtui.core.report import talk_bars

NAME_CELLS = 24
"""Longer names are cut with an ellipsis so the bars keep one left edge."""
BAR_CELLS = 40
"""The longest bar; wider bars only push the times out of sight."""
FALLBACK_WIDTH = 60
"""Width to draw at before the widget has been laid out."""


class TalkChart(Static):
    """One line per attendee present (or who spoke, then left): name, bar, time."""

    DEFAULT_CSS = """
    TalkChart { height: auto; }
    """

    def __init__(self, minutes: Minutes, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, markup=False)
        self.minutes = minutes

    def show(self, minutes: Minutes) -> None:
        """Redraw with the minutes as they now stand."""
        self.minutes = minutes
        self.clear_cached_dimensions()
        self.refresh(layout=True)

    def render(self) -> Content:
        return chart(self.minutes, self.content_size.width or FALLBACK_WIDTH)


def chart(minutes: Minutes, width: int) -> Content:
    """The bars as Content `width` cells wide; names are text, never markup."""
    speakers = talk_bars(minutes, 1)
    if not speakers:
        return Content.styled("Nobody was present.", "$text-muted")
    names = [
        Content(a.name) if a.present else Content.assemble(a.name, (" (left)", "$text-muted"))
        for a, _ in speakers
    ]
    name_cells = min(NAME_CELLS, max(name.cell_length for name in names))
    times = [duration(a.talk_seconds) for a, _ in speakers]
    time_cells = max(len(time) for time in times)
    bar_cells = max(1, min(BAR_CELLS, width - name_cells - time_cells - 4))
    lines = []
    for name, (attendee, bar), time in zip(
        names, talk_bars(minutes, bar_cells), times, strict=True
    ):
        seconds = attendee.talk_seconds
        shown = (
            (bar.ljust(bar_cells), "$primary")
            if seconds
            else ("never heard".ljust(bar_cells)[:bar_cells], "$warning")
        )
        lines.append(
            Content.assemble(
                name.truncate(name_cells, ellipsis=True, pad=True),
                "  ",
                shown,
                "  ",
                (time.rjust(time_cells), "$text-muted" if not seconds else ""),
            )
        )
    return Content("\n").join(lines)
