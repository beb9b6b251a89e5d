"""F1: every key (as remapped in config.toml) and the note syntax, from the key table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from samtui.ui.keys import NOTE_HELP

if TYPE_CHECKING:
    from samtui.ui.app import SamApp


def _table(title: str, rows: Iterable[tuple[str, str]]) -> Content:
    rows = list(rows)
    width = max(len(key) for key, _ in rows) + 2
    lines = [Content.styled(title, "bold $accent")]
    lines += [Content.assemble((key.ljust(width), "bold"), what) for key, what in rows]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape,q", "dismiss", "Close"),
        Binding("f1", "dismiss", "Close", show=False, id="help"),  # the help key closes it too
    ]

    app: SamApp

    def compose(self) -> ComposeResult:
        chart = self.app.key_chart
        with VerticalScroll():
            yield Static(_table("Keys", chart.rows()))
            yield Static(_table("\nNote syntax (type in the note line)", NOTE_HELP))
            yield Static(
                Content.styled(
                    "\nKeys are remapped in config.toml (`samtui config` shows where and the "
                    "ids); Esc closes this help",
                    "$text-muted",
                )
            )
