"""The agenda format's good path: loading, the API the app relies on, warnings, schema."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pydantic
import pytest

from samtui.cli import starter_agenda
from samtui.core.agenda import Agenda, Attendee, Funnel, Item, Meeting, Roles, Stakeholder

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "agendas").glob("*.toml"))

SPEC_EXAMPLE = """\
[meeting]
title = "Acme Corp strategic account review"
account = "Acme Corp"
starts = 2026-12-03T15:00:00+01:00
duration = 90
horizon_quarters = 3
account_plan = "plans/acme.md"

[roles]
moderator = "dana"
timekeeper = "li"
scribe = "marco"

[[attendees]]
id = "dana"
name = "Dana Whitfield"
title = "Account Director"
timezone = "America/Chicago"
prepared = true
questions = ["Who replaces their CIO?"]

[[attendees]]
id = "li"
name = "李伟"
timezone = "Asia/Shanghai"

[[attendees]]
id = "marco"
name = "Marco Rossi"

[funnel]
currency = "USD"
current = 1200000
target = 2000000

[[stakeholders]]
name = "Jane Ortiz"
title = "VP Sales"
stance = "advocate"
influence = "high"
final_authority = false
owner = "dana"
last_validated = 2026-09-01

[[items]]
title = "Stakeholder map"
minutes = 20
kind = "round"
lead = "dana"
turn_minutes = 2
prompts = ["Who is the person with final authority?"]

[[items]]
title = "Growth plays"
minutes = 45
"""


@pytest.fixture
def acme() -> Agenda:
    return Agenda.loads(SPEC_EXAMPLE)


def agenda_with(old: str, new: str) -> Agenda:
    assert old in SPEC_EXAMPLE, old
    return Agenda.loads(SPEC_EXAMPLE.replace(old, new, 1))


def test_every_key_of_the_spec_lands_in_its_field(acme: Agenda) -> None:
    assert acme.meeting.starts == datetime.fromisoformat("2026-12-03T15:00:00+01:00")
    assert acme.meeting.account_plan == "plans/acme.md"
    assert acme.attendees[0].questions == ["Who replaces their CIO?"]
    assert acme.attendees[1].name == "李伟"
    assert acme.funnel == Funnel(currency="USD", current=1_200_000, target=2_000_000)
    assert acme.stakeholders[0].last_validated == date(2026, 9, 1)
    assert acme.stakeholders[0].owner == "dana"
    assert (acme.items[0].kind, acme.items[0].turn_minutes) == ("round", 2)


def test_defaults_fill_optional_keys(acme: Agenda) -> None:
    """Optional keys read as the spec's defaults, so the app never checks for absence twice."""
    marco = acme.attendee("marco")
    assert (marco.title, marco.timezone, marco.prepared, marco.questions) == (None, None, False, [])
    assert acme.items[1].kind == "discussion"
    assert (acme.items[1].lead, acme.items[1].turn_minutes, acme.items[1].prompts) == (
        None,
        None,
        [],
    )
    minimal = agenda_with("horizon_quarters = 3\n", "")
    assert minimal.meeting.horizon_quarters == 3
    assert minimal.stakeholders == agenda_with("final_authority = false\n", "").stakeholders


def test_user_text_is_kept_as_typed() -> None:
    """Only blank text is refused; spacing someone typed on purpose survives."""
    agenda = agenda_with('"Growth plays"', '"  Growth plays "')
    assert agenda.items[1].title == "  Growth plays "


def test_lookups(acme: Agenda) -> None:
    assert acme.attendee_ids == ["dana", "li", "marco"]
    assert acme.attendee("li").timezone == "Asia/Shanghai"
    with pytest.raises(KeyError):
        acme.attendee("zed")
    assert acme.planned_minutes == 65
    assert acme.roles_of("dana") == ["moderator"]
    assert acme.roles_of("zed") == []


def test_roles_of_lists_every_role_held() -> None:
    agenda = agenda_with(
        'timekeeper = "li"\nscribe = "marco"', 'timekeeper = "li"\nscribe = "dana"'
    )
    assert agenda.roles_of("dana") == ["moderator", "scribe"]


def test_models_are_frozen(acme: Agenda) -> None:
    """Agenda state never changes under a running meeting; the meeting keeps its own state."""
    with pytest.raises(pydantic.ValidationError):
        acme.meeting.duration = 10  # type: ignore[misc]


def test_load_keeps_source_and_text(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(SPEC_EXAMPLE, encoding="utf-8")
    agenda = Agenda.load(str(path))
    assert agenda.source == path
    assert agenda.text == SPEC_EXAMPLE
    assert Agenda.loads(agenda.text) == agenda


def test_loads_without_source_has_none(acme: Agenda) -> None:
    assert acme.source is None
    assert acme.text == SPEC_EXAMPLE


def test_loads_accepts_bytes_and_a_byte_order_mark() -> None:
    """Windows editors write a BOM; bytes are what a journal may hold."""
    from_bytes = Agenda.loads(("\ufeff" + SPEC_EXAMPLE).encode("utf-8"), "acme.toml")
    assert from_bytes == Agenda.loads(SPEC_EXAMPLE)
    assert from_bytes.source == Path("acme.toml")


def test_text_of_a_built_agenda_reloads_to_the_same_agenda(acme: Agenda) -> None:
    """An agenda built in code still has TOML text, so the journal can always store one."""
    built = Agenda(
        meeting=Meeting(title="T", account="A", duration=30),
        roles=Roles(moderator="a", timekeeper="a", scribe="a"),
        attendees=[Attendee(id="a", name="Ann")],
        stakeholders=[
            Stakeholder(
                name="S", stance="neutral", influence="low", last_validated=date(2026, 1, 2)
            )
        ],
        items=[Item(title="x", minutes=5)],
    )
    assert Agenda.loads(built.text) == built
    copy = Agenda.model_validate(acme.model_dump())
    assert Agenda.loads(copy.text) == acme


def test_model_validate_runs_the_cross_checks() -> None:
    """Building an agenda in code cannot skip the checks `loads` makes."""
    with pytest.raises(pydantic.ValidationError, match="cross-check"):
        Agenda(
            meeting=Meeting(title="T", account="A", duration=30),
            roles=Roles(moderator="a", timekeeper="a", scribe="zed"),
            attendees=[Attendee(id="a", name="Ann")],
            items=[Item(title="x", minutes=5)],
        )


def test_resolve_counts_from_the_agenda_folder(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(SPEC_EXAMPLE, encoding="utf-8")
    assert Agenda.load(path).resolve("plans/acme.md") == tmp_path / "plans" / "acme.md"


# -- warnings ----------------------------------------------------------------------------


def test_a_clean_agenda_has_no_warnings() -> None:
    agenda = agenda_with('account_plan = "plans/acme.md"\n', "")
    assert agenda.warnings() == []


def test_role_held_twice_is_a_warning() -> None:
    agenda = agenda_with('scribe = "marco"', 'scribe = "dana"')
    assert agenda.warnings() == [
        'roles.scribe: "dana" is also the moderator; one person in two roles tends to drop one'
    ]


def test_items_past_the_duration_is_a_warning() -> None:
    agenda = agenda_with("minutes = 45", "minutes = 75")
    assert agenda.warnings() == ["items: 95 minutes planned, 5 more than meeting.duration (90)"]


def test_turn_minutes_on_a_discussion_is_a_warning() -> None:
    agenda = agenda_with("minutes = 45", "minutes = 45\nturn_minutes = 3")
    assert agenda.warnings() == [
        'items[1].turn_minutes: only round items have turns (kind = "round"); ignored here'
    ]


def test_turns_that_cannot_fit_the_round_are_a_warning() -> None:
    agenda = agenda_with("turn_minutes = 2", "turn_minutes = 8")
    assert agenda.warnings() == [
        "items[0].turn_minutes: 3 attendees × 8 minutes = 24 minutes, more than the item's 20"
    ]


def test_funnel_target_below_current_is_a_warning() -> None:
    agenda = agenda_with("target = 2000000", "target = 1000000")
    assert agenda.warnings() == [
        "funnel.target: below funnel.current; a review should aim to grow the account"
    ]


def test_two_people_with_final_authority_is_a_warning() -> None:
    extra = '\n[[stakeholders]]\nname = "Al"\nstance = "neutral"\ninfluence = "low"\n'
    agenda = Agenda.loads(
        SPEC_EXAMPLE.replace("final_authority = false", "final_authority = true")
        + extra
        + "final_authority = true\n"
    )
    assert agenda.warnings() == [
        'stakeholders: 2 have final_authority ("Jane Ortiz", "Al"); usually one person does'
    ]


def test_missing_account_plan_file_is_a_warning(tmp_path: Path) -> None:
    """Only for a loaded file: text without a folder has nothing to look in."""
    path = tmp_path / "acme.toml"
    path.write_text(SPEC_EXAMPLE, encoding="utf-8")
    assert Agenda.load(path).warnings() == ['meeting.account_plan: "plans/acme.md" does not exist']
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.md").write_text("# plan", encoding="utf-8")
    assert Agenda.load(path).warnings() == []


# -- schema, examples, starter ------------------------------------------------------------


def test_every_field_has_a_description() -> None:
    """Editors show these as hover help; a field without one is a gap in the docs."""
    schema = Agenda.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    tables = [schema, *schema["$defs"].values()]
    assert {table["title"] for table in tables} == {
        "Agenda",
        "Meeting",
        "Roles",
        "Attendee",
        "Funnel",
        "Stakeholder",
        "Item",
    }
    for table in tables:
        assert table["additionalProperties"] is False
        for name, field in table["properties"].items():
            assert field.get("description"), f"{table['title']}.{name}"


def test_schema_has_no_nulls() -> None:
    """TOML has no null, so an editor must not suggest one."""
    assert "null" not in json.dumps(Agenda.json_schema())


def test_schema_file_is_current() -> None:
    """agendas/agenda.schema.json is `samtui schema agenda` output, regenerated on change."""
    checked_in = (REPO / "agendas" / "agenda.schema.json").read_text(encoding="utf-8")
    assert checked_in == json.dumps(Agenda.json_schema(), indent=2, ensure_ascii=False) + "\n"


def test_there_are_examples() -> None:
    assert {path.name for path in EXAMPLES} >= {
        "global-review.toml",
        "quick-review.toml",
        "large-review.toml",
    }


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_agendas_validate_cleanly(path: Path) -> None:
    agenda = Agenda.load(path)
    assert path.read_text(encoding="utf-8").startswith("#:schema ./agenda.schema.json\n")
    assert agenda.warnings() == []
    assert agenda.planned_minutes <= agenda.meeting.duration


def test_global_example_spans_three_regions() -> None:
    """The brief's showcase: several regions, all stances, funnel, rounds, questions."""
    agenda = Agenda.load(REPO / "agendas" / "global-review.toml")
    regions = {a.timezone.split("/")[0] for a in agenda.attendees if a.timezone}
    assert regions >= {"Europe", "America", "Asia"}
    assert {s.stance for s in agenda.stakeholders} == {"advocate", "neutral", "opponent", "unknown"}
    assert agenda.funnel is not None and agenda.meeting.account_plan
    assert any(item.kind == "round" for item in agenda.items)
    assert any(a.questions for a in agenda.attendees)
    assert agenda.meeting.duration == 90


def test_example_sizes() -> None:
    quick = Agenda.load(REPO / "agendas" / "quick-review.toml")
    large = Agenda.load(REPO / "agendas" / "large-review.toml")
    assert (quick.meeting.duration, len(quick.attendees)) == (30, 4)
    assert len(large.attendees) == 12 and len(large.items) >= 8
    assert abs(large.meeting.duration - 120) <= 10


def test_starter_agenda_validates_as_written() -> None:
    agenda = Agenda.loads(starter_agenda(), "starter.toml")
    assert agenda.warnings() == []
    assert {s.stance for s in agenda.stakeholders} == {"advocate", "neutral", "opponent", "unknown"}
    assert agenda.funnel is not None
    assert any(item.kind == "round" for item in agenda.items)


def test_starter_agenda_explains_every_key() -> None:
    """Each key's first appearance sits under a comment, so the file teaches the format."""
    lines = starter_agenda().splitlines()
    explained: set[str] = set()
    for previous, line in itertools.pairwise(lines):
        key = line.split("=")[0].strip()
        if "=" in line and not line.startswith(("#", " ")) and previous.startswith("#"):
            explained.add(key)
    schema = Agenda.json_schema()
    every_key = {key for table in schema["$defs"].values() for key in table["properties"]}
    assert every_key - {"previous_minutes"} <= explained
    assert "# previous_minutes = " in starter_agenda()


def test_starts_keeps_its_offset(acme: Agenda) -> None:
    """Attendees see local times computed from this; the offset must survive loading."""
    assert acme.meeting.starts is not None
    assert acme.meeting.starts.utcoffset() == timedelta(hours=1)
