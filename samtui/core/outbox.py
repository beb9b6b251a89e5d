"""Note lines typed while another program held the journal's lock, kept until journaled.

A backup tool or a viewer of the SQLite file can hold the write lock for seconds. Waiting
for it would freeze the screen while the scribe types, so a view tries briefly, and a note
that cannot be written yet goes here: shown as pending, written to a small file beside the
journal (so a crash meanwhile loses nothing), and journaled in the order typed as soon as
the lock is free.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from samtui.core import durable
from samtui.core.errors import JournalError, JournalLocked
from samtui.core.meeting import Meeting, Refused
from samtui.core.notes import NoteError
from samtui.core.presence import views_folder
from samtui.core.state import Note


@dataclass(frozen=True, slots=True)
class Pending:
    """A typed line, and the item the scribe typed it on."""

    text: str
    item: int


class Outbox:
    """The pending notes of one view (its slot), in the order they were typed."""

    def __init__(self, journal: Path, slot: str) -> None:
        self.path = views_folder(journal) / f"{slot}.outbox.json"
        self.pending: list[Pending] = _load(self.path)

    def __bool__(self) -> bool:
        return bool(self.pending)

    def add(self, text: str, item: int) -> None:
        self.pending.append(Pending(text, item))
        self._save()

    def flush(self, meeting: Meeting) -> tuple[list[Note | NoteError | Refused], bool]:
        """Journal what is pending, in order, until the lock stops it; returns what each
        became, and whether anything is still pending."""
        done: list[Note | NoteError | Refused] = []
        while self.pending:
            first = self.pending[0]
            try:
                done.append(meeting.add_note(first.text, item=first.item))
            except JournalLocked:
                break
            self.pending.pop(0)
        self._save()
        return done, bool(self.pending)

    def _save(self) -> None:
        try:
            if self.pending:
                text = json.dumps([[p.text, p.item] for p in self.pending], ensure_ascii=False)
                durable.write_atomic(self.path, text, overwrite=True, error=JournalError)
            else:
                self.path.unlink(missing_ok=True)
        except OSError as error:
            raise JournalError(durable.reason(error), file=self.path) from None


def _load(path: Path) -> list[Pending]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(rows, list):
        return []
    return [
        Pending(row[0], row[1])
        for row in rows
        if isinstance(row, list)
        and len(row) == 2
        and isinstance(row[0], str)
        and isinstance(row[1], int)
    ]
