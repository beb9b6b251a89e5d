"""config.toml: keys remapped and the theme, read with every mistake told at its place."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from samtui import config
from samtui.config import ConfigError, Settings, load, parse_key, remember_theme

DEFAULTS = {"toggle_clock": "f5", "next_item": "ctrl+n", "previous_item": "ctrl+b,f7"}
THEMES = ("projector", "textual-dark", "nord")
RESERVED = {"ctrl+p": "the palette", "ctrl+q": "quitting", "left": "the note line (move left)"}


def _load(path: Path, text: str) -> Settings:
    path.write_text(text, encoding="utf-8")
    return load(path, defaults=DEFAULTS, themes=THEMES, reserved=RESERVED)


def _problem(path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        _load(path, text)
    return str(caught.value)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


def test_no_file_is_every_default(path: Path) -> None:
    settings = load(path, defaults=DEFAULTS, themes=THEMES)
    assert settings == Settings(path)


def test_keys_and_theme_are_read_in_textuals_names(path: Path) -> None:
    settings = _load(
        path, 'theme = "projector"\n[keys]\nnext_item = "F12"\nprevious_item = "Ctrl+B, f7"\n'
    )
    assert settings.theme == "projector"
    assert settings.keys == {"next_item": "f12", "previous_item": "ctrl+b,f7"}
    assert settings.exists


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("f12", "f12"),
        ("F12", "f12"),
        ("Ctrl+N", "ctrl+n"),
        ("shift+ctrl+f5", "ctrl+shift+f5"),  # Textual sorts modifiers
        ("ctrl+?", "ctrl+question_mark"),
        ("ctrl++", "ctrl+plus"),
        ("alt+shift+left", "alt+shift+left"),
        ("ctrl+space", "ctrl+space"),
    ],
)
def test_a_key_as_textual_names_it(typed: str, key: str) -> None:
    assert parse_key(typed) == key


def test_syntax_is_a_line_and_column(path: Path) -> None:
    assert (
        _problem(path, "[keys\n") == f"{path}:1:6: expected ']' at the end of a table declaration"
    )


def test_an_unknown_binding_id_says_which_was_meant(path: Path) -> None:
    assert _problem(path, '[keys]\nnxt_item = "f12"\n') == (
        f'{path}: keys.nxt_item: unknown binding id "nxt_item" (did you mean "next_item"?)'
    )


def test_an_unknown_key_at_the_top_says_which_was_meant(path: Path) -> None:
    assert _problem(path, 'them = "nord"\n') == (
        f'{path}: unknown key "them" (did you mean "theme"?)'
    )


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ('"f99"', '"f99" is not a key; keys look like "f12", "ctrl+n", "alt+shift+left"'),
        ('"ctrl+wat"', '"ctrl+wat" is not a key'),
        ('"cmd+n"', '"cmd" is not a modifier'),
        ('"ctrl+ctrl+n"', "a modifier given twice"),
        ('""', "an empty key"),
        ('"ctrl+b,"', "an empty key"),
        ('"x"', '"x" would type into the note line; use ctrl, alt or a function key'),
        ('"shift+x"', "would type into the note line"),
        ('"tab"', '"tab" is kept for moving the focus (Tab); pick another'),
        ('"ctrl+c"', '"ctrl+c" is kept for copying (ctrl+c); pick another'),
        ('"ctrl+q"', '"ctrl+q" is kept for quitting; pick another'),
        ('"Left"', '"left" is kept for the note line (move left); pick another'),
        ('"f12,left"', '"left" is kept for the note line (move left)'),
        ("12", 'must be a key in quotes, like "f12", "ctrl+n", "alt+shift+left" (got 12)'),
        ('["f12"]', "must be a key in quotes"),
    ],
)
def test_a_bad_key_is_named_at_its_binding(path: Path, typed: str, said: str) -> None:
    problem = _problem(path, f"[keys]\nnext_item = {typed}\n")
    assert problem.startswith(f"{path}: keys.next_item: "), problem
    assert said in problem, problem
    assert "\n" not in problem


def test_two_bindings_on_one_key_are_refused(path: Path) -> None:
    assert _problem(path, '[keys]\nnext_item = "f5"\n') == (
        f'{path}: keys.next_item: "f5" is already toggle_clock\'s key '
        "(remap toggle_clock too, or pick another)"
    )
    assert "is given to" in _problem(path, '[keys]\nnext_item = "f9"\ntoggle_clock = "f9"\n')
    swapped = _load(path, '[keys]\nnext_item = "f5"\ntoggle_clock = "ctrl+n"\n')
    assert swapped.keys == {"next_item": "f5", "toggle_clock": "ctrl+n"}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("theme = 3\n", "theme: must be a theme's name, in quotes (got 3)"),
        ('theme = "projektor"\n', 'theme: no theme "projektor" (did you mean "projector"?)'),
        ('theme = "zzzzzz"\n', 'no theme "zzzzzz" (known: nord, projector, textual-dark)'),
        ("keys = 3\n", 'keys: must be a table of binding id = key, like [keys] next_item = "f12"'),
    ],
)
def test_a_wrong_type_or_theme_is_named(path: Path, text: str, said: str) -> None:
    problem = _problem(path, text)
    assert problem.startswith(f"{path}: ") and said in problem, problem


def test_user_text_in_an_error_is_shown_not_obeyed(path: Path) -> None:
    problem = _problem(path, '[keys]\n"\\u001b[2Jx" = "f12"\n')
    assert "\x1b" not in problem and "␛" in problem


def test_a_file_that_is_not_text_is_one_line(path: Path) -> None:
    path.write_bytes(b"\xff\xfe theme")
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        load(path, defaults=DEFAULTS, themes=THEMES)


def test_remembering_a_theme_keeps_the_users_comments_and_keys(path: Path) -> None:
    original = (
        "# my samtui settings\n"
        'theme = "nord"  # the big room\n'
        "\n"
        "# keys for the left-handed\n"
        "[keys]\n"
        'next_item = "f12"  # far right\n'
    )
    path.write_text(original, encoding="utf-8")
    remember_theme(path, "projector")
    assert path.read_text(encoding="utf-8") == original.replace('"nord"', '"projector"')


def test_a_theme_is_added_above_the_first_table_and_its_comments(path: Path) -> None:
    path.write_text('# mine\n\n# the keys\n[keys]\nnext_item = "f12"\n', encoding="utf-8")
    remember_theme(path, "projector")
    assert path.read_text(encoding="utf-8") == (
        '# mine\n\ntheme = "projector"\n\n# the keys\n[keys]\nnext_item = "f12"\n'
    )


def test_a_theme_goes_below_the_comments_that_open_the_file(path: Path) -> None:
    path.write_text('# mine\n[keys]\nnext_item = "f12"\n', encoding="utf-8")
    remember_theme(path, "projector")
    assert path.read_text(encoding="utf-8") == (
        '# mine\ntheme = "projector"\n\n[keys]\nnext_item = "f12"\n'
    )


def test_a_theme_is_remembered_in_a_new_file_and_folder(tmp_path: Path) -> None:
    path = tmp_path / "samtui" / "config.toml"
    remember_theme(path, "projector")
    assert path.read_text(encoding="utf-8") == 'theme = "projector"\n'


def test_a_theme_in_a_form_the_edit_does_not_know_is_written_again_whole(path: Path) -> None:
    path.write_text('theme = """\nnord"""\n[keys]\nnext_item = "f12"\n', encoding="utf-8")
    remember_theme(path, "projector")
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "theme": "projector",
        "keys": {"next_item": "f12"},
    }


def test_a_bad_file_is_never_overwritten_by_a_theme(path: Path) -> None:
    path.write_text("[keys\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r":1:6: "):
        remember_theme(path, "projector")
    assert path.read_text(encoding="utf-8") == "[keys\n"


def test_reading_the_config_loads_no_textual() -> None:
    probe = (
        "import sys, pathlib, samtui.config as c\n"
        "c.load(pathlib.Path('/nonexistent/config.toml'), defaults={}, themes=())\n"
        "print('textual' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"
    assert config.__doc__ is not None
