"""The minutes: what a review leaves behind, as TOML that the next review reads back."""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, overload

import tomli_w
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from samtui.core import durable, tomlfile
from samtui.core.agenda import (
    MAX_AMOUNT,
    Agenda,
    Amount,
    EmailAddress,
    ItemMinutes,
    cross_check_failure,
    explain,
    whole_number,
)
from samtui.core.errors import ExportError, MinutesError, several
from samtui.core.safetext import visible_everywhere
from samtui.core.vocabulary import (
    ActionStatus,
    Influence,
    ItemKind,
    NoteKind,
    Role,
    StakeholderField,
    Stance,
    ViewRole,
)

if TYPE_CHECKING:  # only `from_state` takes one: reading minutes needs no meeting state
    from samtui.core.state import CarriedAction, MeetingState

MAX_SECONDS: Final = 10 * 366 * 24 * 3600
"""Ten years of seconds: far beyond any meeting, even one whose clock was left running
for months, so minutes the app writes load again; below it every sum and ratio of
seconds in a report is exact, where 400 digits overflowed the first float."""
MAX_COUNT: Final = 1_000_000
"""Turns, action numbers: a million is more than any review has."""

Seconds = Annotated[int, Field(ge=0, le=MAX_SECONDS), whole_number(0, MAX_SECONDS)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT), whole_number(0, MAX_COUNT)]
ActionNumber = Annotated[int, Field(ge=1, le=MAX_COUNT), whole_number(1, MAX_COUNT)]
PlannedMinutes = Annotated[int, Field(ge=0, le=600), whole_number(0, 600)]
Gap = Annotated[int, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT), whole_number(-MAX_AMOUNT, MAX_AMOUNT)]


class _Model(BaseModel):
    # Built on first use: `samtui run` needs minutes only at the end, not at start-up.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class MeetingRecord(_Model):
    title: str = Field(description="The meeting's title, from the agenda.")
    account: str = Field(description="The strategic account reviewed.")
    agenda: str = Field(description="Path of the agenda file the review ran from.")
    started_at: datetime | None = Field(None, description="When the meeting clock first started.")
    ended_at: datetime | None = Field(
        None,
        description="When the meeting ended (absent in a snapshot of a meeting still running).",
    )
    planned_minutes: PlannedMinutes = Field(description="The agenda's `duration`.")
    actual_seconds: Seconds = Field(description="Time the meeting clock ran, pauses left out.")
    horizon_quarters: int = Field(
        default=3, ge=1, le=8, description="How far ahead the review looked."
    )
    session: str | None = Field(
        None, description="The journal this was exported from (`samtui export` can write it again)."
    )
    account_plan: str | None = Field(
        None, description="The account plan attendees studied, from the agenda."
    )
    next_review: datetime | None = Field(
        None, description="When the next review is planned, from the agenda's `next_review`."
    )


class AttendeeRecord(_Model):
    id: str = Field(description="The attendee's id in the agenda.")
    name: str = Field(description="Full name.")
    title: str | None = Field(None, description="Job title, from the agenda.")
    timezone: str | None = Field(None, description="IANA time zone, from the agenda.")
    email: EmailAddress | None = Field(
        None,
        description=(
            "E-mail address, from the agenda: the owner of their actions in CRM and calendar files."
        ),
    )
    prepared: bool = Field(
        False, description="Whether they came prepared (studied the account plan), as checked in."
    )
    roles: list[Role] = Field(
        [], description="moderator, timekeeper, scribe: what this attendee held."
    )
    present: bool = Field(True, description="Whether they attended.")
    turns: Count = Field(0, description="How many times they had the floor.")
    talk_seconds: Seconds = Field(0, description="How long they had the floor while the clock ran.")


class NoteRecord(_Model):
    kind: NoteKind = Field(description="point, decision, goal, action, question or parked.")
    text: str = Field(description="What the scribe typed (markers removed).")
    at: datetime = Field(description="When it was noted.")
    owner: str | None = Field(None, description="For actions: the attendee id who owns it.")
    due: date | None = Field(None, description="For actions: when it is due.")
    brought_by: str | None = Field(
        None,
        description=(
            "For a question brought to the review and asked from the queue (F3): the attendee id "
            "of who brought it (their entry in `questions` names the item where it was asked)."
        ),
    )


class ItemRecord(_Model):
    title: str = Field(description="The agenda item's title.")
    kind: ItemKind = Field("discussion", description="round or discussion.")
    planned_seconds: Seconds = Field(
        description="Budget from the agenda, plus time the time keeper added."
    )
    actual_seconds: Seconds = Field(description="Time the item's clock ran.")
    added_seconds: Seconds = Field(0, description="Time the time keeper added during the meeting.")
    lead: str | None = Field(None, description="Attendee id of who led the item, from the agenda.")
    turn_minutes: ItemMinutes | None = Field(
        None, description="For round items: each speaker's share, from the agenda."
    )
    prompts: list[str] = Field([], description="The moderator's prompts, from the agenda.")
    unheard: list[str] = Field(
        [], description="Present attendees who never had the floor on this item."
    )
    notes: list[NoteRecord] = Field([], description="Everything noted on the item, in order.")


class FunnelRecord(_Model):
    currency: str = Field(description="ISO 4217 code.")
    current: Amount = Field(description="Funnel value at the review.")
    target: Amount = Field(description="Where the team wants it within the horizon.")
    gap: Gap = Field(description="target - current: what the growth plays are to close.")


class QuestionRecord(_Model):
    attendee: str = Field(description="Id of who brought the question.")
    text: str = Field(description="The question.")
    item: str | None = Field(
        None, description="Title of the item where it was asked; absent if it was not reached."
    )


class StakeholderRecord(_Model):
    name: str = Field(description="The stakeholder's name.")
    title: str | None = Field(None, description="Their role at the customer.")
    stance: Stance = Field(
        description="Situational motivation in this sale, as the review left it."
    )
    influence: Influence = Field(description="Weight in the decision.")
    final_authority: bool = Field(False, description="The person with final authority.")
    owner: str | None = Field(None, description="Attendee id who owns the relationship.")
    last_validated: date | None = Field(None, description="When the stance was last checked.")


class StakeholderChangeRecord(_Model):
    name: str = Field(description="Whose entry changed.")
    field: StakeholderField = Field(description="What changed.")
    before: str | bool | date | None = Field(
        None, description="The value before (absent if there was none)."
    )
    after: str | bool | date | None = Field(None, description="The value after.")
    item: str = Field(description="Title of the item during which it changed.")
    at: datetime = Field(description="When.")


class ActionRecord(_Model):
    id: ActionNumber = Field(description="Number of the action in these minutes.")
    text: str = Field(description="What is to be done.")
    owner: str | None = Field(
        None, description="Attendee id of the one owner; absent means nobody took it (flagged)."
    )
    due: date | None = Field(None, description="Due date, when one was given.")
    item: str = Field(description="Title of the agenda item it came from.")
    status: ActionStatus = Field("open", description="open until the next review closes it.")
    growth: bool = Field(
        False, description="A play to grow the funnel, not just to keep the account."
    )
    carried_from: str | None = Field(
        None, description="For an action carried over: `<old minutes file>#<its id there>`."
    )


class ViewRecord(_Model):
    role: ViewRole = Field(description="What the view could do: moderator, timekeeper or scribe.")
    where: str = Field(
        "", description='How it joined: "this machine", or the remote address it came from.'
    )
    joined_at: datetime = Field(description="When it opened.")
    left_at: datetime | None = Field(
        None, description="When it closed (absent if it never said: a crash, a lost connection)."
    )


class ParkedRecord(_Model):
    text: str = Field(description="The parked topic.")
    item: str = Field(description="Title of the item where it came up.")


class Minutes(_Model):
    """The minutes of one review."""

    meeting: MeetingRecord
    attendees: list[AttendeeRecord] = []
    items: list[ItemRecord] = []
    actions: list[ActionRecord] = []
    unheard: list[str] = Field([], description="Ids of present attendees who never had the floor.")
    parking_lot: list[ParkedRecord] = Field(
        [], description="Topics parked as off-horizon or day-to-day."
    )
    growth_plays: list[ActionNumber] = Field(
        [], description="Ids of the actions that are plays to grow the funnel."
    )
    closed_actions: list[ActionRecord] = Field(
        [], description="Open actions of the last review marked done or dropped in this one."
    )
    funnel: FunnelRecord | None = Field(None, description="The account's funnel, from the agenda.")
    questions: list[QuestionRecord] = Field(
        [], description="Questions attendees brought, and where each was asked."
    )
    stakeholders: list[StakeholderRecord] = Field(
        [], description="The stakeholder map as it stands at the end of the review."
    )
    stakeholder_changes: list[StakeholderChangeRecord] = Field(
        [], description="Every change made to the map during the review."
    )
    views: list[ViewRecord] | None = Field(
        None,
        description=(
            "Views besides the room's that could change the meeting (who scribed, from where); "
            "absent when there were none."
        ),
    )

    @model_validator(mode="after")
    def _cross_check(self, info: ValidationInfo) -> Minutes:
        """In a minutes file, every id names an attendee of it, as in an agenda: a
        hand-edited owner "zed" would otherwise reach the report and the next review.
        An action carried over may belong to someone no longer in the review."""
        if not (info.context or {}).get("file"):
            return self
        known = [attendee.id for attendee in self.attendees]
        shown = ", ".join(known)
        problems: list[tuple[str, str]] = []

        def check(place: str, attendee_id: str | None) -> None:
            if attendee_id is not None and attendee_id not in known:
                problems.append((place, f'"{attendee_id}" is not an attendee id (known: {shown})'))

        for index, action in enumerate(self.actions):
            if action.carried_from is None:
                check(f"actions[{index}].owner", action.owner)
        for index, item in enumerate(self.items):
            check(f"items[{index}].lead", item.lead)
            for number, note in enumerate(item.notes):
                check(f"items[{index}].notes[{number}].owner", note.owner)
                check(f"items[{index}].notes[{number}].brought_by", note.brought_by)
            for who in item.unheard:
                check(f"items[{index}].unheard", who)
        for who in self.unheard:
            check("unheard", who)
        for index, question in enumerate(self.questions):
            check(f"questions[{index}].attendee", question.attendee)
        for index, stakeholder in enumerate(self.stakeholders):
            check(f"stakeholders[{index}].owner", stakeholder.owner)
        action_ids = {action.id for action in self.actions}
        for play in self.growth_plays:
            if play not in action_ids:
                problems.append(("growth_plays", f"{play} is not the id of an action"))
        if problems:
            raise cross_check_failure(problems)
        return self

    @classmethod
    def from_state(
        cls,
        state: MeetingState,
        offset: float,
        *,
        agenda_path: str,
        session: str | None = None,
    ) -> Minutes:
        """The minutes of a meeting as its state stands at `offset`."""
        agenda = state.agenda
        titles = [item.title for item in agenda.items]
        items = []
        item_seconds = whole_seconds([item.clock.read(offset) for item in state.items])
        for index, (item, item_state) in enumerate(zip(agenda.items, state.items, strict=True)):
            notes = [
                NoteRecord(
                    kind=n.kind,
                    text=n.text,
                    at=_second(n.at),
                    owner=n.owner,
                    due=n.due,
                    brought_by=n.question[0] if n.question is not None else None,
                )
                for n in item_state.notes.values()
            ]
            items.append(
                ItemRecord(
                    title=item.title,
                    kind=item.kind,
                    planned_seconds=item_state.budget_seconds,
                    actual_seconds=item_seconds[index],
                    added_seconds=item_state.added_seconds,
                    lead=item.lead,
                    turn_minutes=item.turn_minutes,
                    prompts=list(item.prompts),
                    unheard=state.item_unheard(index, offset),
                    notes=notes,
                )
            )
        carried = [c for c in state.carried if c.decision == "carried"]
        actions = [_carried_record(c, number, "open") for number, c in enumerate(carried, start=1)]
        actions += [
            ActionRecord(
                id=number,
                text=n.text,
                owner=n.owner,
                due=n.due,
                item=titles[n.item],
                growth=n.growth,
            )
            for number, n in enumerate(state.actions(), start=len(actions) + 1)
        ]
        closed = [
            _carried_record(c, c.id, "done" if c.decision == "done" else "dropped")
            for c in state.carried
            if c.decision != "carried"
        ]
        funnel = agenda.funnel
        asked_on = {key: titles[state.notes[note].item] for key, note in state.asked.items()}
        attendees = [
            AttendeeRecord(
                id=a.id,
                name=a.name,
                title=a.title,
                timezone=a.timezone,
                email=a.email,
                prepared=state.prepared[a.id],
                roles=agenda.roles_of(a.id),
                present=state.attendees[a.id].present,
                turns=state.attendees[a.id].turns,
                talk_seconds=round(state.talk_seconds(a.id, offset)),
            )
            for a in agenda.attendees
        ]
        return cls(
            meeting=MeetingRecord(
                title=agenda.meeting.title,
                account=agenda.meeting.account,
                agenda=agenda_path,
                started_at=_second(state.started_at),
                ended_at=_second(state.ended_at),
                planned_minutes=agenda.meeting.duration,
                # Every second the meeting ran, it ran on an item: the meeting's time is
                # its items' time, so the report's total and its header agree.
                actual_seconds=sum(item_seconds),
                horizon_quarters=agenda.meeting.horizon_quarters,
                session=session,
                account_plan=agenda.meeting.account_plan,
                next_review=agenda.meeting.next_review,
            ),
            attendees=attendees,
            items=items,
            actions=actions,
            unheard=state.unheard(),
            parking_lot=[
                ParkedRecord(text=n.text, item=titles[n.item]) for n in state.parking_lot()
            ],
            growth_plays=[a.id for a in actions if a.growth],
            closed_actions=closed,
            funnel=FunnelRecord(
                currency=funnel.currency,
                current=funnel.current,
                target=funnel.target,
                gap=funnel.target - funnel.current,
            )
            if funnel
            else None,
            questions=[
                QuestionRecord(attendee=a.id, text=text, item=asked_on.get((a.id, index)))
                for a in agenda.attendees
                for index, text in enumerate(a.questions)
            ],
            stakeholders=[
                StakeholderRecord(
                    name=s.name,
                    title=profile.title,
                    stance=s.stance,
                    influence=s.influence,
                    final_authority=s.final_authority,
                    owner=profile.owner,
                    last_validated=s.last_validated,
                )
                for s, profile in zip(state.stakeholders, agenda.stakeholders, strict=True)
            ],
            stakeholder_changes=[
                StakeholderChangeRecord(
                    name=c.name,
                    field=c.field,
                    before=c.before,
                    after=c.after,
                    item=titles[c.item],
                    at=_second(c.at),
                )
                for c in state.stakeholder_changes
            ],
            views=[
                ViewRecord(
                    role=v.role,
                    where=v.where,
                    joined_at=_second(v.joined_at),
                    left_at=_second(v.left_at),
                )
                for v in state.views
            ]
            or None,
        )

    # -- the file ------------------------------------------------------------------------

    def to_toml(self) -> str:
        return tomli_w.dumps(self.model_dump(mode="python", exclude_none=True))

    @classmethod
    def load(cls, path: str | Path) -> Minutes:
        """Read minutes; every problem is a MinutesError naming the file and the place."""
        path = Path(path)
        return cls.loads(tomlfile.read_bytes(path, MinutesError, kind="a minutes file"), path)

    @classmethod
    def loads(cls, raw: bytes | str, source: str | Path = "<minutes>") -> Minutes:
        text = tomlfile.decode(raw, source, MinutesError) if isinstance(raw, bytes) else raw
        table = visible_everywhere(tomlfile.parse(text, source, MinutesError))
        try:
            return cls.model_validate(table, context={"file": str(source)})
        except ValidationError as err:
            raise several(explain(err, cls, MinutesError), source) from None

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return cls.model_json_schema()

    def write(self, path: str | Path, *, overwrite: bool = False) -> Path:
        """Write durably (see `durable.write_atomic`); never clobber by default."""
        return durable.write_atomic(path, self.to_toml(), overwrite=overwrite, error=ExportError)


def last_review(agenda: Agenda) -> Minutes | None:
    """The minutes the agenda's `previous_minutes` names, read and checked as a review
    needs them (`validate` and `run` both call this); None when it names none.

    Anything wrong with them is a MinutesError naming that file and the place in it.
    """
    previous = agenda.meeting.previous_minutes
    if previous is None:
        return None
    return Minutes.load(agenda.resolve(previous))


def whole_seconds(exact: list[float]) -> list[int]:
    """Whole seconds for parts whose exact seconds add up to a whole: each part is its
    running total rounded (half up) less the one before, so the parts add up to the total
    rounded (rounding each alone, three items of 73.4 s made 03:39 of a 03:40 meeting),
    and each part is less than a second off its exact value."""
    wholes: list[int] = []
    running = 0.0
    before = 0
    for seconds in exact:
        running += seconds
        wholes.append(math.floor(running + 0.5) - before)
        before += wholes[-1]
    return wholes


def _carried_record(action: CarriedAction, number: int, status: ActionStatus) -> ActionRecord:
    """A last review's action as these minutes list it: still open, or closed."""
    return ActionRecord(
        id=number,
        text=action.text,
        owner=action.owner,
        due=action.due,
        item=action.item,
        status=status,
        growth=action.growth,
        carried_from=f"{action.source}#{action.id}",
    )


@overload
def _second(moment: datetime) -> datetime: ...
@overload
def _second(moment: None) -> None: ...
def _second(moment: datetime | None) -> datetime | None:
    """Minutes speak in whole seconds; the journal keeps the fractions."""
    return moment.replace(microsecond=0) if moment is not None else None
