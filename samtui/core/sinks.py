"""Where events go before anyone sees them: the journal on disk, or memory.

Several views may share one sink: `append(..., after=seq)` refuses (StaleView) when another
view wrote since `seq`, and `events(after=seq)` fetches what they wrote. The sink also keeps
the session's clock anchor, so every view of one session reads the same meeting time.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from samtui.core.errors import StaleView
from samtui.core.events import Event


@dataclass(frozen=True, slots=True)
class Anchor:
    """Offset 0 of a session: on one machine's monotonic clock, and on the wall clock.

    `boot` names the boot of the machine whose clock `zero` was read on: views on that
    boot compute the same offsets from it; anywhere else the wall clock bridges the gap.
    `wall` is the wall-clock time at offset 0: an event at offset t happened at
    `wall + t`, so the time between two events is never more than their wall times say,
    whatever the wall clock did meanwhile (set by hand, stepped by NTP).
    """

    boot: str
    zero: float
    wall: datetime


class EventSink(Protocol):
    def append(self, event: Event, *, after: int | None = None) -> Event:
        """Store `event` durably and return it with its `seq`."""
        ...

    def events(self, after: int = 0) -> list[Event]:
        """Events with `seq > after`, in order."""
        ...

    def anchor(self) -> Anchor | None:
        """The session's clock anchor, if one was set."""
        ...

    def set_anchor(self, anchor: Anchor) -> None: ...


class MemorySink:
    """An in-memory journal for tests and dry runs; views sharing it behave as on disk.

    Also where a meeting goes on when its journal file is lost: `first_seq` continues the
    numbering, so what it holds can be exported with the rest.
    """

    def __init__(self, first_seq: int = 1) -> None:
        self.log: list[Event] = []
        self._first = first_seq
        self._anchor: Anchor | None = None

    def append(self, event: Event, *, after: int | None = None) -> Event:
        last = self._first - 1 + len(self.log)
        if after is not None and after != last:
            raise StaleView("another view wrote first")
        stored = dataclasses.replace(event, seq=last + 1)
        self.log.append(stored)
        return stored

    def events(self, after: int = 0) -> list[Event]:
        return self.log[max(0, after - self._first + 1) :]

    def anchor(self) -> Anchor | None:
        return self._anchor

    def set_anchor(self, anchor: Anchor) -> None:
        self._anchor = anchor
