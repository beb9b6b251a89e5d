"""Command palette entries that name people and items: "give the floor to NAME", "jump to item"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from samtui.core.notes import fold

if TYPE_CHECKING:
    pass


class MeetingCommands(Provider):
    """Commands built from the agenda; user text goes in as `Content`, so it stays literal."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        from samtui.ui.screens.meeting import MeetingScreen

        screen = self.screen
        if not isinstance(screen, MeetingScreen) or screen.app.follows_only:
            return []  # each of these changes the meeting: a viewer is offered none
        state = screen.app.session.meeting.state
        commands: list[tuple[str, Callable[[], object], str]] = []
        for attendee in state.order:
            name = state.names[attendee]
            if state.attendees[attendee].present:
                commands.append(
                    (f"Give the floor to {name}", partial(screen.give_floor_to, attendee), "Floor")
                )
                commands.append(
                    (
                        f"Mark {name} absent",
                        partial(screen.set_present, attendee, False),
                        "Check-in",
                    )
                )
            else:
                commands.append(
                    (
                        f"Mark {name} present",
                        partial(screen.set_present, attendee, True),
                        "Check-in",
                    )
                )
        for who, number, question in state.question_queue():
            commands.append(
                (
                    f"Ask {state.names[who]}'s question: {question}",
                    partial(screen.ask_question, who, number),
                    "Questions brought",
                )
            )
        for index, item in enumerate(state.agenda.items):
            commands.append(
                (
                    f"Jump to item {index + 1}: {item.title}",
                    partial(screen.go_to_item, index),
                    "Agenda",
                )
            )
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(Content(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))  # "floor renee" finds Renée, as @renee does
        for text, callback, help_text in self._commands():
            score = matcher.match(fold(text))
            if score > 0:
                yield Hit(score, Content(text), callback, text=text, help=help_text)
