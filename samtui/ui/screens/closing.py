"""F10: the closing screen. What the minutes will say; Enter writes them, Esc goes back."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from samtui.core.errors import SamtuiError
from samtui.core.events import Event
from samtui.core.formatting import durations
from samtui.core.minutes import Minutes
from samtui.core.summary import NotedLine, Summary
from samtui.core.summary import summary as build_summary
from samtui.ui.bridge import Follows
from samtui.ui.guard import guarded
from samtui.ui.widgets.talk_chart import TalkChart

if TYPE_CHECKING:
    from samtui.ui.app import SamApp

TICK_SECONDS = 1.0


def _section(title: str, lines: list[Content], empty: str) -> list[Content]:
    """A heading and its lines (or the word for none), and a blank line after."""
    return [
        Content.styled(f"{title} ({len(lines)})" if lines else title, "bold $accent"),
        *(lines or [Content.styled(empty, "$text-muted")]),
        Content(""),
    ]


def decided(recap: Summary) -> list[Content]:
    """What the review decided and left to do: decisions, goals, actions, the last review's
    closed ones, stakeholder changes, the parking lot, questions not asked. The closing
    screen and the recap (during the meeting) show this, as the report writes it."""
    actions: list[Content] = []
    for action in recap.actions:
        owner: Content | tuple[str, str] = (
            Content(action.owner) if action.owner is not None else ("NO OWNER", "$error bold")
        )
        due = f" by {action.due.isoformat()}" if action.due else " (no due date)"
        growth = (" · growth play", "$success") if action.growth else ""
        carried = (" · carried over", "$text-muted") if action.carried_from else ""
        actions.append(  # single spaces: a double one reads as a gap left by a removed @who
            Content.assemble(f"{action.id:>2}. ", action.text, " → ", owner, due, growth, carried)
        )
    actions += [
        Content.assemble(
            ("closed: ", "bold"), closed.text, f" ({closed.owner or 'no owner'}): {closed.status}"
        )
        for closed in recap.closed
    ]
    changes = [
        Content.assemble(
            c.name,
            f": {c.change} ",
            (_value(c.before), "$text-muted"),
            " → ",
            _value(c.after),
            (f"  ({c.item})", "$text-muted"),
        )
        for c in recap.changes
    ]

    def noted(lines: list[NotedLine]) -> list[Content]:
        return [
            Content.assemble("• ", n.text, Content.styled(f"  ({n.item})", "$text-muted"))
            for n in lines
        ]

    return [
        *_section("Decisions", noted(recap.decisions), "none"),
        *_section("Goals", noted(recap.goals), "none"),
        *_section("Actions", actions, "none"),
        *_section("Stakeholder changes", changes, "none"),
        *_section("Parking lot", noted(recap.parked), "empty"),
        *(
            _section(
                "Questions not asked",
                [Content.assemble("• ", text, f"  ({who})") for who, text in recap.unasked],
                "none",
            )
            if recap.unasked
            else []
        ),
    ]


def _value(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def summary(minutes: Minutes) -> Content:
    """The review in one screen: time, items, who was never heard, then what it decided."""
    recap = build_summary(minutes)
    spent, planned = durations(recap.actual_seconds, recap.planned_seconds)
    lines: list[Content] = [
        Content.assemble((recap.account, "bold"), " · ", recap.title),
        Content.assemble(
            ("Duration ", "bold"), f"{spent} of {planned} planned ({recap.against_plan})"
        ),
        Content(""),
        Content.styled("Items: planned / actual", "bold $accent"),
    ]
    for item in recap.items:
        shown_planned, shown_actual = durations(item.planned, item.actual)
        lines.append(
            Content.assemble(
                f"{item.number:>2}. ",
                item.title,
                f"  {shown_planned} / ",
                (shown_actual, "$error bold" if item.over > 0 else ""),
            )
        )
    lines.append(Content(""))
    if recap.never_heard:
        lines.append(
            Content.assemble(("Never heard: ", "$warning bold"), ", ".join(recap.never_heard))
        )
    for title, unheard in recap.unheard_on_rounds:
        lines.append(
            Content.assemble(("Not heard on ", "$warning bold"), title, ": ", ", ".join(unheard))
        )
    if recap.everyone_heard:
        lines.append(Content.styled("Everyone present was heard.", "$success"))
    lines.append(Content(""))
    lines += decided(recap)
    return Content("\n").join(lines)


def show_closing(app: SamApp) -> None:
    """The meeting ended (here, or in another view): every view shows its closing screen,
    once."""
    if not any(isinstance(screen, ClosingScreen) for screen in app.screen_stack):
        app.push_screen(ClosingScreen())


class ClosingScreen(Follows, Screen[None]):
    """Ends the meeting only when the minutes are written; until then Esc goes back.

    The meeting's clock stops while it is shown (a journaled pause, so every view shows
    it): the figures on it are the ones the minutes then say. Esc runs the clock again if
    this screen stopped it.
    """

    DEFAULT_CSS = """
    ClosingScreen VerticalScroll { height: 1fr; padding: 1 2; }
    ClosingScreen #closing-title { width: 1fr; padding: 0 2; background: $panel; text-style: bold; }
    ClosingScreen #closing-status { width: 1fr; padding: 0 2; background: $panel; }
    ClosingScreen #closing-status.-error { color: $error; text-style: bold; }
    ClosingScreen #closing-status.-done { color: $success; text-style: bold; }
    ClosingScreen #talk-heading { margin-top: 1; }
    """
    BINDINGS = [
        Binding("enter", "export", "Write the minutes", priority=True),
        Binding("enter", "leave", "Quit", priority=True),
        Binding("escape", "back", "Back to the meeting", priority=True),
    ]

    app: SamApp

    def __init__(self, unsent: str = "") -> None:
        super().__init__()
        self.written: str | None = None
        self.unsent = unsent.strip()
        """What the note line still held at F10: ending now would leave it out."""
        self._paused: int | None = None
        """The event that stopped the clock when this screen was shown, if it did."""

    def compose(self) -> ComposeResult:
        yield Label("End of the meeting: the minutes", id="closing-title")
        with VerticalScroll():
            minutes = self.app.session.minutes()
            yield Static(summary(minutes), id="summary")
            yield Static(Content.styled("Talk time", "bold $accent"), id="talk-heading")
            yield TalkChart(minutes, id="talk-chart")
        yield Label(
            "Enter writes the minutes and ends the meeting · Esc returns to the meeting",
            id="closing-status",
        )
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Once the meeting has ended there is no meeting to go back to; Enter writes the
        minutes only where they can be written and are not yet, else it quits."""
        if action == "back":
            return not self.app.session.meeting.state.ended
        writes = self.written is None and not self.app.follows_only
        if action == "export":
            return writes
        if action == "leave":
            return not writes
        return True

    @guarded
    def action_back(self) -> None:
        meeting = self.app.session.meeting
        if self.written is not None or meeting.state.ended:
            return
        if self._paused is not None and meeting.state.started and not meeting.state.running:
            meeting.toggle_clock(seen=self._paused)  # refused if another view moved it since
        self.dismiss(None)

    def action_leave(self) -> None:
        self.app.exit()

    def on_mount(self) -> None:
        if self._written_elsewhere():
            return
        self._stop_the_clock()
        self.redraw()
        self.set_interval(TICK_SECONDS, self._tick)
        if self.unsent and not self.app.session.meeting.state.ended:
            self._warn_unsent()
        elif self.app.session.meeting.readonly:
            self.query_one("#closing-status", Label).update(
                "This view follows the meeting · Enter or ctrl+q quits"
            )

    @guarded
    def _stop_the_clock(self) -> None:
        meeting = self.app.session.meeting
        state = meeting.state
        if self.app.follows_only or self.app.role is not None or not state.running or state.ended:
            return  # the room's closing stops the meeting's clock; a joined view's does not
        if meeting.pause() is None and not meeting.state.running:
            self._paused = meeting.state.last_seq

    def changed(self, events: list[Event] | None) -> None:
        """Another view added a note or moved the clock: the summary shows it."""
        self.redraw()

    def _tick(self) -> None:
        if self.app.session.meeting.state.running:  # a viewer's, or resumed elsewhere
            self.redraw()

    def redraw(self) -> None:
        self.drawn_seq = self.app.session.meeting.state.last_seq
        minutes = self.app.session.minutes()
        self.query_one("#summary", Static).update(summary(minutes))
        self.query_one(TalkChart).show(minutes)

    _unsent_confirmed = False

    def _warn_unsent(self, *, again: bool = False) -> None:
        status = self.query_one("#closing-status", Label)
        status.set_classes("-error")
        ending = (
            "Enter again ends the meeting without it" if again else "Enter twice ends without it"
        )
        status.update(
            Content.assemble(
                "The note line still holds “",
                self.unsent,
                f"”: Esc goes back to add it · {ending}",
            )
        )

    def _written_elsewhere(self) -> bool:
        """Another view ended the meeting and wrote the minutes: say where, write no twin."""
        session = self.app.session
        session.meeting.sync()
        info = session.journal.info()
        if session.meeting.state.ended and info.state == "finished" and info.minutes_path:
            self._done(str(info.minutes_path))
            return True
        return False

    @guarded
    def action_export(self) -> None:
        if self.written is not None or self.app.session.meeting.readonly:
            self.app.exit()
            return
        if self._written_elsewhere():
            return
        if self.unsent and not self._unsent_confirmed:
            self._unsent_confirmed = True  # a second Enter ends without it
            self._warn_unsent(again=True)
            return
        meeting = self.app.session.meeting
        if not meeting.state.ended:
            meeting.end()  # journaled before anything is written, so nothing is lost
        self.refresh_bindings()
        self.redraw()
        self._write(self.app.session.minutes())

    @work(thread=True, exclusive=True, group="export")
    def _write(self, minutes: Minutes) -> None:
        try:
            path = self.app.session.write(minutes)
        except SamtuiError as err:
            self.app.call_from_thread(self._failed, str(err))
            return
        self.app.call_from_thread(self._done, str(path))

    def _done(self, path: str) -> None:
        self.written = path
        self.refresh_bindings()
        status = self.query_one("#closing-status", Label)
        status.set_classes("-done")
        status.update(Content.assemble("Minutes written to ", path, " · Enter or ctrl+q quits"))

    def _failed(self, message: str) -> None:
        status = self.query_one("#closing-status", Label)
        status.set_classes("-error")
        status.update(
            Content.assemble(
                message,
                "\nThe meeting is safe in the journal: Enter tries again, or quit and run "
                '"samtui export --out PATH".',
            )
        )
