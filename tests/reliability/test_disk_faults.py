"""Faults of the disk and of standard output, made for real, each a one-line error (exit 2,
no traceback) that leaves nothing behind in the way of the next try.

- A full disk: a tmpfs filled to the last byte, mounted in a private mount namespace
  (`unshare --mount`, so nothing outlives the test); skipped where the machine allows no
  such namespace. A file size limit (RLIMIT_FSIZE, no privileges needed) fails writes
  for real everywhere, the same class: a write that stops part way.
- A read-only file system: a tmpfs mounted read-only, in the same kind of namespace
  (root ignores permission bits, so `chmod` proves nothing when the tests run as root).
- Standard output: /dev/full, and closed (`>&-`).
- XDG_STATE_HOME where a file stands in for the folder.
"""

from __future__ import annotations

import os
import resource
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from samtui import cli
from samtui.core.clock import FakeClock
from samtui.core.minutes import MeetingRecord, Minutes
from samtui.core.session import Session
from samtui.ui.app import SamApp

TIMEOUT = 60
SAMTUI = [sys.executable, "-m", "samtui"]
FULL = "the disk is full"


def minutes_file(folder: Path) -> Path:
    record = MeetingRecord(
        title="Acme", account="Acme", agenda="a.toml", planned_minutes=30, actual_seconds=60
    )
    return Minutes(meeting=record).write(folder / "m.toml")


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr


# -- standard output -------------------------------------------------------------------


def shell(command: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`command` in sh, with "$@" the samtui command line followed by `args`."""
    return subprocess.run(
        ["sh", "-c", command, "sh", *SAMTUI, *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [
        ["report", "{minutes}"],
        ["report", "{minutes}", "--format", "csv"],
        ["schema", "agenda"],
        ["validate", "{minutes}"],
        ["sessions"],
    ],
    ids=" ".join,
)
def test_standard_output_on_a_full_disk(command: list[str], tmp_path: Path) -> None:
    source = minutes_file(tmp_path)
    args = [part.format(minutes=source) for part in command]
    done = shell('"$@" > /dev/full', *args)
    assert (done.returncode, done.stderr) == (2, f"standard output: {FULL}\n")


@pytest.mark.parametrize("command", [["report", "{minutes}"], ["schema", "minutes"]], ids=" ".join)
def test_standard_output_closed(command: list[str], tmp_path: Path) -> None:
    source = minutes_file(tmp_path)
    args = [part.format(minutes=source) for part in command]
    done = shell('"$@" >&-', *args)
    what = "report" if command[0] == "report" else "schema"
    assert (done.returncode, done.stderr) == (
        2,
        f"standard output: is closed, so the {what} has nowhere to go\n",
    )


def test_report_out_with_standard_output_closed_still_writes(tmp_path: Path) -> None:
    """Only the report itself needs standard output; --out does not."""
    target = tmp_path / "r.md"
    done = shell('"$@" >&-', "report", str(minutes_file(tmp_path)), "--out", str(target))
    assert (done.returncode, done.stderr) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("# Acme")


# -- XDG_STATE_HOME ---------------------------------------------------------------------


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def run(self: SamApp) -> None:
        pytest.fail("the app was opened")

    monkeypatch.setattr(SamApp, "run", run)


COMMANDS = {
    "sessions": ["sessions"],
    "run": ["run", "{agenda}"],
    "run --new": ["run", "{agenda}", "--new"],
    "resume": ["resume"],
    "resume NAME": ["resume", "acme-20261203-150000"],
    "join": ["join", "--as", "scribe"],
    "export": ["export"],
    "export NAME": ["export", "acme-20261203-150000"],
    "serve": ["serve"],
}


@pytest.mark.usefixtures("no_app")
@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("where", ["state home", "samtui", "sessions"])
def test_a_file_where_the_state_folder_should_be(
    where: str,
    command: str,
    tmp_path: Path,
    agenda_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    state = tmp_path / "state"
    sessions = state / "samtui" / "sessions"
    if where == "state home":
        state.write_text("not a folder", encoding="utf-8")
        message = "a part of the path is a file, not a folder"
    else:
        blocked = state / "samtui" if where == "samtui" else sessions
        blocked.parent.mkdir(parents=True)
        blocked.write_text("not a folder", encoding="utf-8")
        message = (
            "a part of the path is a file, not a folder"
            if where == "samtui"
            else ("is a file, not a folder")
        )
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    args = [part.format(agenda=agenda_file) for part in COMMANDS[command]]
    assert cli.main(args) == 2
    out, err = capsys.readouterr()
    assert (out, err) == (
        "",
        f"{sessions}: cannot keep sessions here: {message} (XDG_STATE_HOME moves it)\n",
    )


# -- a file size limit (no privileges needed) -------------------------------------------


def limited(size: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def run_limited(size: int, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """samtui whose every file stops growing at `size` bytes (writes fail with EFBIG)."""
    return subprocess.run(
        [*SAMTUI, *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        cwd=cwd,
        preexec_fn=limited(size),
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


LIMIT = "the file is larger than this system allows (a file size limit)"


def test_new_stopped_part_way_leaves_nothing_in_the_way(tmp_path: Path) -> None:
    done = run_limited(1000, "new", "acme.toml", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"acme.toml: {LIMIT}\n")
    assert names(tmp_path) == []
    again = run_limited(1 << 20, "new", "acme.toml", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert names(tmp_path) == ["acme.toml"]
    assert (tmp_path / "acme.toml").read_text(encoding="utf-8") == cli.starter_agenda()


def test_report_out_stopped_part_way_leaves_nothing(tmp_path: Path) -> None:
    source = minutes_file(tmp_path)
    (tmp_path / "out").mkdir()
    done = run_limited(200, "report", str(source), "--out", "out/r.md", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"out/r.md: {LIMIT}\n")
    assert names(tmp_path / "out") == []


# -- a full and a read-only file system, in a private mount namespace -------------------


def _private_mounts_work() -> bool:
    if shutil.which("unshare") is None or sys.platform != "linux":
        return False
    probe = subprocess.run(
        [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs /mnt",
        ],
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    return probe.returncode == 0


private_mounts = pytest.mark.skipif(
    not _private_mounts_work(), reason="needs a private mount namespace (unshare, mount)"
)

FILL = 'dd if=/dev/zero of="$DISK/fill" bs=4096 2>/dev/null; '


def in_namespace(disk: Path, setup: str, steps: list[list[str]]) -> list[str]:
    """Mount a tmpfs on `disk` as `setup` says, run each samtui command line in turn, and
    return, for each, its status and stderr; then what is on the disk (the mount goes
    with the namespace)."""
    script = f"set -u; DISK={shlex.quote(str(disk))}; {setup}\n"
    for step in steps:
        if step[0] == "rm":
            script += f"rm -f {shlex.join(step[1:])}\n"
            continue
        script += f'{shlex.join([*SAMTUI, *step])} >/dev/null 2>"$DISK.err"; '
        script += 'echo "status $?: $(cat "$DISK.err")"\n'
    script += 'ls -A "$DISK" | grep -v "^fill$" | sed "s/^/left /"\n'
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


MOUNT_FULL = 'mount -t tmpfs -o size=64k tmpfs "$DISK"; ' + FILL
MOUNT_READ_ONLY = 'mount -t tmpfs -o ro,size=64k tmpfs "$DISK"; '


@private_mounts
def test_new_on_a_full_disk_leaves_no_empty_agenda(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    agenda = str(disk / "acme.toml")
    shown = in_namespace(
        disk,
        MOUNT_FULL,
        [["new", agenda], ["new", agenda], ["rm", str(disk / "fill")], ["new", agenda]],
    )
    assert shown == [
        f"status 2: {agenda}: {FULL}",
        f"status 2: {agenda}: {FULL}",  # not "already exists": nothing was left
        "status 0: ",
        "left acme.toml",
    ]


@private_mounts
def test_report_and_export_on_a_full_disk(
    tmp_path: Path, agenda_file: Path, clock: FakeClock
) -> None:
    session = Session.start(agenda_file, clock=clock)
    session.meeting.add_note("! keep this")
    session.close()
    disk = tmp_path / "disk"
    disk.mkdir()
    source = str(minutes_file(tmp_path))
    shown = in_namespace(
        disk,
        MOUNT_FULL,
        [
            ["report", source, "--out", str(disk / "r.md")],
            ["export", str(session.path), "--out", str(disk / "m.toml")],
            ["export", str(session.path), "--out", str(disk / "minutes" / "m.toml")],
        ],
    )
    assert shown == [
        f"status 2: {disk / 'r.md'}: {FULL}",
        f"status 2: {disk / 'm.toml'}: {FULL}",
        f"status 2: {disk / 'minutes' / 'm.toml'}: {FULL}",
    ]


@private_mounts
def test_a_read_only_file_system(tmp_path: Path, agenda_file: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    source = str(minutes_file(tmp_path))
    read_only = "cannot write there (read-only file system)"
    shown = in_namespace(
        disk,
        MOUNT_READ_ONLY,
        [
            ["new", str(disk / "acme.toml")],
            ["report", source, "--out", str(disk / "r.md")],
        ],
    )
    assert shown == [
        f"status 2: {disk / 'acme.toml'}: {read_only}",
        f"status 2: {disk / 'r.md'}: {read_only}",
    ]


@private_mounts
@pytest.mark.parametrize("command", ["sessions", "run", "resume", "export", "serve"])
def test_a_read_only_state_home(command: str, tmp_path: Path, agenda_file: Path) -> None:
    disk = tmp_path / "state"
    disk.mkdir()
    args = {"run": ["run", str(agenda_file)]}.get(command, [command])
    setup = MOUNT_READ_ONLY + 'export XDG_STATE_HOME="$DISK"; '
    shown = in_namespace(disk, setup, [args])
    sessions = disk / "samtui" / "sessions"
    assert shown == [
        f"status 2: {sessions}: cannot keep sessions here: read-only file system "
        "(XDG_STATE_HOME moves it)"
    ]
