"""The open actions as CSV files that CRMs import as tasks: one profile per CRM.

Each profile names its columns the way the CRM's import tool maps them, so nothing needs
renaming by hand; the README gives the import steps. Every file is made by
`report.csv_table`, so formula-like cells are neutralised exactly as in the actions CSV
(and `raw` gives the exact text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from samtui.core.handoff import HandedAction, Previous, hand_off
from samtui.core.minutes import Minutes
from samtui.core.report import csv_table

__all__ = ["HUBSPOT", "PROFILES", "SALESFORCE", "Profile", "crm_csv"]

Row = Callable[[HandedAction, Minutes], Sequence[str | int]]


@dataclass(frozen=True, slots=True)
class Profile:
    """A CRM's task import: its column names and how an action fills them."""

    name: str
    columns: tuple[str, ...]
    row: Row


def _salesforce(handed: HandedAction, minutes: Minutes) -> Sequence[str | int]:
    action = handed.action
    return (
        action.text,
        action.due.isoformat() if action.due else "",
        "Not Started",
        "High" if action.growth else "Normal",
        handed.description,
        handed.owner_name or "",
        handed.owner_email or "",
        minutes.meeting.account,
        handed.uid,
    )


def _hubspot(handed: HandedAction, minutes: Minutes) -> Sequence[str | int]:
    action = handed.action
    return (
        action.text,
        action.due.isoformat() if action.due else "",
        handed.owner_email or "",
        handed.description,
        "NOT_STARTED",
        "HIGH" if action.growth else "MEDIUM",
        "TODO",
        handed.owner_name or "",
        minutes.meeting.account,
        handed.uid,
    )


SALESFORCE: Final = Profile(
    "salesforce",
    (
        "Subject",
        "ActivityDate",
        "Status",
        "Priority",
        "Description",
        "Owner Name",
        "Owner Email",
        "Account Name",
        "samtui ID",
    ),
    _salesforce,
)
"""Task fields by their API names, as Data Loader maps them itself; the owner by name and
e-mail for looking up their user Id, the account for the task's WhatId."""

HUBSPOT: Final = Profile(
    "hubspot",
    (
        "Task Title",
        "Due Date",
        "Task Owner",
        "Notes",
        "Status",
        "Priority",
        "Task Type",
        "Owner Name",
        "Company Name",
        "samtui ID",
    ),
    _hubspot,
)
"""HubSpot's task properties by their labels; the owner by e-mail (HubSpot matches users
by it), with the name beside it for people."""

PROFILES: Final = {profile.name: profile for profile in (SALESFORCE, HUBSPOT)}


def crm_csv(
    minutes: Minutes,
    profile: Profile,
    *,
    raw: bool = False,
    source: Path | None = None,
    previous: Previous | None = None,
) -> tuple[str, list[str]]:
    """One row per open action (closed ones are not tasks to import), and the warnings of
    `handoff.hand_off` (the samtui ID is the calendar UID: one action, one ID)."""
    handed, warnings = hand_off(minutes, source=source, previous=previous)
    rows = (profile.row(action, minutes) for action in handed)
    return csv_table(profile.columns, rows, raw=raw), warnings
