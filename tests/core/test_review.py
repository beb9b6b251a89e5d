"""The account review itself: check-in, questions, stakeholders, carry-over, horizon."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from samtui.core.clock import FakeClock
from samtui.core.errors import MinutesError
from samtui.core.meeting import Meeting, Refused, Why
from samtui.core.minutes import Minutes
from samtui.core.session import Session
from samtui.core.stakeholders import flags
from samtui.core.state import MeetingState, Note


def test_check_in_marks_present_and_prepared(review: Session) -> None:
    meeting = review.meeting
    assert meeting.set_prepared("li", True) is None
    assert meeting.set_present("marco", False) is None
    minutes = review.minutes()
    by_id = {a.id: a for a in minutes.attendees}
    assert (by_id["li"].prepared, by_id["marco"].present, by_id["dana"].prepared) == (
        True,
        False,
        True,
    )
    assert meeting.set_prepared("zed", True) == Refused(
        '"zed" is not an attendee', Why.NOT_ATTENDEE
    )


def test_questions_brought_become_a_queue(review: Session) -> None:
    meeting = review.meeting
    assert [q[2] for q in meeting.state.question_queue()] == [
        "Who replaces the CFO?",
        "Is EMEA in scope?",
        "What about APAC?",
    ]
    meeting.go_to_item(1)
    asked = meeting.pull_question("li", 0)
    assert isinstance(asked, Note) and (asked.kind, asked.text) == ("question", "What about APAC?")
    first = meeting.pull_question()
    assert isinstance(first, Note) and first.text == "Who replaces the CFO?"
    assert [q[2] for q in meeting.state.question_queue()] == ["Is EMEA in scope?"]
    meeting.remove_note()  # un-asking puts it back in the queue
    assert len(meeting.state.question_queue()) == 2
    questions = review.minutes().questions
    assert [(q.attendee, q.text, q.item) for q in questions] == [
        ("dana", "Who replaces the CFO?", None),
        ("dana", "Is EMEA in scope?", None),
        ("li", "What about APAC?", "Stakeholder map"),
    ]


def test_stakeholder_changes_are_events_and_minutes(review: Session, clock: FakeClock) -> None:
    meeting = review.meeting
    meeting.go_to_item(1)
    assert meeting.change_stakeholder(1, "stance", "opponent") is None
    assert meeting.change_stakeholder(1, "final_authority", True) is None
    assert meeting.validate_stakeholder(1) is None
    assert meeting.change_stakeholder(1, "stance", "fan") == Refused(
        'stance is one of advocate, neutral, opponent, unknown (not "fan")', Why.BAD_VALUE
    )
    assert meeting.change_stakeholder(5, "stance", "neutral") == Refused(
        "there is no stakeholder 6", Why.NO_STAKEHOLDER
    )
    minutes = review.minutes()
    tom = minutes.stakeholders[1]
    assert (tom.stance, tom.final_authority, tom.last_validated) == (
        "opponent",
        True,
        clock.now().date(),
    )
    changes = [(c.name, c.field, c.before, c.after, c.item) for c in minutes.stakeholder_changes]
    assert changes == [
        ("Tom Reed", "stance", "neutral", "opponent", "Stakeholder map"),
        ("Tom Reed", "final_authority", False, True, "Stakeholder map"),
        ("Tom Reed", "last_validated", date(2026, 1, 10), clock.now().date(), "Stakeholder map"),
    ]
    replayed = MeetingState.replay(review.agenda, review.journal.events())
    assert replayed.stakeholders == meeting.state.stakeholders


def test_stakeholder_flags() -> None:
    from samtui.core.state import StakeholderState

    today = date(2026, 12, 1)
    fresh = date(2026, 11, 1)
    assert flags(
        [
            StakeholderState("Ann", "opponent", "high", False, fresh),
            StakeholderState("Bo", "neutral", "low", False, date(2026, 5, 1)),
        ],
        today,
    ) == [
        "no one with final authority identified",
        "high-influence opponent: Ann",
        "no advocate",
        "not validated for 180 days: Bo",
    ]
    assert flags([StakeholderState("Cy", "advocate", "high", True, fresh)], today) == []
    two = [StakeholderState(n, "advocate", "high", True, fresh) for n in ("Cy", "Di")]
    assert flags(two, today) == ["more than one with final authority: Cy, Di"]


def test_horizon_guard_parks_the_last_note_or_a_typed_topic(meeting: Meeting) -> None:
    assert meeting.park() == Refused("nothing to park yet", Why.NOTHING_TO_PARK)
    meeting.add_note("the invoice from October is late")
    parked = meeting.park()
    assert isinstance(parked, Note) and parked.kind == "parked"
    assert meeting.park() == Refused(
        "the last note is already in the parking lot", Why.ALREADY_PARKED
    )
    typed = meeting.park("park: shipping   delays")
    assert isinstance(typed, Note) and typed.text == "shipping delays"
    assert [n.text for n in meeting.state.parking_lot()] == [
        "the invoice from October is late",
        "shipping delays",
    ]


def test_growth_plays_are_listed_apart(review: Session) -> None:
    meeting = review.meeting
    meeting.add_note("todo+: pitch analytics @li")
    meeting.add_note("todo: renew support @dana")
    assert meeting.mark_growth() is not None  # the last action becomes a growth play
    minutes = review.minutes()
    assert minutes.growth_plays == [1, 2]
    assert minutes.funnel is not None and minutes.funnel.gap == 800000


def _first_review(review_file: Path, clock: FakeClock) -> Path:
    session = Session.start(review_file, clock=clock)
    meeting = session.meeting
    meeting.toggle_clock()
    meeting.add_note("todo: send the map @dana due:2026-12-10")
    meeting.add_note("todo+: pitch analytics @li")
    meeting.add_note("todo: book the QBR @marco")
    clock.advance(600)
    path = session.finish()
    session.close()
    return path


def test_carry_over_across_two_meetings(review_file: Path, clock: FakeClock) -> None:
    first = _first_review(review_file, clock)
    second_agenda = review_file.with_name("acme-next.toml")
    relative = first.relative_to(review_file.parent).as_posix()
    second_agenda.write_text(
        review_file.read_text(encoding="utf-8").replace(
            "duration = 60", f'duration = 60\nprevious_minutes = "{relative}"'
        ),
        encoding="utf-8",
    )
    clock.advance(86400 * 90)
    session = Session.start(second_agenda, clock=clock)
    meeting = session.meeting
    assert [c.text for c in meeting.state.carried] == [
        "send the map",
        "pitch analytics",
        "book the QBR",
    ]
    assert meeting.decide_carried(0, "done") is None
    assert meeting.decide_carried(2, "dropped") is None
    assert meeting.decide_carried(1, "later") == Refused(  # type: ignore[arg-type]
        '"later": an open action is done, carried or dropped', Why.BAD_VALUE
    )
    meeting.add_note("todo: new thing @li")
    minutes = session.minutes()
    assert [(a.id, a.text, a.carried_from) for a in minutes.actions] == [
        (1, "pitch analytics", f"{relative}#2"),
        (2, "new thing", None),
    ]
    assert minutes.actions[0].growth and minutes.growth_plays == [1]
    assert [(a.text, a.status) for a in minutes.closed_actions] == [
        ("send the map", "done"),
        ("book the QBR", "dropped"),
    ]
    # A resume needs no minutes file: the carry-over is in the journal.
    first.unlink()
    session.close()
    again = Session.resume(session.path, clock=clock)
    assert [c.decision for c in again.meeting.state.carried] == ["done", "carried", "dropped"]
    again.close()


def test_carry_over_from_a_bad_minutes_file_is_a_clear_error(
    review_file: Path, clock: FakeClock
) -> None:
    bad = review_file.with_name("old.toml")
    bad.write_text(
        "[meeting]\ntitle = 'x'\nagenda = 'a'\nplanned_minutes = 1\nactual_seconds = 0\n",
        encoding="utf-8",
    )
    agenda = review_file.with_name("next.toml")
    agenda.write_text(
        review_file.read_text(encoding="utf-8").replace(
            "duration = 60", 'duration = 60\nprevious_minutes = "old.toml"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(MinutesError) as caught:
        Session.start(agenda, clock=clock)
    assert str(caught.value) == f"{bad}: meeting.account: is required"


def test_minutes_with_review_parts_round_trip(review: Session, tmp_path: Path) -> None:
    meeting = review.meeting
    meeting.change_stakeholder(0, "stance", "neutral")
    meeting.pull_question()
    path = review.export(tmp_path / "m.toml")
    assert Minutes.load(path) == review.minutes()
