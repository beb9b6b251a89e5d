"""The palette's ranking as a rule, on titles made for it (samtui.ui.commands.ranked)."""

from __future__ import annotations

from textual.fuzzy import Matcher

from samtui.core.notes import fold
from samtui.ui.commands import Entry, ranked


def _titles(query: str, entries: list[Entry]) -> list[str]:
    return [entry.title for entry, _ in ranked(query, entries, Matcher(fold(query)))]


def _entry(title: str, *, moves: bool = False) -> Entry:
    return Entry(title, lambda: None, moves=moves)


def test_starts_then_word_then_words_then_contains_then_word_starts() -> None:
    entries = [
        _entry("Reparking lot"),  # contains "park"
        _entry("Paper and ink"),  # p..a..r..k, scattered: no match
        _entry("Parts of the kit"),  # "par" starts a word, "k" the next: word starts
        _entry("The park bench"),  # a word starts with it
        _entry("Parking"),  # starts with it
    ]
    assert _titles("park", entries) == [
        "Parking",
        "The park bench",
        "Reparking lot",
        "Parts of the kit",
    ]


def test_each_word_of_the_query_starting_a_word_counts_above_containing() -> None:
    entries = [_entry("a floorrenee b"), _entry("Give the floor to Renée Dubois")]
    assert _titles("floor renee", entries)[0] == "Give the floor to Renée Dubois"


def test_a_jump_never_outranks_the_title_the_query_spells() -> None:
    entries = [
        _entry("Jump to item 2: Stakeholder map", moves=True),
        _entry("Jump to item 3: Map review", moves=True),
        _entry("Stakeholder map"),
    ]
    assert _titles("stakeholder map", entries)[0] == "Stakeholder map"
    assert _titles("map", entries) == [
        "Stakeholder map",
        "Jump to item 2: Stakeholder map",
        "Jump to item 3: Map review",
    ]


def test_case_and_accents_aside() -> None:
    assert _titles("RENEE", [_entry("Mark Renée Dubois absent")]) == ["Mark Renée Dubois absent"]


def test_no_match_no_hit() -> None:
    assert _titles("zzz", [_entry("Stakeholder map")]) == []
    assert _titles("   ", [_entry("Stakeholder map")]) == []


def test_letters_scattered_over_a_title_are_no_match() -> None:
    """The starter agenda's item 3 holds r..e..n..e..e: "renee" found it, nothing lit up."""
    entries = [
        _entry("Jump to item 3: Stakeholder map: stances and influence", moves=True),
        _entry("Give the floor to Renée Dubois"),
    ]
    assert _titles("renee", entries) == ["Give the floor to Renée Dubois"]


def test_pieces_that_start_words_match_and_are_shown() -> None:
    matcher = Matcher("gtf")
    hits = ranked("gtf", [_entry("Give the floor to Li Wei"), _entry("Go left")], matcher)
    assert [(entry.title, found.spans) for entry, found in hits] == [
        ("Give the floor to Li Wei", ((0, 1), (5, 6), (9, 10)))
    ]
    assert _titles("givflo", [_entry("Give the floor to Li Wei")]) == ["Give the floor to Li Wei"]
