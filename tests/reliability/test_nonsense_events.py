"""Journals whose events make no sense (issue 11, case 15): each is reported as damage at
its sequence number by resume and join, in one line with exit status 2, never a traceback;
export writes the minutes of what came before it; sessions lists the file.

Each journal is a real meeting written through the engine, then one row edited or added
with SQLite as a hand, a bad disk or another program would.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from samtui.core.clock import FakeClock
from samtui.core.minutes import Minutes
from samtui.core.session import Session

TIMEOUT = 60.0
GOOD_NOTES = ["we keep the term", "the CFO signs", "Li owns pricing"]


def written_meeting(review_file: Path) -> Path:
    """A closed session: the clock started, then three notes (events 1 to 4)."""
    clock = FakeClock()
    session = Session.start(review_file, clock=clock, new=True)
    try:
        session.meeting.toggle_clock()
        for text in GOOD_NOTES:
            clock.advance(30)
            session.meeting.add_note(text)
    finally:
        session.close()
    return session.path


# (id, kind, data JSON, offset, what the one line must say)
NONSENSE = [
    (
        "note-on-item-999",
        "note_added",
        '{"note":4,"item":998,"kind":"point","text":"x"}',
        200.0,
        "note_added: the agenda has no item 999",
    ),
    (
        "due-soon",
        "note_added",
        '{"note":4,"item":0,"kind":"action","text":"x","due":"soon"}',
        200.0,
        "due:",
    ),
    (
        "note-without-id",
        "note_added",
        '{"item":0,"kind":"point","text":"x"}',
        200.0,
        "note: field required",
    ),
    ("list-as-data", "note_added", "[1, 2, 3]", 200.0, "its data is a list"),
    (
        "evil-stance",
        "stakeholder_changed",
        '{"stakeholder":0,"field":"stance","before":"neutral","after":"evil"}',
        200.0,
        'stance is one of advocate, neutral, opponent, unknown (not "evil")',
    ),
    (
        "negative-time",
        "time_added",
        '{"item":0,"seconds":-300}',
        200.0,
        "seconds: input should be greater than 0",
    ),
    ("infinite-offset", "paused", "{}", float("inf"), "offset: input should be a finite number"),
    ("unknown-kind", "teleported", "{}", 200.0, "unknown kind of event 'teleported'"),
    (
        "note-twice",
        "note_added",
        '{"note":2,"item":0,"kind":"point","text":"again"}',
        200.0,
        "note 2 is already in the meeting",
    ),
    ("amend-nothing", "note_amended", '{"note":77,"text":"x"}', 200.0, "there is no note 77"),
    (
        "stranger-floor",
        "floor_given",
        '{"attendee":"mallory"}',
        200.0,
        '"mallory" is not an attendee of this meeting',
    ),
]


def add_row(path: Path, kind: str, data: str, offset: float) -> int:
    raw = sqlite3.connect(path)
    try:
        cursor = raw.execute(
            'INSERT INTO events (kind, at, "offset", data) VALUES (?, ?, ?, ?)',
            (kind, "2026-12-03T14:05:00+00:00", offset, data),
        )
        raw.commit()
        assert cursor.lastrowid is not None
        return cursor.lastrowid
    finally:
        raw.close()


def samtui(state: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "samtui", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={"XDG_STATE_HOME": str(state), "PATH": "/usr/bin:/bin", "TERM": "dumb"},
        check=False,
    )


@pytest.mark.parametrize(
    ("kind", "data", "offset", "said"),
    [case[1:] for case in NONSENSE],
    ids=[case[0] for case in NONSENSE],
)
def test_a_senseless_event_is_damage_at_its_number(
    review_file: Path, tmp_path: Path, kind: str, data: str, offset: float, said: str
) -> None:
    state = Path(os.environ["XDG_STATE_HOME"])  # tests/conftest.py: a folder per test
    path = written_meeting(review_file)
    seq = add_row(path, kind, data, offset)
    assert seq == 5
    for command in (["resume", str(path)], ["join", str(path), "--as", "scribe"]):
        result = samtui(state, *command)
        assert result.returncode == 2, (command, result.stderr)
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"{path}: event 5: the journal is damaged ("), line
        assert said in line, line
        assert "Traceback" not in result.stderr

    out = tmp_path / "minutes.toml"
    exported = samtui(state, "export", str(path), "--out", str(out))
    assert exported.returncode == 2, exported.stderr
    assert exported.stdout == f"Minutes written to {out}\n"
    (line,) = exported.stderr.splitlines()
    assert line.endswith("the minutes hold the meeting up to event 4"), line
    minutes = Minutes.load(out)
    assert [note.text for note in minutes.items[0].notes] == GOOD_NOTES

    listed = samtui(state, "sessions")
    assert listed.returncode == 0 and path.stem in listed.stdout


def test_a_damaged_session_opens_read_only_for_export_only(review_file: Path) -> None:
    path = written_meeting(review_file)
    add_row(path, "note_added", '{"note":4,"item":998,"kind":"point","text":"x"}', 200.0)
    with pytest.raises(Exception, match="event 5"):
        Session.resume(path, clock=FakeClock())
    session = Session.resume(path, clock=FakeClock(), tolerate_damage=True)
    try:
        assert session.damage is not None and session.damage.seq == 5
        assert session.meeting.readonly  # nothing may be added after the damage
        assert [n.text for n in session.meeting.state.notes.values()] == GOOD_NOTES
    finally:
        session.close()


async def test_nonsense_written_by_another_program_while_the_meeting_runs(
    review_file: Path,
) -> None:
    from notices import Notices
    from waiting import until

    from samtui.ui.app import SamApp

    clock = FakeClock()
    session = Session.start(review_file, clock=clock)
    notices = Notices()
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(120, 36), message_hook=notices.hook) as pilot:
            await pilot.press("f5")
            add_row(session.path, "floor_given", '{"attendee":"mallory"}', 200.0)
            await until(pilot, lambda: notices.told("event 2: the journal is damaged"), "told")
            await pilot.press("ctrl+t")  # a command now: refused with the same words, no crash
            await pilot.pause()
            assert app.is_running
            assert session.meeting.state.floor is None
    finally:
        session.close()
