"""Notices shown in a screen's own layout, so they never cover the note line or a dialog.

Textual's toasts float over the bottom right of the screen: on the meeting screen that is
the scribe's note line, and over a dialog it is the dialog. A screen with a `NoticeBar`
gets its notices there instead (the app routes them); other screens keep the toasts.
"""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.timer import Timer
from textual.widgets import Static

SHOWN_SECONDS = 6.0
"""How long a notice stays; an error stays until the next notice."""


class Noticed(Message, bubble=False):
    """A notice the app showed in a screen's bar (tests catch it with run_test's hook)."""

    def __init__(self, message: str, title: str, severity: SeverityLevel) -> None:
        super().__init__()
        self.message = message
        self.title = title
        self.severity = severity


class NoticeBar(Static):
    """One notice at a time, in the layout: it pushes nothing over anything."""

    DEFAULT_CSS = """
    NoticeBar {
        display: none; height: auto; max-height: 3; width: 1fr; padding: 0 1;
        background: $panel; color: $text;
    }
    NoticeBar.-shown { display: block; }
    NoticeBar.-warning { background: $warning 25%; }
    NoticeBar.-error { background: $error 35%; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__("", id=id, markup=False)
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        """Take over the notices raised as toasts before this screen was up."""
        app = self.app
        if hasattr(app, "notice_bar_shown"):  # SamApp (the bar needs nothing else of it)
            self.call_after_refresh(app.notice_bar_shown)

    def show(
        self, message: Content, title: str = "", severity: SeverityLevel = "information"
    ) -> None:
        # a title the message already starts with is said once ("Not heard: not heard…")
        said = bool(title) and not message.plain.casefold().startswith(title.casefold())
        shown = Content.assemble((f"{title}: ", "bold"), message) if said else message
        self.update(shown)
        self.set_class(severity == "warning", "-warning")
        self.set_class(severity == "error", "-error")
        self.add_class("-shown")
        if self._timer is not None:
            self._timer.stop()
        self._timer = (
            None if severity == "error" else self.set_timer(SHOWN_SECONDS, self.clear_notice)
        )

    def clear_notice(self) -> None:
        self.remove_class("-shown")
        self.update("")
