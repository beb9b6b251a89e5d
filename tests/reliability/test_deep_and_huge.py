"""Files built to exhaust the parser or the arithmetic: a 2 KB agenda nested 500 levels
deep, integers of 400 digits. Each is one line naming the file and the place, exit 2, no
traceback, whichever command reads the file (validate, run, report, new --from).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from samtui import cli
from samtui.ui.app import SamApp

GOLDEN_MINUTES = Path(__file__).resolve().parents[1] / "golden" / "minutes.toml"
BIG = "9" * 400
DEEP = "nested more than 16 deep (tables and arrays within one another)"
SIXTEEN_AS = ".".join(["a"] * 16)


@pytest.fixture(autouse=True)
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def run(self: SamApp) -> None:
        pytest.fail("the app was opened")

    monkeypatch.setattr(SamApp, "run", run)


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1, err
    return err.rstrip("\n")


# Each adds about 2 KB to a good agenda, 500 levels deep in a different way.
DEEP_AGENDAS: dict[str, tuple[Callable[[str], str], str | None]] = {
    "a table header": (
        lambda base: base + "\n[" + ".".join(["a"] * 500) + "]\nb = 1\n",
        f"a.{SIXTEEN_AS}",
    ),
    "a dotted key": (
        lambda base: base + "\n[x]\n" + "a." * 500 + "b = 1\n",
        f"x.{SIXTEEN_AS}",
    ),
    "a dotted key inside [meeting]": (
        lambda base: base.replace("[meeting]\n", "[meeting]\n" + "a." * 500 + "b = 1\n"),
        f"meeting.{'.'.join(['a'] * 16)}",
    ),
    "arrays in arrays": (
        lambda base: base + "\n[x]\ny = " + "[" * 500 + "]" * 500 + "\n",
        None,  # tomllib itself gives up first: no place to name
    ),
    "inline tables": (
        lambda base: base + "\n[x]\ny = " + "{a=" * 500 + "1" + "}" * 500 + "\n",
        None,
    ),
    "arrays 20 deep": (
        lambda base: base + "\n[x]\ny = " + "[" * 20 + "]" * 20 + "\n",
        "x.y" + "[0]" * 15,
    ),
}


@pytest.mark.parametrize("kind", list(DEEP_AGENDAS))
@pytest.mark.parametrize("command", ["validate", "run"])
def test_an_agenda_nested_500_deep(
    command: str, kind: str, agenda_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deepen, place = DEEP_AGENDAS[kind]
    path = agenda_file.with_name("deep.toml")
    path.write_text(deepen(agenda_file.read_text(encoding="utf-8")), encoding="utf-8")
    assert cli.main([command, str(path)]) == 2
    where = f"{place}: " if place else ""
    assert one_line(capsys) == f"{path}: {where}{DEEP}"


def test_nesting_far_deeper_is_the_same_line(
    agenda_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """5,000 levels (10 KB): the pure-Python tomllib builds dotted keys without recursion
    (samtui's own check then names the place); tomli's compiled parser runs out of stack
    first (then the place is not known). Either way: the one line, naming the file."""
    path = agenda_file.with_name("deep.toml")
    deep = "\n[" + ".".join(["a"] * 5000) + "]\n"
    path.write_text(agenda_file.read_text(encoding="utf-8") + deep, encoding="utf-8")
    assert cli.main(["validate", str(path)]) == 2
    assert one_line(capsys) in (f"{path}: a.{SIXTEEN_AS}: {DEEP}", f"{path}: {DEEP}")


@pytest.mark.parametrize("command", ["report", "validate", "new"])
def test_minutes_nested_500_deep(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.toml"
    text = GOLDEN_MINUTES.read_text(encoding="utf-8")
    path.write_text(text.replace("[meeting]\n", "[meeting]\n" + "a." * 500 + "b = 1\n"), "utf-8")
    argv = {
        "report": ["report", str(path)],
        "validate": ["validate", str(path)],
        "new": ["new", str(tmp_path / "next.toml"), "--from", str(path)],
    }[command]
    assert cli.main(argv) == 2
    assert one_line(capsys) == f"{path}: meeting.{'.'.join(['a'] * 16)}: {DEEP}"
    assert not (tmp_path / "next.toml").exists()


HOUR_LIMIT = "must be a whole number from 0 to 316224000"  # ten years of seconds
COUNT_LIMIT = "must be a whole number from 0 to 1000000"
ID_LIMIT = "must be a whole number from 1 to 1000000"
AMOUNT_LIMIT = "must be a whole number from 0 to 1000000000000000000"
GAP_LIMIT = "must be a whole number from -1000000000000000000 to 1000000000000000000"
SHOWN = "9" * 27 + "..."  # the start of the number, as every error shows a long one

# (the line of the golden minutes to change, the place, the message)
HUGE_IN_MINUTES = {
    "meeting seconds": ("actual_seconds = 5520", "meeting.actual_seconds", HOUR_LIMIT),
    "planned minutes": (
        "planned_minutes = 90",
        "meeting.planned_minutes",
        "must be a whole number from 0 to 600",
    ),
    "talk seconds": ("talk_seconds = 1830", "attendees[0].talk_seconds", HOUR_LIMIT),
    "turns": ("turns = 6", "attendees[0].turns", COUNT_LIMIT),
    "item planned": ("planned_seconds = 600", "items[0].planned_seconds", HOUR_LIMIT),
    "item actual": ("actual_seconds = 725", "items[0].actual_seconds", HOUR_LIMIT),
    "funnel current": ("current = 1200000", "funnel.current", AMOUNT_LIMIT),
    "funnel gap": ("gap = 800000", "funnel.gap", GAP_LIMIT),
}


@pytest.mark.parametrize("field", list(HUGE_IN_MINUTES))
@pytest.mark.parametrize("command", ["report", "report --format csv", "validate", "new"])
def test_a_400_digit_number_in_minutes(
    command: str, field: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line, place, limit = HUGE_IN_MINUTES[field]
    text = GOLDEN_MINUTES.read_text(encoding="utf-8")
    assert re.search(f"^{re.escape(line)}$", text, flags=re.M)
    path = tmp_path / "m.toml"
    path.write_text(
        re.sub(
            f"^{re.escape(line)}$", line.split(" = ")[0] + " = " + BIG, text, count=1, flags=re.M
        ),
        encoding="utf-8",
    )
    argv = {
        "report": ["report", str(path)],
        "report --format csv": ["report", str(path), "--format", "csv"],
        "validate": ["validate", str(path)],
        "new": ["new", str(tmp_path / "next.toml"), "--from", str(path)],
    }[command]
    assert cli.main(argv) == 2
    assert one_line(capsys) == f"{path}: {place}: {limit} (got {SHOWN})"


def test_growth_play_and_action_ids_are_bounded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOLDEN_MINUTES.read_text(encoding="utf-8")
    path = tmp_path / "m.toml"
    path.write_text(text.replace("growth_plays = [3, 4]", f"growth_plays = [3, {BIG}]"), "utf-8")
    assert cli.main(["report", str(path)]) == 2
    assert one_line(capsys) == f"{path}: growth_plays[1]: {ID_LIMIT} (got {SHOWN})"
    path.write_text(re.sub("^id = 1$", f"id = {BIG}", text, count=1, flags=re.M), "utf-8")
    assert cli.main(["report", str(path)]) == 2
    assert one_line(capsys) == f"{path}: actions[0].id: {ID_LIMIT} (got {SHOWN})"


@pytest.mark.parametrize("field", ["current", "target"])
def test_a_400_digit_funnel_in_an_agenda(
    field: str, agenda_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = agenda_file
    other = "target" if field == "current" else "current"
    funnel = f'\n[funnel]\ncurrency = "USD"\n{field} = {BIG}\n{other} = 1\n'
    path.write_text(path.read_text(encoding="utf-8") + funnel, "utf-8")
    assert cli.main(["validate", str(path)]) == 2
    assert one_line(capsys) == f"{path}: funnel.{field}: {AMOUNT_LIMIT} (got {SHOWN})"
