"""Time as the core sees it: injected, so tests run a three-hour meeting in milliseconds."""

from __future__ import annotations

import functools
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final, Protocol

BOOT_ID: Final = Path("/proc/sys/kernel/random/boot_id")


class Clock(Protocol):
    """Wall-clock time for people, monotonic seconds for durations (never drift)."""

    def now(self) -> datetime:
        """The aware wall-clock time now."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards and that every process of this
        boot shares."""
        ...

    def boot_id(self) -> str:
        """Names this boot of this machine ("" if unknown): views whose clocks share a boot
        share the monotonic clock, so they share the meeting's time to the millisecond."""
        ...


class SystemClock:
    """The real clock: the wall clock, and the time since boot (suspends included, so a
    closed laptop's meeting went on; the wall clock being set or stepped changes nothing)."""

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()

    def monotonic(self) -> float:
        return _boottime()

    def boot_id(self) -> str:
        return _boot_id()


def _boottime() -> float:
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(clock) if clock is not None else time.monotonic()


@functools.cache
def _boot_id() -> str:
    try:
        return BOOT_ID.read_text(encoding="ascii").strip()
    except OSError:
        return ""


class FakeClock:
    """A clock that moves only when told to; `jump_wall` steps the wall clock alone."""

    def __init__(self, start: datetime | None = None, *, boot: str = "fake-boot") -> None:
        self._start = start or datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
        self._seconds = 0.0
        self._wall_step = 0.0
        self._boot = boot

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._seconds + self._wall_step)

    def monotonic(self) -> float:
        return 1000.0 + self._seconds

    def boot_id(self) -> str:
        return self._boot

    def advance(self, seconds: float) -> None:
        """Move both clocks forward."""
        if seconds < 0:
            raise ValueError("a clock does not go backwards")
        self._seconds += seconds

    def jump_wall(self, seconds: float) -> None:
        """Step the wall clock (a user setting it, a bad NTP source): monotonic stays."""
        self._wall_step += seconds

    def reboot(self, boot: str, *, downtime: float = 0.0) -> None:
        """A new boot: the monotonic clock starts again near zero, the wall clock goes on."""
        self._wall_step += self._seconds + downtime
        self._seconds = 0.0
        self._boot = boot
