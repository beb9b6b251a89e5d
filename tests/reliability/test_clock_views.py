"""Every view of a session reads the same meeting time, whatever the wall clock does
(issue 11, cases 5 and 6).

Each process used to take the last event's offset plus the wall-clock gap: after the wall
clock jumped 30 minutes while the monotonic clock did not (a laptop suspend, a clock set
by hand), the room showed "Meeting 00:13" and a newly joined view "30:13", and the minutes
said the meeting ran 19 s while its first item ran 1815 s. Views now share the session's
anchor on the machine's boot clock; events' wall times follow from it.
"""

from __future__ import annotations

from pathlib import Path

from samtui.core.clock import FakeClock
from samtui.core.meeting import Meeting
from samtui.core.session import Session
from samtui.core.sinks import MemorySink
from samtui.core.state import MeetingState


def test_a_view_joined_after_a_wall_clock_jump_reads_the_same_time(agenda_file: Path) -> None:
    clock = FakeClock()
    room = Session.start(agenda_file, clock=clock)
    try:
        room.meeting.toggle_clock()
        clock.advance(13)
        clock.jump_wall(30 * 60)  # the wall clock jumps; the boot clock does not
        scribe = Session.resume(room.path, clock=clock)
        try:
            assert scribe.meeting.offset == room.meeting.offset == 13
            assert scribe.meeting.next_item(force=True) is None  # the scribe's ctrl+n twice
            clock.advance(6)
            room.meeting.add_note("after the jump")
            room.meeting.end()
        finally:
            scribe.close()
        minutes = room.minutes()
    finally:
        room.close()
    meeting = minutes.meeting
    assert meeting.actual_seconds == 19
    assert [item.actual_seconds for item in minutes.items] == [13, 6, 0]
    assert meeting.started_at is not None and meeting.ended_at is not None
    assert (meeting.ended_at - meeting.started_at).total_seconds() == 19


def test_durations_never_exceed_the_wall_time_between_start_and_end(
    agenda_file: Path,
) -> None:
    clock = FakeClock()
    session = Session.start(agenda_file, clock=clock)
    try:
        session.meeting.toggle_clock()
        session.meeting.give_floor("li")
        clock.advance(600)
        clock.jump_wall(-20 * 60)  # set back by hand, by more than the meeting has run
        clock.advance(300)
        session.meeting.end()
        minutes = session.minutes()
    finally:
        session.close()
    meeting = minutes.meeting
    assert meeting.started_at is not None and meeting.ended_at is not None
    span = (meeting.ended_at - meeting.started_at).total_seconds()
    assert meeting.actual_seconds == 900 == span
    assert max(a.talk_seconds for a in minutes.attendees) <= span
    assert max(i.actual_seconds for i in minutes.items) <= span


def test_views_on_one_boot_agree_to_the_millisecond(agenda_file: Path) -> None:
    clock = FakeClock()
    sink = MemorySink()
    room = Meeting(Session.start(agenda_file, clock=clock).agenda, sink, clock)
    room.toggle_clock()
    for step in (0.25, 7.5, 120.0):
        clock.advance(step)
        clock.jump_wall(step * 3)
        joined = Meeting(room.agenda, sink, clock, history=sink.events())
        assert joined.offset == room.offset


def test_after_a_reboot_the_wall_clock_bridges_the_gap(agenda_file: Path) -> None:
    """Another boot (or machine) shares no clock: the meeting went on while the laptop was
    off, as far as the wall clock says, and the views then agree again."""
    clock = FakeClock()
    room = Session.start(agenda_file, clock=clock)
    room.meeting.toggle_clock()
    clock.advance(60)
    room.meeting.add_note("before the reboot")
    room.close()
    clock.reboot("second-boot", downtime=240)
    resumed = Session.resume(room.path, clock=clock)
    joined = Session.resume(room.path, clock=clock)
    try:
        assert resumed.meeting.offset == joined.meeting.offset == 300
    finally:
        resumed.close()
        joined.close()


def test_a_resume_long_after_the_last_event_asks_and_records_the_answer(
    agenda_file: Path,
) -> None:
    clock = FakeClock()
    room = Session.start(agenda_file, clock=clock)
    room.meeting.toggle_clock()
    clock.advance(5)
    room.meeting.give_floor("dana")
    clock.advance(60)
    room.meeting.add_note("the last note before the crash")
    room.close()  # as if killed: the clock was running
    clock.advance(72 * 3600)  # three days later

    gone_on = Session.resume(room.path, clock=clock)
    try:
        gap = gone_on.meeting.unrecorded_gap()
        assert gap == 72 * 3600  # longer than the 60 minutes planned: ask
        assert gone_on.meeting.settle_gap(counted=False) is None
        state = gone_on.meeting.state
        offset = gone_on.meeting.offset
        assert state.meeting_elapsed(offset) == 65
        assert state.talk_seconds("dana", offset) == 60
        assert gone_on.meeting.unrecorded_gap() is None  # asked once
        events = gone_on.journal.events()
    finally:
        gone_on.close()
    assert events[-1].event == "clock_gap"
    replayed = MeetingState.replay(gone_on.agenda, events)
    assert replayed.meeting_elapsed(replayed.last_offset) == 65  # the answer is in the journal


def test_a_meeting_that_went_on_counts_the_gap(agenda_file: Path) -> None:
    clock = FakeClock()
    room = Session.start(agenda_file, clock=clock)
    room.meeting.toggle_clock()
    clock.advance(65)
    room.meeting.add_note("the last note")
    room.close()
    clock.advance(2 * 3600)
    resumed = Session.resume(room.path, clock=clock)
    try:
        assert resumed.meeting.unrecorded_gap() == 2 * 3600
        assert resumed.meeting.settle_gap(counted=True) is None
        state = resumed.meeting.state
        assert state.meeting_elapsed(resumed.meeting.offset) == 65 + 2 * 3600
    finally:
        resumed.close()


def test_a_short_gap_or_a_paused_clock_asks_nothing(agenda_file: Path) -> None:
    clock = FakeClock()
    room = Session.start(agenda_file, clock=clock)
    room.meeting.toggle_clock()
    clock.advance(30 * 60)  # half the planned hour: the meeting plainly went on
    room.close()
    short = Session.resume(room.path, clock=clock)
    assert short.meeting.unrecorded_gap() is None
    short.meeting.pause()  # ctrl+q pauses the clock
    short.close()
    clock.advance(72 * 3600)
    paused = Session.resume(room.path, clock=clock)
    try:
        assert paused.meeting.unrecorded_gap() is None
    finally:
        paused.close()


async def test_the_room_is_asked_at_resume_and_its_answer_is_kept(agenda_file: Path) -> None:
    from samtui.ui.app import SamApp
    from samtui.ui.screens.gap import GapQuestion
    from samtui.ui.screens.meeting import MeetingScreen

    clock = FakeClock()
    room = Session.start(agenda_file, clock=clock)
    room.meeting.toggle_clock()
    clock.advance(65)
    room.meeting.add_note("the last note before the crash")
    room.close()
    clock.advance(72 * 3600)
    resumed = Session.resume(room.path, clock=clock)
    app = SamApp(resumed, clock=clock, ring_bell=False)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, GapQuestion)
            await pilot.press("n")
            assert isinstance(app.screen, MeetingScreen)
            state = resumed.meeting.state
            assert state.meeting_elapsed(resumed.meeting.offset) == 65
    finally:
        resumed.close()
    again = Session.resume(room.path, clock=clock)
    try:
        assert again.meeting.unrecorded_gap() is None
    finally:
        again.close()
