"""Errors a user can act on: each names the file and the place, and prints as one line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samtui.core.events import Event


class SamtuiError(Exception):
    """An error the CLI prints as `file:place: message` and exits 2 on; never a traceback."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        place: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.place = place
        self.line = line
        self.column = column

    lines: list[str] | None = None
    """Set when the error stands for several problems, one line each."""
    problems: list[SamtuiError] | None = None

    def __str__(self) -> str:
        if self.lines is not None:
            return "\n".join(self.lines)
        if self.line is not None:  # `file:line:col: message`, so editors can jump there
            return f"{self.file}:{self.line}:{self.column}: {self.message}"
        return ": ".join(part for part in (self.file, self.place, self.message) if part)


class AgendaError(SamtuiError):
    """The agenda file cannot be read, parsed or validated."""


class MinutesError(SamtuiError):
    """A minutes file cannot be read, parsed or validated, or cannot be written."""


class JournalError(SamtuiError):
    """A meeting journal is missing, damaged, locked or not a samtui journal."""


class NoSession(JournalError):
    """No session by that name, or none unfinished (the CLI says how to list them)."""


class JournalLocked(JournalError):
    """Another program holds the journal's write lock: busy, not damaged."""


class JournalGone(JournalError):
    """The journal's file was deleted or replaced under an open session: what is written
    now goes nowhere anyone will find it. `event` is the one just committed to it, if any."""

    def __init__(
        self, message: str, *, file: str | Path | None = None, event: Event | None = None
    ) -> None:
        super().__init__(message, file=file)
        self.event = event


class StaleView(JournalError):
    """Another view wrote to the journal first: catch up, then decide again."""


class ExportError(SamtuiError):
    """Minutes could not be written where asked; the meeting stays in the journal."""


MAX_SHOWN = 3
"""How many problems one error shows before "... and N more": enough to fix a batch,
few enough that the first one stays on screen."""


def several(problems: list[SamtuiError], source: str | Path) -> SamtuiError:
    """One error for a user: the single problem, or the first few, one per line, of the
    same class as the first (so callers catch AgendaError or MinutesError as ever)."""
    for problem in problems:
        problem.file = str(source)
    first = problems[0]
    if len(problems) == 1:
        return first
    lines = [SamtuiError.__str__(problem) for problem in problems[:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        lines.append(f"... and {len(problems) - MAX_SHOWN} more")
    combined = type(first)(first.message, file=first.file, place=first.place)
    combined.lines = lines
    combined.problems = problems
    return combined
