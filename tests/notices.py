"""What an app told its user, caught through run_test's public message hook."""

from __future__ import annotations

from textual.message import Message
from textual.notifications import Notification, Notify

from samtui.ui.widgets.notice import Noticed


class Notices:
    """The notifications an app posted, caught through run_test's public message hook."""

    def __init__(self) -> None:
        self.posted: list[Notification] = []

    def hook(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.posted.append(message.notification)
        elif isinstance(message, Noticed):  # shown in the screen's own notice bar
            self.posted.append(Notification(message.message, message.title, message.severity))

    @property
    def messages(self) -> list[str]:
        return [notification.message for notification in self.posted]

    def told(self, text: str) -> bool:
        return any(text in message for message in self.messages)
