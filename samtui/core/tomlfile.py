"""Reading a TOML file a user wrote, with every failure told in words and at a place.

Agendas and minutes share this, so both say `file:line:col: message` for syntax and
`file: place: message` for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, Literal

import tomli as tomllib  # tomllib's own code, compiled (mypyc): 2-3x faster on big minutes

from samtui.core.errors import SamtuiError
from samtui.core.safetext import visible

MAX_DEPTH: Final = 16
"""How deep tables and arrays may sit within one another. An agenda needs 4 levels and
minutes 5 (`items[0].notes[0].text`); past this no person or samtui wrote the file, and
the bound lets every walk over a document (samtui's, pydantic's) recurse safely."""
TOO_DEEP: Final = f"nested more than {MAX_DEPTH} deep (tables and arrays within one another)"
_PLACE_SHOWN: Final = 120

# tomllib's words for two common slips, with what the user most likely did.
_HINTS = {
    "cannot overwrite a value": "cannot overwrite a value (is a key given twice?)",
    "illegal character '\\n'": "illegal character '\\n' (is a string's closing quote missing?)",
}
_TOML_POSITION = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$")


def read_bytes(path: Path, error: type[SamtuiError], *, kind: str) -> bytes:
    """The file's bytes, or an `error` saying in plain words why not."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error("no such file", file=path) from None
    except IsADirectoryError:
        raise error(f"is a directory, not {kind}", file=path) from None
    except PermissionError:
        raise error("permission denied", file=path) from None
    except OSError as err:
        reason = (err.strerror or str(err)).lower()
        raise error(f"cannot read: {reason}", file=path) from None


def decode(data: bytes, source: str | Path, error: type[SamtuiError]) -> str:
    """UTF-8 text, with binary and other encodings refused in words a user understands."""
    if b"\x00" in data:
        raise error(f"binary data, not text (NUL byte at offset {data.index(0)})", file=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise error(
            f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})", file=source
        ) from None


def parse(text: str, source: str | Path, error: type[SamtuiError]) -> dict[str, Any]:
    """tomllib's parse, with its message reshaped to `file:line:col: message`."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        match = _TOML_POSITION.search(message)
        if match is None:
            raise error(lower_first(message), file=source) from None
        if match.group(1) is not None:
            line, column = int(match.group(1)), int(match.group(2))
        else:
            lines = text.splitlines() or [""]
            line, column = len(lines), len(lines[-1]) + 1
        said = lower_first(message[: match.start()])
        raise error(_HINTS.get(said, said), file=source, line=line, column=column) from None
    except RecursionError:  # tomllib recurses into inline arrays and tables
        raise error(TOO_DEEP, file=source) from None
    except ValueError as err:  # e.g. an integer with more digits than Python will convert
        raise error(f"not valid TOML: {lower_first(str(err))}", file=source) from None
    too_deep = _too_deep(document)
    if too_deep is not None:
        where = visible(place(too_deep))
        if len(where) > _PLACE_SHOWN:
            where = where[: _PLACE_SHOWN - 3] + "..."
        raise error(TOO_DEEP, file=source, place=where)
    return document


def _too_deep(document: dict[str, Any]) -> tuple[int | str, ...] | None:
    """The place of the first value deeper than MAX_DEPTH, found without recursion
    (tomllib builds dotted keys and table headers without it, thousands of levels deep).

    The tables and arrays are taken a level at a time, the document's being level 0: a
    value deeper than MAX_DEPTH is one inside a non-empty table or array at level
    MAX_DEPTH. Only a document that has one is walked again, value by value, for the place.
    """
    level: list[Any] = [document]
    for _ in range(MAX_DEPTH):
        inner: list[Any] = []
        for node in level:
            values = node.values() if isinstance(node, dict) else node
            inner.extend(value for value in values if isinstance(value, dict | list))
        if not inner:
            return None
        level = inner
    if not any(level):
        return None
    return _first_too_deep(document)


def _first_too_deep(document: dict[str, Any]) -> tuple[int | str, ...] | None:
    """The place of the first value deeper than MAX_DEPTH, in the order of the document."""
    pending: list[tuple[Any, tuple[int | str, ...]]] = [(document, ())]
    while pending:
        value, loc = pending.pop()
        if len(loc) > MAX_DEPTH:
            return loc
        inner: list[tuple[int | str, Any]] = []
        if isinstance(value, dict):
            inner = list(value.items())
        elif isinstance(value, list):
            inner = list(enumerate(value))
        pending.extend((child, (*loc, key)) for key, child in reversed(inner))
    return None


DocumentKind = Literal["agenda", "minutes"]


def document_kind(path: Path) -> DocumentKind | None:
    """ "minutes" for what only a held meeting has, "agenda" for what only a plan has, None
    when the file cannot be read as TOML (the loader then words the problem).

    `validate` checks minutes as minutes, and `report` or `new --from` given an agenda say
    so rather than complain of a missing key.
    """
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None
    if "roles" in document:
        return "agenda"
    meeting = document.get("meeting")
    if (isinstance(meeting, dict) and "actual_seconds" in meeting) or "actions" in document:
        return "minutes"
    return None


def lower_first(message: str) -> str:
    return message[:1].lower() + message[1:]


def place(loc: Sequence[int | str]) -> str:
    """("items", 2, "minutes") -> "items[2].minutes"."""
    where = ""
    for part in loc:
        if isinstance(part, int):
            where += f"[{part}]"
        else:
            where += f".{part}" if where else part
    return where
