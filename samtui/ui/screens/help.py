"""F1: every key (as remapped in config.toml) and the note syntax, from the key table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from samtui.host.notice import HostNotice, read_notice
from samtui.ui.keys import NOTE_HELP

if TYPE_CHECKING:
    from samtui.ui.app import SamApp


class KeyTable(Vertical):
    """A title, then a key and what it does on each row; a long description wraps under
    itself, not under the keys (a Label each, beside a column as wide as the widest key)."""

    DEFAULT_CSS = """
    KeyTable { height: auto; }
    KeyTable > .title { color: $accent; text-style: bold; margin-top: 1; }
    KeyTable > .first { margin-top: 0; }
    KeyTable > Horizontal { height: auto; }
    KeyTable .key { text-style: bold; }
    KeyTable .what { width: 1fr; }
    """

    def __init__(
        self,
        title: str,
        rows: Iterable[tuple[str, str]],
        *,
        first: bool = False,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.heading = title
        self.rows = list(rows)
        self.first = first

    def compose(self) -> ComposeResult:
        yield Label(self.heading, classes="title first" if self.first else "title", markup=False)
        width = max(len(key) for key, _ in self.rows) + 2
        for key, what in self.rows:
            with Horizontal():
                key_label = Label(key, classes="key", markup=False)
                key_label.styles.width = width
                yield key_label
                yield Label(what, classes="what", markup=False)

    def text(self) -> str:
        """What it says, a row a line (for tests and anyone reading it whole)."""
        return "\n".join([self.heading, *(f"{key} {what}" for key, what in self.rows)])


def over_ssh(notice: HostNotice, *, room: bool) -> KeyTable:
    """How to join over SSH, and the host key's fingerprint to check it against what ssh
    showed on the first connection. The join code only on the room's own screen."""
    rows = [
        ("join", notice.ssh_command("ROLE")),
        ("host key", f"{notice.fingerprint} (ssh shows it on the first connection)"),
    ]
    if room:
        rows.insert(1, ("join code", notice.code))
    return KeyTable("Over SSH (samtui host)", rows, id="over-ssh")


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        # first, as the other dialogs' (priority): a key typed right after the one that
        # closes it, in one burst, goes to the note line instead of a closing dialog
        Binding("escape,q", "dismiss", "Close", priority=True),
        Binding("f1", "dismiss", "Close", show=False, id="help", priority=True),
    ]

    app: SamApp

    def compose(self) -> ComposeResult:
        chart = self.app.key_chart
        with VerticalScroll():
            yield KeyTable("Keys", chart.rows(), first=True)
            yield KeyTable("Note syntax (type in the note line)", NOTE_HELP)
            notice = read_notice(self.app.session.path)
            if notice is not None:
                yield over_ssh(notice, room=self.app.role is None)
            yield Static(
                Content.styled(
                    "\nKeys are remapped in config.toml (`samtui config` shows where and the "
                    "ids); Esc closes this help",
                    "$text-muted",
                )
            )
        yield Footer()  # Esc in sight even where the help fills the screen (80x24)
