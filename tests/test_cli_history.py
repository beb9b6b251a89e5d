"""`samtui history`: Markdown or CSV to stdout or a new file, one line per file skipped,
exit status 2 when a file could not be read; reviews linked by `samtui new --from`."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from history_chain import DAYS, FIRST_AGENDA, SCRIPT, four_reviews, hold

from samtui import cli
from samtui.core.minutes import Minutes


@pytest.fixture(scope="module")
def reviews(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Path]]:
    folder = tmp_path_factory.mktemp("acme")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(folder / "state"))
        yield four_reviews(folder)


def test_markdown_to_stdout(
    reviews: list[Path], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert cli.main(["history", str(reviews[0].parent), "--format", "md"]) == 0
    out, err = capsysbinary.readouterr()
    text = out.decode("utf-8")
    assert err == b""
    assert text.startswith("# History of Acme Corp\n\n4 reviews, 2026-03-02 to 2026-12-01.\n")
    assert "| Dana Whitfield | 0 | 0 | 1 | 1 | 1 |" in text
    assert "| Li Wei | 2 | 0 | 0 | 1 | 0 |" in text
    assert "- send the map (Dana Whitfield): carried ×3, open" in text
    assert "| overdue actions | 2, 3, 4 | send the map (due 2026-04-01) |" in text
    assert "| 1 | 60% | 20% | 20% | not heard |" in text
    assert "**Not heard in 2 or more of the last 3 reviews:** Renée Dubois" in text


def test_csv_to_a_new_file_never_overwritten(
    reviews: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "acme.csv"
    arguments = ["history", *map(str, reviews), "--format", "csv", "--out", str(target)]
    assert cli.main(arguments) == 0
    assert capsys.readouterr().out == f"History written to {target}\n"
    raw = target.read_bytes()
    assert raw.startswith(b"account,review,date,section,subject,measure,value\r\n")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert ["Acme Corp", "4", "2026-12-01", "action", "send the map", "times_carried", "3"] in rows
    assert ["Acme Corp", "", "2026-12-01", "owner", "Li Wei", "done", "2"] in rows
    assert [
        "Acme Corp",
        "1",
        "2026-03-02",
        "participation",
        "Dana Whitfield",
        "talk_percent",
        "60",
    ] in rows
    target.write_text("keep me", encoding="utf-8")
    assert cli.main(arguments) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{target}: already exists: it is never overwritten"
    ]
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--raw"], "--raw: only goes with --format csv"),
        (["--format", "md", "--raw"], "--raw: only goes with --format csv"),
        (["--out", "x.md"], "--out: only goes with --format md or --format csv"),
        (["--theme", "nope"], '--theme: no theme "nope" (known: '),
        (["--theme", "projector", "--format", "md"], "--theme: only goes with the screen"),
    ],
)
def test_options_that_do_not_go_together(
    reviews: list[Path], capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    assert cli.main(["history", str(reviews[0]), *arguments]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_bad_files_are_named_and_skipped_the_history_still_written(
    reviews: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agenda = tmp_path / "agenda.toml"
    agenda.write_text(FIRST_AGENDA, encoding="utf-8")
    garbage = tmp_path / "garbage.toml"
    garbage.write_bytes(b"\xff\xfe not text")
    arguments = ["history", str(reviews[0].parent), str(agenda), str(garbage), "--format", "md"]
    assert cli.main(arguments) == 2
    out, err = capsys.readouterr()
    assert out.startswith("# History of Acme Corp")
    assert err.splitlines() == [
        f"{agenda}: is an agenda, not minutes; skipped",
        f"{garbage}: not UTF-8 text (byte 0xff at offset 0); skipped",
    ]
    assert "## Files skipped" in out and "garbage.toml: not UTF-8 text (byte 0xff" in out


def test_another_account_is_skipped_not_an_error(
    reviews: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "globex.toml"
    text = reviews[0].read_text(encoding="utf-8")
    other.write_text(text.replace('account = "Acme Corp"', 'account = "Globex"'), "utf-8")
    given = ["history", *map(str, reviews), str(other), "--format", "md"]
    assert cli.main([*given, "--account", "ACME  corp"]) == 0
    out, err = capsys.readouterr()
    assert err == f'{other}: minutes of "Globex", not of "ACME  corp"; skipped\n'
    assert out.count("# History of") == 1
    assert cli.main(given) == 0
    out, _ = capsys.readouterr()
    assert "# History of Acme Corp" in out and "# History of Globex" in out
    assert cli.main([*given, "--account", "Initech"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        '--account: no review of this account (the minutes are of "Acme Corp", "Globex")'
    )


def test_nothing_to_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothing.toml"
    assert cli.main(["history", str(missing), "--format", "md"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{missing}: no such file or folder; skipped",
        f"{missing}: no minutes of a held review to read",
    ]


def test_reviews_linked_by_new_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The next agendas drafted by the command a user types; carried counts follow."""
    agenda = tmp_path / "acme-1.toml"
    agenda.write_text(FIRST_AGENDA, encoding="utf-8")
    written = [hold(agenda, DAYS[0], SCRIPT[0])]
    for number in (2, 3):
        agenda = tmp_path / f"acme-{number}.toml"
        assert cli.main(["new", str(agenda), "--from", str(written[-1])]) == 0
        written.append(hold(agenda, DAYS[number - 1], SCRIPT[number - 1]))
    capsys.readouterr()
    assert cli.main(["history", str(tmp_path / "minutes"), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "| send the map | Dana Whitfield | 2026-04-01 | 153 | ×2 | 1 | 3 |" in out


def test_markdown_does_not_pay_for_textual(reviews: list[Path]) -> None:
    """The history's core is pure; `--format md` never loads the screen's library."""
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['samtui', 'history', sys.argv[1], '--format', 'md']\n"
        "try:\n"
        "    runpy.run_module('samtui', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    print('exit', done.code, 'textual' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(reviews[0].parent)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stderr == "exit 0 False\n"
    assert result.stdout.startswith("# History of Acme Corp\n")


# -- two files of one review ---------------------------------------------------------------


def samtui(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command, as a user types it (XDG_STATE_HOME from the test's environment)."""
    return subprocess.run(
        [sys.executable, "-m", "samtui", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=cwd,
    )


OPEN_ACTION = "| send the map | Dana Whitfield | 2026-04-01 | 244 | ×3 | 1 | 4 |"
"""The one action left open after the four reviews (history_chain's SCRIPT)."""


def _second_copy(how: str, original: Path, folder: Path) -> Path:
    """A second file of review 2's session, made the way a user makes one."""
    if how == "export":  # `samtui export SESSION`: the final minutes again, as `-2`
        session = Minutes.load(original).meeting.session
        assert session is not None
        done = samtui("export", session, cwd=folder)
        assert done.returncode == 0, done.stderr
        copy = original.with_name(f"{original.stem}-2.toml")
        assert done.stdout == f"Minutes written to {copy}\n"
        return copy
    if how == "a sub-folder":  # given as well as the folder
        copy = original.parent / "old" / original.name
        copy.parent.mkdir()
    else:
        copy = original.with_name("q2-backup.toml")
    if how == "renamed":  # the links name a file that is no longer there
        original.rename(copy)
    else:
        shutil.copyfile(original, copy)
    return copy


@pytest.mark.parametrize("how", ["export", "another name", "a sub-folder", "renamed", "copy given"])
def test_two_files_of_one_review_are_one_review_and_the_links_hold(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 2's final minutes and a second file of its session (issue 16's trial): one
    review, the final minutes kept, and review 3's carried actions link to it whichever
    file is kept or given, so nothing shows twice and what review 4 closed is closed."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    written = four_reviews(tmp_path)
    original = written[1]
    session = Minutes.load(original).meeting.session
    copy = _second_copy(how, original, tmp_path)
    given = {
        "a sub-folder": ["minutes", "minutes/old"],
        "copy given": [str(p.relative_to(tmp_path)) for p in (written[0], copy, *written[2:])],
    }
    done = samtui("history", *given.get(how, ["minutes"]), "--format", "md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    kept = (
        copy.relative_to(tmp_path)
        if how in ("renamed", "copy given")
        else "minutes/acme-2-2026-06-01.toml"
    )
    skipped = {
        "export": "minutes/acme-2-2026-06-01-2.toml",
        "another name": "minutes/q2-backup.toml",
        "a sub-folder": "minutes/old/acme-2-2026-06-01.toml",
    }
    assert done.stderr == (
        f"{skipped[how]}: the same session ({session}) as {kept}; skipped\n"
        if how in skipped
        else ""
    )
    out = done.stdout
    assert f"| 2 | 2026-06-01 | Acme quarterly review | {kept} |" in out
    assert "| Dana Whitfield | 0 | 0 | 1 | 1 | 1 |" in out
    assert "| Li Wei | 2 | 0 | 0 | 1 | 0 |" in out
    assert "| Marco Rossi | 0 | 1 | 0 | 0 | 0 |" in out
    opened = out.split("### Open actions")[1].split("## Stakeholders")[0]
    assert [line for line in opened.splitlines() if line.startswith("| ")][1:] == [OPEN_ACTION]
