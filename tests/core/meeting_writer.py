"""Hold a meeting in another process until it is killed, for the crash tests (issue 3).

Usage: meeting_writer.py AGENDA [MAX_NOTES]. Starts a new session on AGENDA (journals go
under $XDG_STATE_HOME), prints "ready PATH", starts the clock, then loops: next turn, a
note "note I", now and then a jump to another item. After each `add_note` returns it
prints "note ID I": a printed line means a note the journal must still hold after a kill.
Stops by itself after MAX_NOTES notes (default 100,000) so a lost test leaves no orphan.
"""

from __future__ import annotations

import sys
from pathlib import Path

from samtui.core.clock import SystemClock
from samtui.core.session import Session
from samtui.core.state import Note

ITEM_EVERY = 7
"""A jump to the next item (wrapping round) after every this many notes."""


def main(argv: list[str]) -> int:
    agenda = Path(argv[1])
    max_notes = int(argv[2]) if len(argv) > 2 else 100_000
    session = Session.start(agenda, clock=SystemClock(), new=True)
    print("ready", session.path, flush=True)
    meeting = session.meeting
    meeting.toggle_clock()
    items = len(meeting.state.items)
    for index in range(max_notes):
        meeting.next_turn()  # refused once a round has heard everyone; that is fine
        note = meeting.add_note(f"note {index}")
        if not isinstance(note, Note):
            print(f"error {note}", flush=True)
            return 1
        print("note", note.id, index, flush=True)
        if index % ITEM_EVERY == ITEM_EVERY - 1:
            meeting.go_to_item((meeting.state.current_item + 1) % items, force=True)
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
