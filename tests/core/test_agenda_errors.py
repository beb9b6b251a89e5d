"""The broken-agenda corpus: every way a file can be wrong, and the exact line a user sees."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samtui.core.agenda import Agenda, AgendaError

BASE = """\
[meeting]
title = "Acme review"
account = "Acme"
duration = 60

[roles]
moderator = "a"
timekeeper = "b"
scribe = "c"

[[attendees]]
id = "a"
name = "Ann"

[[attendees]]
id = "b"
name = "Bo"

[[attendees]]
id = "c"
name = "Cy"

[[items]]
title = "Stakeholder map"
minutes = 20

[[items]]
title = "Growth plays"
minutes = 20

[[items]]
title = "Actions"
minutes = 10
"""

STAKEHOLDER = """
[[stakeholders]]
name = "Jane Ortiz"
stance = "advocate"
influence = "high"
"""

FUNNEL = """
[funnel]
currency = "USD"
current = 100
target = 200
"""


def edit(old: str, new: str, text: str = BASE) -> str:
    """BASE with one fragment replaced; fails loudly if the fragment is gone."""
    assert old in text, old
    return text.replace(old, new, 1)


def without_items(text: str = BASE) -> str:
    return text[: text.index("[[items]]")]


CASES: list[tuple[str, str | bytes, str]] = [
    # -- TOML syntax: file:line:col: tomllib's words, first letter lowered
    (
        "syntax-array-header",
        edit('[[items]]\ntitle = "Growth plays"', '[[items]\ntitle = "Growth plays"'),
        "agenda.toml:27:8: expected ']]' at the end of an array declaration",
    ),
    (
        "syntax-table-header",
        edit("[roles]", "[roles"),
        "agenda.toml:6:7: expected ']' at the end of a table declaration",
    ),
    (
        "syntax-missing-value",
        edit("duration = 60", "duration = "),
        "agenda.toml:4:12: invalid value",
    ),
    (
        "syntax-two-statements",
        edit("duration = 60", "duration = 60 minutes"),
        "agenda.toml:4:15: expected newline or end of document after a statement",
    ),
    (
        "syntax-duplicate-key",
        edit("duration = 60", "duration = 60\nduration = 90"),
        "agenda.toml:5:14: cannot overwrite a value (is a key given twice?)",
    ),
    (
        "syntax-unterminated-string",
        'x = "never closed',
        "agenda.toml:1:18: unterminated string",
    ),
    # -- file contents that are not an agenda at all
    ("empty-file", "", "agenda.toml: the file is empty"),
    ("whitespace-only", "  \n\t\n", "agenda.toml: the file is empty"),
    (
        "comments-only",
        "# an agenda, some day\n",
        "agenda.toml: no agenda here: expected [meeting], [roles], [[attendees]] and [[items]]",
    ),
    (
        "binary-nul",
        b"[meeting]\n\x00\x01\x02",
        "agenda.toml: binary data, not text (NUL byte at offset 10)",
    ),
    (
        "not-utf8",
        b'title = "Caf\xe9"',
        "agenda.toml: not UTF-8 text (byte 0xe9 at offset 12)",
    ),
    (
        "nan",
        edit("duration = 60", "duration = nan"),
        "agenda.toml: meeting.duration: must be a finite number (got nan)",
    ),
    (
        "inf-in-funnel",
        edit("current = 100", "current = -inf", BASE + FUNNEL),
        "agenda.toml: funnel.current: must be a finite number (got -inf)",
    ),
    # -- tables and keys
    (
        "unknown-key-suggestion",
        edit('title = "Acme review"', 'title = "Acme review"\ntitel = "Acme"'),
        'agenda.toml: meeting: unknown key "titel" (did you mean "title"?)',
    ),
    (
        "unknown-key-no-suggestion",
        edit('name = "Ann"', 'name = "Ann"\ncolour = "red"'),
        'agenda.toml: attendees[0]: unknown key "colour"',
    ),
    (
        "unknown-table",
        BASE + '\n[agenda]\nnotes = "x"\n',
        'agenda.toml: unknown table "agenda"',
    ),
    (
        "misspelt-table",
        edit("[roles]", "[role]"),
        'agenda.toml: unknown table "role" (did you mean "roles"?)\n'
        "agenda.toml: roles: is required (add a [roles] table)",
    ),
    (
        "key-before-first-table",
        'account_plan = "plan.md"\n' + BASE,
        'agenda.toml: unknown key "account_plan" '
        "(keys before the first table header belong under [meeting])",
    ),
    (
        "missing-table",
        edit('[roles]\nmoderator = "a"\ntimekeeper = "b"\nscribe = "c"\n', ""),
        "agenda.toml: roles: is required (add a [roles] table)",
    ),
    (
        "missing-items",
        without_items(),
        "agenda.toml: items: is required (add at least one [[items]] table)",
    ),
    (
        "items-as-single-table",
        without_items() + '[items]\ntitle = "x"\nminutes = 5\n',
        "agenda.toml: items: must be an array of tables, written [[items]] (got a table)",
    ),
    (
        "meeting-as-array",
        edit("[meeting]", "[[meeting]]"),
        "agenda.toml: meeting: must be a table, written [meeting] (got an array)",
    ),
    (
        "empty-attendees",
        'attendees = []\n[meeting]\ntitle = "t"\naccount = "a"\nduration = 30\n'
        '[roles]\nmoderator = "a"\ntimekeeper = "a"\nscribe = "a"\n'
        '[[items]]\ntitle = "x"\nminutes = 5\n',
        "agenda.toml: attendees: needs at least one [[attendees]] table",
    ),
    # -- required and non-empty text
    (
        "missing-title",
        edit('title = "Acme review"\n', ""),
        "agenda.toml: meeting.title: is required",
    ),
    (
        "empty-title",
        edit('title = "Acme review"', 'title = ""'),
        "agenda.toml: meeting.title: must not be empty",
    ),
    (
        "blank-name",
        edit('name = "Bo"', 'name = "   "'),
        'agenda.toml: attendees[1].name: must not be empty (got "   ")',
    ),
    # -- whole numbers: strict, bounded, one message for every failure
    (
        "minutes-word",
        edit("minutes = 10", 'minutes = "ten"'),
        'agenda.toml: items[2].minutes: must be a whole number from 1 to 600 (got "ten")',
    ),
    (
        "minutes-zero",
        edit("minutes = 10", "minutes = 0"),
        "agenda.toml: items[2].minutes: must be a whole number from 1 to 600 (got 0)",
    ),
    (
        "minutes-bool",
        edit("minutes = 10", "minutes = true"),
        "agenda.toml: items[2].minutes: must be a whole number from 1 to 600 (got true)",
    ),
    (
        "minutes-float",
        edit("minutes = 10", "minutes = 10.0"),
        "agenda.toml: items[2].minutes: must be a whole number from 1 to 600 (got 10.0)",
    ),
    (
        "duration-too-long",
        edit("duration = 60", "duration = 601"),
        "agenda.toml: meeting.duration: must be a whole number from 5 to 600 (got 601)",
    ),
    (
        "horizon-too-far",
        edit("duration = 60", "duration = 60\nhorizon_quarters = 9"),
        "agenda.toml: meeting.horizon_quarters: must be a whole number from 1 to 8 (got 9)",
    ),
    (
        "turn-minutes-zero",
        edit("minutes = 10", 'minutes = 10\nkind = "round"\nturn_minutes = 0'),
        "agenda.toml: items[2].turn_minutes: must be a whole number from 1 to 600 (got 0)",
    ),
    (
        "funnel-negative",
        edit("target = 200", "target = -5", BASE + FUNNEL),
        "agenda.toml: funnel.target: must be a whole number from 0 to 1000000000000000000 (got -5)",
    ),
    (
        "huge-number",
        edit("duration = 60", "duration = " + "9" * 40),
        "agenda.toml: meeting.duration: must be a whole number from 5 to 600 "
        "(got 999999999999999999999999999...)",
    ),
    # -- other wrong types
    (
        "name-is-number",
        edit('name = "Ann"', "name = 12"),
        "agenda.toml: attendees[0].name: must be a string (got 12)",
    ),
    (
        "prepared-is-string",
        edit('name = "Ann"', 'name = "Ann"\nprepared = "yes"'),
        'agenda.toml: attendees[0].prepared: must be true or false (got "yes")',
    ),
    (
        "questions-not-array",
        edit('name = "Ann"', 'name = "Ann"\nquestions = "why?"'),
        'agenda.toml: attendees[0].questions: must be an array (got "why?")',
    ),
    (
        "question-not-string",
        edit('name = "Ann"', 'name = "Ann"\nquestions = ["why?", 42]'),
        "agenda.toml: attendees[0].questions[1]: must be a string (got 42)",
    ),
    # -- closed vocabularies
    (
        "stance",
        edit('"advocate"', '"fan"', BASE + STAKEHOLDER),
        "agenda.toml: stakeholders[0].stance: must be one of advocate, neutral, opponent, "
        'unknown (got "fan")',
    ),
    (
        "influence",
        edit('"high"', '"huge"', BASE + STAKEHOLDER),
        'agenda.toml: stakeholders[0].influence: must be one of high, medium, low (got "huge")',
    ),
    (
        "item-kind",
        edit("minutes = 20", 'minutes = 20\nkind = "lecture"'),
        'agenda.toml: items[0].kind: must be one of round, discussion (got "lecture")',
    ),
    (
        "attendee-id-pattern",
        edit('id = "a"', 'id = "Ann Smith"'),
        'agenda.toml: attendees[0].id: must use only lower-case letters, digits, "_" and "-" '
        '(got "Ann Smith")',
    ),
    (
        "currency",
        edit('"USD"', '"usd"', BASE + FUNNEL),
        "agenda.toml: funnel.currency: must be a three-letter ISO 4217 currency code in "
        'capitals, like "USD" (got "usd")',
    ),
    (
        "currency-not-iso-4217",
        edit('"USD"', '"XYZ"', BASE + FUNNEL),
        'agenda.toml: funnel.currency: is not an ISO 4217 currency code, like "USD" (got "XYZ")',
    ),
    (
        "currency-close-to-one",
        edit('"USD"', '"EUE"', BASE + FUNNEL),
        'agenda.toml: funnel.currency: is not an ISO 4217 currency code (got "EUE"; did you '
        'mean "EUR"?)',
    ),
    # -- dates and times
    (
        "naive-datetime",
        edit("duration = 60", "duration = 60\nstarts = 2026-12-03T15:00:00"),
        "agenda.toml: meeting.starts: must include a UTC offset, like "
        "2026-12-03T15:00:00+01:00 (a local time is ambiguous) (got 2026-12-03T15:00:00)",
    ),
    (
        "starts-is-date",
        edit("duration = 60", "duration = 60\nstarts = 2026-12-03"),
        "agenda.toml: meeting.starts: must be a date and time with offset, like "
        "2026-12-03T15:00:00+01:00 (got 2026-12-03)",
    ),
    (
        "starts-is-string",
        edit("duration = 60", 'duration = 60\nstarts = "tomorrow 3pm"'),
        "agenda.toml: meeting.starts: must be a date and time with offset, like "
        '2026-12-03T15:00:00+01:00 (got "tomorrow 3pm")',
    ),
    (
        "last-validated-is-string",
        BASE + STAKEHOLDER + 'last_validated = "2026-09-01"\n',
        "agenda.toml: stakeholders[0].last_validated: must be a date, like 2026-09-01 "
        '(got "2026-09-01")',
    ),
    (
        "timezone-typo",
        edit('name = "Ann"', 'name = "Ann"\ntimezone = "Europe/Pariss"'),
        "agenda.toml: attendees[0].timezone: is not a known IANA time zone (got "
        '"Europe/Pariss"; did you mean "Europe/Paris"?)',
    ),
    (
        "timezone-unknown",
        edit('name = "Ann"', 'name = "Ann"\ntimezone = "Mars/Olympus_Mons_Base"'),
        "agenda.toml: attendees[0].timezone: is not a known IANA time zone, like "
        '"Europe/Paris" (got "Mars/Olympus_Mons_Base")',
    ),
    (
        "email-without-at",
        edit('name = "Ann"', 'name = "Ann"\nemail = "ann.example.com"'),
        "agenda.toml: attendees[0].email: must be an e-mail address, like dana@example.com: "
        'an email address must have an @-sign (got "ann.example.com")',
    ),
    (
        "email-with-a-name",
        edit('name = "Ann"', 'name = "Ann"\nemail = "Ann <ann@example.com>"'),
        "agenda.toml: attendees[0].email: must be an e-mail address, like dana@example.com: "
        "a display name and angle brackets around the email address are not permitted here "
        '(got "Ann <ann@example.com>")',
    ),
    (
        "email-not-a-string",
        edit('name = "Ann"', 'name = "Ann"\nemail = 1'),
        "agenda.toml: attendees[0].email: must be a string (got 1)",
    ),
    (
        "next-review-without-offset",
        edit("duration = 60", "duration = 60\nnext_review = 2027-03-04T15:00:00"),
        "agenda.toml: meeting.next_review: must include a UTC offset, like "
        "2026-12-03T15:00:00+01:00 (a local time is ambiguous) (got 2027-03-04T15:00:00)",
    ),
    (
        "next-review-a-date",
        edit("duration = 60", "duration = 60\nnext_review = 2027-03-04"),
        "agenda.toml: meeting.next_review: must be a date and time with offset, like "
        "2026-12-03T15:00:00+01:00 (got 2027-03-04)",
    ),
    # -- cross checks
    (
        "role-not-attendee",
        edit('scribe = "c"', 'scribe = "zed"'),
        'agenda.toml: roles.scribe: "zed" is not an attendee id (known: a, b, c)',
    ),
    (
        "lead-not-attendee",
        edit("minutes = 20", 'minutes = 20\nlead = "Ann"'),
        'agenda.toml: items[0].lead: "Ann" is not an attendee id (known: a, b, c)',
    ),
    (
        "owner-not-attendee",
        BASE + STAKEHOLDER + 'owner = "dana"\n',
        'agenda.toml: stakeholders[0].owner: "dana" is not an attendee id (known: a, b, c)',
    ),
    (
        "duplicate-id",
        edit('id = "c"', 'id = "a"'),
        'agenda.toml: attendees[2].id: "a" is already the id of attendees[0]\n'
        'agenda.toml: roles.scribe: "c" is not an attendee id (known: a, b)',
    ),
    # -- several problems: three lines, then a count
    (
        "many-problems",
        edit(
            "duration = 60",
            'duration = 0\nhorizon_quarters = 0\nstarts = 1\naccount_plan = ""\nx = 1',
        ),
        'agenda.toml: meeting: unknown key "x"\n'
        "agenda.toml: meeting.starts: must be a date and time with offset, like "
        "2026-12-03T15:00:00+01:00 (got 1)\n"
        "agenda.toml: meeting.duration: must be a whole number from 5 to 600 (got 0)\n"
        "... and 2 more",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_broken_agenda_message(text: str | bytes, expected: str) -> None:
    """Each broken agenda gets exactly the message a user can act on, and no traceback."""
    with pytest.raises(AgendaError) as caught:
        Agenda.loads(text, "agenda.toml")
    assert str(caught.value) == expected


def test_corpus_is_broad() -> None:
    """The brief asks for at least 25 kinds of broken agenda, each with its own name."""
    names = [case[0] for case in CASES]
    assert len(names) == len(set(names)) >= 25


def test_base_is_valid() -> None:
    """The corpus breaks a valid agenda; if BASE were broken the cases would prove nothing."""
    assert Agenda.loads(BASE).planned_minutes == 50
    assert Agenda.loads(BASE + STAKEHOLDER + FUNNEL).funnel is not None


def test_single_problem_keeps_file_and_place() -> None:
    """Callers (the UI) can show the place apart from the message."""
    with pytest.raises(AgendaError) as caught:
        Agenda.loads(edit('scribe = "c"', 'scribe = "zed"'), "agenda.toml")
    assert (caught.value.file, caught.value.place) == ("agenda.toml", "roles.scribe")


# -- errors that come from the file system ----------------------------------------------


def test_no_such_file(tmp_path: Path) -> None:
    with pytest.raises(AgendaError) as caught:
        Agenda.load(tmp_path / "nope.toml")
    assert str(caught.value) == f"{tmp_path / 'nope.toml'}: no such file"


def test_directory_given_as_file(tmp_path: Path) -> None:
    with pytest.raises(AgendaError) as caught:
        Agenda.load(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a directory, not an agenda file"


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads files whatever their mode"
)
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(BASE, encoding="utf-8")
    path.chmod(0)
    with pytest.raises(AgendaError) as caught:
        Agenda.load(path)
    assert str(caught.value) == f"{path}: permission denied"


def test_permission_denied_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Also checked when tests run as root, where chmod cannot deny a read."""

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(AgendaError) as caught:
        Agenda.load(tmp_path / "agenda.toml")
    assert str(caught.value) == f"{tmp_path / 'agenda.toml'}: permission denied"


def test_previous_minutes_must_exist(tmp_path: Path) -> None:
    """The review opens with the last minutes' open actions, so a wrong path is an error."""
    path = tmp_path / "agenda.toml"
    path.write_text(
        edit("duration = 60", 'duration = 60\nprevious_minutes = "minutes/last.toml"'),
        encoding="utf-8",
    )
    with pytest.raises(AgendaError) as caught:
        Agenda.load(path)
    assert str(caught.value) == (
        f'{path}: meeting.previous_minutes: "minutes/last.toml" is not a file '
        "(paths count from the agenda's folder)"
    )
    (tmp_path / "minutes").mkdir()
    (tmp_path / "minutes" / "last.toml").write_text("", encoding="utf-8")
    assert Agenda.load(path).meeting.previous_minutes == "minutes/last.toml"


def test_tomllib_value_error_is_an_agenda_error() -> None:
    """tomllib raises ValueError, not TOMLDecodeError, for integers Python will not convert."""
    with pytest.raises(AgendaError, match=r"^agenda\.toml: not valid TOML: exceeds the limit"):
        Agenda.loads("x = " + "9" * 5000, "agenda.toml")


def test_deep_nesting_is_an_agenda_error() -> None:
    with pytest.raises(AgendaError) as caught:
        Agenda.loads("x = " + "[" * 5000 + "]" * 5000, "agenda.toml")
    assert str(caught.value) == (
        "agenda.toml: nested more than 16 deep (tables and arrays within one another)"
    )


# -- nothing but AgendaError, whatever the input ------------------------------------------


def _only_agenda_errors(text: str | bytes) -> None:
    try:
        Agenda.loads(text, "fuzz.toml")
    except AgendaError as err:
        assert str(err).startswith("fuzz.toml")
        str(err).encode("utf-8")  # printable to a UTF-8 terminal: no lone surrogates


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_arbitrary_text_raises_only_agenda_error(text: str) -> None:
    _only_agenda_errors(text)


@settings(max_examples=150, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_raise_only_agenda_error(data: bytes) -> None:
    _only_agenda_errors(data)


# fmt: off
_FRAGMENTS = st.sampled_from([
    "nan", "inf", "true", "0", "10.0", '"x"', '""', "[]", "{}", "=", "[[", "]]", "\n",
    "2026-12-03", "2026-12-03T15:00:00", "15:00:00", "'", '"', "#", "[items]", "\x00",
    "\ud800", "é", "9" * 30, "id", "lead", "kind", '"round"', ",", "-",
])
# fmt: on


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_agenda_raises_only_agenda_error(data: st.DataObject) -> None:
    """Near-valid agendas reach the schema and cross checks, where random text does not."""
    text = BASE + STAKEHOLDER + FUNNEL
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 12)))
        text = text[:start] + data.draw(_FRAGMENTS | st.text(max_size=3)) + text[end:]
    _only_agenda_errors(text)
