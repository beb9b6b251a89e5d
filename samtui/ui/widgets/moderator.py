"""The moderator's panel: the item, its prompts, the horizon, the floor, who is not heard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label

from samtui.core.formatting import duration
from samtui.ui.moment import Moment


class ModeratorPanel(VerticalScroll):
    """Keeps the talk on point: what the item asks, who speaks, who has not yet."""

    DEFAULT_CSS = """
    ModeratorPanel { height: 1fr; }
    ModeratorPanel Label { width: 1fr; }
    ModeratorPanel #item-title { text-style: bold; color: $accent; }
    ModeratorPanel #horizon { color: $text-muted; }
    ModeratorPanel #floor.-over-turn { color: $error; text-style: bold; }
    ModeratorPanel #unheard.-someone { color: $warning; }
    """

    def __init__(self) -> None:
        super().__init__(id="moderator", can_focus=False)
        self.border_title = "Moderator"

    def compose(self) -> ComposeResult:
        yield Label("", id="item-title")
        yield Label("", id="floor")
        yield Label("", id="unheard")
        yield Label("", id="item-lead")
        yield Label("", id="prompts")
        yield Label("", id="horizon")

    def show(self, moment: Moment) -> None:
        state = moment.state
        agenda = state.agenda
        index = state.current_item
        item = agenda.items[index]
        kind = "round: everyone speaks in turn" if item.kind == "round" else "discussion"
        self.query_one("#item-title", Label).update(
            Content.assemble(f"{index + 1}/{len(agenda.items)} ", item.title)
        )
        lead = f"lead {state.names[item.lead]} · " if item.lead in state.names else ""
        self.query_one("#item-lead", Label).update(Content(f"{lead}{kind}"))
        prompts = Content("\n").join(Content.assemble("• ", p) for p in item.prompts)
        prompt_label = self.query_one("#prompts", Label)
        prompt_label.update(prompts)
        prompt_label.display = bool(item.prompts)
        quarters = agenda.meeting.horizon_quarters
        self.query_one("#horizon", Label).update(
            f"{quarters} quarter{'s' if quarters != 1 else ''} out: park the day-to-day"
        )
        self.tick(moment)
        unheard = state.unheard_on_item()
        unheard_label = self.query_one("#unheard", Label)
        unheard_label.set_class(bool(unheard), "-someone")
        if unheard:
            names = ", ".join(state.names[a] for a in unheard)
            unheard_label.update(Content.assemble(("Not heard yet: ", "bold"), names))
        else:
            unheard_label.update("Everyone present has been heard on this item")

    def tick(self, moment: Moment) -> None:
        """Only the floor line moves with the clock."""
        state = moment.state
        floor = self.query_one("#floor", Label)
        if state.floor is None:
            floor.update("Nobody has the floor · ctrl+t next turn, ctrl+g give")
            floor.set_class(False, "-over-turn")
            return
        item = state.agenda.items[state.current_item]
        held = state.turn_seconds(moment.offset)
        share = ""
        over = False
        if item.kind == "round" and item.turn_minutes:
            share = f" of {duration(item.turn_minutes * 60)}"
            over = held > item.turn_minutes * 60
        floor.set_class(over, "-over-turn")
        floor.update(
            Content.assemble(
                ("Floor: ", "bold"),
                (state.names[state.floor], "bold"),
                f"  {duration(held)}{share}",
            )
        )
