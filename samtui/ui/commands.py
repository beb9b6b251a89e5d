"""The command palette: every entry (the meeting's actions, "give the floor to NAME", "jump
to item", Textual's own) from one provider, ranked the same way on every run.

Textual runs each provider in a task of its own and shows hits of equal score in the
order they arrive, so two providers made the order change from run to run ("stakeholder"
then Enter opened the map one time and jumped the meeting to "Stakeholder map" the next).
Here one provider ranks everything: a title that starts with the query comes before one
where the query starts a word, before one that merely contains it, before one whose words
the query's pieces start ("gtf": Give The Floor); within a rank, an entry that moves the
meeting (a jump) comes after one that does not, then the order of the list. Scores are
made distinct, so the palette keeps exactly this order. Every match is one a user can see
(its parts are lit): letters scattered over a title ("renee" in "stakeholdeR map: stancEs
aNd influEncE") are no match.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Final

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from samtui.core.notes import fold

if TYPE_CHECKING:
    from samtui.ui.app import SamApp

MEETING_ONLY: Final = (
    ("Export a snapshot now", "Minutes so far, the meeting goes on", "export_snapshot", True),
    ("Remove the last note", "Undo the scribe's last note", "remove_last_note", True),
)
"""Palette entries of the meeting screen that no key does: (title, help, method, changes)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One palette entry."""

    title: str
    callback: Callable[[], object]
    help: str = ""
    moves: bool = False
    """It moves the live meeting elsewhere (a jump): never ranked above what was spelled."""
    discover: bool = True


@dataclass(frozen=True, slots=True)
class Match:
    """How well a title answers a query."""

    level: int
    """4: the title starts with the query; 3: the query starts a word of it; 2: each word
    of the query starts a word of it, in order; 1: it contains the query; 0: the query's
    letters, cut in pieces, each start a word of it, in order ("gtf", "givflo")."""
    fuzzy: float
    """Textual's fuzzy score, to order titles within a level."""
    spans: tuple[tuple[int, int], ...] = ()
    """Where the query is in the title (character offsets), to highlight."""


def rank(query: str, title: str, matcher: Matcher) -> Match | None:
    """How well `title` answers `query`, case and accents aside ("renee" finds Renée);
    None when it does not match at all."""
    words = fold(query).split()
    if not words:
        return None
    folded, owner = _folded(title)
    fuzzy = matcher.match(folded)
    wanted = " ".join(words)

    def spans(*found: re.Match[str] | None) -> tuple[tuple[int, int], ...]:
        return tuple(
            (owner[m.start()], owner[m.end() - 1] + 1) for m in found if m is not None and m.end()
        )

    if folded.startswith(wanted):
        return Match(4, fuzzy, ((0, owner[len(wanted) - 1] + 1),))
    if found := re.search(rf"(?<!\w){re.escape(wanted)}", folded):
        return Match(3, fuzzy, spans(found))
    each = re.search(
        "".join(rf"(?<!\w)({re.escape(word)}).*?" for word in words).removesuffix(".*?"), folded
    )
    if each is not None:
        groups = tuple(
            (owner[each.start(g)], owner[each.end(g) - 1] + 1) for g in range(1, len(words) + 1)
        )
        return Match(2, fuzzy, groups)
    if found := re.search(re.escape(wanted), folded):
        return Match(1, fuzzy, spans(found))
    pieces = _word_starts("".join(words), folded)
    if pieces is None:
        return None  # letters scattered over a title ("renee" in "stakeholdeR map: stancEs
        # aNd influEncE") are no match: nothing the user could see why
    return Match(0, fuzzy, tuple((owner[a], owner[b - 1] + 1) for a, b in pieces))


def _word_starts(query: str, title: str) -> list[tuple[int, int]] | None:
    """The query cut into pieces that each start a word of the title, in order ("gtf":
    Give The Floor; "givflo": GIVe FLOor); the pieces' places, or None."""
    starts = [m.start() for m in re.finditer(r"(?<!\w)\w", title)]

    @functools.cache
    def pieces(done: int, after: int) -> tuple[tuple[int, int], ...] | None:
        if done == len(query):
            return ()
        for start in starts:
            if start < after:
                continue
            size = 0
            while (
                done + size < len(query)
                and title[start + size : start + size + 1] == query[done + size]
            ):
                size += 1
            for cut in range(size, 0, -1):  # the longest piece first
                rest = pieces(done + cut, start + cut)
                if rest is not None:
                    return ((start, start + cut), *rest)
        return None

    found = pieces(0, 0)
    return list(found) if found is not None else None


def _folded(title: str) -> tuple[str, list[int]]:
    """The title folded, and for each folded character the title's character it came from."""
    parts: list[str] = []
    owner: list[int] = []
    for index, character in enumerate(title):
        folded = fold(character)
        parts.append(folded)
        owner.extend([index] * len(folded))
    return "".join(parts), owner


def ranked(query: str, entries: list[Entry], matcher: Matcher) -> list[tuple[Entry, Match]]:
    """The entries that match, best first (see the module's docstring)."""
    scored = []
    for index, entry in enumerate(entries):
        found = rank(query, entry.title, matcher)
        if found is not None:
            scored.append(((-found.level, entry.moves, -found.fuzzy, index), entry, found))
    scored.sort(key=lambda scored_entry: scored_entry[0])
    return [(entry, found) for _, entry, found in scored]


class SamtuiCommands(Provider):
    """Every palette entry; user text goes in as `Content`, so it stays literal."""

    def _entries(self) -> list[Entry]:
        app = self.app
        entries = [
            Entry(command.title, command.callback, command.help, discover=command.discover)
            for command in app.get_system_commands(self.screen)
        ]
        return entries + list(_meeting_entries(self.screen))

    async def discover(self) -> Hits:
        for entry in self._entries():
            if entry.discover:
                yield DiscoveryHit(
                    Content(entry.title), entry.callback, text=entry.title, help=escape(entry.help)
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        hits = ranked(query, self._entries(), matcher)
        style = self.match_style or "reverse"
        for place, (entry, found) in enumerate(hits):
            shown = Content(entry.title)  # never markup: names and titles are user text
            for start, end in found.spans:
                shown = shown.stylize(style, start, end)
            yield Hit(
                1.0 - place / (len(hits) + 1),  # distinct, so the palette keeps this order
                shown,
                entry.callback,
                text=entry.title,
                help=escape(entry.help),
            )


def _meeting_entries(screen: object) -> Iterator[Entry]:
    """Entries built from the agenda and who is there; none in a view that only follows
    (each of them changes the meeting)."""
    from samtui.ui.screens.meeting import MeetingScreen

    if not isinstance(screen, MeetingScreen):
        return
    app: SamApp = screen.app
    if app.follows_only:
        return
    state = app.session.meeting.state
    for attendee in state.order:
        name = state.names[attendee]
        if state.attendees[attendee].present:
            yield Entry(
                f"Give the floor to {name}", partial(screen.give_floor_to, attendee), "Floor"
            )
            yield Entry(
                f"Mark {name} absent", partial(screen.set_present, attendee, False), "Check-in"
            )
        else:
            yield Entry(
                f"Mark {name} present", partial(screen.set_present, attendee, True), "Check-in"
            )
    for who, number, question in state.question_queue():
        yield Entry(
            f"Ask {state.names[who]}'s question: {question}",
            partial(screen.ask_question, who, number),
            "Questions brought",
        )
    for index, item in enumerate(state.agenda.items):
        yield Entry(
            f"Jump to item {index + 1}: {item.title}",
            partial(screen.go_to_item, index),
            "Agenda",
            moves=True,
        )
