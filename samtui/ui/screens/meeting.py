"""The meeting screen: the panels the room looks at, and the keys that drive the meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from samtui.core.errors import JournalLocked, SamtuiError
from samtui.core.events import (
    Absent,
    CarryDecided,
    CarryLoaded,
    ClockGap,
    Ended,
    Event,
    FloorGiven,
    FloorReleased,
    ItemEntered,
    NoteAdded,
    NoteAmended,
    NoteRemoved,
    PreparedSet,
    Present,
    StakeholderChanged,
    Started,
    TimeAdded,
)
from samtui.core.meeting import ADDED_TIME_SECONDS, Refused, Why
from samtui.core.minutes import Minutes
from samtui.core.notes import NoteError
from samtui.core.outbox import Outbox
from samtui.ui.bridge import Follows
from samtui.ui.guard import guarded
from samtui.ui.keys import MEETING_KEYS, accepts
from samtui.ui.moment import Moment
from samtui.ui.widgets.agenda import AgendaPanel
from samtui.ui.widgets.attendees import AttendeesPanel
from samtui.ui.widgets.footer import KeyFooter
from samtui.ui.widgets.header import MeetingHeader
from samtui.ui.widgets.moderator import ModeratorPanel
from samtui.ui.widgets.notice import NoticeBar
from samtui.ui.widgets.scribe import InTurn, ScribePanel
from samtui.ui.widgets.timekeeper import TimekeeperPanel

if TYPE_CHECKING:
    from samtui.ui.app import SamApp

_REDRAW_ALL = (ItemEntered, Absent, Present, Ended, Started, PreparedSet, ClockGap)
"""Events after which every panel is drawn again (they change what most panels show)."""
TICK_SECONDS = 1.0
DRAFT_SAVE_SECONDS = 1.0
OUTBOX_SECONDS = 0.5
"""How often lines kept while the journal was locked are tried again."""
MIN_WIDTH, MIN_HEIGHT = 60, 18
TOO_SMALL = f"Please enlarge the terminal\n(at least {MIN_WIDTH}x{MIN_HEIGHT})"


class MeetingScreen(Follows, Screen[None]):
    """Renders the meeting's state; every key becomes a command to the core."""

    BINDINGS = MEETING_KEYS
    AUTO_FOCUS = "#note"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (MIN_WIDTH, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (MIN_HEIGHT, "-tall")]

    app: SamApp

    def __init__(self) -> None:
        super().__init__()
        self._leave_anyway: int | None = None
        """The meeting's last event when ctrl+n warned: a second ctrl+n moves on anyway only
        while nothing has happened since (read from the state, not from events handed in)."""
        self._warned: int | None = None
        """The item whose "not heard" warning is on screen."""
        """The not-heard warning is showing: it goes when its item is left."""
        self._drawn = False
        self._saved_draft = ""
        self._belled: set[int] = set()
        self._drawn_item: int | None = None
        self._outbox: Outbox | None = None
        """Lines typed while another program held the journal's lock (views that type)."""

    def compose(self) -> ComposeResult:
        agenda = self.app.session.agenda
        yield MeetingHeader(agenda.meeting.account, agenda.meeting.title)
        yield Static("", id="journal-lost", markup=False)
        with Container(id="main"):
            with Vertical(id="left"):
                yield AgendaPanel()
                yield AttendeesPanel()
            yield TimekeeperPanel()
            yield ModeratorPanel()
            yield ScribePanel()
        yield Static(TOO_SMALL, id="too-small")
        yield NoticeBar(id="notice")
        yield KeyFooter()

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
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(DRAFT_SAVE_SECONDS, self._save_draft)
        scribe = self.query_one(ScribePanel)
        draft = self.app.session.draft(self.app.view) if self.app.keeps_draft else ""
        self._saved_draft = draft
        if draft:
            scribe.restore_draft(draft)
        if self.app.keeps_draft:
            self._outbox = Outbox(self.app.session.path, self.app.view)
            self.set_interval(OUTBOX_SECONDS, self._flush_outbox)
            self._flush_outbox()  # lines kept by an earlier run of this view
        note = self.query_one("#note", Input)
        for widget in self.query("*"):  # clicks and Tab leave the focus on the note line
            if widget is not note:
                widget.can_focus = False
        if self.app.keeps_draft:
            note.focus()
        else:
            note.can_focus = False  # a viewer's note line is hidden: it types nothing
        self.app.release_input()  # keys typed while this screen was built, in order

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

    def show_journal_lost(self, message: str) -> None:
        """The journal's file went: a banner that stays until the window closes."""
        banner = self.query_one("#journal-lost", Static)
        banner.update(message)
        banner.add_class("-shown")

    def redraw(self) -> None:
        """Draw every panel from the state (start-up and item changes)."""
        self._drawn = True
        self.drawn_seq = self.app.session.meeting.state.last_seq
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
        self._drawn_item = state.current_item

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

    def changed(self, events: list[Event] | None) -> None:
        """Redraw what the events changed; a note touches the notes list and little else."""
        # What leaves the screen or takes a warning away is decided from the state: a redraw
        # run since the change (after a resize) has marked its events drawn already.
        state = self.app.session.meeting.state
        if self._warned is not None and state.current_item != self._warned:
            self._warned = None
            self.query_one(NoticeBar).clear_notice()
        if not self._drawn:
            return  # the first full draw, after layout, shows everything
        if state.ended:
            self._show_closing()
        if events is None or any(isinstance(e, _REDRAW_ALL) for e in events):
            self.redraw()
            return
        moment = self.moment()
        state = moment.state
        scribe = self.query_one(ScribePanel)
        panels: set[str] = set()
        for event in events:
            match event:
                case NoteAdded(note=note_id):
                    note = state.notes.get(note_id)
                    if note is not None and note.item == state.current_item:
                        scribe.append_note(note, state.names)
                    if event.kind == "parked" or event.question is not None:
                        panels.add("moderator")
                case NoteAmended(note=note_id):
                    note = state.notes.get(note_id)
                    if note is not None and note.item == state.current_item:
                        scribe.replace_note(note, state.names)
                    panels.add("moderator")
                case NoteRemoved():  # it may have been parked, or a question asked
                    panels.update(("notes", "moderator"))
                case FloorGiven() | FloorReleased():
                    panels.update(("attendees", "moderator"))
                case TimeAdded():
                    panels.add("agenda")
                case CarryDecided() | StakeholderChanged() | CarryLoaded():
                    panels.add("moderator")
        if "notes" in panels:
            scribe.show_notes(
                state.item_notes(), state.names, state.agenda.items[state.current_item].title
            )
        if "agenda" in panels:
            self.query_one(AgendaPanel).show(moment)
        if "attendees" in panels:
            self.query_one(AttendeesPanel).show(moment)
        if "moderator" in panels:
            self.query_one(ModeratorPanel).show(moment)
        self.tick()

    # -- the note line -------------------------------------------------------------------

    async def on_in_turn(self, message: InTurn) -> None:
        """A meeting key, after the keys typed before it (SamApp._take_input)."""
        message.stop()
        await self.app.key_in_turn(message.key, message.hold)

    @on(ScribePanel.NoteSubmitted)
    def _add_notes(self, message: ScribePanel.NoteSubmitted) -> None:
        """Each line becomes a note, in order; a refused one stops the rest, which wait."""
        scribe = self.query_one(ScribePanel)
        meeting = self.app.session.meeting
        for index, line in enumerate(message.lines):
            rest = message.lines[index + 1 :]
            if self._outbox:  # lines wait for the journal: this one goes after them
                self._keep(line)
                continue
            try:
                result = meeting.add_note(line, item=self._shown_item, seen=self.drawn_seq)
            except JournalLocked:  # another program holds the lock: keep it, write it later
                self._keep(line)
                continue
            except SamtuiError as err:  # the journal could not take it: keep the line
                scribe.refused(line, f"not saved: {err}", rest)
                return
            if isinstance(result, NoteError | Refused):
                scribe.refused(line, result.message, rest)
                return
            if result.kind == "action" and (doubts := meeting.doubts(result)):
                self.app.notify(
                    "Action added, but " + "; ".join(d.message for d in doubts),
                    severity="warning",
                    markup=False,
                )
        scribe.all_added()

    def _keep(self, text: str) -> None:
        try:
            if self._outbox is None:
                raise JournalLocked("the journal is locked by another program")
            self._outbox.add(text, self._shown_item)
        except SamtuiError as err:  # not even beside the journal: give the line back
            self.query_one(ScribePanel).refused(text, f"not saved: {err}")
            return
        self._show_outbox()

    def _flush_outbox(self) -> None:
        """Write what waits, in order, now that the journal may be free again."""
        if not self._outbox:
            return
        try:
            self._outbox.flush(self.app.session.meeting)
        except SamtuiError as err:
            self.app.notify(str(err), severity="error", markup=False)
        self._show_outbox()

    def _show_outbox(self) -> None:
        pending = self._outbox.pending if self._outbox is not None else []
        self.query_one(ScribePanel).show_pending([p.text for p in pending])

    @property
    def _shown_item(self) -> int:
        """The item whose notes the scribe is looking at: a note goes there."""
        return (
            self._drawn_item
            if self._drawn_item is not None
            else self.app.session.meeting.state.current_item
        )

    def _show_closing(self) -> None:
        """The meeting ended (here, or in another view): every view shows the closing state."""
        from samtui.ui.screens.closing import show_closing

        show_closing(self.app)

    def _save_draft(self) -> None:
        """The note line as it stands, if it changed, saved off the event loop (a synced
        write must not hold up the scribe's typing). Read from the line itself, so a signal
        that arrives before the line's change messages still saves every key."""
        if not self.app.keeps_draft:
            return
        draft = self.draft()
        if draft != self._saved_draft:
            self._write_draft(draft)

    @work(thread=True, exclusive=True, group="draft")
    def _write_draft(self, draft: str) -> None:
        try:
            self.app.session.save_draft(draft, self.app.view)
        except JournalLocked:
            return  # another program holds the lock: the next tick tries again
        except SamtuiError as err:
            self.app.call_from_thread(self.app.notify, str(err), severity="error", markup=False)
            return
        self._saved_draft = draft

    def flush_draft(self) -> None:
        """Save the unfinished line now, on this thread (on quit and on signals)."""
        if not self.app.keeps_draft:
            return
        draft = self.query_one(ScribePanel).draft()
        if draft == self._saved_draft:
            return
        try:
            self.app.session.save_draft(draft, self.app.view)
            self._saved_draft = draft
        except SamtuiError as err:
            self.app.notify(str(err), severity="error", markup=False)

    def draft(self) -> str:
        """What is not a note yet, as the journal keeps it (read-only: any thread may ask)."""
        return self.query_one(ScribePanel).draft()

    # -- commands ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A view offers only the keys it takes: one that only follows, none that writes."""
        return accepts(action, follows_only=self.app.follows_only)

    def refuse(self, refused: Refused | NoteError | None) -> bool:
        """Tell the room why a command did nothing; True if it was refused."""
        if refused is None:
            return False
        text = self.app.key_chart.hint(refused) if isinstance(refused, Refused) else refused.message
        self.app.notify(text, severity="warning", markup=False)
        return True

    @guarded
    def action_toggle_clock(self) -> None:
        self.refuse(self.app.session.meeting.toggle_clock(seen=self.drawn_seq))

    @guarded
    def action_next_item(self) -> None:
        meeting = self.app.session.meeting
        state = meeting.state
        armed = self._leave_anyway == state.last_seq  # warned, and nothing happened since
        refused = meeting.next_item(force=armed, seen=self.drawn_seq)
        if refused is not None and refused.why == Why.UNHEARD:
            self._leave_anyway = state.last_seq  # armed until anything else happens
            self._warned = state.current_item
            self.app.notify(
                self.app.key_chart.hint(refused),
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
        self.refuse(self.app.session.meeting.previous_item(seen=self.drawn_seq))

    @guarded
    def action_next_turn(self) -> None:
        result = self.app.session.meeting.next_turn(seen=self.drawn_seq)
        if isinstance(result, Refused):
            self.refuse(result)

    def action_give_floor(self) -> None:
        from samtui.ui.screens.floor_picker import FloorPicker

        state = self.app.session.meeting.state
        self.app.push_screen(
            FloorPicker(lambda: [(a, state.names[a]) for a in state.present()]),
            self._floor_chosen,
        )

    @guarded
    def _floor_chosen(self, attendee: str | None) -> None:
        if attendee is not None:
            self.refuse(self.app.session.meeting.give_floor(attendee))

    @guarded
    def action_release_floor(self) -> None:
        self.refuse(self.app.session.meeting.release_floor(seen=self.drawn_seq))

    @guarded
    def action_add_time(self) -> None:
        if not self.refuse(self.app.session.meeting.add_time(seen=self.drawn_seq)):
            self.app.notify(f"{ADDED_TIME_SECONDS // 60} more minutes for this item", markup=False)

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
        result = self.app.session.meeting.pull_question(attendee, index, seen=self.drawn_seq)
        if isinstance(result, Refused):
            self.refuse(result)

    @guarded
    def action_park(self) -> None:
        """Horizon guard: the typed line if there is one, else the last note."""
        scribe = self.query_one(ScribePanel)
        typed = self.query_one("#note", Input).value
        result = self.app.session.meeting.park(typed, item=self._shown_item, seen=self.drawn_seq)
        if isinstance(result, Refused):
            self.refuse(result)
            return
        if typed.strip():
            scribe.accepted()
        self.app.notify(f"Parked: {result.text}", markup=False)

    @guarded
    def action_growth_play(self) -> None:
        result = self.app.session.meeting.mark_growth(seen=self.drawn_seq)
        if isinstance(result, Refused):
            self.refuse(result)
            return
        what = "is a growth play" if result.growth else "is no longer a growth play"
        self.app.notify(f"{result.text}: {what}", markup=False)

    def action_recap(self) -> None:
        from samtui.ui.screens.recap import RecapScreen

        self.app.push_screen(RecapScreen())

    def action_stage_view(self) -> None:
        from samtui.ui.screens.stage import StageScreen

        self.app.push_screen(StageScreen())

    def action_help(self) -> None:
        from samtui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    @guarded
    def go_to_item(self, index: int) -> None:
        self._leave_anyway = None
        self.refuse(self.app.session.meeting.go_to_item(index, force=True, seen=self.drawn_seq))

    @guarded
    def set_present(self, attendee: str, present: bool) -> None:
        self.refuse(self.app.session.meeting.set_present(attendee, present))

    @guarded
    def remove_last_note(self) -> None:
        self.refuse(self.app.session.meeting.remove_note(seen=self.drawn_seq))

    @guarded
    def give_floor_to(self, attendee: str) -> None:
        self.refuse(self.app.session.meeting.give_floor(attendee))

    @guarded
    def export_snapshot(self) -> None:
        """Write the minutes so far without ending anything (a viewer writes nothing)."""
        if self.app.refused_to_viewer("it writes no minutes"):
            return
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
