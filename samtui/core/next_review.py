"""The next review's agenda, drafted from the last review's minutes.

A review ends with its minutes; the next one starts from them: the same account, team
and stakeholder map (with the stances the review left), the last items to edit, and an
opening item for the open actions. Nothing the review left open is dropped: a question
brought and never asked is its attendee's question again, and the parking lot becomes
the prompts of a closing item. The roles move on to the next attendees, so facilitation
is shared rather than always falling on the same people.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any

import tomli_w

from samtui.core.agenda import Agenda, about_open_actions
from samtui.core.errors import AgendaError, MinutesError
from samtui.core.minutes import Minutes
from samtui.core.vocabulary import ROLES

__all__ = [
    "OPEN_ACTIONS_MINUTES",
    "OPEN_ACTIONS_TITLE",
    "PARKED_MINUTES",
    "PARKED_TITLE",
    "next_agenda",
    "rotate_roles",
]

OPEN_ACTIONS_TITLE = "Open actions from the last review"
"""The item the next review opens with, unless the last one already had it."""
OPEN_ACTIONS_MINUTES = 10
PARKED_TITLE = "Parked at the last review"
"""The item the next review closes with when the last one parked topics: one prompt each."""
PARKED_MINUTES = 5


def rotate_roles(attendee_ids: list[str], roles: Mapping[str, str]) -> dict[str, str]:
    """Each role to the attendee after its last holder, in agenda order, wrapping around.

    `roles` maps role name to the last holder's id. A role nobody held, or held by
    someone no longer among `attendee_ids`, goes to the first attendee in order who has
    no role yet (or, when everyone has one, the attendee at the role's own position).
    """
    if not attendee_ids:
        raise ValueError("rotating roles needs at least one attendee")
    position = {attendee: index for index, attendee in enumerate(attendee_ids)}
    rotated: dict[str, str] = {}
    for role in ROLES:
        holder = roles.get(role)
        if holder in position:
            rotated[role] = attendee_ids[(position[holder] + 1) % len(attendee_ids)]
    return _fill_missing(attendee_ids, rotated)


def _kept_roles(attendee_ids: list[str], roles: Mapping[str, str]) -> dict[str, str]:
    """The same holders as last time, where they are still attendees."""
    kept: dict[str, str] = {r: roles[r] for r in ROLES if roles.get(r) in attendee_ids}
    return _fill_missing(attendee_ids, kept)


def _fill_missing(attendee_ids: list[str], assigned: Mapping[str, str]) -> dict[str, str]:
    """Every role held, in ROLES order: a missing one goes to the first attendee free."""
    holders = set(assigned.values())
    result: dict[str, str] = {}
    for index, role in enumerate(ROLES):
        if role in assigned:
            result[role] = assigned[role]
            continue
        free = [attendee for attendee in attendee_ids if attendee not in holders]
        result[role] = free[0] if free else attendee_ids[index % len(attendee_ids)]
        holders.add(result[role])
    return result


def last_roles(minutes: Minutes) -> dict[str, str]:
    """Role name to the id of who held it, from the attendees' `roles` lists (first wins)."""
    roles: dict[str, str] = {}
    for attendee in minutes.attendees:
        for role in attendee.roles:
            if role in ROLES:
                roles.setdefault(role, attendee.id)
    return roles


def next_agenda(
    minutes: Minutes, minutes_path: Path, agenda_path: Path, *, keep_roles: bool = False
) -> str:
    """The TOML of the next review's agenda; it validates as written (checked here).

    `agenda_path` is where it will be written: `previous_minutes` is relative to its folder.
    """
    if not minutes.attendees:
        raise MinutesError(
            "has no attendees; the next agenda needs at least one", file=minutes_path
        )
    ids = [attendee.id for attendee in minutes.attendees]
    previous = last_roles(minutes)
    roles = _kept_roles(ids, previous) if keep_roles else rotate_roles(ids, previous)

    meeting: dict[str, Any] = {
        "title": minutes.meeting.title,
        "account": minutes.meeting.account,
        "starts": minutes.meeting.next_review,
        "duration": minutes.meeting.planned_minutes,
        "horizon_quarters": minutes.meeting.horizon_quarters,
        "account_plan": minutes.meeting.account_plan,
        "previous_minutes": _relative(minutes_path, agenda_path.parent),
    }
    meeting = _without_none(meeting)
    attendees = [
        _without_none(
            {
                "id": a.id,
                "name": a.name,
                "title": a.title,
                "timezone": a.timezone,
                "email": a.email,
                "prepared": False,
                "questions": [
                    q.text for q in minutes.questions if q.attendee == a.id and q.item is None
                ]
                or None,
            }
        )
        for a in minutes.attendees
    ]
    items: list[dict[str, Any]] = []
    if not any(about_open_actions(item.title) for item in minutes.items):
        items.append(
            {"title": OPEN_ACTIONS_TITLE, "minutes": OPEN_ACTIONS_MINUTES, "kind": "discussion"}
        )
        # The added item gets its own time rather than squeezing the others.
        meeting["duration"] = min(600, meeting["duration"] + OPEN_ACTIONS_MINUTES)
    parked = [f"{p.text} (parked in {p.item})" for p in minutes.parking_lot]
    items += [
        _without_none(
            {
                "title": item.title,
                "minutes": max(1, (item.planned_seconds - item.added_seconds) // 60),
                "kind": item.kind,
                "lead": item.lead,
                "turn_minutes": item.turn_minutes,
                # The last parked item's prompts were the review before's parking lot.
                "prompts": (parked if _about_parked(item.title) else item.prompts) or None,
            }
        )
        for item in minutes.items
    ]
    if parked and not any(_about_parked(item.title) for item in minutes.items):
        items.append(
            {
                "title": PARKED_TITLE,
                "minutes": PARKED_MINUTES,
                "kind": "discussion",
                "prompts": parked,
            }
        )
        meeting["duration"] = min(600, meeting["duration"] + PARKED_MINUTES)
    agenda: dict[str, Any] = {"meeting": meeting, "roles": roles, "attendees": attendees}
    if minutes.funnel is not None:
        funnel = minutes.funnel
        agenda["funnel"] = {
            "currency": funnel.currency,
            "current": funnel.current,
            "target": funnel.target,
        }
    if minutes.stakeholders:
        agenda["stakeholders"] = [
            _without_none(
                {
                    "name": s.name,
                    "title": s.title,
                    "stance": s.stance,
                    "influence": s.influence,
                    "final_authority": s.final_authority,
                    "owner": s.owner,
                    "last_validated": s.last_validated,
                }
            )
            for s in minutes.stakeholders
        ]
    agenda["items"] = items

    text = _header(minutes, minutes_path, agenda_path, keep_roles) + _toml(agenda)
    try:
        Agenda.loads(text, source=agenda_path)
    except AgendaError as err:
        first = (err.problems or [err])[0]
        where = f"{first.place}: " if first.place else ""
        raise MinutesError(
            f"cannot draft the next agenda from these minutes: {where}{first.message}",
            file=minutes_path,
        ) from None
    return text


def _toml(agenda: dict[str, Any]) -> str:
    """Tables in the agenda's order, each array as [[tables]] so items are easy to extend.

    `tomli_w.dumps` of the whole would put short arrays of tables inline, ahead of the
    tables, so each table (all of whose values are scalars) is dumped on its own.
    """
    chunks: list[str] = []
    for name, value in agenda.items():
        rows = value if isinstance(value, list) else [value]
        header = f"[[{name}]]" if isinstance(value, list) else f"[{name}]"
        chunks += [f"{header}\n{tomli_w.dumps(row)}" for row in rows]
    return "\n".join(chunks)


def _header(minutes: Minutes, minutes_path: Path, agenda_path: Path, keep_roles: bool) -> str:
    held = minutes.meeting.ended_at or minutes.meeting.started_at  # None if never started
    when = f" of {held:%Y-%m-%d}" if held is not None else ""
    roles = "kept" if keep_roles else "passed on to the next attendees"
    lines = [
        f"The next review of {minutes.meeting.account}: a samtui agenda drafted from the",
        f"minutes{when} in {minutes_path}.",
        "Attendees, stakeholder stances and the funnel are as the last review left them;",
        f"the roles are {roles}. Nobody is marked prepared yet.",
        "Questions not asked are their attendees' again; parked topics are the prompts",
        f'of "{PARKED_TITLE}". The items are the last review\'s, at their planned',
        "times: edit the items, then",
        f"    samtui validate {shlex.quote(str(agenda_path))}",
    ]
    return "".join(f"# {_printable(line)}\n" for line in lines) + "\n"


def _printable(text: str) -> str:
    """TOML comments may not hold control characters; a path or a name might."""
    return "".join(char if char.isprintable() else "?" for char in text)


def _relative(target: Path, folder: Path) -> str:
    """`target` as the agenda format reads it: relative to the agenda's folder."""
    try:
        relative = os.path.relpath(os.path.abspath(target), os.path.abspath(folder))
    except ValueError:  # another drive on Windows: no relative path exists
        return str(Path(os.path.abspath(target)))
    return PurePath(relative).as_posix()


def _about_parked(title: str) -> bool:
    return title.strip().casefold() == PARKED_TITLE.casefold()


def _without_none(table: dict[str, Any]) -> dict[str, Any]:
    """TOML has no null: absent values are left out."""
    return {key: value for key, value in table.items() if value is not None}
