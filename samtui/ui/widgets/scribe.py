"""The scribe's panel: the item's notes and the note line, focused from the start."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from samtui.core.state import Note
from samtui.core.vocabulary import NoteKind

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
        parts += [("  brought by ", "$text-muted"), (names.get(who, who), "bold")]
    if note.kind == "action":
        owner = names.get(note.owner, "") if note.owner else ""
        parts.append((f"  → {owner}" if owner else "  → no owner", "bold" if owner else "$error"))
        if note.due:
            parts.append(f" by {note.due.isoformat()}")
        if note.growth:
            parts.append(("  growth", "$success"))
    return Content.assemble(*parts)


class NoteLine(Input):
    """The note line. Enter takes the line at once: a binding would run only after the
    keys typed behind it (type-ahead, a paste without bracketed paste) were inserted,
    and one note would swallow the next."""

    @dataclass
    class Entered(Message):
        text: str

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            text, self.value = self.value, ""
            if text.strip():
                self.post_message(self.Entered(text))
            return
        await super()._on_key(event)


class ScribePanel(Vertical):
    """Shows notes and posts what the scribe typed; the screen turns it into a note."""

    DEFAULT_CSS = """
    ScribePanel { height: 1fr; }
    ScribePanel #notes { height: 1fr; border: none; padding: 0; }
    ScribePanel #note-error { color: $error; text-style: bold; height: auto; display: none; }
    ScribePanel #note-error.-shown { display: block; }
    ScribePanel #note { margin: 0; }
    """

    @dataclass
    class NoteSubmitted(Message):
        """The scribe pressed Enter on a line."""

        text: str

    def __init__(self) -> None:
        super().__init__(id="scribe")
        self.border_title = "Scribe"
        self._refused_line: str | None = None

    def compose(self) -> ComposeResult:
        yield OptionList(id="notes")
        yield Label("", id="note-error")
        yield NoteLine(placeholder=PLACEHOLDER, id="note", select_on_focus=False)

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one(Input).cursor_blink = False

    @on(NoteLine.Entered)
    def _entered(self, event: NoteLine.Entered) -> None:
        event.stop()
        self.post_message(self.NoteSubmitted(event.text))

    @on(Input.Changed, "#note")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._refused_line is not None and event.value != self._refused_line:
            self.show_error(None)  # editing the refused line clears its error

    # -- what the screen calls -------------------------------------------------------

    def show_notes(self, notes: list[Note], names: dict[str, str], title: str) -> None:
        """Show a whole item's notes (on entering an item, or after an amendment)."""
        options = self.query_one("#notes", OptionList)
        options.clear_options()
        options.add_options(Option(note_line(n, names), id=str(n.id)) for n in notes)
        options.scroll_end(animate=False, immediate=True)
        self.border_title = Content.assemble("Scribe · notes on ", title)

    def append_note(self, note: Note, names: dict[str, str]) -> None:
        options = self.query_one("#notes", OptionList)
        options.add_option(Option(note_line(note, names), id=str(note.id)))
        options.scroll_end(animate=False)

    def replace_note(self, note: Note, names: dict[str, str]) -> None:
        self.query_one("#notes", OptionList).replace_option_prompt(
            str(note.id), note_line(note, names)
        )

    def accepted(self) -> None:
        """The line became a note: clear it for the next one."""
        self.query_one(Input).value = ""
        self.show_error(None)

    def refused(self, text: str, message: str) -> None:
        """Give the refused line back to the scribe (unless they already typed on) and say why."""
        note_line = self.query_one(Input)
        if not note_line.value:
            self._refused_line = text
            self.set_draft(text)
        self.show_error(message)

    def show_error(self, message: str | None) -> None:
        """Show why the line was refused; the typed text stays in the note line."""
        label = self.query_one("#note-error", Label)
        if message is None:
            self._refused_line = None
            if not label.has_class("-shown"):
                return  # a keystroke with no error showing touches nothing else
        label.set_class(message is not None, "-shown")
        label.update(Content(message or ""))

    def set_draft(self, text: str) -> None:
        note_input = self.query_one(Input)
        note_input.value = text
        note_input.cursor_position = len(text)
