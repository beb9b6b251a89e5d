"""The time keeper's panel: the item's clock as large as the panel allows, the meeting
against its plan, and whether the review runs ahead or behind."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label

from samtui.core.formatting import countdown, durations, signed_minutes
from samtui.ui.moment import Moment
from samtui.ui.widgets.bigclock import BigClock
from samtui.ui.widgets.text import show

WARN_FROM = 0.7
"""The clock turns to the warning colour at 70 % of the item's budget."""
FLASH_SECONDS = 1.5
"""How long the clock flashes when the item's budget runs out."""


def phase(elapsed: float, budget: float) -> str:
    """normal, warning (from 70 % of the budget) or over (from 100 %)."""
    share = elapsed / budget if budget else 1.0
    if share >= 1.0:
        return "over"
    return "warning" if share >= WARN_FROM else "normal"


class PhasedClock(BigClock):
    """A big clock that takes its colour from a budget, and flashes once when it runs out."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._phase: str | None = None

    def show_budget(self, elapsed: float, budget: float, *, running: bool) -> None:
        now = phase(elapsed, budget)
        self.set_class(now == "warning", "-warning")
        self.set_class(now == "over", "-over")
        if now == "over" and self._phase not in (None, "over") and running:
            self.add_class("-flash")  # crossed 100 % while watched: a moment of flash
            self.set_timer(FLASH_SECONDS, lambda: self.remove_class("-flash"))
        self._phase = now
        self.time = countdown(budget, elapsed)


class TimekeeperPanel(Vertical):
    """Counts down what is left of the item, then up in overtime (`+01:23`)."""

    DEFAULT_CSS = """
    TimekeeperPanel { height: 1fr; }
    TimekeeperPanel PhasedClock { height: 1fr; }
    TimekeeperPanel Label { width: 1fr; text-align: center; }
    TimekeeperPanel #meeting-clock { text-style: bold; }
    TimekeeperPanel.-paused { border-subtitle-color: $warning; border-subtitle-style: bold; }
    TimekeeperPanel.-over { border-subtitle-color: $error; border-subtitle-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__(id="timekeeper")
        self.border_title = "Time keeper"
        self._subtitle: str | None = None

    def compose(self) -> ComposeResult:
        yield PhasedClock(id="item-clock")
        yield Label("", id="meeting-clock")
        yield Label("", id="schedule")

    def _key(self, binding_id: str) -> str:
        """The key as remapped in config.toml (the app's key chart), for the hints."""
        chart = getattr(self.app, "key_chart", None)
        return chart.label(binding_id) if chart is not None else binding_id

    def show(self, moment: Moment) -> None:
        state = moment.state
        item = state.items[state.current_item]
        elapsed = item.clock.read(moment.offset)
        budget = item.budget_seconds
        clock = self.query_one(PhasedClock)
        clock.show_budget(elapsed, budget, running=state.running)
        paused = state.started and not state.running and not state.ended
        clock.paused = paused
        self.set_class(elapsed >= budget, "-over")
        self.set_class(paused, "-paused")
        if state.ended:
            status = "ended"
        elif not state.started:
            status = f"not started: {self._key('toggle_clock')} starts the meeting"
        elif paused:
            status = f"PAUSED: {self._key('toggle_clock')} resumes"
        elif elapsed >= budget:
            status = "over time"
        else:
            status = "left of this item"
        added = f" (+{item.added_seconds // 60} min added)" if item.added_seconds else ""
        # On the border too, so it shows at every size: a paused clock must never go unseen.
        # Set only when it changes: setting it repaints the whole panel.
        subtitle = f"{status}{added}"
        if subtitle != self._subtitle:
            self._subtitle = subtitle
            self.border_subtitle = subtitle
        spent, planned = durations(state.meeting_elapsed(moment.offset), state.planned_seconds)
        show(self.query_one("#meeting-clock", Label), f"Meeting {spent} of {planned}")
        show(self.query_one("#schedule", Label), schedule_line(moment))


def schedule_line(moment: Moment) -> Content:
    """`3 min behind · ends 15:42`: the whole review against its plan."""
    state = moment.state
    delta = state.schedule_delta(moment.offset)
    projected = moment.now + timedelta(seconds=state.scheduled_remaining(moment.offset))
    style = "$error" if delta >= 60 else ("$success" if delta <= -60 else "")
    return Content.assemble(
        (signed_minutes(delta), style), f" · ends {projected.astimezone().strftime('%H:%M')}"
    )
