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
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from waiting import burst, until

from samtui.config import Settings
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


async def test_a_meeting_key_remapped_to_alt_and_a_letter_waits_its_turn_too(
    review: Session, clock: FakeClock, tmp_path: Path
) -> None:
    """A terminal sends alt+n as ESC n: Textual reads Key("alt+n", "n"), printable, and
    the key overtook the line before it as the meeting keys did (the review)."""
    settings = Settings(tmp_path / "config.toml", keys={"next_item": "alt+n"}, exists=True)
    review.meeting.toggle_clock()
    app = SamApp(review, clock=clock, ring_bell=False, settings=settings)
    state = review.meeting.state
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        burst(app, "y enter")
        app.post_message(events.Key("alt+n", "n"))
        await until(pilot, lambda: state.current_item == 1, "the next item")
        await until(pilot, lambda: len(state.notes) == 1, "the note")
        (note,) = state.notes.values()
        assert (note.text, note.item) == ("y", 0)


@pytest.mark.parametrize(("opens", "closes"), [("f1", "escape"), ("f1", "q"), ("ctrl+g", "escape")])
async def test_letters_typed_right_after_a_dialog_closes_reach_the_note_line(
    review: Session, clock: FakeClock, opens: str, closes: str
) -> None:
    """The review: the help and the floor picker closed on a key that waited in their own
    queue, and the letters typed after it in the same burst went to the closing dialog."""
    async with meeting(review, clock) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        burst(app, f"x {opens} {closes} y z")
        await until(pilot, lambda: screen.draft() == "xyz", "every letter in the note line")


def test_keys_typed_ahead_of_the_gap_question_wait_for_the_note_line(
    agenda_file: Path,
) -> None:
    """The review: a resume long after the last event asks whether the meeting went on;
    "note" Enter typed ahead answered it with its "n" (journaled: it stopped) and made a
    note of "ote". The question is for keys pressed once it shows."""
    import asyncio

    clock = FakeClock()
    room = Session.start(agenda_file, clock=clock)
    room.meeting.toggle_clock()
    clock.advance(65)
    room.close()
    clock.advance(6 * 3600)  # longer than the meeting was planned: the question
    resumed = Session.resume(room.path, clock=clock)

    async def run() -> None:
        from samtui.ui.screens.gap import GapQuestion

        app = SamApp(resumed, clock=clock, ring_bell=False, checkin=False)
        ask = app._ask_about_a_gap

        def typed_ahead() -> None:
            burst(app, "n o t e enter")  # typed before the question could show
            ask()

        app._ask_about_a_gap = typed_ahead  # type: ignore[method-assign]
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, GapQuestion), "the question")
            await pilot.pause()
            assert resumed.meeting.unrecorded_gap() is not None  # not answered by "n"
            await pilot.press("y")  # the answer, once it shows
            await until(pilot, lambda: resumed.meeting.unrecorded_gap() is None, "answered")
            notes = resumed.meeting.state.notes
            await until(
                pilot, lambda: [n.text for n in notes.values()] == ["note"], "the note typed"
            )

    try:
        asyncio.run(run())
    finally:
        resumed.close()
