"""A lock held by another program (issue 11, case 9): the screen never waits for it.

Before, each write attempt froze the screen for the 5 s busy timeout while a backup tool
held the journal's lock for 12 s. Now the app waits briefly; a note that cannot be written
yet is kept (shown as pending, and in a file beside the journal), and the notes are
journaled in the order typed once the lock is free. A key command is refused with a notice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from notices import Notices
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.journal import Journal
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.widgets.scribe import ScribePanel

LINES = ["! we go with plan B", "todo: send the deck @li", "the CFO is on board"]
NOTED = ["we go with plan B", "send the deck", "the CFO is on board"]


@contextmanager
def another_program_holds_the_lock(path: Path) -> Iterator[sqlite3.Connection]:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a write lock, held until released
    try:
        yield holder
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()


async def test_typing_goes_on_and_the_notes_land_in_order(
    session: Session, clock: FakeClock
) -> None:
    notices = Notices()
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with app.run_test(size=(120, 36), message_hook=notices.hook) as pilot:
        scribe = app.screen.query_one(ScribePanel)
        note_line = scribe.query_one("#note")
        pending = scribe.query_one("#note-pending")
        with another_program_holds_the_lock(session.path):
            for line in LINES:
                await pilot.press(*line, "enter")
                assert note_line.value == ""  # type: ignore[attr-defined]  # taken, not lost
            assert pending.has_class("-shown")
            assert session.meeting.state.notes == {}  # nothing is shown as saved
            with Journal.open(session.path, readonly=True) as reader:  # kept beside it
                assert reader.events() == []
            await pilot.press("f5")  # a key command: a notice, never a frozen screen
            assert not session.meeting.state.started
            assert notices.told("locked")
        await until(pilot, lambda: not pending.has_class("-shown"), "the pending notes saved")
        assert [n.text for n in session.meeting.state.notes.values()] == NOTED


async def test_pending_notes_survive_a_crash_while_the_lock_is_held(
    agenda_file: Path, clock: FakeClock
) -> None:
    session = Session.start(agenda_file, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    with another_program_holds_the_lock(session.path):
        async with app.run_test(size=(120, 36)) as pilot:
            for line in LINES[:2]:
                await pilot.press(*line, "enter")
        session.close()  # the window is gone (as if killed) while the lock is still held
    resumed = Session.resume(session.path, clock=clock)
    app = SamApp(resumed, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await until(
                pilot,
                lambda: [n.text for n in resumed.meeting.state.notes.values()] == NOTED[:2],
                "the kept notes journaled by the next run",
            )
    finally:
        resumed.close()
