"""`previous_minutes` names a file that is not minutes: `validate` must refuse it as `run`
does, with the same line, so an agenda that validates is an agenda that runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from samtui import cli
from samtui.core.minutes import MeetingRecord, Minutes
from samtui.ui.app import SamApp

PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"


@pytest.fixture(autouse=True)
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def run(self: SamApp) -> None:
        pytest.fail("the app was opened")

    monkeypatch.setattr(SamApp, "run", run)


def naming(agenda_file: Path, previous: str) -> Path:
    text = agenda_file.read_text(encoding="utf-8")
    agenda_file.write_text(
        text.replace("duration = 60\n", f'duration = 60\nprevious_minutes = "{previous}"\n'),
        encoding="utf-8",
    )
    return agenda_file


def both(agenda: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """What validate and then run print on stderr, each having exited 2 with nothing on
    stdout."""
    said = []
    for command in ("validate", "run"):
        assert cli.main([command, str(agenda)]) == 2, command
        out, err = capsys.readouterr()
        assert out == "", command
        said.append(err)
    return said[0], said[1]


def test_a_password_file_is_not_minutes(
    agenda_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (agenda_file.parent / "passwd").write_text(PASSWD, encoding="utf-8")
    agenda = naming(agenda_file, "passwd")
    expected = (
        f"{agenda_file.parent / 'passwd'}:1:5: expected '=' after a key in a key/value pair\n"
    )
    assert both(agenda, capsys) == (expected, expected)


def test_etc_passwd_is_refused_by_both_alike(
    agenda_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path("/etc/passwd").is_file():
        pytest.skip("no /etc/passwd here")
    validated, ran = both(naming(agenda_file, "/etc/passwd"), capsys)
    assert validated == ran
    assert validated.startswith("/etc/passwd:") and validated.count("\n") == 1


def test_an_agenda_named_as_the_last_minutes(
    agenda_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (agenda_file.parent / "last.toml").write_text(
        agenda_file.read_text(encoding="utf-8"), encoding="utf-8"
    )
    validated, ran = both(naming(agenda_file, "last.toml"), capsys)
    assert validated == ran
    assert validated.startswith(f"{agenda_file.parent / 'last.toml'}: ")


def test_minutes_with_a_bad_owner(agenda_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = agenda_file.parent / "last.toml"
    last.write_text(
        "[meeting]\ntitle = 'x'\naccount = 'y'\nagenda = 'a'\nplanned_minutes = 30\n"
        "actual_seconds = 0\n[[attendees]]\nid = 'ann'\nname = 'Ann'\n"
        "[[actions]]\nid = 1\ntext = 'do'\nitem = 'i'\nowner = 'zed'\n",
        encoding="utf-8",
    )
    expected = f'{last}: actions[0].owner: "zed" is not an attendee id (known: ann)\n'
    assert both(naming(agenda_file, "last.toml"), capsys) == (expected, expected)


def test_good_minutes_still_validate(agenda_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = MeetingRecord(
        title="last", account="Acme", agenda="a.toml", planned_minutes=60, actual_seconds=60
    )
    Minutes(meeting=record).write(agenda_file.parent / "last.toml")
    agenda = naming(agenda_file, "last.toml")
    assert cli.main(["validate", str(agenda)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith(f"{agenda}: OK ")
