"""A writer killed between the fsync and the link leaves its hidden temporary file; the
next write into that folder removes it, and removes nothing that is not certainly ours.

The leftover is made for real: a child process writes minutes and is SIGKILLed at the
moment it would link them into place.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samtui.core.minutes import MeetingRecord, Minutes

KILLED_AT_THE_LINK = """\
import os, signal, sys
from samtui.core.minutes import MeetingRecord, Minutes

def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

os.link = os.replace = killed
record = MeetingRecord(title="t", account="a", agenda="a.toml", planned_minutes=30,
                       actual_seconds=60)
Minutes(meeting=record).write(sys.argv[1])
"""


def minutes() -> Minutes:
    return Minutes(
        meeting=MeetingRecord(
            title="t", account="a", agenda="a.toml", planned_minutes=30, actual_seconds=60
        )
    )


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def leave_a_temporary(target: Path) -> Path:
    """Kill a writer at the link; return the temporary file it left."""
    before = set(names(target.parent)) if target.parent.is_dir() else set()
    child = subprocess.run(
        [sys.executable, "-c", KILLED_AT_THE_LINK, str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == -9, child.stderr
    left = sorted(set(names(target.parent)) - before)
    assert len(left) == 1, left
    assert left[0].startswith(f".{target.name}.") and left[0].endswith(".tmp")
    return target.parent / left[0]


def age(path: Path, seconds: float) -> None:
    """As if the file had last been written `seconds` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_the_next_write_removes_a_killed_writers_temporary(tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    target = folder / "acme-2026-12-03.toml"
    leftover = leave_a_temporary(target)
    assert not target.exists()
    age(leftover, 120)  # the kill was two minutes ago

    minutes().write(target)  # the retry, into the same folder
    assert names(folder) == ["acme-2026-12-03.toml"]


def test_a_write_of_another_file_in_the_folder_removes_it_too(tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    leftover = leave_a_temporary(folder / "acme-2026-12-03.toml")
    age(leftover, 120)
    minutes().write(folder / "acme-2026-12-03-snapshot.toml")
    assert names(folder) == ["acme-2026-12-03-snapshot.toml"]


def test_a_leftover_seconds_old_is_kept_until_a_later_write(tmp_path: Path) -> None:
    """A file just created may belong to a writer that has not locked it yet."""
    folder = tmp_path / "minutes"
    leftover = leave_a_temporary(folder / "acme.toml")
    minutes().write(folder / "acme.toml")
    assert names(folder) == sorted(["acme.toml", leftover.name])
    age(leftover, 120)
    minutes().write(folder / "acme-2.toml")
    assert names(folder) == ["acme-2.toml", "acme.toml"]


def test_a_temporary_whose_writer_is_alive_is_kept(tmp_path: Path) -> None:
    """A writer holds its temporary file's lock until it is done, however long it takes."""
    folder = tmp_path / "minutes"
    leftover = leave_a_temporary(folder / "acme.toml")
    age(leftover, 3600)  # a writer stuck for an hour (a hung network disk)
    with leftover.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as the live writer holds it
        minutes().write(folder / "acme.toml")
        assert names(folder) == sorted(["acme.toml", leftover.name])
    minutes().write(folder / "acme-2.toml")  # once the writer is gone, it goes
    assert names(folder) == ["acme-2.toml", "acme.toml"]


def test_files_that_are_not_certainly_ours_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    elsewhere = tmp_path / "precious.txt"
    elsewhere.write_text("keep", encoding="utf-8")
    kept = {
        ".acme.toml.k3j2h1g0.tmp": "file",  # another program's (or tempfile.mkstemp's) name
        "acme.toml.samtui-0123456789ab.tmp": "file",  # not hidden: not a name we make
        ".acme.toml.samtui-0123456789AB.tmp": "file",  # capitals: not a name we make
        ".acme.toml.samtui-0123456789ab.tmp": "link",  # our name, but a symbolic link
        ".notes.md.samtui-00000000abcd.tmp": "folder",  # our name, but a folder
    }
    for name, kind in kept.items():
        path = folder / name
        if kind == "file":
            path.write_text("someone's", encoding="utf-8")
        elif kind == "link":
            path.symlink_to(elsewhere)
        else:
            path.mkdir()
        age(path, 7 * 24 * 3600)
    if os.geteuid() == 0:  # root can give a file away: ours in name, someone else's in fact
        foreign = folder / ".report.md.samtui-ffffffffffff.tmp"
        foreign.write_text("theirs", encoding="utf-8")
        os.chown(foreign, 65534, 65534)
        age(foreign, 7 * 24 * 3600)
        kept[foreign.name] = "file"

    minutes().write(folder / "acme-2026-12-03.toml")
    assert names(folder) == sorted([*kept, "acme-2026-12-03.toml"])
    assert elsewhere.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize("command", ["report", "new"])
def test_report_and_new_clean_their_folder_too(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from samtui import cli

    folder = tmp_path / "out"
    leftover = leave_a_temporary(folder / "acme.toml")
    age(leftover, 120)
    source = minutes().write(tmp_path / "m.toml")
    argv = (
        ["report", str(source), "--out", str(folder / "r.md")]
        if command == "report"
        else ["new", str(folder / "next.toml")]
    )
    assert cli.main(argv) == 0, capsys.readouterr().err
    assert names(folder) == ["r.md" if command == "report" else "next.toml"]
