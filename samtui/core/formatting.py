"""How durations, clocks and money read on screen and in reports (one place, one style)."""

from __future__ import annotations

import math
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo


def plural(count: int, noun: str) -> str:
    """`1 item`, `3 items`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def duration(seconds: float) -> str:
    """`MM:SS` under an hour, `H:MM:SS` from an hour on; whole seconds, rounded down."""
    whole = max(0, math.floor(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def durations(*seconds: float) -> list[str]:
    """Durations shown together, in one shape: all `H:MM:SS` once any reaches an hour, so
    "32:05 of 1:30:00" (read across a room as 32 hours) becomes "0:32:05 of 1:30:00"."""
    if any(max(0, math.floor(value)) >= 3600 for value in seconds):
        return [_hours(value) for value in seconds]
    return [duration(value) for value in seconds]


def _hours(seconds: float) -> str:
    whole = max(0, math.floor(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


MINUTES_A_DAY = 24 * 60


def minutes(seconds: float) -> str:
    """`12m`: whole minutes, rounded down; `<1m` for a start. For tables that must not
    change every second (the time keeper's clock has the seconds)."""
    whole = max(0, math.floor(seconds)) // 60
    return f"{whole}m" if whole else "<1m"


def countdown(budget: float, elapsed: float) -> str:
    """What is left of a budget, then the overtime as `+MM:SS`."""
    if elapsed <= budget:
        return duration(math.ceil(budget - elapsed))
    return "+" + duration(elapsed - budget)


def signed_minutes(seconds: float) -> str:
    """`3 min behind`, `2 min ahead`, `on time`: the schedule in a glance."""
    minutes = round(seconds / 60)
    if minutes > 0:
        return f"{minutes} min behind"
    if minutes < 0:
        return f"{-minutes} min ahead"
    return "on time"


def against_plan(seconds: float) -> str:
    """`4 min over`, `3 min under`, `on plan`: a finished meeting against its duration."""
    minutes = round(seconds / 60)
    if minutes > 0:
        return f"{minutes} min over"
    if minutes < 0:
        return f"{-minutes} min under"
    return "on plan"


def money(amount: int, currency: str) -> str:
    """`USD 1,200,000`: thousands separators, the ISO code first."""
    return f"{currency} {amount:,}"


def local_time(now: datetime, zone: str | None, fallback: tzinfo | None = None) -> str:
    """`HH:MM` in an attendee's time zone (or the machine's when they gave none)."""
    if zone:
        return now.astimezone(ZoneInfo(zone)).strftime("%H:%M")
    return now.astimezone(fallback).strftime("%H:%M")


def span(minutes: int) -> str:
    """`5 min`, `3 h 10 min`, `91 days`: a span as a person says it; a day or more in
    whole days (rounded), never as thousands of minutes."""
    minutes = abs(minutes)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < MINUTES_A_DAY:
        hours, rest = divmod(minutes, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    return plural((minutes + MINUTES_A_DAY // 2) // MINUTES_A_DAY, "day")  # half up
