"""One room view per session, one draft per view (issue 11, case 4).

`samtui resume` of a session still open in another terminal was not refused: both windows
loaded the same unsent line (Enter in both made the note twice), each window's draft
autosave overwrote the other's, ctrl+q in one paused the clock for the other; two `join
--as scribe` views shared one draft the same way. Views are held by real processes here
(a lock the kernel drops when the process dies, kill -9 included).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from samtui import cli
from samtui.core.clock import FakeClock
from samtui.core.journal import Journal
from samtui.core.presence import ViewSlot, count_by_role, open_views
from samtui.core.session import Session

TIMEOUT = 60.0
NOW = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
HOLDER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from samtui.core.presence import ViewSlot
path, role = Path(sys.argv[1]), sys.argv[2]
now = datetime.now(UTC)
slot = ViewSlot.room(path, since=now) if role == "room" else ViewSlot.join(path, role, since=now)
print(slot.slot, flush=True)
sys.stdin.read()
"""


def a_session(agenda_file: Path) -> Path:
    session = Session.start(agenda_file, clock=FakeClock())
    session.meeting.toggle_clock()
    session.save_draft("todo: the room's half line")
    session.close()
    return session.path


def hold(path: Path, role: str) -> tuple[subprocess.Popen[str], str]:
    """Another process holding a view of the session, until it is killed."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), role],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    slot = holder.stdout.readline().strip()
    assert slot, "the holder never took a slot"
    return holder, slot


def kill(holder: subprocess.Popen[str]) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=TIMEOUT)


def test_resume_of_a_session_open_elsewhere_is_refused_naming_join(
    agenda_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = a_session(agenda_file)
    holder, slot = hold(path, "room")
    try:
        assert slot == "room"
        assert cli.main(["resume", path.stem]) == 2
        err = capsys.readouterr().err
        (line,) = err.splitlines()
        assert line.startswith(f"{path.stem}: this meeting is already open in another window")
        assert f"(process {holder.pid}, since " in line
        assert line.endswith(f"another view opens with  samtui join {path.stem} --as moderator")
        with Journal.open(path, readonly=True) as journal:
            assert journal.draft() == "todo: the room's half line"  # untouched
    finally:
        kill(holder)
    # Its process gone (kill -9), the room's view is free again.
    with ViewSlot.room(path, since=NOW) as slot_again:
        assert slot_again.slot == "room"


def test_two_scribes_get_two_slots_and_two_drafts(agenda_file: Path) -> None:
    path = a_session(agenda_file)
    first, first_slot = hold(path, "scribe")
    second, second_slot = hold(path, "scribe")
    try:
        assert (first_slot, second_slot) == ("scribe", "scribe-2")
        assert count_by_role(path) == {"scribe": 2}
        assert [v.slot for v in open_views(path)] == ["scribe", "scribe-2"]
    finally:
        kill(first)
    assert count_by_role(path) == {"scribe": 1}
    # A scribe who comes back gets the first free slot: the one whose draft was theirs.
    with ViewSlot.join(path, "scribe", since=NOW) as back:
        assert back.slot == "scribe"
    kill(second)
    assert open_views(path) == []


async def test_each_view_keeps_its_own_draft_through_kill_9(agenda_file: Path) -> None:
    """Two scribes type different lines; each line is saved under its own slot."""
    from samtui.ui.app import SamApp

    path = a_session(agenda_file)
    clock = FakeClock()
    typed = {"scribe": "todo: first scribe's line", "scribe-2": "! second scribe's line"}
    for slot, line in typed.items():
        session = Session.resume(path, clock=clock)
        app = SamApp(session, clock=clock, ring_bell=False, role="scribe", slot=slot)
        try:
            async with app.run_test(size=(120, 36)) as pilot:
                await pilot.press(*line)
                app.save_draft()  # the periodic save, as a kill -9 would find it
        finally:
            session.close()
    with Journal.open(path, readonly=True) as journal:
        assert journal.draft("scribe") == typed["scribe"]
        assert journal.draft("scribe-2") == typed["scribe-2"]
        assert journal.draft() == "todo: the room's half line"


def test_joined_writing_views_are_in_the_journal_and_the_minutes(
    agenda_file: Path, tmp_path: Path
) -> None:
    from samtui.core.vocabulary import ViewRole

    path = a_session(agenda_file)
    session = Session.resume(path, clock=FakeClock())
    role: ViewRole = "scribe"
    try:
        session.meeting.view_joined("scribe", role, "ssh 192.0.2.7")
        session.meeting.add_note("typed remotely")
        session.meeting.view_left("scribe")
        minutes = session.minutes()
    finally:
        session.close()
    assert minutes.views is not None
    assert [(v.role, v.where) for v in minutes.views] == [("scribe", "ssh 192.0.2.7")]
    assert minutes.views[0].left_at is not None
