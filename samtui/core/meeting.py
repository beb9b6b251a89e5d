"""Meeting state, derived by applying events, and the commands that make those events.

`MeetingState.apply` folds one event in O(1); replaying a journal through it gives exactly
the state the live meeting had. `Meeting` turns intents (start, next item, add a note)
into events, journals each one before applying it, and tells listeners.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Concatenate, Final, ParamSpec, Protocol, TypeVar, get_args

from samtui.core import events as ev
from samtui.core.agenda import Agenda, Influence, Stance
from samtui.core.clock import Clock
from samtui.core.errors import SamtuiError, StaleView
from samtui.core.events import Event
from samtui.core.notes import Amendment, NoteError, NoteKind, ParsedNote, parse_note

UNCHECKED: Final = "\x00unchecked"  # an expectation the caller did not state
ADDED_TIME_SECONDS = 300
STAKEHOLDER_FIELDS = ("stance", "influence", "final_authority", "last_validated")
CARRY_DECISIONS = ("done", "carried", "dropped")


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


@dataclass(frozen=True, slots=True)
class StakeholderChange:
    """One change made during the review, for the minutes."""

    name: str
    field: str
    before: object
    after: object
    item: int
    at: datetime


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
    decision: str = "carried"


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

    def actions(self) -> list[Note]:
        return [n for n in self.notes.values() if n.kind == "action"]

    def parking_lot(self) -> list[Note]:
        return [n for n in self.notes.values() if n.kind == "parked"]

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
        """Fold one event in; unknown kinds are ignored so the set of kinds stays open."""
        handler = _HANDLERS.get(event.kind)
        if handler is not None:
            handler(self, event)
        self.last_offset = max(self.last_offset, event.offset)
        self.last_at = event.at
        self.last_seq = max(self.last_seq, event.seq)
        self.events_applied += 1

    @classmethod
    def replay(cls, agenda: Agenda, events: Iterable[Event]) -> MeetingState:
        state = cls(agenda)
        for event in events:
            state.apply(event)
        return state

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

    def _on_started(self, event: Event) -> None:
        if self.started_at is None:
            self.started_at = event.at
            self._run(event.offset)

    def _on_paused(self, event: Event) -> None:
        self._halt(event.offset)

    def _on_resumed(self, event: Event) -> None:
        if self.started and not self.ended:
            self._run(event.offset)

    def _on_item_entered(self, event: Event) -> None:
        index = int(event.data["item"])
        if not 0 <= index < len(self.items) or index == self.current_item:
            return
        self._release(event.offset)
        leaving = self.items[self.current_item]
        leaving.clock.stop(event.offset)
        leaving.unheard_when_left = self.unheard_on_item()
        self.current_item = index
        if self.running:
            self.items[index].clock.start(event.offset)

    def _on_floor_given(self, event: Event) -> None:
        who = str(event.data["attendee"])
        if who not in self.attendees:
            return
        self._release(event.offset)
        self.floor = who
        attendee = self.attendees[who]
        attendee.turns += 1
        attendee.heard_on.add(self.current_item)
        if self.running:
            attendee.talk.start(event.offset)
            self.floor_clock.start(event.offset)

    def _on_floor_released(self, event: Event) -> None:
        self._release(event.offset)

    def _on_note_added(self, event: Event) -> None:
        data = event.data
        due = data.get("due")
        index = int(data.get("item", self.current_item))
        note = Note(
            id=int(data["note"]),
            item=index,
            kind=data["kind"],
            text=str(data["text"]),
            at=event.at,
            offset=event.offset,
            owner=data.get("owner"),
            due=date.fromisoformat(due) if due else None,
            growth=bool(data.get("growth", False)),
        )
        question = data.get("question")
        if question:
            note.question = (str(question[0]), int(question[1]))
            self.asked[note.question] = note.id
        self.notes[note.id] = note
        self.items[index].notes[note.id] = note
        self.next_note_id = max(self.next_note_id, note.id + 1)

    def _on_note_amended(self, event: Event) -> None:
        note = self.notes.get(int(event.data["note"]))
        if note is None:
            return
        data = event.data
        if "text" in data:
            note.text = str(data["text"])
        if "kind" in data:
            note.kind = data["kind"]
        if "growth" in data:
            note.growth = bool(data["growth"])
        if "owner" in data:
            note.owner = data["owner"]
        if "due" in data:
            note.due = date.fromisoformat(data["due"]) if data["due"] else None

    def _on_note_removed(self, event: Event) -> None:
        note = self.notes.pop(int(event.data["note"]), None)
        if note is not None:
            self.items[note.item].notes.pop(note.id, None)
            if note.question is not None:
                self.asked.pop(note.question, None)

    def _on_absent(self, event: Event) -> None:
        who = str(event.data["attendee"])
        if who in self.attendees:
            if self.floor == who:
                self._release(event.offset)
            self.attendees[who].present = False

    def _on_present(self, event: Event) -> None:
        who = str(event.data["attendee"])
        if who in self.attendees:
            self.attendees[who].present = True

    def _on_time_added(self, event: Event) -> None:
        index = int(event.data.get("item", self.current_item))
        if 0 <= index < len(self.items):
            self.items[index].added_seconds += int(event.data["seconds"])

    def _on_prepared(self, event: Event) -> None:
        who = str(event.data["attendee"])
        if who in self.prepared:
            self.prepared[who] = bool(event.data["prepared"])

    def _on_stakeholder_changed(self, event: Event) -> None:
        index = int(event.data["stakeholder"])
        field_name = str(event.data["field"])
        if not 0 <= index < len(self.stakeholders) or field_name not in STAKEHOLDER_FIELDS:
            return
        stakeholder = self.stakeholders[index]
        before = getattr(stakeholder, field_name)
        after = event.data["after"]
        if field_name == "last_validated":
            after = date.fromisoformat(after) if after else None
        setattr(stakeholder, field_name, after)
        self.stakeholder_changes.append(
            StakeholderChange(
                stakeholder.name, field_name, before, after, self.current_item, event.at
            )
        )

    def _on_carry_loaded(self, event: Event) -> None:
        if self.carry_source is not None:
            return
        self.carry_source = str(event.data["source"])
        for action in event.data["actions"]:
            due = action.get("due")
            self.carried.append(
                CarriedAction(
                    source=self.carry_source,
                    id=int(action["id"]),
                    text=str(action["text"]),
                    item=str(action.get("item", "")),
                    owner=action.get("owner"),
                    due=date.fromisoformat(due) if due else None,
                    growth=bool(action.get("growth", False)),
                )
            )

    def _on_carry_decided(self, event: Event) -> None:
        index = int(event.data["action"])
        if 0 <= index < len(self.carried):
            self.carried[index].decision = str(event.data["decision"])

    def _on_ended(self, event: Event) -> None:
        if self.ended_at is None:
            self._halt(event.offset)
            self._release(event.offset)
            self.items[self.current_item].unheard_when_left = self.unheard_on_item()
            self.ended_at = event.at


_HANDLERS: dict[str, Callable[[MeetingState, Event], None]] = {
    ev.STARTED: MeetingState._on_started,
    ev.PAUSED: MeetingState._on_paused,
    ev.RESUMED: MeetingState._on_resumed,
    ev.ITEM_ENTERED: MeetingState._on_item_entered,
    ev.FLOOR_GIVEN: MeetingState._on_floor_given,
    ev.FLOOR_RELEASED: MeetingState._on_floor_released,
    ev.NOTE_ADDED: MeetingState._on_note_added,
    ev.NOTE_AMENDED: MeetingState._on_note_amended,
    ev.NOTE_REMOVED: MeetingState._on_note_removed,
    ev.ABSENT: MeetingState._on_absent,
    ev.PRESENT: MeetingState._on_present,
    ev.TIME_ADDED: MeetingState._on_time_added,
    ev.ENDED: MeetingState._on_ended,
    ev.PREPARED: MeetingState._on_prepared,
    ev.STAKEHOLDER_CHANGED: MeetingState._on_stakeholder_changed,
    ev.CARRY_LOADED: MeetingState._on_carry_loaded,
    ev.CARRY_DECIDED: MeetingState._on_carry_decided,
}


@dataclass(frozen=True, slots=True)
class Refused:
    """A command the meeting's state does not allow; the UI shows `message`."""

    message: str
    unheard: tuple[str, ...] = ()


class EventSink(Protocol):
    """Where events go before anyone sees them: the journal, or memory in tests.

    Several views may share one sink: `append(..., after=seq)` refuses (StaleView) when
    another view wrote since `seq`, and `events(after=seq)` fetches what they wrote.
    """

    def append(self, event: Event, *, after: int | None = None) -> Event: ...

    def events(self, after: int = 0) -> list[Event]: ...


class MemorySink:
    """An in-memory journal for tests and dry runs; views sharing it behave as on disk."""

    def __init__(self) -> None:
        self.log: list[Event] = []

    def append(self, event: Event, *, after: int | None = None) -> Event:
        if after is not None and after != len(self.log):
            raise StaleView("another view wrote first")
        stored = Event(event.kind, event.at, event.offset, event.data, len(self.log) + 1)
        self.log.append(stored)
        return stored

    def events(self, after: int = 0) -> list[Event]:
        return self.log[after:]


P = ParamSpec("P")
R = TypeVar("R")
MAX_TRIES = 50


def synced(command: Callable[Concatenate[Meeting, P], R]) -> Callable[Concatenate[Meeting, P], R]:
    """Run a command on the latest state: catch up with other views first, and if one
    writes in between, catch up again and decide again. Each command writes at most one
    event, so it is never applied twice and never acts on what another view changed."""

    @functools.wraps(command)
    def run(meeting: Meeting, /, *args: P.args, **kwargs: P.kwargs) -> R:
        for _ in range(MAX_TRIES):
            meeting.sync()
            try:
                return command(meeting, *args, **kwargs)
            except StaleView:
                continue
        raise StaleView("other views keep writing: try again")

    return run


Listener = Callable[[Event], None]


class Meeting:
    """The live meeting: intents in, journaled events out, state kept current."""

    def __init__(
        self,
        agenda: Agenda,
        sink: EventSink,
        clock: Clock,
        *,
        history: Iterable[Event] = (),
        readonly: bool = False,
    ) -> None:
        self.agenda = agenda
        self.sink = sink
        self.clock = clock
        self.readonly = readonly
        self.state = MeetingState.replay(agenda, history)
        self.listeners: list[Listener] = []
        # Offsets go on from the last journaled one; the wall-clock gap since then counts,
        # since a meeting whose laptop was closed went on in the room.
        base = self.state.last_offset
        if self.state.last_at is not None:
            base += max(0.0, (clock.now() - self.state.last_at).total_seconds())
        self._zero = clock.monotonic() - base

    @property
    def offset(self) -> float:
        """Seconds since the session began, on the meeting's monotonic clock."""
        return self.clock.monotonic() - self._zero

    def _emit(self, event_kind: str, /, **data: Any) -> Event:
        if self.readonly:  # every command checks first; this is the engine's own guard
            raise SamtuiError("this view only follows the meeting: it cannot change it")
        event = Event(event_kind, self.clock.now(), self.offset, data)
        stored = self.sink.append(event, after=self.state.last_seq)
        self._apply(stored)
        return stored

    def _apply(self, event: Event) -> None:
        self.state.apply(event)
        for listener in self.listeners:
            listener(event)

    def sync(self) -> int:
        """Apply what other views wrote since we last looked; returns how many events."""
        news = self.sink.events(after=self.state.last_seq)
        for event in news:
            self._apply(event)
        return len(news)

    def _writable(self) -> Refused | None:
        if self.readonly:
            return Refused("this view only follows the meeting: it cannot change it")
        if self.state.ended:
            return Refused("the meeting has ended")
        return None

    # -- the clock -----------------------------------------------------------------------

    @synced
    def toggle_clock(self, *, expect_running: bool | None = None) -> Refused | None:
        """Start the meeting, or pause / resume its clock (as the caller saw it)."""
        if refused := self._writable():
            return refused
        if expect_running is not None and self.state.running != expect_running:
            news = "started" if self.state.running else "paused"
            return Refused(f"another view has just {news} the clock")
        if not self.state.started:
            self._emit(ev.STARTED)
        elif self.state.running:
            self._emit(ev.PAUSED)
        else:
            self._emit(ev.RESUMED)
        return None

    @synced
    def add_time(
        self, seconds: int = ADDED_TIME_SECONDS, *, expect_item: int | None = None
    ) -> Refused | None:
        """The time keeper's call: more time for the current item."""
        if refused := self._writable() or self._moved_on(expect_item):
            return refused
        self._emit(ev.TIME_ADDED, item=self.state.current_item, seconds=seconds)
        return None

    @synced
    def end(self) -> Refused | None:
        if refused := self._writable():
            return refused
        self._emit(ev.ENDED)
        return None

    # -- agenda items --------------------------------------------------------------------

    def _moved_on(self, expect_item: int | None) -> Refused | None:
        """The caller acted on an item another view has already left."""
        if expect_item is None or expect_item == self.state.current_item:
            return None
        here = self.state.current_item
        return Refused(
            f"another view already moved to item {here + 1}: {self.agenda.items[here].title}"
        )

    @synced
    def go_to_item(
        self, index: int, *, force: bool = False, expect_item: int | None = None
    ) -> Refused | None:
        """Enter another item. Leaving a round item with people unheard needs `force`."""
        return self._moved_on(expect_item) or self._go_to_item(index, force=force)

    def _go_to_item(self, index: int, *, force: bool = False) -> Refused | None:
        if refused := self._writable():
            return refused
        state = self.state
        if not 0 <= index < len(state.items):
            return Refused(f"there is no item {index + 1}")
        if index == state.current_item:
            return None
        leaving = self.agenda.items[state.current_item]
        unheard = tuple(state.unheard_on_item())
        if leaving.kind == "round" and unheard and not force:
            names = ", ".join(state.names[a] for a in unheard)
            return Refused(f"not heard on this round yet: {names}", unheard)
        self._emit(ev.ITEM_ENTERED, item=index)
        return None

    @synced
    def next_item(self, *, force: bool = False, expect_item: int | None = None) -> Refused | None:
        if refused := self._moved_on(expect_item):
            return refused
        if self.state.current_item + 1 >= len(self.state.items):
            return Refused("this is the last item: F10 ends the meeting")
        return self._go_to_item(self.state.current_item + 1, force=force)

    @synced
    def previous_item(self, *, expect_item: int | None = None) -> Refused | None:
        if refused := self._moved_on(expect_item):
            return refused
        if self.state.current_item == 0:
            return Refused("this is the first item")
        return self._go_to_item(self.state.current_item - 1, force=True)

    # -- the floor -----------------------------------------------------------------------

    @synced
    def give_floor(self, attendee: str) -> Refused | None:
        if refused := self._writable():
            return refused
        if attendee not in self.state.attendees:
            return Refused(f'"{attendee}" is not an attendee')
        if not self.state.attendees[attendee].present:
            return Refused(f"{self.state.names[attendee]} is marked absent")
        if self.state.floor == attendee:
            return None
        self._emit(ev.FLOOR_GIVEN, attendee=attendee)
        return None

    @synced
    def next_turn(self, *, expect_floor: str | None = UNCHECKED) -> str | Refused:
        """Give the floor to the engine's pick; returns who got it.

        `expect_floor` is who the caller saw on the floor: if another view has given the
        floor since, this turn is theirs, not a second one.
        """
        from samtui.core.turns import next_pick

        if refused := self._writable():
            return refused
        if expect_floor != UNCHECKED and self.state.floor != expect_floor:
            holder = self.state.names.get(self.state.floor or "", "nobody")
            return Refused(f"another view has just given the floor to {holder}")
        pick = next_pick(self.state, self.offset)
        if pick is None:
            return Refused("everyone present has been heard on this item")
        self._emit(ev.FLOOR_GIVEN, attendee=pick)
        return pick

    @synced
    def release_floor(self) -> Refused | None:
        if refused := self._writable():
            return refused
        if self.state.floor is None:
            return Refused("nobody has the floor")
        self._emit(ev.FLOOR_RELEASED)
        return None

    @synced
    def set_present(self, attendee: str, present: bool) -> Refused | None:
        if refused := self._writable():
            return refused
        if attendee not in self.state.attendees:
            return Refused(f'"{attendee}" is not an attendee')
        if self.state.attendees[attendee].present != present:
            self._emit(ev.PRESENT if present else ev.ABSENT, attendee=attendee)
        return None

    # -- notes ---------------------------------------------------------------------------

    @synced
    def add_note(self, line: str) -> Note | NoteError:
        """Parse a typed line and add (or amend) a note on the current item."""
        if refused := self._writable():
            return NoteError(refused.message)
        parsed = parse_note(line, self.agenda.attendees)
        if isinstance(parsed, NoteError):
            return parsed
        if isinstance(parsed, Amendment):
            return self._amend(parsed)
        return self._add_parsed(parsed)

    def _add_parsed(self, parsed: ParsedNote, *, question: tuple[str, int] | None = None) -> Note:
        owner = parsed.owner
        if parsed.kind == "action" and owner is None:
            owner = self.state.floor
        data: dict[str, Any] = {
            "note": self.state.next_note_id,
            "item": self.state.current_item,
            "kind": parsed.kind,
            "text": parsed.text,
        }
        if owner is not None:
            data["owner"] = owner
        if parsed.due is not None:
            data["due"] = parsed.due.isoformat()
        if parsed.growth:
            data["growth"] = True
        if question is not None:
            data["question"] = list(question)
        self._emit(ev.NOTE_ADDED, **data)
        return self.state.notes[data["note"]]

    def _amend(self, amendment: Amendment) -> Note | NoteError:
        note = self.state.last_note()
        if note is None:
            return NoteError("no note to amend yet")
        text = amendment.apply(note.text)
        if text is None:
            return NoteError(f'"{amendment.old}" is not in the last note')
        if not text.strip():
            return NoteError("that would leave the note empty")
        changes: dict[str, Any] = {"text": text}
        if note.kind == "action":  # an amended action can name its owner or due date anew
            parsed = parse_note(f"todo: {text}", self.agenda.attendees)
            if isinstance(parsed, NoteError):
                return parsed
            assert isinstance(parsed, ParsedNote)
            changes["text"] = parsed.text
            if parsed.owner is not None:
                changes["owner"] = parsed.owner
            if parsed.due is not None:
                changes["due"] = parsed.due.isoformat()
        self._emit(ev.NOTE_AMENDED, note=note.id, **changes)
        return note

    @synced
    def remove_note(self, note_id: int | None = None) -> Refused | None:
        """Remove a note (the last one by default)."""
        if refused := self._writable():
            return refused
        if note_id is None:
            last = self.state.last_note()
            if last is None:
                return Refused("there is no note to remove")
            note_id = last.id
        if note_id not in self.state.notes:
            return Refused(f"there is no note {note_id}")
        self._emit(ev.NOTE_REMOVED, note=note_id)
        return None

    # -- the account review: check-in, questions, stakeholders, carry-over, horizon ------

    @synced
    def set_prepared(self, attendee: str, prepared: bool) -> Refused | None:
        if refused := self._writable():
            return refused
        if attendee not in self.state.prepared:
            return Refused(f'"{attendee}" is not an attendee')
        if self.state.prepared[attendee] != prepared:
            self._emit(ev.PREPARED, attendee=attendee, prepared=prepared)
        return None

    @synced
    def pull_question(self, attendee: str | None = None, index: int = 0) -> Note | Refused:
        """Bring a question from the check-in queue into the current item as a question note."""
        if refused := self._writable():
            return refused
        queue = self.state.question_queue()
        if attendee is not None:
            queue = [q for q in queue if q[0] == attendee and q[1] == index]
        if not queue:
            return Refused("no questions left in the queue")
        who, number, text = queue[0]
        return self._add_parsed(ParsedNote("question", text), question=(who, number))

    @synced
    def change_stakeholder(self, index: int, field_name: str, after: object) -> Refused | None:
        return self._change_stakeholder(index, field_name, after)

    def _change_stakeholder(self, index: int, field_name: str, after: object) -> Refused | None:
        """Change a stance, influence, final authority or last validated date."""
        if refused := self._writable():
            return refused
        if not 0 <= index < len(self.state.stakeholders):
            return Refused(f"there is no stakeholder {index + 1}")
        if field_name not in STAKEHOLDER_FIELDS:
            return Refused(f'"{field_name}" is not a stakeholder field that can change')
        allowed = {"stance": get_args(Stance), "influence": get_args(Influence)}.get(field_name)
        if allowed is not None and after not in allowed:
            return Refused(f'{field_name} is one of {", ".join(allowed)} (not "{after}")')
        if field_name == "final_authority" and not isinstance(after, bool):
            return Refused("final authority is yes or no")
        before = getattr(self.state.stakeholders[index], field_name)
        if isinstance(after, date):
            after = after.isoformat()
        shown_before = before.isoformat() if isinstance(before, date) else before
        if shown_before == after:
            return None
        self._emit(
            ev.STAKEHOLDER_CHANGED,
            stakeholder=index,
            field=field_name,
            before=shown_before,
            after=after,
        )
        return None

    @synced
    def validate_stakeholder(self, index: int) -> Refused | None:
        """The relationship was checked today."""
        return self._change_stakeholder(index, "last_validated", self.clock.now().date())

    @synced
    def load_carry_over(self, source: str, actions: list[dict[str, Any]]) -> None:
        """Journal the last review's open actions once, so a resume needs no other file."""
        if self.state.carry_source is None and not self.state.ended:
            self._emit(ev.CARRY_LOADED, source=source, actions=actions)

    @synced
    def decide_carried(self, index: int, decision: str) -> Refused | None:
        if refused := self._writable():
            return refused
        if not 0 <= index < len(self.state.carried):
            return Refused(f"there is no open action {index + 1} from the last review")
        if decision not in CARRY_DECISIONS:
            return Refused(f'"{decision}": an open action is done, carried or dropped')
        if self.state.carried[index].decision != decision:
            self._emit(ev.CARRY_DECIDED, action=index, decision=decision)
        return None

    @synced
    def park(self, text: str = "") -> Note | Refused | NoteError:
        """Horizon guard: park a typed topic, or move the last note to the parking lot."""
        if refused := self._writable():
            return refused
        if text.strip():
            parsed = parse_note(text, self.agenda.attendees)
            body = parsed.text if isinstance(parsed, ParsedNote) else text.strip()
            return self._add_parsed(ParsedNote("parked", " ".join(body.split())))
        note = self.state.last_note()
        if note is None:
            return Refused("nothing to park: type the topic first")
        if note.kind == "parked":
            return Refused("the last note is already in the parking lot")
        self._emit(ev.NOTE_AMENDED, note=note.id, kind="parked")
        return note

    @synced
    def mark_growth(self) -> Note | Refused:
        """Mark the last action as a growth play."""
        if refused := self._writable():
            return refused
        action = next((n for n in reversed(self.state.notes.values()) if n.kind == "action"), None)
        if action is None:
            return Refused("there is no action to mark as a growth play")
        self._emit(ev.NOTE_AMENDED, note=action.id, growth=not action.growth)
        return action
