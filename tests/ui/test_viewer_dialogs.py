"""A viewer's dialogs offer only what a viewer may do.

The map (F2) and the open actions (F4) open in a view that only follows (they show the
meeting); their Footer listed a n o u h m l f v and d c x, each refused when pressed.
A viewer's Footer shows none of them, and pressing one anyway says why.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from history_chain import DAYS, draft_next, four_reviews
from notices import Notices
from textual.app import App
from waiting import until

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.meeting import MeetingScreen

MAP_KEYS = set("anouhmlsifv")
CARRY_KEYS = set("dcx")


def footer_keys(app: App[Any]) -> set[str]:
    """The keys the Footer shows: the screen's active bindings that are shown."""
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show}


@pytest.fixture
def next_review(tmp_path: Path) -> Iterator[tuple[Session, FakeClock]]:
    """A review with stakeholders and open actions of the last review."""
    reviews = four_reviews(tmp_path)
    agenda = draft_next(reviews[-1], tmp_path / "acme-5.toml", ("x", "x"))
    clock = FakeClock(DAYS[-1].replace(year=2027, month=3))
    session = Session.start(agenda, clock=clock)
    session.meeting.toggle_clock()
    yield session, clock
    session.close()


@pytest.mark.parametrize(("role", "offered"), [(None, True), ("viewer", False)])
@pytest.mark.parametrize(("key", "letters"), [("f2", MAP_KEYS), ("f4", CARRY_KEYS)])
async def test_a_dialog_offers_a_viewer_none_of_its_changes(
    next_review: tuple[Session, FakeClock],
    role: str | None,
    offered: bool,
    key: str,
    letters: set[str],
) -> None:
    session, clock = next_review
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False, role=role)
    notices = Notices()
    async with app.run_test(size=(160, 48), message_hook=notices.hook) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        await pilot.press(key)
        await until(pilot, lambda: app.screen.is_modal, "the dialog")
        shown = footer_keys(app) & letters
        if offered:  # the Footer shows what the dialog's bindings show (s and i are hidden)
            assert shown == {k for k in letters if app.screen.active_bindings[k].binding.show}
            assert shown
        else:
            assert shown == set()
            assert "escape" in footer_keys(app)  # Close is still there
            before = session.meeting.state.last_seq
            await pilot.press(sorted(letters)[0])
            await until(pilot, lambda: notices.told("only follows"), "the viewer told why")
            assert session.meeting.state.last_seq == before
