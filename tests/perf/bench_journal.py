"""Journal latency: how long the UI waits for an event to be durable, and how long a resume
reads. Run: python tests/perf/bench_journal.py [COUNT] [FOLDER]. Not collected by pytest."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from samtui.core.events import NOTE_ADDED, Event
from samtui.core.journal import Journal


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: no interpolation, so p99 is a latency someone really waited."""
    rank = max(1, round(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(dir=argv[2] if len(argv) > 2 else None) as folder:
        path = Path(folder) / "bench.sqlite3"
        start = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
        latencies: list[float] = []
        with Journal.create(
            path,
            agenda_text="title = 'bench'\n",
            agenda_path=Path(folder) / "bench.toml",
            title="bench",
            account="bench",
            export_path=None,
            created_at=start,
        ) as journal:
            for index in range(count):
                event = Event(
                    NOTE_ADDED,
                    start + timedelta(seconds=index),
                    index * 0.5,
                    {"note": index, "kind": "note", "text": f"Zoë: point {index} — ok ✓ " * 3},
                )
                began = time.perf_counter()
                journal.append(event)
                latencies.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        with Journal.open(path, readonly=True) as journal:
            events = journal.events()
        read_ms = (time.perf_counter() - began) * 1000
        assert len(events) == count
        size_kib = path.stat().st_size / 1024
    latencies.sort()
    print(f"{count} appends (WAL, synchronous=FULL), journal {size_kib:.0f} KiB, in {folder}")
    print(f"append latency: median {statistics.median(latencies):.3f} ms, ", end="")
    print(f"p99 {percentile(latencies, 0.99):.3f} ms, max {latencies[-1]:.3f} ms")
    print(f"open + read all {count}: {read_ms:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
