"""One way for meeting state to reach every view: applied events in, one message out.

Every event the meeting applies, made here or synced from another view, goes through the
bridge; each screen that shows meeting state (modal ones included) gets a `MeetingChanged`
message, coalesced while it is busy, and redraws from the state and the events it has not
drawn yet. A screen acts on what it has drawn: commands carry its `drawn_seq`.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, Final

from textual.message import Message

from samtui.core.events import Event

if TYPE_CHECKING:
    from textual.app import App

    from samtui.core.meeting import Meeting

KEPT: Final = 5000
"""Events kept for screens that fall behind; one further behind redraws everything."""


class MeetingChanged(Message, bubble=False):
    """The meeting moved on; the screen asks the bridge what it has not drawn yet."""

    def __init__(self, bridge: Bridge) -> None:
        super().__init__()
        self.bridge = bridge

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, MeetingChanged)


class Follows:
    """A screen that shows meeting state and redraws from the bridge.

    `drawn_seq` is the last event the screen has drawn; `changed` gets the events after it
    (None when the screen is too far behind: redraw everything). A redraw in between (after
    a resize) moves `drawn_seq` on, so `changed` may get none of the events it would act on:
    what the screen does besides drawing (leave, open a dialog) it decides from the state.
    """

    drawn_seq: int = 0

    def changed(self, events: list[Event] | None) -> None:
        raise NotImplementedError

    def catch_up(self, bridge: Bridge) -> None:
        events = bridge.since(self.drawn_seq)
        self.drawn_seq = bridge.meeting.state.last_seq
        self.changed(events)

    def on_meeting_changed(self, message: MeetingChanged) -> None:
        self.catch_up(message.bridge)


class Bridge:
    """Listens to the meeting; posts `MeetingChanged` to every screen that follows it."""

    def __init__(self, app: App[Any], meeting: Meeting) -> None:
        self.app = app
        self.meeting = meeting
        self._recent: deque[Event] = deque(maxlen=KEPT)
        meeting.listeners.append(self._applied)

    def close(self) -> None:
        if self._applied in self.meeting.listeners:
            self.meeting.listeners.remove(self._applied)

    def _applied(self, event: Event) -> None:
        self._recent.append(event)
        for screen in self.app.screen_stack:
            if isinstance(screen, Follows):
                screen.post_message(MeetingChanged(self))

    def since(self, seq: int) -> list[Event] | None:
        """The applied events after `seq`, or None if some are no longer kept."""
        if not self._recent or self._recent[-1].seq <= seq:
            return []
        if self._recent[0].seq > seq + 1:
            return None
        return [event for event in self._recent if event.seq > seq]
