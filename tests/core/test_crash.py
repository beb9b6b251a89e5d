"""Issue 3: a meeting killed mid-stream resumes with every note it ever showed.

`meeting_writer.py` holds a meeting in a child process and prints each note after
`Meeting.add_note` returns; the test kills it and resumes the session from the journal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.core.state import MeetingState, Note

WRITER = Path(__file__).with_name("meeting_writer.py")
READ_TIMEOUT = 30.0


@pytest.fixture(autouse=True)
def _same_state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parent and writer must agree on where sessions live."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@dataclass
class Killed:
    """What the writer printed before it died, and where its journal is."""

    path: Path
    printed: dict[int, str]
    """Note id -> the text that was added under it."""
    returncode: int


def hold_and_kill(agenda_file: Path, state_home: Path, notes: int, sig: signal.Signals) -> Killed:
    """Run the writer until it has printed `notes` notes, send `sig`, collect every line."""
    env = {**os.environ, "XDG_STATE_HOME": str(state_home)}
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(agenda_file)],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    assert writer.stdout is not None
    printed: dict[int, str] = {}
    watchdog = threading.Timer(READ_TIMEOUT, writer.kill)  # a hung writer fails, not hangs
    watchdog.start()
    try:
        word, path = writer.stdout.readline().rstrip("\n").split(" ", 1)
        assert word == "ready", f"writer said {word!r} {path!r}"
        while len(printed) < notes:
            line = writer.stdout.readline()
            assert line.startswith("note "), f"writer said {line!r}"
            _, note_id, index = line.split()
            printed[int(note_id)] = f"note {index}"
        os.kill(writer.pid, sig)
        rest, _ = writer.communicate(timeout=READ_TIMEOUT)
    finally:
        watchdog.cancel()
        if writer.poll() is None:
            writer.kill()
        writer.wait(timeout=READ_TIMEOUT)
    # Lines already in the pipe when the signal landed were printed too: they count.
    for line in rest.splitlines():
        if line.startswith("note ") and len(line.split()) == 3:
            _, note_id, index = line.split()
            printed[int(note_id)] = f"note {index}"
    return Killed(Path(path), printed, writer.returncode)


def assert_resumes_whole(killed: Killed) -> None:
    session = Session.resume(killed.path, clock=FakeClock())
    try:
        assert session.journal.info().state == "running"
        resumed = session.meeting.state
        notes = {note.id: note.text for note in resumed.notes.values()}
        for note_id, text in killed.printed.items():
            assert notes.get(note_id) == text, f"note {note_id} lost or changed"
        # At most the note being added when the signal landed is journaled but unprinted.
        assert len(notes) - len(killed.printed) in (0, 1)
        assert sorted(notes) == list(range(1, len(notes) + 1))

        replayed = MeetingState.replay(session.agenda, session.journal.events())
        assert {i: n.text for i, n in replayed.notes.items()} == notes
        assert [list(item.notes) for item in replayed.items] == [
            list(item.notes) for item in resumed.items
        ]
        assert replayed.floor == resumed.floor
        assert replayed.current_item == resumed.current_item
        assert {a: s.turns for a, s in replayed.attendees.items()} == {
            a: s.turns for a, s in resumed.attendees.items()
        }
        assert replayed.running == resumed.running is True
        assert sum(s.turns for s in resumed.attendees.values()) > 0
        assert sum(1 for item in resumed.items if item.notes) > 1  # items were changed

        # The resumed meeting goes on where it stopped.
        added = session.meeting.add_note("after the crash")
        assert isinstance(added, Note) and added.id == len(notes) + 1
    finally:
        session.close()


def test_every_printed_note_survives_sigkill(agenda_file: Path, tmp_path: Path) -> None:
    killed = hold_and_kill(agenda_file, tmp_path / "state", 150, signal.SIGKILL)
    assert killed.returncode == -signal.SIGKILL
    assert len(killed.printed) >= 150
    assert_resumes_whole(killed)


def test_sigterm_leaves_a_resumable_session(agenda_file: Path, tmp_path: Path) -> None:
    killed = hold_and_kill(agenda_file, tmp_path / "state", 40, signal.SIGTERM)
    assert killed.returncode == -signal.SIGTERM
    assert_resumes_whole(killed)
