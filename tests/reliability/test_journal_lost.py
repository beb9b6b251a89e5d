"""The journal deleted (or its -wal file) while the meeting runs (issue 11, case 7).

Notes kept showing as saved, ctrl+q said "The meeting is saved in …", and all of it was
gone; a view opened after the -wal file went saw 0 of 6 notes. Now the room's view says so
at once, goes on in memory, and writes the minutes it holds; a new view is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from notices import Notices
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.errors import JournalGone
from samtui.core.journal import Journal
from samtui.core.minutes import Minutes
from samtui.core.presence import ViewSlot
from samtui.core.session import Session
from samtui.ui.app import SamApp

NOTES = [f"note {number} before the loss" for number in range(1, 7)]


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


@pytest.mark.parametrize("lost", ["journal", "wal"])
async def test_the_room_says_so_at_once_and_keeps_what_it_holds(
    agenda_file: Path, lost: str
) -> None:
    clock = FakeClock()
    session = Session.start(agenda_file, clock=clock)
    notices = Notices()
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(120, 36), message_hook=notices.hook) as pilot:
            await pilot.press("f5")
            for text in NOTES:
                session.meeting.add_note(text)
            (session.path if lost == "journal" else wal_of(session.path)).unlink()
            await until(pilot, lambda: notices.told("no longer saved"), "the loss told")
            banner = app.screen.query_one("#journal-lost")
            assert banner.has_class("-shown")
            await pilot.press(*"! decided after the loss", "enter")
            assert "decided after the loss" in [
                n.text for n in session.meeting.state.notes.values()
            ]
            await until(pilot, lambda: app.rescued is not None, "the minutes written")
            await pilot.press("ctrl+q")
        assert app.rescued is not None
        minutes = Minutes.load(app.rescued)  # the last word, written at ctrl+q
        assert [n.text for n in minutes.items[0].notes] == [*NOTES, "decided after the loss"]
    finally:
        session.close()


def test_a_commit_into_a_deleted_journal_is_reported_by_append(agenda_file: Path) -> None:
    session = Session.start(agenda_file, clock=FakeClock())
    try:
        session.meeting.add_note("saved")
        session.path.unlink()
        with pytest.raises(JournalGone, match="the journal file was deleted"):
            session.journal.check_file()
        session.meeting.add_note("in memory only")  # the engine goes on in memory
        assert session.meeting.journal_lost is not None
        assert [n.text for n in session.meeting.state.notes.values()] == [
            "saved",
            "in memory only",
        ]
    finally:
        session.close()


def test_a_view_opened_after_the_wal_went_is_refused(agenda_file: Path) -> None:
    clock = FakeClock()
    session = Session.start(agenda_file, clock=clock)
    with ViewSlot.room(session.path, since=clock.now()):
        for text in NOTES:
            session.meeting.add_note(text)
        wal_of(session.path).unlink()
        with pytest.raises(JournalGone, match="-wal file is missing while the meeting is open"):
            Journal.open(session.path)
    session.close()
