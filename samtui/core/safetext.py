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

import re
from collections.abc import Iterable
from typing import Any, Final

BIDI_CONTROLS: Final = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""LRE, RLE, PDF, LRO, RLO, then LRI, RLI, FSI, PDI."""

_PICTURES: Final[dict[int, int | str]] = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},
    0x7F: 0x2421,  # ␡
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1 controls have no pictures
    **{code: f"⟨U+{code:04X}⟩" for code in BIDI_CONTROLS},
}


_CHANGED: Final = re.compile("[" + "".join(map(re.escape, map(chr, sorted(_PICTURES)))) + "]")
"""Every character `visible` changes (carriage return among the controls): where none
is, it would return the text as it is."""


def visible(text: str) -> str:
    """`text` with every control character but tab and newline replaced by its picture,
    and every bidirectional control by its ⟨U+XXXX⟩; a carriage return is a line break
    (Windows' CRLF, old Macs' CR)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_PICTURES)


def visible_everywhere(value: Any) -> Any:
    """The same, through the keys and strings of a parsed TOML document (tables and
    arrays). Nearly every document has nothing to change: one search over all its text
    says so, and only a document where it finds something is rebuilt."""
    if _CHANGED.search("\n".join(_strings(value))) is None:
        return value
    return _made_visible(value)


def _strings(value: Any) -> list[str]:
    """Every key and string in `value`, gathered without recursion."""
    strings: list[str] = []
    pending = [value]
    while pending:
        node = pending.pop()
        inner: Iterable[Any]
        if isinstance(node, dict):
            strings.extend(node)
            inner = node.values()
        elif isinstance(node, list):
            inner = node
        else:
            if isinstance(node, str):
                strings.append(node)
            continue
        for child in inner:
            if isinstance(child, str):
                strings.append(child)
            elif isinstance(child, dict | list):
                pending.append(child)
    return strings


def _made_visible(value: Any) -> Any:
    """`visible` applied to every key and string (`tomlfile.parse` bounds how deep tables
    and arrays go, so this recursion is safe)."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {visible(key): _made_visible(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_made_visible(inner) for inner in value]
    return value
