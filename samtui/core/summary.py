"""What a review decided and left to do, as records: one content for every place that sums
a meeting up (the Markdown report, the closing screen, the recap during the meeting), each
rendering it in its own form, none deciding again what belongs in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from samtui.core.formatting import against_plan
from samtui.core.minutes import ActionRecord, Minutes
from samtui.core.vocabulary import STAKEHOLDER_FIELD_TITLES, ActionStatus, ItemKind


@dataclass(frozen=True, slots=True)
class ItemLine:
    number: int
    title: str
    kind: ItemKind
    planned: int
    added: int
    actual: int

    @property
    def over(self) -> int:
        """Seconds over its budget (negative: under)."""
        return self.actual - self.planned


@dataclass(frozen=True, slots=True)
class NotedLine:
    """A decision or a goal, and the item it was noted on."""

    text: str
    item: str


@dataclass(frozen=True, slots=True)
class ActionLine:
    id: int
    text: str
    owner: str | None
    """The owner's name; None when nobody took it (flagged)."""
    due: date | None
    item: str
    growth: bool
    carried_from: str | None


@dataclass(frozen=True, slots=True)
class ClosedLine:
    text: str
    owner: str | None
    status: ActionStatus


@dataclass(frozen=True, slots=True)
class ChangeLine:
    name: str
    change: str
    """The field as people read it: "stance", "final authority"."""
    before: str | bool | date | None
    after: str | bool | date | None
    item: str


@dataclass(frozen=True, slots=True)
class Summary:
    """The review at a glance."""

    title: str
    account: str
    actual_seconds: int
    planned_seconds: int
    items: list[ItemLine]
    decisions: list[NotedLine]
    goals: list[NotedLine]
    actions: list[ActionLine]
    closed: list[ClosedLine]
    changes: list[ChangeLine]
    parked: list[NotedLine]
    unasked: list[tuple[str, str]]
    """(who brought it, the question) for each question brought and never asked."""
    never_heard: list[str]
    unheard_on_rounds: list[tuple[str, list[str]]]
    """(item, names) for each round item that left present attendees unheard, beyond those
    never heard at all: a round is where everyone speaks, so someone heard elsewhere was
    still not heard there."""

    @property
    def everyone_heard(self) -> bool:
        return not self.never_heard and not self.unheard_on_rounds

    @property
    def against_plan(self) -> str:
        return against_plan(self.actual_seconds - self.planned_seconds)

    @property
    def items_planned(self) -> int:
        return sum(item.planned for item in self.items)

    @property
    def items_actual(self) -> int:
        return sum(item.actual for item in self.items)


def names_of(minutes: Minutes) -> dict[str, str]:
    return {attendee.id: attendee.name for attendee in minutes.attendees}


def owner_name(action: ActionRecord, names: dict[str, str]) -> str | None:
    return names.get(action.owner, action.owner) if action.owner else None


def summary(minutes: Minutes) -> Summary:
    names = names_of(minutes)
    noted: dict[str, list[NotedLine]] = {"decision": [], "goal": []}
    for item in minutes.items:
        for note in item.notes:
            if note.kind in noted:
                noted[note.kind].append(NotedLine(note.text, item.title))
    return Summary(
        title=minutes.meeting.title,
        account=minutes.meeting.account,
        actual_seconds=minutes.meeting.actual_seconds,
        planned_seconds=minutes.meeting.planned_minutes * 60,
        items=[
            ItemLine(
                number,
                item.title,
                item.kind,
                item.planned_seconds,
                item.added_seconds,
                item.actual_seconds,
            )
            for number, item in enumerate(minutes.items, start=1)
        ],
        decisions=noted["decision"],
        goals=noted["goal"],
        actions=[
            ActionLine(
                a.id,
                a.text,
                owner_name(a, names),
                a.due,
                a.item,
                a.growth,
                a.carried_from,
            )
            for a in minutes.actions
        ],
        closed=[ClosedLine(a.text, owner_name(a, names), a.status) for a in minutes.closed_actions],
        changes=[
            ChangeLine(c.name, STAKEHOLDER_FIELD_TITLES[c.field], c.before, c.after, c.item)
            for c in minutes.stakeholder_changes
        ],
        parked=[NotedLine(p.text, p.item) for p in minutes.parking_lot],
        unasked=[
            (names.get(q.attendee, q.attendee), q.text) for q in minutes.questions if q.item is None
        ],
        never_heard=[names.get(who, who) for who in minutes.unheard],
        unheard_on_rounds=[
            (item.title, [names.get(who, who) for who in unheard])
            for item in minutes.items
            if item.kind == "round"
            and (unheard := [who for who in item.unheard if who not in minutes.unheard])
        ],
    )
