"""The next review's agenda, drafted from the last review's minutes."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samtui.core.agenda import Agenda
from samtui.core.clock import FakeClock
from samtui.core.errors import MinutesError
from samtui.core.meeting import Meeting
from samtui.core.minutes import (
    AttendeeRecord,
    FunnelRecord,
    ItemRecord,
    MeetingRecord,
    Minutes,
    StakeholderChangeRecord,
    StakeholderRecord,
)
from samtui.core.next_review import OPEN_ACTIONS_TITLE, next_agenda, rotate_roles
from samtui.core.vocabulary import ROLES

ENDED = datetime(2026, 9, 3, 16, 30, tzinfo=UTC)


def _minutes() -> Minutes:
    """Four attendees, li absent and without a role, renee the scribe (so it wraps)."""
    return Minutes(
        meeting=MeetingRecord(
            title="Acme Corp strategic account review",
            account="Acme Corp",
            agenda="acme.toml",
            started_at=datetime(2026, 9, 3, 15, 0, tzinfo=UTC),
            ended_at=ENDED,
            planned_minutes=75,
            actual_seconds=4800,
            horizon_quarters=4,
        ),
        attendees=[
            AttendeeRecord(
                id="dana",
                name="Dana Whitfield",
                title="Account Director",
                timezone="America/Chicago",
                prepared=True,
                roles=["moderator"],
            ),
            AttendeeRecord(id="li", name="Li Wei", timezone="Asia/Singapore", present=False),
            AttendeeRecord(id="marco", name="Marco Rossi", roles=["timekeeper"]),
            AttendeeRecord(id="renee", name="Renée Dubois", roles=["scribe"], prepared=True),
        ],
        items=[
            ItemRecord(
                title="Check-in round", kind="round", planned_seconds=600, actual_seconds=600
            ),
            ItemRecord(
                title="Stakeholder map",
                planned_seconds=30 * 60 + 300,
                actual_seconds=2100,
                added_seconds=300,
            ),
            ItemRecord(title="Growth plays", planned_seconds=1500, actual_seconds=1400),
        ],
        funnel=FunnelRecord(currency="EUR", current=1_200_000, target=2_000_000, gap=800_000),
        stakeholders=[
            StakeholderRecord(
                name="Jane Ortiz",
                title="VP Supply Chain",
                stance="advocate",
                influence="high",
                owner="dana",
                last_validated=date(2026, 9, 3),
            ),
            StakeholderRecord(
                name="Robert Haines", stance="unknown", influence="high", final_authority=True
            ),
        ],
        stakeholder_changes=[
            StakeholderChangeRecord(
                name="Jane Ortiz",
                field="stance",
                before="neutral",
                after="advocate",
                item="Stakeholder map",
                at=ENDED,
            )
        ],
    )


def _write(tmp_path: Path, minutes: Minutes, *, keep_roles: bool = False) -> tuple[Path, Agenda]:
    minutes_path = minutes.write(tmp_path / "minutes" / "acme-2026-09.toml")
    agenda_path = tmp_path / "q4" / "acme.toml"
    agenda_path.parent.mkdir()
    text = next_agenda(minutes, minutes_path, agenda_path, keep_roles=keep_roles)
    agenda_path.write_text(text, encoding="utf-8")
    return minutes_path, Agenda.load(agenda_path)


def test_the_next_agenda_loads_as_written(tmp_path: Path) -> None:
    minutes_path, agenda = _write(tmp_path, _minutes())
    assert agenda.meeting.title == "Acme Corp strategic account review"
    assert agenda.meeting.account == "Acme Corp"
    assert agenda.meeting.duration == 75 + 10  # the open actions item gets its own time
    assert agenda.meeting.horizon_quarters == 4
    assert agenda.meeting.starts is None
    assert agenda.meeting.previous_minutes == "../minutes/acme-2026-09.toml"
    assert agenda.resolve(agenda.meeting.previous_minutes).resolve() == minutes_path.resolve()
    assert agenda.warnings() == []


def test_the_roles_pass_to_the_next_attendees(tmp_path: Path) -> None:
    _, agenda = _write(tmp_path, _minutes())
    # dana -> li (absent last time, still on the account), marco -> renee, renee -> dana.
    assert (agenda.roles.moderator, agenda.roles.timekeeper, agenda.roles.scribe) == (
        "li",
        "renee",
        "dana",
    )


def test_keep_roles_keeps_them(tmp_path: Path) -> None:
    _, agenda = _write(tmp_path, _minutes(), keep_roles=True)
    assert (agenda.roles.moderator, agenda.roles.timekeeper, agenda.roles.scribe) == (
        "dana",
        "marco",
        "renee",
    )


def test_attendees_are_all_kept_and_not_yet_prepared(tmp_path: Path) -> None:
    _, agenda = _write(tmp_path, _minutes())
    assert agenda.attendee_ids == ["dana", "li", "marco", "renee"]
    dana = agenda.attendee("dana")
    assert (dana.name, dana.title, dana.timezone) == (
        "Dana Whitfield",
        "Account Director",
        "America/Chicago",
    )
    assert agenda.attendee("li").timezone == "Asia/Singapore"
    assert all(not a.prepared and a.questions == [] for a in agenda.attendees)


def test_stakeholders_carry_the_stances_the_review_left(tmp_path: Path) -> None:
    _, agenda = _write(tmp_path, _minutes())
    jane, robert = agenda.stakeholders
    assert (jane.name, jane.title, jane.stance, jane.influence) == (
        "Jane Ortiz",
        "VP Supply Chain",
        "advocate",
        "high",
    )
    assert (jane.owner, jane.last_validated, jane.final_authority) == (
        "dana",
        date(2026, 9, 3),
        False,
    )
    assert (robert.stance, robert.final_authority, robert.owner) == ("unknown", True, None)


def test_the_funnel_without_its_gap(tmp_path: Path) -> None:
    _, agenda = _write(tmp_path, _minutes())
    assert agenda.funnel is not None
    assert (agenda.funnel.currency, agenda.funnel.current, agenda.funnel.target) == (
        "EUR",
        1_200_000,
        2_000_000,
    )


def test_no_funnel_no_stakeholders_no_tables(tmp_path: Path) -> None:
    minutes = _minutes().model_copy(update={"funnel": None, "stakeholders": []})
    text = next_agenda(minutes, tmp_path / "m.toml", tmp_path / "a.toml")
    document = tomllib.loads(text)
    assert "funnel" not in document and "stakeholders" not in document


def test_items_open_with_the_open_actions_at_their_planned_times(tmp_path: Path) -> None:
    _, agenda = _write(tmp_path, _minutes())
    assert [(i.title, i.minutes, i.kind) for i in agenda.items] == [
        (OPEN_ACTIONS_TITLE, 10, "discussion"),
        ("Check-in round", 10, "round"),
        ("Stakeholder map", 30, "discussion"),  # the 5 minutes added in the meeting left out
        ("Growth plays", 25, "discussion"),
    ]


def test_an_existing_open_actions_item_is_not_added_twice(tmp_path: Path) -> None:
    minutes = _minutes()
    first = ItemRecord(title=OPEN_ACTIONS_TITLE, planned_seconds=900, actual_seconds=800)
    minutes = minutes.model_copy(update={"items": [first, *minutes.items]})
    _, agenda = _write(tmp_path, minutes)
    assert [i.title for i in agenda.items].count(OPEN_ACTIONS_TITLE) == 1
    assert agenda.items[0].minutes == 15


def test_an_open_actions_item_of_another_name_counts_too(tmp_path: Path) -> None:
    minutes = _minutes()
    first = ItemRecord(
        title="Open actions from the September review", planned_seconds=600, actual_seconds=1
    )
    minutes = minutes.model_copy(update={"items": [first, *minutes.items]})
    _, agenda = _write(tmp_path, minutes)
    assert agenda.items[0].title == "Open actions from the September review"
    assert OPEN_ACTIONS_TITLE not in [i.title for i in agenda.items]
    assert agenda.meeting.duration == minutes.meeting.planned_minutes


def test_a_tiny_item_keeps_at_least_a_minute(tmp_path: Path) -> None:
    minutes = _minutes()
    tiny = ItemRecord(title="Wrap-up", planned_seconds=100, actual_seconds=90, added_seconds=60)
    minutes = minutes.model_copy(update={"items": [*minutes.items, tiny]})
    _, agenda = _write(tmp_path, minutes)
    assert agenda.items[-1].minutes == 1


def test_the_file_opens_with_a_header_and_keeps_the_agenda_order(tmp_path: Path) -> None:
    minutes_path = tmp_path / "minutes.toml"
    text = next_agenda(_minutes(), minutes_path, tmp_path / "next.toml")
    header = text[: text.index("[meeting]")]
    assert all(line.startswith("# ") for line in header.strip().splitlines())
    assert "2026-09-03" in header and str(minutes_path) in header
    assert "edit the items, then" in header and "samtui validate" in header
    assert list(tomllib.loads(text)) == [
        "meeting",
        "roles",
        "attendees",
        "funnel",
        "stakeholders",
        "items",
    ]


def test_a_missing_role_goes_to_the_first_attendees(tmp_path: Path) -> None:
    minutes = _minutes()
    attendees = [a.model_copy(update={"roles": []}) for a in minutes.attendees]
    minutes = minutes.model_copy(update={"attendees": attendees})
    _, agenda = _write(tmp_path, minutes)
    assert (agenda.roles.moderator, agenda.roles.timekeeper, agenda.roles.scribe) == (
        "dana",
        "li",
        "marco",
    )


def test_minutes_without_attendees_are_refused(tmp_path: Path) -> None:
    minutes = _minutes().model_copy(update={"attendees": [], "stakeholders": []})
    with pytest.raises(MinutesError, match="has no attendees"):
        next_agenda(minutes, tmp_path / "m.toml", tmp_path / "a.toml")


def test_minutes_that_cannot_make_an_agenda_say_why(tmp_path: Path) -> None:
    minutes = _minutes()
    moved = minutes.attendees[0].model_copy(update={"timezone": "Mars/Olympus_Mons"})
    minutes = minutes.model_copy(update={"attendees": [moved, *minutes.attendees[1:]]})
    with pytest.raises(MinutesError) as caught:
        next_agenda(minutes, tmp_path / "m.toml", tmp_path / "a.toml")
    assert str(caught.value).startswith(
        f"{tmp_path / 'm.toml'}: cannot draft the next agenda from these minutes: "
        "attendees[0].timezone: is not a known IANA time zone"
    )


def test_minutes_of_a_real_meeting_make_the_next_agenda(
    meeting: Meeting, clock: FakeClock, tmp_path: Path
) -> None:
    meeting.toggle_clock()
    meeting.give_floor("li")
    clock.advance(600)
    meeting.add_time()
    meeting.end()
    minutes = Minutes.from_state(meeting.state, meeting.offset, agenda_path="acme.toml")
    _, agenda = _write(tmp_path, minutes)
    assert (agenda.roles.moderator, agenda.roles.timekeeper, agenda.roles.scribe) == (
        "li",
        "marco",
        "renee",
    )
    assert [(i.title, i.minutes) for i in agenda.items] == [
        (OPEN_ACTIONS_TITLE, 10),
        ("Check-in round", 10),
        ("Stakeholder map", 30),
        ("Actions", 20),
    ]


def test_rotate_roles_wraps_around() -> None:
    ids = ["a", "b", "c"]
    roles = {"moderator": "c", "timekeeper": "a", "scribe": "b"}
    assert rotate_roles(ids, roles) == {"moderator": "a", "timekeeper": "b", "scribe": "c"}


def test_rotate_roles_needs_an_attendee() -> None:
    with pytest.raises(ValueError, match="at least one attendee"):
        rotate_roles([], {})


def _ids(min_size: int) -> st.SearchStrategy[list[str]]:
    attendee = st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True)
    return st.lists(attendee, min_size=min_size, max_size=8, unique=True)


@st.composite
def _team(draw: st.DrawFn, min_size: int = 1) -> tuple[list[str], dict[str, str]]:
    """Attendee ids, and roles held by some of them or by people no longer on the team."""
    ids = draw(_ids(min_size))
    holders = st.one_of(st.sampled_from(ids), st.from_regex(r"gone[0-9]", fullmatch=True))
    roles: dict[str, str] = draw(st.dictionaries(st.sampled_from(ROLES), holders))
    return ids, roles


@given(_team())
def test_rotate_roles_gives_every_role_to_an_attendee(
    team: tuple[list[str], dict[str, str]],
) -> None:
    ids, roles = team
    rotated = rotate_roles(ids, roles)
    assert list(rotated) == list(ROLES)
    assert set(rotated.values()) <= set(ids)


@given(_team(min_size=3))
def test_rotate_roles_never_gives_anyone_the_role_they_had(
    team: tuple[list[str], dict[str, str]],
) -> None:
    ids, roles = team
    rotated = rotate_roles(ids, roles)
    for role, holder in roles.items():
        assert rotated[role] != holder


@given(_ids(3))
def test_rotated_distinct_roles_stay_distinct(ids: list[str]) -> None:
    roles: dict[str, str] = dict(zip(ROLES, ids, strict=False))
    assert len(set(rotate_roles(ids, roles).values())) == 3


def test_the_core_module_does_not_load_textual() -> None:
    probe = "import sys, samtui.core.next_review; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.stdout == "False\n", result.stderr


def test_items_keep_their_lead_turns_and_prompts(
    tmp_path: Path, agenda: Agenda, clock: FakeClock
) -> None:
    from samtui.core.sinks import MemorySink

    meeting = Meeting(agenda, MemorySink(), clock)
    meeting.end()
    minutes = Minutes.from_state(meeting.state, meeting.offset, agenda_path="acme.toml")
    _, next_one = _write(tmp_path, minutes)
    check_in, stakeholders = next_one.items[1], next_one.items[2]
    assert (check_in.title, check_in.kind, check_in.turn_minutes) == ("Check-in round", "round", 2)
    assert (stakeholders.lead, stakeholders.prompts) == ("dana", ["Who has final authority?"])
