"""The samtui app: wires the session to its screens and does little else."""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
import time
from collections.abc import Iterable
from typing import Any

from textual import constants, events, work
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Input

from samtui import config
from samtui.config import Settings
from samtui.core.clock import Clock
from samtui.core.errors import JournalGone, SamtuiError
from samtui.core.journal import Journal
from samtui.core.presence import ROOM
from samtui.core.session import Session
from samtui.core.vocabulary import READ_ONLY_VIEWS
from samtui.ui.bridge import Bridge
from samtui.ui.commands import MEETING_ONLY, SamtuiCommands
from samtui.ui.hangup import Hangup
from samtui.ui.keys import MEETING, KeyChart, accepts
from samtui.ui.screens.meeting import MeetingScreen
from samtui.ui.themes import DEFAULT as DEFAULT_THEME
from samtui.ui.themes import THEMES
from samtui.ui.widgets.notice import NoticeBar, Noticed
from samtui.ui.widgets.scribe import InTurn, NoteLine

FOLLOW_SECONDS = 0.1
UI_BUSY_MS = 50
"""A write from the app waits this long for the journal's lock: enough to outlast another
samtui view's commit (a millisecond or two), too little to be felt while typing."""
ELSEWHERE_BUSY_MS = 300
"""How long the watchdog's own journal connection waits for a lock (it has 2 s in all)."""
HOLD_LIMIT_SECONDS = 2.0
"""Keys held for a screen being built are let through after this, built or not."""


class SamApp(App[None]):
    """One meeting on the shared screen."""

    CSS_PATH = "samtui.tcss"
    COMMANDS = {SamtuiCommands}
    """One provider ranks every entry, Textual's own included, so the order is the same
    on every run (two providers' hits arrive in whatever order their tasks run)."""
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
        slot: str | None = None,
        where: str = "this machine",
        settings: Settings | None = None,
        config_problem: SamtuiError | None = None,
    ) -> None:
        super().__init__(driver_class=_terminal_driver())
        self.session = session
        self.checkin = checkin
        self.role = role
        """None for the room's screen; moderator, timekeeper, scribe, viewer or stage for `join`."""
        self.slot = slot or role or ROOM
        """This view's slot (samtui.core.presence): its draft is kept under this name."""
        self.where = where
        self.clock = clock or session.clock
        self.ring_bell = ring_bell
        self.settings = settings
        """config.toml as read (None: no config file is read or written, as in tests)."""
        self.config_problem = config_problem
        """Why config.toml was not used (the defaults are in force): said on start."""
        self.key_chart = KeyChart(settings.keys if settings is not None else None)
        """The keys in force: the table's, remapped by config.toml."""
        self.set_keymap(self.key_chart.keymap)
        self._theme_name = theme or (settings.theme if settings is not None else None)
        self._theme_remembered: str | None = None
        self._theme_lock = threading.Lock()
        self.title = f"{session.agenda.meeting.account} · {session.agenda.meeting.title}"
        self.bridge = Bridge(self, session.meeting)
        """Every applied event reaches the screens through here."""
        self.rescued: str | None = None
        """Where the minutes were written from memory after the journal's file was lost."""
        session.meeting.loss_listeners.append(self._journal_lost)
        self._hangup: Hangup | None = None
        self._hold = 0
        """Which hold of input is the latest (a stale one's time running out releases nothing)."""
        self._asking = False
        """The gap question is asked: keys pressed once it shows answer it (`_asked_at`,
        set by GapQuestion.on_mount), those typed before wait for the note line."""
        self._asked_at: float | None = None
        self._key_in_turn = False
        """A meeting key is being run in its turn (`key_in_turn`): not sent round again."""
        self._toasted: list[tuple[str, str, SeverityLevel, bool, float]] = []
        """Notices shown as Textual's toasts (no notice bar on that screen), with when each
        is due to go: a screen with a bar takes them over (`notice_bar_shown`)."""
        self._held_input: list[events.Key | events.Paste] | None = None
        """Keys and pastes that arrived while the meeting screen was being built, in order."""

    @property
    def follows_only(self) -> bool:
        """A viewer (or any view on a read-only session) writes nothing, not even a file."""
        return self.role in READ_ONLY_VIEWS or self.session.meeting.readonly

    @property
    def keeps_draft(self) -> bool:
        """Views that type notes keep their unfinished line (a viewer types none)."""
        return not self.follows_only

    def refused_to_viewer(self, what: str) -> bool:
        """True, with a notice, when this view only follows: `what` it will not do."""
        if self.follows_only:
            self.notify(
                f"This view only follows the meeting: {what}", severity="warning", markup=False
            )
        return self.follows_only

    @property
    def view(self) -> str:
        """Whose note line this is, in the journal: the room's, or a joined role's."""
        return self.slot

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self._theme_name or DEFAULT_THEME
        self._theme_remembered = self.theme
        if self.config_problem is not None:
            self.notify(
                f"{self.config_problem} (the defaults are in force)",
                title="Config not used",
                severity="error",
                timeout=30,
                markup=False,
            )
        # Brief waits only: a lock held by another program must never freeze the screen.
        self.session.journal.set_busy_timeout(UI_BUSY_MS)
        self._seen_version = self.session.journal.data_version()
        self._follow_error = ""
        self.set_interval(FOLLOW_SECONDS, self._follow)
        self.call_after_refresh(self.call_after_refresh, _settle_memory)
        self._catch_signals()
        if self.role == "stage":
            from samtui.ui.screens.stage import StageScreen

            self.push_screen(StageScreen())
        elif self.checkin and not self.session.meeting.state.started:
            from samtui.ui.screens.checkin import CheckinScreen

            self.push_screen(CheckinScreen())
        else:
            self.hold_input()  # keys typed while it is built go into its note line
            self.push_screen(MeetingScreen())
        self._ask_about_a_gap()

    @property
    def remembers_settings(self) -> bool:
        """A theme picked here is written to config.toml: only by the user at this
        machine (a viewer writes nothing; a served or hosted view is someone else's)."""
        return self.settings is not None and not self.follows_only and self.where == "this machine"

    def watch_theme(self, name: str) -> None:
        """A theme picked in the palette is remembered for the next start."""
        if self._theme_remembered is None or name == self._theme_remembered:
            return  # the start-up theme, or no change
        self._theme_remembered = name
        if self.remembers_settings:
            self._remember_theme(name)

    @work(thread=True, group="config")
    def _remember_theme(self, name: str) -> None:
        """Off the event loop; one write at a time, each with the latest pick."""
        assert self.settings is not None
        with self._theme_lock:
            latest = self._theme_remembered or name
            try:
                config.remember_theme(self.settings.path, latest)
            except SamtuiError as err:
                self.call_from_thread(
                    self.notify,
                    f"theme not remembered: {err}",
                    severity="warning",
                    markup=False,
                )

    def hold_input(self) -> None:
        """Keep keys and pastes, in order, until `release_input`: while the meeting screen
        is built (it has no focus yet, and Textual drops a key that reaches it, while a key
        that reached the screen being left would act there: a letter typed with F5 marked
        someone absent on the check-in), and while a meeting key waits for its turn."""
        if self._held_input is None:
            self._held_input = []
            self._hold += 1
            hold = self._hold
            self.set_timer(HOLD_LIMIT_SECONDS, lambda: self._hold_expired(hold))

    def asking(self) -> None:
        """The gap question is up (GapQuestion.on_mount): keys pressed from now on answer
        it; those typed before it (held, or still queued) wait for the note line until
        it is answered."""
        self._asked_at = time.monotonic()  # Textual stamps each key with this clock

    def _hold_expired(self, hold: int) -> None:
        if hold == self._hold:
            self.release_input()

    def release_input(self) -> None:
        """Let the held keys through, after what is already queued (the note line's focus);
        not while the gap question is up: what was typed before it is for the note line."""
        if self._held_input is not None and not self._asking:
            self.call_later(self._replay_input, self._hold)

    async def _replay_input(self, hold: int) -> None:
        if hold != self._hold or self._held_input is None:
            return  # released twice (its time ran out as it ended), or a later hold's
        held, self._held_input = self._held_input, None
        for index, event in enumerate(held):
            if self._held_input is not None:  # a meeting key among them holds the rest
                self._held_input.extend(held[index:])
                return
            await self._take_input(event)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if self._held_input is not None and not self._answers(event):
                self._held_input.append(event)
            else:
                await self._take_input(event)
            return
        await super().on_event(event)

    def _answers(self, event: events.Key | events.Paste) -> bool:
        """Whether a key is for the gap question: pressed after it showed."""
        return self._asking and self._asked_at is not None and event.time >= self._asked_at

    async def _take_input(self, event: events.Key | events.Paste) -> None:
        """A key or a paste from the terminal, in the order it came."""
        if isinstance(event, events.Paste) and self._paste_behind(event.text):
            return
        focused = self.focused
        if (
            isinstance(event, events.Key)
            and isinstance(focused, NoteLine)
            and not self._key_in_turn
            and not (event.is_printable and "+" not in event.key)  # typed: a, A, space, !
            and self._bound_first(event.key)
        ):
            # Textual runs a priority binding (every meeting key) as soon as it reads it,
            # while the keys typed before it still wait in the note line's queue: "y",
            # Enter, ctrl+n put "y" on the next item. The key goes by the note line's
            # queue instead, and acts once what was typed before it has (key_in_turn).
            self.hold_input()  # what comes after it waits for it (park reads the line)
            focused.post_message(InTurn(event, self._hold))
            return
        await super().on_event(event)

    def _bound_first(self, key: str) -> bool:
        """Whether `key` is a priority binding in force here (a meeting key, ctrl+q...)."""
        active = self.screen.active_bindings.get(key)
        return active is not None and active.binding.priority

    async def key_in_turn(self, event: events.Key, hold: int) -> None:
        """A meeting key whose turn came (MeetingScreen): what it does, as Textual would;
        then the keys held behind it (`hold`, its own: not a later key's) go on."""
        self._key_in_turn = True
        try:
            await super().on_event(event)
        finally:
            self._key_in_turn = False
            if hold == self._hold:
                self.release_input()

    def _paste_behind(self, text: str) -> bool:
        """A paste where no note line has the focus (a dialog is open, or the check-in):
        Textual would hand it to the focused button or list, which drops it. It goes into
        the meeting's note line instead, as a paste there would (each line it ends becomes
        a note), and a notice says so. False (Textual's way) on the meeting screen itself,
        and for a one-line paste into a dialog's own text field (the floor picker's name,
        the palette's search), which takes it whole. A view that only follows has no note
        line: it says the paste was not taken."""
        focused = self.focused
        if isinstance(focused, Input) and not any(c in text for c in "\r\n"):
            return False
        if not self.keeps_draft:
            self.refused_to_viewer("the paste was not taken (it has no note line)")
            return True
        if self.session.meeting.state.ended:  # no note can be added, nor a draft kept for one
            self.notify(
                "The meeting has ended: the paste was not taken",
                title="Not pasted",
                severity="warning",
                markup=False,
            )
            return True
        if isinstance(self.screen, MeetingScreen) or not text:
            return not text
        meeting = next((s for s in self.screen_stack if isinstance(s, MeetingScreen)), None)
        if meeting is not None:
            meeting.query_one("#note", Input).post_message(events.Paste(text))
            self.notify(
                "The paste went into the meeting's note line, behind this dialog "
                "(each line it ended is a note)",
                title="Pasted",
                markup=False,
            )
            return True
        # no meeting screen yet (the check-in): into this view's draft, which its note
        # line opens with; kept in the journal at once, so a quit or a crash loses none
        try:
            self.session.save_draft(self.session.draft(self.view) + text, self.view)
        except SamtuiError as err:
            self.notify(f"The paste could not be kept: {err}", severity="error", markup=False)
            return False  # Textual's way, then: a focused field may still take it
        self.notify(
            "The paste is kept for the meeting's note line: it is there when the meeting starts",
            title="Pasted",
            markup=False,
        )
        return True

    def on_key(self, event: events.Key) -> None:
        """A key this view does not offer (a viewer's F5, or `a` on the map), pressed
        anyway: say why."""
        screen = self.screen
        if not self.follows_only:
            return
        if isinstance(screen, MeetingScreen):
            for key in MEETING:
                if event.key in self.key_chart.keys(key.id) and not accepts(
                    key.id, follows_only=True
                ):
                    self.refused_to_viewer("it cannot change it")
                    return
            return
        for binding in Binding.make_bindings(type(screen).BINDINGS):  # a dialog's own keys
            if event.key in binding.key.split(","):
                _, name, parameters = parse_action(binding.action)
                if screen.check_action(name, parameters) is False:
                    self.refused_to_viewer("it cannot change it")
                    return

    def _ask_about_a_gap(self) -> None:
        """The room's view, resumed long after the last event with the clock running: ask
        whether the meeting went on, and journal the answer."""
        meeting = self.session.meeting
        gap = meeting.unrecorded_gap() if self.role is None and not meeting.readonly else None
        if gap is None or meeting.state.last_at is None:
            return
        from samtui.ui.screens.gap import GapQuestion

        last = meeting.state.last_at.astimezone().strftime("%a %d %b %H:%M")

        def settle(counted: bool | None) -> None:
            self._asking = False
            self.release_input()  # what was typed ahead, into the note line, after this
            try:
                refused = meeting.settle_gap(counted=bool(counted))
            except SamtuiError as err:
                self.notify(str(err), title="Not saved", severity="error", markup=False)
                return
            if refused is not None:
                self.notify(refused.message, severity="warning", markup=False)

        self._asking, self._asked_at = True, None  # what was typed ahead waits for the line
        self.push_screen(GapQuestion(gap, last), settle)

    def _journal_lost(self, gone: JournalGone) -> None:
        """Say at once that nothing is saved any more, and write what is in memory."""
        message = (
            f"{gone.message.capitalize()}. The meeting goes on in this window only: "
            "its minutes so far are being written beside the agenda."
        )
        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen):
                screen.show_journal_lost(message)
        self.notify(message, title="Journal lost", severity="error", timeout=60, markup=False)
        self._rescue()

    @work(thread=True, exclusive=True, group="rescue")
    def _rescue(self) -> None:
        """Write the minutes from memory (the journal cannot hold them any more)."""
        try:
            path = self.session.write(self.session.minutes(), snapshot=True)
        except SamtuiError as err:
            self.call_from_thread(self.notify, str(err), severity="error", markup=False)
            return
        self.rescued = str(path)
        self.call_from_thread(
            self.notify, f"Minutes so far written to {path}", severity="warning", markup=False
        )

    def _follow(self) -> None:
        """Apply what other views wrote: one cheap PRAGMA a tick unless something changed."""
        meeting = self.session.meeting
        if meeting.journal_lost is None and not meeting.readonly:
            problem = self.session.journal.file_problem()
            if problem is not None:
                meeting.lose_journal(JournalGone(problem, file=self.session.path))
        if meeting.journal_lost is not None:
            return
        try:
            version = self.session.journal.data_version()
            if version != self._seen_version:
                self._seen_version = version
                self.session.meeting.sync()
        except SamtuiError as err:  # damaged or unreadable now: say so once, keep the screen
            if str(err) != self._follow_error:
                self._follow_error = str(err)
                self.notify(str(err), title="Journal", severity="error", markup=False)

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
        self.hold_input()
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
                meeting.pause()
        if meeting.journal_lost is not None and not meeting.readonly:
            with contextlib.suppress(SamtuiError):  # the last word from memory
                self.rescued = str(self.session.write(self.session.minutes(), snapshot=True))
        self.exit()

    def save_draft(self) -> None:
        if not self.keeps_draft:
            return
        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen):
                screen.flush_draft()

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Textual's palette "Screenshot" saves a file: a viewer saves none."""
        if self.refused_to_viewer("it saves no screenshot"):
            return None
        return super().deliver_screenshot(filename, path, time_format)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """In the screen's own notice bar where it has one (never over the note line or a
        dialog); as Textual's toast elsewhere."""
        bars = self.screen.query(NoticeBar) if self.screen.is_mounted else None
        if not bars:
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
            now = time.monotonic()
            until = now + (self.NOTIFICATION_TIMEOUT if timeout is None else timeout)
            self._toasted = [t for t in self._toasted if t[-1] > now]  # gone by themselves
            self._toasted.append((message, title, severity, markup, until))
            return
        shown = Content.from_markup(message) if markup else Content(message)
        bars.first().show(shown, title, severity)
        self.post_message(Noticed(message, title, severity))

    def notice_bar_shown(self) -> None:
        """A screen with a notice bar is up (NoticeBar.on_mount): toasts raised before it,
        still due on screen (the config's problem on start, a paste on the check-in),
        move into its bar; Textual would show them on every screen after, over the note
        line."""
        now = time.monotonic()
        due = [toast for toast in self._toasted if toast[-1] > now]
        self._toasted.clear()
        if due and self.screen.query(NoticeBar):
            self.clear_notifications()
            rank = {"information": 0, "warning": 1, "error": 2}
            for message, title, severity, markup, _ in sorted(due, key=lambda t: rank[t[2]]):
                self.notify(message, title=title, severity=severity, markup=markup)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The meeting's actions (from the key table, with the keys in force), then
        Textual's own; a view that only follows is offered none that writes."""
        if isinstance(screen, MeetingScreen):
            chart = self.key_chart
            for key in MEETING:
                if accepts(key.id, follows_only=self.follows_only):
                    help_text = f"{chart.label(key.id)}: {chart.detail(key)}"
                    yield SystemCommand(key.title, help_text, getattr(screen, f"action_{key.id}"))
            for title, help_text, method, changes in MEETING_ONLY:
                if not (changes and self.follows_only):
                    yield SystemCommand(title, help_text, getattr(screen, method))
        for command in super().get_system_commands(screen):
            if not (self.follows_only and command.title == "Screenshot"):
                yield command


def _settle_memory() -> None:
    """Once the first screen is drawn: what was loaded to draw it (the agenda, every note of
    a long meeting, Textual itself) lives as long as the app, so the collector need never
    look at it again. Freezing it keeps full collections, which would otherwise walk
    every note, off the keystrokes; the CLI turned collection off while loading."""
    gc.freeze()
    gc.enable()


HUNG_UP_STATUS = 129
"""The exit status if the watchdog must end the process after a hangup (128 + SIGHUP)."""


def _terminal_driver() -> type[Any] | None:
    """samtui's driver on a Unix terminal; None leaves Textual's choice (Windows, or the
    web driver textual-serve names in TEXTUAL_DRIVER)."""
    if sys.platform == "win32" or constants.DRIVER is not None:
        return None
    from samtui.ui.driver import SamtuiDriver

    return SamtuiDriver
