"""The top line: account and title, when the meeting was to start and did, and the room's
clock with its time zone."""

from __future__ import annotations

import math
from datetime import date, datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label

from samtui.core.formatting import span
from samtui.ui.moment import Moment
from samtui.ui.widgets.connected import ConnectedViews
from samtui.ui.widgets.text import show


def start_line(moment: Moment) -> Content:
    """`scheduled 14:00 · started 14:07, 7 min late`, or `starts 14:00, in 5 min`; a time
    on another day than the room's today has its date, and a span of a day or more is in
    days (`starts 2027-03-04 14:00, in 91 days`: the next review drafted from minutes)."""
    scheduled = moment.agenda.meeting.starts
    started = moment.state.started_at
    today = moment.now.astimezone().date()
    if scheduled is None:
        return Content(f"started {_when(started, today)}") if started else Content("")
    planned = _when(scheduled, today)
    if started is None:
        wait = math.ceil((scheduled - moment.now).total_seconds() / 60)
        when = f"in {span(wait)}" if wait > 0 else f"{span(wait)} ago" if wait < 0 else "now"
        return Content(f"starts {planned}, {when}")
    late = round((started - scheduled).total_seconds() / 60)
    if late > 0:
        how = (f", {span(late)} late", "$warning")
    elif late < 0:
        how = (f", {span(late)} early", "")
    else:
        how = (", on time", "")
    return Content.assemble(f"scheduled {planned} · started {_when(started, today)}", how)


def _when(moment: datetime, today: date) -> str:
    """`14:00` today, `2027-03-04 14:00` on another day (the room's time zone)."""
    local = moment.astimezone()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%Y-%m-%d %H:%M}"


def heading(account: str, title: str) -> Content:
    """The account and the title, the account said once when the title names it."""
    if account.casefold() in title.casefold():
        start = title.casefold().index(account.casefold())
        end = start + len(account)
        return Content.assemble(title[:start], (title[start:end], "bold"), title[end:])
    return Content.assemble((account, "bold"), " · ", title)


class MeetingHeader(Horizontal):
    """Account and title on the left; the start and the room's clock on the right."""

    DEFAULT_CSS = """
    MeetingHeader { height: 1; background: $panel; color: $foreground; }
    MeetingHeader #heading { width: 1fr; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    MeetingHeader #scheduled { width: auto; padding: 0 1; color: $foreground-muted; }
    MeetingHeader #wall-clock { width: auto; padding: 0 1; text-style: bold; }
    """

    def __init__(self, account: str, title: str) -> None:
        super().__init__()
        self._heading = heading(account, title)
        self._start = Content("")

    def compose(self) -> ComposeResult:
        yield Label(self._heading, id="heading")
        yield Label("", id="scheduled")
        yield ConnectedViews()
        yield Label("", id="wall-clock")

    def show(self, moment: Moment) -> None:
        self._start = start_line(moment)
        now = moment.now.astimezone()
        show(self.query_one("#wall-clock", Label), f"{now:%H:%M} {now:%Z}".strip())
        self._fit_start()

    def on_resize(self) -> None:
        self._fit_start()

    def _fit_start(self) -> None:
        """The title comes first: the start line gives way (to its last part, then to
        nothing) where the header cannot hold both."""
        clock = self.query_one("#wall-clock", Label)
        views = self.query_one(ConnectedViews)
        room = self.size.width - self._heading.cell_length - 2 - clock.outer_size.width
        room -= views.outer_size.width
        start = self._start
        if start.cell_length + 2 > room and " · " in start.plain:
            start = start[start.plain.index(" · ") + 3 :]  # "started 14:07, 7 min late"
        if start.cell_length + 2 > room:
            start = Content("")
        show(self.query_one("#scheduled", Label), start)
