"""Actions as they leave samtui for calendars and CRMs: who owns each, what it says, and
the one identity it keeps from review to review.

An action carried over is the same commitment in every review that carries it, so a
calendar or CRM that re-imports it must update it, not add it again. Its identity comes
from its origin: the review where it was first noted (that review's session) and its
number there, found by following `carried_from` back through the minutes files.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from samtui.core.errors import SamtuiError
from samtui.core.minutes import ActionRecord, Minutes

__all__ = [
    "MAX_CHAIN",
    "NAMESPACE",
    "HandedAction",
    "MinutesFiles",
    "Previous",
    "action_uid",
    "hand_off",
    "review_key",
]

NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_DNS, "actions.samtui.invalid")
"""Names samtui's action UIDs (uuid5), so they never collide with another tool's."""
MAX_CHAIN: Final = 100
"""Reviews followed back at most: a hundred quarters is longer than any account plan."""

Status = Literal["open", "done", "dropped"]

Previous = Callable[[str, Minutes, Path | None], tuple[Minutes, Path | None]]
"""Reads the minutes a `carried_from` path names, as written in the minutes given (with the
file they were read from): the minutes there and their file. SamtuiError if it cannot."""


@dataclass(frozen=True, slots=True)
class HandedAction:
    """One action as a calendar or a CRM gets it."""

    action: ActionRecord
    status: Status
    uid: str
    """The same for the same action in every review that lists it."""
    sequence: int
    """How many reviews carried it: a later review's copy is the newer version."""
    owner_name: str | None
    owner_email: str | None
    description: str
    """Names the account, the review and the item; says when it was carried or closed."""


def review_key(minutes: Minutes) -> str:
    """What tells one review of an account from another: its session (the journal's name,
    unique per review); hand-written minutes without one fall back to title and start."""
    meeting = minutes.meeting
    if meeting.session:
        return meeting.session
    started = meeting.started_at.isoformat() if meeting.started_at else "not started"
    return f"{meeting.title}@{started}"


def action_uid(account: str, origin: str) -> str:
    """A UID from the account and the action's origin (`<review key>#<number>`)."""
    return str(uuid.uuid5(NAMESPACE, f"{account}\n{origin}"))


class MinutesFiles:
    """Reads the minutes that `carried_from` names, from where the agendas put them: a
    path relative to the agenda's folder (the minutes record the agenda's path), else to
    the folder of the minutes that name it, or that folder's parent (where the agenda
    sits when its minutes went to the default `minutes/` folder)."""

    def __init__(self) -> None:
        self._read: dict[Path, Minutes] = {}

    def __call__(
        self, written: str, named_in: Minutes, named_in_file: Path | None
    ) -> tuple[Minutes, Path | None]:
        relative = Path(written)
        folders = [Path(named_in.meeting.agenda).parent]
        if named_in_file is not None:
            folders += [named_in_file.parent, named_in_file.parent.parent]
        candidates = [relative] if relative.is_absolute() else [f / relative for f in folders]
        for candidate in candidates:
            try:
                found = candidate.is_file()
            except (OSError, ValueError):
                found = False
            if found:
                key = candidate.resolve()
                if key not in self._read:
                    self._read[key] = Minutes.load(candidate)
                return self._read[key], candidate
        raise SamtuiError(
            "is not a file (looked in " + ", ".join(str(c.parent) for c in candidates) + ")",
            file=written,
        )


def hand_off(
    minutes: Minutes,
    *,
    source: Path | None = None,
    previous: Previous | None = None,
    closed: bool = False,
) -> tuple[list[HandedAction], list[str]]:
    """The open actions (and with `closed` the last review's actions this one closed), and
    a line for each whose origin could not be followed (it gets a UID of its own then).

    `source` is the minutes file (to find the files `carried_from` names); `previous`
    reads those (a `MinutesFiles` by default; tests give their own).
    """
    follow = previous if previous is not None else MinutesFiles()
    names = {a.id: a.name for a in minutes.attendees}
    emails = {a.id: a.email for a in minutes.attendees if a.email}
    records: list[tuple[ActionRecord, Status]] = [(a, "open") for a in minutes.actions]
    if closed:
        records += [
            (a, "done" if a.status == "done" else "dropped") for a in minutes.closed_actions
        ]
    handed: list[HandedAction] = []
    warnings: list[str] = []
    for action, status in records:
        origin, sequence, problem = _origin(minutes, source, action, follow)
        if problem is not None:
            warnings.append(
                f'action {action.id} ("{_short(action.text)}"): cannot follow carried_from '
                f'"{action.carried_from}": {problem}; it gets a UID of its own, so a calendar '
                "that has it from an earlier review may show it twice"
            )
        owner = action.owner
        handed.append(
            HandedAction(
                action=action,
                status=status,
                uid=action_uid(minutes.meeting.account, origin),
                sequence=sequence,
                owner_name=names.get(owner, owner) if owner is not None else None,
                owner_email=emails.get(owner) if owner is not None else None,
                description=_description(minutes, action, status),
            )
        )
    return handed, warnings


def _origin(
    minutes: Minutes, source: Path | None, action: ActionRecord, follow: Previous
) -> tuple[str, int, str | None]:
    """(origin, reviews that carried it, why the chain stopped short or None)."""
    here, here_file, record = minutes, source, action
    for hops in range(MAX_CHAIN + 1):
        carried = record.carried_from
        if carried is None:
            return f"{review_key(here)}#{record.id}", hops, None
        written, _, number = carried.rpartition("#")
        if not written or not number.isdigit():
            return carried, hops + 1, 'it is not "<minutes file>#<action number>"'
        try:
            older, older_file = follow(written, here, here_file)
        except SamtuiError as err:
            return carried, hops + 1, str(err)
        same = [a for a in older.actions if a.id == int(number) and a.text == record.text]
        if not same:
            return carried, hops + 1, f"{written} has no open action {number} that reads so"
        here, here_file, record = older, older_file, same[0]
    return action.carried_from or "", MAX_CHAIN, f"more than {MAX_CHAIN} reviews back"


def _description(minutes: Minutes, action: ActionRecord, status: Status) -> str:
    meeting = minutes.meeting
    held = meeting.started_at or meeting.ended_at
    when = f" on {held.date().isoformat()}" if held else ""
    verb = {"open": "From", "done": "Done at", "dropped": "Dropped at"}[status]
    number = f"action {action.id}, " if status == "open" else ""  # closed: the old number
    lines = [
        f'{verb} the review "{meeting.title}" of {meeting.account}{when} '
        f'({number}item "{action.item}").'
    ]
    if action.carried_from:
        lines.append(f"Carried over from {action.carried_from}.")
    if action.growth:
        lines.append("A growth play: it is to grow the funnel.")
    if action.owner is None and status == "open":
        lines.append("Nobody owns it yet.")
    return "\n".join(lines)


def _short(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= 40 else one_line[:37] + "..."
