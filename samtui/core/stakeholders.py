"""What the moderator should see at a glance on the stakeholder map.

Each rule is one function over anything shaped like a map entry (the live map's
`StakeholderState`, a minutes file's `StakeholderRecord`), so the map and the account's
history (samtui.core.history) say the same thing for the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from samtui.core.vocabulary import Influence, Stance

STALE_DAYS = 90


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
    stakeholders: Sequence[MapEntry], today: date, days: int = STALE_DAYS
) -> list[str]:
    """Relationships never validated, or not for `days` days."""
    return [
        s.name
        for s in stakeholders
        if (since := days_since_validated(s, today)) is None or since >= days
    ]


def flags(stakeholders: Sequence[MapEntry], today: date) -> list[str]:
    """Warnings about the map: who decides, who blocks, who is for us, what is stale."""
    if not stakeholders:
        return ["no stakeholders on the map yet"]
    found = []
    deciding = deciders(stakeholders)
    if not deciding:
        found.append("no one with final authority identified")
    elif len(deciding) > 1:
        found.append(f"more than one with final authority: {', '.join(deciding)}")
    blockers = high_influence_opponents(stakeholders)
    if blockers:
        found.append(f"high-influence opponent: {', '.join(blockers)}")
    if not has_advocate(stakeholders):
        found.append("no advocate")
    stale = not_validated(stakeholders, today)
    if stale:
        found.append(f"not validated for {STALE_DAYS} days: {', '.join(stale)}")
    return found
