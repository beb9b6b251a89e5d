"""Append events to a journal from another process, for the kill and concurrency tests.

Usage: journal_writer.py PATH COUNT [WRITER]. Prints "ready" once the journal is open,
waits for a line on stdin (so several writers start together), then appends COUNT events
and prints "SEQ I" after each `append` returns: a printed line means a committed event.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from samtui.core.events import NoteAdded
from samtui.core.journal import Journal

START = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)


def text(writer: str, index: int) -> str:
    """The text of note `index`, so a test can check each row is exactly what was written."""
    return f"{writer} {index} — ünïcödé ✓ {'x' * (index % 50)}"


def main(argv: list[str]) -> int:
    path, count = Path(argv[1]), int(argv[2])
    writer = argv[3] if len(argv) > 3 else "w"
    with Journal.open(path) as journal:
        print("ready", flush=True)
        sys.stdin.readline()
        for index in range(count):
            event = NoteAdded(
                at=START + timedelta(seconds=index),
                offset=index * 0.5,
                note=index + 1,
                item=0,
                kind="point",
                text=text(writer, index),
            )
            stored = journal.append(event)
            print(stored.seq, index, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
