"""The numbers the performance issue asks for, as one Markdown table with PASS/FAIL.

Run: python tests/perf/bench.py [FOLDER]. Exit status 1 if a target fails. Not collected by
pytest (no test_ prefix, no tests). Everything is written in a temporary folder (inside
FOLDER if given: the disk matters, since every append is synced), XDG_STATE_HOME included.

Where a figure has a baseline, subject and baseline run side by side in the same run,
interleaved, and the figure is the ratio of their medians, so it holds on a noisy machine.

- start-up: spawn to first frame of `samtui run` on the large example agenda against a
  bare Textual app that loads the same TOML and shows the same standard widgets, each in a
  subprocess (first_frame.py); also the frame that ends the start-up burst, peak memory,
  and `samtui resume` of the big meeting below;
- typing: a printable key, then Enter, from Pilot press to rendered screen, in a meeting of
  50 attendees, 40 items and 5,000 notes (1,100 on the current item) against an empty one;
- tick: the meeting screen's `tick()` and the render it causes, at those two sizes;
- join: a note written in one session until a `join` view on the same journal shows it;
- journal: one `Meeting.add_note` on a durable journal, over 10,000 events; a resume's open
  and replay of those 10,000 events; the minutes of 5,000 notes taken and written;
- hangup: a pty's master closed under `samtui resume` with half a line typed, until the
  process has ended (the draft saved: README promises both within 2 s).
- history: `samtui history` of an account's 100 reviews with 50 open actions each (each
  closing 20 of the last one's and carrying 30), spawn to the screen's first frame and
  spawn to the end of `--format md`, each in a subprocess.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

import textual
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from samtui.core.agenda import Agenda
from samtui.core.clock import FakeClock, SystemClock
from samtui.core.durable import write_atomic
from samtui.core.events import CarriedActionData
from samtui.core.journal import Journal
from samtui.core.meeting import Meeting
from samtui.core.minutes import Minutes
from samtui.core.session import Session
from samtui.core.sinks import MemorySink
from samtui.core.state import MeetingState
from samtui.ui.app import SamApp
from samtui.ui.screens.meeting import MeetingScreen

HERE = Path(__file__).resolve().parent
AGENDAS = HERE.parents[1] / "agendas"
SMALL_AGENDA = AGENDAS / "quick-review.toml"
LARGE_AGENDA = AGENDAS / "large-review.toml"
FIRST_FRAME = HERE / "first_frame.py"
SIZE = (160, 48)

APPEND_EVENTS = 10_000
EXPORT_NOTES = 5_000
RUNS = 5
STARTUP_RUNS = 7
BIG_ATTENDEES, BIG_ITEMS, BIG_NOTES, BIG_CURRENT_NOTES = 50, 40, 5_000, 1_100
BIG_CURRENT_ITEM = 20
KEYS, ENTERS, TICKS = 200, 40, 100
KEYS_PER_LINE = 40
JOIN_NOTES = 20

APPEND_P99_MS = 5.0
REPLAY_MS = 300.0
EXPORT_MS = 300.0
STARTUP_RATIO = 1.2
SIZE_RATIO = 1.5
JOIN_MAX_MS = 1000.0
"""README: another view shows what one wrote "within a fraction of a second"."""
HANGUPS = 10
HANGUP_MAX_MS = 2000.0
"""README: a closed terminal ends samtui within 2 seconds, the unfinished line saved."""
HISTORY_REVIEWS, HISTORY_ACTIONS = 100, 50
HISTORY_MS = 1000.0


# -- measuring -----------------------------------------------------------------------------


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: no interpolation, so p99 is a latency someone really waited."""
    rank = max(1, round(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def milliseconds(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


async def amilliseconds(action: Callable[[], Awaitable[object]]) -> float:
    began = time.perf_counter()
    await action()
    return (time.perf_counter() - began) * 1000


def shown_ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.0f} ms"


@dataclass(frozen=True)
class Row:
    """One line of the table; `value` is a ratio when there is a baseline."""

    figure: str
    subject: str
    baseline: str
    value: float
    shown: str
    target: float | None

    @property
    def passed(self) -> bool | None:
        return None if self.target is None else self.value <= self.target


def ratio_row(
    figure: str, subject: list[float], baseline: list[float], target: float | None
) -> Row:
    """Medians of interleaved runs, and their ratio."""
    mine, theirs = statistics.median(subject), statistics.median(baseline)
    return Row(
        figure, shown_ms(mine), shown_ms(theirs), mine / theirs, f"{mine / theirs:.2f}x", target
    )


def value_row(figure: str, value: float, target: float | None) -> Row:
    return Row(figure, shown_ms(value), "-", value, shown_ms(value), target)


# -- meetings to measure -------------------------------------------------------------------


def note_line(index: int) -> str:
    """A realistic mix of kinds, so parsing costs what it costs in a meeting."""
    lines = (
        f"Grace wants the Ohio numbers before Q3 ({index})",
        f"todo: send the stakeholder map @amy due:2026-12-10 ({index})",
        f"! go with plan B for the packaging line ({index})",
        f"park: invoice dispute number {index}",
    )
    return lines[index % len(lines)]


def big_agenda_toml() -> str:
    """50 attendees across time zones, 40 items with prompts, some rounds; valid as written."""
    zones = ("Europe/Paris", "America/Chicago", "Asia/Singapore", "Europe/London", None)
    lines = [
        "[meeting]",
        'title = "Benchmark strategic account review"',
        'account = "Bench Corp"',
        "duration = 600",
        "",
        "[roles]",
        'moderator = "amy"',
        'timekeeper = "p01"',
        'scribe = "p02"',
    ]
    for index in range(BIG_ATTENDEES):
        person = "amy" if index == 0 else f"p{index:02}"
        name = "Amy Chen" if index == 0 else f"Renée Dubois-{index:02}"
        lines += ["", "[[attendees]]", f'id = "{person}"', f'name = "{name}"']
        lines.append(f'title = "Account role {index}"')
        if zones[index % len(zones)]:
            lines.append(f'timezone = "{zones[index % len(zones)]}"')
        lines.append(f"prepared = {'true' if index % 3 else 'false'}")
        if index % 7 == 0:
            lines.append(f'questions = ["What does division {index} buy next year?"]')
    for index in range(BIG_ITEMS):
        lines += [
            "",
            "[[items]]",
            f'title = "Agenda item {index + 1}: the account in Q{index % 4 + 1}"',
        ]
        lines.append("minutes = 10")
        if index % 5 == 0:
            lines += ['kind = "round"', "turn_minutes = 1"]
        lines.append(
            f'prompts = ["Who decides item {index + 1}?", "What changed since last time?"]'
        )
    return "\n".join(lines) + "\n"


def build_big_meeting(folder: Path) -> Path:
    """The journal of a meeting in progress: 5,000 notes, 1,100 on the current item, someone
    on the floor. Built through `Meeting.add_note` on a durable journal, as a scribe would."""
    agenda_path = folder / "big-review.toml"
    agenda_path.write_text(big_agenda_toml(), encoding="utf-8")
    clock = FakeClock()
    session = Session.start(agenda_path, clock=clock, new=True)
    meeting = session.meeting
    meeting.toggle_clock()
    spread = BIG_NOTES - BIG_CURRENT_NOTES
    per_item = spread // BIG_ITEMS
    for index in range(BIG_NOTES):
        item = BIG_CURRENT_ITEM if index >= spread else min(index // per_item, BIG_ITEMS - 1)
        if item != meeting.state.current_item:
            meeting.go_to_item(item, force=True)
            meeting.give_floor(meeting.state.order[item % BIG_ATTENDEES])
        clock.advance(1.0)
        meeting.add_note(note_line(index))
    assert len(meeting.state.notes) == BIG_NOTES
    assert len(meeting.state.item_notes()) >= 1_000
    path = session.path
    session.close()
    return path


def build_empty_meeting() -> Path:
    """The small agenda, the clock running, someone on the floor (as in the big one), no
    notes: only the size differs."""
    session = Session.start(SMALL_AGENDA, clock=FakeClock(), new=True)
    session.meeting.toggle_clock()
    session.meeting.give_floor(session.meeting.state.order[0])
    path = session.path
    session.close()
    return path


# -- start-up, in subprocesses -------------------------------------------------------------


@dataclass(frozen=True)
class Launch:
    first_ms: float
    settled_ms: float
    peak_mib: float


def launch(arguments: list[str], folder: Path) -> Launch:
    """Spawn first_frame.py with a fresh state folder; times are from spawn."""
    environment = {**os.environ, "XDG_STATE_HOME": tempfile.mkdtemp(dir=folder)}
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(FIRST_FRAME), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments)} failed ({done.returncode}):\n{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    frames = report["frames"]
    return Launch(
        (frames[0] - began) * 1000, (frames[-1] - began) * 1000, report["peak_rss_kib"] / 1024
    )


def bench_startup(folder: Path, big_journal: Path) -> list[Row]:
    kinds = {
        "run": ["samtui", "run", str(LARGE_AGENDA), "--new"],
        "bare": ["bare", str(LARGE_AGENDA)],
        "resume": ["samtui", "resume", str(big_journal)],
    }
    for arguments in kinds.values():
        launch(arguments, folder)  # warm the OS caches and the bytecode
    runs: dict[str, list[Launch]] = {kind: [] for kind in kinds}
    for _ in range(STARTUP_RUNS):
        for kind, arguments in kinds.items():
            runs[kind].append(launch(arguments, folder))

    def series(kind: str, field: str) -> list[float]:
        return [getattr(run, field) for run in runs[kind]]

    run_mib = statistics.median(series("run", "peak_mib"))
    bare_mib = statistics.median(series("bare", "peak_mib"))
    resume_mib = statistics.median(series("resume", "peak_mib"))
    return [
        ratio_row(
            "start-up to first frame: `samtui run` large agenda / bare Textual app",
            series("run", "first_ms"),
            series("bare", "first_ms"),
            STARTUP_RATIO,
        ),
        ratio_row(
            "start-up to last frame of the start-up burst (screen complete), same pair",
            series("run", "settled_ms"),
            series("bare", "settled_ms"),
            None,
        ),
        ratio_row(
            "start-up to first frame: `samtui resume` of the 5,000-note meeting / bare app",
            series("resume", "first_ms"),
            series("bare", "first_ms"),
            None,
        ),
        Row(
            "peak RSS at start-up: `samtui run` large agenda / bare Textual app",
            f"{run_mib:.0f} MiB",
            f"{bare_mib:.0f} MiB",
            run_mib / bare_mib,
            f"{run_mib / bare_mib:.2f}x",
            None,
        ),
        Row(
            "peak RSS at start-up: `samtui resume` of the 5,000-note meeting / bare app",
            f"{resume_mib:.0f} MiB",
            f"{bare_mib:.0f} MiB",
            resume_mib / bare_mib,
            f"{resume_mib / bare_mib:.2f}x",
            None,
        ),
    ]


def bench_validate() -> Row:
    """`samtui validate` (no Textual) against a bare interpreter, interleaved."""
    commands = {
        "validate": [sys.executable, "-m", "samtui", "validate", str(LARGE_AGENDA)],
        "python": [sys.executable, "-c", "pass"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(RUNS + 1):
        for name, command in commands.items():
            spent = milliseconds(partial(subprocess.run, command, check=True, capture_output=True))
            if run:  # the first is a warm-up
                times[name].append(spent)
    return ratio_row(
        "`samtui validate` large agenda / `python -c pass`",
        times["validate"],
        times["python"],
        None,
    )


# -- the meeting screen, with Pilot --------------------------------------------------------


@dataclass
class Seat:
    """One app under Pilot and what is measured in it."""

    app: SamApp
    pilot: Pilot[None]
    clock: FakeClock
    keys: list[float]
    enters: list[float]
    ticks: list[float]

    @property
    def screen(self) -> MeetingScreen:
        screen = self.app.screen
        assert isinstance(screen, MeetingScreen)
        return screen

    @property
    def note_count(self) -> int:
        return self.screen.query_one("#notes", OptionList).option_count


@contextmanager
def resumed(path: Path, clock: FakeClock) -> Iterator[Session]:
    session = Session.resume(path, clock=clock)
    try:
        yield session
    finally:
        session.close()


async def settle(seat: Seat) -> None:
    """Until every message the input caused is handled, then render the frame at once.

    Pilot's `press` and `pause` sleep in 20 ms steps until the process looks idle (at
    least 60 ms a key), and the screen's own refresh timer waits up to 1/60 s: either
    would bury a few milliseconds of work under waiting. This waits without sleeping
    (only for queued messages) and renders as the timer would, so only work is timed.
    """
    while True:
        await seat.pilot._wait_for_screen()
        nodes = [seat.app, *seat.screen.walk_children(with_self=True)]
        if not any(node.message_queue_size for node in nodes):
            break
    seat.screen._on_timer_update()


async def press_and_render(seat: Seat, key: str, character: str) -> float:
    """A key as the terminal driver delivers it, to the frame that shows what it did."""
    with seat.app._context():  # `self.app` is a context variable: two apps run here
        began = time.perf_counter()
        seat.app.post_message(events.Key(key, character))
        await settle(seat)
        return (time.perf_counter() - began) * 1000


async def tick_and_render(seat: Seat) -> float:
    """One run of the screen's 1 s interval, to the frame that shows it."""
    seat.clock.advance(1.0)
    with seat.app._context():
        began = time.perf_counter()
        seat.screen.tick()
        await settle(seat)
        return (time.perf_counter() - began) * 1000


async def measure_seats(big: Seat, empty: Seat) -> None:
    """Alternate the two apps key by key, so both see the same machine."""
    seats = [big, empty]
    for seat in seats:
        await seat.pilot.pause()
        await seat.pilot.pause()
        assert seat.screen.query_one("#note", Input).has_focus
    for index in range(KEYS):
        if index % KEYS_PER_LINE == 0:
            for seat in seats:
                seat.screen.query_one("#note", Input).value = ""
                await seat.pilot.pause()
        for seat in seats if index % 2 else reversed(seats):
            letter = "abcdefghij"[index % 10]
            seat.keys.append(await press_and_render(seat, letter, letter))
    for seat in seats:
        typed = seat.screen.query_one("#note", Input).value
        assert len(typed) == (KEYS - 1) % KEYS_PER_LINE + 1, f"keys lost: {typed!r}"
    for index in range(ENTERS):
        for seat in seats if index % 2 else reversed(seats):
            seat.screen.query_one("#note", Input).value = f"a point {index}"
            await seat.pilot.pause()
            before = seat.note_count
            seat.enters.append(await press_and_render(seat, "enter", "\r"))
            assert seat.note_count == before + 1, "Enter did not add the note"
    for index in range(TICKS):
        for seat in seats if index % 2 else reversed(seats):
            seat.ticks.append(await tick_and_render(seat))


async def bench_meeting_screen(big_journal: Path, empty_journal: Path) -> list[Row]:
    big_clock, empty_clock = FakeClock(), FakeClock()
    with resumed(big_journal, big_clock) as big, resumed(empty_journal, empty_clock) as empty:
        big_app = SamApp(big, clock=big_clock, ring_bell=False, checkin=False)
        empty_app = SamApp(empty, clock=empty_clock, ring_bell=False, checkin=False)
        async with (
            big_app.run_test(size=SIZE) as big_pilot,
            empty_app.run_test(size=SIZE) as empty_pilot,
        ):
            big_seat = Seat(big_app, big_pilot, big_clock, [], [], [])
            empty_seat = Seat(empty_app, empty_pilot, empty_clock, [], [], [])
            assert big_seat.note_count >= 1_000 and empty_seat.note_count == 0
            await measure_seats(big_seat, empty_seat)
    size = f"{BIG_ATTENDEES} attendees, {BIG_ITEMS} items, {BIG_NOTES:,} notes / empty"
    return [
        ratio_row(f"key to rendered screen: {size}", big_seat.keys, empty_seat.keys, SIZE_RATIO),
        ratio_row(
            f"Enter (note added) to rendered screen: {size}",
            big_seat.enters,
            empty_seat.enters,
            SIZE_RATIO,
        ),
        ratio_row(f"clock tick + render: {size}", big_seat.ticks, empty_seat.ticks, SIZE_RATIO),
    ]


async def bench_join() -> list[Row]:
    """A note journaled by one session until a viewer's notes list shows it (and renders).

    The viewer is a real `join` app polling at its 100 ms interval; notes are written at
    varied phases of that interval, so the median and max cover the whole wait."""
    writer = Session.start(SMALL_AGENDA, clock=SystemClock(), new=True)
    viewer = Session.resume(writer.path, clock=SystemClock(), readonly=True)
    latencies: list[float] = []
    try:
        app = SamApp(viewer, ring_bell=False, checkin=False, role="viewer")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            notes = app.screen.query_one("#notes", OptionList)
            for index in range(JOIN_NOTES):
                await asyncio.sleep(0.05 + (index * 0.037) % 0.1)
                before = notes.option_count
                writer.meeting.add_note(f"a point {index}")
                began = time.perf_counter()
                while notes.option_count == before:
                    await asyncio.sleep(0.001)
                await pilot.pause()
                latencies.append((time.perf_counter() - began) * 1000)
    finally:
        viewer.close()
        writer.close()
    return [
        value_row(
            f"`join` view shows a note: median of {JOIN_NOTES}", statistics.median(latencies), None
        ),
        value_row(f"`join` view shows a note: max of {JOIN_NOTES}", max(latencies), JOIN_MAX_MS),
    ]


# -- the journal and the minutes -----------------------------------------------------------


def journal_for(folder: Path, agenda: Agenda, clock: FakeClock) -> Journal:
    return Journal.create(
        folder / "bench.sqlite3",
        agenda_text=agenda.text,
        agenda_path=SMALL_AGENDA,
        title=agenda.meeting.title,
        account=agenda.meeting.account,
        export_path=None,
        created_at=clock.now(),
    )


def bench_append(folder: Path, agenda: Agenda) -> tuple[list[float], Path]:
    """Latency of each note from Enter to durable, over a journal growing to 10,000 events."""
    clock = FakeClock()
    latencies: list[float] = []
    with journal_for(folder, agenda, clock) as journal:
        meeting = Meeting(agenda, journal, clock)
        meeting.toggle_clock()
        for index in range(APPEND_EVENTS - 1):
            clock.advance(1.0)
            latencies.append(milliseconds(partial(meeting.add_note, note_line(index))))
        assert journal.info().events == APPEND_EVENTS
        path = journal.path
    latencies.sort()
    return latencies, path


def bench_replay(path: Path, agenda: Agenda) -> float:
    """Median time to open the journal and rebuild the meeting from it (a resume)."""

    def replay() -> None:
        with Journal.open(path) as journal:
            state = MeetingState.replay(agenda, journal.events())
        assert state.events_applied == APPEND_EVENTS

    return statistics.median(milliseconds(replay) for _ in range(RUNS))


def bench_export(folder: Path, agenda: Agenda) -> float:
    """Median time to take the minutes of a 5,000-note meeting and write them."""
    clock = FakeClock()
    meeting = Meeting(agenda, MemorySink(), clock)
    meeting.toggle_clock()
    for index in range(EXPORT_NOTES):
        clock.advance(1.0)
        meeting.add_note(note_line(index))
    meeting.end()
    assert len(meeting.state.notes) == EXPORT_NOTES

    def export(run: int) -> None:
        minutes = Minutes.from_state(meeting.state, meeting.offset, agenda_path=str(SMALL_AGENDA))
        write_atomic(folder / f"minutes-{run}.toml", minutes.to_toml())

    return statistics.median(milliseconds(partial(export, run)) for run in range(RUNS))


def bench_journal_and_minutes(folder: Path) -> list[Row]:
    agenda = Agenda.load(SMALL_AGENDA)
    latencies, journal = bench_append(folder, agenda)
    return [
        value_row("journal append median (10,000 events)", statistics.median(latencies), None),
        value_row("journal append p99 (10,000 events)", percentile(latencies, 0.99), APPEND_P99_MS),
        value_row("replay 10,000 events (open + replay)", bench_replay(journal, agenda), REPLAY_MS),
        value_row(
            "export 5,000 notes (from_state + to_toml + write)",
            bench_export(folder, agenda),
            EXPORT_MS,
        ),
    ]


# -- the account's history ---------------------------------------------------------------

HISTORY_AGENDA = (
    """\
[meeting]
title = "Northwind quarterly review"
account = "Northwind Traders"
duration = 90

[roles]
moderator = "amy"
timekeeper = "ben"
scribe = "julia"

[funnel]
currency = "EUR"
current = 4000000
target = 6000000
"""
    + "".join(
        f'\n[[attendees]]\nid = "{who}"\nname = "{name}"\n'
        for who, name in (
            ("amy", "Amy Chen"),
            ("ben", "Ben Okafor"),
            ("julia", "Julia Novak"),
            ("omar", "Omar Haddad"),
            ("sofia", "Sofia Marin"),
            ("kenji", "Kenji Sato"),
        )
    )
    + "".join(
        f'\n[[stakeholders]]\nname = "{name}"\nstance = "{stance}"\ninfluence = "{weight}"\n'
        f"final_authority = {'true' if final else 'false'}\n"
        for name, stance, weight, final in (
            ("Grace Liu", "advocate", "high", False),
            ("Victor Hale", "neutral", "high", True),
            ("Priya Nair", "opponent", "high", False),
            ("Lars Berg", "unknown", "medium", False),
            ("Mona Reyes", "neutral", "low", False),
        )
    )
    + "".join(
        f'\n[[items]]\ntitle = "{title}"\nminutes = {minutes}\n'
        for title, minutes in (("Open actions", 20), ("Stakeholder map", 40), ("Growth plays", 30))
    )
)
STANCE_CYCLE = ("advocate", "neutral", "opponent", "unknown")


def build_history(folder: Path) -> Path:
    """An account's 100 quarterly reviews, held through the engine (a meeting on a memory
    sink: the minutes need no journal) and written by `Minutes.write`. Each review has 50
    open actions: of the last one's it marks 10 done and 10 dropped and carries 30, and it
    notes 20 new ones; a stakeholder moves every fourth review."""
    folder = folder / "history"
    folder.mkdir()
    agenda_path = folder / "northwind.toml"
    agenda_path.write_text(HISTORY_AGENDA, encoding="utf-8")
    agenda = Agenda.load(agenda_path)
    people = [attendee.id for attendee in agenda.attendees]
    first = datetime(2002, 1, 7, 14, 0, tzinfo=UTC)
    previous: tuple[str, Minutes] | None = None
    for number in range(HISTORY_REVIEWS):
        clock = FakeClock(first + timedelta(days=91 * number))
        meeting = Meeting(agenda, MemorySink(), clock)
        if previous is not None:
            name, last = previous
            meeting.load_carry_over(
                name,
                [
                    CarriedActionData(
                        id=a.id,
                        text=a.text,
                        item=a.item,
                        owner=a.owner,
                        due=a.due,
                        carried_from=a.carried_from,
                    )
                    for a in last.actions
                ],
            )
        meeting.toggle_clock()
        for index in range(len(meeting.state.carried)):
            if index % 5 < 2:
                meeting.decide_carried(index, "done" if index % 5 == 0 else "dropped")
        for index, who in enumerate(people[: 4 + number % 3]):
            meeting.give_floor(who)
            clock.advance(60 * (index + 1))
        carried = sum(c.decision == "carried" for c in meeting.state.carried)
        due = (clock.now() + timedelta(days=30)).date().isoformat()
        for index in range(HISTORY_ACTIONS - carried):
            meeting.add_note(
                f"todo: play {number}-{index} for division {index % 7} "
                f"@{people[index % len(people)]} due:{due}"
            )
        if number % 4 == 3:
            moved = number % len(agenda.stakeholders)
            stance = meeting.state.stakeholders[moved].stance
            after = STANCE_CYCLE[(STANCE_CYCLE.index(stance) + 1) % len(STANCE_CYCLE)]
            meeting.change_stakeholder(moved, "stance", after)
        meeting.end()
        minutes = Minutes.from_state(meeting.state, meeting.offset, agenda_path=str(agenda_path))
        assert len(minutes.actions) == HISTORY_ACTIONS
        name = f"northwind-{number + 1:03}.toml"
        minutes.write(folder / name)
        previous = (name, minutes)
    agenda_path.unlink()  # the folder holds minutes only
    return folder


def bench_history(folder: Path) -> list[Row]:
    """Spawn to the history screen's first frame, and spawn to the end of `--format md`
    (first_frame.py runs the CLI's own code path, headless at 160x48), interleaved with the
    bare Textual app's start-up: the absolute targets are for a quiet machine, the ratios
    say how the figures scale on a busy one."""
    reviews = build_history(folder)
    markdown = [sys.executable, "-m", "samtui", "history", str(reviews), "--format", "md"]
    screen = ["samtui", "history", str(reviews)]
    bare = ["bare", str(LARGE_AGENDA)]
    launch(screen, folder)  # warm the OS caches and the bytecode
    subprocess.run(markdown, check=True, capture_output=True)
    frames: list[float] = []
    markdowns: list[float] = []
    bares: list[float] = []
    for _ in range(RUNS):
        frames.append(launch(screen, folder).first_ms)
        bares.append(launch(bare, folder).first_ms)
        markdowns.append(
            milliseconds(partial(subprocess.run, markdown, check=True, capture_output=True))
        )
    size = f"{HISTORY_REVIEWS} reviews, {HISTORY_ACTIONS} actions each"
    return [
        value_row(
            f"`samtui history` {size}: spawn to first frame", statistics.median(frames), HISTORY_MS
        ),
        value_row(
            f"`samtui history --format md` {size}: spawn to exit",
            statistics.median(markdowns),
            HISTORY_MS,
        ),
        ratio_row("the same first frame / bare Textual app's first frame", frames, bares, None),
        ratio_row("the same Markdown / bare Textual app's first frame", markdowns, bares, None),
    ]


# -- the table -----------------------------------------------------------------------------


def bench_hangup(folder: Path) -> list[Row]:
    """From the terminal gone to the process gone, HANGUPS times (each a fresh pty)."""
    spec = importlib.util.spec_from_file_location(
        "samtui_terminals", HERE.parent / "reliability" / "terminals.py"
    )
    assert spec is not None and spec.loader is not None
    terminals = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = terminals
    spec.loader.exec_module(terminals)
    resume_in_pty, saved_draft, started_session = (
        terminals.resume_in_pty,
        terminals.saved_draft,
        terminals.started_session,
    )
    agenda = folder / "hangup.toml"
    agenda.write_text(SMALL_AGENDA.read_text(encoding="utf-8"), encoding="utf-8")
    journal = started_session(agenda)
    took: list[float] = []
    draft = ""
    for round_ in range(HANGUPS):
        terminal = resume_in_pty(journal, folder / "hangup-state")
        try:
            piece = f"{round_}: half"
            mark = terminal.mark()
            terminal.write(piece.encode())
            terminal.wait_for(piece, since=mark)
            draft += piece
            began = time.monotonic()
            terminal.close_master()
            terminal.wait_exit()
            took.append((time.monotonic() - began) * 1000)
        finally:
            terminal.kill()
        if saved_draft(journal) != draft:
            raise RuntimeError(f"hangup {round_}: the draft was not saved")
    figure = "hangup to exit, draft saved"
    return [
        value_row(f"{figure}: median of {HANGUPS}", statistics.median(took), None),
        value_row(f"{figure}: max of {HANGUPS}", max(took), HANGUP_MAX_MS),
    ]


def machine() -> str:
    return (
        f"{date.today().isoformat()}, {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, Textual {textual.__version__}"
    )


def table(rows: list[Row]) -> str:
    lines = [
        "| figure | subject | baseline | ratio/value | target | PASS/FAIL |",
        "|---|---:|---:|---:|---|---|",
    ]
    for row in rows:
        ratio = row.shown.endswith("x")
        target = "-" if row.target is None else f"<= {row.target:g}{'x' if ratio else ' ms'}"
        verdict = {None: "-", True: "PASS", False: "FAIL"}[row.passed]
        cells = (row.figure, row.subject, row.baseline, row.shown, target, verdict)
        lines.append(f"| {' | '.join(cells)} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parent = argv[1] if len(argv) > 1 else None
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="samtui-bench-", dir=parent) as temporary:
        folder = Path(temporary)
        os.environ["XDG_STATE_HOME"] = str(folder / "state")
        os.environ["TZ"] = "UTC"
        time.tzset()
        big_journal = build_big_meeting(folder)
        empty_journal = build_empty_meeting()
        rows = bench_startup(folder, big_journal)
        rows.append(bench_validate())
        rows += asyncio.run(bench_meeting_screen(big_journal, empty_journal))
        rows += asyncio.run(bench_join())
        rows += bench_journal_and_minutes(folder)
        rows += bench_hangup(folder)
        rows += bench_history(folder)
    where = parent or tempfile.gettempdir()
    took = time.perf_counter() - began
    print(f"samtui benchmark, {machine()}; files in {where}; took {took:.0f} s\n")
    print(table(rows))
    return 1 if any(row.passed is False for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
