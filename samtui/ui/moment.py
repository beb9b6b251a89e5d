"""What every panel renders: the meeting state at one instant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from samtui.core.agenda import Agenda
from samtui.core.state import MeetingState


@dataclass(frozen=True, slots=True)
class Moment:
    """The state, the meeting's clock offset and the wall-clock time, taken together."""

    state: MeetingState
    offset: float
    now: datetime

    @property
    def agenda(self) -> Agenda:
        return self.state.agenda
