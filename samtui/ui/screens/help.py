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

from samtui.host.notice import HostNotice, read_notice
from samtui.ui.keys import NOTE_HELP

if TYPE_CHECKING:
    from samtui.ui.app import SamApp


def _table(title: str, rows: Iterable[tuple[str, str]]) -> Content:
    rows = list(rows)
    width = max(len(key) for key, _ in rows) + 2
    lines = [Content.styled(title, "bold $accent")]
    lines += [Content.assemble((key.ljust(width), "bold"), what) for key, what in rows]
    return Content("\n").join(lines)


def over_ssh(notice: HostNotice, *, room: bool) -> Content:
    """How to join over SSH, and the host key's fingerprint to check it against what ssh
    showed on the first connection. The join code only on the room's own screen."""
    rows = [
        ("join", notice.ssh_command("ROLE")),
        ("host key", f"{notice.fingerprint} (ssh shows it on the first connection)"),
    ]
    if room:
        rows.insert(1, ("join code", notice.code))
    return _table("\nOver SSH (samtui host)", rows)


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
            yield Static(_table("Keys", chart.rows()))
            yield Static(_table("\nNote syntax (type in the note line)", NOTE_HELP))
            notice = read_notice(self.app.session.path)
            if notice is not None:
                yield Static(over_ssh(notice, room=self.app.role is None), id="over-ssh")
            yield Static(
                Content.styled(
                    "\nKeys are remapped in config.toml (`samtui config` shows where and the "
                    "ids); Esc closes this help",
                    "$text-muted",
                )
            )
