"""The scribe's panel: the item's notes and the note line, focused from the start."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from samtui.core.safetext import visible
from samtui.core.state import Note
from samtui.core.vocabulary import NoteKind

SHOWN_NOTES = 400
"""An item's latest notes drawn at once; the earlier ones on request."""
EARLIER_STEP = 400
"""How many earlier notes each PageUp at the top of the list brings back."""
SCROLLBAR = 2
"""Room left for the list's scrollbar when a note is wrapped."""
EARLIER = "earlier"
"""The option that says how many earlier notes are not drawn."""

BADGES: dict[NoteKind, tuple[str, str]] = {
    "point": ("point", "$foreground-muted"),
    "decision": ("DECISION", "$success bold"),
    "goal": ("GOAL", "$accent bold"),
    "action": ("ACTION", "$warning bold"),
    "question": ("QUESTION", "$secondary bold"),
    "parked": ("PARKED", "$text-muted italic"),
}
PLACEHOLDER = (
    "note · ! decision · goal: · todo: @who due:YYYY-MM-DD · ? question · park: · s/old/new/"
)


def note_line(note: Note, names: dict[str, str]) -> Content:
    """A note as the room reads it: kind badge, the literal text, owner and due for actions,
    and who brought a question asked from the queue."""
    badge, style = BADGES[note.kind]
    parts: list[Content | str | tuple[str, str]] = [(f"{badge:>8} ", style), note.text]
    if note.question is not None:
        who = note.question[0]
        parts += [(" · brought by ", "$text-muted"), (names.get(who, who), "bold")]
    if note.kind == "action":
        # single spaces: a double one reads as the gap a removed `@who` or `due:` left
        owner = names.get(note.owner, "") if note.owner else ""
        parts.append((f" → {owner}" if owner else " → no owner", "bold" if owner else "$error"))
        if note.due:
            parts.append(f" by {note.due.isoformat()}")
        if note.growth:
            parts.append((" · growth", "$success"))
    return Content.assemble(*parts)


BADGE_WIDTH = 9
"""The badge and the space after it: a wrapped note's lines go on under its text."""


def hanging(line: Content, width: int) -> Content:
    """A note wrapped to `width` with its later lines under its text, not under its badge
    (OptionList would wrap it to the first column)."""
    if width <= BADGE_WIDTH + 8 or line.cell_length <= width:
        return line
    body = line[BADGE_WIDTH:].wrap(width - BADGE_WIDTH) or [Content("")]
    indent = Content(" " * BADGE_WIDTH)
    return Content("\n").join([line[:BADGE_WIDTH] + body[0], *(indent + rest for rest in body[1:])])


EDITING_KEYS: dict[str, str] = {
    key: binding.action
    for binding in Input.BINDINGS
    if isinstance(binding, Binding) and binding.action != "submit"
    for key in binding.key.split(",")
}
"""The keys Input itself binds (not those it inherits, such as PageUp, which scroll the
notes here): the note line runs them as they come."""


@dataclass
class InTurn(Message, bubble=False):
    """A meeting key pressed while the note line had the focus, on its way to the screen
    by the path a line ended before it takes (note line, scribe panel, screen), so the
    key acts after every key typed before it has (SamApp.on_event)."""

    key: events.Key
    hold: int
    """The hold of the keys typed after it (SamApp.hold_input): released once it acted."""


LINE_ENDS = frozenset({"enter", "ctrl+j"})
"""Enter, and the line feed Textual reads as ctrl+j: what a terminal still in cooked mode
makes of an Enter typed before samtui started (the line discipline turns CR into LF), and
what a paste without bracketed paste ends its lines with."""


class NoteLine(Input):
    """The note line. Enter takes the line at once: a binding would run only after the
    keys typed behind it (type-ahead, a paste without bracketed paste) were inserted,
    and one note would swallow the next. The line's editing keys (backspace, ctrl+u...)
    act at once too: as bindings, "x" typed after a ctrl+u in the same read was erased.

    A paste is taken as if it were typed, except that nothing in it is a key: each line
    break ends a line (Enter), each line ended becomes a note in order, and a last line
    without a line break stays in the note line to finish. Control characters in it are
    shown as their pictures (ESC as ␛), tabs as spaces."""

    virtual_size = Reactive(Size(0, 0), layout=False)
    """Input sets this on every key; Widget's asks for a layout pass of the whole screen
    each time, though a one-line note line's size never depends on what it holds."""

    @dataclass
    class Entered(Message):
        lines: tuple[str, ...]
        """The lines ended, in order: one for Enter, any number for a paste."""

    def _on_hide(self, event: events.Hide) -> None:
        """Keep the focus while hidden (a terminal too small to show the line): what is
        typed meanwhile stays in the line, or becomes notes, instead of going nowhere."""
        event.prevent_default()  # Widget._on_hide would blur it

    async def _on_key(self, event: events.Key) -> None:
        if event.key in LINE_ENDS:
            event.stop()
            event.prevent_default()
            text, self.value = self.value, ""
            if text.strip():
                self._panel().post_message(self.Entered((text,)))
            return
        for key in event.aliases:  # backspace, ctrl+u, ctrl+w...: at once, for the same reason
            action = EDITING_KEYS.get(key)
            if action is not None:
                event.stop()
                event.prevent_default()
                await self.run_action(action)
                return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input._on_paste would insert the first line again
        text = visible(event.text).replace("\t", " ")
        if not text:
            return
        start, end = sorted(self.selection)
        before, after = self.value[:start], self.value[end:]
        *ended, last = (before + text).split("\n")
        self.value = last + after
        self.cursor_position = len(last)
        lines = tuple(line for line in ended if line.strip())
        if lines:
            self._panel().post_message(self.Entered(lines))

    def _panel(self) -> ScribePanel:
        """Where ended lines go: straight to the panel, not through this line's own queue
        (a message posted here would queue behind a meeting key already waiting, and the
        key would overtake the line it follows)."""
        return self.query_ancestor(ScribePanel)

    def on_in_turn(self, message: InTurn) -> None:
        message.stop()
        self._panel().post_message(InTurn(message.key, message.hold))


class ScribePanel(Vertical):
    """Shows notes and posts what the scribe typed; the screen turns it into notes.

    When a line of several (a paste) is refused, it comes back to the note line with its
    error, and the lines after it wait: the next Enter sends them on after it. What was in
    the note line meanwhile comes back once they are all in."""

    DEFAULT_CSS = """
    ScribePanel { height: 1fr; }
    ScribePanel #notes { height: 1fr; border: none; padding: 0; }
    ScribePanel #note-error {
        color: $error; text-style: bold; width: 1fr; height: auto; display: none;
    }
    ScribePanel #note-error.-shown { display: block; }
    ScribePanel #note-error.-hint { color: $warning; text-style: none; }
    ScribePanel #note-pending { color: $warning; height: auto; display: none; }
    ScribePanel #note-pending.-shown { display: block; }
    ScribePanel #note { margin: 0; width: 1fr; }
    ScribePanel #note-row { height: auto; }
    ScribePanel #note-prompt {
        display: none; width: 2; height: 1; background: $boost; color: $accent;
        text-style: bold; padding: 0 0 0 1;
    }
    """

    BINDINGS = [
        Binding("pageup", "scroll_notes('page_up')", "Notes up", show=False),
        Binding("pagedown", "scroll_notes('page_down')", "Notes down", show=False),
        Binding("ctrl+home", "scroll_notes('home')", "First note", show=False),
        Binding("ctrl+end", "scroll_notes('end')", "Newest note", show=False),
    ]

    @dataclass
    class NoteSubmitted(Message):
        """The scribe ended lines (Enter, or a paste): each is to become a note, in order."""

        lines: tuple[str, ...]

    def __init__(self) -> None:
        super().__init__(id="scribe")
        self._notes: list[Note] = []
        self._names: dict[str, str] = {}
        self._from = 0
        """How many of the item's notes are not drawn (the earliest)."""
        self.border_title = "Scribe"
        self._refused_line: str | None = None
        self._waiting: list[str] = []
        """Lines of a paste behind a refused one: sent on with the next Enter."""
        self._unfinished = ""
        """What the note line held when a line was refused: back once the others are in."""

    def compose(self) -> ComposeResult:
        notes = OptionList(id="notes")
        notes.can_focus = False  # the note line keeps the focus; keys scroll the notes
        yield notes
        yield Label("", id="note-pending")
        yield Label("", id="note-error")
        with Horizontal(id="note-row"):
            yield Label("›", id="note-prompt")  # shown where the line has no border
            yield NoteLine(placeholder=PLACEHOLDER, id="note", select_on_focus=False)

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one(Input).cursor_blink = False

    @on(NoteLine.Entered)
    def _entered(self, event: NoteLine.Entered) -> None:
        event.stop()
        lines = (*event.lines, *self._waiting)
        self._waiting = []
        self.screen.post_message(self.NoteSubmitted(lines))  # not behind a waiting key

    def on_in_turn(self, message: InTurn) -> None:
        message.stop()
        self.screen.post_message(InTurn(message.key, message.hold))

    @on(Input.Changed, "#note")
    def _changed(self, event: Input.Changed) -> None:
        # editing the refused line clears its error; the line as it is now says whether
        # it was edited (a Changed queued before the refusal carries an older value)
        if self._refused_line is not None and self.query_one(Input).value != self._refused_line:
            self.show_error(None)

    def action_scroll_notes(self, where: str) -> None:
        notes = self.query_one("#notes", OptionList)
        if where == "home" and self._from:
            self._show_from(0, keep=0)  # the first note: every one of them, on request
        elif where == "page_up" and self._from and notes.scroll_offset.y == 0:
            self._show_from(max(0, self._from - EARLIER_STEP), keep=self._from)
        elif where == "page_up":
            notes.scroll_page_up(animate=False)
        elif where == "page_down":
            notes.scroll_page_down(animate=False)
        elif where == "home":
            notes.scroll_home(animate=False, immediate=True)  # before the next key's scroll
        else:
            notes.scroll_end(animate=False, immediate=True)

    # -- what the screen calls -------------------------------------------------------

    def show_notes(self, notes: list[Note], names: dict[str, str], title: str) -> None:
        """Show an item's notes (on entering an item, or after a removal): the latest
        SHOWN_NOTES of them, under a line that says how many came before and how to see
        them (PageUp at the top, ctrl+home): a long meeting's list is drawn in no time."""
        self._notes, self._names = list(notes), names
        self._show_from(max(0, len(self._notes) - SHOWN_NOTES))
        self.border_title = Content.assemble("Scribe · notes on ", title)

    def _show_from(self, start: int, *, keep: int | None = None) -> None:
        """Draw the notes from `start` on; `keep` is the note to keep in view (scrolling back)."""
        options = self.query_one("#notes", OptionList)
        self._from = start
        options.clear_options()
        if start:
            options.add_option(
                Option(
                    Content.styled(
                        f"⋯ {start:,} earlier notes: PageUp here shows more, ctrl+home all",
                        "$text-muted italic",
                    ),
                    id=EARLIER,
                    disabled=True,
                )
            )
        names = self._names
        options.add_options(Option(self._line(n, names), id=str(n.id)) for n in self._notes[start:])
        if keep is None:
            options.scroll_end(animate=False, immediate=True)
        elif keep == 0:
            options.scroll_home(animate=False, immediate=True)
        else:  # the note that was at the top stays in view, the earlier ones above it
            shown = self._notes[keep] if keep < len(self._notes) else None
            if shown is not None:
                options.highlighted = options.get_option_index(str(shown.id))
                options.scroll_to_highlight(top=True)
                options.highlighted = None

    def append_note(self, note: Note, names: dict[str, str]) -> None:
        self._notes.append(note)
        options = self.query_one("#notes", OptionList)
        options.add_option(Option(self._line(note, names), id=str(note.id)))
        options.scroll_end(animate=False)

    def replace_note(self, note: Note, names: dict[str, str]) -> None:
        """A note changed; among the earlier notes not drawn, nothing to redraw."""
        options = self.query_one("#notes", OptionList)
        with contextlib.suppress(OptionDoesNotExist):
            options.replace_option_prompt(str(note.id), self._line(note, names))

    def _line(self, note: Note, names: dict[str, str]) -> Content:
        """A note as drawn in the list, wrapped to its width once the list has one (the
        screen draws the notes again after a resize)."""
        notes = self.query_one("#notes", OptionList)
        padding = notes.get_component_styles("option-list--option").padding.width
        width = notes.content_region.width - SCROLLBAR - padding  # with a scrollbar or not
        return hanging(note_line(note, names), width)

    def accepted(self) -> None:
        """The line became a note: clear it for the next one."""
        self.query_one(Input).value = ""
        self.show_error(None)

    def all_added(self) -> None:
        """Every line sent became a note: the line that was put aside comes back."""
        self.show_error(None)
        unfinished, self._unfinished = self._unfinished, ""
        if unfinished:
            typed = self.query_one(Input).value
            self.set_draft(f"{unfinished} {typed}" if typed else unfinished)

    def refused(self, text: str, message: str, waiting: tuple[str, ...] = ()) -> None:
        """Give the refused line back to the scribe and say why; lines sent after it wait,
        and what the note line held meanwhile is put aside until they are in."""
        typed = self.query_one(Input).value
        if typed:
            self._unfinished = f"{self._unfinished} {typed}" if self._unfinished else typed
        self._waiting = [*waiting, *self._waiting]
        self._refused_line = text
        self.set_draft(text)
        if after := self._following():
            message += f" · fix it and press Enter: {after}"
        self.show_error(message)

    def _following(self) -> str:
        """What comes after the line in the note line: `1 more line follows, then…`."""
        after = []
        if self._waiting:
            count = len(self._waiting)
            after.append("1 more line follows" if count == 1 else f"{count} more lines follow")
        if self._unfinished:
            after.append("the unfinished line comes back")
        return ", then ".join(after)

    def restore_draft(self, text: str) -> None:
        """The note line as this view left it (a resume, or a paste kept on the check-in):
        with lines behind it, a hint says Enter sends them on, as after a refused line."""
        self.set_draft(text)
        if after := self._following():
            self.show_error(f"Kept from before · press Enter to send this line: {after}")
            self.query_one("#note-error", Label).add_class("-hint")

    def show_pending(self, texts: list[str]) -> None:
        """Lines typed while the journal was locked by another program: kept, not yet saved."""
        label = self.query_one("#note-pending", Label)
        label.set_class(bool(texts), "-shown")
        if texts:
            label.update(
                Content.assemble(
                    (f"⧗ {len(texts)} waiting to be saved (the journal is busy): ", "bold"),
                    texts[-1],
                )
            )

    def show_error(self, message: str | None) -> None:
        """Show why the line was refused; the typed text stays in the note line."""
        label = self.query_one("#note-error", Label)
        if message is None:
            self._refused_line = None
            if not label.has_class("-shown"):
                return  # a keystroke with no error showing touches nothing else
        label.set_class(message is not None, "-shown")
        label.remove_class("-hint")
        label.update(Content(message or ""))

    def set_draft(self, text: str) -> None:
        """Put a saved draft in the note line: its first line; any more (lines that waited
        behind a refused one, then what was put aside) wait as they did."""
        first, *more = text.split("\n")
        if more:
            *self._waiting, self._unfinished = more
        note_input = self.query_one(Input)
        note_input.value = first
        note_input.cursor_position = len(first)

    def draft(self) -> str:
        """Everything not yet a note: the note line, and lines waiting behind it (one a line)."""
        value = self.query_one(Input).value
        if not self._waiting and not self._unfinished:
            return value
        return "\n".join([value, *self._waiting, self._unfinished])

    def draft_summary(self) -> str:
        """The same on one line, for the closing screen's warning."""
        return " / ".join(part for part in self.draft().split("\n") if part.strip())
