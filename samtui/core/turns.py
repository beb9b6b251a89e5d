"""Who speaks next: the engine's pick for "next turn"."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samtui.core.state import MeetingState


def next_pick(state: MeetingState, offset: float) -> str | None:
    """The attendee "next turn" gives the floor to, or None when nobody is left to hear.

    In a round item: the next present attendee in agenda order not yet heard on it.
    Otherwise: the present attendee not yet heard on this item with the least talk time
    in the meeting (ties by agenda order); once everyone has been heard, the present
    attendee with the least talk time who does not hold the floor. Absent people never.
    """
    unheard = [a for a in state.unheard_on_item() if a != state.floor]
    if state.agenda.items[state.current_item].kind == "round":
        return unheard[0] if unheard else None
    candidates = unheard or [a for a in state.present() if a != state.floor]
    if not candidates:
        return None
    rank = {a: i for i, a in enumerate(state.order)}
    return min(candidates, key=lambda a: (state.talk_seconds(a, offset), rank[a]))
