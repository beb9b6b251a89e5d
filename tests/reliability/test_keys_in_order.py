"""A meeting key acts after the keys typed before it, however fast they come.

The fault (a new-user trial, tmux send-keys; the same over ssh lag or a busy machine):
the meeting keys are priority bindings, run as soon as the app reads them, while the
letters and the Enter typed before them still waited in the note line's queue. "y",
Enter, ctrl+n moved to the next item first and put "y" on it; a line and Enter then
ctrl+t gave the action to whoever got the floor after it; a line and F8 parked half of
the line and made a note of the rest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.pilot import Pilot
from waiting import burst, until

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.meeting import MeetingScreen


@asynccontextmanager
async def meeting(review: Session, clock: FakeClock) -> AsyncIterator[tuple[SamApp, Pilot[None]]]:
    """The room's view of `review` with its clock running, on the meeting screen."""
    review.meeting.toggle_clock()
    app = SamApp(review, clock=clock, ring_bell=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        yield app, pilot


async def test_a_note_and_the_next_item_in_one_burst_keep_their_order(
    review: Session, clock: FakeClock
) -> None:
    state = review.meeting.state
    async with meeting(review, clock) as (app, pilot):
        burst(app, "y enter ctrl+n")
        await until(pilot, lambda: state.current_item == 1, "the next item")
        await until(pilot, lambda: len(state.notes) == 1, "the note")
        (note,) = state.notes.values()
        assert (note.text, note.item) == ("y", 0)  # typed on the first item, before ctrl+n


async def test_an_action_typed_before_a_turn_is_owned_by_nobody(
    review: Session, clock: FakeClock
) -> None:
    state = review.meeting.state
    async with meeting(review, clock) as (app, pilot):
        assert state.floor is None
        burst(app, "t o d o : space c a l l enter ctrl+t")
        await until(pilot, lambda: state.floor is not None, "the floor given")
        await until(pilot, lambda: len(state.notes) == 1, "the action")
        (action,) = state.notes.values()
        assert (action.kind, action.text, action.owner) == ("action", "call", None)


async def test_a_line_and_park_in_one_burst_park_the_whole_line(
    review: Session, clock: FakeClock
) -> None:
    state = review.meeting.state
    async with meeting(review, clock) as (app, pilot):
        burst(app, "p r i c i n g space r e v i e w f8 n e x t")
        await until(pilot, lambda: len(state.notes) == 1, "the parked topic")
        (parked,) = state.notes.values()
        assert (parked.kind, parked.text) == ("parked", "pricing review")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await until(pilot, lambda: screen.draft() == "next", "the letters after F8 in the line")


async def test_notes_between_two_moves_in_one_burst_land_on_their_items(
    review: Session, clock: FakeClock
) -> None:
    state = review.meeting.state
    async with meeting(review, clock) as (app, pilot):
        burst(app, "a enter ctrl+n b enter ctrl+n c enter")
        await until(pilot, lambda: len(state.notes) == 3, "three notes")
        placed = [(n.text, n.item) for n in sorted(state.notes.values(), key=lambda n: n.id)]
        assert placed == [("a", 0), ("b", 1), ("c", 2)]
        assert state.current_item == 2
