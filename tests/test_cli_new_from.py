"""`samtui new --from MINUTES`: the next review's agenda, drafted from the last minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from samtui import cli
from samtui.core.agenda import Agenda

MINUTES = """\
[meeting]
title = "Acme Corp strategic account review"
account = "Acme Corp"
agenda = "acme.toml"
started_at = 2026-09-03T15:00:00Z
ended_at = 2026-09-03T16:20:00Z
planned_minutes = 60
actual_seconds = 4800
horizon_quarters = 3

[[attendees]]
id = "dana"
name = "Dana Whitfield"
timezone = "America/Chicago"
prepared = true
roles = ["moderator"]

[[attendees]]
id = "li"
name = "Li Wei"
roles = ["timekeeper"]

[[attendees]]
id = "marco"
name = "Marco Rossi"
roles = ["scribe"]
present = false

[[attendees]]
id = "renee"
name = "Renée Dubois"

[[items]]
title = "Stakeholder map"
planned_seconds = 2100
actual_seconds = 2000
added_seconds = 300

[[items]]
title = "Growth plays"
planned_seconds = 1500
actual_seconds = 1500

[funnel]
currency = "USD"
current = 1200000
target = 2000000
gap = 800000

[[stakeholders]]
name = "Jane Ortiz"
stance = "advocate"
influence = "high"
owner = "dana"

[[stakeholder_changes]]
name = "Jane Ortiz"
field = "stance"
before = "opponent"
after = "advocate"
item = "Stakeholder map"
at = 2026-09-03T15:30:00Z
"""


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    path = tmp_path / "minutes" / "acme-2026-09.toml"
    path.parent.mkdir()
    path.write_text(MINUTES, encoding="utf-8")
    return path


def test_new_from_minutes_writes_an_agenda_that_validates(
    tmp_path: Path,
    minutes: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new", "--from", str(minutes)]) == 0
    out = capsys.readouterr().out
    assert "Wrote agenda.toml: the next review of Acme Corp" in out
    assert "moderator li, time keeper marco, scribe renee" in out
    assert "samtui validate agenda.toml" in out
    agenda = Agenda.load(tmp_path / "agenda.toml")
    assert agenda.meeting.previous_minutes == "minutes/acme-2026-09.toml"
    assert agenda.resolve(agenda.meeting.previous_minutes).resolve() == minutes.resolve()
    assert (agenda.roles.moderator, agenda.roles.timekeeper, agenda.roles.scribe) == (
        "li",
        "marco",
        "renee",
    )
    assert agenda.attendee_ids == ["dana", "li", "marco", "renee"]
    assert not agenda.attendee("dana").prepared
    assert [(s.name, s.stance) for s in agenda.stakeholders] == [("Jane Ortiz", "advocate")]
    assert [(i.title, i.minutes) for i in agenda.items] == [
        ("Open actions from the last review", 10),
        ("Stakeholder map", 30),
        ("Growth plays", 25),
    ]
    assert cli.main(["validate", "agenda.toml"]) == 0


def test_keep_roles(tmp_path: Path, minutes: Path) -> None:
    path = tmp_path / "next.toml"
    assert cli.main(["new", str(path), "--from", str(minutes), "--keep-roles"]) == 0
    roles = Agenda.load(path).roles
    assert (roles.moderator, roles.timekeeper, roles.scribe) == ("dana", "li", "marco")


def test_previous_minutes_is_relative_to_the_agenda_folder(tmp_path: Path, minutes: Path) -> None:
    folder = tmp_path / "reviews" / "q4"
    folder.mkdir(parents=True)
    assert cli.main(["new", str(folder), "--from", str(minutes)]) == 0
    agenda = Agenda.load(folder / "agenda.toml")
    assert agenda.meeting.previous_minutes == "../../minutes/acme-2026-09.toml"


def test_new_from_never_overwrites(
    tmp_path: Path, minutes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "next.toml"
    assert cli.main(["new", str(path), "--from", str(minutes)]) == 0
    written = path.read_text(encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["new", str(path), "--from", str(minutes), "--keep-roles"]) == 2
    assert capsys.readouterr().err == (
        f"{path}: already exists; not overwriting it (pick another name or move it away)\n"
    )
    assert path.read_text(encoding="utf-8") == written


def test_bad_minutes_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(MINUTES.replace("planned_minutes = 60\n", ""), encoding="utf-8")
    out = tmp_path / "next.toml"
    assert cli.main(["new", str(out), "--from", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}: meeting.planned_minutes: ") and err.count("\n") == 1
    assert not out.exists()


def test_missing_minutes_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.toml"
    assert cli.main(["new", str(tmp_path / "next.toml"), "--from", str(missing)]) == 2
    assert capsys.readouterr().err == f"{missing}: no such file\n"


def test_keep_roles_needs_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "agenda.toml"
    assert cli.main(["new", str(path), "--keep-roles"]) == 2
    assert capsys.readouterr().err == "--keep-roles: only goes with --from MINUTES\n"
    assert not path.exists()


def test_an_agenda_given_as_minutes_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agenda = tmp_path / "acme.toml"
    agenda.write_text(cli.starter_agenda(), encoding="utf-8")
    assert cli.main(["new", str(tmp_path / "next.toml"), "--from", str(agenda)]) == 2
    assert capsys.readouterr().err == (
        f"{agenda}: is an agenda, not minutes (--from takes the minutes a review wrote)\n"
    )
