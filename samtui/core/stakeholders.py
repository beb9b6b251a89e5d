"""What the moderator should see at a glance on the stakeholder map.

Each rule is one function over anything shaped like a map entry (the live map's
`StakeholderState`, a minutes file's `StakeholderRecord`), so the map and the account's
history (samtui.core.history) say the same thing for the same rule.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Final, Protocol

from samtui.core.vocabulary import Influence, Stance

VALIDATION_DAYS: Final = 180
"""A relationship not validated for this long (or never) is stale: on the map, in its
Validated column and its flags, and in the account's history. Reviews are quarterly, so a
relationship validated at the last review is still fresh at this one."""


class MapEntry(Protocol):
    """A stakeholder as a rule reads them."""

    @property
    def name(self) -> str: ...
    @property
    def stance(self) -> Stance: ...
    @property
    def influence(self) -> Influence: ...
    @property
    def final_authority(self) -> bool: ...
    @property
    def last_validated(self) -> date | None: ...


def days_since_validated(stakeholder: MapEntry, today: date) -> int | None:
    if stakeholder.last_validated is None:
        return None
    return (today - stakeholder.last_validated).days


def deciders(stakeholders: Sequence[MapEntry]) -> list[str]:
    """Who has final authority (nobody: no one identified; two: the map is unsure)."""
    return [s.name for s in stakeholders if s.final_authority]


def deciders_not_advocates(stakeholders: Sequence[MapEntry]) -> list[str]:
    """Those with final authority who are not for us."""
    return [s.name for s in stakeholders if s.final_authority and s.stance != "advocate"]


def high_influence_opponents(stakeholders: Sequence[MapEntry]) -> list[str]:
    return [s.name for s in stakeholders if s.stance == "opponent" and s.influence == "high"]


def has_advocate(stakeholders: Sequence[MapEntry]) -> bool:
    return any(s.stance == "advocate" for s in stakeholders)


def not_validated(
    stakeholders: Sequence[MapEntry], today: date, days: int = VALIDATION_DAYS
) -> list[str]:
    """Relationships never validated, or not for `days` days."""
    return [
        s.name
        for s in stakeholders
        if (since := days_since_validated(s, today)) is None or since >= days
    ]


def flags(
    stakeholders: Sequence[MapEntry], today: date, unaddressed: Collection[str] = ()
) -> list[str]:
    """Warnings about the map: who decides, who blocks, who is for us, what is stale. Each
    person is named once a flag: a high-influence opponent in `unaddressed` (no open action
    names them: the account's history says so) is marked so in the opponents' flag."""
    if not stakeholders:
        return ["no stakeholders on the map yet"]
    found = []
    deciding = deciders(stakeholders)
    if not deciding:
        found.append("no one with final authority identified")
    elif len(deciding) > 1:
        found.append(f"more than one with final authority: {', '.join(deciding)}")
    blockers = [
        f"{name} (no open action names them)" if name in unaddressed else name
        for name in dict.fromkeys(high_influence_opponents(stakeholders))
    ]
    if blockers:
        found.append(f"high-influence opponent: {', '.join(blockers)}")
    if not has_advocate(stakeholders):
        found.append("no advocate")
    stale = not_validated(stakeholders, today)
    if stale:
        found.append(f"not validated for {VALIDATION_DAYS} days: {', '.join(stale)}")
    return found
