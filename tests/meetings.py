"""Meetings in progress, built through the engine, for the screens' tests and snapshots."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from samtui.core.clock import FakeClock
from samtui.core.events import CarriedActionData
from samtui.core.session import Session


def review_in_progress(review_file: Path, clock: FakeClock) -> Session:
    """Every kind of note, an action with no owner, an item over time, a turn past its
    share, someone absent, a stance of each kind, the last review's actions decided."""
    session = Session.start(review_file, clock=clock)
    meeting = session.meeting
    meeting.load_carry_over(
        "last.toml",
        [
            CarriedActionData(id=1, text="send the map", owner="dana", due=date(2026, 10, 1)),
            CarriedActionData(id=2, text="book the QBR"),
            CarriedActionData(id=3, text="fix the portal", owner="li"),
        ],
    )
    meeting.decide_carried(0, "done")
    meeting.decide_carried(2, "dropped")
    meeting.set_present("marco", False)
    meeting.toggle_clock()
    meeting.give_floor("dana")
    for line in (
        "a point",
        "! a decision",
        "goal: a goal",
        "todo: an action @li due:2026-12-20",
        "todo: nobody's action",
        "todo+: a growth play @dana",
        "? a question",
        "park: a parked topic",
    ):
        meeting.add_note(line)
    meeting.pull_question("dana", 0)
    meeting.change_stakeholder(1, "stance", "opponent")
    clock.advance(11 * 60)  # over the first item's ten minutes
    return session
