"""config.toml: the user's settings (keys remapped, the theme), read and checked in words.

The file lives in samtui's XDG config folder (`samtui.locations.config_path()`):

    theme = "projector"      # remembered when a theme is picked in the palette

    [keys]                   # binding id = key, in Textual's names
    next_item = "f12"
    previous_item = "ctrl+b,f7"

A bad file is one `ConfigError` naming the file and the key (`config.toml: keys.nxt_item:
unknown binding id "nxt_item" (did you mean "next_item"?)`); the app then starts with
the defaults and shows the line, and `samtui config` exits 2 with it.

The table of binding ids and theme names is the UI's, so `load` takes them as arguments:
this module imports no Textual at import time (only `parse_key` reads Textual's key names).
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import tomli_w

from samtui.core import durable, tomlfile
from samtui.core.errors import SamtuiError
from samtui.core.safetext import visible

TOP_LEVEL: Final = ("theme", "keys")
MODIFIERS: Final = ("alt", "ctrl", "hyper", "meta", "shift", "super")
"""Textual's modifier names; it sorts them this way in the keys it reports."""
RESERVED: Final[Mapping[str, str]] = {
    "enter": "the note line (Enter adds the note)",
    "ctrl+m": "the note line (to a terminal ctrl+m is Enter)",
    "tab": "moving the focus (Tab)",
    "ctrl+i": "moving the focus (to a terminal ctrl+i is Tab)",
    "shift+tab": "moving the focus back (shift+Tab)",
    "backspace": "the note line (Backspace deletes)",
    "ctrl+h": "the note line (to a terminal ctrl+h is Backspace)",
    "ctrl+question_mark": "the note line (to most terminals ctrl+? is Backspace)",
    "ctrl+j": "the note line (to a terminal ctrl+j is a line feed, which ends the line)",
    "escape": "the dialogs (Esc closes them)",
    "ctrl+c": "copying (ctrl+c)",
}
"""Keys the note line and the dialogs need for themselves, whatever else the UI binds
(`load`'s `reserved` adds those)."""
_EXAMPLES: Final = '"f12", "ctrl+n", "alt+shift+left"'


class ConfigError(SamtuiError):
    """config.toml cannot be read or says something samtui cannot do."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What config.toml sets; everything it leaves out keeps its default."""

    path: Path
    keys: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> keys (Textual's names, comma-separated), only for those remapped."""
    theme: str | None = None
    exists: bool = False
    """False when there is no file yet (every default is in force)."""


def load(
    path: Path,
    *,
    defaults: Mapping[str, str],
    themes: Collection[str],
    reserved: Mapping[str, str] | None = None,
) -> Settings:
    """Read and check the file at `path`; no file means the defaults.

    `defaults` maps every binding id to its default keys (for unknown ids and clashes),
    `themes` names every theme there is, `reserved` the keys no remapping may take, each
    with what it is kept for (the note line's editing keys, the palette's, quit's).
    """
    if not path.exists() and not path.is_symlink():
        return Settings(path)
    text = tomlfile.decode(tomlfile.read_bytes(path, ConfigError, kind="a file"), path, ConfigError)
    document = tomlfile.parse(text, path, ConfigError)
    for name in document:
        if name not in TOP_LEVEL:
            raise ConfigError(_unknown("key", name, TOP_LEVEL), file=path)
    theme = document.get("theme")
    if theme is not None:
        theme = _theme(theme, themes, path)
    keys = _keys(document.get("keys", {}), defaults, {**(reserved or {}), **RESERVED}, path)
    return Settings(path, keys=keys, theme=theme, exists=True)


def _theme(value: Any, themes: Collection[str], path: Path) -> str:
    if not isinstance(value, str):
        raise ConfigError(
            f"must be a theme's name, in quotes {_got(value)}", file=path, place="theme"
        )
    if value not in themes:
        close = difflib.get_close_matches(value, list(themes), n=1)
        said = (
            f" (did you mean {_quoted(close[0])}?)"
            if close
            else f" (known: {', '.join(sorted(themes))})"
        )
        raise ConfigError(f"no theme {_quoted(value)}{said}", file=path, place="theme")
    return value


def _keys(
    table: Any, defaults: Mapping[str, str], reserved: Mapping[str, str], path: Path
) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ConfigError(
            f'must be a table of binding id = key, like [keys] next_item = "f12" {_got(table)}',
            file=path,
            place="keys",
        )
    remapped: dict[str, str] = {}
    for binding_id, value in table.items():
        place = f"keys.{visible(binding_id)}"
        if binding_id not in defaults:
            raise ConfigError(_unknown("binding id", binding_id, defaults), file=path, place=place)
        if not isinstance(value, str):
            raise ConfigError(
                f"must be a key in quotes, like {_EXAMPLES} {_got(value)}", file=path, place=place
            )
        keys = []
        for typed in value.split(","):
            try:
                key = _key_name(typed)
                if key in reserved:  # before "would type": tab is kept for more than typing
                    raise ValueError(f"{_quoted(key)} is kept for {reserved[key]}; pick another")
                _refuse_typing(key, typed)
            except ValueError as err:
                raise ConfigError(str(err), file=path, place=place) from None
            keys.append(key)
        remapped[binding_id] = ",".join(keys)
    _refuse_clashes(remapped, defaults, path)
    return remapped


def _refuse_clashes(remapped: Mapping[str, str], defaults: Mapping[str, str], path: Path) -> None:
    """Two bindings on one key would leave one of them unreachable: say which."""
    owner: dict[str, str] = {}
    for binding_id, default in defaults.items():
        for key in remapped.get(binding_id, default).split(","):
            other = owner.setdefault(key, binding_id)
            if other == binding_id:
                continue
            first, second = sorted((other, binding_id), key=lambda b: b not in remapped)
            if second in remapped:
                said = f"{_quoted(key)} is given to {second} too"
            else:
                said = (
                    f"{_quoted(key)} is already {second}'s key (remap {second} too, "
                    "or pick another)"
                )
            raise ConfigError(said, file=path, place=f"keys.{first}")


def parse_key(text: str) -> str:
    """One key as Textual names it (`"Ctrl+N"` -> `"ctrl+n"`, `"ctrl+?"` ->
    `"ctrl+question_mark"`); ValueError, in words, for what no terminal key can be and
    for a key that types."""
    key = _key_name(text)
    _refuse_typing(key, text)
    return key


def _types(key: str) -> bool:
    """Whether the key, without ctrl, alt, meta, super or hyper, types a character."""
    from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character

    *modifiers, base = key.split("+")
    if {"ctrl", "alt", "meta", "super", "hyper"} & set(modifiers):
        return False
    return base in set(KEY_NAME_REPLACEMENTS.values()) or key_to_character(base) is not None


def _refuse_typing(key: str, text: str) -> None:
    if _types(key):
        raise ValueError(
            f"{_quoted(text.strip())} would type into the note line; "
            "use ctrl, alt or a function key"
        )


def _key_name(text: str) -> str:
    """The key as Textual names it; ValueError for what is no key."""
    from textual.keys import KEY_NAME_REPLACEMENTS, Keys, key_to_character

    key = text.strip()
    if not key:
        raise ValueError(f"an empty key {_got(text)}; keys look like {_EXAMPLES}")
    *modifiers, base = (re.sub(r"\+\+$", "+plus", key) if key != "+" else "plus").split("+")
    modifiers = [modifier.strip().lower() for modifier in modifiers]
    base = base.strip()
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            raise ValueError(
                f"{_quoted(modifier)} is not a modifier (known: {', '.join(MODIFIERS)}) "
                f"{_got(text)}"
            )
    if len(set(modifiers)) != len(modifiers):
        raise ValueError(f"a modifier given twice {_got(text)}")
    if len(base) == 1 and not base.isalnum():
        name = unicodedata.name(base, base).lower().replace("-", "_").replace(" ", "_")
        base = KEY_NAME_REPLACEMENTS.get(name, name)
    elif len(base) > 1 or modifiers:
        base = base.lower()
    characters = set(KEY_NAME_REPLACEMENTS.values())  # "plus", "slash": Textual's own names
    named = {member.value.rpartition("+")[2] for member in Keys if "<" not in member.value}
    types = base in characters or key_to_character(base) is not None
    if base not in named and not types:
        raise ValueError(f"{_quoted(text.strip())} is not a key; keys look like {_EXAMPLES}")
    return "+".join([*sorted(modifiers), base])


def remember_theme(path: Path, theme: str) -> None:
    """Set `theme = "..."` in the file, keeping the rest as the user wrote it.

    The top-level `theme` line is edited in place (or one is added above the first
    table), so comments and layout stay; the result is read back with tomllib and must
    equal the old settings with the new theme. Where it would not (a theme written in a
    form this edit does not know), the file is written again by tomli-w: the same
    settings, without the comments. A file that cannot be read is left alone (ConfigError).
    """
    old = ""
    if path.exists() or path.is_symlink():
        old = tomlfile.decode(
            tomlfile.read_bytes(path, ConfigError, kind="a file"), path, ConfigError
        )
    document = tomlfile.parse(old, path, ConfigError)
    wanted = {**document, "theme": theme}
    text = _with_theme_line(old, theme)
    try:
        kept = tomllib.loads(text) == wanted
    except tomllib.TOMLDecodeError:
        kept = False
    if not kept:
        text = tomli_w.dumps(wanted)
    durable.write_atomic(path, text, overwrite=True, error=ConfigError)


_THEME_LINE: Final = re.compile(
    r"""^(?P<key>[ \t]*theme[ \t]*=[ \t]*)(?P<value>"(?:[^"\\\n]|\\.)*"|'[^'\n]*')?.*?"""
    r"(?P<comment>[ \t]+#.*)?$",
    flags=re.M,
)
"""A top-level `theme = "..."` line; a comment after the value is kept."""
_TABLE_HEADER: Final = re.compile(r"^[ \t]*\[", flags=re.M)


def _with_theme_line(text: str, theme: str) -> str:
    line = tomli_w.dumps({"theme": theme}).rstrip("\n")
    header = _TABLE_HEADER.search(text)
    top = text[: header.start()] if header else text
    found = _THEME_LINE.search(top)
    if found is not None:
        return text[: found.start()] + line + (found["comment"] or "") + text[found.end() :]
    if header is None:
        return (text if not text or text.endswith("\n") else text + "\n") + line + "\n"
    # above the first table and the comment lines just above it (they are its own),
    # unless they open the file (then they are the file's, and the line goes below them)
    start = header.start()
    lines = text[:start].splitlines(keepends=True)
    kept = list(lines)
    while kept and kept[-1].lstrip().startswith("#"):
        kept.pop()
    at = sum(len(part) for part in (kept or lines))
    return text[:at] + line + "\n\n" + text[at:]


def _unknown(what: str, name: str, known: Collection[str]) -> str:
    message = f"unknown {what} {_quoted(name)}"
    close = difflib.get_close_matches(name, list(known), n=1)
    return message + (f" (did you mean {_quoted(close[0])}?)" if close else "")


def _quoted(value: str) -> str:
    shown = visible(value if len(value) <= 60 else value[:57] + "...")
    return json.dumps(shown, ensure_ascii=False).encode("utf-8", "backslashreplace").decode()


def _got(value: Any) -> str:
    if isinstance(value, str):
        return f"(got {_quoted(value)})"
    if isinstance(value, bool):
        return f"(got {'true' if value else 'false'})"
    if isinstance(value, dict):
        return "(got a table)"
    if isinstance(value, list):
        return "(got an array)"
    return f"(got {value!r})"
