"""Several views of one meeting: one journal, one order, no command applied twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from samtui.core.agenda import Agenda
from samtui.core.clock import FakeClock
from samtui.core.journal import Journal
from samtui.core.meeting import Meeting, Refused, Why
from samtui.core.session import Session
from samtui.core.sinks import MemorySink
from samtui.core.state import MeetingState, Note


def _views(agenda: Agenda, clock: FakeClock) -> tuple[Meeting, Meeting, MemorySink]:
    sink = MemorySink()
    return Meeting(agenda, sink, clock), Meeting(agenda, sink, clock), sink


def test_a_note_written_in_one_view_appears_in_the_other(agenda: Agenda, clock: FakeClock) -> None:
    room, scribe, _ = _views(agenda, clock)
    scribe.add_note("! we lead with the platform")
    assert room.state.notes == {}
    assert room.sync() == 1
    assert [n.text for n in room.state.notes.values()] == ["we lead with the platform"]


def test_next_item_from_two_views_moves_once(agenda: Agenda, clock: FakeClock) -> None:
    moderator, timekeeper, sink = _views(agenda, clock)
    moderator.go_to_item(1, force=True)
    timekeeper.sync()
    seen = timekeeper.state.last_seq
    # Both press "next item" having seen item 2; the moderator's lands first.
    assert moderator.next_item(seen=seen) is None
    refused = timekeeper.next_item(seen=seen)
    assert refused == Refused("another view has just moved to item 3: Actions", Why.STALE)
    assert moderator.state.current_item == timekeeper.state.current_item == 2
    assert [e.event for e in sink.log].count("item_entered") == 2


def test_next_turn_and_clock_carry_what_the_view_saw(agenda: Agenda, clock: FakeClock) -> None:
    one, two, _ = _views(agenda, clock)
    assert one.next_turn(seen=0) == "dana"
    assert two.next_turn(seen=0) == Refused(
        "another view has just given the floor to Dana Whitfield", Why.STALE
    )
    assert one.toggle_clock(seen=1) is None
    assert two.toggle_clock(seen=1) == Refused(
        "another view has just started the meeting", Why.STALE
    )
    assert two.state.running


def test_writes_that_do_not_depend_on_state_are_retried_not_lost(
    agenda: Agenda, clock: FakeClock
) -> None:
    one, two, sink = _views(agenda, clock)
    one.add_note("first")
    note = two.add_note("second")  # two was behind: it catches up and appends
    assert isinstance(note, Note) and note.id == 2
    one.sync()
    assert [n.text for n in one.state.notes.values()] == ["first", "second"]
    assert [e.seq for e in sink.log] == [1, 2]


def test_a_viewer_cannot_change_the_meeting(agenda: Agenda, clock: FakeClock) -> None:
    sink = MemorySink()
    viewer = Meeting(agenda, sink, clock, readonly=True)
    refused = Refused("this view only follows the meeting: it cannot change it", Why.READ_ONLY)
    assert viewer.toggle_clock() == refused
    assert viewer.next_turn() == refused
    assert viewer.add_note("x") == refused
    assert sink.log == []


def test_a_viewer_session_follows_the_journal(agenda_file: Path, clock: FakeClock) -> None:
    room = Session.start(agenda_file, clock=clock)
    viewer = Session.resume(room.path, clock=clock, readonly=True)
    version = viewer.journal.data_version()
    room.meeting.add_note("hello")
    assert viewer.journal.data_version() != version
    viewer.meeting.sync()
    assert [n.text for n in viewer.meeting.state.notes.values()] == ["hello"]
    viewer.close()
    room.close()


WRITER = """
import sys
from samtui.core.clock import SystemClock
from samtui.core.session import Session
session = Session.resume(sys.argv[1], clock=SystemClock())
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[2])):
    session.meeting.add_note(f"{sys.argv[3]} {i}")
session.close()
"""


def test_two_processes_append_a_thousand_notes_each(agenda_file: Path, clock: FakeClock) -> None:
    room = Session.start(agenda_file, clock=clock)
    room.close()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(room.path), "1000", name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("moderator", "scribe")
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    for writer in writers:  # both start together
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    with Journal.open(room.path) as journal:
        events = journal.events()
    assert [e.seq for e in events] == list(range(1, 2001))
    state = MeetingState.replay(room.agenda, events)
    texts = [n.text for n in state.notes.values()]
    assert len(texts) == 2000 and len(set(texts)) == 2000
    for name in ("moderator", "scribe"):
        mine = [t for t in texts if t.startswith(name)]
        assert mine == [f"{name} {i}" for i in range(1000)]
    assert sorted(state.notes) == list(range(1, 2001))  # note ids: one each, none reused
