"""The agenda file: a TOML description of one strategic account review, and its checks.

The pydantic models below own the format (field names are the TOML keys). Loading turns
every way a file can be wrong into an `AgendaError` whose text a user can act on:
`file:line:col: message` for TOML syntax, `file: place: message` for everything else.

Places name the key as a path through the file, e.g. `items[2].minutes`. Array indexes
count from 0, as pydantic reports them: `items[0]` is the first `[[items]]` table.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import zoneinfo
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated, Any, ClassVar, Final, get_args

import tomli_w
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    model_validator,
)
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from samtui.core import tomlfile
from samtui.core.errors import AgendaError, SamtuiError, several
from samtui.core.safetext import visible_everywhere
from samtui.core.vocabulary import CURRENCIES, ROLES, Influence, ItemKind, Stance

__all__ = [
    "Agenda",
    "AgendaError",
    "Attendee",
    "Funnel",
    "Item",
    "Meeting",
    "Roles",
    "Stakeholder",
]


_NOT_BLANK = r"\S"
_ID_PATTERN = r"^[a-z0-9_-]+$"
_CURRENCY_PATTERN = r"^[A-Z]{3}$"
_PATTERN_MESSAGES = {
    _NOT_BLANK: "must not be empty",
    _ID_PATTERN: 'must use only lower-case letters, digits, "_" and "-"',
    _CURRENCY_PATTERN: 'must be a three-letter ISO 4217 currency code in capitals, like "USD"',
}


def whole_number(low: int, high: int) -> WrapValidator:
    """Every failure of an int field (type, bool, float, range) reads the same to a user.

    Every number has an upper bound too: a 400-digit one would overflow the first float
    it meets (a report's ratios), so it is refused where it is read, at its place.
    """
    template = "must be a whole number from {low} to {high}"

    def validate(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except ValidationError:
            raise PydanticCustomError(
                "whole_number", template, {"low": low, "high": high}
            ) from None

    return WrapValidator(validate)


def _known_timezone(name: str) -> str:
    """A zone the meeting screen can show local times in, with a suggestion for a typo."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        close = difflib.get_close_matches(name, sorted(zoneinfo.available_timezones()), n=1)
        if close:
            message = f"is not a known IANA time zone (got {_toml_repr(name)}; did you mean "
            message += f"{_toml_repr(close[0])}?)"
        else:
            message = f'is not a known IANA time zone, like "Europe/Paris" (got {_toml_repr(name)})'
        raise PydanticCustomError("unknown_timezone", "{message}", {"message": message}) from None
    return name


def _email_address(address: str) -> str:
    """An address CRMs can match a user by (syntax only: nothing is looked up), kept as typed."""
    import email_validator  # only agendas that give e-mails pay for its tables (~70 ms)

    try:
        email_validator.validate_email(address, check_deliverability=False)
    except email_validator.EmailNotValidError as err:
        raise PydanticCustomError(
            "email_address",
            "must be an e-mail address, like dana@example.com: {reason}",
            {"reason": tomlfile.lower_first(str(err)).rstrip(".")},
        ) from None
    return address


Text = Annotated[str, StringConstraints(min_length=1, pattern=_NOT_BLANK)]
"""User text kept as typed; only empty or whitespace-only is refused."""
AttendeeId = Annotated[str, StringConstraints(pattern=_ID_PATTERN)]
TimeZoneName = Annotated[str, AfterValidator(_known_timezone)]
EmailAddress = Annotated[
    str,
    AfterValidator(_email_address),
    WithJsonSchema({"type": "string", "format": "email"}),
]
"""An e-mail address checked by email-validator (syntax only), kept as typed."""


def _known_currency(code: str) -> str:
    """One of ISO 4217's codes (vocabulary.CURRENCIES), with a suggestion for a typo."""
    if code in CURRENCIES:
        return code
    close = difflib.get_close_matches(code, sorted(CURRENCIES), n=1)
    if close:
        message = f"is not an ISO 4217 currency code (got {_toml_repr(code)}; did you mean "
        message += f"{_toml_repr(close[0])}?)"
    else:
        message = f'is not an ISO 4217 currency code, like "USD" (got {_toml_repr(code)})'
    raise PydanticCustomError("unknown_currency", "{message}", {"message": message})


Currency = Annotated[
    str, StringConstraints(pattern=_CURRENCY_PATTERN), AfterValidator(_known_currency)
]
MeetingMinutes = Annotated[int, Field(ge=5, le=600), whole_number(5, 600)]
Quarters = Annotated[int, Field(ge=1, le=8), whole_number(1, 8)]
MAX_AMOUNT: Final = 10**18
"""The largest funnel value: more than any account's, and within the 64-bit integers that
spreadsheets, CRMs and JSON readers keep exactly."""
Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT), whole_number(0, MAX_AMOUNT)]
ItemMinutes = Annotated[int, Field(ge=1, le=600), whole_number(1, 600)]


class Meeting(BaseModel):
    """The review itself: what, for whom, when and for how long."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    title: Text = Field(description="Shown on the meeting screen and at the top of the minutes.")
    account: Text = Field(description="The strategic account under review (the customer's name).")
    starts: AwareDatetime | None = Field(
        None,
        description=(
            "Scheduled start with a UTC offset, e.g. 2026-12-03T15:00:00+01:00; each attendee sees"
            " it in their own time zone."
        ),
    )
    duration: MeetingMinutes = Field(
        description=(
            "Scheduled length in whole minutes (5 to 600); the time keeper holds the review to it."
        )
    )
    horizon_quarters: Quarters = Field(
        3,
        description=(
            "How many quarters ahead the review looks (1 to 8); operational topics get parked."
        ),
    )
    account_plan: Text | None = Field(
        None, description="The account plan attendees study beforehand (a path or URL)."
    )
    previous_minutes: Text | None = Field(
        None,
        description=(
            "Minutes of the last review, relative to this file; their open actions are carried "
            "over."
        ),
    )
    next_review: AwareDatetime | None = Field(
        None,
        description=(
            "When the next review is planned, with a UTC offset, e.g. 2027-03-04T15:00:00+01:00: "
            "carried to the minutes, it is the calendar event of `samtui report --format ics` and "
            "the next agenda's `starts`."
        ),
    )


class Roles(BaseModel):
    """The three meeting roles, each held by an attendee (named by id)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    moderator: Text = Field(
        description=(
            "Attendee id of the moderator, who keeps the talk on the horizon and gives the floor."
        )
    )
    timekeeper: Text = Field(
        description="Attendee id of the time keeper, who keeps items from running long."
    )
    scribe: Text = Field(
        description="Attendee id of the scribe, who captures points, goals, decisions and actions."
    )


class Attendee(BaseModel):
    """One person taking part in the review."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: AttendeeId = Field(
        description=(
            'Short unique id used by roles, item leads and stakeholder owners: a-z, 0-9, "_" and '
            '"-".'
        )
    )
    name: Text = Field(description="Full name as shown on screen and in the minutes.")
    title: Text | None = Field(None, description='Job title, e.g. "Solutions Engineer".')
    timezone: TimeZoneName | None = Field(
        None, description='IANA time zone the attendee joins from, e.g. "Asia/Singapore".'
    )
    email: EmailAddress | None = Field(
        None,
        description=(
            'E-mail address, e.g. "dana@example.com": the owner of their actions in calendar and '
            "CRM exports, where CRMs match users by e-mail."
        ),
    )
    prepared: bool = Field(
        False, description="Whether the attendee has studied the account plan before the review."
    )
    questions: list[Text] = Field(
        default_factory=list,
        description="Questions or ideas the attendee brings; queued at check-in.",
    )


class Funnel(BaseModel):
    """The account's sales funnel: where it stands and where the team wants it."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    currency: Currency = Field(description='ISO 4217 currency code of the amounts, e.g. "EUR".')
    current: Amount = Field(description="Current funnel value, in whole currency units.")
    target: Amount = Field(
        description="Funnel value the team aims for within the horizon, in whole currency units."
    )


class Stakeholder(BaseModel):
    """A person at the customer whose situational motivation matters to the sale."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    name: Text = Field(description="The stakeholder's name.")
    title: Text | None = Field(
        None, description='Their role at the customer, e.g. "VP Procurement".'
    )
    stance: Stance = Field(
        description=(
            "Motivation in this sale: advocate (wants us to win), neutral, opponent, or unknown."
        )
    )
    influence: Influence = Field(
        description="How much weight they carry in the decision: high, medium or low."
    )
    final_authority: bool = Field(
        False, description="Whether this is the person with final authority (PFA) for the decision."
    )
    owner: Text | None = Field(None, description="Attendee id of who owns the relationship.")
    last_validated: date | None = Field(
        None, description="When the stance was last checked with the stakeholder, e.g. 2026-09-01."
    )


class Item(BaseModel):
    """One agenda item, in the order it is taken."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    title: Text = Field(description="What the item is about.")
    minutes: ItemMinutes = Field(
        description="Time planned for the item, in whole minutes (1 to 600)."
    )
    kind: ItemKind = Field(
        "discussion",
        description=(
            "round: everyone speaks in turn; discussion: open floor given by the moderator."
        ),
    )
    lead: Text | None = Field(None, description="Attendee id of who introduces the item.")
    turn_minutes: ItemMinutes | None = Field(
        None, description="For round items: minutes each speaker gets."
    )
    prompts: list[Text] = Field(
        default_factory=list, description="Questions the moderator can use to steer the item."
    )


class _TomlSchema(GenerateJsonSchema):
    """JSON Schema as an editor should see TOML: no nulls, since TOML has none."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        json_schema = super().default_schema(schema)
        if json_schema.get("default", ...) is None:
            del json_schema["default"]
        return json_schema


class Agenda(BaseModel):
    """A whole agenda file; `Agenda.load` is the way in from disk."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    meeting: Meeting = Field(description="The review: title, account, start, duration and horizon.")
    roles: Roles = Field(description="Who moderates, keeps time and takes notes.")
    attendees: list[Attendee] = Field(
        min_length=1, description="Everyone taking part, at least one."
    )
    funnel: Funnel | None = Field(
        None, description="Current and target funnel value, so the review aims at growth."
    )
    stakeholders: list[Stakeholder] = Field(
        default_factory=list, description="People at the customer and their stance in this sale."
    )
    items: list[Item] = Field(min_length=1, description="The agenda items in order, at least one.")

    _source: Path | None = PrivateAttr(default=None)
    _text: str | None = PrivateAttr(default=None)

    SCHEMA_URI: ClassVar[str] = "https://json-schema.org/draft/2020-12/schema"

    # -- loading -------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path) -> Agenda:
        """Read, parse and check an agenda file; every failure is an AgendaError."""
        path = Path(path)
        data = tomlfile.read_bytes(path, AgendaError, kind="an agenda file")
        agenda = cls.loads(data, source=path)
        agenda._check_files()
        return agenda

    @classmethod
    def loads(cls, text: str | bytes, source: str | Path = "<agenda>") -> Agenda:
        """Parse agenda TOML (text, or bytes as read from disk); `source` names it in errors."""
        if isinstance(text, bytes):
            text = tomlfile.decode(text, source, AgendaError)
        if text.startswith("\ufeff"):
            text = text[1:]
        if "\x00" in text:
            raise AgendaError(
                f"binary data, not text (NUL character at offset {text.index(chr(0))})",
                file=source,
            )
        if not text.strip():
            raise AgendaError("the file is empty", file=source)
        document = visible_everywhere(tomlfile.parse(text, source, AgendaError))
        if not document:
            raise AgendaError(
                "no agenda here: expected [meeting], [roles], [[attendees]] and [[items]]",
                file=source,
            )
        non_finite = list(_non_finite_numbers(document))
        if non_finite:
            raise several(
                [
                    AgendaError(f"must be a finite number (got {_toml_repr(value)})", place=where)
                    for where, value in non_finite
                ],
                source,
            )
        try:
            agenda = cls.model_validate(document)
        except ValidationError as err:
            raise several(explain(err, cls, AgendaError), source) from None
        agenda._source = Path(source) if source != "<agenda>" else None
        agenda._text = text
        return agenda

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of the format, for editors (`#:schema` in TOML) and `samtui schema`."""
        schema = cls.model_json_schema(schema_generator=_TomlSchema)
        return {"$schema": cls.SCHEMA_URI, **schema}

    # -- cross checks and warnings ---------------------------------------------------

    @model_validator(mode="after")
    def _cross_check(self) -> Agenda:
        """Refuse references to nobody and duplicate ids, which no meeting could run with."""
        problems: list[tuple[str, str]] = []
        first_seen: dict[str, int] = {}
        for index, attendee in enumerate(self.attendees):
            if attendee.id in first_seen:
                problems.append(
                    (
                        f"attendees[{index}].id",
                        f"{_toml_repr(attendee.id)} is already the id of "
                        f"attendees[{first_seen[attendee.id]}]",
                    )
                )
            else:
                first_seen[attendee.id] = index
        known = ", ".join(first_seen)

        def check(place: str, attendee_id: str | None) -> None:
            if attendee_id is not None and attendee_id not in first_seen:
                problems.append(
                    (place, f"{_toml_repr(attendee_id)} is not an attendee id (known: {known})")
                )

        for role in ROLES:
            check(f"roles.{role}", getattr(self.roles, role))
        for index, item in enumerate(self.items):
            check(f"items[{index}].lead", item.lead)
        for index, stakeholder in enumerate(self.stakeholders):
            check(f"stakeholders[{index}].owner", stakeholder.owner)
        if problems:
            raise cross_check_failure(problems)
        return self

    def warnings(self) -> list[str]:
        """Things that are allowed but probably not meant, as `place: message` lines."""
        found: list[str] = []
        holders: dict[str, str] = {}
        for role in ROLES:
            holder = getattr(self.roles, role)
            if holder in holders:
                found.append(
                    f"roles.{role}: {_toml_repr(holder)} is also the {holders[holder]}; "
                    "one person in two roles tends to drop one"
                )
            else:
                holders[holder] = role
        planned, scheduled = self.planned_minutes, self.meeting.duration
        if planned > scheduled:
            found.append(
                f"items: {planned} minutes planned, {planned - scheduled} more than "
                f"meeting.duration ({scheduled})"
            )
        speakers = len(self.attendees)
        for index, item in enumerate(self.items):
            if item.turn_minutes is None:
                continue
            if item.kind != "round":
                found.append(
                    f'items[{index}].turn_minutes: only round items have turns (kind = "round"); '
                    "ignored here"
                )
            elif item.turn_minutes * speakers > item.minutes:
                found.append(
                    f"items[{index}].turn_minutes: {speakers} attendees × {item.turn_minutes} "
                    f"minutes = {speakers * item.turn_minutes} minutes, more than the item's "
                    f"{item.minutes}"
                )
        if self.funnel is not None and self.funnel.target < self.funnel.current:
            found.append(
                "funnel.target: below funnel.current; a review should aim to grow the account"
            )
        deciders = [s.name for s in self.stakeholders if s.final_authority]
        if len(deciders) > 1:
            names = ", ".join(_toml_repr(name) for name in deciders)
            found.append(
                f"stakeholders: {len(deciders)} have final_authority ({names}); "
                "usually one person does"
            )
        if self.meeting.account_plan is not None and self._source is not None:
            plan = self.meeting.account_plan
            if "://" not in plan and not _exists(self.resolve(plan)):
                found.append(f"meeting.account_plan: {_toml_repr(plan)} does not exist")
        return found

    def _check_files(self) -> None:
        """previous_minutes must exist: the review opens with its open actions."""
        previous = self.meeting.previous_minutes
        if previous is not None and not _exists(self.resolve(previous), file=True):
            raise AgendaError(
                f"{_toml_repr(previous)} is not a file (paths count from the agenda's folder)",
                file=self._source,
                place="meeting.previous_minutes",
            )

    # -- what the rest of the app asks -------------------------------------------------

    def __eq__(self, other: object) -> bool:
        """Equal agendas say the same thing, wherever (and whether) they were read from."""
        if not isinstance(other, Agenda):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # lists inside: not hashable anyway

    @property
    def source(self) -> Path | None:
        """The file the agenda was read from (as named to load or loads); None for bare text."""
        return self._source

    @property
    def text(self) -> str:
        """The TOML the agenda came from (the journal keeps a copy to reload it)."""
        if self._text is None:
            self._text = tomli_w.dumps(self.model_dump(exclude_none=True))
        return self._text

    @property
    def attendee_ids(self) -> list[str]:
        """Attendee ids in agenda order, which is also the order of turns in a round."""
        return [attendee.id for attendee in self.attendees]

    @property
    def planned_minutes(self) -> int:
        """Sum of item minutes, to compare with `meeting.duration`."""
        return sum(item.minutes for item in self.items)

    def attendee(self, attendee_id: str) -> Attendee:
        """The attendee with this id; KeyError if there is none."""
        for attendee in self.attendees:
            if attendee.id == attendee_id:
                return attendee
        raise KeyError(attendee_id)

    def roles_of(self, attendee_id: str) -> list[str]:
        """The roles an attendee holds, in the order moderator, timekeeper, scribe."""
        return [role for role in ROLES if getattr(self.roles, role) == attendee_id]

    def resolve(self, relative: str) -> Path:
        """A path written in the agenda, relative to the agenda's folder (or the cwd)."""
        base = self._source.parent if self._source is not None else Path()
        return base / relative


# -- reading -------------------------------------------------------------------------


def about_open_actions(title: str) -> bool:
    """ "Open actions from the September review" is the item where the last review's open
    actions are gone through, whatever the review's name."""
    return title.strip().casefold().startswith("open actions")


def _exists(path: Path, *, file: bool = False) -> bool:
    """Whether a path named in the agenda is there; a name the OS refuses is not there."""
    try:
        return path.is_file() if file else path.exists()
    except (OSError, ValueError):
        return False


def _non_finite_numbers(value: Any, place: str = "") -> Iterator[tuple[str, float]]:
    """TOML allows nan and inf; no agenda number means anything with them."""
    if isinstance(value, float) and not math.isfinite(value):
        yield place, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _non_finite_numbers(inner, f"{place}.{key}" if place else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _non_finite_numbers(inner, f"{place}[{index}]")


# -- explaining pydantic's errors ----------------------------------------------------


def _model_at(loc: Sequence[int | str], root: type[BaseModel]) -> type[BaseModel] | None:
    """The model whose table sits at `loc`, to suggest its keys for a typo."""
    model: type[BaseModel] = root
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        inner = _model_in(field.annotation) if field is not None else None
        if inner is None:
            return None
        model = inner
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def cross_check_failure(problems: list[tuple[str, str]]) -> PydanticCustomError:
    """What a model validator raises for (place, message) problems that span fields;
    `explain` turns it back into one line per problem."""
    return PydanticCustomError(
        "cross_check",
        "{count} cross-check problems",
        {"count": len(problems), "problems": problems},
    )


# Arrays of tables in agendas and minutes, for hints on how to write them.
_TABLE_ARRAYS = {
    "attendees",
    "items",
    "stakeholders",
    "actions",
    "closed_actions",
    "parking_lot",
    "questions",
    "stakeholder_changes",
}


def explain(
    err: ValidationError, root: type[BaseModel], error: type[SamtuiError]
) -> list[SamtuiError]:
    """pydantic's errors in a user's words, each at its place in the file.

    Shared by agendas and minutes: `root` is the model of the whole file (for "did you
    mean" on a typo'd key), `error` the class of error to raise.
    """
    return [error(message, place=place) for place, message in _explanations(err, root)]


def _explanations(err: ValidationError, root: type[BaseModel]) -> Iterator[tuple[str | None, str]]:
    errors = err.errors(include_url=False)
    # A typo'd key also makes the real one "missing": show the typo first, it explains both.
    errors.sort(key=lambda error: error["type"] != "extra_forbidden")
    for error in errors:
        kind, loc, value = error["type"], tuple(error["loc"]), error["input"]
        ctx: dict[str, Any] = error.get("ctx") or {}
        if kind == "cross_check":
            yield from ctx["problems"]
            continue
        if kind == "extra_forbidden":
            yield _unknown_key(loc, value, root)
            continue
        place = tomlfile.place(loc)
        message = _MESSAGES.get(kind, _fallback)(loc, value, ctx, error["msg"])
        yield place or None, message


def _unknown_key(
    loc: tuple[int | str, ...], value: Any, root: type[BaseModel]
) -> tuple[str | None, str]:
    """Typo protection: name the key and suggest the closest real one."""
    *parent, key = loc
    model = _model_at(parent, root)
    allowed = list(model.model_fields) if model is not None else []
    what = "table" if isinstance(value, dict) and not parent else "key"
    message = f"unknown {what} {_toml_repr(str(key))}"
    close = difflib.get_close_matches(str(key), allowed, n=1)
    if close:
        message += f" (did you mean {_toml_repr(close[0])}?)"
    elif not parent and str(key) in Meeting.model_fields:
        message += " (keys before the first table header belong under [meeting])"
    return tomlfile.place(parent) or None, message


_Explainer = Callable[[tuple[int | str, ...], Any, dict[str, Any], str], str]


def _got(value: Any) -> str:
    return f"(got {_toml_repr(value)})"


def _fallback(loc: tuple[int | str, ...], value: Any, ctx: dict[str, Any], msg: str) -> str:
    return f"{tomlfile.lower_first(msg)} {_got(value)}"


def _missing(loc: tuple[int | str, ...], value: Any, ctx: dict[str, Any], msg: str) -> str:
    if len(loc) == 1 and loc[0] in _TABLE_ARRAYS:
        return f"is required (add at least one [[{loc[0]}]] table)"
    if len(loc) == 1:
        return f"is required (add a [{loc[0]}] table)"
    return "is required"


def _literal(loc: tuple[int | str, ...], value: Any, ctx: dict[str, Any], msg: str) -> str:
    choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    return f"must be one of {', '.join(choices)} {_got(value)}"


def _pattern(loc: tuple[int | str, ...], value: Any, ctx: dict[str, Any], msg: str) -> str:
    message = _PATTERN_MESSAGES.get(str(ctx.get("pattern")), f"must match {ctx.get('pattern')}")
    return f"{message} {_got(value)}"


def _table(loc: tuple[int | str, ...], value: Any, ctx: dict[str, Any], msg: str) -> str:
    if len(loc) == 1:
        return f"must be a table, written [{loc[0]}] {_got(value)}"
    return f"must be a table {_got(value)}"


def _array(loc: tuple[int | str, ...], value: Any, ctx: dict[str, Any], msg: str) -> str:
    if len(loc) == 1 and loc[0] in _TABLE_ARRAYS:
        return f"must be an array of tables, written [[{loc[0]}]] {_got(value)}"
    return f"must be an array {_got(value)}"


def _too_short(loc: tuple[int | str, ...], value: Any, ctx: dict[str, Any], msg: str) -> str:
    if len(loc) == 1 and loc[0] in _TABLE_ARRAYS:
        return f"needs at least one [[{loc[0]}]] table"
    return f"needs at least {ctx.get('min_length', 1)} entry"


def _fixed(message: str, show_value: bool = True) -> _Explainer:
    def explain(loc: tuple[int | str, ...], value: Any, ctx: dict[str, Any], msg: str) -> str:
        return f"{message} {_got(value)}" if show_value else message

    return explain


def _custom(loc: tuple[int | str, ...], value: Any, ctx: dict[str, Any], msg: str) -> str:
    return f"{msg} {_got(value)}"


_MESSAGES: dict[str, _Explainer] = {
    "missing": _missing,
    "literal_error": _literal,
    "string_pattern_mismatch": _pattern,
    "string_too_short": _fixed("must not be empty", show_value=False),
    "string_type": _fixed("must be a string"),
    "bool_type": _fixed("must be true or false"),
    "list_type": _array,
    "model_type": _table,
    "dict_type": _table,
    "too_short": _too_short,
    "whole_number": _custom,
    "email_address": _custom,
    "unknown_timezone": lambda loc, value, ctx, msg: msg,
    "unknown_currency": lambda loc, value, ctx, msg: msg,
    "timezone_aware": _fixed(
        "must include a UTC offset, like 2026-12-03T15:00:00+01:00 (a local time is ambiguous)"
    ),
    "datetime_type": _fixed("must be a date and time with offset, like 2026-12-03T15:00:00+01:00"),
    "date_type": _fixed("must be a date, like 2026-09-01"),
}


def _toml_repr(value: Any) -> str:
    """A value the way the user wrote it in TOML: strings in double quotes, true/false."""
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        quoted = json.dumps(shown, ensure_ascii=False)
        return quoted.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        try:
            text = str(value)
        except ValueError:  # more digits than Python will print
            return "a very large number"
        return text if len(text) <= 30 else text[:27] + "..."
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return repr(value)
