"""Meeting events: every change to a meeting is one of these, journaled before it is shown.

One frozen dataclass per kind, with typed fields: cheap to make in a command, matched by
class in the fold, checked by mypy. The journal stores each as a row (its `event` name, the
wall-clock `at`, the monotonic `offset`, the other fields as JSON); `encode` and `decode`
are the one adapter between the two, and `decode` validates every row as it is read (a
pydantic TypeAdapter over the discriminated union), so a damaged or hand-edited journal is
reported with the event's number instead of surfacing later as a crash.

The JSON of each kind is the stored format: a field may be added with a default, never
renamed. Format 1 journals (before typed events) hold the same JSON.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, get_args

from pydantic import AwareDatetime, Field, Strict

from samtui.core.vocabulary import (
    CarryDecision,
    NoteKind,
    StakeholderField,
    ViewRole,
)

if TYPE_CHECKING:
    from pydantic import TypeAdapter

Int = Annotated[int, Strict()]
Index = Annotated[int, Strict(), Field(ge=0, le=100_000)]
"""A position in the agenda's items, attendees' questions, stakeholders or carried actions."""
NoteId = Annotated[int, Strict(), Field(ge=1, le=10_000_000)]
Text = Annotated[str, Strict()]
Name = Annotated[str, Strict(), Field(min_length=1, max_length=200)]
"""An attendee id, a view name: short, never empty."""
Flag = Annotated[bool, Strict()]
Offset = Annotated[float, Field(ge=0, le=10_000_000, allow_inf_nan=False)]
"""Seconds on the meeting's monotonic clock: finite, never negative (about four months)."""
Seconds = Annotated[int, Strict(), Field(gt=0, le=36_000)]
"""Time the time keeper adds: more than nothing, at most ten hours."""
StakeholderValue = Annotated[str, Strict()] | Annotated[bool, Strict()] | None
"""A stance or influence (a word), final authority (yes or no), or a date as ISO text."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Event:
    """When it happened: on the wall clock for people, on the meeting's clock for durations.

    `offset` is seconds since the session began on a clock that never goes back and that
    every view of the session shares; every duration is a difference of offsets. `seq` is
    the journal's order (0 until journaled).
    """

    at: AwareDatetime
    offset: Offset
    seq: Annotated[int, Strict(), Field(ge=0)] = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Started(_Event):
    """The meeting clock started for the first time."""

    event: Literal["started"] = "started"


@dataclass(frozen=True, slots=True, kw_only=True)
class Paused(_Event):
    event: Literal["paused"] = "paused"


@dataclass(frozen=True, slots=True, kw_only=True)
class Resumed(_Event):
    event: Literal["resumed"] = "resumed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Ended(_Event):
    event: Literal["ended"] = "ended"


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemEntered(_Event):
    event: Literal["item_entered"] = "item_entered"
    item: Index


@dataclass(frozen=True, slots=True, kw_only=True)
class FloorGiven(_Event):
    event: Literal["floor_given"] = "floor_given"
    attendee: Name


@dataclass(frozen=True, slots=True, kw_only=True)
class FloorReleased(_Event):
    event: Literal["floor_released"] = "floor_released"


@dataclass(frozen=True, slots=True, kw_only=True)
class NoteAdded(_Event):
    event: Literal["note_added"] = "note_added"
    note: NoteId
    item: Index | None = None
    """The item it was noted on (always written; None only in hand-made journals)."""
    kind: NoteKind
    text: Text
    owner: Name | None = None
    due: date | None = None
    growth: Flag = False
    question: tuple[Name, Index] | None = None
    """A question pulled from the check-in queue: (who brought it, its index in their list)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class NoteAmended(_Event):
    """A note changed; each field given (not None) replaces the note's."""

    event: Literal["note_amended"] = "note_amended"
    note: NoteId
    text: Text | None = None
    kind: NoteKind | None = None
    growth: Flag | None = None
    owner: Name | None = None
    due: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NoteRemoved(_Event):
    event: Literal["note_removed"] = "note_removed"
    note: NoteId


@dataclass(frozen=True, slots=True, kw_only=True)
class Absent(_Event):
    event: Literal["absent"] = "absent"
    attendee: Name


@dataclass(frozen=True, slots=True, kw_only=True)
class Present(_Event):
    event: Literal["present"] = "present"
    attendee: Name


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeAdded(_Event):
    event: Literal["time_added"] = "time_added"
    item: Index | None = None
    """The item given more time (always written; None only in hand-made journals)."""
    seconds: Seconds


@dataclass(frozen=True, slots=True, kw_only=True)
class PreparedSet(_Event):
    """Whether an attendee came prepared, as checked in."""

    event: Literal["prepared"] = "prepared"
    attendee: Name
    prepared: Flag


@dataclass(frozen=True, slots=True, kw_only=True)
class StakeholderChanged(_Event):
    event: Literal["stakeholder_changed"] = "stakeholder_changed"
    stakeholder: Index
    field: StakeholderField
    before: StakeholderValue = None
    after: StakeholderValue = None
    visit: Int | None = None
    """Changes made in one visit of the map (cycling through stances) share a number, so
    the minutes record one change, from the first value to the last."""


def _zero(value: object) -> bool:
    return value == 0


@dataclass(frozen=True, slots=True)
class CarriedActionData:
    """An open action of the last review as the journal keeps it (so a resume needs no other
    file)."""

    id: Annotated[int, Strict(), Field(ge=1)]
    text: Text
    item: Text = ""
    owner: Name | None = None
    due: date | None = None
    growth: Flag = False
    carried_from: Text | None = None
    """Where that action came from before the last review, if it was carried then too."""
    times_carried: Annotated[int, Strict(), Field(ge=0, le=100_000, exclude_if=_zero)] = 0
    """How many reviews it has been carried through so far (followed at the start, so a
    resume needs no other file; 0 is left out of the journal, as before this field)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CarryLoaded(_Event):
    event: Literal["carry_loaded"] = "carry_loaded"
    source: Text
    actions: tuple[CarriedActionData, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CarryDecided(_Event):
    event: Literal["carry_decided"] = "carry_decided"
    action: Index
    decision: CarryDecision


@dataclass(frozen=True, slots=True, kw_only=True)
class ClockGap(_Event):
    """At a resume long after the last event, the room said whether the meeting went on in
    the meantime (`counted`) or stopped (the gap from `start` to `end` is not counted)."""

    event: Literal["clock_gap"] = "clock_gap"
    start: Offset
    end: Offset
    counted: Flag


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewJoined(_Event):
    """A view that can change the meeting opened (the minutes list who scribed)."""

    event: Literal["view_joined"] = "view_joined"
    view: Name
    role: ViewRole
    where: Text = ""
    """How it joined: "this machine", or the address of a remote connection."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewLeft(_Event):
    event: Literal["view_left"] = "view_left"
    view: Name


Event = Annotated[
    Started
    | Paused
    | Resumed
    | Ended
    | ItemEntered
    | FloorGiven
    | FloorReleased
    | NoteAdded
    | NoteAmended
    | NoteRemoved
    | Absent
    | Present
    | TimeAdded
    | PreparedSet
    | StakeholderChanged
    | CarryLoaded
    | CarryDecided
    | ClockGap
    | ViewJoined
    | ViewLeft,
    Field(discriminator="event"),
]
"""Any event; `event` names its kind in the journal."""

CLOCK_EVENTS: Final = (Started, Paused, Resumed)


def _kind(cls: type[Any]) -> str:
    """The `event` name a class is journaled under (its field's default)."""
    import dataclasses

    (tag,) = (item.default for item in dataclasses.fields(cls) if item.name == "event")
    return str(tag)


_CLASSES: Final[dict[str, type[Any]]] = {_kind(cls): cls for cls in get_args(get_args(Event)[0])}
"""Each event class by the name it is journaled under."""
_ENVELOPE: Final = frozenset({"event", "at", "offset", "seq"})


class EventError(ValueError):
    """A journal row that is not a valid event; `reason` says what is wrong with it."""

    def __init__(self, seq: int, reason: str) -> None:
        super().__init__(f"event {seq}: {reason}")
        self.seq = seq
        self.reason = reason


@functools.cache
def _adapter() -> TypeAdapter[Event]:
    """Built on first use: a meeting that journals nothing yet pays nothing for it."""
    from pydantic import TypeAdapter

    return TypeAdapter(Event)


def warm_up() -> None:
    """Build the adapter now (the app does it in a thread after its first frame)."""
    _adapter()


def encode(event: Event) -> tuple[str, str, float, str]:
    """The journal row of an event: (event, at, offset, payload JSON).

    Fields at their default are left out, as format 1 wrote them; lone surrogates (pasted
    bytes that are not text) are escaped, since UTF-8 cannot hold them.
    """
    payload = _adapter().dump_python(event, mode="json", exclude=set(_ENVELOPE), exclude_none=True)
    defaults = _defaults(event.event)
    payload = {key: value for key, value in payload.items() if defaults.get(key, _NO) != value}
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(payload, ensure_ascii=True, separators=(",", ":"))
    return event.event, event.at.isoformat(), float(event.offset), text


_NO: Final = object()


@functools.cache
def _defaults(kind: str) -> dict[str, Any]:
    """Each field's default as the journal's JSON spells it (a missing key means it)."""
    import dataclasses

    found: dict[str, Any] = {}
    for item in dataclasses.fields(_CLASSES[kind]):
        if item.default is not dataclasses.MISSING and item.name not in _ENVELOPE:
            value = item.default
            found[item.name] = list(value) if isinstance(value, tuple) else value
    return found


def decode(seq: int, kind: object, at: object, offset: object, data: object) -> Event:
    """Rebuild and validate the event of a journal row; EventError says what is wrong."""
    from pydantic import ValidationError

    try:
        payload = json.loads(data) if isinstance(data, str) else data
    except ValueError as error:
        raise EventError(seq, f"its data is not JSON ({error})") from None
    if not isinstance(payload, dict):
        raise EventError(seq, f"its data is {_what(payload)}, not a table of fields") from None
    fields = {**payload, "event": kind, "at": at, "offset": offset, "seq": seq}
    try:
        return _adapter().validate_python(fields)
    except ValidationError as error:
        raise EventError(seq, _reason(kind, error)) from None


def _what(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return f"a {type(value).__name__}"


def _reason(kind: object, error: Any) -> str:
    """pydantic's first complaint in a line: `note_added: due: input should be a valid date`."""
    first = error.errors(include_url=False)[0]
    loc = [str(part) for part in first["loc"]]
    if loc and loc[0] == str(kind):
        loc = loc[1:]  # the union's tag
    if first["type"] == "union_tag_invalid":
        return f"unknown kind of event {str(kind)!r}"
    where = ".".join(loc)
    message = str(first["msg"])
    message = message[:1].lower() + message[1:]
    return f"{kind}: {where}: {message}" if where else f"{kind}: {message}"


def is_clock_event(event: Event) -> bool:
    return isinstance(event, CLOCK_EVENTS)


def describe(event: Event, names: dict[str, str], titles: list[str]) -> str:
    """What an event did, in words, for "another view has just …"."""
    match event:
        case Started():
            return "started the meeting"
        case Paused():
            return "paused the clock"
        case Resumed():
            return "restarted the clock"
        case Ended():
            return "ended the meeting"
        case ItemEntered(item=item):
            title = titles[item] if 0 <= item < len(titles) else "?"
            return f"moved to item {item + 1}: {title}"
        case FloorGiven(attendee=who):
            return f"given the floor to {names.get(who, who)}"
        case FloorReleased():
            return "released the floor"
        case TimeAdded(seconds=seconds):
            return f"given this item {seconds // 60} more minutes"
        case NoteAdded():
            return "added a note"
        case NoteAmended():
            return "changed a note"
        case NoteRemoved():
            return "removed a note"
        case StakeholderChanged(field=field):
            return f"changed this stakeholder's {field.replace('_', ' ')}"
        case CarryDecided(decision=decision):
            return f"marked this action {decision}"
        case Absent(attendee=who):
            return f"marked {names.get(who, who)} absent"
        case Present(attendee=who):
            return f"marked {names.get(who, who)} present"
        case _:
            return "changed the meeting"
