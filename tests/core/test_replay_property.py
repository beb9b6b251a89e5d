"""Replay is the check: any sequence of commands, journaled on disk (JSON and back),
replays to exactly the state the live meeting had.

Every kind of command takes part: clock, items, floor and turns, notes and amendments,
removal, presence, added time, check-in, questions, parking, growth plays, stakeholders,
the last review's actions, views joining and leaving, the end.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samtui.core.agenda import Agenda
from samtui.core.clock import FakeClock
from samtui.core.events import CarriedActionData
from samtui.core.journal import Journal
from samtui.core.meeting import Meeting
from samtui.core.state import MeetingState

PEOPLE = ["dana", "li", "marco"]
_commands = st.lists(
    st.one_of(
        st.tuples(st.just("advance"), st.floats(min_value=0, max_value=900)),
        st.tuples(st.just("toggle"), st.none()),
        st.tuples(st.just("item"), st.integers(min_value=0, max_value=2)),
        st.tuples(st.just("next"), st.booleans()),
        st.tuples(st.just("previous"), st.none()),
        st.tuples(st.just("floor"), st.sampled_from(PEOPLE)),
        st.tuples(st.just("turn"), st.none()),
        st.tuples(st.just("release"), st.none()),
        st.tuples(
            st.just("note"),
            st.sampled_from(
                [
                    "x",
                    "! y",
                    "goal: g",
                    "todo: z @li due:2027-01-31",
                    "todo+: grow",
                    "? q",
                    "park: later",
                    "s/x/w/",
                    "s/z/zz @dana/",
                    "ünïcödé ✓ \U0001f642 [b]",
                ]
            ),
        ),
        st.tuples(st.just("remove"), st.none()),
        st.tuples(st.just("absent"), st.sampled_from(PEOPLE)),
        st.tuples(st.just("present"), st.sampled_from(PEOPLE)),
        st.tuples(st.just("prepared"), st.sampled_from(PEOPLE)),
        st.tuples(st.just("time"), st.none()),
        st.tuples(st.just("question"), st.none()),
        st.tuples(st.just("park"), st.sampled_from(["", "the office move"])),
        st.tuples(st.just("growth"), st.none()),
        st.tuples(
            st.just("stance"),
            st.tuples(st.integers(0, 1), st.sampled_from(["advocate", "neutral", "opponent"])),
        ),
        st.tuples(
            st.just("influence"), st.tuples(st.integers(0, 1), st.sampled_from(["high", "low"]))
        ),
        st.tuples(st.just("authority"), st.tuples(st.integers(0, 1), st.booleans())),
        st.tuples(st.just("validated"), st.integers(0, 1)),
        st.tuples(
            st.just("carried"),
            st.tuples(st.integers(0, 1), st.sampled_from(["done", "carried", "dropped"])),
        ),
        st.tuples(st.just("view"), st.sampled_from(["scribe", "timekeeper"])),
        st.tuples(st.just("end"), st.none()),
    ),
    min_size=1,
    max_size=60,
)


def _folder() -> str:
    """tmpfs where there is one: a synced commit per event, many examples."""
    shm = Path("/dev/shm")
    return tempfile.mkdtemp(dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(commands=_commands)
def test_replay_through_the_journal_gives_the_live_state(
    review_file: Path, commands: list[tuple[str, object]]
) -> None:
    agenda = Agenda.load(review_file)
    clock = FakeClock()
    path = Path(_folder()) / "replay.sqlite3"
    journal = Journal.create(
        path,
        agenda_text=agenda.text,
        agenda_path=review_file,
        title=agenda.meeting.title,
        account=agenda.meeting.account,
        export_path=None,
        created_at=clock.now(),
    )
    try:
        live = Meeting(agenda, journal, clock)
        live.load_carry_over(
            "last.toml",
            [
                CarriedActionData(id=1, text="send the map", owner="dana", due=date(2026, 11, 1)),
                CarriedActionData(id=2, text="book the QBR", growth=True, carried_from="a#3"),
            ],
        )
        joined: list[str] = []
        for name, arg in commands:
            _run(live, clock, name, arg, joined)
        offset = live.offset
        with Journal.open(path, readonly=True) as reader:
            replayed = MeetingState.replay(agenda, reader.events())
        assert _snapshot(replayed, offset) == _snapshot(live.state, offset)
    finally:
        journal.close()
        for leftover in path.parent.iterdir():
            leftover.unlink()
        path.parent.rmdir()


def _run(live: Meeting, clock: FakeClock, name: str, arg: object, joined: list[str]) -> None:
    match name, arg:
        case "advance", float(seconds):
            clock.advance(seconds)
        case "toggle", _:
            live.toggle_clock()
        case "item", int(index):
            live.go_to_item(index, force=True)
        case "next", bool(force):
            live.next_item(force=force)
        case "previous", _:
            live.previous_item()
        case "floor", str(who):
            live.give_floor(who)
        case "turn", _:
            live.next_turn()
        case "release", _:
            live.release_floor()
        case "note", str(line):
            live.add_note(line)
        case "remove", _:
            live.remove_note()
        case (("absent" | "present"), str(who)):
            live.set_present(who, name == "present")
        case "prepared", str(who):
            live.set_prepared(who, not live.state.prepared[who])
        case "time", _:
            live.add_time()
        case "question", _:
            live.pull_question()
        case "park", str(text):
            live.park(text)
        case "growth", _:
            live.mark_growth()
        case "stance", (int(index), str(value)):
            live.change_stakeholder(index, "stance", value, visit=7)
        case "influence", (int(index), str(value)):
            live.change_stakeholder(index, "influence", value)
        case "authority", (int(index), bool(value)):
            live.change_stakeholder(index, "final_authority", value)
        case "validated", int(index):
            live.validate_stakeholder(index)
        case "carried", (int(index), str(decision)):
            live.decide_carried(index, decision)  # type: ignore[arg-type]
        case "view", str(role):
            if role in joined:
                live.view_left(role)
                joined.remove(role)
            else:
                live.view_joined(role, role, "ssh 192.0.2.1")  # type: ignore[arg-type]
                joined.append(role)
        case "end", _:
            live.end()
        case _:
            raise AssertionError(f"no such command {name}({arg!r})")


def _snapshot(state: MeetingState, offset: float) -> dict[str, object]:
    return {
        "running": state.running,
        "ended": (state.started_at, state.ended_at),
        "item": state.current_item,
        "floor": state.floor,
        "elapsed": state.meeting_elapsed(offset),
        "items": [state.item_elapsed(i, offset) for i in range(len(state.items))],
        "budgets": [i.budget_seconds for i in state.items],
        "unheard_when_left": [i.unheard_when_left for i in state.items],
        "talk": {a: state.talk_seconds(a, offset) for a in state.order},
        "turns": {a: s.turns for a, s in state.attendees.items()},
        "heard": {a: sorted(s.heard_on) for a, s in state.attendees.items()},
        "present": state.present(),
        "prepared": dict(state.prepared),
        "notes": [
            (n.id, n.item, n.kind, n.text, n.owner, n.due, n.growth, n.question, n.at, n.offset)
            for n in state.notes.values()
        ],
        "asked": dict(state.asked),
        "turn": state.turn_seconds(offset),
        "stakeholders": [
            (s.stance, s.influence, s.final_authority, s.last_validated) for s in state.stakeholders
        ],
        "changes": [
            (c.stakeholder, c.field, c.before, c.after, c.item, c.at)
            for c in state.stakeholder_changes
        ],
        "carried": [
            (c.id, c.text, c.owner, c.due, c.growth, c.decision, c.carried_from)
            for c in state.carried
        ],
        "views": [(v.view, v.role, v.where, v.joined_at, v.left_at) for v in state.views],
    }


EVERY_COMMAND: list[tuple[str, object]] = [
    ("prepared", "li"),
    ("absent", "marco"),
    ("toggle", None),
    ("advance", 30.0),
    ("turn", None),
    *[("note", line) for line in ("x", "! y", "goal: g", "todo: z @li due:2027-01-31")],
    ("note", "s/z/zz @dana/"),
    ("note", "todo+: grow"),
    ("note", "? q"),
    ("note", "park: later"),
    ("note", "ünïcödé ✓ \U0001f642 [b]"),
    ("note", "s/x/w/"),
    ("question", None),
    ("park", ""),
    ("park", "the office move"),
    ("growth", None),
    ("note", "todo+: a second play @dana"),
    ("note", "the last point"),
    ("remove", None),
    ("carried", (0, "done")),
    ("carried", (1, "dropped")),
    ("advance", 5.0),
    ("time", None),
    ("floor", "dana"),
    ("release", None),
    ("present", "marco"),
    ("next", False),
    ("next", True),
    ("stance", (1, "opponent")),
    ("stance", (1, "advocate")),
    ("influence", (0, "low")),
    ("authority", (1, True)),
    ("validated", 1),
    ("view", "scribe"),
    ("toggle", None),
    ("advance", 60.0),
    ("toggle", None),
    ("view", "scribe"),
    ("previous", None),
    ("item", 2),
    ("end", None),
]


def test_every_command_kind_replays(review_file: Path) -> None:
    """The same check on one script that runs every kind of command (so no kind depends on
    the examples hypothesis happens to draw)."""
    names = {name for name, _ in EVERY_COMMAND}
    assert names >= {
        "toggle",
        "item",
        "next",
        "previous",
        "floor",
        "turn",
        "release",
        "note",
        "remove",
        "absent",
        "present",
        "prepared",
        "time",
        "question",
        "park",
        "growth",
        "stance",
        "influence",
        "authority",
        "validated",
        "carried",
        "view",
        "end",
    }
    test_replay_through_the_journal_gives_the_live_state.hypothesis.inner_test(  # type: ignore[attr-defined]
        review_file, EVERY_COMMAND
    )
