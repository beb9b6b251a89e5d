"""Meeting state, derived by folding events: the records every view and the minutes show.

`MeetingState.apply` folds one event in O(1) and checks it against the agenda first: an
event that names an item, attendee, note or stakeholder the meeting does not have is
`DamagedEvent`, raised before anything changes, so the state stays exactly what the events
before it made. Replaying a journal through it gives the state the live meeting had.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

from samtui.core.agenda import Agenda, about_open_actions
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
    Paused,
    PreparedSet,
    Present,
    Resumed,
    StakeholderChanged,
    Started,
    TimeAdded,
    ViewJoined,
    ViewLeft,
)
from samtui.core.vocabulary import (
    INFLUENCES,
    STANCES,
    CarryDecision,
    Influence,
    NoteKind,
    StakeholderField,
    Stance,
    ViewRole,
)


class DamagedEvent(ValueError):
    """An event that cannot have happened in this meeting; the state is left as it was."""

    def __init__(self, event: Event, reason: str) -> None:
        super().__init__(f"event {event.seq}: {event.event}: {reason}")
        self.seq = event.seq
        self.reason = f"{event.event}: {reason}"


@dataclass(slots=True)
class Stopwatch:
    """Seconds accumulated while running; reads are exact at any offset, no ticking."""

    total: float = 0.0
    since: float | None = None

    def start(self, offset: float) -> None:
        if self.since is None:
            self.since = offset

    def stop(self, offset: float) -> None:
        if self.since is not None:
            self.total += max(0.0, offset - self.since)
            self.since = None

    def skip(self, start: float, end: float) -> None:
        """Leave the span from `start` to `end` out, as if the watch had stopped then."""
        if self.since is not None:
            self.total += max(0.0, start - self.since)
            self.since = max(end, self.since)

    def read(self, offset: float) -> float:
        if self.since is None:
            return self.total
        return self.total + max(0.0, offset - self.since)


@dataclass(slots=True)
class Note:
    """A note as it stands: amended text replaces the original, removed notes drop out."""

    id: int
    item: int
    kind: NoteKind
    text: str
    at: datetime
    offset: float
    owner: str | None = None
    due: date | None = None
    growth: bool = False
    question: tuple[str, int] | None = None
    """For a question pulled from the check-in queue: (attendee, index in their list)."""


@dataclass(slots=True)
class StakeholderState:
    """A stakeholder as the review leaves them: stances get challenged and updated."""

    name: str
    stance: Stance
    influence: Influence
    final_authority: bool
    last_validated: date | None


StakeholderValue = str | bool | date | None


@dataclass(slots=True)
class StakeholderChange:
    """One change made during the review, for the minutes (one per visit of the map)."""

    stakeholder: int
    name: str
    field: StakeholderField
    before: StakeholderValue
    after: StakeholderValue
    item: int
    at: datetime
    visit: int | None = None


@dataclass(slots=True)
class CarriedAction:
    """An open action of the last review, to be marked done, carried or dropped."""

    source: str
    id: int
    text: str
    item: str
    owner: str | None = None
    due: date | None = None
    growth: bool = False
    decision: CarryDecision = "carried"
    carried_from: str | None = None
    """Where it came from before the last review, when it was carried then too."""
    times_carried: int = 0
    """How many reviews it had been carried through before this one."""


@dataclass(slots=True)
class AttendeeState:
    """Turns and talk time of one attendee."""

    id: str
    present: bool = True
    turns: int = 0
    talk: Stopwatch = field(default_factory=Stopwatch)
    heard_on: set[int] = field(default_factory=set)


@dataclass(slots=True)
class ItemState:
    """The clock, budget and notes of one agenda item."""

    planned_seconds: int
    clock: Stopwatch = field(default_factory=Stopwatch)
    added_seconds: int = 0
    notes: dict[int, Note] = field(default_factory=dict)
    unheard_when_left: list[str] | None = None
    """Who was present and not heard when the item was last left (or the meeting ended):
    someone who leaves later was still not heard on it."""

    @property
    def budget_seconds(self) -> int:
        return self.planned_seconds + self.added_seconds


@dataclass(slots=True)
class ViewSeen:
    """A view that could change the meeting, as the journal recorded it."""

    view: str
    role: ViewRole
    where: str
    joined_at: datetime
    left_at: datetime | None = None


class MeetingState:
    """Everything the screen and the minutes show, derived from events alone."""

    def __init__(self, agenda: Agenda) -> None:
        self.agenda = agenda
        self.started_at: datetime | None = None
        self.ended_at: datetime | None = None
        self.running = False
        self.current_item = 0
        self.clock = Stopwatch()
        self.items = [ItemState(item.minutes * 60) for item in agenda.items]
        self.attendees = {a.id: AttendeeState(a.id) for a in agenda.attendees}
        self.order = [a.id for a in agenda.attendees]
        self.names = {a.id: a.name for a in agenda.attendees}
        self.titles = [item.title for item in agenda.items]
        self.floor: str | None = None
        self.floor_clock = Stopwatch()
        self.notes: dict[int, Note] = {}
        self.next_note_id = 1
        self.prepared = {a.id: a.prepared for a in agenda.attendees}
        self.asked: dict[tuple[str, int], int] = {}
        self.stakeholders = [
            StakeholderState(s.name, s.stance, s.influence, s.final_authority, s.last_validated)
            for s in agenda.stakeholders
        ]
        self.stakeholder_changes: list[StakeholderChange] = []
        self.carried: list[CarriedAction] = []
        self.carry_source: str | None = None
        self.views: list[ViewSeen] = []
        self.last_offset = 0.0
        self.last_at: datetime | None = None
        self.last_seq = 0
        self.events_applied = 0

    # -- reading -------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    def meeting_elapsed(self, offset: float) -> float:
        return self.clock.read(offset)

    def item_elapsed(self, index: int, offset: float) -> float:
        return self.items[index].clock.read(offset)

    def talk_seconds(self, attendee: str, offset: float) -> float:
        return self.attendees[attendee].talk.read(offset)

    def turn_seconds(self, offset: float) -> float:
        """How long whoever has the floor has held it (running clock only)."""
        return self.floor_clock.read(offset)

    def present(self) -> list[str]:
        return [a for a in self.order if self.attendees[a].present]

    def unheard_on_item(self, index: int | None = None) -> list[str]:
        """Present attendees who have not had the floor on this item yet, in agenda order
        (as things stand now; the minutes' record of an item is `item_unheard`)."""
        item = self.current_item if index is None else index
        return [a for a in self.present() if item not in self.attendees[a].heard_on]

    def item_unheard(self, index: int, offset: float) -> list[str]:
        """For the minutes: who was not heard on an item, as it stood when it was left;
        for the item under way, as it stands; nobody for an item never reached."""
        item = self.items[index]
        if index == self.current_item and not self.ended:
            return self.unheard_on_item(index) if item.clock.read(offset) else []
        return list(item.unheard_when_left or [])

    def unheard(self) -> list[str]:
        """Present attendees who never had the floor in this meeting."""
        return [a for a in self.present() if not self.attendees[a].heard_on]

    def item_notes(self, index: int | None = None) -> list[Note]:
        return list(self.items[self.current_item if index is None else index].notes.values())

    def last_note(self) -> Note | None:
        return next(reversed(self.notes.values()), None)

    def last_action(self) -> Note | None:
        return next((n for n in reversed(self.notes.values()) if n.kind == "action"), None)

    def actions(self) -> list[Note]:
        return [n for n in self.notes.values() if n.kind == "action"]

    def parking_lot(self) -> list[Note]:
        return [n for n in self.notes.values() if n.kind == "parked"]

    @property
    def carry_over_item(self) -> int:
        """The item where the last review's open actions are gone through: the one named
        for them, else the first."""
        return next(
            (i for i, item in enumerate(self.agenda.items) if about_open_actions(item.title)), 0
        )

    def question_queue(self) -> list[tuple[str, int, str]]:
        """Questions attendees brought and nobody has asked yet: (attendee, index, text)."""
        return [
            (attendee.id, index, text)
            for attendee in self.agenda.attendees
            for index, text in enumerate(attendee.questions)
            if (attendee.id, index) not in self.asked
        ]

    @property
    def planned_seconds(self) -> int:
        return self.agenda.meeting.duration * 60

    def scheduled_remaining(self, offset: float) -> float:
        """Budgeted seconds still ahead: what is left of this item plus the items after it."""
        current = self.items[self.current_item]
        left_here = max(0.0, current.budget_seconds - current.clock.read(offset))
        later = sum(i.budget_seconds for i in self.items[self.current_item + 1 :])
        return left_here + later

    def schedule_delta(self, offset: float) -> float:
        """Seconds behind (positive) or ahead (negative) of the meeting's duration."""
        return (
            self.meeting_elapsed(offset) + self.scheduled_remaining(offset) - self.planned_seconds
        )

    # -- folding -------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Fold one event in, after checking it makes sense here (else DamagedEvent).

        Offsets never go back: a view whose clock ran behind another's (a bug of older
        builds) cannot make a duration negative or longer than the meeting.
        """
        offset = max(event.offset, self.last_offset)
        _HANDLERS[type(event)](self, event, offset)
        self.last_offset = offset
        self.last_at = event.at if self.last_at is None else max(self.last_at, event.at)
        self.last_seq = max(self.last_seq, event.seq)
        self.events_applied += 1

    @classmethod
    def replay(cls, agenda: Agenda, events: Iterable[Event]) -> MeetingState:
        """The state the events make; DamagedEvent at the first that cannot have happened
        (`replay_until_damage` keeps what came before it)."""
        state = cls(agenda)
        for event in events:
            state.apply(event)
        return state

    @classmethod
    def replay_until_damage(
        cls, agenda: Agenda, events: Iterable[Event]
    ) -> tuple[MeetingState, DamagedEvent | None]:
        state = cls(agenda)
        for event in events:
            try:
                state.apply(event)
            except DamagedEvent as damage:
                return state, damage
        return state, None

    def _run(self, offset: float) -> None:
        self.running = True
        self.clock.start(offset)
        self.items[self.current_item].clock.start(offset)
        if self.floor is not None:
            self.attendees[self.floor].talk.start(offset)
            self.floor_clock.start(offset)

    def _halt(self, offset: float) -> None:
        self.running = False
        self.clock.stop(offset)
        self.items[self.current_item].clock.stop(offset)
        if self.floor is not None:
            self.attendees[self.floor].talk.stop(offset)
            self.floor_clock.stop(offset)

    def _release(self, offset: float) -> None:
        if self.floor is not None:
            self.attendees[self.floor].talk.stop(offset)
        self.floor = None
        self.floor_clock = Stopwatch()

    def _attendee(self, event: Event, who: str) -> str:
        if who not in self.attendees:
            raise DamagedEvent(event, f'"{who}" is not an attendee of this meeting')
        return who

    def _item(self, event: Event, index: int | None) -> int:
        if index is None:
            return self.current_item
        if not 0 <= index < len(self.items):
            raise DamagedEvent(event, f"the agenda has no item {index + 1}")
        return index

    def _note(self, event: Event, note_id: int) -> Note:
        note = self.notes.get(note_id)
        if note is None:
            raise DamagedEvent(event, f"there is no note {note_id}")
        return note

    def _on_started(self, event: Started, offset: float) -> None:
        if self.started_at is None:
            self.started_at = event.at
            self._run(offset)

    def _on_paused(self, event: Paused, offset: float) -> None:
        self._halt(offset)

    def _on_resumed(self, event: Resumed, offset: float) -> None:
        if self.started and not self.ended:
            self._run(offset)

    def _on_item_entered(self, event: ItemEntered, offset: float) -> None:
        index = self._item(event, event.item)
        if index == self.current_item:
            return
        self._release(offset)
        leaving = self.items[self.current_item]
        leaving.clock.stop(offset)
        leaving.unheard_when_left = self.unheard_on_item()
        self.current_item = index
        if self.running:
            self.items[index].clock.start(offset)

    def _on_floor_given(self, event: FloorGiven, offset: float) -> None:
        who = self._attendee(event, event.attendee)
        self._release(offset)
        self.floor = who
        attendee = self.attendees[who]
        attendee.turns += 1
        attendee.heard_on.add(self.current_item)
        if self.running:
            attendee.talk.start(offset)
            self.floor_clock.start(offset)

    def _on_floor_released(self, event: FloorReleased, offset: float) -> None:
        self._release(offset)

    def _on_note_added(self, event: NoteAdded, offset: float) -> None:
        index = self._item(event, event.item)
        if event.note in self.notes:
            raise DamagedEvent(event, f"note {event.note} is already in the meeting")
        if event.owner is not None:
            self._attendee(event, event.owner)
        if event.question is not None:
            who, number = event.question
            self._attendee(event, who)
            if number >= len(self.agenda.attendee(who).questions):
                raise DamagedEvent(event, f"{self.names[who]} brought no question {number + 1}")
        note = Note(
            id=event.note,
            item=index,
            kind=event.kind,
            text=event.text,
            at=event.at,
            offset=offset,
            owner=event.owner,
            due=event.due,
            growth=event.growth,
            question=event.question,
        )
        if note.question is not None:
            self.asked[note.question] = note.id
        self.notes[note.id] = note
        self.items[index].notes[note.id] = note
        self.next_note_id = max(self.next_note_id, note.id + 1)

    def _on_note_amended(self, event: NoteAmended, offset: float) -> None:
        note = self._note(event, event.note)
        if event.owner is not None:
            self._attendee(event, event.owner)
        if event.text is not None:
            note.text = event.text
        if event.kind is not None:
            note.kind = event.kind
        if event.growth is not None:
            note.growth = event.growth
        if event.owner is not None:
            note.owner = event.owner
        if event.due is not None:
            note.due = event.due

    def _on_note_removed(self, event: NoteRemoved, offset: float) -> None:
        note = self.notes.pop(self._note(event, event.note).id)
        self.items[note.item].notes.pop(note.id, None)
        if note.question is not None:
            self.asked.pop(note.question, None)

    def _on_absent(self, event: Absent, offset: float) -> None:
        who = self._attendee(event, event.attendee)
        if self.floor == who:
            self._release(offset)
        self.attendees[who].present = False

    def _on_present(self, event: Present, offset: float) -> None:
        self.attendees[self._attendee(event, event.attendee)].present = True

    def _on_time_added(self, event: TimeAdded, offset: float) -> None:
        self.items[self._item(event, event.item)].added_seconds += event.seconds

    def _on_prepared(self, event: PreparedSet, offset: float) -> None:
        self.prepared[self._attendee(event, event.attendee)] = event.prepared

    def _on_stakeholder_changed(self, event: StakeholderChanged, offset: float) -> None:
        index = event.stakeholder
        if not 0 <= index < len(self.stakeholders):
            raise DamagedEvent(event, f"there is no stakeholder {index + 1}")
        try:
            after = stakeholder_value(event.field, event.after)
        except ValueError as error:
            raise DamagedEvent(event, str(error)) from None
        stakeholder = self.stakeholders[index]
        before = getattr(stakeholder, event.field)
        setattr(stakeholder, event.field, after)
        last = self.stakeholder_changes[-1] if self.stakeholder_changes else None
        if (
            event.visit is not None
            and last is not None
            and (last.stakeholder, last.field, last.visit) == (index, event.field, event.visit)
        ):
            last.after, last.at = after, event.at  # one visit of the map, one change
            if last.after == last.before:
                self.stakeholder_changes.pop()
            return
        self.stakeholder_changes.append(
            StakeholderChange(
                index,
                stakeholder.name,
                event.field,
                before,
                after,
                self.current_item,
                event.at,
                event.visit,
            )
        )

    def _on_carry_loaded(self, event: CarryLoaded, offset: float) -> None:
        if self.carry_source is not None:
            return  # loaded once, at the start; a second load (two views) changes nothing
        self.carry_source = event.source
        self.carried = [
            CarriedAction(
                source=event.source,
                id=action.id,
                text=action.text,
                item=action.item,
                owner=action.owner,
                due=action.due,
                growth=action.growth,
                carried_from=action.carried_from,
                times_carried=action.times_carried,
            )
            for action in event.actions
        ]

    def _on_carry_decided(self, event: CarryDecided, offset: float) -> None:
        if not 0 <= event.action < len(self.carried):
            raise DamagedEvent(event, f"there is no carried action {event.action + 1}")
        self.carried[event.action].decision = event.decision

    def _on_clock_gap(self, event: ClockGap, offset: float) -> None:
        if not event.start <= event.end <= event.offset + 1.0:
            raise DamagedEvent(event, "the gap does not end before the event that records it")
        if event.counted:
            return
        watches = [self.clock, self.items[self.current_item].clock, self.floor_clock]
        if self.floor is not None:
            watches.append(self.attendees[self.floor].talk)
        for watch in watches:
            watch.skip(event.start, event.end)

    def _on_ended(self, event: Ended, offset: float) -> None:
        if self.ended_at is None:
            self._halt(offset)
            self._release(offset)
            self.items[self.current_item].unheard_when_left = self.unheard_on_item()
            self.ended_at = event.at

    def _on_view_joined(self, event: ViewJoined, offset: float) -> None:
        self.views.append(ViewSeen(event.view, event.role, event.where, event.at))

    def _on_view_left(self, event: ViewLeft, offset: float) -> None:
        for seen in reversed(self.views):
            if seen.view == event.view and seen.left_at is None:
                seen.left_at = event.at
                return


def stakeholder_value(field_name: StakeholderField, value: object) -> StakeholderValue:
    """A stored value as the map holds it (a date from its ISO text); ValueError says why
    a value does not fit the field."""
    if field_name == "stance":
        if value not in STANCES:
            raise ValueError(f'stance is one of {", ".join(STANCES)} (not "{value}")')
        return str(value)
    if field_name == "influence":
        if value not in INFLUENCES:
            raise ValueError(f'influence is one of {", ".join(INFLUENCES)} (not "{value}")')
        return str(value)
    if field_name == "final_authority":
        if not isinstance(value, bool):
            raise ValueError("final authority is yes or no")
        return value
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f'"{value}" is not a date') from None


_Handler = Callable[[MeetingState, Any, float], None]
_HANDLERS: Final[dict[type[Any], _Handler]] = {
    Started: MeetingState._on_started,
    Paused: MeetingState._on_paused,
    Resumed: MeetingState._on_resumed,
    ItemEntered: MeetingState._on_item_entered,
    FloorGiven: MeetingState._on_floor_given,
    FloorReleased: MeetingState._on_floor_released,
    NoteAdded: MeetingState._on_note_added,
    NoteAmended: MeetingState._on_note_amended,
    NoteRemoved: MeetingState._on_note_removed,
    Absent: MeetingState._on_absent,
    Present: MeetingState._on_present,
    TimeAdded: MeetingState._on_time_added,
    Ended: MeetingState._on_ended,
    PreparedSet: MeetingState._on_prepared,
    StakeholderChanged: MeetingState._on_stakeholder_changed,
    CarryLoaded: MeetingState._on_carry_loaded,
    CarryDecided: MeetingState._on_carry_decided,
    ClockGap: MeetingState._on_clock_gap,
    ViewJoined: MeetingState._on_view_joined,
    ViewLeft: MeetingState._on_view_left,
}
