"""Where samtui writes: every path follows XDG_STATE_HOME and never overwrites a file."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from samtui import locations


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


def test_state_dir_follows_xdg_state_home_set_after_import(state_home: Path) -> None:
    assert locations.state_dir() == state_home / "samtui"


def test_sessions_dir_is_created_on_demand(state_home: Path) -> None:
    assert not (state_home / "samtui").exists()
    directory = locations.sessions_dir()
    assert directory == state_home / "samtui" / "sessions"
    assert directory.is_dir()


def test_new_session_path_is_named_after_agenda_and_start(state_home: Path) -> None:
    path = locations.new_session_path("acme", datetime(2026, 12, 3, 15, 0, 12))
    assert path == state_home / "samtui" / "sessions" / "acme-20261203-150012.sqlite3"
    assert not path.exists()


def test_new_session_path_adds_a_number_when_taken(state_home: Path) -> None:
    started = datetime(2026, 12, 3, 15, 0, 12)
    names = []
    for _ in range(3):
        path = locations.new_session_path("acme", started)
        path.touch()
        names.append(path.name)
    assert names == [
        "acme-20261203-150012.sqlite3",
        "acme-20261203-150012-2.sqlite3",
        "acme-20261203-150012-3.sqlite3",
    ]


def test_new_session_path_makes_an_odd_stem_safe(state_home: Path) -> None:
    path = locations.new_session_path("Q4 review: ACME/EMEA", datetime(2026, 1, 2, 3, 4, 5))
    assert path.name == "Q4-review-ACME-EMEA-20260102-030405.sqlite3"
    assert locations.new_session_path("///", datetime(2026, 1, 2, 3, 4, 5)).name == (
        "session-20260102-030405.sqlite3"
    )


def test_next_free_path_returns_the_path_when_free(tmp_path: Path) -> None:
    assert locations.next_free_path(tmp_path / "a.toml") == tmp_path / "a.toml"


def test_next_free_path_counts_from_two(tmp_path: Path) -> None:
    (tmp_path / "a.toml").touch()
    (tmp_path / "a-2.toml").touch()
    assert locations.next_free_path(tmp_path / "a.toml") == tmp_path / "a-3.toml"
    (tmp_path / "plain").touch()
    assert locations.next_free_path(tmp_path / "plain") == tmp_path / "plain-2"


def test_default_minutes_path_sits_beside_the_agenda(tmp_path: Path) -> None:
    agenda = tmp_path / "reviews" / "acme.toml"
    path = locations.default_minutes_path(agenda, date(2026, 12, 3))
    assert path == tmp_path / "reviews" / "minutes" / "acme-2026-12-03.toml"
    assert not path.parent.exists()  # proposing a default creates nothing


def test_default_minutes_path_never_proposes_a_taken_name(tmp_path: Path) -> None:
    agenda = tmp_path / "acme.toml"
    minutes = tmp_path / "minutes"
    minutes.mkdir()
    (minutes / "acme-2026-12-03.toml").touch()
    (minutes / "acme-2026-12-03-2.toml").touch()
    assert locations.default_minutes_path(agenda, date(2026, 12, 3)) == (
        minutes / "acme-2026-12-03-3.toml"
    )


def test_default_minutes_path_uses_the_day_of_a_datetime(tmp_path: Path) -> None:
    path = locations.default_minutes_path(tmp_path / "acme.toml", datetime(2026, 12, 3, 15, 0))
    assert path.name == "acme-2026-12-03.toml"
