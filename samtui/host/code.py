"""The join code: new for each `samtui host` run, short enough to read out in the room.

Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as two groups
of four (`K7RP-M4XQ`): about 40 bits, against at most ten guesses a minute from one address.
What is typed is compared ignoring case, spaces and hyphens, in constant time.
"""

from __future__ import annotations

import hmac
import re
import secrets
from typing import Final

ALPHABET: Final = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH: Final = 8
GROUP: Final = 4


def new_code() -> str:
    """A fresh code, grouped for reading aloud."""
    letters = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(letters[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def spoken(code: str) -> str:
    """The code as compared: no spaces or hyphens, case folded."""
    return re.sub(r"[\s-]+", "", code).casefold()


def matches(code: str, given: str | None) -> bool:
    """Whether `given` is `code` as someone typed it from hearing it."""
    if not given:
        return False
    return hmac.compare_digest(spoken(given).encode(), spoken(code).encode())
