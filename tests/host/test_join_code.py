"""The join code: read aloud, typed back however it was heard."""

from __future__ import annotations

import re

from samtui.host.code import matches, new_code


def test_a_code_is_two_groups_of_four_without_look_alikes() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200  # new each time
    for code in codes:
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code), code
        assert not set(code) & set("01ILO"), code


def test_a_code_matches_as_typed_from_hearing_it() -> None:
    assert matches("K7RP-M4XQ", "K7RP-M4XQ")
    assert matches("K7RP-M4XQ", "k7rp m4xq")
    assert matches("K7RP-M4XQ", " k7rpm4xq ")
    assert not matches("K7RP-M4XQ", "K7RP-M4XR")
    assert not matches("K7RP-M4XQ", "K7RP")
    assert not matches("K7RP-M4XQ", "")
    assert not matches("K7RP-M4XQ", None)
