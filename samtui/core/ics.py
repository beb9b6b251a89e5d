"""The minutes' actions as an iCalendar file (RFC 5545) for the calendars people work in.

One VTODO per open action, with its owner as ATTENDEE and its due date; the last review's
actions this one closed come back COMPLETED or CANCELLED under the UID they had, so a
re-import closes them; and a VEVENT for the next review when the minutes know its date.
icalendar writes the file (folding, escaping, VTIMEZONE): nothing here hand-writes RFC 5545.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Final

from icalendar import Calendar, Event, Todo, vCalAddress

from samtui.core.errors import SamtuiError
from samtui.core.formatting import plural
from samtui.core.handoff import HandedAction, Previous, action_uid, hand_off, review_key
from samtui.core.minutes import Minutes
from samtui.core.safetext import visible

__all__ = ["PRODID", "calendar", "next_review_zone"]

PRODID: Final = "-//samtui//strategic account review minutes//EN"
TODO_STATUS: Final = {"open": "NEEDS-ACTION", "done": "COMPLETED", "dropped": "CANCELLED"}
GROWTH_PRIORITY: Final = 1
"""RFC 5545's highest priority, for growth plays; other actions get the medium one, 5."""
NORMAL_PRIORITY: Final = 5


def calendar(
    minutes: Minutes,
    *,
    source: Path | None = None,
    previous: Previous | None = None,
    made: datetime | None = None,
) -> tuple[str, list[str]]:
    """The iCalendar text (CRLF lines) and a warning line for each action whose origin could
    not be followed (see `handoff.hand_off`).

    Every DTSTAMP is `made`: by default when the review ended (or started), so the same
    minutes give the same file. SamtuiError when there is nothing to put in a calendar.
    """
    meeting = minutes.meeting
    made = made or meeting.ended_at or meeting.started_at
    if made is None:
        raise SamtuiError("the review never started: there is no time to stamp a calendar with")
    stamp = made.astimezone(UTC)
    handed, warnings = hand_off(minutes, source=source, previous=previous, closed=True)
    if not handed and meeting.next_review is None:
        raise SamtuiError(
            "no open or closed actions and no next_review: nothing for a calendar "
            "(an iCalendar file needs at least one entry)"
        )
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", visible(f"{meeting.account}: {meeting.title}"))
    for action in handed:
        cal.add_component(_todo(action, minutes, stamp))
    if meeting.next_review is not None:
        cal.add_component(_next_review(minutes, meeting.next_review, stamp))
        day = meeting.next_review.date()
        cal.add_missing_timezones(
            first_date=day - timedelta(days=1), last_date=day + timedelta(days=2)
        )
    return cal.to_ical().decode("utf-8"), warnings


def _todo(handed: HandedAction, minutes: Minutes, stamp: datetime) -> Todo:
    action = handed.action
    todo = Todo()
    todo.add("uid", handed.uid)
    todo.add("dtstamp", stamp)
    todo.add("sequence", handed.sequence)
    todo.add("summary", visible(action.text))
    todo.add("description", visible(handed.description))
    todo.add("status", TODO_STATUS[handed.status])
    todo.add("priority", GROWTH_PRIORITY if action.growth else NORMAL_PRIORITY)
    kind = "growth play" if action.growth else "action"
    todo.add("categories", [visible(minutes.meeting.account), kind])
    if action.due is not None:
        todo.add("due", action.due)  # a date: VALUE=DATE, due on that day wherever one is
    if handed.owner_name is not None and action.owner is not None:
        todo.add("attendee", _address(action.owner, handed.owner_name, handed.owner_email))
    return todo


def _next_review(minutes: Minutes, starts: datetime, stamp: datetime) -> Event:
    meeting = minutes.meeting
    zone = next_review_zone(minutes, starts)
    open_actions = len(minutes.actions)
    unasked = sum(q.item is None for q in minutes.questions)
    parked = len(minutes.parking_lot)
    held = meeting.started_at or meeting.ended_at
    after = f" after the one of {held.date().isoformat()}" if held else ""
    event = Event()
    event.add("uid", action_uid(meeting.account, f"{review_key(minutes)}#next-review"))
    event.add("dtstamp", stamp)
    event.add("summary", visible(meeting.title))
    event.add(
        "description",
        visible(
            f"The next review of {meeting.account}{after}: "
            f"{plural(open_actions, 'open action')} to go through, "
            f"{plural(unasked, 'question')} not asked yet, {plural(parked, 'parked topic')}."
        ),
    )
    event.add("dtstart", starts.astimezone(zone))
    event.add("duration", timedelta(minutes=meeting.planned_minutes))
    for attendee in minutes.attendees:
        event.add("attendee", _address(attendee.id, attendee.name, attendee.email))
    return event


def next_review_zone(minutes: Minutes, starts: datetime) -> tzinfo:
    """The time zone the next review is written in: the moderator's, else the first
    attendee's, whose offset at that moment is the one `next_review` gave; else UTC."""
    moderators = [a for a in minutes.attendees if "moderator" in a.roles]
    offset = starts.utcoffset()
    for attendee in [*moderators, *minutes.attendees]:
        if attendee.timezone is None:
            continue
        try:
            zone = zoneinfo.ZoneInfo(attendee.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            continue
        if starts.astimezone(zone).utcoffset() == offset:
            return zone
    return UTC


def _address(attendee_id: str, name: str, email: str | None) -> vCalAddress:
    """An attendee as a calendar address: mailto: with an e-mail, else a URN that names
    them without inviting anyone (a calendar sends nothing to it). Text that reaches a
    calendar goes through `visible` (minutes read from a file already have): RFC 5545
    allows no control characters but tab and newline."""
    value = f"mailto:{email}" if email else f"urn:samtui:attendee:{attendee_id}"
    address = vCalAddress(value)
    address.params["CN"] = " ".join(visible(name).split())  # a name, on one line
    address.params["ROLE"] = "REQ-PARTICIPANT"
    return address
