"""Issue 11, case 3: pastes are kept whole and literal, and nothing in one acts as a key.

Each paste is the exact bytes a terminal in bracketed-paste mode writes (ESC[200~ TEXT
ESC[201~, in one write), sent through a pty of the test's own. Before the fix a
multi-line paste kept its first line, an OSC sequence in one swallowed the next note,
escape sequences came out reordered, and a pasted end marker pressed Enter.

The rule (README, "Note syntax"): a paste is taken as if typed, except that nothing in it
is a key; each line it ends becomes a note, in order, and its last line, if no line break
ends it, stays in the note line to finish. Control characters show as their pictures.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from terminals import (
    PtyTerminal,
    journal_notes,
    resume_in_pty,
    saved_draft,
    started_session,
    wait_until,
)

pytestmark = pytest.mark.e2e

START, END = b"\x1b[200~", b"\x1b[201~"


def paste(text: bytes) -> bytes:
    return START + text + END


@dataclass
class Room:
    terminal: PtyTerminal
    journal: Path

    def expect(self, typed: bytes, notes: list[str]) -> None:
        """Type `typed` (keys, ending with Enter) and wait for the journal to hold `notes`."""
        self.terminal.write(typed)
        wait_until(lambda: journal_notes(self.journal) == notes, f"the notes {notes}")


@pytest.fixture
def room(agenda_file: Path, tmp_path: Path) -> Iterator[Room]:
    journal = started_session(agenda_file)
    terminal = resume_in_pty(journal, tmp_path / "state")
    try:
        yield Room(terminal, journal)
    finally:
        terminal.kill()


@pytest.mark.parametrize("newline", [b"\r", b"\n", b"\r\n"], ids=["CR", "LF", "CRLF"])
def test_each_line_of_a_paste_becomes_a_note_and_the_last_stays_to_finish(
    newline: bytes, room: Room
) -> None:
    lines = [b"todo: send the deck @dana", b"! go with plan B", b"", b"third, unfinished"]
    room.terminal.write(paste(newline.join(lines)))
    room.expect(
        b" and done\r",
        ["send the deck", "go with plan B", "third, unfinished and done"],
    )


def test_a_paste_ending_with_a_line_break_leaves_the_note_line_empty(
    room: Room,
) -> None:
    room.terminal.write(paste(b"first\rsecond\r"))
    room.expect(b"typed after\r", ["first", "second", "typed after"])


@pytest.mark.parametrize(
    ("pasted", "shown"),
    [
        (b"title \x1b]0;evil\x07 rest", "title ␛]0;evil␇ rest"),
        (
            b"see \x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\ here",
            "see ␛]8;;http://x.example␛\\link␛]8;;␛\\ here",
        ),
        (b"\x1b[31mRED\x1b[0m endpaste", "␛[31mRED␛[0m endpaste"),
        (
            b"keys: F10 \x1b[21~ ctrl+q \x11 esc \x1b tab\tend",
            "keys: F10 ␛[21~ ctrl+q ␑ esc ␛ tab end",
        ),
    ],
    ids=["OSC ended by BEL", "OSC 8 hyperlink ended by ST", "SGR colours", "keys"],
)
def test_escape_sequences_in_a_paste_stay_text_in_place(
    pasted: bytes, shown: str, room: Room
) -> None:
    room.terminal.write(paste(pasted))
    room.expect(b"\r", [shown])
    room.expect(b"the next typed note\r", [shown, "the next typed note"])
    assert room.terminal.process.poll() is None  # F10 and ctrl+q in the paste did not act


def test_a_pasted_end_marker_is_text_and_presses_no_enter(room: Room) -> None:
    room.terminal.write(paste(b"first " + END + b" second\rthird"))
    room.expect(b"\r", ["first ␛[201~ second", "third"])


def test_bytes_that_are_not_utf8_become_replacement_characters(room: Room) -> None:
    room.terminal.write(paste(b"caf\xe9 latin-1"))
    room.expect(b"\r", ["caf\ufffd latin-1"])


def test_a_long_paste_split_across_reads_keeps_every_line_in_order(
    room: Room,
) -> None:
    lines = [f"line {index:03d}: " + "x" * 180 for index in range(120)]  # about 23 KB
    room.terminal.write(paste("\r".join(lines).encode() + b"\r"))
    journal = room.journal
    wait_until(lambda: journal_notes(journal) == lines, "all 120 lines as notes, in order")


def test_a_refused_line_of_a_paste_comes_back_and_the_lines_after_it_wait(
    room: Room,
) -> None:
    room.terminal.write(paste(b"one\rtodo: call @nobody\rthree\rfour, unfinished"))
    journal = room.journal
    wait_until(lambda: journal_notes(journal) == ["one"], "the first line as a note")
    wait_until(
        lambda: saved_draft(journal) == "todo: call @nobody\nthree\nfour, unfinished",
        "the refused line and the rest kept in the draft",
    )
    room.terminal.write(b"\x15todo: call @dana\r")  # ctrl+u clears the line; the fixed line
    wait_until(
        lambda: journal_notes(journal) == ["one", "call", "three"],
        "the fixed line, then the one that waited",
    )
    wait_until(lambda: saved_draft(journal) == "four, unfinished", "the unfinished line back")
