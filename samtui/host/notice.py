"""What the room shows while `samtui host` serves its meeting: where to connect, the code.

`samtui host` writes `host.json` in a private folder beside the journal's view slots
(`<journal>.views/host/`, mode 0700: the code lets people write into the meeting) and holds
a lock on `host.lock` there for as long as it runs. The kernel drops the lock when the host
ends, however it ends (SIGKILL included), so a notice whose lock is free is stale and shown
nowhere; the next host writes its own over it. No asyncssh, no Textual: the room's screen
reads this every few seconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from samtui.core import durable
from samtui.core.errors import SamtuiError
from samtui.core.presence import held, views_folder

WILDCARDS: Final = frozenset({"", "0.0.0.0", "::"})
FOLDER: Final = "host"
NOTICE: Final = "host.json"
LOCK: Final = "host.lock"


class HostTaken(SamtuiError):
    """Another `samtui host` already serves this meeting."""


@dataclass(frozen=True)
class HostNotice:
    """A running host, as the room shows it."""

    pid: int
    listen: str
    port: int
    code: str
    fingerprint: str
    """The host key's, as ssh prints it: `SHA256:…`."""
    viewers_open: bool
    since: str

    @property
    def address(self) -> str:
        """What to type after `ROLE@`: the address listened on, or this machine's name."""
        if self.listen in WILDCARDS:
            return socket.gethostname()
        return self.listen

    def ssh_command(self, role: str) -> str:
        port = "" if self.port == 22 else f"-p {self.port} "
        return f"ssh {port}{role}@{self.address}"


def private_folder(path: Path) -> Path:
    """A folder only this user can enter (made if missing, tightened if it is looser), so
    the files in it are private whatever the umask gave them."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError as err:
        raise SamtuiError(
            f"cannot make a private folder ({durable.reason(err)})", file=path
        ) from None
    return path


def folder_of(journal: Path) -> Path:
    return views_folder(journal) / FOLDER


class Published:
    """This process's notice: held until `withdraw` (or the process ending)."""

    def __init__(self, journal: Path, notice: HostNotice, descriptor: int) -> None:
        self.journal = journal
        self.notice = notice
        self._descriptor: int | None = descriptor

    @classmethod
    def publish(cls, journal: Path, notice: HostNotice) -> Published:
        """Take the host's lock, then write the notice; HostTaken if another host holds it."""
        folder = private_folder(folder_of(journal))
        try:
            descriptor = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as err:
            raise SamtuiError(f"cannot lock ({durable.reason(err)})", file=folder / LOCK) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            other = read_notice(journal)
            where = f" (process {other.pid}, port {other.port})" if other else ""
            raise HostTaken(
                f"another samtui host already serves this meeting{where}", file=journal.stem
            ) from None
        try:
            durable.write_atomic(
                folder / NOTICE, json.dumps(asdict(notice), indent=2) + "\n", overwrite=True
            )
        except SamtuiError:
            os.close(descriptor)
            raise
        return cls(journal, notice, descriptor)

    def withdraw(self) -> None:
        """Remove the notice, then let go of the lock: the room stops showing the code."""
        if self._descriptor is None:
            return
        descriptor, self._descriptor = self._descriptor, None
        with contextlib.suppress(OSError):
            (folder_of(self.journal) / NOTICE).unlink()
        with contextlib.suppress(OSError):
            os.close(descriptor)

    def __enter__(self) -> Published:
        return self

    def __exit__(self, *_: object) -> None:
        self.withdraw()


def read_notice(journal: Path) -> HostNotice | None:
    """The notice of the host serving this meeting now, or None (no host, or a dead one's)."""
    folder = folder_of(journal)
    if not held(folder / LOCK):
        return None
    try:
        record = json.loads((folder / NOTICE).read_text(encoding="utf-8"))
        return HostNotice(
            pid=int(record["pid"]),
            listen=str(record["listen"]),
            port=int(record["port"]),
            code=str(record["code"]),
            fingerprint=str(record["fingerprint"]),
            viewers_open=bool(record["viewers_open"]),
            since=str(record["since"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # being written, or not ours


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
