"""The meeting keys: a contract (README, help screen and Footer are all built from this)."""

from __future__ import annotations

from textual.binding import Binding

from samtui.core.meeting import Refused, Why

MEETING_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding(
        "f5",
        "toggle_clock",
        "Start/Pause",
        priority=True,
        id="toggle_clock",
        tooltip="Start / pause the meeting clock",
    ),
    Binding("ctrl+n", "next_item", "Next item", priority=True, id="next_item"),
    Binding("ctrl+b,f7", "previous_item", "Prev item", priority=True, id="previous_item"),
    Binding("ctrl+t", "next_turn", "Next turn", priority=True, id="next_turn"),
    Binding("ctrl+g", "give_floor", "Floor", priority=True, id="give_floor"),
    Binding("ctrl+o", "release_floor", "Release", priority=True, id="release_floor"),
    Binding("f6", "add_time", "+5 min", priority=True, id="add_time"),
    Binding(
        "f2", "stakeholders", "Map", priority=True, id="stakeholders", tooltip="Stakeholder map"
    ),
    Binding(
        "f3",
        "ask_question",
        "Question",
        priority=True,
        id="ask_question",
        tooltip="Ask the next question brought",
    ),
    Binding("f4", "carry_over", "Carry-over", priority=True, id="carry_over"),
    Binding("f8", "park", "Park", priority=True, id="park"),
    Binding(
        "f9",
        "growth_play",
        "Growth",
        priority=True,
        id="growth_play",
        tooltip="Mark the last action as a growth play",
    ),
    Binding(
        "ctrl+r",
        "recap",
        "Recap",
        priority=True,
        id="recap",
        tooltip="Decisions and actions so far",
    ),
    Binding("f10", "end_meeting", "End", priority=True, id="end_meeting"),
    Binding(
        "f12",
        "stage_view",
        "Stage",
        priority=True,
        id="stage_view",
        tooltip="The stage view: the item's clock filling the screen",
    ),
    Binding("f1", "help", "Help", priority=True, id="help"),
]

# What each key does, in words for the help screen and the README.
KEY_HELP: list[tuple[str, str]] = [
    ("F5", "start / pause the meeting clock"),
    (
        "ctrl+n",
        "next agenda item (a round with people not heard warns first; ctrl+n again moves on)",
    ),
    ("ctrl+b or F7", "previous agenda item"),
    ("ctrl+t", "next turn: the floor goes to who should speak next"),
    ("ctrl+g", "give the floor: type part of a name, Enter"),
    ("ctrl+o", "release the floor"),
    ("F6", "give the current item 5 more minutes"),
    ("F2", "stakeholder map: s stance, i influence, f final authority, v validated today"),
    ("F3", "ask the next question brought to the review (a question note on this item)"),
    ("F4", "open actions of the last review: d done, c carried, x dropped"),
    ("F8", "park the topic: the typed line, or else the last note, goes to the parking lot"),
    ("F9", "mark the last action as a growth play (or type todo+:)"),
    ("ctrl+r", "recap: every decision, goal and action so far, the parking lot, changes"),
    ("F10", "end the meeting: the closing screen (Enter exports, Esc goes back)"),
    ("F12", "the stage view: the item's clock filling the screen (F12 again comes back)"),
    ("F1", "this help"),
    (
        "ctrl+p",
        "command palette: every action, floor to / absent NAME, jump to item, snapshot, theme",
    ),
    ("ctrl+q", "quit (the clock pauses); the meeting stays in the journal: samtui resume"),
    ("Enter", "(in the note line) add the note to the current item"),
    ("PgUp / PgDn", "(in the note line) scroll the item's notes a page up / down"),
    ("ctrl+home/end", "(in the note line) scroll to the item's first / newest note"),
]

NOTE_HELP: list[tuple[str, str]] = [
    ("text", "point"),
    ("! text", "decision"),
    ("goal: text", "goal"),
    ("todo: text  /  action: text", "action; @who sets the owner, due:YYYY-MM-DD the due date"),
    ("todo+: text  /  action+: text", "action that is a growth play"),
    ("? text", "question"),
    ("park: text", "parked topic (off-horizon, day-to-day)"),
    ("s/old/new/", "amend the last note (s/old/new/g: every match)"),
]


def key_label(binding_id: str) -> str:
    """How the help and hints name the key of a meeting binding: "F10", "ctrl+n"."""
    for binding in MEETING_KEYS:
        if isinstance(binding, Binding) and binding.id == binding_id:
            first = binding.key.split(",")[0]
            return first.upper() if first.startswith("f") and first[1:].isdigit() else first
    raise KeyError(binding_id)


def hint(refused: Refused) -> str:
    """The refusal's message, with the key that helps next where there is one."""
    extra = {
        Why.LAST_ITEM: f"{key_label('end_meeting')} ends the meeting",
        Why.UNHEARD: f"{key_label('next_item')} again moves on anyway",
        Why.NOTHING_TO_PARK: "type the topic first",
    }.get(refused.why)
    return f"{refused.message}: {extra}" if extra else refused.message
