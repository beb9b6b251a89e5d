"""The top line: account, meeting title and the local wall-clock time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label

from samtui.ui.moment import Moment
from samtui.ui.widgets.connected import ConnectedViews
from samtui.ui.widgets.text import show


class MeetingHeader(Horizontal):
    """Account and title on the left, the room's clock on the right."""

    DEFAULT_CSS = """
    MeetingHeader { height: 1; background: $panel; color: $foreground; }
    MeetingHeader #heading { width: 1fr; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    MeetingHeader #wall-clock { width: auto; padding: 0 1; text-style: bold; }
    """

    def __init__(self, account: str, title: str) -> None:
        super().__init__()
        self._heading = Content.assemble((account, "bold"), " · ", title)

    def compose(self) -> ComposeResult:
        yield Label(self._heading, id="heading")
        yield ConnectedViews()
        yield Label("", id="wall-clock")

    def show(self, moment: Moment) -> None:
        show(self.query_one("#wall-clock", Label), moment.now.astimezone().strftime("%H:%M"))
