"""The stage view: the item's clock filling the screen, for a second screen or a wall.

`samtui join --as stage` opens it on its own (it only follows the meeting); in the room's
view F12 switches to it and back. Everything on it is read from across a room: the item,
its clock as large as the terminal allows, who has the floor and for how long, whether the
review runs ahead or behind, and where the agenda stands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label

from samtui.core.events import Event
from samtui.core.formatting import durations
from samtui.ui.bridge import Follows
from samtui.ui.moment import Moment
from samtui.ui.widgets.notice import NoticeBar
from samtui.ui.widgets.text import show
from samtui.ui.widgets.timekeeper import PhasedClock, phase, schedule_line

if TYPE_CHECKING:
    from samtui.ui.app import SamApp

TICK_SECONDS = 1.0


def progress(moment: Moment) -> Content:
    """The agenda in one line, from the state: items taken up ticked, items passed over
    without being taken up marked skipped, the current one named, the rest numbered."""
    state = moment.state
    parts: list[Content] = []
    for index, title in enumerate(state.titles):
        item = state.items[index]
        taken_up = item.unheard_when_left is not None or item.clock.read(moment.offset) > 0
        if index == state.current_item:
            parts.append(Content.styled(f"▶ {index + 1} {title}", "bold $accent"))
        elif taken_up:
            parts.append(Content.styled(f"✓{index + 1}", "$text-muted"))
        elif index < state.current_item:
            parts.append(Content.styled(f"{index + 1} skipped", "$text-muted italic"))
        else:
            parts.append(Content(str(index + 1)))
    return Content("  ").join(parts)


class StageScreen(Follows, Screen[None]):
    """The clock at least half the terminal's height, and the few lines a room needs."""

    DEFAULT_CSS = """
    StageScreen { background: $background; }
    StageScreen Label { width: 1fr; text-align: center; padding: 0 1; }
    StageScreen #stage-item { text-style: bold; color: $text; padding-top: 1; }
    StageScreen PhasedClock { height: 1fr; min-height: 3; }
    StageScreen #stage-floor { text-style: bold; }
    StageScreen #stage-floor.-warning { color: $warning; }
    StageScreen #stage-floor.-over { color: $error; }
    StageScreen #stage-meeting { text-style: bold; }
    StageScreen #stage-progress { color: $text-muted; padding-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape", "leave", "Back to the meeting", show=False, priority=True),
        # the stage key, as config.toml may remap it, comes back too
        Binding("f12", "leave", "Back to the meeting", show=False, priority=True, id="stage_view"),
    ]

    app: SamApp

    def compose(self) -> ComposeResult:
        yield Label("", id="stage-item")
        yield PhasedClock(id="stage-clock")
        yield Label("", id="stage-floor")
        yield Label("", id="stage-meeting")
        yield Label("", id="stage-progress")
        yield NoticeBar(id="notice")

    def on_mount(self) -> None:
        self.redraw()
        self.set_interval(TICK_SECONDS, self.redraw)

    def changed(self, events: list[Event] | None) -> None:
        self.redraw()

    def _show_end(self) -> None:
        """The meeting ended (in any view): the stage shows its end as every view does."""
        from samtui.ui.screens.closing import show_closing

        show_closing(self.app)

    def redraw(self) -> None:
        meeting = self.app.session.meeting
        moment = Moment(meeting.state, meeting.offset, self.app.clock.now())
        state = moment.state
        self.drawn_seq = state.last_seq
        if state.ended:
            self._show_end()
        index = state.current_item
        show(
            self.query_one("#stage-item", Label),
            Content.assemble(f"{index + 1}/{len(state.titles)}  ", state.titles[index]),
        )
        item = state.items[index]
        clock = self.query_one(PhasedClock)
        clock.show_budget(
            item.clock.read(moment.offset), item.budget_seconds, running=state.running
        )
        clock.paused = state.started and not state.running and not state.ended
        show(self.query_one("#stage-floor", Label), self._floor(moment))
        spent, planned = durations(state.meeting_elapsed(moment.offset), state.planned_seconds)
        show(
            self.query_one("#stage-meeting", Label),
            Content.assemble(f"Meeting {spent} of {planned} · ", schedule_line(moment)),
        )
        show(self.query_one("#stage-progress", Label), progress(moment))

    def _floor(self, moment: Moment) -> Content:
        """Who speaks and for how long; a turn past its share turns as the clock does."""
        state = moment.state
        floor = self.query_one("#stage-floor", Label)
        if state.floor is None:
            floor.set_classes("")
            return Content("Nobody has the floor")
        held = state.turn_seconds(moment.offset)
        turn = state.agenda.items[state.current_item].turn_minutes
        shown = durations(held, turn * 60) if turn else durations(held)
        now = phase(held, turn * 60) if turn else "normal"
        floor.set_class(now == "warning", "-warning")
        floor.set_class(now == "over", "-over")
        share = f" of {shown[1]}" if turn else ""
        return Content.assemble("Floor: ", state.names[state.floor], f" · {shown[0]}{share}")

    def action_leave(self) -> None:
        """Back to the meeting screen, when the stage was opened from it."""
        if self.app.role != "stage":
            self.dismiss(None)
        else:  # `join --as stage` has no meeting screen behind it
            self.app.notify("The stage view only follows the meeting · ctrl+q quits", markup=False)
