"""Attendees with local time, prepared mark, turns, talk time and floor / heard markers."""

from __future__ import annotations

from textual.content import Content

from samtui.core.agenda import Attendee
from samtui.core.formatting import local_time, minutes
from samtui.ui.moment import Moment
from samtui.ui.widgets.table import FlexTable

FLOOR, UNHEARD, ABSENT, HEARD = "▶", "○", "✗", "●"


class AttendeesPanel(FlexTable):
    """One row per attendee; a tick touches only the speaker's row and the clocks."""

    DEFAULT_CSS = """
    AttendeesPanel { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__(cursor_type="none", cell_padding=0, id="attendees")
        self.border_title = "Attendees  ▶ floor  ○ not heard  ✗ absent"
        self._minute = ""

    DROP_ORDER = ("prepared", "local")
    """The prepared mark is on the check-in; an attendee's local time matters all along."""
    NARROW_FLEX = 12  # a longer name wraps onto a second line
    COLUMNS = [
        ("", "mark", 2),
        ("Name", "name", 0),
        (" Local", "local", 6),
        (" Prep", "prepared", 5),
        (" Turns", "turns", 6),
        (" Talk", "talk", 6),
    ]

    def show(self, moment: Moment) -> None:
        self.reset_columns(len(moment.agenda.attendees))
        self._minute = moment.now.strftime("%H:%M")
        for attendee in moment.agenda.attendees:
            self.add_cells(attendee.id, self._cells(moment, attendee))

    def tick(self, moment: Moment) -> None:
        state = moment.state
        if state.floor is not None:  # whole minutes: it changes once a minute at most
            self.update_changed(state.floor, "talk", self._talk(moment, state.floor))
        minute = moment.now.strftime("%H:%M")
        if minute != self._minute:  # local times change once a minute, not every tick
            self._minute = minute
            for attendee in moment.agenda.attendees:
                self.update_changed(attendee.id, "local", self._local(moment, attendee.timezone))

    def _cells(self, moment: Moment, profile: Attendee) -> tuple[Content, ...]:
        state = moment.state
        attendee_id = profile.id
        attendee = state.attendees[attendee_id]
        if not attendee.present:
            mark, style = Content.styled(ABSENT, "$text-muted"), "$text-muted strike"
        elif state.floor == attendee_id:
            mark, style = Content.styled(FLOOR, "$accent bold"), "$accent bold"
        elif state.current_item not in attendee.heard_on:
            mark, style = Content.styled(UNHEARD, "$warning"), ""
        else:
            mark, style = Content(HEARD), ""
        return (
            mark,
            Content.styled(profile.name, style),
            self._local(moment, profile.timezone),
            Content("  ✓" if state.prepared[attendee_id] else ""),
            Content(f" {attendee.turns:>4}"),
            self._talk(moment, attendee_id),
        )

    @staticmethod
    def _local(moment: Moment, zone: str | None) -> Content:
        return Content(" " + local_time(moment.now, zone))

    @staticmethod
    def _talk(moment: Moment, attendee_id: str) -> Content:
        talk = moment.state.talk_seconds(attendee_id, moment.offset)
        return Content(f" {minutes(talk)}" if talk else " -")
