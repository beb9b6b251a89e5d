"""Two reviews of one account run through the engine, for the hand-off tests (issue 17).

The first leaves open actions (one growth play, one with no owner), an asked question and
three never asked, two parked topics and items of 73.4 s each (whose rounded seconds once
added up to 03:39 of a 03:40 meeting). `samtui new --from` drafts the second's agenda;
the second closes two actions, carries one, asks a question the first left and adds one.
The golden files in tests/golden/handoff-* are what `samtui report` makes of these
minutes: `SAMTUI_REGENERATE_GOLDEN=1 python -m pytest tests/core/test_handoff.py`
rewrites them from the engine (never by hand).
"""

from __future__ import annotations

from pathlib import Path

from samtui import cli
from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.core.state import Note

AGENDA = """\
[meeting]
title = "Globex strategic account review"
account = "Globex"
starts = 2026-12-03T15:00:00+01:00
duration = 60
horizon_quarters = 3
next_review = 2027-03-04T15:00:00+01:00

[roles]
moderator = "dana"
timekeeper = "li"
scribe = "marco"

[[attendees]]
id = "dana"
name = "Dana Whitfield"
timezone = "Europe/Paris"
email = "dana.whitfield@example.com"
prepared = true
questions = ["Who signs above 2M?", "Is EMEA in scope?"]

[[attendees]]
id = "li"
name = "Li Wei"
timezone = "Asia/Singapore"
email = "li.wei@example.com"
questions = ["What about APAC?"]

[[attendees]]
id = "marco"
name = "Marco Rossi"
timezone = "Europe/Rome"

[[attendees]]
id = "renee"
name = "Renée Dubois"
questions = ["Can we meet their new CFO?"]

[[items]]
title = "Check-in round"
minutes = 10
kind = "round"
turn_minutes = 2

[[items]]
title = "Stakeholder map"
minutes = 20
lead = "dana"
prompts = ["Who has final authority?"]

[[items]]
title = "Growth plays"
minutes = 30
"""

ITEM_SECONDS = 73.4
"""Each item's time in the first review: three of them are 220.2 s, 03:40."""
FIRST_MINUTES = "minutes/globex-2026-12.toml"
NEXT_AGENDA = "globex-next.toml"
SECOND_MINUTES = "minutes/globex-2027-03.toml"


def _noted(result: object) -> Note:
    assert isinstance(result, Note), result
    return result


def first_review(folder: Path, clock: FakeClock) -> Path:
    """Run the first review from `folder`/globex.toml; its minutes' path."""
    agenda = folder / "globex.toml"
    agenda.write_text(AGENDA, encoding="utf-8")
    session = Session.start(agenda, clock=clock)
    try:
        meeting = session.meeting
        meeting.toggle_clock()
        meeting.give_floor("dana")
        clock.advance(40.2)
        _noted(meeting.pull_question())  # Dana's "Who signs above 2M?", on the round
        meeting.give_floor("li")
        clock.advance(ITEM_SECONDS - 40.2)  # Marco and Renée are not heard on the round
        meeting.go_to_item(1, force=True)
        meeting.give_floor("renee")
        _noted(meeting.add_note("! we lead with the platform, not the point product"))
        _noted(meeting.add_note("todo: validate the CFO's stance @dana due:2026-12-15"))
        _noted(meeting.add_note("park: the late invoice from October"))
        clock.advance(ITEM_SECONDS)
        meeting.go_to_item(2, force=True)
        meeting.give_floor("li")
        _noted(meeting.add_note("todo+: pitch analytics to ops @li due:2027-01-31"))
        meeting.release_floor()  # an action noted while nobody speaks has no owner
        _noted(meeting.add_note("todo: book the QBR venue"))
        meeting.give_floor("li")
        _noted(meeting.add_note("goal: two new divisions by Q3"))
        _noted(meeting.add_note("park: office move & parking passes"))
        clock.advance(ITEM_SECONDS)
        return session.finish(folder / FIRST_MINUTES)
    finally:
        session.close()


def next_agenda(folder: Path, first: Path) -> Path:
    """`samtui new --from` the first minutes, then `samtui validate` what it wrote."""
    path = folder / NEXT_AGENDA
    assert cli.main(["new", str(path), "--from", str(first)]) == 0
    assert cli.main(["validate", str(path)]) == 0
    return path


def second_review(folder: Path, agenda: Path, clock: FakeClock) -> Path:
    """Run the second review: the first's validate-the-CFO done, the growth play carried,
    the QBR dropped; the question left from Li asked; a new action."""
    clock.advance(86400 * 91)
    session = Session.start(agenda, clock=clock)
    try:
        meeting = session.meeting
        assert [c.text for c in meeting.state.carried] == [
            "validate the CFO's stance",
            "pitch analytics to ops",
            "book the QBR venue",
        ]
        meeting.toggle_clock()
        assert meeting.decide_carried(0, "done") is None
        assert meeting.decide_carried(2, "dropped") is None
        meeting.give_floor("li")
        _noted(meeting.pull_question("li", 0))
        _noted(meeting.add_note("todo: send the EMEA scope note @renee due:2027-03-18"))
        clock.advance(600)
        return session.finish(folder / SECOND_MINUTES)
    finally:
        session.close()
