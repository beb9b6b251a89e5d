"""Durable files: whole or not at all, never clobbered, shared as the umask says, errors in
words. Faults the kernel cannot be made to give on demand here (a full disk at one exact
step, a file system without hard links) fail only in the `durable` module's view of `os`;
tests/reliability/test_disk_faults.py has the real ones.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samtui.core import durable
from samtui.core.errors import ExportError, JournalError, SamtuiError


class FaultyOs:
    """The os module as `durable` sees it, with some calls failing as the kernel would."""

    def __init__(self, **failing: Callable[..., Any]) -> None:
        self._failing = failing

    def __getattr__(self, name: str) -> Any:
        return self._failing.get(name) or getattr(os, name)


def failing(code: int) -> Callable[..., Any]:
    def fail(*_: object, **__: object) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


def on_folders(code: int) -> Callable[[int], None]:
    """fsync that fails with `code` on a folder and works on files."""

    def fsync(descriptor: int) -> None:
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise OSError(code, os.strerror(code))
        os.fsync(descriptor)

    return fsync


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_write_leaves_the_file_and_nothing_else(tmp_path: Path) -> None:
    path = durable.write_atomic(tmp_path / "minutes" / "m.toml", "é\n" * 3)
    assert path == tmp_path / "minutes" / "m.toml"
    assert path.read_bytes() == "é\n".encode() * 3
    assert names(path.parent) == ["m.toml"]


def test_never_overwrites_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "m.toml"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        durable.write_atomic(target, "new", error=ExportError)
    assert str(caught.value) == f"{target}: already exists: it is never overwritten"
    with pytest.raises(SamtuiError) as worded:
        durable.write_atomic(target, "new", taken="is there; move it away")
    assert str(worded.value) == f"{target}: is there; move it away"
    assert target.read_text(encoding="utf-8") == "keep me"
    durable.write_atomic(target, "new", overwrite=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert names(tmp_path) == ["m.toml"]


def test_a_dangling_link_is_not_a_free_name(tmp_path: Path) -> None:
    (tmp_path / "m.toml").symlink_to(tmp_path / "nowhere")
    with pytest.raises(SamtuiError, match="already exists"):
        durable.write_atomic(tmp_path / "m.toml", "x")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("folder", "is a folder: give a file name"),
        ("file/m.toml", "a part of the path is a file, not a folder"),
        ("file/sub/m.toml", "a part of the path is a file, not a folder"),
    ],
)
def test_paths_that_cannot_be_files(where: str, message: str, tmp_path: Path) -> None:
    (tmp_path / "folder" / "inside").mkdir(parents=True)
    (tmp_path / "file").write_text("a file", encoding="utf-8")
    with pytest.raises(SamtuiError) as caught:
        durable.write_atomic(tmp_path / where, "x")
    assert str(caught.value) == f"{tmp_path / where}: {message}"
    assert names(tmp_path) == ["file", "folder"]
    assert names(tmp_path / "folder") == ["inside"]


def test_a_missing_folder_is_an_error_when_not_to_be_made(tmp_path: Path) -> None:
    target = tmp_path / "no" / "agenda.toml"
    with pytest.raises(SamtuiError) as caught:
        durable.write_atomic(target, "x", make_folders=False)
    assert (
        str(caught.value)
        == f'{target}: cannot write there (folder "{target.parent}" does not exist)'
    )
    assert names(tmp_path) == []


UMASK_CHILD = """\
import os, sys
from pathlib import Path
calls = []
real_umask = os.umask
os.umask = lambda mask: calls.append(mask) or real_umask(mask)
real_umask(int(sys.argv[2], 8))
import samtui.cli, samtui.core.minutes, samtui.core.durable
samtui.core.durable.write_atomic(Path(sys.argv[1]), "x")
print(oct(os.stat(sys.argv[1]).st_mode & 0o777), calls)
"""


@pytest.mark.parametrize(("umask", "mode"), [("027", "0o640"), ("002", "0o664"), ("077", "0o600")])
def test_files_are_shared_as_the_umask_says_and_it_is_never_changed(
    umask: str, mode: str, tmp_path: Path
) -> None:
    child = subprocess.run(
        [sys.executable, "-c", UMASK_CHILD, str(tmp_path / "m.toml"), umask],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert child.stdout.split() == [mode, "[]"]  # the mode it asked for; umask never called


@pytest.mark.parametrize("step", ["write", "fsync", "link", "replace"])
def test_a_full_disk_at_any_step_leaves_nothing(
    step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "m.toml"
    overwrite = step == "replace"
    if overwrite:
        target.write_text("old", encoding="utf-8")
    monkeypatch.setattr(durable, "os", FaultyOs(**{step: failing(errno.ENOSPC)}))
    with pytest.raises(ExportError) as caught:
        durable.write_atomic(target, "x" * 100_000, overwrite=overwrite, error=ExportError)
    assert str(caught.value) == f"{target}: the disk is full"
    assert names(tmp_path) == (["m.toml"] if overwrite else [])
    if overwrite:
        assert target.read_text(encoding="utf-8") == "old"


def test_without_hard_links_the_name_is_still_taken_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT and some network shares have no hard links (link fails with EPERM)."""
    monkeypatch.setattr(durable, "os", FaultyOs(link=failing(errno.EPERM)))
    path = durable.write_atomic(tmp_path / "m.toml", "whole")
    assert path.read_text(encoding="utf-8") == "whole"
    assert names(tmp_path) == ["m.toml"]


def test_without_hard_links_a_full_disk_leaves_no_half_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[int] = []

    def write(descriptor: int, data: bytes) -> int:
        writes.append(descriptor)
        if len(set(writes)) > 1:  # the temporary file had room; the copy does not
            raise OSError(errno.ENOSPC, "No space left on device")
        return os.write(descriptor, data)

    monkeypatch.setattr(durable, "os", FaultyOs(link=failing(errno.EPERM), write=write))
    with pytest.raises(SamtuiError, match="the disk is full"):
        durable.write_atomic(tmp_path / "m.toml", "whole")
    assert names(tmp_path) == []


def test_a_file_system_that_cannot_sync_folders_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(durable, "os", FaultyOs(fsync=on_folders(errno.EINVAL)))
    assert durable.write_atomic(tmp_path / "m.toml", "x").read_text(encoding="utf-8") == "x"
    durable.sync_directory(tmp_path)


def test_a_folder_that_fails_to_sync_takes_the_new_name_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name may not survive a power cut: say so, and leave it free for the retry."""
    monkeypatch.setattr(durable, "os", FaultyOs(fsync=on_folders(errno.EIO)))
    with pytest.raises(SamtuiError) as caught:
        durable.write_atomic(tmp_path / "m.toml", "x")
    assert str(caught.value) == (
        f"{tmp_path / 'm.toml'}: cannot write it (input/output error: the disk or its "
        "connection failed)"
    )
    assert names(tmp_path) == []
    with pytest.raises(JournalError) as synced:
        durable.sync_directory(tmp_path, error=JournalError)
    assert str(synced.value) == f"{tmp_path}: cannot sync the folder (input/output error)"


def test_sync_directory_names_what_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    with pytest.raises(JournalError) as caught:
        durable.sync_directory(tmp_path / "plain", error=JournalError)
    assert str(caught.value) == f"{tmp_path / 'plain'}: cannot sync the folder (not a directory)"
    with pytest.raises(SamtuiError) as missing:
        durable.sync_directory(tmp_path / "gone")
    assert str(missing.value) == (
        f"{tmp_path / 'gone'}: cannot sync the folder (no such file or directory)"
    )


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EACCES, "cannot write there (permission denied)"),
        (errno.EROFS, "cannot write there (read-only file system)"),
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk quota is exceeded"),
        (errno.EFBIG, "the file is larger than this system allows (a file size limit)"),
        (errno.ENAMETOOLONG, "the file name is too long"),
        (errno.ETXTBSY, "cannot write it (text file busy)"),
    ],
)
def test_errors_in_words(code: int, words: str) -> None:
    assert durable.reason(OSError(code, os.strerror(code))) == words


def test_a_failed_write_takes_back_the_folders_it_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "there").mkdir()
    monkeypatch.setattr(durable, "os", FaultyOs(write=failing(errno.ENOSPC)))
    with pytest.raises(SamtuiError, match="the disk is full"):
        durable.write_atomic(tmp_path / "there" / "minutes" / "2026" / "m.toml", "x")
    assert names(tmp_path) == ["there"]  # it was there before: kept
    assert names(tmp_path / "there") == []
