"""The account's history, read from four reviews held through the engine (history_chain).

Every expected value is written here from what the script in history_chain did: who owned
what, what was carried, closed or left open, who spoke how long, which stance changed with
or without a note naming the person.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from history_chain import DAYS, FIRST_AGENDA, SCRIPT, draft_next, four_reviews, hold

from samtui.core import history
from samtui.core.clock import FakeClock
from samtui.core.history import (
    FINAL_AUTHORITY_NOT_ADVOCATE,
    GAP_NOT_SHRINKING,
    NO_ADVOCATE,
    NO_FINAL_AUTHORITY,
    NOT_VALIDATED,
    OPPONENT_UNADDRESSED,
    OVERDUE,
    Chain,
    History,
    OwnerTally,
    Presence,
    StakeholderAt,
    UnexplainedChange,
)
from samtui.core.meeting import Meeting
from samtui.core.minutes import ActionRecord, Minutes
from samtui.core.session import Session


@pytest.fixture(scope="module")
def reviews(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Path]]:
    """The four reviews, held once for the tests that only read them."""
    folder = tmp_path_factory.mktemp("acme")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(folder / "state"))
        yield four_reviews(folder)


@pytest.fixture(scope="module")
def acme(reviews: list[Path]) -> History:
    reading = history.read([reviews[0].parent])
    assert reading.skipped == [] and [a.account for a in reading.accounts] == ["Acme Corp"]
    (found,) = history.histories(reading)
    return found


def test_the_reviews_in_order(acme: History, reviews: list[Path]) -> None:
    assert [(r.number, r.day, r.file) for r in acme.reviews] == [
        (1, date(2026, 3, 2), str(reviews[0])),
        (2, date(2026, 6, 1), str(reviews[1])),
        (3, date(2026, 9, 1), str(reviews[2])),
        (4, date(2026, 12, 1), str(reviews[3])),
    ]


def test_commitments_per_owner(acme: History) -> None:
    assert acme.owners == [
        OwnerTally("dana", "Dana Whitfield", done=0, dropped=0, open=1, carried=1, overdue=1),
        OwnerTally("li", "Li Wei", done=2, dropped=0, open=0, carried=1, overdue=0),
        OwnerTally("marco", "Marco Rossi", done=0, dropped=1, open=0, carried=0, overdue=0),
    ]


def test_each_action_followed_through_the_reviews(acme: History) -> None:
    followed = [
        (c.text, c.status, c.times_carried, c.noted_in, c.open_in, c.closed_in, c.days_past_due)
        for c in acme.commitments
    ]
    assert followed == [
        # carried into 2, 3 and 4; due 2026-04-01, 244 days before 2026-12-01
        ("send the map", "open", 3, 0, [0, 1, 2, 3], None, 244),
        ("book the QBR", "done", 0, 0, [0], 1, None),
        ("fix pricing", "dropped", 0, 0, [0], 1, None),
        ("call Tom Reed about budget", "done", 1, 1, [1, 2], 3, None),
    ]
    assert [c.text for c in acme.carried_often] == ["send the map"]
    assert [c.text for c in acme.still_open] == ["send the map"]


def test_red_flags_and_the_reviews_they_fired_in(acme: History) -> None:
    fired = {story.rule: [acme.reviews[i].number for i in story.fired_in] for story in acme.rules}
    assert fired == {
        NO_FINAL_AUTHORITY: [],
        FINAL_AUTHORITY_NOT_ADVOCATE: [1, 2, 3],  # Tom, opponent until review 4
        NO_ADVOCATE: [],
        OPPONENT_UNADDRESSED: [1],  # from review 2 on, "call Tom Reed about budget"
        NOT_VALIDATED: [1, 2, 3, 4],
        OVERDUE: [2, 3, 4],
        GAP_NOT_SHRINKING: [3],  # 1,000,000 at 1, 2 and 3; 600,000 at 4
    }
    details = [(flag.rule, flag.details) for flag in acme.flags[0]]
    assert details == [
        (FINAL_AUTHORITY_NOT_ADVOCATE, ("Tom Reed",)),
        (OPPONENT_UNADDRESSED, ("Tom Reed",)),
        (NOT_VALIDATED, ("Tom Reed", "Ana Silva")),  # 2025-06-01, and never
    ]
    last = {story.rule: story.now.details for story in acme.rules if story.now is not None}
    assert last == {
        NOT_VALIDATED: ("Jane Ortiz", "Tom Reed", "Ana Silva"),  # Tom: 183 days
        OVERDUE: ("send the map (due 2026-04-01)",),
    }
    assert [flag.details for flag in acme.flags[2] if flag.rule == GAP_NOT_SHRINKING] == [
        ("USD 1,000,000 2 reviews before, USD 1,000,000 now",)
    ]


def test_talk_shares_and_who_was_not_heard(acme: History) -> None:
    table = {
        a.name: [None if p is None else (p.heard, p.percent) for p in a.at] for a in acme.attendees
    }
    assert table == {
        "Dana Whitfield": [("heard", 60), ("heard", 50), ("heard", 25), ("heard", 50)],
        "Li Wei": [("heard", 20), ("heard", 50), ("heard", 25), ("heard", 25)],
        "Marco Rossi": [("heard", 20), ("absent", 0), ("heard", 25), ("heard", 25)],
        "Renée Dubois": [("not heard", 0), ("not heard", 0), ("heard", 25), ("not heard", 0)],
    }
    dana = next(a for a in acme.attendees if a.id == "dana")
    assert dana.at[0] == Presence("heard", 300, 0.6)
    assert [a.name for a in acme.quiet] == ["Renée Dubois"]  # not heard in 2 and 4


def test_stakeholders_over_time(acme: History) -> None:
    stories = {s.name: s for s in acme.stakeholders}
    assert list(stories) == ["Jane Ortiz", "Tom Reed", "Ana Silva"]
    tom = stories["Tom Reed"]
    old, validated = date(2025, 6, 1), date(2026, 6, 1)
    assert tom.at == [
        StakeholderAt("opponent", "high", True, old, "Li Wei"),
        StakeholderAt("opponent", "high", True, validated, "Li Wei"),
        StakeholderAt("opponent", "high", True, validated, "Li Wei"),
        StakeholderAt("advocate", "high", True, validated, "Li Wei"),
    ]
    assert (tom.last.last_validated, tom.validated_by) == (validated, "Li Wei")
    assert tom.unexplained == []  # notes named him both times his stance changed
    assert stories["Ana Silva"].unexplained == [UnexplainedChange(1, "opponent", "neutral")]
    assert (stories["Ana Silva"].last.last_validated, stories["Ana Silva"].validated_by) == (
        None,
        None,
    )
    assert stories["Jane Ortiz"].validated_by == "Dana Whitfield"


def test_funnel_at_each_review(acme: History) -> None:
    assert [(f.current, f.target, f.gap) for f in acme.funnel if f is not None] == [
        (1_000_000, 2_000_000, 1_000_000),
        (1_000_000, 2_000_000, 1_000_000),
        (1_000_000, 2_000_000, 1_000_000),
        (1_400_000, 2_000_000, 600_000),
    ]


def start(meeting: Meeting, clock: FakeClock) -> None:
    meeting.toggle_clock()


def test_a_stance_edited_between_reviews_has_no_recorded_reason(tmp_path: Path) -> None:
    """An agenda edited by hand between two reviews: the change is in no review."""
    agenda = tmp_path / "a.toml"
    agenda.write_text(FIRST_AGENDA, encoding="utf-8")
    first = hold(agenda, DAYS[0], start)
    edit = (
        'name = "Ana Silva"\ntitle = "Buyer"\nstance = "opponent"',
        'name = "Ana Silva"\ntitle = "Buyer"\nstance = "advocate"',
    )
    second = hold(draft_next(first, tmp_path / "b.toml", edit), DAYS[1], start)
    (found,) = history.histories(history.read([first, second]))
    ana = next(s for s in found.stakeholders if s.name == "Ana Silva")
    assert ana.unexplained == [UnexplainedChange(1, "opponent", "advocate", between=True)]


# -- carried_from across files -----------------------------------------------------------


def test_carried_counts_survive_a_moved_folder(tmp_path: Path) -> None:
    """The minutes name their agenda's folder; moved elsewhere, they are found by name."""
    built = tmp_path / "built"
    built.mkdir()
    minutes = four_reviews(built)
    moved = tmp_path / "archive" / "acme"
    shutil.copytree(built / "minutes", moved)
    shutil.rmtree(built)
    (found,) = history.histories(history.read([moved]))
    assert [(c.text, c.times_carried) for c in found.commitments] == [
        ("send the map", 3),
        ("book the QBR", 0),
        ("fix pricing", 0),
        ("call Tom Reed about budget", 1),
    ]
    assert [c.name for c in minutes] == sorted(p.name for p in moved.iterdir())


def test_carried_counts_follow_files_not_given(reviews: list[Path]) -> None:
    """Only the last review given: the earlier ones are read as carried_from names them."""
    (found,) = history.histories(history.read([reviews[3]]))
    assert [(c.text, c.status, c.times_carried, c.noted_in) for c in found.commitments] == [
        ("send the map", "open", 3, None),
        ("call Tom Reed about budget", "done", 1, None),
    ]


def test_a_loop_of_carried_from_is_counted_and_ends(tmp_path: Path) -> None:
    """A hand-edited file whose action says it was carried from itself."""
    path = tmp_path / "loop.toml"
    minutes = Minutes.loads(
        '[meeting]\ntitle = "t"\naccount = "A"\nagenda = "a.toml"\nplanned_minutes = 10\n'
        "actual_seconds = 0\nstarted_at = 2026-01-01T10:00:00Z\n\n"
        '[[actions]]\nid = 1\ntext = "x"\nitem = "i"\ncarried_from = "loop.toml#1"\n'
    )
    path.write_text(minutes.to_toml(), encoding="utf-8")
    chain = Chain({path: minutes})
    assert chain.times_carried(path, minutes, minutes.actions[0]) == 1
    dangling = ActionRecord(id=7, text="y", item="i", carried_from="gone.toml#3")
    assert chain.times_carried(path, minutes, dangling) == 1  # carried once, from a lost file
    endless = ActionRecord(id=8, text="z", item="i", carried_from="/dev/zero#1")
    assert chain.times_carried(path, minutes, endless) == 1  # never read: not a regular file


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    """Reading a FIFO waits for a writer that never comes: it is named and skipped."""
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    reading = history.read([fifo])
    assert [str(s) for s in reading.skipped] == [f"{fifo}: not a regular file; skipped"]


# -- bad files ------------------------------------------------------------------------


def test_bad_files_are_one_line_each_and_skipped(reviews: list[Path], tmp_path: Path) -> None:
    other = tmp_path / "globex.toml"
    other.write_text(
        reviews[0]
        .read_text(encoding="utf-8")
        .replace('account = "Acme Corp"', 'account = "Globex"'),
        encoding="utf-8",
    )
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\x00\x01\x02")
    agenda = tmp_path / "agenda.toml"
    agenda.write_text(FIRST_AGENDA, encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text("[meeting\n", encoding="utf-8")
    several = tmp_path / "several.toml"
    several.write_text('[meeting]\ntitle = "x"\nplanned_minutes = 10\n', encoding="utf-8")
    missing = tmp_path / "missing.toml"
    empty = tmp_path / "empty"
    empty.mkdir()
    given = [reviews[0].parent, other, binary, agenda, broken, several, missing, empty]
    reading = history.read(given, account="acme corp")
    assert [str(s) for s in reading.skipped] == [
        f"{missing}: no such file or folder; skipped",
        f"{empty}: a folder with no .toml files; skipped",
        f"{binary}: binary data, not text (NUL byte at offset 0); skipped",
        f"{agenda}: is an agenda, not minutes; skipped",
        f"{broken}:1:9: expected ']' at the end of a table declaration; skipped",
        f"{several}: meeting.account: is required (and 2 more problems); skipped",
        f'{other}: minutes of "Globex", not of "acme corp"; skipped',
    ]
    assert [s.bad for s in reading.skipped] == [True, True, True, True, True, True, False]
    assert reading.bad
    assert [(a.account, len(a.reviews)) for a in reading.accounts] == [("Acme Corp", 4)]
    everyone = history.read([reviews[0].parent, other])
    assert [(a.account, len(a.reviews)) for a in everyone.accounts] == [
        ("Acme Corp", 4),
        ("Globex", 1),
    ]
    assert not everyone.bad


def test_a_snapshot_and_the_minutes_of_one_session_are_one_review(
    review_file: Path, clock: FakeClock, tmp_path: Path
) -> None:
    session = Session.start(review_file, clock=clock)
    session.meeting.toggle_clock()
    clock.advance(60)
    snapshot = session.export(snapshot=True)
    clock.advance(60)
    final = session.finish()
    session.close()
    reading = history.read([snapshot, final])
    assert [str(s) for s in reading.skipped] == [
        f"{snapshot}: the same session ({session.path.stem}) as {final}; skipped"
    ]
    assert [r.path for r in reading.accounts[0].reviews] == [final.resolve()]


def test_a_local_start_time_sorts_with_the_others(reviews: list[Path], tmp_path: Path) -> None:
    """Minutes written by hand with a TOML local date-time (no offset) among samtui's."""
    local = tmp_path / "local.toml"
    text = reviews[1].read_text(encoding="utf-8")
    assert "started_at = 2026-06-01 14:00:00+00:00" in text
    local.write_text(
        text.replace("started_at = 2026-06-01 14:00:00+00:00", "started_at = 2026-07-01T09:00:00"),
        "utf-8",
    )
    reading = history.read([reviews[0], local, reviews[2]])
    assert [r.shown for r in reading.accounts[0].reviews] == [
        str(reviews[0]),
        str(local),
        str(reviews[2]),
    ]


def test_old_minutes_still_read() -> None:
    """The golden minutes (hand-written, every section) make a history of one review."""
    golden = Path(__file__).resolve().parents[1] / "golden" / "minutes.toml"
    (found,) = history.histories(history.read([golden]))
    assert [r.title for r in found.reviews] == ["Acme Corp | Q4 review <b>draft</b>"]
    assert [t.name for t in found.owners][:1] == ["Dana Whitfield"]


# -- in the next review -------------------------------------------------------------------


def test_the_next_review_knows_how_often_each_action_was_carried(tmp_path: Path) -> None:
    minutes = four_reviews(tmp_path)
    agenda = draft_next(minutes[-1], tmp_path / "acme-5.toml")
    clock = FakeClock(DAYS[-1].replace(year=2027, month=3))
    session = Session.start(agenda, clock=clock)
    state = session.meeting.state
    assert [(c.text, c.times_carried) for c in state.carried] == [("send the map", 3)]
    session.close()
    shutil.rmtree(tmp_path / "minutes")  # a resume needs no other file
    again = Session.resume(session.path, clock=clock)
    assert [c.times_carried for c in again.meeting.state.carried] == [3]
    again.close()


def test_the_red_flags_that_fire_now_in_the_next_review(tmp_path: Path) -> None:
    minutes = four_reviews(tmp_path)
    gap_again = ("current = 1400000", "current = 1000000")  # the gap is 1,000,000 again
    agenda = draft_next(minutes[-1], tmp_path / "acme-5.toml", gap_again)
    clock = FakeClock(DAYS[-1].replace(year=2027, month=3))
    session = Session.start(agenda, clock=clock)
    try:
        earlier = history.earlier_funnels(session.agenda)
        assert [f.gap for f in earlier if f is not None] == [1_000_000, 600_000]  # reviews 3, 4
        now = history.standing_now(session.meeting.state, clock.now().date(), earlier)
        fired = {flag.rule: flag.details for flag in history.red_flags(now)}
        assert fired == {
            NOT_VALIDATED: ("Jane Ortiz", "Tom Reed", "Ana Silva"),
            OVERDUE: ("send the map (due 2026-04-01)",),
            GAP_NOT_SHRINKING: ("USD 1,000,000 2 reviews before, USD 1,000,000 now",),
        }
        assert session.meeting.decide_carried(0, "done") is None
        now = history.standing_now(session.meeting.state, clock.now().date(), earlier)
        assert OVERDUE not in {flag.rule for flag in history.red_flags(now)}
    finally:
        session.close()


def test_a_snapshot_taken_mid_review_neither_hides_nor_doubles_its_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 2 snapshotted before its end: with its final minutes, the final is kept; in
    their place, the snapshot is review 2 and review 3's links (to the final) reach it."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    agenda = tmp_path / "acme-1.toml"
    agenda.write_text(FIRST_AGENDA, encoding="utf-8")
    written = [hold(agenda, DAYS[0], SCRIPT[0])]
    agenda = draft_next(written[0], tmp_path / "acme-2.toml")
    clock = FakeClock(DAYS[1])
    session = Session.start(agenda, clock=clock)
    SCRIPT[1](session.meeting, clock)
    snapshot = session.export(snapshot=True)
    clock.advance(60)
    written.append(session.finish())
    session.close()
    for number in (3, 4):
        agenda = draft_next(written[-1], tmp_path / f"acme-{number}.toml")
        written.append(hold(agenda, DAYS[number - 1], SCRIPT[number - 1]))
    expected = [
        ("send the map", "open", 3),
        ("book the QBR", "done", 0),
        ("fix pricing", "dropped", 0),
        ("call Tom Reed about budget", "done", 1),
    ]
    reading = history.read([tmp_path / "minutes"])
    assert [str(s) for s in reading.skipped] == [
        f"{snapshot}: the same session ({session.path.stem}) as {written[1]}; skipped"
    ]
    (found,) = history.histories(reading)
    assert [(c.text, c.status, c.times_carried) for c in found.commitments] == expected
    instead = history.read([written[0], snapshot, *written[2:]])
    assert instead.skipped == []
    (found,) = history.histories(instead)
    assert [r.file for r in found.reviews] == [str(p) for p in (written[0], snapshot, *written[2:])]
    assert [(c.text, c.status, c.times_carried) for c in found.commitments] == expected


def test_copies_of_minutes_with_no_session_are_one_review(
    reviews: list[Path], tmp_path: Path
) -> None:
    """Minutes written by hand (or by an older samtui) have no session: two copies of one
    are the same review when they are of the same account and started at the same moment."""
    text = "".join(
        line
        for line in reviews[0].read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith("session = ")
    )
    first, second = tmp_path / "q1.toml", tmp_path / "q1-copy.toml"
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")
    reading = history.read([first, second])
    assert [str(s) for s in reading.skipped] == [
        f"{second}: the same review (started 2026-03-02T14:00:00+00:00) as {first}; skipped"
    ]
    assert [r.path for r in reading.accounts[0].reviews] == [first.resolve()]
