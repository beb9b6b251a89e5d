"""Who is connected, in the header: the open views per role and, on the room's screen while
`samtui host` runs, how to join (the ssh command and the join code to read out).

Read from the files the views and the host hold locks on (samtui.core.presence,
samtui.host.notice), every few seconds: a handful of system calls, and a view that ended
however it ended (kill -9 included) is gone from the count at the next look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from textual.content import Content
from textual.widgets import Label

from samtui.core.formatting import plural
from samtui.core.presence import count_by_role
from samtui.core.vocabulary import VIEW_ROLES, ViewRole
from samtui.host.notice import HostNotice, read_notice
from samtui.ui.widgets.text import show

if TYPE_CHECKING:
    from samtui.ui.app import SamApp

LOOK_SECONDS: Final = 2.0
WIDE: Final = 120
"""From this many columns on, the ssh command is shown with the code."""
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


def join_line(notice: HostNotice, *, wide: bool) -> Content:
    """What the room reads out: the code, and the command where there is room for it."""
    parts: list[Content | str | tuple[str, str]] = []
    if wide:
        parts += [notice.ssh_command("ROLE"), " · "]
    parts += ["code ", (notice.code, "bold")]
    return Content.assemble(*parts)


class ConnectedViews(Label):
    """The joined views per role; the join code only on the room's own screen (a viewer let
    in without it must not read it there)."""

    DEFAULT_CSS = """
    ConnectedViews { width: auto; padding: 0 1; text-wrap: nowrap; color: $text-muted; }
    """

    app: SamApp

    def __init__(self) -> None:
        super().__init__("", id="connected")
        self.notice: HostNotice | None = None
        self.counts: dict[ViewRole, int] = {}

    def on_mount(self) -> None:
        self.look()
        self.set_interval(LOOK_SECONDS, self.look)

    def on_resize(self) -> None:
        self.draw()

    def look(self) -> None:
        journal = self.app.session.path
        self.counts = count_by_role(journal)
        self.notice = read_notice(journal) if self.app.role is None else None
        self.draw()

    def draw(self) -> None:
        views = views_line(self.counts)
        parts: list[Content | str] = []
        if self.notice is not None:
            parts.append(join_line(self.notice, wide=self.app.size.width >= WIDE))
        if views:
            parts.append(f"joined: {views}")
        text = Content(" · ").join(parts)
        self.display = bool(parts)
        show(self, text)
