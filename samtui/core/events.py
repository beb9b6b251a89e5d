"""Meeting events: every change to a meeting is one of these, journaled before it is shown.

The set of kinds is open: later features add kinds, and a state that meets a kind it does
not know ignores it, so an old build can still replay a newer journal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

STARTED: Final = "started"
PAUSED: Final = "paused"
RESUMED: Final = "resumed"
ITEM_ENTERED: Final = "item_entered"  # data: item (index)
FLOOR_GIVEN: Final = "floor_given"  # data: attendee
FLOOR_RELEASED: Final = "floor_released"
NOTE_ADDED: Final = "note_added"  # data: note, kind, text, owner?, due?, growth?, question?
NOTE_AMENDED: Final = "note_amended"  # data: note, and any of text, kind, growth, owner, due
NOTE_REMOVED: Final = "note_removed"  # data: note
ABSENT: Final = "absent"  # data: attendee
PRESENT: Final = "present"  # data: attendee
TIME_ADDED: Final = "time_added"  # data: item, seconds
ENDED: Final = "ended"
PREPARED: Final = "prepared"  # data: attendee, prepared (bool)
STAKEHOLDER_CHANGED: Final = (
    "stakeholder_changed"  # data: stakeholder (index), field, before, after
)
CARRY_LOADED: Final = "carry_loaded"  # data: source, actions [{id, text, owner?, due?, item}]
CARRY_DECIDED: Final = "carry_decided"  # data: action (index), decision (done|carried|dropped)


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened: when on the wall clock, when on the meeting's monotonic clock.

    `offset` is seconds since the session began on a clock that never goes back; every
    duration is a difference of offsets, so nothing drifts whatever the UI's timer does.
    `seq` is the journal's order (0 until journaled).
    """

    kind: str
    at: datetime
    offset: float
    data: Mapping[str, Any] = field(default_factory=dict)
    seq: int = 0

    def data_json(self) -> str:
        """The payload as compact JSON, for the journal."""
        return json.dumps(dict(self.data), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_row(cls, seq: int, kind: str, at: str, offset: float, data: str) -> Event:
        """Rebuild an event from a journal row."""
        return cls(kind, datetime.fromisoformat(at), offset, json.loads(data), seq)
