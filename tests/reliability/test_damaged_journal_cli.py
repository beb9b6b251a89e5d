"""A damaged journal as a user meets it: `samtui resume`, `export` and `sessions`.

tests/core/test_journal.py covers the Journal API on the same damage; here the commands
must print one line naming the file and exit 2 (or, for `sessions`, list the file with the
reason beside the healthy ones), never a traceback. Subprocesses prove "no traceback" for
real; the rest run in-process through `cli.main`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from samtui import cli
from samtui.core import journal as journal_module
from samtui.core.clock import FakeClock
from samtui.core.minutes import Minutes
from samtui.core.session import Session
from samtui.ui.app import SamApp

Capsys = pytest.CaptureFixture[str]
TIMEOUT = 30.0
LOCK_WAIT_MS = 200
"""The busy timeout in-process commands get (5 s by default), so a lock is reported fast."""

TRUNCATED = "the journal is damaged (database disk image is malformed)"
NOT_SQLITE = "not a samtui journal (not an SQLite database)"
LOCKED = "the journal is locked by another program"


def held(agenda_file: Path, notes: int = 30) -> Path:
    """A closed session with the clock started and `notes` long notes (a few dozen pages)."""
    clock = FakeClock()
    session = Session.start(agenda_file, clock=clock, new=True)
    try:
        session.meeting.toggle_clock()
        for index in range(notes):
            clock.advance(10)
            session.meeting.add_note(f"note {index} " + "lorem ipsum " * 150)
    finally:
        session.close()
    return session.path


def truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def append_garbage(path: Path) -> None:
    with path.open("ab") as file:
        file.write(b"\x00garbage\xff" * 1000)


def replace_with_text(path: Path) -> None:
    path.write_text("# Meeting notes\n" * 500, encoding="utf-8")


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated": (truncate, TRUNCATED),
    "not-sqlite": (replace_with_text, NOT_SQLITE),
}


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> list[SamApp]:
    """Records an app that would have opened (there should be none for a damaged file)."""
    opened: list[SamApp] = []
    monkeypatch.setattr(SamApp, "run", lambda self: opened.append(self))
    return opened


@pytest.fixture
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    real = journal_module._connect

    def connect(path: Path, *, readonly: bool, busy_timeout_ms: int) -> object:
        return real(path, readonly=readonly, busy_timeout_ms=LOCK_WAIT_MS)

    monkeypatch.setattr(journal_module, "_connect", connect)


@pytest.fixture
def locked(agenda_file: Path) -> Iterator[Path]:
    """A journal another process holds an exclusive lock on until the test ends."""
    path = held(agenda_file, notes=1)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "db.execute('PRAGMA locking_mode = EXCLUSIVE')\n"
            "db.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.read()\n",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "locked\n"
        yield path
    finally:
        holder.stdin.close()
        holder.wait(timeout=TIMEOUT)


def run_samtui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "samtui", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("command", ["resume", "export"])
def test_a_real_process_prints_one_line_and_no_traceback(
    command: str, damage: str, agenda_file: Path
) -> None:
    path = held(agenda_file)
    spoil, message = DAMAGE[damage]
    spoil(path)
    done = run_samtui(command, str(path))
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"{path}: {message}\n")


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("command", ["resume", "export"])
def test_resume_and_export_refuse_a_damaged_journal(
    command: str, damage: str, agenda_file: Path, no_app: list[SamApp], capsys: Capsys
) -> None:
    path = held(agenda_file)
    spoil, message = DAMAGE[damage]
    spoil(path)
    assert cli.main([command, path.stem]) == 2  # by session name, as `sessions` lists it
    assert capsys.readouterr() == ("", f"{path}: {message}\n")
    assert no_app == []
    assert not list(agenda_file.parent.glob("minutes/*"))


def test_sessions_lists_damaged_journals_beside_healthy_ones(
    agenda_file: Path, capsys: Capsys
) -> None:
    healthy = held(agenda_file, notes=1)
    spoiled = {}
    for damage, (spoil, message) in DAMAGE.items():
        path = held(agenda_file)
        target = path.with_name(f"{damage}{path.suffix}")
        path.rename(target)
        spoil(target)
        spoiled[target.stem] = message
    assert cli.main(["sessions"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert err == "" and len(lines) == 3
    for stem, message in spoiled.items():
        assert f"{stem}  damaged: {message}" in lines
    (line,) = [line for line in lines if line.startswith(healthy.stem)]
    assert "running" in line and '"Acme Corp strategic account review"' in line
    # `export` without a name skips the damaged files and finds the healthy session.
    assert cli.main(["export"]) == 0
    assert capsys.readouterr().out.startswith("Minutes written to ")


def test_garbage_appended_loses_nothing(
    agenda_file: Path, no_app: list[SamApp], tmp_path: Path, capsys: Capsys
) -> None:
    """SQLite reads only the pages its header counts: the meeting is whole, so it resumes."""
    path = held(agenda_file, notes=3)
    append_garbage(path)
    assert cli.main(["sessions"]) == 0
    assert "running" in capsys.readouterr().out
    assert cli.main(["resume", str(path), "--no-bell"]) == 0
    assert len(no_app) == 1
    assert len(no_app[0].session.meeting.state.notes) == 3
    capsys.readouterr()
    out = tmp_path / "minutes.toml"
    assert cli.main(["export", str(path), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith(f"Minutes written to {out}\n") and printed.err == ""
    assert len(Minutes.load(out).items[0].notes) == 3


@pytest.mark.usefixtures("short_lock_wait")
def test_a_journal_locked_by_another_process(
    locked: Path, no_app: list[SamApp], capsys: Capsys
) -> None:
    for command in ("resume", "export"):
        assert cli.main([command, str(locked)]) == 2
        assert capsys.readouterr() == ("", f"{locked}: {LOCKED}\n")
    assert cli.main(["sessions"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line == f"{locked.stem}  locked: {LOCKED}"
    assert no_app == []
