"""The moderator's panel: the item, its prompts, the horizon, the floor, who is not heard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label

from samtui.core.formatting import duration, money
from samtui.core.state import CarriedAction
from samtui.core.vocabulary import CarryDecision
from samtui.ui.moment import Moment
from samtui.ui.widgets.text import show

DECISION_STYLE: dict[CarryDecision, str] = {
    "done": "$success bold",
    "carried": "$warning",
    "dropped": "$text-muted strike",
}


def carried_line(action: CarriedAction, names: dict[str, str]) -> Content:
    """`• send the map · Dana Whitfield · due 2026-10-01 · done`."""
    owner = names.get(action.owner, action.owner) if action.owner else "no owner"
    due = f" · due {action.due.isoformat()}" if action.due else ""
    return Content.assemble(
        "• ", action.text, f" · {owner}{due} · ", (action.decision, DECISION_STYLE[action.decision])
    )


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
        yield Label("", id="funnel")
        yield Label("", id="questions")
        yield Label("", id="asked")
        yield Label("", id="carried")
        yield Label("", id="parking-lot")

    def _key(self, binding_id: str) -> str:
        """The key as remapped in config.toml (the app's key chart), for the hints."""
        chart = getattr(self.app, "key_chart", None)
        return chart.label(binding_id) if chart is not None else binding_id

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
        self._show_review(moment)
        self.tick(moment)
        unheard = state.unheard_on_item()
        unheard_label = self.query_one("#unheard", Label)
        unheard_label.set_class(bool(unheard), "-someone")
        if unheard:
            names = ", ".join(state.names[a] for a in unheard)
            unheard_label.update(Content.assemble(("Not heard yet: ", "bold"), names))
        else:
            unheard_label.update("Everyone present has been heard on this item")

    def _show_review(self, moment: Moment) -> None:
        """Funnel, questions brought and asked, last review's actions, parking lot: a line each."""
        state = moment.state
        funnel = state.agenda.funnel
        funnel_label = self.query_one("#funnel", Label)
        funnel_label.display = funnel is not None
        if funnel is not None:
            gap = funnel.target - funnel.current
            funnel_label.update(
                Content.assemble(
                    ("Funnel ", "bold"),
                    f"{money(funnel.current, funnel.currency)} → {funnel.target:,}",
                    (f" · gap {gap:,}", "$warning bold" if gap > 0 else "$success"),
                )
            )
        queue = state.question_queue()
        questions = self.query_one("#questions", Label)
        questions.display = bool(queue)
        if queue:
            who, _, text = queue[0]
            questions.update(
                Content.assemble(
                    (
                        f"Questions brought ({len(queue)}) · {self._key('ask_question')} asks: ",
                        "bold",
                    ),
                    state.names[who],
                    ": ",
                    text,
                )
            )
        asked = [n for n in state.item_notes() if n.question is not None]
        asked_label = self.query_one("#asked", Label)
        asked_label.display = bool(asked)
        if asked:
            last = asked[-1]
            who = last.question[0] if last.question is not None else ""
            asked_label.update(
                Content.assemble(
                    (f"Asked on this item ({len(asked)}) · ", "bold"),
                    "from ",
                    (state.names.get(who, who), "bold"),
                    ": ",
                    last.text,
                )
            )
        carried = self.query_one("#carried", Label)
        carried.display = bool(state.carried)
        if state.carried:
            done = sum(c.decision == "done" for c in state.carried)
            dropped = sum(c.decision == "dropped" for c in state.carried)
            heading = Content.assemble(
                ("Last review's actions ", "bold"),
                f"{len(state.carried)}: {done} done, {dropped} dropped"
                f" · {self._key('carry_over')} decides",
            )
            if state.current_item == state.carry_over_item:  # this item goes through them
                lines = [heading, *(carried_line(c, state.names) for c in state.carried)]
                carried.update(Content("\n").join(lines))
            else:
                carried.update(heading)
        parked = state.parking_lot()
        lot = self.query_one("#parking-lot", Label)
        lot.display = bool(parked)
        if parked:
            lot.update(
                Content.assemble((f"Parking lot ({len(parked)}): ", "bold"), parked[-1].text)
            )

    def tick(self, moment: Moment) -> None:
        """Only the floor line moves with the clock."""
        state = moment.state
        floor = self.query_one("#floor", Label)
        if state.floor is None:
            show(
                floor,
                f"Nobody has the floor · {self._key('next_turn')} next turn, "
                f"{self._key('give_floor')} give",
            )
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
        show(
            floor,
            Content.assemble(
                ("Floor: ", "bold"),
                (state.names[state.floor], "bold"),
                f"  {duration(held)}{share}",
            ),
        )
