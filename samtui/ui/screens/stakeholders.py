"""F2: the stakeholder map. Stances get challenged here, and each change is recorded."""

from __future__ import annotations

import dataclasses
import secrets
from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label
from textual.worker import get_current_worker

from samtui.core.agenda import Stakeholder
from samtui.core.events import Event
from samtui.core.minutes import FunnelRecord
from samtui.core.stakeholders import VALIDATION_DAYS, days_since_validated, flags
from samtui.core.state import StakeholderState
from samtui.core.vocabulary import INFLUENCES, STANCES, StakeholderField
from samtui.ui.bridge import Follows
from samtui.ui.guard import guarded
from samtui.ui.widgets.table import FlexTable

if TYPE_CHECKING:
    from samtui.ui.app import SamApp

STANCE_STYLE = {
    "advocate": "$success bold",
    "neutral": "",
    "opponent": "$error bold",
    "unknown": "$text-muted",
}


def _row(
    now: StakeholderState, profile: Stakeholder, names: dict[str, str], today: date
) -> tuple[Content, ...]:
    """One stakeholder as the map shows them: stance coloured, stale dates flagged."""
    days = days_since_validated(now, today)
    owner = names.get(profile.owner, profile.owner) if profile.owner else "-"
    return (
        Content(now.name),
        Content(f" {profile.title or ''}"),
        Content.styled(f" {now.stance}", STANCE_STYLE[now.stance]),
        Content.styled(f" {now.influence}", "bold" if now.influence == "high" else ""),
        Content.styled(" ✓ yes", "$accent bold") if now.final_authority else Content(""),
        Content(f" {owner}"),
        Content.styled(
            f" {_ago(days)}", "$warning" if days is None or days >= VALIDATION_DAYS else ""
        ),
    )


def _ago(days: int | None) -> str:
    if days is None:
        return "never"
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")


class StakeholderTable(FlexTable):
    """Titles and owners as wide as they are (to a point); the name takes the rest and
    wraps. Narrow, the detail line under the table carries what the columns cannot."""

    COLUMNS = [
        ("Name", "name", 0),
        (" Title", "title", 8),
        (" Stance", "stance", 10),
        (" Influence", "influence", 10),
        (" Final say", "pfa", 10),
        (" Owner", "owner", 8),
        (" Validated", "validated", 16),
    ]
    FIT = {"title": 48, "owner": 30}
    NARROW_DROPS = frozenset({"title", "owner", "validated"})
    NARROW_FLEX = 24


def detail(
    now: StakeholderState, profile: Stakeholder, names: dict[str, str], today: date
) -> Content:
    """The selected stakeholder in one line, whole, whatever the width of the table."""
    owner = names.get(profile.owner, profile.owner) if profile.owner else "nobody"
    parts: list[str] = [now.name]
    if profile.title:
        parts.append(profile.title)
    authority = ", final authority" if now.final_authority else ""
    parts += [
        f"{now.stance}, {now.influence} influence{authority}",
        f"relationship owned by {owner}",
        f"validated {_ago(days_since_validated(now, today))}",
    ]
    return Content(" · ".join(parts))


STANCE_KEYS = Binding.Group("Stance", compact=True)
INFLUENCE_KEYS = Binding.Group("Influence", compact=True)
"""The footer shows each set of keys under one word (`anou Stance`), so the map's keys
fit at 80 columns; help and the palette still name each key's own choice."""


class StakeholderScreen(Follows, ModalScreen[None]):
    """The map as it stands now; keys change the selected stakeholder (as the map shows it).

    Changes in one visit of the map to the same field of the same stakeholder are one
    change in the minutes: cycling from opponent to neutral records opponent -> neutral.
    """

    DEFAULT_CSS = """
    StakeholderScreen { align: center middle; }
    StakeholderScreen > Vertical {
        width: 96%; height: 90%; border: round $accent; background: $surface; padding: 0 1;
    }
    StakeholderScreen #flags { color: $warning; height: auto; padding: 0 0 1 0; }
    StakeholderScreen #flags.-clear { color: $success; }
    StakeholderScreen StakeholderTable { height: 1fr; }
    StakeholderScreen #detail { width: 1fr; height: auto; padding: 1 0 0 0; color: $text; }
    """
    BINDINGS = [
        Binding("escape,f2", "dismiss", "Close", priority=True),
        Binding("a", "set('stance', 'advocate')", "Advocate", group=STANCE_KEYS),
        Binding("n", "set('stance', 'neutral')", "Neutral", group=STANCE_KEYS),
        Binding("o", "set('stance', 'opponent')", "Opponent", group=STANCE_KEYS),
        Binding("u", "set('stance', 'unknown')", "Unknown", group=STANCE_KEYS),
        Binding("h", "set('influence', 'high')", "High", group=INFLUENCE_KEYS),
        Binding("m", "set('influence', 'medium')", "Medium", group=INFLUENCE_KEYS),
        Binding("l", "set('influence', 'low')", "Low", group=INFLUENCE_KEYS),
        Binding("s", "cycle('stance')", "Next stance", show=False),
        Binding("i", "cycle('influence')", "Next influence", show=False),
        Binding("f", "final_authority", "Final authority"),
        Binding("v", "validated", "Validated today"),
    ]

    app: SamApp

    def __init__(self) -> None:
        super().__init__()
        self.visit = secrets.randbits(31)
        """Numbers this visit of the map in the journal (see StakeholderChanged.visit)."""
        self._shown: list[StakeholderState] = []
        self._earlier: list[FunnelRecord | None] = []
        """The funnel at the reviews before this one, once read (for the history's flags)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.styled("Stakeholder map", "bold $accent"))
            yield Label("", id="flags")
            yield StakeholderTable(cursor_type="row", cell_padding=0)
            yield Label("", id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()
        self.call_after_refresh(self.redraw)
        self.query_one(StakeholderTable).focus()
        if self.app.session.meeting.state.carry_source is not None:
            self._read_earlier_reviews()

    @work(thread=True, exclusive=True, group="earlier-reviews")
    def _read_earlier_reviews(self) -> None:
        """The funnel of the reviews before this one, from their minutes (files: a thread)."""
        from samtui.core.history import earlier_funnels

        earlier = earlier_funnels(self.app.session.agenda)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_earlier, earlier)

    def _show_earlier(self, earlier: list[FunnelRecord | None]) -> None:
        if self.is_attached:  # not closed meanwhile
            self._earlier = earlier
            self.redraw()

    def changed(self, events: list[Event] | None) -> None:
        self.redraw()

    def redraw(self) -> None:
        session = self.app.session
        state = session.meeting.state
        self.drawn_seq = state.last_seq
        self._shown = [dataclasses.replace(s) for s in state.stakeholders]
        today = self.app.clock.now().date()
        if state.carry_source is not None:  # the account's history: only with a last review
            from samtui.core.history import flags_for_the_map

            warnings = flags_for_the_map(state, today, self._earlier)
        else:
            warnings = flags(state.stakeholders, today)
        flag_label = self.query_one("#flags", Label)
        flag_label.set_class(not warnings, "-clear")
        flag_label.update(
            Content("\n").join(Content.assemble("⚑ ", w) for w in warnings)
            if warnings
            else Content("No flags: authority known, an advocate, no strong opponent, all fresh")
        )
        self.query_one(StakeholderTable).refill(
            (str(index), _row(now, profile, state.names, today))
            for index, (now, profile) in enumerate(
                zip(self._shown, session.agenda.stakeholders, strict=True)
            )
        )
        self._show_detail()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A view that only follows is offered no change: its Footer shows only Close (a
        change key pressed anyway is refused in words, by the app)."""
        return not (action != "dismiss" and self.app.follows_only)

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        """The selected stakeholder whole, on one line under the table."""
        index = self._selected()
        label = self.query_one("#detail", Label)
        if index is None:
            label.update("")
            return
        session = self.app.session
        today = self.app.clock.now().date()
        profile = session.agenda.stakeholders[index]
        label.update(detail(self._shown[index], profile, session.meeting.state.names, today))

    def _selected(self) -> int | None:
        table = self.query_one(StakeholderTable)
        return table.cursor_row if table.row_count and self._shown else None

    def _change(self, index: int, field_name: StakeholderField, after: object) -> None:
        refused = self.app.session.meeting.change_stakeholder(
            index, field_name, after, seen=self.drawn_seq, visit=self.visit
        )
        if refused is not None:
            self.app.notify(refused.message, severity="warning", markup=False)
            self.redraw()  # show what the other view did

    @guarded
    def action_set(self, field_name: StakeholderField, value: str) -> None:
        index = self._selected()
        if index is not None:
            self._change(index, field_name, value)

    @guarded
    def action_cycle(self, field_name: StakeholderField) -> None:
        index = self._selected()
        if index is None:
            return
        shown = self._shown[index]
        choices: tuple[str, ...] = STANCES if field_name == "stance" else INFLUENCES
        current = getattr(shown, field_name)
        self._change(index, field_name, choices[(choices.index(current) + 1) % len(choices)])

    @guarded
    def action_final_authority(self) -> None:
        index = self._selected()
        if index is not None:
            self._change(index, "final_authority", not self._shown[index].final_authority)

    @guarded
    def action_validated(self) -> None:
        index = self._selected()
        if index is not None:
            self._change(index, "last_validated", self.app.clock.now().date())
