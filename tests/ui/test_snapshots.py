"""The room's screens as pictures (issue 13): the meeting, the stage, the check-in, the
stakeholder map and the closing screen, at 160x48, 120x36 and 80x24. Each SVG was turned
into a PNG (rsvg-convert) and looked at before it was accepted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from meetings import review_in_progress

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp

SIZES = [(160, 48), (120, 36), (80, 24)]
SCREENS = {"meeting": [], "stage": ["f12"], "map": ["f2", "down"], "closing": ["f10"]}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_snapshot(
    snap_compare: Callable[..., bool],
    review_file: Path,
    clock: FakeClock,
    screen: str,
    size: tuple[int, int],
) -> None:
    session = review_in_progress(review_file, clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    assert snap_compare(app, terminal_size=size, press=SCREENS[screen])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_check_in(
    snap_compare: Callable[..., bool], review: Session, clock: FakeClock, size: tuple[int, int]
) -> None:
    review.meeting.set_present("marco", False)
    assert snap_compare(SamApp(review, clock=clock, ring_bell=False), terminal_size=size)
