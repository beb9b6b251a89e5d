"""Failed logins, counted per address: after ten, that address is refused for a minute.

Pure bookkeeping with an injected clock (seconds, monotonic), so a test runs the minute in
no time. The server delays each failure before answering, which is what makes guessing
slow; this decides who is turned away before trying at all.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

LIMIT: Final = 10
"""Failures from one address that close it."""
LOCKOUT_SECONDS: Final = 60.0
FORGET_SECONDS: Final = 600.0
"""A failure older than this no longer counts: a typo a quarter of an hour ago is forgiven."""
FAILURE_DELAY_SECONDS: Final = 2.0
"""How long a wrong code waits before it is answered."""
MAX_ADDRESSES: Final = 10_000
"""Addresses remembered at once; beyond, the oldest are forgotten (memory stays bounded)."""


@dataclass
class Gate:
    """Who failed how often, and who is shut out until when."""

    clock: Callable[[], float] = time.monotonic
    limit: int = LIMIT
    lockout: float = LOCKOUT_SECONDS
    forget: float = FORGET_SECONDS
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _locked_until: dict[str, float] = field(default_factory=dict)

    def locked(self, address: str) -> float | None:
        """Seconds until `address` may try again, or None if it may now."""
        until = self._locked_until.get(address)
        if until is None:
            return None
        left = until - self.clock()
        if left <= 0:
            del self._locked_until[address]
            return None
        return left

    def failed(self, address: str) -> bool:
        """Count a failure; True if it shut the address out."""
        now = self.clock()
        failures = self._failures.setdefault(address, deque())
        failures.append(now)
        while failures and failures[0] <= now - self.forget:
            failures.popleft()
        if len(failures) >= self.limit:
            del self._failures[address]
            self._locked_until[address] = now + self.lockout
            self._bound()
            return True
        self._bound()
        return False

    def failures(self, address: str) -> int:
        """Failures of `address` that still count."""
        now = self.clock()
        return sum(1 for at in self._failures.get(address, ()) if at > now - self.forget)

    def _bound(self) -> None:
        for table in (self._failures, self._locked_until):
            while len(table) > MAX_ADDRESSES:
                del table[next(iter(table))]  # dicts keep insertion order: the oldest
