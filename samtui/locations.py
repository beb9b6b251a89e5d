"""Every path samtui writes, in one place, so tests redirect them all through XDG variables.

Paths are computed on each call, never at import, so `XDG_STATE_HOME` set by a test (or by
the user after import) takes effect.
"""

from __future__ import annotations

import errno
import re
from datetime import date, datetime
from pathlib import Path
from typing import Final

import platformdirs

from samtui.core.errors import SamtuiError

APP_NAME: Final = "samtui"
SESSION_SUFFIX: Final = ".sqlite3"
"""Session journals are SQLite databases; the suffix says so to any tool that opens them."""

_UNSAFE_IN_NAME: Final = re.compile(r"[^\w.-]+")


def state_dir() -> Path:
    """Where samtui keeps state that outlives a run (sessions); not created here."""
    return platformdirs.user_state_path(APP_NAME)


def data_dir() -> Path:
    """Where samtui keeps what it makes once and reuses (the SSH host key); not created here."""
    return platformdirs.user_data_path(APP_NAME)


def config_dir() -> Path:
    """Where the user's settings live (`~/.config/samtui` on Linux; `XDG_CONFIG_HOME`
    moves it): config.toml, authorized_keys; not created here."""
    return platformdirs.user_config_path(APP_NAME)


def config_path() -> Path:
    """config.toml: keys remapped, the theme last picked (samtui.config reads it)."""
    return config_dir() / "config.toml"


def host_key_path() -> Path:
    """`samtui host`'s SSH host key (ed25519, OpenSSH format), made on the first run and
    kept, so its fingerprint stays the one people checked."""
    return data_dir() / "host" / "ssh_host_ed25519_key"


def authorized_keys_path() -> Path:
    """Public keys allowed into `samtui host` without the join code (OpenSSH format)."""
    return config_dir() / "authorized_keys"


def sessions_dir() -> Path:
    """The folder of meeting journals, created on demand so callers can write at once.

    A folder that cannot be made (a file in its place, a read-only disk) is a one-line
    SamtuiError naming it, raised before any command opens or creates a journal.
    """
    directory = state_dir() / "sessions"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SamtuiError(
            f"cannot keep sessions here: {_why_not(err)} (XDG_STATE_HOME moves it)",
            file=directory,
        ) from None
    return directory


def _why_not(err: OSError) -> str:
    reasons = {
        errno.EEXIST: "is a file, not a folder",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EACCES: "permission denied",
        errno.EPERM: "not permitted",
        errno.EROFS: "read-only file system",
        errno.ENOSPC: "the disk is full",
    }
    return reasons.get(err.errno or 0, (err.strerror or str(err)).lower())


def next_free_path(path: Path) -> Path:
    """`path` if nothing is there, else the first free `stem-2.suffix`, `stem-3.suffix`, ….

    Checking is not reserving: a writer that must not clobber still opens exclusively.
    """
    if not path.exists():
        return path
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def new_session_path(agenda_stem: str, started: datetime) -> Path:
    """A fresh journal path named after the agenda and the start, e.g. `acme-20261203-150012`.

    The start is written as given (the caller passes local time), so names sort by start.
    """
    stem = _UNSAFE_IN_NAME.sub("-", agenda_stem).strip("-.") or "session"
    name = f"{stem}-{started:%Y%m%d-%H%M%S}{SESSION_SUFFIX}"
    return next_free_path(sessions_dir() / name)


def default_minutes_path(agenda_path: Path, day: date) -> Path:
    """`<agenda dir>/minutes/<agenda stem>-<YYYY-MM-DD>.toml`, suffixed `-2`, `-3` if taken.

    Minutes live beside the agenda that produced them; the folder is left for the writer
    to create, so merely proposing a default changes nothing on disk.
    """
    name = f"{agenda_path.stem}-{day:%Y-%m-%d}.toml"
    return next_free_path(agenda_path.parent / "minutes" / name)
