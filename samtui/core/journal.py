"""The meeting journal: one SQLite file per session, every event committed before it is shown.

A crash, a kill or a power cut loses at most the event being written: WAL with
`synchronous=FULL` makes each `append` durable on return, and `Journal.open` checks the file
(`quick_check`) so a damaged journal is reported, never half-read. Every SQLite failure
surfaces as a one-line `JournalError` naming the file.

Schema (format 2): `meta(key, value)` holds the session (agenda text and path, export path,
title, account, created_at, state, finished_at, minutes_path, and the clock anchor:
clock_boot, clock_zero); `events` is the log, `seq` its order, each row one event as
samtui/core/events.py encodes it; `draft` holds each view's unfinished note line;
`snapshot` may hold the state folded up to a `seq`, so a resume need not replay it all.
Older formats are opened through `MIGRATIONS` (format 1 had no snapshot table).

The file under an open journal must stay the one opened: if it is deleted or replaced (or
its `-wal` file is), every later commit would go nowhere, so `append` checks after each
commit and raises `JournalGone` naming what happened.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self

from samtui.core import durable
from samtui.core.errors import JournalError, JournalGone, JournalLocked, NoSession, StaleView
from samtui.core.events import Event, EventError, decode, encode
from samtui.core.presence import ROOM, open_views
from samtui.core.sinks import Anchor
from samtui.core.vocabulary import STORED_SESSION_STATES, SessionState
from samtui.locations import SESSION_SUFFIX, sessions_dir

APPLICATION_ID: Final = 0x53414D54
"""`PRAGMA application_id` of every samtui journal ("SAMT"), telling it from other SQLite files."""
FORMAT_VERSION: Final = 2
"""`PRAGMA user_version`: the journal format this build writes (it reads older ones too)."""
BUSY_TIMEOUT_MS: Final = 5000
"""How long a write waits for another process's transaction before reporting a lock."""

RUNNING: Final[SessionState] = "running"
FINISHED: Final[SessionState] = "finished"
DAMAGED: Final[SessionState] = "damaged"
"""The state `list_sessions` gives a file it cannot read; `SessionInfo.problem` says why."""
LOCKED: Final[SessionState] = "locked"

_SCHEMA: Final = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE events ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " kind TEXT NOT NULL,"
    " at TEXT NOT NULL,"
    ' "offset" REAL NOT NULL,'
    " data TEXT NOT NULL)",
    "CREATE TABLE draft ( view TEXT PRIMARY KEY, text TEXT NOT NULL, saved_at TEXT NOT NULL)",
    "CREATE TABLE snapshot (seq INTEGER PRIMARY KEY, state TEXT NOT NULL)",
)


def _format_1_to_2(connection: sqlite3.Connection) -> None:
    """Format 2 adds the snapshot table; events, meta and drafts are as format 1 wrote them
    (the JSON of every event kind is unchanged)."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS snapshot (seq INTEGER PRIMARY KEY, state TEXT NOT NULL)"
    )


MIGRATIONS: Final[dict[int, Callable[[sqlite3.Connection], None]]] = {1: _format_1_to_2}
"""From format N to N + 1, each run in the transaction that sets the new user_version."""
_META_KEYS: Final = (
    "title",
    "account",
    "agenda_path",
    "agenda_text",
    "export_path",
    "created_at",
    "state",
    "finished_at",
    "minutes_path",
)

_ANCHOR_KEYS: Final = ("clock_boot", "clock_zero", "clock_wall")


@dataclass(frozen=True)
class SessionInfo:
    """What `samtui sessions` shows of a journal, read without replaying it.

    A file `list_sessions` cannot read has state "damaged", `problem` set to the reason,
    `created_at` the file's modification time, and empty title, account and paths.
    """

    path: Path
    title: str
    account: str
    agenda_path: Path
    export_path: Path | None
    created_at: datetime
    state: SessionState
    """running or finished; damaged or locked (another program holds it) when unreadable."""
    events: int
    last_event_at: datetime | None
    minutes_path: Path | None
    problem: str = ""
    """Why a "damaged" session could not be read; empty otherwise."""


class Journal:
    """An open session journal; one connection, usable from any thread, one call at a time."""

    def __init__(self, path: Path, connection: sqlite3.Connection, *, readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        self._connection = connection
        self._lock = threading.RLock()
        self._closed = False
        self._identity = _file_identity(path)
        self._wal_identity: tuple[int, int] | None = None

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        *,
        agenda_text: str,
        agenda_path: Path,
        title: str,
        account: str,
        export_path: Path | None,
        created_at: datetime,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> Journal:
        """Start a new session's journal; never overwrites a file, so a session is never lost."""
        _require_aware(created_at, "created_at")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # O_EXCL reserves the name atomically: two processes cannot create the same journal.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise JournalError("a file is already there; not overwriting it", file=path) from None
        except OSError as error:
            raise JournalError(
                f"cannot create the journal ({error.strerror})", file=path
            ) from error
        meta = {
            "title": title,
            "account": account,
            "agenda_path": str(_absolute(agenda_path)),
            "agenda_text": agenda_text,
            "export_path": str(_absolute(export_path)) if export_path is not None else "",
            "created_at": created_at.isoformat(),
            "state": RUNNING,
            "finished_at": "",
            "minutes_path": "",
        }
        try:
            connection = _connect(path, readonly=False, busy_timeout_ms=busy_timeout_ms)
            try:
                with _translated(path):
                    _use_wal(path, connection)
                    connection.execute("BEGIN IMMEDIATE")
                    for statement in _SCHEMA:
                        connection.execute(statement)
                    connection.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)", meta.items()
                    )
                    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    connection.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
                    connection.execute("COMMIT")
            except BaseException:
                connection.close()
                raise
            durable.sync_directory(path.parent, error=JournalError)
        except BaseException:
            _remove_journal_files(path)
            raise
        return cls(path, connection, readonly=False)

    @classmethod
    def open(
        cls, path: Path, *, readonly: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> Journal:
        """Open a journal after checking it is a whole samtui journal of a format we read."""
        if not path.exists():
            raise JournalError("no such journal", file=path)
        if not path.is_file():
            raise JournalError("not a samtui journal (not a file)", file=path)
        _refuse_a_missing_wal(path)
        connection = _connect(path, readonly=readonly, busy_timeout_ms=busy_timeout_ms)
        try:
            with _translated(path):
                _check_identity(path, connection)
                problems = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
                if problems != ["ok"]:
                    raise JournalError(f"the journal is damaged ({problems[0]})", file=path)
                if not readonly:
                    _use_wal(path, connection)
                    _migrate(connection)
            journal = cls(path, connection, readonly=readonly)
            journal.info()  # the session's meta must be whole too
        except BaseException:
            connection.close()
            raise
        return journal

    # -- the log -------------------------------------------------------------------------

    def append(self, event: Event, *, after: int | None = None) -> Event:
        """Journal `event` durably (committed and synced on return) and give it its `seq`.

        The `seq` of the event passed in is ignored; the journal alone numbers events.
        With `after`, the event goes in only if the journal's last event is still that
        one; otherwise another view wrote first and `StaleView` says so, so the caller
        can catch up and decide again (two views never act on the same stale state).
        """
        _require_aware(event.at, "event.at")
        if not math.isfinite(event.offset):
            raise ValueError(f"event offset must be finite, not {event.offset!r}")
        row = encode(event)
        with self._transaction() as connection:
            if after is not None:
                (last,) = connection.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()
                if last != after:
                    raise StaleView("another view wrote first", file=self.path)
            cursor = connection.execute(
                'INSERT INTO events (kind, at, "offset", data) VALUES (?, ?, ?, ?)', row
            )
            seq = cursor.lastrowid
        assert seq is not None  # an INSERT into a rowid table always sets it
        stored = dataclasses.replace(event, seq=seq)
        self.check_file(stored)
        return stored

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a write waits for another program's lock before JournalLocked: the
        app's own connection waits briefly, so a held lock never freezes the screen."""
        with self._lock, _translated(self.path):
            self._live_connection().execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    def check_file(self, event: Event | None = None) -> None:
        """JournalGone if the file (or its -wal) is no longer the one this journal opened:
        deleted, moved away or replaced. `event` is the one just committed, if any."""
        problem = self.file_problem()
        if problem is not None:
            raise JournalGone(problem, file=self.path, event=event)

    def file_problem(self) -> str | None:
        """Why the file under this journal is not the one opened, or None (cheap: two stats)."""
        if self._identity is None:
            return None
        now = _file_identity(self.path)
        if now is None:
            return "the journal file was deleted: changes are no longer saved"
        if now != self._identity:
            return "the journal file was replaced by another: changes are no longer saved"
        if self.readonly:
            return None
        wal = _file_identity(self.path.with_name(self.path.name + "-wal"))
        if self._wal_identity is None:
            self._wal_identity = wal  # the -wal file comes with the first write
        elif wal != self._wal_identity:
            return "the journal's -wal file was deleted or replaced: changes are no longer saved"
        return None

    def events(self, after: int = 0) -> list[Event]:
        """Events with `seq > after`, in order: `after` lets a viewer fetch only what is new.

        A row that is not a valid event is a JournalError naming it (`read_events` keeps
        what comes before it).
        """
        events, damage = self.read_events(after)
        if damage is not None:
            raise JournalError(
                f"the journal is damaged ({damage.reason})",
                file=self.path,
                place=f"event {damage.seq}",
            )
        return events

    def read_events(self, after: int = 0) -> tuple[list[Event], EventError | None]:
        """The valid events from `after` on, up to the first damaged row, and its damage."""
        rows = self._read(
            'SELECT seq, kind, at, "offset", data FROM events WHERE seq > ? ORDER BY seq', (after,)
        )
        events: list[Event] = []
        for seq, kind, at, offset, data in rows:
            try:
                events.append(decode(seq, kind, at, offset, data))
            except EventError as damage:
                return events, damage
        return events, None

    def anchor(self) -> Anchor | None:
        """The session's clock anchor (see samtui.core.sinks.Anchor), if one was set."""
        rows = dict(self._read("SELECT key, value FROM meta WHERE key IN (?, ?, ?)", _ANCHOR_KEYS))
        boot, zero, wall = (rows.get(key) for key in _ANCHOR_KEYS)
        if not isinstance(boot, str) or not isinstance(zero, str) or not isinstance(wall, str):
            return None
        try:
            value, at = float(zero), _parse_aware(wall)
        except ValueError:
            return None  # a damaged anchor is set anew, from the events
        return Anchor(boot, value, at) if math.isfinite(value) else None

    def set_anchor(self, anchor: Anchor) -> None:
        _require_aware(anchor.wall, "anchor.wall")
        self._set_meta(
            {
                "clock_boot": anchor.boot,
                "clock_zero": repr(anchor.zero),
                "clock_wall": anchor.wall.isoformat(),
            }
        )

    # -- the session ---------------------------------------------------------------------

    def info(self) -> SessionInfo:
        """The session as stored, from one consistent snapshot of the file."""
        with self._lock, _translated(self.path):
            connection = self._live_connection()
            connection.execute("BEGIN")
            try:
                stored = dict(connection.execute("SELECT key, value FROM meta").fetchall())
                count, last_at = connection.execute(
                    "SELECT (SELECT count(*) FROM events),"
                    " (SELECT at FROM events ORDER BY seq DESC LIMIT 1)"
                ).fetchone()
            finally:
                connection.execute("COMMIT")
        return _session_info(self.path, stored, count, last_at)

    @property
    def agenda_text(self) -> str:
        """The agenda as it was when the session began (the file may since have changed)."""
        rows = self._read("SELECT value FROM meta WHERE key = 'agenda_text'")
        if not rows or not isinstance(rows[0][0], str):
            raise JournalError("the journal is damaged (no agenda text)", file=self.path)
        text: str = rows[0][0]
        return text

    def set_export_path(self, path: Path) -> None:
        """Remember where the minutes go, so a resumed session exports to the same place."""
        self._set_meta({"export_path": str(_absolute(path))})

    def save_draft(self, text: str, view: str = ROOM) -> None:
        """Keep a view's unfinished note line, so a crash does not lose what was being typed.

        Each view (the room's screen, a joined scribe's laptop) has its own line: two
        views never load, and then both add, the same half-typed note.
        """
        saved_at = datetime.now(UTC).isoformat()
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO draft (view, text, saved_at) VALUES (?, ?, ?) ON CONFLICT (view)"
                " DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at",
                (view, text, saved_at),
            )

    def draft(self, view: str = ROOM) -> str:
        """A view's unfinished note line, "" if none was saved."""
        rows = self._read("SELECT text FROM draft WHERE view = ?", (view,))
        return str(rows[0][0]) if rows else ""

    def mark_finished(self, minutes_path: Path, at: datetime) -> None:
        """Record that the minutes were written, so the session no longer counts as unfinished."""
        _require_aware(at, "at")
        self._set_meta(
            {
                "state": FINISHED,
                "finished_at": at.isoformat(),
                "minutes_path": str(_absolute(minutes_path)),
            }
        )

    def data_version(self) -> int:
        """A number that changes when another connection commits: cheap polling for viewers."""
        rows = self._read("PRAGMA data_version")
        version: int = rows[0][0]
        return version

    # -- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        """Close the file; idempotent, so `with` and an explicit close can both run."""
        with self._lock:
            if not self._closed:
                self._closed = True
                with _translated(self.path):
                    self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r}, readonly={self.readonly})"

    # -- plumbing ------------------------------------------------------------------------

    def _live_connection(self) -> sqlite3.Connection:
        if self._closed:
            raise JournalError("the journal is closed", file=self.path)
        return self._connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken up front (IMMEDIATE) so it waits for, never fails on,
        another writer."""
        with self._lock, _translated(self.path):
            connection = self._live_connection()
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    def _read(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock, _translated(self.path):
            rows: list[tuple[Any, ...]] = (
                self._live_connection().execute(sql, parameters).fetchall()
            )
            return rows

    def _set_meta(self, values: Mapping[str, str]) -> None:
        with self._transaction() as connection:
            connection.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                values.items(),
            )


# -- sessions ----------------------------------------------------------------------------


def list_sessions(directory: Path | None = None) -> list[SessionInfo]:
    """Every journal in `directory` (default: the sessions folder), newest first.

    A file that cannot be read is listed with state "damaged" and the reason in `problem`,
    so one bad file neither hides the others nor goes unnoticed. Journals are opened
    read-write (but only read) so SQLite can tidy their `-wal`/`-shm` files on close.
    """
    folder = sessions_dir() if directory is None else directory
    if not folder.is_dir():
        return []
    sessions = []
    for path in folder.glob(f"*{SESSION_SUFFIX}"):
        if not path.is_file():
            continue
        try:
            with Journal.open(path) as journal:
                sessions.append(journal.info())
        except JournalError as error:
            sessions.append(_damaged(path, error))
    sessions.sort(key=lambda session: (session.created_at, session.path.name), reverse=True)
    return sessions


def latest_session(
    *,
    unfinished_only: bool = True,
    agenda_path: Path | None = None,
    directory: Path | None = None,
) -> SessionInfo | None:
    """The newest readable session, optionally only unfinished ones or those of one agenda."""
    wanted = _absolute(agenda_path).resolve() if agenda_path is not None else None
    for session in list_sessions(directory):
        if session.state in (DAMAGED, LOCKED):
            continue
        if unfinished_only and session.state != RUNNING:
            continue
        if wanted is not None and session.agenda_path.resolve() != wanted:
            continue
        return session
    return None


def resolve_session(name: str | None, directory: Path | None = None) -> Path:
    """The journal a command-line argument means: latest unfinished, a path, or a session name."""
    if name is None:
        session = latest_session(directory=directory)
        if session is None:
            raise NoSession("no unfinished session")
        return session.path
    given = Path(name).expanduser()
    if given.is_file():
        return given
    folder = sessions_dir() if directory is None else directory
    for candidate in (folder / name, folder / f"{name}{SESSION_SUFFIX}"):
        if candidate.is_file():
            return candidate
    raise NoSession("no such session file or session name", file=name)


# -- helpers -----------------------------------------------------------------------------


def _connect(path: Path, *, readonly: bool, busy_timeout_ms: int) -> sqlite3.Connection:
    """A connection in autocommit mode (explicit transactions only) that never creates files."""
    mode = "ro" if readonly else "rw"
    with _translated(path):
        return sqlite3.connect(
            f"{_absolute(path).as_uri()}?mode={mode}",
            uri=True,
            timeout=busy_timeout_ms / 1000,
            isolation_level=None,
            check_same_thread=False,  # Journal's lock serialises use across threads
        )


def _use_wal(path: Path, connection: sqlite3.Connection) -> None:
    """WAL lets viewers read while the meeting writes; FULL syncs each commit before return."""
    connection.execute("PRAGMA synchronous = FULL")
    (mode,) = connection.execute("PRAGMA journal_mode = WAL").fetchone()
    if str(mode).lower() != "wal":
        raise JournalError(f"cannot use write-ahead logging here (journal mode {mode})", file=path)


def _check_identity(path: Path, connection: sqlite3.Connection) -> None:
    """Refuse anything but a samtui journal of a format this build reads, before touching it."""
    (application_id,) = connection.execute("PRAGMA application_id").fetchone()
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if application_id != APPLICATION_ID:
        if path.stat().st_size == 0:
            raise JournalError("not a samtui journal (an empty file)", file=path)
        raise JournalError(
            "not a samtui journal (an SQLite database of another program)", file=path
        )
    if version > FORMAT_VERSION:
        raise JournalError(
            f"the journal is format {version}, newer than this samtui reads ({FORMAT_VERSION});"
            " upgrade samtui",
            file=path,
        )
    if version < 1:
        raise JournalError(f"the journal is damaged (format version {version})", file=path)


def _session_info(
    path: Path, stored: Mapping[str, object], count: int, last_at: str | None
) -> SessionInfo:
    """Parse the meta table; anything missing or malformed means the journal is damaged."""
    missing = [key for key in _META_KEYS if not isinstance(stored.get(key), str)]
    if missing:
        raise JournalError(f"the journal is damaged (no {missing[0]} in meta)", file=path)
    text = {key: str(stored[key]) for key in _META_KEYS}
    state = next((known for known in STORED_SESSION_STATES if known == text["state"]), None)
    if state is None:
        raise JournalError(f"the journal is damaged (unknown state {text['state']!r})", file=path)
    try:
        created_at = _parse_aware(text["created_at"])
        last_event_at = _parse_aware(last_at) if last_at is not None else None
    except ValueError as error:
        raise JournalError(f"the journal is damaged ({error})", file=path) from error
    return SessionInfo(
        path=path,
        title=text["title"],
        account=text["account"],
        agenda_path=Path(text["agenda_path"]),
        export_path=Path(text["export_path"]) if text["export_path"] else None,
        created_at=created_at,
        state=state,
        events=count,
        last_event_at=last_event_at,
        minutes_path=Path(text["minutes_path"]) if text["minutes_path"] else None,
    )


def _damaged(path: Path, error: JournalError) -> SessionInfo:
    try:
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).astimezone()
    except OSError:
        modified = datetime.fromtimestamp(0, UTC)
    return SessionInfo(
        path=path,
        title="",
        account="",
        agenda_path=Path(),
        export_path=None,
        created_at=modified,
        state=LOCKED if isinstance(error, JournalLocked) else DAMAGED,
        events=0,
        last_event_at=None,
        minutes_path=None,
        problem=error.message,
    )


def _refuse_a_missing_wal(path: Path) -> None:
    """A view is open on the journal, yet its -wal file is gone: the latest changes live only
    in that view's memory, and a new connection would see (and write after) an older
    meeting. SQLite removes -wal and -shm together, when the last connection closes."""
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    if shm.exists() and not wal.exists() and open_views(path):
        raise JournalGone(
            "the journal's -wal file is missing while the meeting is open in another window: "
            "its latest changes are only there (it says so, and writes its minutes)",
            file=path,
        )


def _file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of a file, None if it is not there."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _migrate(connection: sqlite3.Connection) -> None:
    """Bring an older journal to this build's format, one step per version, atomically."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    while version < FORMAT_VERSION:
        connection.execute("BEGIN IMMEDIATE")
        try:
            (current,) = connection.execute("PRAGMA user_version").fetchone()
            if current == version:  # another view may have migrated it meanwhile
                MIGRATIONS[version](connection)
                connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        (version,) = connection.execute("PRAGMA user_version").fetchone()


def _parse_aware(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.utcoffset() is None:
        raise ValueError(f"timestamp {text!r} has no UTC offset")
    return moment


def _require_aware(moment: datetime, name: str) -> None:
    """Journals store instants; a naive time would mean different things on different machines."""
    if moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, not {moment!r}")


def _absolute(path: Path) -> Path:
    return path.expanduser().absolute()


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    """Turn any sqlite3 error into a one-line JournalError naming the file."""
    try:
        yield
    except sqlite3.Error as error:
        raise _journal_error(path, error) from error


def _journal_error(path: Path, error: sqlite3.Error) -> JournalError:
    detail = str(error) or type(error).__name__
    if isinstance(error, sqlite3.ProgrammingError) and "closed" in detail:
        return JournalError("the journal is closed", file=path)
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None  # the low byte of an extended code
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return JournalLocked("the journal is locked by another program", file=path)
    if primary == sqlite3.SQLITE_NOTADB:
        message = "not a samtui journal (not an SQLite database)"
    elif primary == sqlite3.SQLITE_CORRUPT:
        message = f"the journal is damaged ({detail})"
    elif primary == sqlite3.SQLITE_READONLY:
        message = f"the journal is read-only ({detail})"
    elif primary == sqlite3.SQLITE_FULL:
        message = "the disk is full; the last change was not saved"
    elif primary in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        message = f"cannot open the journal ({detail})"
    elif primary == sqlite3.SQLITE_IOERR:
        message = f"cannot read or write the journal ({detail})"
    else:
        message = f"journal error ({detail})"
    return JournalError(message, file=path)


def _remove_journal_files(path: Path) -> None:
    """Undo a half-made journal so a failed create leaves nothing a later run would trip on."""
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        # The error that made create fail is the one to report, not a failed cleanup.
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)
