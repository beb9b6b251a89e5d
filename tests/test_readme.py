"""The README's key table, note syntax and CLI reference stay in step with the code."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from samtui.cli import build_parser
from samtui.ui.keys import KEY_HELP, MEETING_KEYS, NOTE_HELP

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def test_every_meeting_key_is_in_the_readme_and_the_help() -> None:
    keys = _section("Keys")
    rows = {m.group(1) for m in re.finditer(r"^\| ([^|]+?) \|", keys, flags=re.M)}
    help_keys = {key for key, _ in KEY_HELP}
    assert rows - {"key"} == help_keys
    for binding in MEETING_KEYS:
        for key in binding.key.split(","):  # type: ignore[union-attr]
            shown = key.upper() if key.startswith("f") else key
            assert any(shown in row for row in help_keys), key


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
