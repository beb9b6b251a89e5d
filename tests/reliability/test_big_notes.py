"""Big input: a 1 MB note line typed into the note line, and 10,000 notes on one item.

Both go through the screen (the note line and Enter; the meeting screen opening on them and
scrolling) and come out whole in the journal and the minutes. How long they take is the
benchmark's business (tests/perf/bench.py), not a threshold here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Input, OptionList

from samtui.core.clock import FakeClock
from samtui.core.events import encode
from samtui.core.meeting import Meeting
from samtui.core.minutes import Minutes
from samtui.core.session import Session
from samtui.core.sinks import MemorySink
from samtui.ui.app import SamApp
from samtui.ui.widgets.scribe import EARLIER_STEP, SHOWN_NOTES

MEGABYTE_NOTE = ("lorem ipsum dolor sit amet " * 40_000)[:999_996] + " end"
MANY = 10_000


async def test_a_megabyte_note_line_is_kept_whole(
    agenda_file: Path, clock: FakeClock, tmp_path: Path
) -> None:
    assert len(MEGABYTE_NOTE) == 1_000_000
    session = Session.start(agenda_file, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f5")
            note_line = app.screen.query_one("#note", Input)
            note_line.value = MEGABYTE_NOTE
            await pilot.press("enter")
            await pilot.pause()
            assert note_line.value == ""  # taken as a note, not refused
            assert app.screen.query_one("#notes", OptionList).option_count == 1
            await pilot.press("ctrl+q")
        assert app.return_code in (None, 0)
        path = session.path
    finally:
        session.close()

    resumed = Session.resume(path, clock=clock)
    try:
        (note,) = resumed.meeting.state.notes.values()
        assert note.text == MEGABYTE_NOTE
        written = resumed.export(tmp_path / "minutes.toml")
    finally:
        resumed.close()
    assert Minutes.load(written).items[0].notes[0].text == MEGABYTE_NOTE


def journal_many_notes(session: Session, clock: FakeClock) -> None:
    """10,000 notes on the first item, journaled in one transaction.

    Through `Meeting.add_note` each note is its own synced commit (about 3 ms on a disk,
    half a minute for all); the events are the meeting's own, written as `Journal.append`
    writes them (the schema in samtui/core/journal.py).
    """
    sink = MemorySink()
    meeting = Meeting(session.agenda, sink, clock)
    meeting.toggle_clock()
    for index in range(MANY):
        clock.advance(0.25)
        meeting.add_note(f"note {index}")
    rows = [encode(event) for event in sink.events()]
    raw = sqlite3.connect(session.path, isolation_level=None)
    try:
        raw.execute("BEGIN IMMEDIATE")
        raw.executemany('INSERT INTO events (kind, at, "offset", data) VALUES (?, ?, ?, ?)', rows)
        raw.execute("COMMIT")
    finally:
        raw.close()


async def test_ten_thousand_notes_on_one_item(
    agenda_file: Path, clock: FakeClock, tmp_path: Path
) -> None:
    created = Session.start(agenda_file, clock=clock)
    journal_many_notes(created, clock)
    created.close()
    session = Session.resume(created.path, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            notes = app.screen.query_one("#notes", OptionList)
            note_line = app.screen.query_one("#note", Input)
            # The latest notes, under a line that counts the earlier ones.
            assert notes.option_count == SHOWN_NOTES + 1
            earlier = str(notes.get_option_at_index(0).prompt)
            assert earlier.startswith(f"⋯ {MANY - SHOWN_NOTES:,} earlier notes")
            assert notes.scroll_offset.y == notes.max_scroll_y > 0  # at the newest note
            # The note line keeps the focus; its keys scroll the notes.
            assert app.focused is note_line
            for _ in range(SHOWN_NOTES):  # PageUp at the top brings earlier notes back
                await pilot.press("pageup")
                if notes.option_count > SHOWN_NOTES + 1:
                    break
            await pilot.pause()
            assert notes.option_count == SHOWN_NOTES + EARLIER_STEP + 1
            await pilot.press("ctrl+home")  # all of them, from the first
            await pilot.pause()
            assert notes.option_count == MANY
            assert str(notes.get_option_at_index(0).prompt).endswith("note 0")
            assert notes.scroll_offset.y == 0
            await pilot.press("pagedown", "pagedown", "ctrl+end", "pageup")
            await pilot.pause()
            assert 0 < notes.scroll_offset.y < notes.max_scroll_y
            assert app.focused is note_line
            note_line.value = "one more"
            await pilot.press("enter")
            await pilot.pause()
            assert notes.option_count == MANY + 1  # nothing typed is out of reach
        written = session.export(tmp_path / "minutes.toml")
    finally:
        session.close()
    minutes = Minutes.load(written)
    texts = [note.text for note in minutes.items[0].notes]
    assert texts == [f"note {index}" for index in range(MANY)] + ["one more"]
    assert minutes.meeting.actual_seconds == MANY // 4
