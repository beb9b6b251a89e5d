"""Control characters in user text, made visible: a terminal must never receive them.

An ESC in an agenda title would reach the terminal as an escape sequence (clear the
screen, retitle the window); a BEL would ring it. Such a character cannot be shown as
itself, so it is shown as its Unicode control picture (ESC as ␛) everywhere: on screen,
in the journal's notes, in the minutes and in reports. Tab and newline stay; C1 controls,
which have no pictures, are shown as �.

The bidirectional controls that reorder text (embeddings, overrides and isolates:
U+202A–U+202E, U+2066–U+2069) are shown as their code point in angle brackets, e.g.
⟨U+202E⟩ for RIGHT-TO-LEFT OVERRIDE: a terminal or browser that honours them would let
"Bob" read as another name, or a note as another note ("Trojan Source"). The direction
marks LRM, RLM and ALM (U+200E, U+200F, U+061C) stay as typed: they reorder no letters,
only the punctuation beside them, and people who write Hebrew or Arabic need them.

Every way in for user text goes through `visible`: agendas and minutes as they are read
(`visible_everywhere`, keys included), and each typed note (`notes.parse_note`).
"""

from __future__ import annotations

from typing import Any, Final

BIDI_CONTROLS: Final = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""LRE, RLE, PDF, LRO, RLO, then LRI, RLI, FSI, PDI."""

_PICTURES: Final[dict[int, int | str]] = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},
    0x7F: 0x2421,  # ␡
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1 controls have no pictures
    **{code: f"⟨U+{code:04X}⟩" for code in BIDI_CONTROLS},
}


def visible(text: str) -> str:
    """`text` with every control character but tab and newline replaced by its picture,
    and every bidirectional control by its ⟨U+XXXX⟩; a carriage return is a line break
    (Windows' CRLF, old Macs' CR)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_PICTURES)


def visible_everywhere(value: Any) -> Any:
    """The same, through the keys and strings of a parsed TOML document (tables and
    arrays; `tomlfile.parse` bounds how deep they go, so this recursion is safe)."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {visible(key): visible_everywhere(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [visible_everywhere(inner) for inner in value]
    return value
