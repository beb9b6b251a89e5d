"""The journal keeps every committed event through crashes, kills and concurrent writers,
and reports any unreadable file as one line naming it."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samtui.core.errors import JournalError
from samtui.core.events import Event, FloorGiven, NoteAdded, Started
from samtui.core.journal import (
    APPLICATION_ID,
    DAMAGED,
    FINISHED,
    FORMAT_VERSION,
    RUNNING,
    Journal,
    SessionInfo,
    latest_session,
    list_sessions,
    resolve_session,
)

WRITER = Path(__file__).with_name("journal_writer.py")
CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 12, 3, 15, 0, 12, tzinfo=CET)
AGENDA_TEXT = 'title = "ACME — Q4 review"\n[[items]]\ntitle = "Ouverture ☕"\nminutes = 5\n'


def create(path: Path, **overrides: Any) -> Journal:
    arguments: dict[str, Any] = {
        "agenda_text": AGENDA_TEXT,
        "agenda_path": path.parent / "acme.toml",
        "title": "ACME — Q4 review",
        "account": "ACME Corp",
        "export_path": None,
        "created_at": T0,
    }
    arguments.update(overrides)
    return Journal.create(path, **arguments)


def event(index: int, text: str | None = None, *, writer: str = "w") -> NoteAdded:
    """Note `index + 1`, by default "WRITER INDEX", so a test can tell whose each row is."""
    return NoteAdded(
        at=T0 + timedelta(seconds=index),
        offset=index * 1.25,
        note=index + 1,
        item=0,
        kind="point",
        text=f"{writer} {index}" if text is None else text,
    )


def writer_and_index(stored: Event) -> tuple[str, int]:
    assert isinstance(stored, NoteAdded)
    writer, index = stored.text.split()[:2]
    return writer, int(index)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with create(tmp_path / "acme.sqlite3") as opened:
        yield opened


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "samtui" / "sessions"


# -- round trips ---------------------------------------------------------------------------


def test_a_new_journal_holds_the_session(tmp_path: Path) -> None:
    path = tmp_path / "acme.sqlite3"
    with create(path):
        pass
    with Journal.open(path) as journal:
        assert journal.agenda_text == AGENDA_TEXT
        assert journal.info() == _info(
            path,
            title="ACME — Q4 review",
            account="ACME Corp",
            agenda_path=tmp_path / "acme.toml",
            export_path=None,
            created_at=T0,
            state=RUNNING,
            events=0,
            last_event_at=None,
            minutes_path=None,
        )
        assert journal.info().created_at.utcoffset() == timedelta(hours=1)


def _info(path: Path, **fields: Any) -> SessionInfo:
    return SessionInfo(path=path, **fields)


def test_relative_paths_are_stored_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with create(tmp_path / "j.sqlite3", agenda_path=Path("acme.toml")) as journal:
        journal.set_export_path(Path("minutes/acme.toml"))
        info = journal.info()
    assert info.agenda_path == tmp_path / "acme.toml"
    assert info.export_path == tmp_path / "minutes" / "acme.toml"


def test_events_round_trip_in_order_with_their_seq(tmp_path: Path) -> None:
    path = tmp_path / "acme.sqlite3"
    big = "ünïcödé ✓ 日本語 🙂 " * 50_000  # about 1 MB
    written: list[Event] = [
        Started(at=T0, offset=0.0),
        FloorGiven(at=T0 + timedelta(seconds=3), offset=3.000001, attendee="Zoë"),
        NoteAdded(
            at=T0 + timedelta(minutes=2),
            offset=120.5,
            note=1,
            item=0,
            kind="action",
            text=big,
            owner="zoe",
            due=date(2027, 1, 31),
            growth=True,
            question=("zoe", 0),
        ),
        NoteAdded(
            at=datetime(2026, 12, 3, 14, 3, tzinfo=UTC),
            offset=180.0,
            note=2,
            item=3,
            kind="point",
            text="a\nb\tc",
        ),
    ]
    with create(path) as journal:
        stored = [journal.append(e) for e in written]
    assert [e.seq for e in stored] == [1, 2, 3, 4]
    assert stored == [_with_seq(e, n) for n, e in enumerate(written, 1)]
    with Journal.open(path, readonly=True) as journal:
        assert journal.events() == stored
        assert journal.events(after=2) == stored[2:]
        assert journal.events(after=4) == []
        info = journal.info()
    assert info.events == 4
    assert info.last_event_at == datetime(2026, 12, 3, 14, 3, tzinfo=UTC)


def _with_seq(e: Event, seq: int) -> Event:
    return dataclasses.replace(e, seq=seq)


def test_a_lone_surrogate_round_trips(journal: Journal) -> None:
    stored = journal.append(event(0, text="bad paste \udcff here"))
    assert journal.events() == [stored]


def test_append_ignores_the_seq_passed_in(journal: Journal) -> None:
    assert journal.append(_with_seq(event(0), 99)).seq == 1


def test_another_connection_sees_an_append_at_once(journal: Journal) -> None:
    with Journal.open(journal.path, readonly=True) as viewer:
        before = viewer.data_version()
        stored = journal.append(event(1))
        assert viewer.data_version() != before
        assert viewer.events() == [stored]


def test_data_version_ignores_own_commits(journal: Journal) -> None:
    before = journal.data_version()
    journal.append(event(1))
    assert journal.data_version() == before


def test_draft_is_empty_then_replaced(journal: Journal) -> None:
    assert journal.draft() == ""
    journal.save_draft("Zoë: budget ok pour 2027 —")
    journal.save_draft("Zoë: budget ok pour 2027 — sous réserve")
    with Journal.open(journal.path, readonly=True) as other:
        assert other.draft() == "Zoë: budget ok pour 2027 — sous réserve"
    journal.save_draft("")
    assert journal.draft() == ""


def test_finishing_records_minutes_and_state(journal: Journal, tmp_path: Path) -> None:
    journal.set_export_path(tmp_path / "out" / "acme.toml")
    journal.mark_finished(tmp_path / "out" / "acme-2.toml", T0 + timedelta(hours=2))
    with Journal.open(journal.path) as reopened:
        info = reopened.info()
    assert (info.state, info.export_path, info.minutes_path) == (
        FINISHED,
        tmp_path / "out" / "acme.toml",
        tmp_path / "out" / "acme-2.toml",
    )
    raw = sqlite3.connect(journal.path)
    assert raw.execute("SELECT value FROM meta WHERE key = 'finished_at'").fetchone() == (
        "2026-12-03T17:00:12+01:00",
    )
    raw.close()


def test_the_file_says_it_is_a_samtui_wal_journal(journal: Journal) -> None:
    raw = sqlite3.connect(journal.path)
    assert raw.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert raw.execute("PRAGMA user_version").fetchone() == (FORMAT_VERSION,)
    assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    raw.close()
    connection = journal._connection
    assert connection.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
    assert connection.execute("PRAGMA busy_timeout").fetchone() == (5000,)
    assert connection.isolation_level is None


def test_timestamps_are_stored_iso_with_offset(journal: Journal) -> None:
    journal.append(event(0))
    raw = sqlite3.connect(journal.path)
    assert raw.execute('SELECT at, "offset" FROM events').fetchone() == (
        "2026-12-03T15:00:12+01:00",
        0.0,
    )
    raw.close()


def test_create_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "taken.sqlite3"
    path.write_text("precious")
    with pytest.raises(JournalError) as caught:
        create(path)
    assert str(caught.value) == f"{path}: a file is already there; not overwriting it"
    assert path.read_text() == "precious"


def test_naive_times_and_bad_offsets_are_programming_errors(journal: Journal) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        journal.append(Started(at=datetime(2026, 12, 3, 15, 0), offset=0.0))
    with pytest.raises(ValueError, match="finite"):
        journal.append(Started(at=T0, offset=float("nan")))
    assert journal.events() == []


def test_a_readonly_journal_refuses_writes(journal: Journal) -> None:
    journal.append(event(0))
    with Journal.open(journal.path, readonly=True) as viewer:
        assert len(viewer.events()) == 1
        with pytest.raises(JournalError) as caught:
            viewer.append(event(1))
    assert str(caught.value) == (
        f"{journal.path}: the journal is read-only (attempt to write a readonly database)"
    )


def test_a_closed_journal_says_so(tmp_path: Path) -> None:
    journal = create(tmp_path / "j.sqlite3")
    journal.close()
    journal.close()
    with pytest.raises(JournalError) as caught:
        journal.events()
    assert str(caught.value) == f"{journal.path}: the journal is closed"


def test_threads_may_share_one_journal(journal: Journal) -> None:
    def write(name: str) -> None:
        for index in range(25):
            journal.append(event(index, writer=name))

    threads = [threading.Thread(target=write, args=(str(n),)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    events = journal.events()
    assert [e.seq for e in events] == list(range(1, 101))
    for name in "0123":
        mine = [writer_and_index(e) for e in events if writer_and_index(e)[0] == name]
        assert [index for _, index in mine] == list(range(25))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(),
    owner=st.none() | st.text(min_size=1, max_size=200),
    offset=st.floats(min_value=0, max_value=1e7),
)
def test_any_note_round_trips(
    journal: Journal, text: str, owner: str | None, offset: float
) -> None:
    written = NoteAdded(at=T0, offset=offset, note=1, item=0, kind="action", text=text, owner=owner)
    stored = journal.append(written)
    (read,) = journal.events(after=stored.seq - 1)
    assert read == stored
    assert isinstance(read, NoteAdded) and (read.text, read.owner) == (text, owner)


# -- damage --------------------------------------------------------------------------------


def _open_error(path: Path, **options: Any) -> str:
    with pytest.raises(JournalError) as caught:
        Journal.open(path, **options)
    return str(caught.value)


def _filled_journal(path: Path, count: int = 300) -> Path:
    with create(path) as journal:
        for index in range(count):
            journal.append(event(index, f"w {index} " + "lorem ipsum " * 40))
    return path


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.sqlite3"
    assert _open_error(path) == f"{path}: no such journal"
    assert not path.exists()


def test_a_folder(tmp_path: Path) -> None:
    assert _open_error(tmp_path) == f"{tmp_path}: not a samtui journal (not a file)"


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    assert _open_error(path) == f"{path}: not a samtui journal (an empty file)"
    assert path.stat().st_size == 0


def test_a_text_file_renamed(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("# Meeting notes\n" * 200)
    assert _open_error(path) == f"{path}: not a samtui journal (not an SQLite database)"


def test_another_programs_database_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE t (x)")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    assert _open_error(path) == (
        f"{path}: not a samtui journal (an SQLite database of another program)"
    )
    assert path.read_bytes() == before
    assert not path.with_name("other.sqlite3-wal").exists()


def test_a_journal_cut_in_half(tmp_path: Path) -> None:
    path = _filled_journal(tmp_path / "cut.sqlite3")
    os.truncate(path, path.stat().st_size // 2)
    assert _open_error(path) == (
        f"{path}: the journal is damaged (database disk image is malformed)"
    )


def test_garbage_overwriting_pages(tmp_path: Path) -> None:
    path = _filled_journal(tmp_path / "scribbled.sqlite3")
    with path.open("r+b") as file:
        file.seek(4096 * 3)
        file.write(b"\xde\xad\xbe\xef" * 4096)
    assert _open_error(path).startswith(f"{path}: the journal is damaged (")


def test_garbage_appended_after_the_last_page_loses_nothing(tmp_path: Path) -> None:
    """SQLite reads only the pages its header counts, so trailing junk hides no event;
    refusing such a file would lock the user out of an intact meeting."""
    path = _filled_journal(tmp_path / "tail.sqlite3", count=50)
    with path.open("ab") as file:
        file.write(b"\x00garbage\xff" * 1000)
    with Journal.open(path) as journal:
        assert [writer_and_index(e)[1] for e in journal.events()] == list(range(50))
        assert journal.append(event(50)).seq == 51


def test_a_journal_from_a_newer_samtui(journal: Journal) -> None:
    journal.close()
    raw = sqlite3.connect(journal.path)
    raw.execute("PRAGMA user_version = 3")
    raw.close()
    assert _open_error(journal.path) == (
        f"{journal.path}: the journal is format 3, newer than this samtui reads (2); upgrade samtui"
    )


def test_a_row_edited_by_hand_names_the_event(journal: Journal) -> None:
    journal.append(event(0))
    journal.append(event(1))
    raw = sqlite3.connect(journal.path)
    raw.execute("UPDATE events SET data = '{broken' WHERE seq = 2")
    raw.commit()
    raw.close()
    with pytest.raises(JournalError) as caught:
        journal.events()
    assert str(caught.value).startswith(f"{journal.path}: event 2: the journal is damaged (")


def test_missing_meta_is_damage(journal: Journal) -> None:
    journal.close()
    raw = sqlite3.connect(journal.path)
    raw.execute("DELETE FROM meta WHERE key = 'title'")
    raw.commit()
    raw.close()
    assert _open_error(journal.path) == f"{journal.path}: the journal is damaged (no title in meta)"


def test_append_reports_a_lock_held_by_another_program(journal: Journal) -> None:
    journal.close()
    holder = sqlite3.connect(journal.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with (
            Journal.open(journal.path, busy_timeout_ms=100) as waiting,
            pytest.raises(JournalError) as caught,
        ):
            waiting.append(event(0))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(caught.value) == f"{journal.path}: the journal is locked by another program"


def test_open_reports_a_lock_held_by_another_program(journal: Journal) -> None:
    journal.close()
    holder = sqlite3.connect(journal.path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert _open_error(journal.path, busy_timeout_ms=100) == (
            f"{journal.path}: the journal is locked by another program"
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_lock_released_within_the_timeout_is_waited_for(journal: Journal) -> None:
    holder = sqlite3.connect(journal.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.2, lambda: holder.execute("ROLLBACK"))
    release.start()
    started = time.monotonic()
    try:
        assert journal.append(event(0)).seq == 1
        assert time.monotonic() - started >= 0.15  # it waited for the holder, then wrote
    finally:
        release.join()
        holder.close()


# -- sessions ------------------------------------------------------------------------------


def _session(directory: Path, name: str, created_at: datetime, agenda: str = "acme") -> Path:
    path = directory / f"{name}.sqlite3"
    with create(path, created_at=created_at, agenda_path=directory.parent / f"{agenda}.toml"):
        pass
    return path


def test_sessions_newest_first_with_damaged_files_reported(state_home: Path) -> None:
    state_home.mkdir(parents=True)
    old = _session(state_home, "acme-1", T0)
    new = _session(state_home, "acme-2", T0 + timedelta(days=1))
    with Journal.open(old) as journal:
        journal.append(event(0))
    broken = state_home / "broken.sqlite3"
    broken.write_text("not a journal")
    (state_home / "ignored.txt").write_text("x")
    os.utime(broken, (0, 0))

    sessions = list_sessions()
    assert [s.path for s in sessions] == [new, old, broken]
    assert [s.state for s in sessions] == [RUNNING, RUNNING, DAMAGED]
    assert sessions[1].events == 1
    assert sessions[2].problem == "not a samtui journal (not an SQLite database)"
    assert sessions[2].created_at == datetime.fromtimestamp(0, UTC)


def test_listing_leaves_no_wal_files_behind(state_home: Path) -> None:
    state_home.mkdir(parents=True)
    _session(state_home, "acme-1", T0)
    list_sessions()
    assert sorted(p.name for p in state_home.iterdir()) == ["acme-1.sqlite3"]


def test_listing_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert list_sessions(tmp_path / "nowhere") == []


def test_latest_session_filters(tmp_path: Path) -> None:
    directory = tmp_path / "sessions"
    directory.mkdir()
    first = _session(directory, "a", T0, agenda="acme")
    second = _session(directory, "b", T0 + timedelta(hours=1), agenda="globex")
    third = _session(directory, "c", T0 + timedelta(hours=2), agenda="acme")
    with Journal.open(third) as journal:
        journal.mark_finished(tmp_path / "m.toml", T0 + timedelta(hours=3))

    def latest(**options: Any) -> Path | None:
        found = latest_session(directory=directory, **options)
        return found.path if found else None

    assert latest() == second
    assert latest(unfinished_only=False) == third
    assert latest(agenda_path=tmp_path / "acme.toml") == first
    assert latest(agenda_path=tmp_path / "acme.toml", unfinished_only=False) == third
    assert latest(agenda_path=tmp_path / "initech.toml") is None


def test_resolve_session(state_home: Path, tmp_path: Path) -> None:
    with pytest.raises(JournalError) as caught:
        resolve_session(None)
    assert str(caught.value) == "no unfinished session"  # the CLI says how to list them

    assert state_home.is_dir()  # looking created the sessions folder
    path = _session(state_home, "acme-20261203-150012", T0)
    assert resolve_session(None) == path
    assert resolve_session("acme-20261203-150012") == path
    assert resolve_session("acme-20261203-150012.sqlite3") == path
    assert resolve_session(str(path)) == path
    elsewhere = _session(tmp_path, "copy", T0)
    assert resolve_session(str(elsewhere)) == elsewhere

    with pytest.raises(JournalError) as caught:
        resolve_session("nope")
    assert str(caught.value) == ("nope: no such session file or session name")


def test_resolve_session_skips_finished_sessions(tmp_path: Path) -> None:
    path = _session(tmp_path, "done", T0)
    with Journal.open(path) as journal:
        journal.mark_finished(tmp_path / "m.toml", T0)
    with pytest.raises(JournalError, match="no unfinished session"):
        resolve_session(None, directory=tmp_path)


# -- other processes -----------------------------------------------------------------------


def _start_writer(path: Path, count: int, name: str) -> subprocess.Popen[str]:
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(path), str(count), name],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "ready\n"
    return writer


def _expected_text(name: str, index: int) -> str:
    sys.path.insert(0, str(WRITER.parent))
    try:
        from journal_writer import text  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(WRITER.parent))
    written: str = text(name, index)
    return written


def test_every_printed_event_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    create(path).close()
    writer = _start_writer(path, 1_000_000, "k")
    assert writer.stdin is not None and writer.stdout is not None
    writer.stdin.write("go\n")
    writer.stdin.flush()
    printed: dict[int, int] = {}
    try:
        while len(printed) < 200:
            seq, index = map(int, writer.stdout.readline().split())
            printed[seq] = index
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait()
    assert writer.returncode == -signal.SIGKILL

    with Journal.open(path) as journal:
        events = journal.events()
    by_seq = {e.seq: e for e in events}
    assert [e.seq for e in events] == list(range(1, len(events) + 1))  # no gap, no duplicate
    assert len(events) >= max(printed)
    for seq, index in printed.items():
        assert _text(by_seq[seq]) == _expected_text("k", index)
    assert [writer_and_index(e)[1] for e in events] == list(range(len(events)))


def test_two_processes_append_concurrently(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    create(path).close()
    writers = [_start_writer(path, 500, name) for name in ("a", "b")]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        writer.communicate(timeout=60)
        assert writer.returncode == 0

    with Journal.open(path) as journal:
        events = journal.events()
    assert [e.seq for e in events] == list(range(1, 1001))
    for name in ("a", "b"):
        mine = [_text(e) for e in events if writer_and_index(e)[0] == name]
        assert mine == [_expected_text(name, i) for i in range(500)]


def _text(stored: Event) -> str:
    assert isinstance(stored, NoteAdded)
    return stored.text
