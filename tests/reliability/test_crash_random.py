"""SIGKILL at points hypothesis picks: the resumed meeting holds every committed note.

tests/core/test_crash.py kills tests/core/meeting_writer.py once, after 150 notes; here the
number of notes before the kill (from none to a few items' worth) and a delay that lands the
kill inside a write vary. The writer's script is known (note I goes on item (I // 7) % 3),
so the resumed state is checked against it, not only against its own replay.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.core.state import MeetingState, Note

WRITER = Path(__file__).resolve().parents[1] / "core" / "meeting_writer.py"
ITEM_EVERY = 7
"""meeting_writer.py moves to the next item after every 7 notes."""
ITEMS = 3
"""Items in tests/conftest.py's agenda."""
TIMEOUT = 30.0


@dataclass
class Killed:
    path: Path
    printed: dict[int, int]
    """Note id -> the writer's index I (its text is "note I"), for every line printed."""


def run_and_kill(agenda_file: Path, state_home: Path, notes: int, delay: float) -> Killed:
    """Start the writer, read `notes` note lines, wait `delay`, SIGKILL it, read the rest."""
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(agenda_file)],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "XDG_STATE_HOME": str(state_home)},
    )
    assert writer.stdout is not None
    watchdog = threading.Timer(TIMEOUT, writer.kill)  # a hung writer fails, not hangs
    watchdog.start()
    printed: dict[int, int] = {}
    try:
        word, path = writer.stdout.readline().rstrip("\n").split(" ", 1)
        assert word == "ready", (word, path)
        while len(printed) < notes:
            _, note_id, index = writer.stdout.readline().split()
            printed[int(note_id)] = int(index)
        time.sleep(delay)  # lands the kill somewhere inside a write; not a synchronisation
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=TIMEOUT)
        # Through the same buffered reader: communicate() would read the raw pipe and miss
        # the lines readline() had already taken into its buffer.
        rest = writer.stdout.read()
    finally:
        watchdog.cancel()
        if writer.poll() is None:
            writer.kill()
        writer.wait(timeout=TIMEOUT)
    assert writer.returncode == -signal.SIGKILL
    for line in rest.splitlines():  # printed before the kill, still in the pipe: committed
        if line.startswith("note ") and len(line.split()) == 3:
            _, note_id, index = line.split()
            printed[int(note_id)] = int(index)
    return Killed(Path(path), printed)


def item_of(index: int) -> int:
    return (index // ITEM_EVERY) % ITEMS


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    notes=st.integers(min_value=0, max_value=3 * ITEM_EVERY * ITEMS),
    delay_ms=st.integers(min_value=0, max_value=15),
)
def test_a_kill_anywhere_loses_no_committed_note(
    agenda_file: Path, notes: int, delay_ms: int
) -> None:
    with tempfile.TemporaryDirectory() as state_home:
        killed = run_and_kill(agenda_file, Path(state_home), notes, delay_ms / 1000)
        assert len(killed.printed) >= notes
        session = Session.resume(killed.path, clock=FakeClock())
        try:
            info = session.journal.info()
            assert info.state == "running"
            state = session.meeting.state
            # Every printed note, whole, with its id and on the item the script put it on.
            for note_id, index in killed.printed.items():
                note = state.notes.get(note_id)
                assert note is not None, f"note {note_id} lost"
                assert (note.text, note.item) == (f"note {index}", item_of(index))
            assert sorted(killed.printed) == list(range(1, len(killed.printed) + 1))
            # At most the note being added when the kill landed is journaled but unprinted.
            extra = sorted(set(state.notes) - set(killed.printed))
            assert extra in ([], [len(killed.printed) + 1])
            journaled = len(state.notes)
            if journaled:
                assert state.running and state.started_at is not None
                # The last note's item, or the next one if the move after it was journaled.
                assert state.current_item in (item_of(journaled - 1), item_of(journaled))
            # The state is what the committed events replay to, clocks and floor included.
            replayed = MeetingState.replay(session.agenda, session.journal.events())
            assert replayed.events_applied == info.events
            assert [list(i.notes) for i in replayed.items] == [list(i.notes) for i in state.items]
            assert (replayed.floor, replayed.current_item) == (state.floor, state.current_item)
            assert [i.clock.total for i in replayed.items] == [i.clock.total for i in state.items]
            # And the meeting goes on from there.
            added = session.meeting.add_note("after the kill")
            assert isinstance(added, Note) and added.id == journaled + 1
        finally:
            session.close()
