"""What the moderator should see at a glance on the stakeholder map."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from samtui.core.state import StakeholderState

STALE_DAYS = 90


def days_since_validated(stakeholder: StakeholderState, today: date) -> int | None:
    if stakeholder.last_validated is None:
        return None
    return (today - stakeholder.last_validated).days


def flags(stakeholders: Sequence[StakeholderState], today: date) -> list[str]:
    """Warnings about the map: who decides, who blocks, who is for us, what is stale."""
    if not stakeholders:
        return ["no stakeholders on the map yet"]
    found = []
    deciders = [s.name for s in stakeholders if s.final_authority]
    if not deciders:
        found.append("no one with final authority identified")
    elif len(deciders) > 1:
        found.append(f"more than one with final authority: {', '.join(deciders)}")
    blockers = [s.name for s in stakeholders if s.stance == "opponent" and s.influence == "high"]
    if blockers:
        found.append(f"high-influence opponent: {', '.join(blockers)}")
    if not any(s.stance == "advocate" for s in stakeholders):
        found.append("no advocate")
    stale = [
        s.name
        for s in stakeholders
        if (days := days_since_validated(s, today)) is None or days >= STALE_DAYS
    ]
    if stale:
        found.append(f"not validated for {STALE_DAYS} days: {', '.join(stale)}")
    return found
