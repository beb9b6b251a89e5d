"""At a resume long after the last event: did the meeting go on meanwhile?

A meeting whose laptop crashed, or was closed, went on in the room, so its clock kept
running; but when the gap is longer than the whole meeting was planned (a resume days
later), counting it would say the meeting ran for days. The room decides, and the answer
is journaled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from samtui.core.formatting import duration

if TYPE_CHECKING:
    from samtui.ui.app import SamApp


class GapQuestion(ModalScreen[bool]):
    """True: the meeting went on (count the gap); False: it stopped (leave it out)."""

    app: SamApp

    DEFAULT_CSS = """
    GapQuestion { align: center middle; }
    GapQuestion > Vertical {
        width: 72; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 1 2;
    }
    GapQuestion #gap-keys { margin-top: 1; color: $text; text-style: bold; }
    """
    BINDINGS = [
        Binding("n,escape", "answer(False)", "It stopped", priority=True),
        Binding("y,enter", "answer(True)", "It went on", priority=True),
    ]

    def __init__(self, gap_seconds: float, last_seen: str) -> None:
        super().__init__()
        self.gap_seconds = gap_seconds
        self.last_seen = last_seen

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.styled("The meeting clock was left running", "bold $warning"))
            yield Label(
                Content(
                    f"Nothing was recorded for {_spoken(self.gap_seconds)} (since "
                    f"{self.last_seen}), longer than the whole meeting was planned. "
                    "Did the meeting go on all that time?"
                )
            )
            yield Label(
                "n / Esc: it stopped, leave the gap out  ·  y / Enter: it went on, count it",
                id="gap-keys",
            )

    def on_mount(self) -> None:
        """Keys from now on answer this; those typed before it wait for the note line."""
        self.app.asking()

    def action_answer(self, counted: bool) -> None:
        self.dismiss(counted)


def _spoken(seconds: float) -> str:
    """`3 days 2 h`, `5 h 10 min`, or the clock form under an hour."""
    whole = int(seconds)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    if days:
        return f"{days} day{'s' if days != 1 else ''} {hours} h"
    if hours:
        return f"{hours} h {rest // 60} min"
    return duration(seconds)
