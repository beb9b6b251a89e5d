"""The README's key table, note syntax and CLI reference stay in step with the code."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from samtui.cli import build_parser
from samtui.ui.keys import NOTE_HELP

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


Row = tuple[frozenset[str], str]


def _key_table(readme: str) -> tuple[set[Row], set[str]]:
    """The Keys section's table: the rows with a binding id (their keys, whole, and the
    id), and every key of the rows without one."""
    start = readme.index("## Keys\n")
    end = readme.find("\n## ", start + 1)
    with_id: set[Row] = set()
    without: set[str] = set()
    for row in re.finditer(r"^\|([^|]*)\|([^|]*)\|", readme[start:end], flags=re.M):
        keys, binding = row.group(1).strip(), row.group(2).strip().strip("`")
        if keys in ("key", "---"):
            continue
        if binding:
            with_id.add((frozenset(keys.split(" or ")), binding))
        else:
            without.update(keys.split(" or "))
    return with_id, without


_NAMES = {"enter": "Enter", "pageup": "PgUp", "pagedown": "PgDn"}


def _named(key: str) -> str:
    """A Textual key as the README writes it: "f10" is F10, "pageup" is PgUp."""
    if re.fullmatch(r"f\d+", key):
        return key.upper()
    return _NAMES.get(key, key)


def _bindings() -> tuple[set[Row], set[str]]:
    """Every binding with an id on the meeting screen, with its keys as the README names
    them; and the keys that stay as they are, without an id: Textual's palette and quit
    (from its App), the note line's Enter and its scroll keys."""
    from textual.app import App

    from samtui.ui.screens.meeting import MeetingScreen
    from samtui.ui.widgets.scribe import ScribePanel

    with_id = set()
    for binding in MeetingScreen.BINDINGS:
        assert not isinstance(binding, tuple) and binding.id is not None, binding
        with_id.add((frozenset(_named(key) for key in binding.key.split(",")), binding.id))
    quit_key = next(b.key for b in App.BINDINGS if not isinstance(b, tuple) and b.action == "quit")
    scrolls = [b.key for b in ScribePanel.BINDINGS if not isinstance(b, tuple)]
    fixed = {App.COMMAND_PALETTE_BINDING, quit_key, "enter", *scrolls}
    return with_id, {_named(key) for key in fixed}


def test_the_readmes_key_table_is_the_bindings() -> None:
    assert _key_table(README) == _bindings()


def test_the_key_table_check_compares_whole_keys() -> None:
    """A README without F1's row fails, though "F1" is inside "F10"."""
    without_f1 = re.sub(r"^\| F1 \|.*\n", "", README, flags=re.M)
    assert without_f1 != README
    assert _key_table(without_f1) != _bindings()
    renamed = README.replace("| F1 | `help` |", "| F11 | `help` |")
    assert _key_table(renamed) != _bindings()


def test_every_note_marker_is_in_the_readme() -> None:
    syntax = _section("Note syntax")
    for typed, _ in NOTE_HELP:
        for marker in re.findall(r"[!?]|\w+\+?:|s/old/new/", typed):
            assert marker in syntax, marker


def test_every_cli_command_and_option_is_in_the_readme() -> None:
    reference = _section("Command line")
    parser = build_parser()
    commands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    for name, command in commands.choices.items():
        assert f"`samtui {name}" in reference, name
        for action in command._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in reference, f"{name} {option}"


def _dialog_keys(screen: type) -> set[str]:
    """The letters a dialog binds (its own keys: Esc and the key that opened it aside)."""
    from textual.binding import Binding

    return {
        binding.key
        for binding in Binding.make_bindings(screen.__dict__["BINDINGS"])
        if len(binding.key) == 1
    }


def test_the_readme_and_the_help_name_every_key_of_the_map_and_the_carried_actions() -> None:
    """The README said F2 offers `s` and `i`; the map's Footer showed a n o u h m l f v."""
    from samtui.ui.keys import BY_ID, KeyChart
    from samtui.ui.screens.carry_over import CarryOverScreen
    from samtui.ui.screens.stakeholders import StakeholderScreen

    rows = {
        row.group(1).strip(): row.group(3)
        for row in re.finditer(r"^\|([^|]*)\|([^|]*)\|(.*)\|$", _section("Keys"), flags=re.M)
    }
    for key, binding_id, screen in [
        ("F2", "stakeholders", StakeholderScreen),
        ("F4", "carry_over", CarryOverScreen),
    ]:
        letters = _dialog_keys(screen)
        assert letters, screen
        assert set(re.findall(r"`([a-z])`", rows[key])) == letters, key
        detail = KeyChart().detail(BY_ID[binding_id])
        assert set(re.findall(r"(?<![\w'])([a-z])(?![\w'])", detail)) >= letters, detail


def test_every_role_of_join_as_is_in_its_help_and_the_readme() -> None:
    """`join --as` takes stage too; its help and the README's row left it out."""
    from samtui.host.server import unknown_role

    parser = build_parser()
    commands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    option = next(a for a in commands.choices["join"]._actions if "--as" in a.option_strings)
    roles = list(option.choices or ())
    assert "stage" in roles
    row = next(line for line in README.splitlines() if line.startswith("| `samtui join "))
    listed = re.search(r"\[--as ([^\]]+)\]", row)
    assert listed is not None and listed.group(1).split("\\|") == roles, row
    assert option.help is not None
    for role in roles:
        assert role in option.help, role
    assert unknown_role("dana") in " ".join(README.split())  # the host's line, as printed
