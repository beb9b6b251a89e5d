"""The live meeting: intents in, journaled events out, state kept current.

`Meeting` turns intents (start, next item, add a note) into events, journals each one
before applying it, and tells its listeners. Every command runs on the latest state (it
catches up with other views first); one whose effect depends on what the view showed takes
`seen`, the last event that view had drawn, and is refused when another view has since
changed what it acts on, so two views pressing the same key at once act once.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Concatenate, Final, ParamSpec, TypeVar, cast

from samtui.core.agenda import Agenda
from samtui.core.clock import Clock
from samtui.core.errors import JournalError, JournalGone, StaleView
from samtui.core.events import (
    Absent,
    CarriedActionData,
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
    Paused,
    PreparedSet,
    Present,
    Resumed,
    StakeholderChanged,
    Started,
    TimeAdded,
    ViewJoined,
    ViewLeft,
    describe,
    is_clock_event,
)
from samtui.core.notes import Amendment, NoteError, ParsedNote, correct, parse_note
from samtui.core.sinks import Anchor, EventSink, MemorySink
from samtui.core.state import DamagedEvent, MeetingState, Note, stakeholder_value
from samtui.core.turns import next_pick
from samtui.core.vocabulary import CARRY_DECISIONS, CarryDecision, StakeholderField, ViewRole

ADDED_TIME_SECONDS: Final = 300
"""What the time keeper's one key gives an item."""
RECENT: Final = 1000
"""Events remembered for checking what a view saw; a view further behind is asked to look again."""
MAX_TRIES: Final = 50


class Why(StrEnum):
    """Why a command was refused, so the UI and CLI can add their own hint (a key, a flag)."""

    READ_ONLY = "read_only"
    ENDED = "ended"
    STALE = "stale"
    BUSY = "busy"
    LAST_ITEM = "last_item"
    FIRST_ITEM = "first_item"
    NO_ITEM = "no_item"
    UNHEARD = "unheard"
    NOT_ATTENDEE = "not_attendee"
    ABSENT = "absent"
    EVERYONE_HEARD = "everyone_heard"
    NO_FLOOR = "no_floor"
    NO_NOTE = "no_note"
    NO_QUESTION = "no_question"
    NO_STAKEHOLDER = "no_stakeholder"
    BAD_VALUE = "bad_value"
    NO_CARRIED = "no_carried"
    NOTHING_TO_PARK = "nothing_to_park"
    ALREADY_PARKED = "already_parked"
    NO_ACTION = "no_action"
    NO_GAP = "no_gap"


@dataclass(frozen=True, slots=True)
class Refused:
    """A command the meeting's state does not allow; the UI shows `message` (and a hint
    for `why`)."""

    message: str
    why: Why
    unheard: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Doubt:
    """Accepted, but worth a second look (an action nobody owns, whose owner is away, or
    due in the past)."""

    message: str


P = ParamSpec("P")
R = TypeVar("R")
Listener = Callable[[Event], None]


def command(method: Callable[Concatenate[Meeting, P], R]) -> Callable[Concatenate[Meeting, P], R]:
    """A command that may write: it runs on the latest state (catching up with other views
    first), is refused in a view that only follows and once the meeting has ended, and if
    another view writes in between, it catches up and decides again. Each command writes
    at most one event, so it is never applied twice and never acts on what it did not see.

    The method's own return type must admit `Refused`.
    """

    @functools.wraps(method)
    def run(meeting: Meeting, /, *args: P.args, **kwargs: P.kwargs) -> R:
        for _ in range(MAX_TRIES):
            meeting.sync()
            refused = meeting.writable()
            if refused is not None:
                return cast(R, refused)
            try:
                return method(meeting, *args, **kwargs)
            except StaleView:
                continue
        return cast(R, Refused("other views keep writing: try again", Why.BUSY))

    return run


class Meeting:
    """The live meeting of one view: its state, its clock, and the commands it may give."""

    def __init__(
        self,
        agenda: Agenda,
        sink: EventSink,
        clock: Clock,
        *,
        history: Iterable[Event] = (),
        state: MeetingState | None = None,
        readonly: bool = False,
    ) -> None:
        self.agenda = agenda
        self.sink = sink
        self.clock = clock
        self.readonly = readonly
        self.state = state if state is not None else MeetingState.replay(agenda, history)
        self.listeners: list[Listener] = []
        self.journal_lost: JournalGone | None = None
        """Set when the journal's file was deleted or replaced: the meeting goes on in
        memory (and can be exported), but nothing is saved any more."""
        self.loss_listeners: list[Callable[[JournalGone], None]] = []
        """Told once, when the journal is lost (the UI says so at once)."""
        self._recent: deque[tuple[Event, bool]] = deque(maxlen=RECENT)
        anchor = self._anchor()
        self._zero, self._wall = anchor.zero, anchor.wall

    # -- time ----------------------------------------------------------------------------

    def _anchor(self) -> Anchor:
        """Offset 0 on this process's monotonic clock and on the wall clock.

        Every view on the same boot reads it from the session's anchor, so all of them show
        the same meeting time whatever their wall clocks say; after a reboot, or on another
        machine, the wall-clock gap since the last event bridges (a closed laptop's meeting
        went on), and a view that may write sets the anchor anew.
        """
        boot = self.clock.boot_id()
        anchor = self.sink.anchor()
        if boot and anchor is not None and anchor.boot == boot:
            return anchor
        now = self.clock.now()
        base = self.state.last_offset
        if self.state.last_at is not None:
            base += max(0.0, (now - self.state.last_at).total_seconds())
        anchor = Anchor(boot, self.clock.monotonic() - base, now - timedelta(seconds=base))
        if boot and not self.readonly:
            self.sink.set_anchor(anchor)
        return anchor

    @property
    def offset(self) -> float:
        """Seconds since the session began, on the meeting's clock (never before the last
        event's)."""
        return max(self.clock.monotonic() - self._zero, self.state.last_offset)

    def unrecorded_gap(self) -> float | None:
        """Seconds since the last event, if the clock was left running for longer than the
        whole meeting was planned (a crash, then a resume days later): the room should say
        whether the meeting went on all that time."""
        state = self.state
        if not state.running or state.ended or state.last_at is None:
            return None
        gap = self.offset - state.last_offset
        return gap if gap > state.planned_seconds else None

    # -- plumbing ------------------------------------------------------------------------

    def _emit(self, event: Event) -> Event:
        """Journal, then apply: nothing is shown that is not on disk first."""
        if self.readonly:  # every command checks first; this is the engine's own guard
            raise RuntimeError("a view that only follows the meeting wrote to it")
        try:
            stored = self.sink.append(event, after=self.state.last_seq)
        except JournalGone as gone:  # committed to a file no longer there: go on in memory
            stored = gone.event if gone.event is not None else event
            self.lose_journal(gone)
        self._apply(stored, own=True)
        return stored

    def _at(self) -> tuple[datetime, float]:
        """When a new event happens: on the meeting's clock, and the wall-clock time that
        makes of it (never before the last event's), so durations and wall times agree."""
        offset = self.offset
        at = self._wall + timedelta(seconds=offset)
        if self.state.last_at is not None:
            at = max(at, self.state.last_at)
        return at, offset

    def _apply(self, event: Event, *, own: bool = False) -> None:
        self.state.apply(event)
        self._recent.append((event, own))
        for listener in self.listeners:
            listener(event)

    def sync(self) -> int:
        """Apply what other views wrote since we last looked; returns how many events."""
        if self.journal_lost is not None:
            return 0
        news = self.sink.events(after=self.state.last_seq)  # JournalError if unreadable
        for event in news:
            try:
                self._apply(event)
            except DamagedEvent as damage:  # another view (or program) wrote nonsense
                raise JournalError(
                    f"the journal is damaged ({damage.reason})", place=f"event {damage.seq}"
                ) from None
        return len(news)

    def lose_journal(self, gone: JournalGone) -> None:
        """The journal's file went: keep the meeting in memory from here, and say so."""
        if self.journal_lost is None:
            self.journal_lost = gone
            memory = MemorySink(first_seq=self.state.last_seq + 1)
            anchor = self.sink.anchor()
            if anchor is not None:
                memory.set_anchor(anchor)
            self.sink = memory
            for listener in self.loss_listeners:
                listener(gone)

    def writable(self) -> Refused | None:
        """Why this view cannot change the meeting now, or None."""
        if self.readonly:
            return Refused("this view only follows the meeting: it cannot change it", Why.READ_ONLY)
        if self.state.ended:
            return Refused("the meeting has ended", Why.ENDED)
        return None

    def changed_since(self, seen: int | None, what: Callable[[Event], bool]) -> Refused | None:
        """Refused when another view, after the view's `seen` event, did something `what`
        says the command depends on; None when `seen` is not given."""
        state = self.state
        if seen is None or seen >= state.last_seq:
            return None
        oldest = self._recent[0][0].seq if self._recent else state.last_seq + 1
        if seen + 1 < oldest:
            return Refused("this view is behind the meeting: look again", Why.STALE)
        for event, own in self._recent:
            if event.seq > seen and not own and what(event):
                return Refused(
                    f"another view has just {describe(event, state.names, state.titles)}",
                    Why.STALE,
                )
        return None

    # -- the clock -----------------------------------------------------------------------

    @command
    def toggle_clock(self, *, seen: int | None = None) -> Refused | None:
        """Start the meeting, or pause / resume its clock (as the view saw it)."""
        if refused := self.changed_since(seen, is_clock_event):
            return refused
        at, offset = self._at()
        if not self.state.started:
            self._emit(Started(at=at, offset=offset))
        elif self.state.running:
            self._emit(Paused(at=at, offset=offset))
        else:
            self._emit(Resumed(at=at, offset=offset))
        return None

    @command
    def pause(self) -> Refused | None:
        """Stop the clock if it runs (quitting the room's view on purpose)."""
        if self.state.running:
            at, offset = self._at()
            self._emit(Paused(at=at, offset=offset))
        return None

    @command
    def add_time(self, *, seen: int | None = None) -> Refused | None:
        """The time keeper's call: more time for the current item."""
        here = self.state.current_item

        def given(event: Event) -> bool:
            return isinstance(event, ItemEntered) or (
                isinstance(event, TimeAdded) and event.item == here
            )

        if refused := self.changed_since(seen, given):
            return refused
        at, offset = self._at()
        self._emit(TimeAdded(at=at, offset=offset, item=here, seconds=ADDED_TIME_SECONDS))
        return None

    @command
    def end(self) -> Refused | None:
        at, offset = self._at()
        self._emit(Ended(at=at, offset=offset))
        return None

    @command
    def settle_gap(self, *, counted: bool) -> Refused | None:
        """Record whether the meeting went on while nothing was journaled (see
        `unrecorded_gap`); if it did not, the gap is left out of every clock."""
        if self.unrecorded_gap() is None:
            return Refused("the clock has no gap to settle", Why.NO_GAP)
        at, offset = self._at()
        start = self.state.last_offset
        self._emit(ClockGap(at=at, offset=offset, start=start, end=offset, counted=counted))
        return None

    # -- agenda items --------------------------------------------------------------------

    @command
    def go_to_item(
        self, index: int, *, force: bool = False, seen: int | None = None
    ) -> Refused | None:
        """Enter another item. Leaving a round item with people unheard needs `force`."""
        if refused := self.changed_since(seen, _moved):
            return refused
        return self._go_to_item(index, force=force)

    def _go_to_item(self, index: int, *, force: bool = False) -> Refused | None:
        state = self.state
        if not 0 <= index < len(state.items):
            return Refused(f"there is no item {index + 1}", Why.NO_ITEM)
        if index == state.current_item:
            return None
        leaving = self.agenda.items[state.current_item]
        unheard = tuple(state.unheard_on_item())
        if leaving.kind == "round" and unheard and not force:
            names = ", ".join(state.names[a] for a in unheard)
            return Refused(f"not heard on this round yet: {names}", Why.UNHEARD, unheard)
        at, offset = self._at()
        self._emit(ItemEntered(at=at, offset=offset, item=index))
        return None

    @command
    def next_item(self, *, force: bool = False, seen: int | None = None) -> Refused | None:
        if refused := self.changed_since(seen, _moved):
            return refused
        if self.state.current_item + 1 >= len(self.state.items):
            return Refused("this is the last item", Why.LAST_ITEM)
        return self._go_to_item(self.state.current_item + 1, force=force)

    @command
    def previous_item(self, *, seen: int | None = None) -> Refused | None:
        if refused := self.changed_since(seen, _moved):
            return refused
        if self.state.current_item == 0:
            return Refused("this is the first item", Why.FIRST_ITEM)
        return self._go_to_item(self.state.current_item - 1, force=True)

    # -- the floor -----------------------------------------------------------------------

    def _absent_or_unknown(self, attendee: str) -> Refused | None:
        if attendee not in self.state.attendees:
            return Refused(f'"{attendee}" is not an attendee', Why.NOT_ATTENDEE)
        if not self.state.attendees[attendee].present:
            return Refused(f"{self.state.names[attendee]} is marked absent", Why.ABSENT)
        return None

    @command
    def give_floor(self, attendee: str) -> Refused | None:
        if refused := self._absent_or_unknown(attendee):
            return refused
        if self.state.floor == attendee:
            return None
        at, offset = self._at()
        self._emit(FloorGiven(at=at, offset=offset, attendee=attendee))
        return None

    @command
    def next_turn(self, *, seen: int | None = None) -> str | Refused:
        """Give the floor to the engine's pick; returns who got it. If another view has
        given the floor since the view's `seen`, this turn is theirs, not a second one."""
        if refused := self.changed_since(seen, _turned):
            return refused
        pick = next_pick(self.state, self.offset)
        if pick is None:
            return Refused("everyone present has been heard on this item", Why.EVERYONE_HEARD)
        at, offset = self._at()
        self._emit(FloorGiven(at=at, offset=offset, attendee=pick))
        return pick

    @command
    def release_floor(self, *, seen: int | None = None) -> Refused | None:
        if refused := self.changed_since(seen, _turned):
            return refused
        if self.state.floor is None:
            return Refused("nobody has the floor", Why.NO_FLOOR)
        at, offset = self._at()
        self._emit(FloorReleased(at=at, offset=offset))
        return None

    @command
    def set_present(self, attendee: str, present: bool) -> Refused | None:
        if attendee not in self.state.attendees:
            return Refused(f'"{attendee}" is not an attendee', Why.NOT_ATTENDEE)
        if self.state.attendees[attendee].present != present:
            at, offset = self._at()
            event = Present if present else Absent
            self._emit(event(at=at, offset=offset, attendee=attendee))
        return None

    @command
    def set_prepared(self, attendee: str, prepared: bool) -> Refused | None:
        if attendee not in self.state.prepared:
            return Refused(f'"{attendee}" is not an attendee', Why.NOT_ATTENDEE)
        if self.state.prepared[attendee] != prepared:
            at, offset = self._at()
            self._emit(PreparedSet(at=at, offset=offset, attendee=attendee, prepared=prepared))
        return None

    # -- notes ---------------------------------------------------------------------------

    @command
    def add_note(
        self, line: str, *, item: int | None = None, seen: int | None = None
    ) -> Note | NoteError | Refused:
        """Parse a typed line and add a note (or amend the last one).

        `item` is the item the view showed (default: the current one), so a note typed as
        the moderator moves on stays where the scribe meant it.
        """
        parsed = parse_note(line, self.agenda.attendees)
        if isinstance(parsed, NoteError):
            return parsed
        if isinstance(parsed, Amendment):
            if refused := self.changed_since(seen, _noted):
                return refused
            return self._amend(parsed)
        # An action nobody is named for belongs to whoever has the floor the view showed.
        unnamed = parsed.kind == "action" and parsed.owner is None
        if unnamed and (refused := self.changed_since(seen, _turned)):
            return refused
        return self._add_parsed(parsed, item=item)

    def _add_parsed(
        self,
        parsed: ParsedNote,
        *,
        item: int | None = None,
        question: tuple[str, int] | None = None,
    ) -> Note | Refused:
        index = self.state.current_item if item is None else item
        if not 0 <= index < len(self.state.items):
            return Refused(f"there is no item {index + 1}", Why.NO_ITEM)
        owner = parsed.owner
        if parsed.kind == "action" and owner is None:
            owner = self.state.floor
        at, offset = self._at()
        note_id = self.state.next_note_id
        self._emit(
            NoteAdded(
                at=at,
                offset=offset,
                note=note_id,
                item=index,
                kind=parsed.kind,
                text=parsed.text,
                owner=owner,
                due=parsed.due,
                growth=parsed.growth,
                question=question,
            )
        )
        return self.state.notes[note_id]

    def _amend(self, amendment: Amendment) -> Note | NoteError:
        note = self.state.last_note()
        if note is None:
            return NoteError("no note to amend yet")
        changed = correct(note, amendment, self.agenda.attendees)  # owner, due: samtui.core.notes
        if isinstance(changed, NoteError):
            return changed
        at, offset = self._at()
        self._emit(
            NoteAmended(
                at=at,
                offset=offset,
                note=note.id,
                text=changed.text,
                owner=changed.owner,
                due=changed.due,
            )
        )
        return note

    def doubts(self, action: Note) -> list[Doubt]:
        """Reasons to look again at a new action: nobody owns it, its owner is away, its
        due date has passed."""
        state = self.state
        found = []
        if action.owner is None:
            found.append(Doubt("no owner: it will be flagged in the minutes"))
        elif not state.attendees[action.owner].present:
            found.append(Doubt(f"{state.names[action.owner]} is marked absent"))
        if action.due is not None and action.due < self.clock.now().date():
            found.append(Doubt(f"the due date {action.due.isoformat()} is in the past"))
        return found

    @command
    def remove_note(self, note_id: int | None = None, *, seen: int | None = None) -> Refused | None:
        """Remove a note (the last one the view showed, by default)."""
        if note_id is None:
            if refused := self.changed_since(seen, _noted):
                return refused
            last = self.state.last_note()
            if last is None:
                return Refused("there is no note to remove", Why.NO_NOTE)
            note_id = last.id
        if note_id not in self.state.notes:
            return Refused(f"there is no note {note_id}", Why.NO_NOTE)
        at, offset = self._at()
        self._emit(NoteRemoved(at=at, offset=offset, note=note_id))
        return None

    # -- the account review: check-in, questions, stakeholders, carry-over, horizon ------

    @command
    def pull_question(
        self, attendee: str | None = None, index: int = 0, *, seen: int | None = None
    ) -> Note | Refused:
        """Bring a question from the check-in queue into the current item as a question note:
        the one named, or the next in the queue the view showed."""
        queue = self.state.question_queue()
        if attendee is not None:
            queue = [q for q in queue if q[0] == attendee and q[1] == index]
        elif refused := self.changed_since(
            seen, lambda e: isinstance(e, NoteAdded | NoteRemoved) and _asks(e)
        ):
            return refused
        if not queue:
            return Refused("no questions left in the queue", Why.NO_QUESTION)
        who, number, text = queue[0]
        return self._add_parsed(ParsedNote("question", text), question=(who, number))

    @command
    def change_stakeholder(
        self,
        index: int,
        field_name: StakeholderField,
        after: object,
        *,
        seen: int | None = None,
        visit: int | None = None,
    ) -> Refused | None:
        """Change a stance, influence, final authority or last validated date.

        `visit` numbers one visit of the map: changes in it to the same field count as one.
        """
        if not 0 <= index < len(self.state.stakeholders):
            return Refused(f"there is no stakeholder {index + 1}", Why.NO_STAKEHOLDER)
        if refused := self.changed_since(
            seen,
            lambda e: (
                isinstance(e, StakeholderChanged)
                and (e.stakeholder, e.field) == (index, field_name)
            ),
        ):
            return refused
        try:
            value = stakeholder_value(field_name, after)
        except ValueError as error:
            return Refused(str(error), Why.BAD_VALUE)
        before = getattr(self.state.stakeholders[index], field_name)
        if before == value:
            return None
        at, offset = self._at()
        self._emit(
            StakeholderChanged(
                at=at,
                offset=offset,
                stakeholder=index,
                field=field_name,
                before=_stored(before),
                after=_stored(value),
                visit=visit,
            )
        )
        return None

    @command
    def validate_stakeholder(self, index: int) -> Refused | None:
        """The relationship was checked today."""
        return self.change_stakeholder(index, "last_validated", self.clock.now().date())

    @command
    def load_carry_over(self, source: str, actions: list[CarriedActionData]) -> Refused | None:
        """Journal the last review's open actions once, so a resume needs no other file."""
        if self.state.carry_source is None:
            at, offset = self._at()
            self._emit(CarryLoaded(at=at, offset=offset, source=source, actions=tuple(actions)))
        return None

    @command
    def decide_carried(
        self, index: int, decision: CarryDecision, *, seen: int | None = None
    ) -> Refused | None:
        if not 0 <= index < len(self.state.carried):
            return Refused(
                f"there is no open action {index + 1} from the last review", Why.NO_CARRIED
            )
        if decision not in CARRY_DECISIONS:
            return Refused(
                f'"{decision}": an open action is done, carried or dropped', Why.BAD_VALUE
            )
        if refused := self.changed_since(
            seen, lambda e: isinstance(e, CarryDecided) and e.action == index
        ):
            return refused
        if self.state.carried[index].decision != decision:
            at, offset = self._at()
            self._emit(CarryDecided(at=at, offset=offset, action=index, decision=decision))
        return None

    @command
    def park(
        self, text: str = "", *, item: int | None = None, seen: int | None = None
    ) -> Note | Refused:
        """Horizon guard: park a typed topic, or move the last note to the parking lot."""
        if text.strip():
            parsed = parse_note(text, self.agenda.attendees)
            body = parsed.text if isinstance(parsed, ParsedNote) else text.strip()
            return self._add_parsed(ParsedNote("parked", " ".join(body.split())), item=item)
        if refused := self.changed_since(seen, _noted):
            return refused
        note = self.state.last_note()
        if note is None:
            return Refused("nothing to park yet", Why.NOTHING_TO_PARK)
        if note.kind == "parked":
            return Refused("the last note is already in the parking lot", Why.ALREADY_PARKED)
        at, offset = self._at()
        self._emit(NoteAmended(at=at, offset=offset, note=note.id, kind="parked"))
        return note

    @command
    def mark_growth(self, *, seen: int | None = None) -> Note | Refused:
        """Mark the last action as a growth play (or, again, as not one)."""
        if refused := self.changed_since(seen, _noted):
            return refused
        action = self.state.last_action()
        if action is None:
            return Refused("there is no action to mark as a growth play", Why.NO_ACTION)
        at, offset = self._at()
        self._emit(NoteAmended(at=at, offset=offset, note=action.id, growth=not action.growth))
        return action

    # -- views ---------------------------------------------------------------------------

    @command
    def view_joined(self, view: str, role: ViewRole, where: str) -> Refused | None:
        at, offset = self._at()
        self._emit(ViewJoined(at=at, offset=offset, view=view, role=role, where=where))
        return None

    @command
    def view_left(self, view: str) -> Refused | None:
        at, offset = self._at()
        self._emit(ViewLeft(at=at, offset=offset, view=view))
        return None


def _moved(event: Event) -> bool:
    return isinstance(event, ItemEntered)


def _turned(event: Event) -> bool:
    return isinstance(event, FloorGiven | FloorReleased | ItemEntered | Absent)


def _noted(event: Event) -> bool:
    """A note added, removed or changed: "the last note" may be another one now."""
    return isinstance(event, NoteAdded | NoteRemoved | NoteAmended)


def _asks(event: NoteAdded | NoteRemoved) -> bool:
    return not isinstance(event, NoteAdded) or event.question is not None


def _stored(value: object) -> str | bool | None:
    """A stakeholder value as the journal keeps it (dates as ISO text)."""
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | bool):
        return value
    raise TypeError(f"not a stakeholder value: {value!r}")
