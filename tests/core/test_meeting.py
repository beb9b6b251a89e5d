from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from samtui.core.agenda import Agenda
from samtui.core.clock import FakeClock
from samtui.core.meeting import Meeting, Refused, Why
from samtui.core.notes import NoteError
from samtui.core.sinks import MemorySink
from samtui.core.state import MeetingState, Note


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys, samtui.core.meeting, samtui.core.minutes, samtui.core.turns, "
        "samtui.core.notes, samtui.core.agenda, samtui.core.events, samtui.core.clock; "
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_three_hour_meeting_with_pauses_is_exact(meeting: Meeting, clock: FakeClock) -> None:
    meeting.toggle_clock()  # start
    clock.advance(600)
    assert meeting.give_floor("li") is None
    clock.advance(45 * 60)
    meeting.toggle_clock()  # pause
    clock.advance(20 * 60)  # a break: no clock runs
    meeting.toggle_clock()  # resume
    clock.advance(15 * 60)
    meeting.go_to_item(1, force=True)
    clock.advance(3600 + 7)
    state = meeting.state
    offset = meeting.offset
    assert state.meeting_elapsed(offset) == 600 + 45 * 60 + 15 * 60 + 3607
    assert state.item_elapsed(0, offset) == 600 + 45 * 60 + 15 * 60
    assert state.item_elapsed(1, offset) == 3607
    assert state.talk_seconds("li", offset) == 60 * 60  # the pause is not talk
    assert state.floor is None  # entering an item ends the turn


def test_clock_does_not_run_before_start(meeting: Meeting, clock: FakeClock) -> None:
    clock.advance(300)
    assert meeting.state.meeting_elapsed(meeting.offset) == 0
    meeting.toggle_clock()
    clock.advance(1.5)
    assert meeting.state.meeting_elapsed(meeting.offset) == pytest.approx(1.5)


def test_round_item_refuses_to_pass_silently(meeting: Meeting) -> None:
    meeting.toggle_clock()
    meeting.give_floor("dana")
    refused = meeting.next_item()
    assert isinstance(refused, Refused)
    assert refused.unheard == ("li", "marco", "renee")
    assert "not heard" in refused.message and "Renée Dubois" in refused.message
    assert meeting.state.current_item == 0
    assert meeting.next_item(force=True) is None
    assert meeting.state.current_item == 1


def test_discussion_item_moves_on_without_a_warning(meeting: Meeting) -> None:
    meeting.go_to_item(1, force=True)
    assert meeting.next_item() is None
    assert meeting.next_item() == Refused("this is the last item", Why.LAST_ITEM)
    assert meeting.previous_item() is None
    assert meeting.state.current_item == 1


def test_next_turn_in_a_round_follows_agenda_order(meeting: Meeting) -> None:
    meeting.set_present("li", False)
    picks = []
    while not isinstance(pick := meeting.next_turn(), Refused):
        picks.append(pick)
    assert picks == ["dana", "marco", "renee"]
    assert pick == Refused("everyone present has been heard on this item", Why.EVERYONE_HEARD)
    assert meeting.state.unheard_on_item() == []


def test_next_turn_in_a_discussion_prefers_the_unheard_with_least_talk(
    meeting: Meeting, clock: FakeClock
) -> None:
    meeting.toggle_clock()
    for who, seconds in (("dana", 60), ("li", 10), ("marco", 30), ("renee", 5)):
        meeting.give_floor(who)
        clock.advance(seconds)
    meeting.go_to_item(1, force=True)
    meeting.give_floor("renee")
    clock.advance(100)
    # Not heard on item 1: dana, li, marco; least talk among them is li.
    assert meeting.next_turn() == "li"
    clock.advance(100)
    assert meeting.next_turn() == "marco"
    assert meeting.next_turn() == "dana"
    # Everyone heard: least talk overall, not the holder (dana).
    assert meeting.next_turn() == "marco"


def test_absent_attendees_are_never_picked_and_cannot_take_the_floor(meeting: Meeting) -> None:
    meeting.give_floor("dana")
    meeting.set_present("dana", False)
    assert meeting.state.floor is None
    assert meeting.give_floor("dana") == Refused("Dana Whitfield is marked absent", Why.ABSENT)
    assert meeting.give_floor("zed") == Refused('"zed" is not an attendee', Why.NOT_ATTENDEE)
    assert meeting.next_turn() == "li"
    assert "dana" not in meeting.state.unheard()


def test_giving_the_floor_ends_the_previous_turn(meeting: Meeting, clock: FakeClock) -> None:
    meeting.toggle_clock()
    meeting.give_floor("dana")
    clock.advance(30)
    meeting.give_floor("li")
    clock.advance(12)
    offset = meeting.offset
    assert meeting.state.talk_seconds("dana", offset) == 30
    assert meeting.state.turn_seconds(offset) == 12
    assert meeting.state.attendees["li"].turns == 1
    assert meeting.release_floor() is None
    assert meeting.release_floor() == Refused("nobody has the floor", Why.NO_FLOOR)


def test_notes_land_on_the_current_item(meeting: Meeting) -> None:
    meeting.give_floor("marco")
    action = meeting.add_note("todo: send deck due:2026-12-10")
    assert isinstance(action, Note)
    assert (action.owner, action.due, action.item) == ("marco", date(2026, 12, 10), 0)
    meeting.release_floor()
    unowned = meeting.add_note("todo: book the venue")
    assert isinstance(unowned, Note) and unowned.owner is None
    meeting.go_to_item(2, force=True)
    meeting.add_note("park: invoice dispute")
    meeting.add_note("! go")
    assert [n.kind for n in meeting.state.item_notes(0)] == ["action", "action"]
    assert [n.text for n in meeting.state.item_notes()] == ["invoice dispute", "go"]
    assert [n.text for n in meeting.state.parking_lot()] == ["invoice dispute"]
    assert len(meeting.state.actions()) == 2


def test_amend_and_remove_the_last_note(meeting: Meeting) -> None:
    assert meeting.add_note("s/a/b/") == NoteError("no note to amend yet")
    meeting.add_note("revenue up in Q3")
    amended = meeting.add_note("s/Q3/Q4/")
    assert isinstance(amended, Note) and amended.text == "revenue up in Q4"
    assert meeting.add_note("s/Q9/Q1/") == NoteError('"Q9" is not in the last note')
    assert meeting.add_note("s/revenue up in Q4//") == NoteError("that would leave the note empty")
    assert meeting.remove_note() is None
    assert meeting.state.notes == {}
    again = meeting.add_note("fresh")
    assert isinstance(again, Note) and again.id == 2  # ids are never reused


def test_bad_line_changes_nothing(meeting: Meeting, sink: MemorySink) -> None:
    assert meeting.add_note("todo: x @nobody") == NoteError('no attendee matches "@nobody"')
    assert sink.log == []


def test_added_time_moves_the_schedule(meeting: Meeting, clock: FakeClock) -> None:
    meeting.toggle_clock()
    clock.advance(60)
    before = meeting.state.schedule_delta(meeting.offset)
    meeting.add_time()
    assert meeting.state.items[0].budget_seconds == 15 * 60
    assert meeting.state.schedule_delta(meeting.offset) == before + 300


def test_schedule_delta_counts_overtime(meeting: Meeting, clock: FakeClock) -> None:
    meeting.toggle_clock()
    clock.advance(15 * 60)  # item 0 has 10 minutes
    assert meeting.state.schedule_delta(meeting.offset) == 5 * 60


def test_ended_meeting_refuses_changes(meeting: Meeting, clock: FakeClock) -> None:
    meeting.toggle_clock()
    clock.advance(10)
    meeting.end()
    clock.advance(100)
    assert meeting.state.meeting_elapsed(meeting.offset) == 10
    assert meeting.toggle_clock() == Refused("the meeting has ended", Why.ENDED)
    assert meeting.add_note("late") == Refused("the meeting has ended", Why.ENDED)


def test_resume_carries_on_from_the_journal(agenda: Agenda, clock: FakeClock) -> None:
    sink = MemorySink()
    live = Meeting(agenda, sink, clock)
    live.toggle_clock()
    live.give_floor("li")
    clock.advance(100)
    live.add_note("hello")
    clock.advance(50)  # the laptop is closed for 50 s while the meeting goes on
    resumed = Meeting(agenda, sink, clock, history=sink.log)
    assert resumed.offset == pytest.approx(live.offset)
    assert resumed.state.meeting_elapsed(resumed.offset) == pytest.approx(150)
    assert [n.text for n in resumed.state.item_notes()] == ["hello"]


def test_amending_an_action_can_change_its_owner_and_due(meeting: Meeting) -> None:
    meeting.add_note("todo: open a unit in Osaka @li due:2026-12-01")
    amended = meeting.add_note("s/Osaka/Kyoto @renee due:2027-01-15/")
    assert isinstance(amended, Note)
    assert (amended.text, amended.owner, amended.due) == (
        "open a unit in Kyoto",
        "renee",
        date(2027, 1, 15),
    )
    assert meeting.add_note("s/Kyoto/Nara @zed/") == NoteError('no attendee matches "@zed"')
    replayed = MeetingState.replay(meeting.agenda, meeting.sink.events())
    assert replayed.notes[amended.id].owner == "renee"


def test_who_was_not_heard_on_an_item_is_kept_when_they_leave(
    meeting: Meeting, clock: FakeClock
) -> None:
    from samtui.core.minutes import Minutes

    meeting.toggle_clock()
    meeting.give_floor("dana")
    clock.advance(60)
    assert meeting.state.item_unheard(0, meeting.offset) == ["li", "marco", "renee"]
    meeting.next_item(force=True)  # warned: li, marco and renee were not heard
    meeting.set_present("renee", False)  # renee leaves during the next item
    meeting.end()
    minutes = Minutes.from_state(meeting.state, meeting.offset, agenda_path="a.toml")
    assert minutes.items[0].unheard == ["li", "marco", "renee"]
    assert minutes.items[1].unheard == ["dana", "li", "marco"]
    assert minutes.items[2].unheard == []  # never reached
    replayed = MeetingState.replay(meeting.agenda, meeting.sink.events())
    assert replayed.items[0].unheard_when_left == ["li", "marco", "renee"]
