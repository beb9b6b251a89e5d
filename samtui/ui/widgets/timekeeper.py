"""The time keeper's panel: the item's clock in big digits, the meeting against its duration."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Digits, Label

from samtui.core.formatting import countdown, duration, signed_minutes
from samtui.ui.moment import Moment
from samtui.ui.widgets.text import show

WARN_FROM = 0.7


class TimekeeperPanel(Vertical):
    """Counts down what is left of the item, then up in overtime (`+01:23`)."""

    DEFAULT_CSS = """
    TimekeeperPanel { height: auto; }
    TimekeeperPanel Digits { width: 1fr; text-align: center; color: $success; }
    TimekeeperPanel.-warning Digits { color: $warning; }
    TimekeeperPanel.-over Digits { color: $error; text-style: bold; }
    TimekeeperPanel.-paused Digits { color: $foreground-muted; }
    TimekeeperPanel Label { width: 1fr; text-align: center; }
    TimekeeperPanel.-paused { border-subtitle-color: $warning; border-subtitle-style: bold; }
    TimekeeperPanel.-over { border-subtitle-color: $error; border-subtitle-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__(id="timekeeper")
        self.border_title = "Time keeper"

    def compose(self) -> ComposeResult:
        yield Digits("00:00", id="item-clock")
        yield Label("", id="meeting-clock")
        yield Label("", id="schedule")

    def show(self, moment: Moment) -> None:
        state = moment.state
        item = state.items[state.current_item]
        elapsed = item.clock.read(moment.offset)
        budget = item.budget_seconds
        share = elapsed / budget if budget else 1.0
        self.set_class(share >= 1.0, "-over")
        self.set_class(WARN_FROM <= share < 1.0, "-warning")
        self.set_class(not state.running, "-paused")
        self.query_one(Digits).update(countdown(budget, elapsed))
        if state.ended:
            status = "ended"
        elif not state.started:
            status = "not started: F5 starts the meeting"
        elif not state.running:
            status = "PAUSED: F5 resumes"
        elif share >= 1.0:
            status = "over time"
        else:
            status = "left of this item"
        added = f" (+{item.added_seconds // 60} min added)" if item.added_seconds else ""
        # On the border, so it shows at every size: a paused clock must never go unseen.
        self.border_subtitle = f"{status}{added}"
        meeting = state.meeting_elapsed(moment.offset)
        show(
            self.query_one("#meeting-clock", Label),
            f"Meeting {duration(meeting)} of {duration(state.planned_seconds)}",
        )
        delta = state.schedule_delta(moment.offset)
        projected = moment.now + timedelta(seconds=state.scheduled_remaining(moment.offset))
        style = "$error" if delta >= 60 else ("$success" if delta <= -60 else "")
        show(
            self.query_one("#schedule", Label),
            Content.assemble(
                (signed_minutes(delta), style),
                f" · ends {projected.astimezone().strftime('%H:%M')}",
            ),
        )
