"""Bracketed pastes taken out of terminal input before Textual's key parser sees it.

A terminal in bracketed-paste mode sends a paste as ESC[200~ TEXT ESC[201~. Textual 8.2's
parser reads an ESC inside TEXT as the start of an escape sequence and lets what follows
it out as keys, so pasted escape sequences are typed (out of order), an OSC sequence
swallows the input after it, and a line break inside one presses Enter. Here the whole of
TEXT is kept, as text: nothing in a paste is a key.

A paste that itself contains the end marker (text copied from a terminal log) is told
apart by timing: a terminal writes a paste in one go, so the paste ends at the last end
marker of the burst that brought it, before any new start marker. The burst is what comes
within `SETTLE_SECONDS` of the first end marker; keys typed after the paste wait that long.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

START: Final = "\x1b[200~"
END: Final = "\x1b[201~"

HOLD_SECONDS: Final = 0.02
"""How long the start of a possible start marker (a lone ESC) waits for the rest of it."""
SETTLE_SECONDS: Final = 0.05
"""How long after an end marker more of the same burst may still come."""
STALL_SECONDS: Final = 3.0
"""A paste whose end marker never comes is taken as it stands after this long idle, so a
terminal that lost the marker does not swallow every key after it."""


@dataclass(frozen=True)
class Typed:
    """Input that is keys: for Textual's parser."""

    text: str


@dataclass(frozen=True)
class Pasted:
    """The text of one paste, exactly as the terminal sent it."""

    text: str


Piece = Typed | Pasted


class PasteSplitter:
    """Splits decoded terminal input into typed runs and whole pastes, across reads.

    `feed` takes each read with the time it came; `idle` is called when nothing came, with
    the time, and `deadline` says by when it should be.
    """

    def __init__(self) -> None:
        self._typed = ""  # typed input held back: it may end with the start of a marker
        self._paste: list[str] | None = None  # the paste so far, while one is open
        self._size = 0  # its length
        self._tail = ""  # its last characters, where an end marker may have begun
        self._ended: str | None = None  # a paste whose end marker may not be its last
        self._after = ""  # what came after that marker in the same burst, held meanwhile
        self._ended_at = 0.0  # when that marker came
        self._last = 0.0  # when input last came

    def feed(self, text: str, now: float) -> list[Piece]:
        self._last = now
        pieces: list[Piece] = []
        if self._ended is not None:
            ended, text = self._ended, self._after + text
            self._ended, self._after = None, ""
            if _ends_first(text, 0):
                self._open(ended + END)  # that marker was pasted text: the paste goes on
            elif START not in text and now - self._ended_at < SETTLE_SECONDS:
                self._ended, self._after = ended, text  # the burst goes on
                return pieces
            else:
                pieces.append(Pasted(ended))
        if self._paste is not None:
            text = self._continue_paste(text, now, pieces)
        while text:
            text, self._typed = self._typed + text, ""
            opening = text.find(START)
            if opening < 0:
                keep = _marker_prefix(text)
                if len(text) > keep:
                    pieces.append(Typed(text[: len(text) - keep]))
                self._typed = text[len(text) - keep :]
                break
            if opening:
                pieces.append(Typed(text[:opening]))
            self._open("")
            text = self._continue_paste(text[opening + len(START) :], now, pieces)
        return pieces

    def _open(self, text: str) -> None:
        self._paste, self._size, self._tail = [text], len(text), text[-(len(END) - 1) :]

    def _continue_paste(self, text: str, now: float, pieces: list[Piece]) -> str:
        """Add `text` to the open paste; what follows its end, if any, is returned."""
        assert self._paste is not None
        found = (self._tail + text).find(END)
        if found < 0:
            self._paste.append(text)
            self._size += len(text)
            self._tail = (self._tail + text)[-(len(END) - 1) :]
            return ""
        whole = "".join(self._paste) + text
        closing = self._size - len(self._tail) + found
        while _ends_first(whole, closing + len(END)):
            closing = whole.find(END, closing + len(END))  # a pasted marker: it goes on
        self._paste = None
        paste, rest = whole[:closing], whole[closing + len(END) :]
        if START in rest:  # a new paste: this one ended
            pieces.append(Pasted(paste))
            return rest
        self._ended, self._after, self._ended_at = paste, rest, now  # the burst may go on
        return ""

    def idle(self, now: float) -> list[Piece]:
        """Nothing came since the last read: let go of what waited for more."""
        pieces: list[Piece] = []
        if self._ended is not None and now - self._ended_at >= SETTLE_SECONDS:
            pieces.append(Pasted(self._ended))
            if self._after:
                pieces.append(Typed(self._after))
            self._ended, self._after = None, ""
        if self._paste is not None and now - self._last >= STALL_SECONDS:
            pieces.append(Pasted("".join(self._paste)))
            self._paste = None
        if self._typed and now - self._last >= HOLD_SECONDS:
            pieces.append(Typed(self._typed))
            self._typed = ""
        return pieces

    def deadline(self) -> float | None:
        """When `idle` next has something to let go of (None: nothing waits)."""
        if self._ended is not None:
            return self._ended_at + SETTLE_SECONDS
        if self._paste is not None:
            return self._last + STALL_SECONDS
        if self._typed:
            return self._last + HOLD_SECONDS
        return None


def _ends_first(text: str, start: int) -> bool:
    """Whether an end marker comes in `text` from `start` on, before any start marker."""
    closing, opening = text.find(END, start), text.find(START, start)
    return closing >= 0 and (opening < 0 or closing < opening)


def _marker_prefix(text: str) -> int:
    """The length of the longest end of `text` that could begin a start marker."""
    for size in range(min(len(START) - 1, len(text)), 0, -1):
        if START.startswith(text[-size:]):
            return size
    return 0
