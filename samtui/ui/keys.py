"""The meeting keys, in one table: the bindings, the Footer, the help screen (F1), the
palette's entries and the README's key table are all built from (or checked against) it.

Each key has a binding id, which is also the name a user remaps it by in config.toml
(`[keys] next_item = "f12"`, applied with Textual's keymap); `KeyChart` says which keys
are in force once the config's remapping is applied, and words the help and hints with them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.keys import KEY_ALIASES, format_key
from textual.screen import Screen

from samtui.core.meeting import ADDED_TIME_SECONDS, Refused, Why

ADDED_MINUTES: Final = ADDED_TIME_SECONDS // 60
"""F6's minutes, from the core's constant, for every word the UI says about it."""


@dataclass(frozen=True, slots=True)
class MeetingKey:
    """One key of the meeting screen: its binding, and the words for it everywhere."""

    id: str
    """The binding id (the action's name too): what config.toml's `[keys]` remaps."""
    keys: str
    """The default keys, in Textual's names, comma-separated (`"ctrl+b,f7"`)."""
    label: str
    """The Footer's word for it: short."""
    title: str
    """The palette's entry, and the Footer's tooltip."""
    detail: str
    """What it does, for the help screen and the palette; `{id}` names another key as it
    is in force (`{next_item}` is "ctrl+n", or its remapping)."""
    changes: bool = True
    """It changes the meeting: a view that only follows is not offered it."""


MEETING: Final[tuple[MeetingKey, ...]] = (
    MeetingKey(
        "toggle_clock",
        "f5",
        "Start/Pause",
        "Start / pause the meeting clock",
        "start / pause the meeting clock",
    ),
    MeetingKey(
        "next_item",
        "ctrl+n",
        "Next item",
        "Next agenda item",
        "next agenda item; leaving a round while present attendees are not heard warns "
        "and names them, a second {next_item} moves on anyway",
    ),
    MeetingKey(
        "previous_item",
        "ctrl+b,f7",
        "Back",
        "Previous agenda item",
        "previous agenda item",
    ),
    MeetingKey(
        "next_turn",
        "ctrl+t",
        "Next turn",
        "Next turn",
        "next turn: the floor goes to who should speak next",
    ),
    MeetingKey(
        "give_floor",
        "ctrl+g",
        "Floor",
        "Give the floor",
        "give the floor: type part of a name, Enter",
    ),
    MeetingKey("release_floor", "ctrl+o", "Release", "Release the floor", "release the floor"),
    MeetingKey(
        "add_time",
        "f6",
        f"+{ADDED_MINUTES} min",
        f"Give this item {ADDED_MINUTES} more minutes",
        f"give the current item {ADDED_MINUTES} more minutes (the time keeper's call; recorded)",
    ),
    MeetingKey(
        "stakeholders",
        "f2",
        "Map",
        "Stakeholder map",
        "stakeholder map: stance a advocate, n neutral, o opponent, u unknown (s cycles); "
        "influence h high, m medium, l low (i cycles); f final authority, v validated today",
        changes=False,
    ),
    MeetingKey(
        "ask_question",
        "f3",
        "Ask",
        "Ask the next question brought",
        "ask the next question brought to the review (a question note on this item)",
    ),
    MeetingKey(
        "carry_over",
        "f4",
        "Carried",
        "Open actions of the last review",
        "open actions of the last review: d done, c carried, x dropped",
        changes=False,
    ),
    MeetingKey(
        "park",
        "f8",
        "Park",
        "Park the current topic",
        "park the topic: the typed line, or else the last note, goes to the parking lot",
    ),
    MeetingKey(
        "growth_play",
        "f9",
        "Growth",
        "Mark the last action as a growth play",
        "mark the last action as a growth play (or type todo+:)",
    ),
    MeetingKey(
        "recap",
        "ctrl+r",
        "Recap",
        "Recap: decisions and actions so far",
        "recap: every decision, goal and action so far, the parking lot, changes",
        changes=False,
    ),
    MeetingKey(
        "end_meeting",
        "f10",
        "End",
        "End the meeting",
        "end the meeting: the closing screen; Enter writes the minutes, Esc goes back",
    ),
    MeetingKey(
        "stage_view",
        "f12",
        "Stage",
        "Stage view",
        "the stage view: the item's clock filling the screen, for the room's wall "
        "({stage_view} or Esc comes back)",
        changes=False,
    ),
    MeetingKey(
        "help", "f1", "Help", "Help", "this help: every key and the note syntax", changes=False
    ),
)
"""The meeting screen's keys, in the order the Footer, the help and the README show them."""


def _textual_key(action: str) -> str:
    """The key Textual's App binds to `action` (the palette's, quit's): samtui keeps them."""
    if action == "command_palette":
        return App.COMMAND_PALETTE_BINDING
    for binding in App.BINDINGS:
        if isinstance(binding, Binding) and binding.action == action:
            return binding.key
    raise KeyError(action)


OTHER_KEYS: Final[tuple[tuple[str, str], ...]] = (
    (
        _textual_key("command_palette"),
        'command palette: every action above, "give the floor to NAME", "mark NAME '
        'absent/present", "jump to item", "ask NAME\'s question", "export a snapshot now", '
        '"remove the last note", theme',
    ),
    (
        _textual_key("quit"),
        "quit (the clock pauses); the meeting stays in the journal: samtui resume",
    ),
    ("enter", "(in the note line) add the note to the current item"),
    ("pageup,pagedown", "(in the note line) scroll the item's notes a page up / down"),
    ("ctrl+home,ctrl+end", "(in the note line) scroll to the item's first / newest note"),
)
"""Textual's own keys (the palette, quit) and the note line's (samtui.ui.widgets.scribe):
in the help and the README, not remapped (they work the same on every screen)."""

BY_ID: Final[Mapping[str, MeetingKey]] = {key.id: key for key in MEETING}
DEFAULT_KEYS: Final[Mapping[str, str]] = {key.id: key.keys for key in MEETING}
"""Binding id -> default keys: what config.toml's `[keys]` may remap."""


ALWAYS_IN_FOOTER: Final = ("help", "command_palette")
"""Shown at every width from 80 columns, at the Footer's right end."""
FOOTER_PRIORITY: Final = (
    "toggle_clock",
    "next_item",
    "next_turn",
    "give_floor",
    "add_time",
    "end_meeting",
    "stage_view",
    "stakeholders",
    "park",
    "ask_question",
    "previous_item",
    "release_floor",
    "carry_over",
    "growth_play",
    "recap",
)
"""Which meeting keys a narrow Footer keeps first (it shows them in table order)."""

MEETING_KEYS: Final[list[BindingType]] = [
    Binding(key.keys, key.id, key.label, priority=True, id=key.id, tooltip=key.title)
    for key in MEETING
]
"""The meeting screen's BINDINGS."""

NOTE_HELP: list[tuple[str, str]] = [
    ("text", "point"),
    ("! text", "decision"),
    ("goal: text", "goal"),
    ("todo: text  /  action: text", "action; @who sets the owner, due:YYYY-MM-DD the due date"),
    ("todo+: text  /  action+: text", "action that is a growth play"),
    ("? text", "question"),
    ("park: text", "parked topic (off-horizon, day-to-day)"),
    ("s/old/new/", "correct the last note, an action's @owner and due: too (g: every match)"),
]


def accepts(action: str, *, follows_only: bool) -> bool:
    """Whether a view takes (and so shows) a key's action: one that only follows changes
    nothing, so it is offered no key that would."""
    key = BY_ID.get(action)
    return key is None or not (key.changes and follows_only)


_NAMED: Final = {"enter": "Enter", "pageup": "PgUp", "pagedown": "PgDn"}


def shown(key: str) -> str:
    """How the help, hints and README name one key: "F10", "ctrl+n", "alt+?"."""
    *modifiers, base = key.split("+")
    if base[:1] == "f" and base[1:].isdigit():
        name = base.upper()
    elif not modifiers and base in _NAMED:
        name = _NAMED[base]
    else:
        formatted = format_key(base)
        name = formatted if len(formatted) == 1 else base
    return "+".join([*modifiers, name])


def _bound(*classes: type[DOMNode]) -> dict[str, str]:
    """Key -> what it does, for every key these classes bind, inherited bindings included
    (Input's arrows come from ScrollableContainer): read from Textual, never listed here."""
    bound: dict[str, str] = {}
    for cls in classes:
        for base in reversed(cls.__mro__):
            for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", [])):
                bound[binding.key] = binding.description or binding.action
    return bound


def _reserved() -> dict[str, str]:
    from samtui.ui.widgets.scribe import NoteLine, ScribePanel

    reserved = {key: f"every screen ({what.lower()})" for key, what in _bound(App, Screen).items()}
    reserved |= {  # last: where the app and the note line share a key (ctrl+c), the line's
        key: f"the note line ({what.lower()})"
        for key, what in _bound(NoteLine, ScribePanel).items()
    }
    reserved[App.COMMAND_PALETTE_BINDING] = "the command palette"
    for keys, _ in OTHER_KEYS:
        for key in keys.split(","):
            reserved.setdefault(key, "what the help says it does")
    for key, what in list(reserved.items()):  # ctrl+i is tab to a terminal, ctrl+m Enter
        for alias in KEY_ALIASES.get(key, []):
            reserved.setdefault(alias, f"{what}: to a terminal {alias} is {shown(key)}")
    return reserved


RESERVED_KEYS: Final[Mapping[str, str]] = _reserved()
"""Keys no remapping may take, each with what it is kept for: every key the note line
and its panel bind (Textual's Input: arrows, home, end, backspace, ctrl+k...), the
screen's and the app's own (tab, ctrl+c, ctrl+q), and the other keys above."""


class KeyChart:
    """The keys in force: the table's, with config.toml's remapping over them."""

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        self.keymap: dict[str, str] = dict(keymap or {})
        """Binding id -> keys, only for those remapped (what goes to App.set_keymap)."""

    def keys(self, binding_id: str) -> list[str]:
        """The keys that do it now, e.g. ["ctrl+b", "f7"]."""
        keys = self.keymap.get(binding_id) or BY_ID[binding_id].keys
        return [key.strip() for key in keys.split(",")]

    def label(self, binding_id: str) -> str:
        """ "ctrl+b or F7": the keys as the help and the README name them."""
        return " or ".join(shown(key) for key in self.keys(binding_id))

    def detail(self, key: MeetingKey) -> str:
        return key.detail.format_map({other: self.label(other) for other in BY_ID})

    def rows(self) -> Iterator[tuple[str, str]]:
        """(keys, what they do) for every key, in the table's order: the help screen."""
        for key in MEETING:
            yield self.label(key.id), self.detail(key)
        for keys, what in OTHER_KEYS:
            yield " or ".join(shown(key) for key in keys.split(",")), what

    def hint(self, refused: Refused) -> str:
        """The refusal's message, with the key that helps next where there is one."""
        extra = {
            Why.LAST_ITEM: f"{self.label('end_meeting')} ends the meeting",
            Why.UNHEARD: f"{self.label('next_item')} again moves on anyway",
            Why.NOTHING_TO_PARK: "type the topic first",
        }.get(refused.why)
        return f"{refused.message}: {extra}" if extra else refused.message
