"""Who is connected, in the header: the open views per role and, on the room's screen while
`samtui host` runs, how to join (the ssh command and the join code to read out).

Read from the files the views and the host hold locks on (samtui.core.presence,
samtui.host.notice), every few seconds: a handful of system calls, and a view that ended
however it ended (kill -9 included) is gone from the count at the next look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from samtui.core.formatting import plural
from samtui.core.presence import count_by_role
from samtui.core.vocabulary import VIEW_ROLES, ViewRole
from samtui.host.notice import HostNotice, read_notice
from samtui.ui.widgets.text import show

if TYPE_CHECKING:
    from samtui.ui.app import SamApp

LOOK_SECONDS: Final = 2.0
ROLE_NAMES: Final[dict[ViewRole, str]] = {
    "moderator": "moderator",
    "timekeeper": "time keeper",
    "scribe": "scribe",
    "viewer": "viewer",
    "stage": "stage",
}


def views_line(counts: dict[ViewRole, int]) -> str:
    """`1 scribe, 3 viewers`, in the vocabulary's order; empty when nobody has joined."""
    return ", ".join(
        plural(counts[role], ROLE_NAMES[role]) for role in VIEW_ROLES if counts.get(role)
    )


class ConnectedViews(Horizontal):
    """The joined views per role; the join code only on the room's own screen (a viewer let
    in without it must not read it there). The ssh command shows on wide screens only."""

    DEFAULT_CSS = """
    ConnectedViews { width: auto; height: 1; color: $text-muted; }
    ConnectedViews Label { width: auto; text-wrap: nowrap; padding: 0 0 0 1; }
    ConnectedViews #join-code { text-style: bold; color: $foreground; }
    ConnectedViews #join-command, ConnectedViews #join-code { display: none; }
    ConnectedViews.-hosted #join-command, ConnectedViews.-hosted #join-code { display: block; }
    MeetingScreen.-narrow ConnectedViews.-hosted #join-command { display: none; }
    """
    SCOPED_CSS = False  # the last rule starts from the screen's width class

    app: SamApp

    def __init__(self) -> None:
        super().__init__(id="connected")
        self.notice: HostNotice | None = None
        self.counts: dict[ViewRole, int] = {}

    def compose(self) -> ComposeResult:
        yield Label("", id="join-command")
        yield Label("", id="join-code")
        yield Label("", id="joined")

    def on_mount(self) -> None:
        self.look()
        self.set_interval(LOOK_SECONDS, self.look)

    def look(self) -> None:
        journal = self.app.session.path
        self.counts = count_by_role(journal)
        self.notice = read_notice(journal) if self.app.role is None else None
        self.draw()

    def draw(self) -> None:
        notice, views = self.notice, views_line(self.counts)
        command = self.query_one("#join-command", Label)
        code = self.query_one("#join-code", Label)
        joined = self.query_one("#joined", Label)
        self.set_class(notice is not None, "-hosted")
        if notice is not None:
            show(command, f"{notice.ssh_command('ROLE')} ·")
            show(code, f"code {notice.code}")
        joined.display = bool(views)
        show(joined, f"{'· ' if notice is not None else ''}joined: {views}")
        self.display = notice is not None or bool(views)

    @property
    def text(self) -> str:
        """What it shows, as one line (for tests and screen readers)."""
        return " ".join(str(label.content) for label in self.query(Label) if label.display).strip()
