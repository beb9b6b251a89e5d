"""The `samtui` command line, run in-process through `cli.main` (two subprocess checks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from samtui import __version__, cli
from samtui.core.agenda import Agenda

REPO = Path(__file__).resolve().parents[1]

GOOD = """\
[meeting]
title = "Acme Corp strategic account review"
account = "Acme Corp"
duration = 90

[roles]
moderator = "dana"
timekeeper = "li"
scribe = "dana"

[[attendees]]
id = "dana"
name = "Dana Whitfield"

[[attendees]]
id = "li"
name = "Li Wei"

[[items]]
title = "Stakeholder map"
minutes = 20

[[items]]
title = "Growth plays"
minutes = 65
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_good_file_prints_summary_and_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "acme.toml", GOOD)
    assert cli.main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == (
        f'{path}: OK "Acme Corp strategic account review": 2 items, 85 of 90 minutes planned, '
        "2 attendees, 1 warning\n"
        '  warning: roles.scribe: "dana" is also the moderator; one person in two roles tends '
        "to drop one\n"
    )
    assert err == ""


def test_validate_counts_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """1 item, 1 attendee: singular nouns; one person in all three roles: 2 warnings."""
    text = GOOD[: GOOD.index('[[attendees]]\nid = "li"')] + '[[items]]\ntitle = "x"\nminutes = 20\n'
    text = text.replace('timekeeper = "li"', 'timekeeper = "dana"')
    path = write(tmp_path, "one.toml", text)
    assert cli.main(["validate", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f'{path}: OK "Acme Corp strategic account review": 1 item, 20 of 90 minutes planned, '
        "1 attendee, 2 warnings"
    )
    assert len(lines) == 3 and all(line.startswith("  warning: roles.") for line in lines[1:])


def test_validate_examples_have_no_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    path = REPO / "agendas" / "quick-review.toml"
    assert cli.main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == (
        f'{path}: OK "Brightwater Foods quick account check": 3 items, 30 of 30 minutes '
        "planned, 4 attendees, no warnings\n"
    )


def test_validate_bad_file_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.toml", GOOD.replace('scribe = "dana"', 'scribe = "zed"'))
    assert cli.main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f'{path}: roles.scribe: "zed" is not an attendee id (known: dana, li)\n'


def test_validate_checks_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One run lists every bad file, and the good ones still get their summary."""
    good = write(tmp_path, "good.toml", GOOD)
    empty = write(tmp_path, "empty.toml", "")
    missing = tmp_path / "nope.toml"
    assert cli.main(["validate", str(empty), str(good), str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out.startswith(f"{good}: OK ")
    assert err == f"{empty}: the file is empty\n{missing}: no such file\n"


def test_validate_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate"]) == 2
    assert "the following arguments are required: FILE" in capsys.readouterr().err


def test_new_writes_a_starter_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new"]) == 0
    out = capsys.readouterr().out
    assert "samtui validate agenda.toml" in out and "samtui run agenda.toml" in out
    written = (tmp_path / "agenda.toml").read_text(encoding="utf-8")
    assert written == cli.starter_agenda()
    assert Agenda.load(tmp_path / "agenda.toml").warnings() == []
    assert cli.main(["validate", "agenda.toml"]) == 0


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "mine.toml", "# my own work\n")
    assert cli.main(["new", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"{path}: already exists; not overwriting it (pick another name or move it away)\n"
    )
    assert path.read_text(encoding="utf-8") == "# my own work\n"


def test_new_into_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", str(tmp_path)]) == 0
    assert (tmp_path / "agenda.toml").is_file()
    assert f"samtui validate {tmp_path / 'agenda.toml'}" in capsys.readouterr().out


def test_new_in_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "no" / "agenda.toml"
    assert cli.main(["new", str(path)]) == 2
    assert capsys.readouterr().err == (
        f'{path}: cannot write there (folder "{path.parent}" does not exist)\n'
    )


def test_new_quotes_paths_with_spaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The suggested next command must work when pasted."""
    path = tmp_path / "q4 review.toml"
    assert cli.main(["new", str(path)]) == 0
    assert f"samtui run '{path}'" in capsys.readouterr().out


def test_schema_agenda_prints_the_checked_in_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema", "agenda"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == Agenda.json_schema()
    assert out == (REPO / "agendas" / "agenda.schema.json").read_text(encoding="utf-8")


def test_schema_of_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema", "journal"]) == 2
    assert "invalid choice: 'journal'" in capsys.readouterr().err


def test_no_arguments_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    out = capsys.readouterr().out
    assert out.startswith("usage: samtui")
    for command in ("validate", "new", "schema"):
        assert command in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"samtui {__version__}\n"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["frobnicate"]) == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err


def test_subcommand_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: samtui new [-h] [PATH]")


def test_python_m_samtui_validate_without_textual(tmp_path: Path) -> None:
    """The real entry point, in a fresh interpreter; validate must not pay for textual."""
    path = write(tmp_path, "bad.toml", "[[items]\n")
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['samtui', 'validate', sys.argv[1]]\n"
        "try:\n"
        "    runpy.run_module('samtui', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    print('exit', done.code, 'textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.stdout == "exit 2 False\n"
    assert result.stderr == f"{path}:1:8: expected ']]' at the end of an array declaration\n"


def test_importing_the_cli_does_not_load_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys, samtui.cli; print('textual' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout == "False\n", result.stderr


def test_validate_with_the_last_review_loads_no_meeting_state(
    tmp_path: Path, agenda_file: Path
) -> None:
    """Reading minutes needs their model only: the meeting's state and events stay unloaded
    (issue 14: validate's imports)."""
    golden = Path(__file__).resolve().parent / "golden" / "minutes.toml"
    text = agenda_file.read_text(encoding="utf-8")
    agenda = write(
        tmp_path,
        "next.toml",
        text.replace(
            "[meeting]\n", f"[meeting]\nprevious_minutes = {json.dumps(str(golden))}\n", 1
        ),
    )
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['samtui', 'validate', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('samtui', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    state = ('samtui.core.state', 'samtui.core.events')\n"
        "    loaded = [m for m in state if m in sys.modules]\n"
        "    print('exit', done.code, loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(agenda), str(golden)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.splitlines()[-1] == "exit 0 []", result.stderr
