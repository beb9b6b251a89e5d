"""The numbers the performance issue asks for, as one markdown table with PASS/FAIL.

Run: python tests/perf/bench.py [FOLDER]. Not collected by pytest (no test_ prefix, no
tests). Everything is written in a temporary folder (inside FOLDER if given: the disk
matters, since every append is synced), XDG_STATE_HOME included.

- append: one `Meeting.add_note` on a real (durable) journal, over 10,000 notes;
- replay: open a 10,000-event journal and fold it with `MeetingState.replay`;
- export: minutes of a meeting with 5,000 notes (`from_state`, `to_toml`, atomic write);
- start-up: `samtui validate AGENDA` against `python -c pass`, median of 5 runs each.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from samtui.core.agenda import Agenda
from samtui.core.clock import FakeClock
from samtui.core.journal import Journal
from samtui.core.meeting import Meeting, MeetingState, MemorySink
from samtui.core.minutes import Minutes, write_atomic

AGENDA = Path(__file__).resolve().parents[2] / "agendas" / "quick-review.toml"
APPEND_EVENTS = 10_000
EXPORT_NOTES = 5_000
RUNS = 5

APPEND_P99_MS = 5.0
REPLAY_MS = 300.0
EXPORT_MS = 300.0


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: no interpolation, so p99 is a latency someone really waited."""
    rank = max(1, round(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def milliseconds(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def note_line(index: int) -> str:
    """A realistic mix of kinds, so parsing costs what it costs in a meeting."""
    lines = (
        f"Grace wants the Ohio numbers before Q3 ({index})",
        f"todo: send the stakeholder map @amy due:2026-12-10 ({index})",
        f"! go with plan B for the packaging line ({index})",
        f"park: invoice dispute number {index}",
    )
    return lines[index % len(lines)]


def journal_for(folder: Path, agenda: Agenda, clock: FakeClock) -> Journal:
    return Journal.create(
        folder / "bench.sqlite3",
        agenda_text=agenda.text,
        agenda_path=AGENDA,
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
        minutes = Minutes.from_state(meeting.state, meeting.offset, agenda_path=str(AGENDA))
        write_atomic(folder / f"minutes-{run}.toml", minutes.to_toml())

    return statistics.median(milliseconds(partial(export, run)) for run in range(RUNS))


def bench_startup(command: list[str]) -> float:
    def run() -> None:
        subprocess.run(command, check=True, capture_output=True)

    run()  # warm the OS caches and the bytecode, so runs compare like with like
    return statistics.median(milliseconds(run) for _ in range(RUNS))


def verdict(value: float, target: float) -> str:
    return "PASS" if value <= target else "FAIL"


def main(argv: list[str]) -> int:
    agenda = Agenda.load(AGENDA)
    parent = argv[1] if len(argv) > 1 else None
    with tempfile.TemporaryDirectory(prefix="samtui-bench-", dir=parent) as temporary:
        folder = Path(temporary)
        os.environ["XDG_STATE_HOME"] = str(folder / "state")
        latencies, journal = bench_append(folder, agenda)
        replay_ms = bench_replay(journal, agenda)
        export_ms = bench_export(folder, agenda)
        validate_ms = bench_startup([sys.executable, "-m", "samtui", "validate", str(AGENDA)])
        python_ms = bench_startup([sys.executable, "-c", "pass"])

    median, p99 = statistics.median(latencies), percentile(latencies, 0.99)
    rows = [
        ("append median (10,000 events)", median, None),
        ("append p99 (10,000 events)", p99, APPEND_P99_MS),
        ("replay 10,000 events (open + replay)", replay_ms, REPLAY_MS),
        ("export 5,000 notes (from_state + to_toml + write)", export_ms, EXPORT_MS),
        ("`samtui validate` start-up", validate_ms, None),
        ("`python -c pass` start-up", python_ms, None),
        ("`samtui validate` minus bare python", validate_ms - python_ms, None),
    ]
    where = parent or tempfile.gettempdir()
    print(f"samtui benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, in {where}\n")
    print("| Measure | Result | Target | Verdict |")
    print("|---|---:|---|---|")
    failed = False
    for measure, value, target in rows:
        shown = f"{value:.2f} ms" if value < 10 else f"{value:.0f} ms"
        if target is None:
            print(f"| {measure} | {shown} | - | - |")
            continue
        failed |= value > target
        print(f"| {measure} | {shown} | <= {target:g} ms | {verdict(value, target)} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
