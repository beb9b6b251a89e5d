"""The samtui app: wires the session to its screens and does little else."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from typing import Any

from textual import constants
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from samtui.core.clock import Clock
from samtui.core.errors import SamtuiError
from samtui.core.journal import ROOM, Journal
from samtui.core.session import Session
from samtui.ui.commands import MeetingCommands
from samtui.ui.hangup import Hangup
from samtui.ui.screens.meeting import MeetingScreen
from samtui.ui.themes import THEMES

FOLLOW_SECONDS = 0.1
ELSEWHERE_BUSY_MS = 300
"""How long the watchdog's own journal connection waits for a lock (it has 2 s in all)."""


class SamApp(App[None]):
    """One meeting on the shared screen."""

    CSS_PATH = "samtui.tcss"
    COMMANDS = App.COMMANDS | {MeetingCommands}
    BINDINGS = [Binding("ctrl+c", "noop", show=False, system=True)]

    def __init__(
        self,
        session: Session,
        *,
        clock: Clock | None = None,
        ring_bell: bool = True,
        theme: str | None = None,
        checkin: bool = True,
        role: str | None = None,
    ) -> None:
        super().__init__(driver_class=_terminal_driver())
        self.session = session
        self.checkin = checkin
        self.role = role
        """None for the room's screen; moderator, timekeeper, scribe or viewer for `join`."""
        self.clock = clock or session.clock
        self.ring_bell = ring_bell
        self._theme_name = theme
        self.title = f"{session.agenda.meeting.account} · {session.agenda.meeting.title}"
        self._hangup: Hangup | None = None

    @property
    def keeps_draft(self) -> bool:
        """Views that type notes keep their unfinished line (a viewer types none)."""
        return self.role != "viewer"

    @property
    def view(self) -> str:
        """Whose note line this is, in the journal: the room's, or a joined role's."""
        return self.role or ROOM

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        if self._theme_name:
            self.theme = self._theme_name
        self._seen_version = self.session.journal.data_version()
        self.set_interval(FOLLOW_SECONDS, self._follow)
        self._catch_signals()
        if self.checkin and not self.session.meeting.state.started:
            from samtui.ui.screens.checkin import CheckinScreen

            self.push_screen(CheckinScreen())
        else:
            self.push_screen(MeetingScreen())

    def _follow(self) -> None:
        """Apply what other views wrote: one cheap PRAGMA a tick unless something changed."""
        version = self.session.journal.data_version()
        if version != self._seen_version:
            self._seen_version = version
            self.session.meeting.sync()

    def _catch_signals(self) -> None:
        """A closed terminal window (SIGHUP) or a kill (SIGTERM) keeps the draft, and ends
        the process within 2 seconds whatever the event loop is doing (samtui/ui/hangup.py).
        Not under a test's Pilot: the test process's own signals stay its own."""
        if self.is_headless:
            return
        self._hangup = Hangup(end_on_loop=self._hang_up, save_elsewhere=self._save_draft_elsewhere)
        self._hangup.install()

    def on_unmount(self) -> None:
        if self._hangup is not None:
            self._hangup.uninstall()

    def terminal_hung_up(self) -> None:
        """The driver read the end of the terminal's input (from its thread)."""
        if self._hangup is not None:
            self._hangup.begin(HUNG_UP_STATUS)

    def _hang_up(self) -> None:
        self.save_draft()
        self.exit(return_code=0)

    def _save_draft_elsewhere(self) -> None:
        """The watchdog's save, from its thread, when the event loop could not: a journal
        connection of its own (the app's belongs to the loop's thread)."""
        if not self.keeps_draft:
            return
        screens = [s for s in list(self.screen_stack) if isinstance(s, MeetingScreen)]
        if not screens:
            return
        text = screens[0].draft()
        try:
            with Journal.open(self.session.path, busy_timeout_ms=ELSEWHERE_BUSY_MS) as journal:
                journal.save_draft(text, self.view)
        except SamtuiError:
            pass  # the journal is locked or gone: the last periodic save (<= 1 s old) stands

    def switch_to_meeting(self) -> None:
        """From the check-in to the meeting screen, once the clock has started."""
        self.switch_screen(MeetingScreen())

    def action_noop(self) -> None:
        """ctrl+c in the note line copies; with nothing selected it does nothing."""

    async def action_quit(self) -> None:
        """Quit with the draft saved; the meeting stays in the journal for `samtui resume`.

        Quitting the room's screen on purpose pauses the clock, so the hours until a
        resume are not counted; a crash or a closed laptop keeps it running (the meeting
        went on in the room).
        """
        self.save_draft()
        meeting = self.session.meeting
        if self.role is None and meeting.state.running and not meeting.readonly:
            with contextlib.suppress(SamtuiError):  # a locked journal must not block quitting
                meeting.toggle_clock(expect_running=True)
        self.exit()

    def save_draft(self) -> None:
        if not self.keeps_draft:
            return
        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen):
                screen.flush_draft()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, MeetingScreen):
            return
        actions = [
            ("Start / pause the meeting clock", "F5", screen.action_toggle_clock),
            ("Next agenda item", "ctrl+n", screen.action_next_item),
            ("Previous agenda item", "ctrl+b or F7", screen.action_previous_item),
            (
                "Next turn",
                "ctrl+t: the floor goes to who should speak next",
                screen.action_next_turn,
            ),
            ("Give the floor", "ctrl+g: choose who speaks", screen.action_give_floor),
            ("Release the floor", "ctrl+o", screen.action_release_floor),
            ("Give this item 5 more minutes", "F6: the time keeper's call", screen.action_add_time),
            (
                "Stakeholder map",
                "F2: stances, influence, final authority",
                screen.action_stakeholders,
            ),
            ("Ask the next question brought", "F3: a question note", screen.action_ask_question),
            (
                "Open actions of the last review",
                "F4: done, carried, dropped",
                screen.action_carry_over,
            ),
            ("Park the current topic", "F8: off-horizon, to the parking lot", screen.action_park),
            ("Mark the last action as a growth play", "F9", screen.action_growth_play),
            ("End the meeting", "F10: the closing screen", screen.action_end_meeting),
            (
                "Export a snapshot now",
                "Minutes so far, the meeting goes on",
                screen.export_snapshot,
            ),
            ("Remove the last note", "Undo the scribe's last note", screen.remove_last_note),
            ("Help", "F1: keys and note syntax", screen.action_help),
        ]
        for title, help_text, callback in actions:
            yield SystemCommand(title, help_text, callback)


HUNG_UP_STATUS = 129
"""The exit status if the watchdog must end the process after a hangup (128 + SIGHUP)."""


def _terminal_driver() -> type[Any] | None:
    """samtui's driver on a Unix terminal; None leaves Textual's choice (Windows, or the
    web driver textual-serve names in TEXTUAL_DRIVER)."""
    if sys.platform == "win32" or constants.DRIVER is not None:
        return None
    from samtui.ui.driver import SamtuiDriver

    return SamtuiDriver
