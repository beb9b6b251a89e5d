"""The two checks every TOML file a user wrote goes through, made cheap (issue 14) and no
weaker: nested more than 16 deep is refused at its place, and every control character and
bidirectional control in a key or string is shown as its picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samtui import cli
from samtui.core import tomlfile
from samtui.core.errors import AgendaError, MinutesError
from samtui.core.minutes import Minutes
from samtui.core.safetext import visible_everywhere

DEEP = "nested more than 16 deep (tables and arrays within one another)"
GOLDEN_MINUTES = Path(__file__).resolve().parents[1] / "golden" / "minutes.toml"


def refused_at(text: str) -> str | None:
    """The place named when `text` is refused as too deep; None when it is read."""
    try:
        tomlfile.parse(text, "t.toml", AgendaError)
    except AgendaError as err:
        assert str(err).endswith(DEEP), err
        return err.place
    return None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("a." * 15 + "b = 1", None),  # b is the 16th level: allowed
        ("a." * 16 + "b = 1", "a." * 16 + "b"),
        ("y = " + "[" * 15 + "1" + "]" * 15, None),
        ("y = " + "[" * 16 + "1" + "]" * 16, "y" + "[0]" * 16),
        ("y = " + "[" * 16 + "]" * 16, None),  # an empty array at the 16th level
        ("y = " + "[" * 17 + "]" * 17, "y" + "[0]" * 16),
        ("[" + ".".join(["t"] * 16) + "]", None),  # an empty table at the 16th level
        ("[" + ".".join(["t"] * 16) + "]\nk = 1", "t." * 16 + "k"),
        # The first in the document's order, though a later one is deeper.
        ("p = [[1], " + "[" * 20 + "]" * 20 + "]\nq = " + "[" * 30 + "]" * 30, "p[1]" + "[0]" * 15),
    ],
)
def test_nesting_is_refused_past_16_levels_and_only_then(text: str, place: str | None) -> None:
    assert refused_at(text) == place


nested: st.SearchStrategy[Any] = st.recursive(
    st.integers(0, 3) | st.text("ab", max_size=2),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text("kq", max_size=2), inner, max_size=3)
    ),
    max_leaves=60,
)


def depth_of(value: Any) -> int:
    """How many keys and indexes lead to the deepest value inside `value` (0 for none)."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return max((1 + depth_of(inner) for inner in value), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 20).flatmap(lambda levels: st.tuples(st.just(levels), nested)))
def test_any_shape_is_refused_exactly_when_deeper_than_16(sample: tuple[int, Any]) -> None:
    levels, leaf = sample
    document: dict[str, Any] = {"top": leaf}
    for _ in range(levels):
        document = {"d": [document]}
    found = tomlfile._too_deep(document)
    assert (found is not None) == (depth_of(document) > tomlfile.MAX_DEPTH)
    if found is not None:
        assert len(found) == tomlfile.MAX_DEPTH + 1


def test_a_too_deep_minutes_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.toml"
    text = GOLDEN_MINUTES.read_text(encoding="utf-8")
    path.write_text(text + "\n[extra]\nv = " + "[" * 17 + "]" * 17 + "\n", encoding="utf-8")
    assert cli.main(["report", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"{path}: extra.v{'[0]' * 15}: {DEEP}\n"


HOSTILE = {
    "\x1b[2J": "␛[2J",
    "bell\x07": "bell␇",
    "\x7f": "␡",
    "c1\x9b": "c1\ufffd",
    "a\r\nb\rc": "a\nb\nc",
    "Bob\u202e": "Bob⟨U+202E⟩",
    "\u2066x\u2069": "⟨U+2066⟩x⟨U+2069⟩",
}


@pytest.mark.parametrize(("typed", "shown"), list(HOSTILE.items()))
def test_one_hostile_character_anywhere_is_made_visible(typed: str, shown: str) -> None:
    clean = "plain text, tabs\tand\nnewlines, ‎marks‏ and emoji 🙂"
    document = {
        "meeting": {"title": clean},
        "items": [{"notes": [{"text": clean}] * 50 + [{"text": typed}]}],
        typed: [clean],
    }
    made = visible_everywhere(document)
    assert made["items"][0]["notes"][-1]["text"] == shown
    assert made["items"][0]["notes"][0]["text"] == clean
    assert shown in made and typed not in made  # the key too


def test_a_clean_document_is_returned_as_it_is() -> None:
    document = {"a": ["tab\t", "new\nline", {"b": "‎ rtl mark ‏"}], "n": 3}
    assert visible_everywhere(document) is document


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.text(st.sampled_from("a\t\n\r\x1b\x7f\x85\u202a\u2069\u200e"), max_size=4)
        | st.integers(),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.text(st.sampled_from("k\x1b\u202e"), max_size=2), inner, max_size=3
            )
        ),
        max_leaves=30,
    )
)
def test_no_string_is_left_with_a_control(document: Any) -> None:
    def strings(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [*value, *(s for inner in value.values() for s in strings(inner))]
        if isinstance(value, list):
            return [s for inner in value for s in strings(inner)]
        return [value] if isinstance(value, str) else []

    for text in strings(visible_everywhere(document)):
        assert not any(char in text for char in "\r\x1b\x7f\x85\u202a\u2069\u202e"), text


def test_minutes_with_an_escaped_control_are_shown_with_its_picture(tmp_path: Path) -> None:
    text = GOLDEN_MINUTES.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title = "))
    hostile = text.replace(title, 'title = "Q3 \\u001b[31m \\u202eevil"', 1)
    minutes = Minutes.loads(hostile, tmp_path / "m.toml")
    assert minutes.meeting.title == "Q3 ␛[31m ⟨U+202E⟩evil"
    with pytest.raises(MinutesError):
        Minutes.loads(hostile.replace("[meeting]", "[meeting]\n" + "a." * 20 + "b = 1", 1))
