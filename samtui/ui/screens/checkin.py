"""The check-in, before the clock starts: who is here, who came prepared, what they bring."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from samtui.core.agenda import Attendee
from samtui.core.events import Event
from samtui.core.formatting import local_time
from samtui.core.meeting import Refused
from samtui.core.state import MeetingState
from samtui.ui.bridge import Follows
from samtui.ui.guard import guarded
from samtui.ui.moment import Moment
from samtui.ui.widgets.header import MeetingHeader
from samtui.ui.widgets.table import FlexTable

if TYPE_CHECKING:
    from samtui.ui.app import SamApp


def _row(
    attendee: Attendee, roles: list[str], state: MeetingState, now: datetime
) -> tuple[Content, ...]:
    present = state.attendees[attendee.id].present
    name = Content(attendee.name) if present else Content.styled(attendee.name, "strike")
    if attendee.title:
        name = Content.assemble(name, Content.styled(f" · {attendee.title}", "$text-muted"))
    return (
        name,
        Content(f" {', '.join(roles) or '-'}"),
        Content(" " + local_time(now, attendee.timezone)),
        Content.styled(" yes" if present else " ABSENT", "" if present else "$error"),
        Content(" ✓ yes" if state.prepared[attendee.id] else " no"),
        Content(f" {len(attendee.questions)}"),
    )


class CheckinTable(FlexTable):
    COLUMNS = [
        ("Name", "name", 0),
        (" Role", "role", 12),
        (" Local", "local", 6),
        (" Here", "present", 8),
        (" Prepared", "prepared", 9),
        (" Questions", "questions", 10),
    ]


class CheckinScreen(Follows, Screen[None]):
    """The moderator marks people present or absent, prepared or not; F5 starts."""

    DEFAULT_CSS = """
    CheckinScreen #checkin { padding: 0 1; }
    CheckinScreen #checkin-intro { padding: 1 0 0 0; }
    CheckinScreen CheckinTable { height: auto; max-height: 1fr; margin: 1 0; }
    CheckinScreen #brought { height: auto; max-height: 12; color: $text-muted; }
    CheckinScreen #start-row { height: auto; align: left middle; }
    CheckinScreen #start-row Label { padding: 0 2; color: $text-muted; }
    """
    BINDINGS = [
        # The meeting's start/pause key: remapped with it in config.toml.
        Binding("f5", "start", "Start the meeting", priority=True, id="toggle_clock"),
        Binding("a", "toggle_present", "Here / absent"),
        Binding("p", "toggle_prepared", "Prepared"),
        Binding("f1", "help", "Help", priority=True),
    ]

    app: SamApp

    def compose(self) -> ComposeResult:
        agenda = self.app.session.agenda
        yield MeetingHeader(agenda.meeting.account, agenda.meeting.title)
        with Vertical(id="checkin"):
            yield Label(self._intro(), id="checkin-intro")
            yield CheckinTable(cursor_type="row", cell_padding=0, id="checkin-table")
            yield Static("", id="brought")
            with Horizontal(id="start-row"):
                yield Button("Start the meeting", id="start", variant="primary")
                start = self.app.key_chart.label("toggle_clock")
                yield Label(f"a here/absent · p prepared · {start} starts")
        yield Footer()

    def _intro(self) -> Content:
        meeting = self.app.session.agenda.meeting
        parts: list[Content | str | tuple[str, str]] = [("Check-in", "bold $accent")]
        parts.append(f" · {meeting.duration} minutes, {meeting.horizon_quarters} quarters out")
        if meeting.account_plan:
            parts += ["\nAccount plan: ", meeting.account_plan]
        carried = len(self.app.session.meeting.state.carried)
        if carried:
            parts.append(
                f"\n{carried} open action{'s' if carried != 1 else ''} from the last review"
            )
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self.redraw()  # the first frame shows everyone...
        self.call_after_refresh(self.redraw)  # ...then the table sizes itself to the layout
        self.query_one(CheckinTable).focus()

    def changed(self, events: list[Event] | None) -> None:
        """This view or another checked people in, or started the meeting.

        Whether to leave is read from the state, never from `events`: a redraw that ran
        first (one pending from the first layout or a resize) marks the Started event as
        drawn, and it is then not among them (F5 pressed as the screen showed was lost)."""
        if self.app.session.meeting.state.started:
            self._to_the_meeting()
        else:
            self.redraw()

    def on_screen_resume(self) -> None:
        """Back from the help: the meeting may have started meanwhile (in another view)."""
        if self.app.session.meeting.state.started:
            self._to_the_meeting()

    def _to_the_meeting(self) -> None:
        """Leave for the meeting screen, only from the top of the stack: a dialog over
        the check-in stays until it is closed, and `on_screen_resume` leaves then."""
        if self.app.screen is self:
            self.app.switch_to_meeting()

    def on_resize(self) -> None:
        self.call_after_refresh(self.redraw)

    def redraw(self) -> None:
        if self not in self.app.screen_stack:
            return  # already left for the meeting: a redraw queued before that finds it gone
        session = self.app.session
        state = session.meeting.state
        self.drawn_seq = state.last_seq
        self._shown = {a: (state.attendees[a].present, state.prepared[a]) for a in state.order}
        now = self.app.clock.now()
        self.query_one(MeetingHeader).show(Moment(state, session.meeting.offset, now))
        agenda = session.agenda
        self.query_one(CheckinTable).refill(
            (attendee.id, _row(attendee, agenda.roles_of(attendee.id), state, now))
            for attendee in agenda.attendees
        )
        queue = state.question_queue()
        lines = [Content.styled(f"Questions brought ({len(queue)})", "bold")]
        lines += [Content.assemble("• ", state.names[who], ": ", text) for who, _, text in queue]
        carried = [action for action in state.carried if action.times_carried]
        if carried:
            lines.append(Content.styled(f"Open actions carried before ({len(carried)})", "bold"))
        for action in carried:
            owner = state.names.get(action.owner, action.owner) if action.owner else "no owner"
            times = (f"carried ×{action.times_carried}", "$warning")
            lines.append(Content.assemble("• ", action.text, f" ({owner}): ", times))
        self.query_one("#brought", Static).update(Content("\n").join(lines))

    def _selected(self) -> str | None:
        table = self.query_one(CheckinTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @guarded
    def action_toggle_present(self) -> None:
        attendee = self._selected()
        if attendee is not None:
            present, _ = self._shown[attendee]  # toggle what the screen shows
            self._show(self.app.session.meeting.set_present(attendee, not present))

    @guarded
    def action_toggle_prepared(self) -> None:
        attendee = self._selected()
        if attendee is not None:
            _, prepared = self._shown[attendee]
            self._show(self.app.session.meeting.set_prepared(attendee, not prepared))

    def _show(self, refused: Refused | None) -> None:
        if refused is not None:
            self.app.notify(refused.message, severity="warning", markup=False)

    @on(Button.Pressed, "#start")
    @guarded
    def action_start(self) -> None:
        meeting = self.app.session.meeting
        if meeting.state.started:
            self._to_the_meeting()
            return
        self.app.hold_input()  # what is typed with F5 is for the meeting's note line
        refused = None
        try:
            refused = meeting.toggle_clock(seen=self.drawn_seq)  # Started: to the meeting
        finally:
            if not meeting.state.started:  # refused, or the journal failed: keys act here
                self.app.release_input()
        if refused is not None:
            self._show(refused)

    def action_help(self) -> None:
        from samtui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
