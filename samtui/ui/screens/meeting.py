"""The meeting screen: the panels the room looks at, and the keys that drive the meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from samtui.core import events as ev
from samtui.core.errors import SamtuiError
from samtui.core.events import Event
from samtui.core.meeting import Note, Refused
from samtui.core.minutes import Minutes
from samtui.core.notes import NoteError
from samtui.ui.guard import guarded
from samtui.ui.keys import MEETING_KEYS
from samtui.ui.moment import Moment
from samtui.ui.widgets.agenda import AgendaPanel
from samtui.ui.widgets.attendees import AttendeesPanel
from samtui.ui.widgets.header import MeetingHeader
from samtui.ui.widgets.moderator import ModeratorPanel
from samtui.ui.widgets.scribe import ScribePanel
from samtui.ui.widgets.timekeeper import TimekeeperPanel

if TYPE_CHECKING:
    from samtui.ui.app import SamApp

TICK_SECONDS = 1.0
DRAFT_SAVE_SECONDS = 1.0
MIN_WIDTH, MIN_HEIGHT = 60, 18
TOO_SMALL = f"Please enlarge the terminal\n(at least {MIN_WIDTH}x{MIN_HEIGHT})"


class MeetingScreen(Screen[None]):
    """Renders the meeting's state; every key becomes a command to the core."""

    BINDINGS = MEETING_KEYS
    AUTO_FOCUS = "#note"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (MIN_WIDTH, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (MIN_HEIGHT, "-tall")]

    app: SamApp

    def __init__(self) -> None:
        super().__init__()
        self._leave_anyway: int | None = None
        self._drawn = False
        self._saved_draft = ""
        self._belled: set[int] = set()

    def compose(self) -> ComposeResult:
        agenda = self.app.session.agenda
        yield MeetingHeader(agenda.meeting.account, agenda.meeting.title)
        with Container(id="main"):
            with Vertical(id="left"):
                yield AgendaPanel()
                yield AttendeesPanel()
            yield TimekeeperPanel()
            yield ModeratorPanel()
            yield ScribePanel()
        yield Static(TOO_SMALL, id="too-small")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self.app.role is not None:
            self.add_class(f"-as-{self.app.role}")
        meeting = self.app.session.meeting
        moment = self.moment()
        self._belled = {
            i
            for i, item in enumerate(meeting.state.items)
            if item.clock.read(moment.offset) >= item.budget_seconds
        }
        self.redraw()  # the first frame shows the meeting...
        self.call_after_refresh(self.redraw)  # ...and tables size their columns from the layout
        meeting.listeners.append(self._on_meeting_event)
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(DRAFT_SAVE_SECONDS, self._save_draft)
        scribe = self.query_one(ScribePanel)
        draft = self.app.session.draft(self.app.view) if self.app.keeps_draft else ""
        self._saved_draft = draft
        if draft:
            scribe.set_draft(draft)
        note = self.query_one("#note", Input)
        for widget in self.query("*"):  # clicks and Tab leave the focus on the note line
            if widget is not note:
                widget.can_focus = False
        if self.app.keeps_draft:
            note.focus()
        else:
            note.can_focus = False  # a viewer's note line is hidden: it types nothing

    def on_unmount(self) -> None:
        listeners = self.app.session.meeting.listeners
        if self._on_meeting_event in listeners:
            listeners.remove(self._on_meeting_event)

    # -- rendering -----------------------------------------------------------------------

    def on_resize(self) -> None:
        self.call_after_refresh(self.redraw)
        self.call_after_refresh(self._keep_note_focus)
        self.call_after_refresh(self._show_too_small)  # once the breakpoint classes are set

    # -- the focus stays on the note line --------------------------------------------------

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self._keep_note_focus)

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._keep_note_focus)

    def _keep_note_focus(self) -> None:
        """The note line has the focus whenever this screen shows (after a modal, a resize,
        a click): what the scribe types always goes into it."""
        if self.app.screen is not self or not self.app.app_focus or not self.app.keeps_draft:
            return  # a dialog has the keys, or the terminal lost focus (it comes back)
        note = self.query_one("#note", Input)
        if self.focused is not note:
            self.set_focus(note, scroll_visible=False)

    def _show_too_small(self) -> None:
        """Too small to show the meeting: the notice says where typing goes, and shows it."""
        if not (self.has_class("-tiny") or self.has_class("-short")):
            return
        parts: list[str | Content] = [TOO_SMALL]
        if self.app.keeps_draft:
            typed = self.query_one("#note", Input).value
            parts.append("\n\nTyping still goes into the note line\n(Enter adds the note):\n")
            parts.append(Content(f"› {typed}" if typed else "› (empty)"))
        self.query_one("#too-small", Static).update(Content.assemble(*parts))

    @on(Input.Changed, "#note")
    def _note_line_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_too_small()

    def moment(self) -> Moment:
        meeting = self.app.session.meeting
        return Moment(meeting.state, meeting.offset, self.app.clock.now())

    def redraw(self) -> None:
        """Draw every panel from the state (start-up and item changes)."""
        self._drawn = True
        moment = self.moment()
        state = moment.state
        self.query_one(MeetingHeader).show(moment)
        self.query_one(AgendaPanel).show(moment)
        self.query_one(AttendeesPanel).show(moment)
        self.query_one(TimekeeperPanel).show(moment)
        self.query_one(ModeratorPanel).show(moment)
        self.query_one(ScribePanel).show_notes(
            state.item_notes(), state.names, state.agenda.items[state.current_item].title
        )

    def tick(self) -> None:
        """Once a second: only what moves with the clock, so its cost does not grow."""
        if not self._drawn:
            return  # the first full draw, after layout, shows everything
        moment = self.moment()
        self.query_one(MeetingHeader).show(moment)
        self.query_one(TimekeeperPanel).show(moment)
        self.query_one(AgendaPanel).tick(moment)
        self.query_one(AttendeesPanel).tick(moment)
        self.query_one(ModeratorPanel).tick(moment)
        self._ring_when_over(moment)

    def _ring_when_over(self, moment: Moment) -> None:
        index = moment.state.current_item
        item = moment.state.items[index]
        if index in self._belled or item.clock.read(moment.offset) < item.budget_seconds:
            return
        self._belled.add(index)
        if self.app.ring_bell:
            self.app.bell()

    def _on_meeting_event(self, event: Event) -> None:
        """Redraw what an event changed; a note touches the notes list and nothing else."""
        if not self._drawn:
            return  # the first full draw, after layout, shows everything
        moment = self.moment()
        state = moment.state
        scribe = self.query_one(ScribePanel)
        kind = event.kind
        if kind == ev.NOTE_ADDED:
            scribe.append_note(state.notes[int(event.data["note"])], state.names)
            if event.data["kind"] == "parked" or "question" in event.data:
                self.query_one(ModeratorPanel).show(moment)
            return
        if kind == ev.NOTE_AMENDED:
            note = state.notes.get(int(event.data["note"]))
            if note is not None and note.item == state.current_item:
                scribe.replace_note(note, state.names)
            if "kind" in event.data or (note is not None and note.kind == "parked"):
                self.query_one(ModeratorPanel).show(moment)
            return
        if kind == ev.NOTE_REMOVED:  # it may have been parked, or a question asked
            scribe.show_notes(
                state.item_notes(), state.names, state.agenda.items[state.current_item].title
            )
            self.query_one(ModeratorPanel).show(moment)
            return
        if kind in (ev.ITEM_ENTERED, ev.ABSENT, ev.PRESENT, ev.ENDED, ev.STARTED, ev.PREPARED):
            self.redraw()
            if kind == ev.ENDED:
                self._show_closing()
            return
        if kind in (ev.FLOOR_GIVEN, ev.FLOOR_RELEASED):
            self.query_one(AttendeesPanel).show(moment)
            self.query_one(ModeratorPanel).show(moment)
        if kind == ev.TIME_ADDED:
            self.query_one(AgendaPanel).show(moment)
        if kind in (ev.CARRY_DECIDED, ev.STAKEHOLDER_CHANGED):
            self.query_one(ModeratorPanel).show(moment)
        self.tick()

    # -- the note line -------------------------------------------------------------------

    @on(ScribePanel.NoteSubmitted)
    def _add_notes(self, message: ScribePanel.NoteSubmitted) -> None:
        """Each line becomes a note, in order; a refused one stops the rest, which wait."""
        scribe = self.query_one(ScribePanel)
        for index, line in enumerate(message.lines):
            try:
                result = self.app.session.meeting.add_note(line)
            except SamtuiError as err:  # the journal could not take it: keep the line
                scribe.refused(line, f"not saved: {err}", message.lines[index + 1 :])
                return
            if isinstance(result, NoteError):
                scribe.refused(line, result.message, message.lines[index + 1 :])
                return
            if isinstance(result, Note) and result.kind == "action":
                self._check_action(result)
        scribe.all_added()

    def _check_action(self, action: Note) -> None:
        """Accepted, but worth a second look: nobody owns it, its owner is away, it is late."""
        state = self.app.session.meeting.state
        doubts = []
        if action.owner is None:
            doubts.append("no owner: it will be flagged in the minutes (add @name)")
        elif not state.attendees[action.owner].present:
            doubts.append(f"{state.names[action.owner]} is marked absent")
        if action.due is not None and action.due < self.app.clock.now().date():
            doubts.append(f"the due date {action.due.isoformat()} is in the past")
        if doubts:
            self.app.notify(
                "Action added, but " + "; ".join(doubts), severity="warning", markup=False
            )

    def _show_closing(self) -> None:
        """The meeting ended (here, or in another view): every view shows the closing state."""
        from samtui.ui.screens.closing import ClosingScreen

        if not any(isinstance(screen, ClosingScreen) for screen in self.app.screen_stack):
            self.app.push_screen(ClosingScreen())

    def _save_draft(self) -> None:
        """The note line as it stands, if it changed: read from the line itself, so a
        signal that arrives before the line's change messages still saves every key."""
        if not self.app.keeps_draft:
            return
        draft = self.query_one(ScribePanel).draft()
        if draft == self._saved_draft:
            return
        self._saved_draft = draft
        try:
            self.app.session.save_draft(draft, self.app.view)
        except SamtuiError as err:
            self.app.notify(str(err), severity="error", markup=False)

    def flush_draft(self) -> None:
        """Save the unfinished line now (on quit and on signals)."""
        self._save_draft()

    def draft(self) -> str:
        """What is not a note yet, as the journal keeps it (read-only: any thread may ask)."""
        return self.query_one(ScribePanel).draft()

    # -- commands ------------------------------------------------------------------------

    def refuse(self, refused: Refused | NoteError | None) -> bool:
        """Tell the room why a command did nothing; True if it was refused."""
        if refused is None:
            return False
        self.app.notify(refused.message, severity="warning", markup=False)
        return True

    @guarded
    def action_toggle_clock(self) -> None:
        meeting = self.app.session.meeting
        self.refuse(meeting.toggle_clock(expect_running=meeting.state.running))

    @guarded
    def action_next_item(self) -> None:
        meeting = self.app.session.meeting
        here = meeting.state.current_item
        refused = meeting.next_item(force=self._leave_anyway == here, expect_item=here)
        if refused is not None and refused.unheard:
            self._leave_anyway = here
            self.app.notify(
                f"{refused.message}. ctrl+n again moves on anyway.",
                title="Not heard",
                severity="warning",
                markup=False,
            )
            return
        self._leave_anyway = None
        self.refuse(refused)

    @guarded
    def action_previous_item(self) -> None:
        self._leave_anyway = None
        meeting = self.app.session.meeting
        self.refuse(meeting.previous_item(expect_item=meeting.state.current_item))

    @guarded
    def action_next_turn(self) -> None:
        meeting = self.app.session.meeting
        result = meeting.next_turn(expect_floor=meeting.state.floor)
        if isinstance(result, Refused):
            self.refuse(result)

    def action_give_floor(self) -> None:
        from samtui.ui.screens.floor_picker import FloorPicker

        state = self.app.session.meeting.state
        people = [(a, state.names[a]) for a in state.present()]
        self.app.push_screen(FloorPicker(people), self._floor_chosen)

    @guarded
    def _floor_chosen(self, attendee: str | None) -> None:
        if attendee is not None:
            self.refuse(self.app.session.meeting.give_floor(attendee))

    @guarded
    def action_release_floor(self) -> None:
        self.refuse(self.app.session.meeting.release_floor())

    @guarded
    def action_add_time(self) -> None:
        meeting = self.app.session.meeting
        if not self.refuse(meeting.add_time(expect_item=meeting.state.current_item)):
            self.app.notify("5 more minutes for this item", markup=False)

    def action_end_meeting(self) -> None:
        from samtui.ui.screens.closing import ClosingScreen

        self.flush_draft()
        self.app.push_screen(ClosingScreen(unsent=self.query_one(ScribePanel).draft_summary()))

    def action_stakeholders(self) -> None:
        from samtui.ui.screens.stakeholders import StakeholderScreen

        self.app.push_screen(StakeholderScreen())

    def action_carry_over(self) -> None:
        from samtui.ui.screens.carry_over import CarryOverScreen

        if not self.app.session.meeting.state.carried:
            self.app.notify("No open actions from a last review", markup=False)
            return
        self.app.push_screen(CarryOverScreen())

    def action_ask_question(self) -> None:
        self.ask_question()

    @guarded
    def ask_question(self, attendee: str | None = None, index: int = 0) -> None:
        result = self.app.session.meeting.pull_question(attendee, index)
        if isinstance(result, Refused):
            self.refuse(result)

    @guarded
    def action_park(self) -> None:
        """Horizon guard: the typed line if there is one, else the last note."""
        scribe = self.query_one(ScribePanel)
        typed = self.query_one("#note", Input).value
        result = self.app.session.meeting.park(typed)
        if isinstance(result, Refused | NoteError):
            self.refuse(result)
            return
        if typed.strip():
            scribe.accepted()
        self.app.notify(f"Parked: {result.text}", markup=False)

    @guarded
    def action_growth_play(self) -> None:
        result = self.app.session.meeting.mark_growth()
        if isinstance(result, Refused):
            self.refuse(result)
            return
        what = "is a growth play" if result.growth else "is no longer a growth play"
        self.app.notify(f"{result.text}: {what}", markup=False)

    def action_help(self) -> None:
        from samtui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    @guarded
    def go_to_item(self, index: int) -> None:
        self._leave_anyway = None
        self.refuse(self.app.session.meeting.go_to_item(index, force=True))

    @guarded
    def set_present(self, attendee: str, present: bool) -> None:
        self.refuse(self.app.session.meeting.set_present(attendee, present))

    @guarded
    def remove_last_note(self) -> None:
        self.refuse(self.app.session.meeting.remove_note())

    @guarded
    def give_floor_to(self, attendee: str) -> None:
        self.refuse(self.app.session.meeting.give_floor(attendee))

    @guarded
    def export_snapshot(self) -> None:
        """Write the minutes so far without ending anything."""
        self._write_snapshot(self.app.session.minutes())

    @work(thread=True, exclusive=True, group="export")
    def _write_snapshot(self, minutes: Minutes) -> None:
        """File I/O off the event loop, so typing never waits for a disk."""
        try:
            path = self.app.session.write(minutes, snapshot=True)
        except SamtuiError as err:
            self.app.call_from_thread(self.app.notify, str(err), severity="error", markup=False)
            return
        self.app.call_from_thread(self.app.notify, f"Snapshot written to {path}", markup=False)
