"""Issue 11, case 11: a read-only viewer writes nothing, anywhere.

`samtui join` (role viewer, the default, and every `samtui serve` tab) opens the session
read-only. The palette's "Export a snapshot now" wrote minutes beside the agenda all the
same. Each test here runs a viewer through Pilot on a live session and compares every file
the app could reach (the agenda's folder and its minutes/, the state folder with the
journal, the home, downloads and working folders) before and after.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from notices import Notices
from textual.command import CommandList

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.commands import SamtuiCommands
from samtui.ui.screens.closing import ClosingScreen
from samtui.ui.screens.meeting import MeetingScreen

WRITES = {
    "Start / pause the meeting clock",
    "Next agenda item",
    "Previous agenda item",
    "Next turn",
    "Give the floor",
    "Release the floor",
    "Give this item 5 more minutes",
    "Ask the next question brought",
    "Park the current topic",
    "Mark the last action as a growth play",
    "End the meeting",
    "Export a snapshot now",
    "Remove the last note",
    "Screenshot",  # Textual's own: an SVG file in the downloads folder
}
"""Palette entries that change the journal or write a file, as a user reads them."""
PEOPLE_AND_ITEMS = ("Give the floor to ", "Mark ", "Ask ", "Jump to item ")
"""How the palette's entries built from the agenda begin (each changes the meeting)."""

WAIT_SECONDS = 10.0

Files = dict[str, tuple[int, str]]


def _files(*roots: Path) -> Files:
    """Every file under the roots: size and content hash (a touched file shows too)."""
    found: Files = {}
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                path = Path(folder, name)
                if path.name.endswith("-shm"):
                    continue  # SQLite's shared-memory index: readers mark their place in it
                data = path.read_bytes()
                found[str(path)] = (len(data), hashlib.sha256(data).hexdigest())
    return found


@pytest.fixture
def places(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, session: Session
) -> Iterator[list[Path]]:
    """Where a stray write would land: home (downloads), working folder, agenda, state."""
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(home / "Downloads"))
    monkeypatch.chdir(work)
    session.meeting.toggle_clock()
    session.meeting.add_note("todo: renewal deck @dana")
    yield [tmp_path, session.path.parent]


@pytest.fixture
def viewer(session: Session, clock: FakeClock) -> Iterator[SamApp]:
    """What `samtui join` opens by default: a read-only session, role viewer."""
    followed = Session.resume(session.path, clock=clock, readonly=True)
    yield SamApp(followed, clock=clock, ring_bell=False, checkin=False, role="viewer")
    followed.close()


async def test_the_palette_export_in_a_viewer_writes_nothing(
    viewer: SamApp, places: list[Path]
) -> None:
    before = _files(*places)
    async with viewer.run_test() as pilot:
        await pilot.press("ctrl+p", *"export a snapshot now")
        results = viewer.screen.query_one(CommandList)
        deadline = time.monotonic() + WAIT_SECONDS
        while results.option_count == 0:  # the hits, or "No matches found"
            assert time.monotonic() < deadline, "the palette never answered"
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        await viewer.workers.wait_for_complete()
        await pilot.pause()
    assert _files(*places) == before


async def test_a_viewer_is_offered_no_command_that_writes(
    viewer: SamApp, session: Session, clock: FakeClock
) -> None:
    async with viewer.run_test():
        offered = {command.title for command in viewer.get_system_commands(viewer.screen)}
        assert offered & WRITES == set()
        assert {"Help", "Stakeholder map", "Quit"} <= offered
        discovered = {str(hit.text) async for hit in SamtuiCommands(viewer.screen).discover()}
        assert discovered & WRITES == set()
        assert not any(title.startswith(PEOPLE_AND_ITEMS) for title in discovered), discovered
    room = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    async with room.run_test():  # the same lists, where writing is the point
        offered = {command.title for command in room.get_system_commands(room.screen)}
        assert offered >= WRITES
        discovered = {str(hit.text) async for hit in SamtuiCommands(room.screen).discover()}
        assert discovered >= WRITES
        assert any(title.startswith(PEOPLE_AND_ITEMS) for title in discovered), discovered


async def test_every_write_refuses_in_a_viewer_if_called_anyway(
    viewer: SamApp, places: list[Path]
) -> None:
    notices = Notices()
    before = _files(*places)
    events = viewer.session.journal.info().events
    async with viewer.run_test(message_hook=notices.hook) as pilot:
        screen = viewer.screen
        assert isinstance(screen, MeetingScreen)
        screen.export_snapshot()
        await viewer.workers.wait_for_complete()
        viewer.deliver_screenshot()  # saved from a thread, then a notice either way
        deadline = time.monotonic() + WAIT_SECONDS
        while not any("creenshot" in f"{n.title} {n.message}" for n in notices.posted):
            assert time.monotonic() < deadline, "no word on the screenshot"
            await pilot.pause(0.05)
        said = notices.messages
        assert sum("only follows" in message for message in said) == 2, said
        for key in ("f5", "ctrl+n", "ctrl+t", "f6", "f8", "f9"):
            await pilot.press(key)
        screen.give_floor_to("dana")
        screen.go_to_item(2)
        screen.remove_last_note()
        await pilot.press("f10")  # not offered to a viewer (13.12): it says so, stays here
        assert isinstance(viewer.screen, MeetingScreen)
        screen.action_end_meeting()  # the closing screen anyway: Enter only leaves
        await pilot.pause()
        assert isinstance(viewer.screen, ClosingScreen)
        await pilot.press("enter")
        await viewer.workers.wait_for_complete()
    assert viewer.session.journal.info().events == events
    assert _files(*places) == before
