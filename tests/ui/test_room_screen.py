"""The room's screen (issue 13): the start and the clock's zone, one duration format."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from handoff_reviews import first_review, next_agenda

from samtui.core.clock import FakeClock
from samtui.core.formatting import span
from samtui.core.session import Session
from samtui.ui.app import SamApp

SCHEDULED = "starts = 2026-12-03T14:00:00+00:00\n"


def with_start(agenda_file: Path) -> Path:
    text = agenda_file.read_text(encoding="utf-8").replace(
        "duration = 60\n", "duration = 60\n" + SCHEDULED, 1
    )
    agenda_file.write_text(text, encoding="utf-8")
    return agenda_file


async def test_the_header_says_when_the_meeting_was_to_start_and_did(
    agenda_file: Path, screen_text: Callable[[SamApp], str]
) -> None:
    clock = FakeClock(datetime(2026, 12, 3, 13, 55, tzinfo=UTC))
    session = Session.start(with_start(agenda_file), clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            assert "starts 14:00, in 5 min" in screen_text(app)
            assert "13:55 UTC" in screen_text(app)  # the room's clock says its zone
            clock.advance(12 * 60)  # seven minutes late
            await pilot.press("f5")
            await pilot.pause()
            assert "scheduled 14:00 · started 14:07, 7 min late" in screen_text(app)
    finally:
        session.close()


async def test_durations_shown_together_share_one_format(
    agenda_file: Path, screen_text: Callable[[SamApp], str]
) -> None:
    """ "Meeting 32:05 of 1:30:00" reads, across a room, as 32 hours of one and a half."""
    clock = FakeClock()
    session = Session.start(agenda_file, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.press("f5")
            clock.advance(32 * 60 + 5)
            app.screen.tick()  # type: ignore[attr-defined]
            await pilot.pause()
            assert "Meeting 0:32:05 of 1:00:00" in screen_text(app)
    finally:
        session.close()


async def test_the_next_review_drafted_from_minutes_says_its_start_in_days(
    tmp_path: Path, screen_text: Callable[[SamApp], str]
) -> None:
    """Issue 16's trial: `samtui new --from` the minutes, the next review opened the same
    day; its agenda starts on the last one's `next_review`, three months on. The header
    said "starts 14:00, in 131037 min"; a span over a day is in days, with the date."""
    clock = FakeClock(datetime(2026, 12, 3, 14, 0, tzinfo=UTC))
    first = first_review(tmp_path, clock)  # next_review = 2027-03-04T15:00:00+01:00
    agenda = next_agenda(tmp_path, first)
    session = Session.start(agenda, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            assert "starts 2027-03-04 14:00, in 91 days" in screen_text(app)
            assert " min" not in screen_text(app).splitlines()[0]
            clock.advance(86400 * 92)  # opened a day after it was due, and started
            await pilot.press("f5")
            await pilot.pause()
            assert "scheduled 2027-03-04 14:00 · started 14:03, 1 day late" in screen_text(app)
    finally:
        session.close()


def test_spans_as_a_person_says_them() -> None:
    assert [span(m) for m in (0, 1, 59, 60, 61, 23 * 60 + 59, 24 * 60, 36 * 60, 131036)] == [
        "0 min",
        "1 min",
        "59 min",
        "1 h",
        "1 h 1 min",
        "23 h 59 min",
        "1 day",
        "2 days",
        "91 days",
    ]
