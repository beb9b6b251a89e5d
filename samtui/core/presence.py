"""Which views of a session are open: one room view, and a slot (and draft) per other view.

Each open view holds an advisory lock (flock) on a small file of its own in the session's
`<journal>.views/` folder; the kernel lets go of it when the process ends, however it ends
(ctrl+q, a crash, kill -9), so a slot is free exactly when nobody holds it. The slot's name
is also the view's key in the journal's draft table: the room's unsent line is never loaded
by a second window, and two scribes never share one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from samtui.core.errors import JournalError
from samtui.core.vocabulary import VIEW_ROLES, ViewRole

ROOM: Final = "room"
"""The slot of the view `samtui run` and `samtui resume` open: there is one per session."""
MAX_SLOTS: Final = 500
"""More views of one role than anyone holds; a bound so a loop cannot run away."""


@dataclass(frozen=True, slots=True)
class ViewInfo:
    """An open view, as its lock file describes it."""

    slot: str
    role: ViewRole | None
    """None for the room's view."""
    pid: int
    since: datetime
    where: str


class RoomTaken(JournalError):
    """The session is already open as the room's view in another window."""

    def __init__(self, journal: Path, holder: ViewInfo | None) -> None:
        if holder is not None:
            said = (
                f"this meeting is already open in another window (process {holder.pid}, "
                f"since {holder.since.astimezone():%H:%M}, {holder.where})"
            )
        else:
            said = "this meeting is already open in another window"
        super().__init__(said, file=journal.stem)
        self.journal = journal
        self.holder = holder


def views_folder(journal: Path) -> Path:
    return journal.with_name(journal.name + ".views")


class ViewSlot:
    """This process's hold on one view slot of a session; `release` (or the process ending)
    frees it."""

    def __init__(self, journal: Path, slot: str, role: ViewRole | None, descriptor: int) -> None:
        self.journal = journal
        self.slot = slot
        self.role = role
        self._descriptor: int | None = descriptor

    @classmethod
    def room(cls, journal: Path, *, since: datetime, where: str = "this machine") -> ViewSlot:
        """The room's slot, or RoomTaken naming who holds it."""
        held = _take(journal, ROOM, None, since, where)
        if held is None:
            raise RoomTaken(journal, _read(views_folder(journal) / f"{ROOM}.lock"))
        return held

    @classmethod
    def join(
        cls, journal: Path, role: ViewRole, *, since: datetime, where: str = "this machine"
    ) -> ViewSlot:
        """The first free slot for `role`: "scribe", then "scribe-2", "scribe-3", …"""
        for number in range(1, MAX_SLOTS + 1):
            slot = role if number == 1 else f"{role}-{number}"
            held = _take(journal, slot, role, since, where)
            if held is not None:
                return held
        raise JournalError(f"more than {MAX_SLOTS} {role} views are open", file=journal.stem)

    def release(self) -> None:
        if self._descriptor is not None:
            descriptor, self._descriptor = self._descriptor, None
            with contextlib.suppress(OSError):
                os.close(descriptor)  # closing lets go of the lock

    def __enter__(self) -> ViewSlot:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


def _take(
    journal: Path, slot: str, role: ViewRole | None, since: datetime, where: str
) -> ViewSlot | None:
    folder = views_folder(journal)
    try:
        folder.mkdir(exist_ok=True)
        descriptor = os.open(folder / f"{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise JournalError(
            f"cannot keep track of open views ({error.strerror or error})", file=folder
        ) from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    except OSError as error:
        os.close(descriptor)
        raise JournalError(
            f"cannot keep track of open views ({error.strerror or error})", file=folder
        ) from None
    record = {"pid": os.getpid(), "role": role, "since": since.isoformat(), "where": where}
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, json.dumps(record).encode("utf-8"), 0)
    return ViewSlot(journal, slot, role, descriptor)


def open_views(journal: Path) -> list[ViewInfo]:
    """Every view of the session open now (the room first, then by slot)."""
    folder = views_folder(journal)
    try:
        files = sorted(folder.glob("*.lock"), key=lambda p: (p.stem != ROOM, p.stem))
    except OSError:
        return []
    return [info for path in files if held(path) and (info := _read(path)) is not None]


def count_by_role(journal: Path) -> dict[ViewRole, int]:
    """How many joined views of each role are open (the room's view is not counted)."""
    counts: dict[ViewRole, int] = {}
    for view in open_views(journal):
        if view.role is not None:
            counts[view.role] = counts.get(view.role, 0) + 1
    return counts


def held(path: Path) -> bool:
    """Whether a live process holds a lock on `path` (a view's slot, a host's lock file):
    a shared lock cannot be taken."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(descriptor)  # a lock taken here goes with the descriptor
    return False


def _read(path: Path) -> ViewInfo | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        role = record.get("role")
        return ViewInfo(
            slot=path.stem,
            role=role if role in VIEW_ROLES else None,
            pid=int(record["pid"]),
            since=datetime.fromisoformat(str(record["since"])),
            where=str(record.get("where", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # written by a view that is still starting, or not ours
