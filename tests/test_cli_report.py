"""`samtui report`: Markdown or CSV to stdout or a new file; bad minutes exit 2, named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samtui import cli

GOLDEN = Path(__file__).resolve().parent / "golden"
MINUTES = GOLDEN / "minutes.toml"


def test_markdown_to_stdout_by_default(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert cli.main(["report", str(MINUTES)]) == 0
    out, err = capsysbinary.readouterr()
    assert out == (GOLDEN / "report.md").read_bytes()
    assert err == b""


def test_csv_to_stdout_keeps_crlf_and_utf8(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert cli.main(["report", str(MINUTES), "--format", "csv"]) == 0
    out, _ = capsysbinary.readouterr()
    assert out == (GOLDEN / "actions.csv").read_bytes()
    assert "Renée".encode() in out and b"\r\n" in out


@pytest.mark.parametrize(("form", "golden"), [("md", "report.md"), ("csv", "actions.csv")])
def test_out_writes_a_new_file_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str, golden: str
) -> None:
    target = tmp_path / "reports" / f"acme.{form}"
    assert cli.main(["report", str(MINUTES), "--format", form, "--out", str(target)]) == 0
    assert target.read_bytes() == (GOLDEN / golden).read_bytes()
    assert capsys.readouterr().out == f"Report written to {target}\n"

    target.write_text("keep me", encoding="utf-8")
    assert cli.main(["report", str(MINUTES), "--format", form, "--out", str(target)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"{target}: already exists: it is never overwritten\n"
    assert target.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary left


def test_invalid_minutes_name_the_file_and_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    text = MINUTES.read_text(encoding="utf-8").replace("id = 2\n", 'id = "two"\n', 1)
    bad.write_text(text, encoding="utf-8")
    assert cli.main(["report", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{bad}: actions[1].id: ") and err.count("\n") == 1


def test_broken_toml_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[meeting\n", encoding="utf-8")
    assert cli.main(["report", str(bad), "--format", "csv"]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:1:")


def test_missing_file_and_an_agenda_given_as_minutes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.toml"
    assert cli.main(["report", str(missing)]) == 2
    assert capsys.readouterr().err.startswith(f"{missing}: ")
    agenda = Path(__file__).resolve().parents[1] / "agendas" / "quick-review.toml"
    copy = shutil.copy(agenda, tmp_path / "agenda.toml")
    assert cli.main(["report", str(copy)]) == 2
    assert "is an agenda, not minutes" in capsys.readouterr().err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", str(MINUTES), "--format", "html"]) == 2
    assert "invalid choice: 'html'" in capsys.readouterr().err
