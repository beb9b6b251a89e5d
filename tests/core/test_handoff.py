"""Issue 17: actions into calendars and CRMs, nothing dropped on the way to the next review.

Every file here comes from reviews run through the engine (tests/handoff_reviews.py) and
`samtui report`, compared with golden files made the same way; the .ics is read back
with icalendar, an independent parser, and checked against RFC 5545's required parts.
"""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from handoff_reviews import (
    FIRST_MINUTES,
    ITEM_SECONDS,
    first_review,
    next_agenda,
    second_review,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from samtui import cli
from samtui.core.agenda import Agenda
from samtui.core.clock import FakeClock
from samtui.core.errors import MinutesError
from samtui.core.meeting import Meeting
from samtui.core.minutes import Minutes, whole_seconds
from samtui.core.report import markdown
from samtui.core.session import Session
from samtui.core.sinks import MemorySink

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REGENERATE = os.environ.get("SAMTUI_REGENERATE_GOLDEN") == "1"

FORMATS = {"md": "report.md", "ics": "actions.ics", "salesforce": "salesforce.csv"}
FORMATS["hubspot"] = "hubspot.csv"


def report(
    minutes: Path, form: str, capsysbinary: pytest.CaptureFixture[bytes], *extra: str
) -> tuple[bytes, str]:
    assert cli.main(["report", str(minutes), "--format", form, *extra]) == 0
    out, err = capsysbinary.readouterr()
    return out, err.decode("utf-8")


def matches_golden(name: str, produced: bytes) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.write_bytes(produced)
    assert produced == path.read_bytes(), f"{name} differs (regenerate: see handoff_reviews.py)"


@pytest.fixture
def reviews(
    tmp_path: Path, clock: FakeClock, capsysbinary: pytest.CaptureFixture[bytes]
) -> list[Path]:
    """The minutes of both reviews (and the agenda between them)."""
    first = first_review(tmp_path, clock)
    agenda = next_agenda(tmp_path, first)
    second = second_review(tmp_path, agenda, clock)
    capsysbinary.readouterr()
    return [first, second]


# -- golden files ------------------------------------------------------------------------


@pytest.mark.parametrize("form", list(FORMATS))
def test_golden_files_of_two_reviews(
    form: str, reviews: list[Path], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    for number, minutes in enumerate(reviews, start=1):
        out, err = report(minutes, form, capsysbinary)
        assert err == ""  # every carried action's origin was found
        matches_golden(f"handoff-{number}-{FORMATS[form]}", out)


# -- the calendar ------------------------------------------------------------------------


def parsed(text: bytes) -> icalendar.Calendar:
    """Read back with icalendar; every component valid and holding RFC 5545's must-haves."""
    calendar = icalendar.Calendar.from_ical(text)
    assert isinstance(calendar, icalendar.Calendar)
    calendar.validate()  # type: ignore[no-untyped-call]  # PRODID, VERSION, a component
    assert calendar.to_ical() == text  # nothing lost or changed on the way through
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    for component in [*calendar.walk("VTODO"), *calendar.walk("VEVENT")]:
        assert {"UID", "DTSTAMP"} <= set(component), component.name
    assert calendar.get_missing_tzids() == set()  # every TZID has its VTIMEZONE
    uids = [c["UID"] for c in [*calendar.walk("VTODO"), *calendar.walk("VEVENT")]]
    assert len(uids) == len(set(uids))
    return calendar


def todos(calendar: icalendar.Calendar) -> dict[str, icalendar.Component]:
    return {str(todo["SUMMARY"]): todo for todo in calendar.walk("VTODO")}


def test_the_calendar_parses_back_with_each_open_action_and_the_next_review(
    reviews: list[Path], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    out, _ = report(reviews[0], "ics", capsysbinary)
    assert out.count(b"\r\n") == out.count(b"\n")  # CRLF line ends, as RFC 5545 says
    calendar = parsed(out)
    tasks = todos(calendar)
    assert list(tasks) == [
        "validate the CFO's stance",
        "pitch analytics to ops",
        "book the QBR venue",
    ]
    cfo = tasks["validate the CFO's stance"]
    assert cfo.decoded("DUE") == date(2026, 12, 15)
    assert str(cfo["STATUS"]) == "NEEDS-ACTION" and cfo["SEQUENCE"] == 0
    owner = cfo["ATTENDEE"]
    assert (str(owner), owner.params["CN"]) == (
        "mailto:dana.whitfield@example.com",
        "Dana Whitfield",
    )
    description = str(cfo["DESCRIPTION"])
    assert 'the review "Globex strategic account review" of Globex on 2026-12-03' in description
    assert 'item "Stakeholder map"' in description
    growth = tasks["pitch analytics to ops"]
    assert growth["PRIORITY"] == 1 and "growth play" in str(growth["DESCRIPTION"])
    nobody = tasks["book the QBR venue"]
    assert "ATTENDEE" not in nobody and "DUE" not in nobody
    assert "Nobody owns it yet." in str(nobody["DESCRIPTION"])

    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == datetime(2027, 3, 4, 15, 0, tzinfo=timezone(timedelta(hours=1)))
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Paris"  # the moderator's
    assert event.decoded("DURATION") == timedelta(minutes=60)
    assert "3 open actions" in str(event["DESCRIPTION"])
    assert "3 questions not asked" in str(event["DESCRIPTION"])
    attendees = event["ATTENDEE"]
    assert isinstance(attendees, list)
    names = [a.params["CN"] for a in attendees]
    assert names == ["Dana Whitfield", "Li Wei", "Marco Rossi", "Renée Dubois"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_an_action_keeps_its_uid_from_review_to_review(
    reviews: list[Path], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """A re-import updates: carried, it is the same to-do; closed, the same one closes."""
    first = todos(parsed(report(reviews[0], "ics", capsysbinary)[0]))
    second = todos(parsed(report(reviews[1], "ics", capsysbinary)[0]))
    for summary, status in [
        ("validate the CFO's stance", "COMPLETED"),
        ("pitch analytics to ops", "NEEDS-ACTION"),
        ("book the QBR venue", "CANCELLED"),
    ]:
        assert second[summary]["UID"] == first[summary]["UID"], summary
        assert str(second[summary]["STATUS"]) == status
        assert second[summary]["SEQUENCE"] == 1  # newer than the first review's
    new = second["send the EMEA scope note"]
    assert new["UID"] not in {t["UID"] for t in first.values()} and new["SEQUENCE"] == 0
    assert "VEVENT" not in [
        c.name for c in parsed(report(reviews[1], "ics", capsysbinary)[0]).walk()
    ]


def test_the_uid_follows_the_carried_from_chain_through_three_reviews(
    reviews: list[Path], clock: FakeClock, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    folder = reviews[0].parent.parent
    third_agenda = folder / "globex-third.toml"
    assert cli.main(["new", str(third_agenda), "--from", str(reviews[1])]) == 0
    clock.advance(86400 * 91)
    session = Session.start(third_agenda, clock=clock)
    try:
        assert [c.text for c in session.meeting.state.carried] == [
            "pitch analytics to ops",
            "send the EMEA scope note",
        ]
        third = session.finish(folder / "minutes" / "globex-2027-06.toml")
    finally:
        session.close()
    capsysbinary.readouterr()
    first = todos(parsed(report(reviews[0], "ics", capsysbinary)[0]))
    out, err = report(third, "ics", capsysbinary)
    assert err == ""
    carried = todos(parsed(out))["pitch analytics to ops"]
    assert carried["UID"] == first["pitch analytics to ops"]["UID"]
    assert carried["SEQUENCE"] == 2
    assert "Carried over from minutes/globex-2027-03.toml#1." in str(carried["DESCRIPTION"])


def test_a_chain_that_cannot_be_followed_is_said_and_the_file_still_written(
    reviews: list[Path], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    first_uids = {
        str(t["UID"]) for t in todos(parsed(report(reviews[0], "ics", capsysbinary)[0])).values()
    }
    reviews[0].unlink()
    out, err = report(reviews[1], "ics", capsysbinary)
    second = todos(parsed(out))
    assert first_uids.isdisjoint(str(t["UID"]) for t in second.values())
    lines = err.splitlines()
    assert len(lines) == 3  # the carried one and the two closed ones
    assert all(line.startswith(f"{reviews[1]}: action ") for line in lines)
    assert f'cannot follow carried_from "{FIRST_MINUTES}#2"' in err
    assert "may show it twice" in err


def test_a_calendar_of_nothing_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.toml"
    path.write_text(
        "[meeting]\ntitle = 't'\naccount = 'a'\nagenda = 'a.toml'\nplanned_minutes = 30\n"
        "actual_seconds = 60\nstarted_at = 2026-12-03T15:00:00Z\n",
        encoding="utf-8",
    )
    assert cli.main(["report", str(path), "--format", "ics"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "nothing for a calendar" in err


# -- CRM profiles ------------------------------------------------------------------------


def rows(out: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out.decode("utf-8"), newline="")))


def test_salesforce_rows_carry_task_fields_and_owners_by_email(
    reviews: list[Path], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    tasks = rows(report(reviews[0], "salesforce", capsysbinary)[0])
    assert [(t["Subject"], t["ActivityDate"], t["Priority"], t["Owner Email"]) for t in tasks] == [
        ("validate the CFO's stance", "2026-12-15", "Normal", "dana.whitfield@example.com"),
        ("pitch analytics to ops", "2027-01-31", "High", "li.wei@example.com"),
        ("book the QBR venue", "", "Normal", ""),
    ]
    assert {t["Status"] for t in tasks} == {"Not Started"}
    assert [t["Owner Name"] for t in tasks] == ["Dana Whitfield", "Li Wei", ""]
    assert all(t["Account Name"] == "Globex" for t in tasks)
    ics = todos(parsed(report(reviews[0], "ics", capsysbinary)[0]))
    assert [t["samtui ID"] for t in tasks] == [str(ics[t["Subject"]]["UID"]) for t in tasks]


def test_hubspot_rows_name_owners_by_email(
    reviews: list[Path], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    tasks = rows(report(reviews[1], "hubspot", capsysbinary)[0])
    assert [(t["Task Title"], t["Due Date"], t["Task Owner"], t["Status"]) for t in tasks] == [
        ("pitch analytics to ops", "2027-01-31", "li.wei@example.com", "NOT_STARTED"),
        ("send the EMEA scope note", "2027-03-18", "", "NOT_STARTED"),  # Renée gave no e-mail
    ]
    assert [t["Owner Name"] for t in tasks] == ["Li Wei", "Renée Dubois"]
    assert "Carried over from minutes/globex-2026-12.toml#2." in tasks[0]["Notes"]


# -- nothing dropped -------------------------------------------------------------------


def test_the_report_says_who_brought_each_question_and_lists_the_unasked(
    reviews: list[Path], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    text = report(reviews[0], "md", capsysbinary)[0].decode("utf-8")
    round_item = text[text.index("## 1. Check-in round") : text.index("## 2. ")]
    assert "- Who signs above 2M? (brought by Dana Whitfield)" in round_item
    unasked = text[text.index("## Questions not asked") : text.index("## Talk time")]
    assert unasked.splitlines()[2:5] == [
        "- Is EMEA in scope? (Dana Whitfield)",
        "- What about APAC? (Li Wei)",
        "- Can we meet their new CFO? (Renée Dubois)",
    ]
    minutes = Minutes.load(reviews[0])
    (asked,) = [n for n in minutes.items[0].notes if n.kind == "question"]
    assert asked.brought_by == "dana"


def test_the_next_agenda_brings_the_unasked_questions_and_the_parking_lot(
    reviews: list[Path],
) -> None:
    agenda = Agenda.load(reviews[0].parent.parent / "globex-next.toml")
    assert {a.id: a.questions for a in agenda.attendees} == {
        "dana": ["Is EMEA in scope?"],
        "li": ["What about APAC?"],
        "marco": [],
        "renee": ["Can we meet their new CFO?"],
    }
    parked = agenda.items[-1]
    assert parked.title == "Parked at the last review"
    assert parked.prompts == [
        "the late invoice from October (parked in Stakeholder map)",
        "office move & parking passes (parked in Growth plays)",
    ]
    assert agenda.meeting.starts == datetime(2027, 3, 4, 15, tzinfo=timezone(timedelta(hours=1)))
    assert agenda.attendee("dana").email == "dana.whitfield@example.com"
    assert agenda.meeting.duration == 60 + 10 + 5  # the open actions and the parked items
    # The second review ran with them: Li's question was asked there, the others wait.
    second = Minutes.load(reviews[1])
    assert [(q.attendee, q.text, q.item) for q in second.questions] == [
        ("dana", "Is EMEA in scope?", None),
        ("li", "What about APAC?", "Open actions from the last review"),
        ("renee", "Can we meet their new CFO?", None),
    ]


def test_a_parked_item_is_not_carried_with_stale_prompts(
    reviews: list[Path], tmp_path: Path
) -> None:
    """The second review parked nothing: its next agenda's parked item has no prompts."""
    third = tmp_path / "third.toml"
    assert cli.main(["new", str(third), "--from", str(reviews[1])]) == 0
    agenda = Agenda.load(third)
    parked = [item for item in agenda.items if item.title == "Parked at the last review"]
    assert [item.prompts for item in parked] == [[]]


# -- report cleanup ----------------------------------------------------------------------


def test_not_heard_is_listed_under_round_items_only(
    reviews: list[Path], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    text = report(reviews[0], "md", capsysbinary)[0].decode("utf-8")
    assert re.findall(r"Not heard on this item: (.*)", text) == ["Marco Rossi, Renée Dubois"]
    assert text.index("Not heard on this item") < text.index("## 2. Stakeholder map")
    assert "Present but never had the floor: Marco Rossi" in text
    minutes = Minutes.load(reviews[0])
    assert minutes.items[1].unheard == ["dana", "li", "marco"]  # still in the minutes


def test_the_total_agrees_with_the_header_to_the_second(
    reviews: list[Path], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """Three items of 73.4 s: 220.2 s is 03:40; each rounded alone they made 03:39."""
    text = report(reviews[0], "md", capsysbinary)[0].decode("utf-8")
    assert "- **Duration:** 03:40 of 1:00:00 planned" in text
    assert "| | **Total** | | 1:00:00 | 03:40 |" in text
    seconds = [item.actual_seconds for item in Minutes.load(reviews[0]).items]
    assert sum(seconds) == 220 and all(abs(s - ITEM_SECONDS) < 1 for s in seconds)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=4000_0), min_size=1, max_size=5))
def test_totals_agree_for_any_item_times(tenths: list[int]) -> None:
    """Through the engine: whatever the items took, the Total row is the header's time."""
    agenda = Agenda.loads(
        "[meeting]\ntitle = 't'\naccount = 'a'\nduration = 600\n"
        "[roles]\nmoderator = 'ann'\ntimekeeper = 'ann'\nscribe = 'ann'\n"
        "[[attendees]]\nid = 'ann'\nname = 'Ann'\n"
        + "".join(f"[[items]]\ntitle = 'i{n}'\nminutes = 1\n" for n in range(len(tenths)))
    )
    clock = FakeClock()
    meeting = Meeting(agenda, MemorySink(), clock)
    meeting.toggle_clock()
    for index, tenth in enumerate(tenths):
        meeting.go_to_item(index, force=True)
        clock.advance(tenth / 10)
    meeting.end()
    minutes = Minutes.from_state(meeting.state, meeting.offset, agenda_path="a.toml")
    text = markdown(minutes)
    header = re.search(r"\*\*Duration:\*\* (\S+) of", text)
    total = re.search(r"\| \| \*\*Total\*\* \| \| \S+ \| (\S+) \|", text)
    assert header is not None and total is not None
    assert header.group(1) == total.group(1)
    assert abs(minutes.meeting.actual_seconds - sum(tenths) / 10) <= 0.5 + 1e-6
    for item, tenth in zip(minutes.items, tenths, strict=True):
        assert abs(item.actual_seconds - tenth / 10) < 1


@given(st.lists(st.floats(min_value=0, max_value=1e6), max_size=8))
def test_whole_seconds_add_up_to_the_rounded_total(exact: list[float]) -> None:
    """The parts add up to the total to within its rounding, and none is a second off."""
    wholes = whole_seconds(exact)
    assert abs(sum(wholes) - sum(exact)) <= 0.5 + 1e-6
    assert all(
        whole >= 0 and abs(whole - seconds) < 1
        for whole, seconds in zip(wholes, exact, strict=True)
    )


def test_the_next_review_in_another_zone_or_none(tmp_path: Path) -> None:
    """The moderator's zone when it has the offset; an attendee's else; UTC else."""
    from samtui.core.ics import next_review_zone

    minutes = Minutes.load(GOLDEN / "minutes.toml")  # moderator Dana in America/Chicago
    cst = datetime(2027, 3, 4, 9, tzinfo=timezone(timedelta(hours=-6)))
    paris = datetime(2027, 3, 4, 15, tzinfo=timezone(timedelta(hours=1)))
    odd = datetime(2027, 3, 4, 15, tzinfo=timezone(timedelta(hours=5, minutes=45)))
    assert next_review_zone(minutes, cst) == ZoneInfo("America/Chicago")
    assert next_review_zone(minutes, paris) == ZoneInfo("Europe/Paris")  # Renée's
    assert str(next_review_zone(minutes, odd)) == "UTC"


# -- the minutes' new keys ---------------------------------------------------------------


def test_the_minutes_carry_emails_the_next_review_and_who_brought_a_question(
    reviews: list[Path],
) -> None:
    minutes = Minutes.load(reviews[0])
    assert minutes.meeting.next_review == datetime(
        2027, 3, 4, 15, tzinfo=timezone(timedelta(hours=1))
    )
    assert {a.id: a.email for a in minutes.attendees} == {
        "dana": "dana.whitfield@example.com",
        "li": "li.wei@example.com",
        "marco": None,
        "renee": None,
    }
    text = reviews[0].read_text(encoding="utf-8")
    assert text.count("brought_by = ") == 1 and text.count("email = ") == 2
    # The second review's agenda set no next_review: its minutes have no such key.
    assert "next_review" not in reviews[1].read_text(encoding="utf-8")


def test_a_hand_edited_brought_by_must_name_an_attendee(tmp_path: Path) -> None:
    golden = (GOLDEN / "minutes.toml").read_text(encoding="utf-8")
    edited = golden.replace(
        'text = "Who signs above `2M`?"\n', 'text = "Who signs above `2M`?"\nbrought_by = "zed"\n'
    )
    assert edited != golden
    path = tmp_path / "m.toml"
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(MinutesError) as caught:
        Minutes.load(path)
    assert str(caught.value) == (
        f'{path}: items[0].notes[1].brought_by: "zed" is not an attendee id '
        "(known: dana, li, renee, bo, marco)"
    )
    fixed = path.with_name("fixed.toml")
    fixed.write_text(edited.replace('"zed"', '"dana"'), encoding="utf-8")
    assert "(brought by Dana Whitfield)" in markdown(Minutes.load(fixed))
