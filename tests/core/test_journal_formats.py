"""Journals written by older builds open and replay to the same meeting (no stranded users)."""

from __future__ import annotations

import shutil
from pathlib import Path

from samtui.core.clock import FakeClock
from samtui.core.session import Session

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FORMAT_1 = FIXTURES / "acme-review-20261203-140000.sqlite3"


def copy_of(journal: Path, folder: Path) -> Path:
    copy = folder / journal.name
    shutil.copyfile(journal, copy)
    return copy


def test_a_format_1_journal_resumes_with_its_meeting_and_draft(tmp_path: Path) -> None:
    session = Session.resume(copy_of(FORMAT_1, tmp_path), clock=FakeClock())
    try:
        state = session.meeting.state
        assert session.draft() == "todo: half typed when the laptop clo"
        assert state.started and state.running and not state.ended
        assert state.current_item == 2
        assert [note.text for note in state.notes.values()] == [
            "we keep the three-year term",
            "send the pricing sheet v2",
            "Who replaces the CFO?",
            "double the EMEA seats",
            "pilot the analytics add-on",
            "check the invoice dispute",
            "the office move in March",
            "no owner here",
            "who signs off on the budget",
        ]
        assert [c.decision for c in state.carried] == ["done", "carried", "dropped"]
        assert state.floor is None  # entering an item releases the floor
        minutes = session.minutes(at_last_event=True)
    finally:
        session.close()
    expected = (FIXTURES / "acme-review-20261203-140000.minutes.toml").read_text(encoding="utf-8")
    # This build says who brought an asked question (issue 17); all else is as exported then.
    asked = [n for item in minutes.items for n in item.notes if n.brought_by is not None]
    assert [(n.text, n.brought_by) for n in asked] == [("Who replaces the CFO?", "dana")]
    for note in asked:
        note.brought_by = None
    assert minutes.to_toml() == expected
