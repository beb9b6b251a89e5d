"""Disk faults when the minutes are written: a read-only folder, a missing one, a full disk,
a path that is a folder. Each says so in one clear line, leaves no partial or temporary
file, keeps the session running, and the minutes can then be written elsewhere.

Root ignores permission bits (CI runs as root), so a read-only folder is also simulated by
making the temporary file's creation fail as the kernel would; a full disk likewise fails
the write, the fsync or the link with ENOSPC, in the module that writes (`durable`) only.
tests/reliability/test_disk_faults.py has the same faults for real, in a private mount
namespace where the machine allows one.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from samtui import cli
from samtui.core import durable
from samtui.core.clock import FakeClock
from samtui.core.errors import ExportError
from samtui.core.minutes import Minutes
from samtui.core.session import Session
from samtui.ui.app import SamApp
from samtui.ui.screens.closing import ClosingScreen

ScreenText = Callable[[App[Any]], str]


@pytest.fixture
def held(session: Session, clock: FakeClock) -> Session:
    """An ended meeting whose minutes are still to be written (as after F10, Enter)."""
    session.meeting.toggle_clock()
    clock.advance(125)
    session.meeting.add_note("! keep this decision")
    session.meeting.end()
    return session


def disk_full(*_: object, **__: object) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device")


class FaultyOs:
    """The os module as `durable` sees it, with some calls failing as the kernel would."""

    def __init__(self, **failing: Callable[..., Any]) -> None:
        self._failing = failing

    def __getattr__(self, name: str) -> Any:
        return self._failing.get(name) or getattr(os, name)


def fill_the_disk(fault: pytest.MonkeyPatch, where: str) -> None:
    fault.setattr(durable, "os", FaultyOs(**{where: disk_full}))


@pytest.fixture
def fault() -> Iterator[pytest.MonkeyPatch]:
    """Patches of its own, so undoing the fault leaves the XDG and TZ settings alone."""
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture
def read_only(tmp_path: Path, fault: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root writes anyway: fail as the kernel would for anyone else

        def denied(*_: object, **__: object) -> Any:
            raise PermissionError(errno.EACCES, "Permission denied")

        fault.setattr(durable, "os", FaultyOs(open=denied))
    try:
        yield folder
    finally:
        folder.chmod(0o755)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def assert_refused_then_written_elsewhere(
    session: Session, target: Path, message: str, tmp_path: Path, undo: Callable[[], None]
) -> None:
    folder = target.parent
    before = leftovers(folder)
    with pytest.raises(ExportError) as caught:
        session.export(target)
    assert str(caught.value) == f"{target}: {message}"
    assert leftovers(folder) == before  # no partial file, no temporary file
    assert session.journal.info().state == "running"
    undo()
    elsewhere = session.export(tmp_path / "elsewhere" / "minutes.toml")
    info = session.journal.info()
    assert (info.state, info.minutes_path) == ("finished", elsewhere)
    notes = [n.text for item in Minutes.load(elsewhere).items for n in item.notes]
    assert notes == ["keep this decision"]


def test_a_read_only_folder(
    held: Session, read_only: Path, tmp_path: Path, fault: pytest.MonkeyPatch
) -> None:
    target = read_only / "minutes.toml"
    assert_refused_then_written_elsewhere(
        held, target, "cannot write there (permission denied)", tmp_path, fault.undo
    )


@pytest.mark.parametrize("where", ["write", "fsync", "link"])
def test_a_full_disk(where: str, held: Session, tmp_path: Path, fault: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "minutes.toml"
    target.parent.mkdir()
    fill_the_disk(fault, where)
    assert_refused_then_written_elsewhere(held, target, "the disk is full", tmp_path, fault.undo)
    assert not target.exists()


def test_a_path_that_is_a_folder(held: Session, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    (target / "inside").mkdir(parents=True)
    assert_refused_then_written_elsewhere(
        held, target, "is a folder: give a file name", tmp_path, lambda: None
    )
    assert leftovers(target) == ["inside"]


def test_a_folder_under_a_file(held: Session, tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("a file", encoding="utf-8")
    target = tmp_path / "plain" / "sub" / "minutes.toml"
    assert_refused_then_written_elsewhere(
        held, target, "a part of the path is a file, not a folder", tmp_path, lambda: None
    )
    assert (tmp_path / "plain").read_text(encoding="utf-8") == "a file"


def test_a_missing_folder_is_made(held: Session, tmp_path: Path) -> None:
    """Minutes default to `minutes/` beside the agenda, which may not exist yet."""
    target = tmp_path / "not" / "yet" / "there.toml"
    assert held.export(target) == target
    assert leftovers(target.parent) == ["there.toml"]
    assert held.journal.info().state == "finished"


async def test_the_closing_screen_says_the_disk_is_full_and_tries_again(
    agenda_file: Path,
    clock: FakeClock,
    tmp_path: Path,
    fault: pytest.MonkeyPatch,
    screen_text: ScreenText,
) -> None:
    target = tmp_path / "out" / "minutes.toml"
    session = Session.start(agenda_file, clock=clock, out=target)
    session.meeting.toggle_clock()
    session.meeting.add_note("! keep this decision")
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            fill_the_disk(fault, "fsync")
            await pilot.press("f10", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, ClosingScreen)
            shown = screen_text(app)
            assert f"{target}: the disk is full" in shown
            assert "The meeting is safe in the journal: Enter tries again" in shown
            assert leftovers(target.parent) == []
            assert session.journal.info().state == "running"
            assert session.meeting.state.ended

            fault.undo()  # room on the disk again
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert f"Minutes written to {target}" in screen_text(app)
        assert session.journal.info().state == "finished"
        assert leftovers(target.parent) == ["minutes.toml"]
    finally:
        session.close()


def test_cli_export_to_a_folder_says_so_in_one_line(
    held: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held.close()
    assert cli.main(["export", str(held.path), "--out", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"{tmp_path}: is a folder: give a file name\n")
    assert cli.main(["export", str(held.path), "--out", str(tmp_path / "m.toml")]) == 0
    assert capsys.readouterr().out == f"Minutes written to {tmp_path / 'm.toml'}\n"
