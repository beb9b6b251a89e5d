from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samtui.core.notes import Amendment, NoteError, ParsedNote, find_person, parse_note


@dataclass(frozen=True)
class P:
    id: str
    name: str


PEOPLE = [
    P("dana", "Dana Whitfield"),
    P("li", "Li Wei"),
    P("renee", "Renée Dubois"),
    P("rj", "Rene Janssen"),
    P("marco", "Marco Rossi"),
]


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("Budget is frozen until Q3", "point", "Budget is frozen until Q3"),
        ("! We go for the platform deal", "decision", "We go for the platform deal"),
        ("!no discount", "decision", "no discount"),
        ("goal: win the EMEA rollout", "goal", "win the EMEA rollout"),
        ("Goal:  two   spaces", "goal", "two spaces"),
        ("? Who signs off", "question", "Who signs off"),
        ("park: invoice dispute", "parked", "invoice dispute"),
        ("  padded point  ", "point", "padded point"),
        ("mail jane@acme.com today", "point", "mail jane@acme.com today"),
        ("[bold]EMEA[/bold]", "point", "[bold]EMEA[/bold]"),
    ],
)
def test_kinds(line: str, kind: str, text: str) -> None:
    assert parse_note(line, PEOPLE) == ParsedNote(kind, text)  # type: ignore[arg-type]


def test_action_owner_and_due_are_taken_out_of_the_text() -> None:
    parsed = parse_note("todo: send the map @dana due:2026-12-10 to Jane", PEOPLE)
    assert parsed == ParsedNote("action", "send the map to Jane", "dana", date(2026, 12, 10))


def test_action_keyword_and_growth_play() -> None:
    assert parse_note("action: call CFO", PEOPLE) == ParsedNote("action", "call CFO")
    growth = parse_note("todo+: pitch analytics @li", PEOPLE)
    assert growth == ParsedNote("action", "pitch analytics", "li", None, growth=True)


@pytest.mark.parametrize(
    ("token", "owner"),
    [("renee", "renee"), ("Renée", "renee"), ("reNEE", "renee"), ("Renée_D", None), ("li", "li")],
)
def test_owner_by_id_or_name_prefix_with_accents_ignored(token: str, owner: str | None) -> None:
    expected = owner if owner else NoteError(f'no attendee matches "@{token}"')
    assert find_person(token, PEOPLE) == expected


def test_owner_prefix_of_a_name_without_accents() -> None:
    assert find_person("mar", PEOPLE) == "marco"
    assert find_person("wh", PEOPLE) == NoteError('no attendee matches "@wh"')


def test_ambiguous_owner_names_the_candidates() -> None:
    result = find_person("ren", PEOPLE)
    assert result == NoteError(
        '"@ren" could be Renée Dubois (renee), Rene Janssen (rj): type more of the name or the id'
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("todo: call @zed", 'no attendee matches "@zed"'),
        ("todo: x due:2026-13-01", 'bad due date "2026-13-01": no such day'),
        ("todo: x due:tomorrow", 'bad due date "tomorrow": write due:YYYY-MM-DD'),
        ("todo: x due:", 'bad due date "": write due:YYYY-MM-DD'),
        ("todo: x @dana @li", "an action has one owner: keep one @name"),
        ("todo: @dana due:2026-12-01", "an empty action: say what is to be done"),
        (
            "todo: x due:2026-12-01 due:2026-12-02",
            "an action has one due date: keep one due:YYYY-MM-DD",
        ),
        ("!", "an empty decision: type its text after the marker"),
        ("park:   ", "an empty parked: type its text after the marker"),
        ("   ", "nothing to add: type a note"),
    ],
)
def test_errors_are_values(line: str, message: str) -> None:
    assert parse_note(line, PEOPLE) == NoteError(message)


def test_amendment() -> None:
    parsed = parse_note("s/Q3/Q4/", PEOPLE)
    assert parsed == Amendment("Q3", "Q4")
    assert isinstance(parsed, Amendment)
    assert parsed.apply("Q3 and Q3") == "Q4 and Q3"
    assert parse_note("s/Q3/Q4/g", PEOPLE) == Amendment("Q3", "Q4", every=True)
    assert parse_note(r"s/a\/b/c/", PEOPLE) == Amendment("a/b", "c")
    assert Amendment("zz", "y").apply("abc") is None


@given(st.text())
def test_parser_never_raises(line: str) -> None:
    result = parse_note(line, PEOPLE)
    assert isinstance(result, ParsedNote | Amendment | NoteError)
    if isinstance(result, ParsedNote):
        assert result.text == result.text.strip() and result.text
