"""The scribe's one-line note syntax. A bad line is a value (`NoteError`), never an exception."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from samtui.core.safetext import visible
from samtui.core.vocabulary import NoteKind

# Word prefixes, tried case-insensitively; "+" marks an action as a growth play.
_PREFIXES: tuple[tuple[str, NoteKind, bool], ...] = (
    ("todo+:", "action", True),
    ("action+:", "action", True),
    ("todo:", "action", False),
    ("action:", "action", False),
    ("goal:", "goal", False),
    ("park:", "parked", False),
)
# `@who` starts a word, so "[@click=...]" or an e-mail address stays text.
_OWNER = re.compile(r"(?<!\S)@([^\s@,;:!?()\[\]{}\"']+)")
_DUE = re.compile(r"(?<!\S)due:(\S*)", re.IGNORECASE)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_AMEND = re.compile(r"s/((?:[^/\\]|\\.)+)/((?:[^/\\]|\\.)*)/(g?)")
_SPACES = re.compile(r"\s+")


class Person(Protocol):
    """What the parser needs to know of an attendee."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ParsedNote:
    """A note ready to add: markers already taken out of the text."""

    kind: NoteKind
    text: str
    owner: str | None = None
    due: date | None = None
    growth: bool = False


@dataclass(frozen=True, slots=True)
class Amendment:
    """`s/old/new/` (or `s/old/new/g`): correct the last note as written (`written`)."""

    old: str
    new: str
    every: bool = False

    def apply(self, text: str) -> str | None:
        """The corrected text, or None when `old` is not in it. Without `g`, the first
        place `old` stands as a whole word (nothing but a letter or digit can touch it
        where it touches one), or else the first place at all: `s/li/marco/` changes the
        owner `@li`, not the "li" in "client"."""
        if self.old not in text:
            return None
        if self.every:
            return text.replace(self.old, self.new)
        at = next((i for i in _places(text, self.old) if _whole(text, i, self.old)), None)
        if at is None:
            at = text.index(self.old)
        return text[:at] + self.new + text[at + len(self.old) :]


def _places(text: str, part: str) -> list[int]:
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _whole(text: str, at: int, part: str) -> bool:
    end = at + len(part)
    before = at == 0 or not (text[at - 1].isalnum() and part[0].isalnum())
    after = end == len(text) or not (text[end].isalnum() and part[-1].isalnum())
    return before and after


class Noted(Protocol):
    """What a correction needs of the note it corrects."""

    @property
    def kind(self) -> NoteKind: ...

    @property
    def text(self) -> str: ...

    @property
    def owner(self) -> str | None: ...

    @property
    def due(self) -> date | None: ...

    @property
    def growth(self) -> bool: ...


def written(note: Noted) -> str:
    """The note as a correction sees it: its text, and for an action `@owner` (the owner's
    id) and `due:YYYY-MM-DD`, as they could have been typed."""
    parts = [note.text]
    if note.kind == "action":
        if note.owner is not None:
            parts.append(f"@{note.owner}")
        if note.due is not None:
            parts.append(f"due:{note.due.isoformat()}")
    return " ".join(parts)


def correct(note: Noted, amendment: Amendment, people: Sequence[Person]) -> ParsedNote | NoteError:
    """The note once `amendment` is applied to it as written (its kind stays).

    An `@who` or `due:` the correction writes where it replaced none gives the action a
    new owner or due date (`s/Osaka/Kyoto @renee/`). A correction that takes an owner or
    due date off is refused: the journal records a correction as the fields it sets.
    """
    if note.kind != "action":
        text = amendment.apply(note.text)
        if text is None:
            return NoteError(f'"{amendment.old}" is not in the last note')
        text = _SPACES.sub(" ", text).strip()
        if not text:
            return NoteError("that would leave the note empty")
        return ParsedNote(note.kind, text)
    kept = note
    if _OWNER.search(amendment.new) and not _OWNER.search(amendment.old):
        kept = _Written(note.kind, note.text, None, kept.due, note.growth)
    if _DUE.search(amendment.new) and not _DUE.search(amendment.old):
        kept = _Written(note.kind, note.text, kept.owner, None, note.growth)
    line = amendment.apply(written(kept))
    if line is None:
        return NoteError(f'"{amendment.old}" is not in the last note')
    parsed = _parse_action(_SPACES.sub(" ", line).strip(), people, note.growth)
    if isinstance(parsed, NoteError):
        if parsed.message.startswith("an empty action"):
            return NoteError("that would leave the note empty")
        return parsed
    again = "or remove the note and type it again"
    if parsed.owner is None and note.owner is not None:
        return NoteError(
            f"a correction cannot take an action's owner off: name another (@who), {again}"
        )
    if parsed.due is None and note.due is not None:
        return NoteError(
            "a correction cannot take an action's due date off: give another "
            f"(due:YYYY-MM-DD), {again}"
        )
    return parsed


@dataclass(frozen=True, slots=True)
class _Written:
    kind: NoteKind
    text: str
    owner: str | None
    due: date | None
    growth: bool


@dataclass(frozen=True, slots=True)
class NoteError:
    """Why a line cannot become a note; the UI shows it and keeps the line."""

    message: str


def fold(text: str) -> str:
    """Case- and accent-insensitive form, so `@renee` finds "Renée"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def find_person(token: str, people: Sequence[Person]) -> str | NoteError:
    """An attendee id from `@token`: an exact id, else a unique prefix of a name."""
    for person in people:
        if person.id == token:
            return person.id
    wanted = fold(token)
    matches = [p for p in people if fold(p.name).startswith(wanted)]
    if not matches:
        matches = [p for p in people if fold(p.id) == wanted]
    if len(matches) == 1:
        return matches[0].id
    if not matches:
        return NoteError(f'no attendee matches "@{token}"')
    names = ", ".join(f"{p.name} ({p.id})" for p in matches)
    return NoteError(f'"@{token}" could be {names}: type more of the name or the id')


def parse_note(line: str, people: Sequence[Person]) -> ParsedNote | Amendment | NoteError:
    """Read one typed line. Owner and due markers are honoured on actions only."""
    stripped = visible(line).strip()
    if not stripped:
        return NoteError("nothing to add: type a note")
    amend = _AMEND.fullmatch(stripped)  # only a whole s/old/new/: "s/w licence" is a point
    if amend:
        old, new = (_unescape(part) for part in amend.group(1, 2))
        return Amendment(old, new, every=bool(amend.group(3)))
    kind, growth, body = _split_kind(stripped)
    body = _SPACES.sub(" ", body).strip()
    if kind != "action":
        if not body:
            return NoteError(f"an empty {kind}: type its text after the marker")
        return ParsedNote(kind, body)
    return _parse_action(body, people, growth)


def _split_kind(line: str) -> tuple[NoteKind, bool, str]:
    if line.startswith("!"):
        return "decision", False, line[1:]
    if line.startswith("?"):
        return "question", False, line[1:]
    lowered = line.casefold()
    for prefix, kind, growth in _PREFIXES:
        if lowered.startswith(prefix):
            return kind, growth, line[len(prefix) :]
    return "point", False, line


def _parse_action(body: str, people: Sequence[Person], growth: bool) -> ParsedNote | NoteError:
    owners = _OWNER.findall(body)
    if len(owners) > 1:
        return NoteError("an action has one owner: keep one @name")
    owner: str | None = None
    if owners:
        found = find_person(owners[0].rstrip(".-"), people)
        if isinstance(found, NoteError):
            return found
        owner = found
    dues = _DUE.findall(body)
    if len(dues) > 1:
        return NoteError("an action has one due date: keep one due:YYYY-MM-DD")
    due: date | None = None
    if dues:
        raw = dues[0]
        if not _ISO_DAY.fullmatch(raw):
            return NoteError(f'bad due date "{raw}": write due:YYYY-MM-DD')
        try:
            due = date.fromisoformat(raw)
        except ValueError:
            return NoteError(f'bad due date "{raw}": no such day')
    text = _DUE.sub(" ", _OWNER.sub(" ", body))
    text = _SPACES.sub(" ", text).strip()
    if not text:
        return NoteError("an empty action: say what is to be done")
    return ParsedNote("action", text, owner, due, growth)


def _unescape(part: str) -> str:
    return re.sub(r"\\(.)", r"\1", part)
