"""Control characters in user text, made visible: a terminal must never receive them.

An ESC in an agenda title would reach the terminal as an escape sequence (clear the
screen, retitle the window); a BEL would ring it. Such a character cannot be shown as
itself, so it is shown as its Unicode control picture (ESC as ␛) everywhere: on screen,
in the journal's notes, in the minutes and in reports. Tab and newline stay.
"""

from __future__ import annotations

from typing import Any, Final

_PICTURES: Final[dict[int, int]] = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},
    0x7F: 0x2421,  # ␡
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1 controls have no pictures
}


def visible(text: str) -> str:
    """`text` with every control character but tab and newline replaced by its picture;
    a carriage return is a line break (Windows' CRLF, old Macs' CR)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_PICTURES)


def visible_everywhere(value: Any) -> Any:
    """The same, through the strings of a parsed TOML document (tables and arrays)."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {key: visible_everywhere(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [visible_everywhere(inner) for inner in value]
    return value
