"""Durable files: written whole or not at all, never clobbered unless asked, errors in words.

Minutes, reports, new agendas and the journal's folder all go through here, so they agree
on three things:

- `write_atomic` writes a temporary file in the target's folder, fsyncs it, then links it
  to the target name (which fails if the name is taken, so nothing is overwritten) or
  replaces the target (`overwrite=True`), and fsyncs the folder so the name survives a
  power cut. Any failure, a full disk included, leaves neither the target nor the
  temporary file behind: a failed `samtui new` never leaves an empty agenda in the way.
- The temporary file is created with mode 0o666 and the kernel applies the umask, so a
  written file is shared exactly as the user's umask says; the umask is never changed
  (changing it, even for an instant, races with every other thread creating files).
- A process killed between the fsync and the link leaves its temporary file
  `.<name>.samtui-<12 hex digits>.tmp`. Each write first removes such leftovers from its
  folder, but only those that are certainly abandoned (see `remove_stale_temporaries`).

Every failure is a one-line `SamtuiError` (of the class the caller names) that says what
went wrong in words and names the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
import time
from pathlib import Path
from typing import Final

from samtui.core.errors import SamtuiError

TAKEN: Final = "already exists: it is never overwritten"
"""What `write_atomic` says of a target that exists, unless the caller words it itself."""

STALE_AFTER_SECONDS: Final = 30.0
"""A leftover temporary file younger than this is never removed, even when unlocked: its
writer may have created it and not yet locked it (a window of two system calls)."""

_POSIX_ONLY: Final = (
    getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
)
"""Flags Windows lacks: not inherited by children, no following a link planted at the
name, no waiting on a FIFO planted at it. Where they are missing, O_EXCL still refuses
any file already there."""
_TEMPORARY: Final = re.compile(r"\..*\.samtui-[0-9a-f]{12}\.tmp", flags=re.DOTALL)
"""The names this module gives its temporary files, and the only ones it ever removes."""
_NAME_KEPT: Final = 100
"""Characters of the target's name kept in its temporary file's name (names max 255 bytes)."""
_CANNOT_LINK: Final = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS})
"""`link` errors that mean "this file system has no hard links" (FAT, some network shares)."""
_CANNOT_SYNC_FOLDERS: Final = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP})
"""`fsync` errors on a folder that mean "this file system does not sync folders": its
entries are then as durable as it makes them, and there is nothing more to do."""
_NO_LOCKS: Final = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL})
"""`flock` errors that mean "no locks on this file system" (some network shares)."""
_UNLOCKABLE_STALE_AFTER_SECONDS: Final = 24 * 3600.0
"""Where the file system has no locks, a leftover is judged by age alone: no write takes
a day, so a temporary file a day old has no writer."""


def write_atomic(
    path: str | Path,
    text: str,
    *,
    overwrite: bool = False,
    make_folders: bool = True,
    error: type[SamtuiError] = SamtuiError,
    taken: str = TAKEN,
) -> Path:
    """Put `text` (as UTF-8) at `path` whole or not at all and make it durable.

    An existing file is kept, and `error(taken)` raised, unless `overwrite`. Missing
    folders are made unless `make_folders` is false (then a missing folder is an error).
    """
    path = Path(path)
    folder = path.parent
    made: list[Path] = []
    try:
        try:
            made = _prepare(
                path, overwrite=overwrite, make_folders=make_folders, error=error, taken=taken
            )
            remove_stale_temporaries(folder)
            temporary, descriptor = _create_temporary(path)
        except OSError as err:
            raise error(reason(err), file=path) from None
        try:
            try:
                _write_all(descriptor, text.encode("utf-8"))
                os.fsync(descriptor)
                if overwrite:
                    os.replace(temporary, path)
                else:
                    _link_new(temporary, path)
            finally:
                _remove_quietly(temporary)  # after the link, or after a failure: ours either way
                os.close(descriptor)  # only now, so its lock said "in use" until it was gone
            try:
                _sync(folder)
            except OSError:
                if not overwrite:  # the name may not survive: take it back, so a retry is free
                    _remove_quietly(path)
                raise
        except FileExistsError:
            raise error(taken, file=path) from None
        except OSError as err:
            raise error(reason(err), file=path) from None
    except SamtuiError:
        _remove_folders(made)
        raise
    return path


def sync_directory(folder: str | Path, *, error: type[SamtuiError] = SamtuiError) -> None:
    """fsync a folder, so the names just made or removed in it survive a power cut.

    A file system that cannot sync folders makes this a no-op; any other failure is
    `error` naming the folder.
    """
    try:
        _sync(Path(folder))
    except OSError as err:
        why = (err.strerror or str(err)).lower()
        raise error(f"cannot sync the folder ({why})", file=folder) from None


def remove_stale_temporaries(folder: str | Path) -> list[Path]:
    """Remove the temporary files of writers that died in `folder`; return what went.

    A file is removed only if all of these hold, so no file that is not ours, and no
    write in progress, is ever touched: its name is one this module makes; it is a
    regular file (not a link) owned by this user; it is at least `STALE_AFTER_SECONDS`
    old; and no process holds its lock (a writer locks its temporary file until done,
    and the kernel drops the lock when the writer dies, however it dies). Where the file
    system has no locks, only a file a day old goes. Anything that cannot be checked is
    left alone: a leftover costs a few bytes, a wrong removal costs a write.
    """
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:  # not there or not readable: the write itself will say why
        return []
    removed = []
    now = time.time()
    for name in names:
        if not _TEMPORARY.fullmatch(name):
            continue
        candidate = Path(folder) / name
        try:
            if _remove_if_abandoned(candidate, now):
                removed.append(candidate)
        except OSError:
            continue  # gone meanwhile, or not ours to open: left alone
    return removed


def reason(err: OSError) -> str:
    """Why a file could not be written, in words a user can act on."""
    reasons = {
        errno.EACCES: "cannot write there (permission denied)",
        errno.EPERM: "cannot write there (not permitted)",
        errno.EROFS: "cannot write there (read-only file system)",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EFBIG: "the file is larger than this system allows (a file size limit)",
        errno.EIO: "cannot write it (input/output error: the disk or its connection failed)",
        errno.ENOENT: "cannot write there (a folder on the way does not exist)",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EISDIR: "is a folder: give a file name",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.ELOOP: "a part of the path is a link that leads in circles",
        errno.EMLINK: "the folder holds too many entries",
    }
    code = err.errno or 0
    if code in reasons:
        return reasons[code]
    return f"cannot write it ({(err.strerror or str(err)).lower()})"


# -- the parts -----------------------------------------------------------------------


def _prepare(
    path: Path, *, overwrite: bool, make_folders: bool, error: type[SamtuiError], taken: str
) -> list[Path]:
    """The checks a user wants in words before anything is created; returns the folders
    made on the way, outermost first, for a failed write to take back."""
    folder = path.parent
    made: list[Path] = []
    if make_folders:
        missing = _missing_folders(folder)
        try:
            for part in missing:
                part.mkdir(exist_ok=True)
                made.append(part)
        except FileExistsError:  # a file where a folder should be
            _remove_folders(made)
            raise error("a part of the path is a file, not a folder", file=path) from None
        except OSError:
            _remove_folders(made)
            raise
    elif not os.path.lexists(folder):
        raise error(f'cannot write there (folder "{folder}" does not exist)', file=path)
    if path.is_dir():
        raise error("is a folder: give a file name", file=path)
    if not overwrite and os.path.lexists(path):
        raise error(taken, file=path)
    return made


def _missing_folders(folder: Path) -> list[Path]:
    """`folder` and those of its parents that are not there, outermost first."""
    missing = []
    for part in [folder, *folder.parents]:
        if os.path.lexists(part):
            break
        missing.append(part)
    return missing[::-1]


def _remove_folders(made: list[Path]) -> None:
    """Take back the folders a failed write made, innermost first; a folder someone put
    something in meanwhile is not empty, and rmdir leaves it."""
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _create_temporary(path: Path) -> tuple[Path, int]:
    """A new, locked temporary file beside `path`: (its path, an open descriptor).

    Mode 0o666 lets the kernel apply the umask, as for any file the user creates.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _POSIX_ONLY
    while True:
        temporary = path.with_name(f".{path.name[:_NAME_KEPT]}.samtui-{secrets.token_hex(6)}.tmp")
        try:
            descriptor = os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue  # 48 random bits already taken: draw again
        break
    try:
        _lock(descriptor)
    except BaseException:
        os.close(descriptor)
        _remove_quietly(temporary)
        raise
    return temporary, descriptor


def _write_all(descriptor: int, data: bytes) -> None:
    """`os.write` may write less than asked (a signal, a nearly full disk): loop."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _link_new(temporary: Path, path: Path) -> None:
    """Give the written file its name only if the name is free (atomic, with a hard link)."""
    try:
        os.link(temporary, path)
    except OSError as err:
        if err.errno not in _CANNOT_LINK:
            raise
        _copy_exclusively(temporary, path)


def _copy_exclusively(temporary: Path, path: Path) -> None:
    """Without hard links: create the name exclusively and copy into it; on any failure
    the half-made file is ours (we created it) and is removed, so the name stays free."""
    data = temporary.read_bytes()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _POSIX_ONLY, 0o666)
    try:
        try:
            _write_all(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except BaseException:
        _remove_quietly(path)
        raise


def _sync(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder to fsync it
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(descriptor)
    except OSError as err:
        if err.errno not in _CANNOT_SYNC_FOLDERS:
            raise
    finally:
        os.close(descriptor)


def _remove_if_abandoned(candidate: Path, now: float) -> bool:
    seen = os.lstat(candidate)
    mine = not hasattr(os, "geteuid") or seen.st_uid == os.geteuid()
    if not stat.S_ISREG(seen.st_mode) or not mine:
        return False
    age = now - seen.st_mtime
    if age < STALE_AFTER_SECONDS:
        return False
    descriptor = os.open(candidate, os.O_RDONLY | _POSIX_ONLY)
    try:
        opened = os.fstat(descriptor)
        if (opened.st_dev, opened.st_ino) != (seen.st_dev, seen.st_ino):
            return False  # replaced between the look and the open: judged next time
        locked = _lock(descriptor)
        if locked is False or (locked is None and age < _UNLOCKABLE_STALE_AFTER_SECONDS):
            return False
        os.unlink(candidate)
    finally:
        os.close(descriptor)
    return True


if sys.platform == "win32":

    def _lock(descriptor: int) -> bool | None:
        """No advisory locks here: leftovers are judged by age alone."""
        return None

else:
    import fcntl

    def _lock(descriptor: int) -> bool | None:
        """Take the file's lock without waiting: True if taken, False if a live process
        holds it, None if this file system has no locks."""
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as err:
            if err.errno in _NO_LOCKS:
                return None
            raise
        return True


def _remove_quietly(path: Path) -> None:
    """Remove a file this module made. A failure here must not hide the error that made
    the write fail; what stays is a leftover that a later write removes."""
    with contextlib.suppress(OSError):
        os.unlink(path)
