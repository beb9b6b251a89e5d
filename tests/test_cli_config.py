"""`samtui config`: where config.toml is and the settings in force; a bad file exits 2."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from samtui import cli

IDS = [
    "toggle_clock",
    "next_item",
    "previous_item",
    "next_turn",
    "give_floor",
    "release_floor",
    "add_time",
    "stakeholders",
    "ask_question",
    "carry_over",
    "park",
    "growth_play",
    "recap",
    "end_meeting",
    "stage_view",
    "help",
]
"""Today's binding ids, as the README lists them."""


@pytest.fixture
def config_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "samtui" / "config.toml"


def test_without_a_file_it_says_where_and_that_the_defaults_are_in_force(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["config"]) == 0
    out, err = capsys.readouterr()
    first = out.splitlines()[0]
    assert first == f"# {config_file}  (no such file yet: every default is in force)"
    printed = tomllib.loads(out)  # what it prints is TOML a user can copy
    assert list(printed) == ["keys"]
    assert list(printed["keys"]) == IDS
    assert printed["keys"]["next_item"] == "ctrl+n"
    assert printed["keys"]["previous_item"] == "ctrl+b,f7"
    assert err == ""


def test_it_prints_the_remapped_keys_and_the_theme(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('theme = "projector"\n[keys]\nnext_item = "F11"\n', encoding="utf-8")
    assert cli.main(["config"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == f"# {config_file}"
    printed = tomllib.loads(out)
    assert printed["theme"] == "projector"
    assert printed["keys"]["next_item"] == "f11"
    assert printed["keys"]["toggle_clock"] == "f5"
    remapped = [line for line in out.splitlines() if "remapped" in line]
    assert remapped == ['next_item = "f11"            # remapped; the default is ctrl+n']


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '[keys]\nnxt_item = "f12"\n',
            'keys.nxt_item: unknown binding id "nxt_item" (did you mean',
        ),
        ('[keys]\nnext_item = "ctrl+wat"\n', 'keys.next_item: "ctrl+wat" is not a key'),
        ("[keys]\nnext_item = 12\n", "keys.next_item: must be a key in quotes"),
        ('theme = "projektor"\n', 'theme: no theme "projektor" (did you mean "projector"?)'),
        ("[keys\n", ":1:6: expected ']'"),
        ('[keys]\nnext_item = "f12"\n', 'keys.next_item: "f12" is already stage_view\'s key'),
    ],
)
def test_a_bad_file_is_one_line_and_exit_status_2(
    config_file: Path, capsys: pytest.CaptureFixture[str], text: str, said: str
) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text(text, encoding="utf-8")
    assert cli.main(["config"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(str(config_file)) and said in err, err
    assert err.count("\n") == 1


def test_a_bad_file_leaves_the_app_the_defaults_and_the_line(config_file: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('[keys]\nnxt_item = "f12"\n', encoding="utf-8")
    settings, problem = cli._settings()  # what run, resume and join hand the app
    assert settings.keys == {} and settings.theme is None
    assert settings.path == config_file
    assert problem is not None and str(problem).startswith(f"{config_file}: keys.nxt_item: ")


NOTE_LINE_KEYS = [
    "left",
    "right",
    "up",
    "down",
    "home",
    "end",
    "backspace",
    "delete",
    "enter",
    "tab",
    "shift+tab",
    "shift+left",
    "shift+home",
    "ctrl+left",
    "ctrl+shift+right",
    "ctrl+a",
    "ctrl+e",
    "ctrl+d",
    "ctrl+k",
    "ctrl+u",
    "ctrl+w",
    "ctrl+x",
    "ctrl+v",
    "ctrl+backspace",
    "alt+backspace",
    "pageup",
    "ctrl+end",
    "escape",
]
"""Keys the note line edits with (or the screen moves focus with): written out by hand."""


@pytest.mark.parametrize("key", NOTE_LINE_KEYS)
def test_a_key_the_note_line_edits_with_is_refused(
    config_file: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text(f'[keys]\nnext_item = "{key}"\n', encoding="utf-8")
    assert cli.main(["config"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f'{config_file}: keys.next_item: "{key}" '), err
    assert "pick another" in err and err.count("\n") == 1, err


def test_every_key_textuals_input_binds_is_refused(config_file: Path) -> None:
    """Read from Textual's Input (and the classes it inherits bindings from), not a list."""
    from textual.binding import Binding
    from textual.widgets import Input

    keys = {
        binding.key
        for cls in Input.__mro__
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
    }
    assert {"left", "up", "ctrl+k", "enter"} <= keys  # the classes were read
    config_file.parent.mkdir(parents=True)
    accepted = []
    for key in sorted(keys):
        config_file.write_text(f'[keys]\nnext_item = "{key}"\n', encoding="utf-8")
        _, problem = cli._settings()
        if problem is None:
            accepted.append(key)
    assert accepted == []


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("ctrl+h", "Backspace"),  # 0x08: terminals send it for Backspace, Textual reads it so
        ("ctrl+question_mark", "Backspace"),  # 0x7f: what most terminals' Backspace sends
        ("ctrl+?", "Backspace"),
        ("ctrl+j", "line feed"),  # 0x0a: ends the note line as Enter does
    ],
)
def test_a_key_a_terminal_sends_as_an_editing_key_is_refused(
    config_file: Path, capsys: pytest.CaptureFixture[str], key: str, why: str
) -> None:
    """The trial: ctrl+h was accepted and shown in the Footer, and pressing it deleted a
    character; so did the README's own example, ctrl+question_mark."""
    config_file.parent.mkdir(parents=True)
    config_file.write_text(f'[keys]\nnext_item = "{key}"\n', encoding="utf-8")
    assert cli.main(["config"]) == 2
    _, err = capsys.readouterr()
    assert err.startswith(f"{config_file}: keys.next_item: "), err
    assert why in err and "pick another" in err and err.count("\n") == 1, err


def test_config_names_the_default_theme(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The trial: it said "Textual's default" while the README and the app use samtui's."""
    assert cli.main(["config"]) == 0
    out, _ = capsys.readouterr()
    assert "# theme: samtui, the default" in out, out
