"""F1: every key and the note syntax, from the same tables the bindings are checked against."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from samtui.ui.keys import KEY_HELP, NOTE_HELP


def _table(title: str, rows: list[tuple[str, str]]) -> Content:
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
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_table("Keys", KEY_HELP))
            yield Static(_table("\nNote syntax (type in the note line)", NOTE_HELP))
            yield Static(Content.styled("\nEsc closes this help", "$text-muted"))
