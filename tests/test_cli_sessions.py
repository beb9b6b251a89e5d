"""`samtui run`, `resume`, `sessions`, `export`: the session rules as the command line shows them.

Run in-process through `cli.main`; the app's `run` is replaced by a few meeting commands,
so no terminal is opened. Journals go to the per-test XDG_STATE_HOME (tests/conftest.py).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from samtui import cli
from samtui.core.clock import FakeClock
from samtui.core.journal import list_sessions
from samtui.core.minutes import Minutes
from samtui.core.session import Session
from samtui.ui.app import SamApp

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def app_runs(monkeypatch: pytest.MonkeyPatch) -> list[SamApp]:
    """Replace the TUI by a scribe who starts the clock and notes one line; records each app."""
    opened: list[SamApp] = []

    def run(self: SamApp) -> None:
        opened.append(self)
        meeting = self.session.meeting
        if not meeting.state.started:
            meeting.toggle_clock()
        meeting.add_note(f"noted in app {len(opened)}")

    monkeypatch.setattr(SamApp, "run", run)
    return opened


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """For commands that must refuse before any screen opens."""

    def run(self: SamApp) -> None:
        pytest.fail("the app was opened")

    monkeypatch.setattr(SamApp, "run", run)


def held(agenda_file: Path, *, at: datetime | None = None, finish: bool = False) -> Session:
    """A session with the clock started and one note; closed, so the CLI can reopen it."""
    clock = FakeClock(at)
    session = Session.start(agenda_file, clock=clock, new=True)
    try:
        session.meeting.toggle_clock()
        clock.advance(90)
        session.meeting.add_note("todo: send the map @li due:2026-12-10")
        if finish:
            session.finish()
    finally:
        session.close()
    return session


def notes_of(name: str) -> list[str]:
    session = Session.resume(name, clock=FakeClock(), readonly=True)
    try:
        return [note.text for note in session.meeting.state.notes.values()]
    finally:
        session.close()


# -- run ---------------------------------------------------------------------------------


def test_run_journals_what_the_app_did_and_says_how_to_resume(
    agenda_file: Path, app_runs: list[SamApp], capsys: Capsys
) -> None:
    assert cli.main(["run", str(agenda_file)]) == 0
    out, err = capsys.readouterr()
    [info] = list_sessions()
    assert info.state == "running"
    assert out == (
        f"The meeting is saved in {info.path}\nCarry on with:  samtui resume {info.path.stem}\n"
    )
    assert err == ""
    assert notes_of(info.path.stem) == ["noted in app 1"]
    assert app_runs[0].session.journal.path == info.path


def test_run_refuses_an_existing_out_without_force(
    agenda_file: Path, tmp_path: Path, no_app: None, capsys: Capsys
) -> None:
    out_path = tmp_path / "minutes.toml"
    out_path.write_text("kept", encoding="utf-8")
    assert cli.main(["run", str(agenda_file), "--out", str(out_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{out_path}: already exists: pass --force to overwrite it\n"
    assert out_path.read_text(encoding="utf-8") == "kept"
    assert list_sessions() == []  # nothing journaled for a run that never began


def test_run_with_force_overwrites_out_when_the_meeting_finishes(
    agenda_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capsys
) -> None:
    out_path = tmp_path / "minutes.toml"
    out_path.write_text("old minutes", encoding="utf-8")

    def run(self: SamApp) -> None:
        self.session.meeting.toggle_clock()
        self.session.meeting.add_note("! go with plan B")
        self.session.finish()

    monkeypatch.setattr(SamApp, "run", run)
    assert cli.main(["run", str(agenda_file), "--out", str(out_path), "--force"]) == 0
    assert capsys.readouterr().out == f"Minutes written to {out_path}\n"
    minutes = Minutes.load(out_path)
    assert [n.text for item in minutes.items for n in item.notes] == ["go with plan B"]


def test_run_refuses_while_the_agenda_has_an_unfinished_session(
    agenda_file: Path, no_app: None, capsys: Capsys
) -> None:
    unfinished = held(agenda_file)
    assert cli.main(["run", str(agenda_file)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{agenda_file}: an unfinished review of this agenda is in the journal")
    assert f'"samtui resume {unfinished.path.stem}"' in err
    assert f'"samtui run {agenda_file} --new"' in err
    assert len(list_sessions()) == 1


def test_run_new_starts_another_session_beside_the_unfinished_one(
    agenda_file: Path, app_runs: list[SamApp], capsys: Capsys
) -> None:
    unfinished = held(agenda_file)
    assert cli.main(["run", str(agenda_file), "--new"]) == 0
    sessions = list_sessions()
    assert len(sessions) == 2
    [started] = [s for s in sessions if s.path != unfinished.path]
    assert f"samtui resume {started.path.stem}" in capsys.readouterr().out
    assert notes_of(started.path.stem) == ["noted in app 1"]
    assert notes_of(unfinished.path.stem) == ["send the map"]  # left as it was


def test_a_finished_session_does_not_block_run(
    agenda_file: Path, app_runs: list[SamApp], capsys: Capsys
) -> None:
    held(agenda_file, finish=True)
    assert cli.main(["run", str(agenda_file)]) == 0
    assert len(app_runs) == 1


def test_run_with_an_unknown_theme_lists_the_known_ones(
    agenda_file: Path, no_app: None, capsys: Capsys
) -> None:
    from samtui.ui.themes import theme_names

    assert cli.main(["run", str(agenda_file), "--theme", "nope"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f'--theme: no theme "nope" (known: {", ".join(theme_names())})\n'
    assert "projector" in theme_names()
    assert list_sessions() == []


def test_run_exits_nonzero_when_the_app_crashed(
    agenda_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capsys
) -> None:
    def run(self: SamApp) -> None:
        self.session.meeting.toggle_clock()
        self.session.meeting.add_note("noted before the crash")
        self.exit(return_code=1)  # what Textual does with an unhandled exception

    monkeypatch.setattr(SamApp, "run", run)
    status = cli.main(["run", str(agenda_file)])
    [info] = list_sessions()
    assert f"samtui resume {info.path.stem}" in capsys.readouterr().out  # nothing is lost
    assert notes_of(info.path.stem) == ["noted before the crash"]
    assert status == 1


# -- resume ------------------------------------------------------------------------------


def test_resume_reopens_the_latest_unfinished_session(
    agenda_file: Path, app_runs: list[SamApp], capsys: Capsys
) -> None:
    unfinished = held(agenda_file)
    assert cli.main(["resume"]) == 0
    assert app_runs[0].session.path == unfinished.path
    assert notes_of(unfinished.path.stem) == ["send the map", "noted in app 1"]
    assert f"samtui resume {unfinished.path.stem}" in capsys.readouterr().out


def test_resume_of_a_finished_session_is_refused(
    agenda_file: Path, no_app: None, capsys: Capsys
) -> None:
    finished = held(agenda_file, finish=True)
    assert cli.main(["resume", finished.path.stem]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"{finished.path.stem}: this meeting is finished; "
        "`samtui export` writes its minutes again\n"
    )


def test_resume_without_any_session(no_app: None, capsys: Capsys) -> None:
    assert cli.main(["resume"]) == 2
    assert capsys.readouterr().err == "no unfinished session (see `samtui sessions`)\n"


# -- sessions ----------------------------------------------------------------------------


def test_sessions_lists_nothing_yet(capsys: Capsys) -> None:
    assert cli.main(["sessions"]) == 0
    assert capsys.readouterr().out == "No sessions yet: `samtui run AGENDA` starts one.\n"


def test_sessions_lists_running_and_finished_newest_first(
    agenda_file: Path, capsys: Capsys
) -> None:
    finished = held(agenda_file, at=datetime(2026, 12, 3, 14, 0, tzinfo=UTC), finish=True)
    running = held(agenda_file, at=datetime(2026, 12, 3, 15, 30, tzinfo=UTC))
    assert cli.main(["sessions"]) == 0
    title = '"Acme Corp strategic account review"'
    assert capsys.readouterr().out.splitlines() == [
        f"{running.path.stem}  2026-12-03 15:30  running   {title}",
        f"{finished.path.stem}  2026-12-03 14:00  finished  {title}",
    ]


# -- export ------------------------------------------------------------------------------


def test_export_writes_the_latest_session_then_takes_the_next_free_name(
    agenda_file: Path, tmp_path: Path, capsys: Capsys
) -> None:
    held(agenda_file, at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    latest = held(agenda_file, at=datetime(2026, 12, 3, 14, 0, tzinfo=UTC))
    first = tmp_path / "minutes" / "acme-2026-12-03.toml"
    second = tmp_path / "minutes" / "acme-2026-12-03-2.toml"

    snapshot = (
        "The meeting has not ended, so these minutes are a snapshot: "
        f"`samtui resume {latest.path.stem}` carries on, F10 ends it.\n"
    )
    assert cli.main(["export"]) == 0
    assert capsys.readouterr().out == f"Minutes written to {first}\n{snapshot}"
    assert cli.main(["export"]) == 0  # the latest session again: never over the first
    assert capsys.readouterr().out == f"Minutes written to {second}\n{snapshot}"

    assert Minutes.load(first) == Minutes.load(second)
    minutes = Minutes.load(first)
    assert minutes.meeting.session == latest.path.stem
    assert [(a.text, a.owner) for a in minutes.actions] == [("send the map", "li")]
    # a running meeting's minutes stop at its last event, not at the hour of export
    assert minutes.meeting.actual_seconds == 90
    assert minutes.meeting.ended_at is None
    # Minutes of a meeting that has not ended do not finish it: it can still be resumed.
    states = {info.path.stem: info.state for info in list_sessions()}
    assert states[latest.path.stem] == "running"


def test_export_of_a_named_session(agenda_file: Path, tmp_path: Path, capsys: Capsys) -> None:
    named = held(agenda_file, at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    held(agenda_file, at=datetime(2026, 12, 3, 14, 0, tzinfo=UTC))
    out_path = tmp_path / "named.toml"
    assert cli.main(["export", named.path.stem, "--out", str(out_path)]) == 0
    assert capsys.readouterr().out.startswith(f"Minutes written to {out_path}\nThe meeting")
    assert Minutes.load(out_path).meeting.session == named.path.stem

    assert cli.main(["export", str(named.path)]) == 0  # a journal path works too
    assert capsys.readouterr().out.startswith(
        f"Minutes written to {tmp_path / 'minutes' / 'acme-2026-12-01.toml'}\n"
    )


def test_export_never_overwrites_out(agenda_file: Path, tmp_path: Path, capsys: Capsys) -> None:
    held(agenda_file)
    out_path = tmp_path / "taken.toml"
    out_path.write_text("kept", encoding="utf-8")
    assert cli.main(["export", "--out", str(out_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{out_path}: already exists: it is never overwritten\n"
    assert out_path.read_text(encoding="utf-8") == "kept"
    assert [info.state for info in list_sessions()] == ["running"]  # not marked finished


def test_export_without_any_session(capsys: Capsys) -> None:
    assert cli.main(["export"]) == 2
    assert capsys.readouterr().err == "no session yet (`samtui run AGENDA` starts one)\n"


def test_export_of_an_unknown_session(capsys: Capsys) -> None:
    assert cli.main(["export", "nope"]) == 2
    assert capsys.readouterr().err == (
        "nope: no such session file or session name (see `samtui sessions`)\n"
    )


# -- schema, validate --------------------------------------------------------------------


def test_schema_minutes_prints_json_schema(capsys: Capsys) -> None:
    assert cli.main(["schema", "minutes"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Minutes"
    assert {"meeting", "actions", "parking_lot"} <= set(schema["properties"])


def test_validate_recognises_minutes(agenda_file: Path, tmp_path: Path, capsys: Capsys) -> None:
    held(agenda_file, finish=True)
    [path] = (tmp_path / "minutes").glob("*.toml")
    capsys.readouterr()
    assert cli.main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"{path}: OK minutes of")
    assert out == (
        f'{path}: OK minutes of "Acme Corp strategic account review": '
        "3 items, 1 action (1 open), 4 attendees\n"
    )
    assert err == ""
