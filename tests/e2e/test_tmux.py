"""One review end to end in a real terminal: tmux runs `samtui run`, the test types keys.

The screen is read with `capture-pane`; every wait polls with a deadline, so a loaded CI
machine is slower but not flaky. The minutes file the app writes is the final word.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from tmux import Tmux, line_became_note, private_tmux, samtui_run

from samtui.core.minutes import Minutes

REPO = Path(__file__).resolve().parents[2]
AGENDA = REPO / "agendas" / "quick-review.toml"

pytestmark = pytest.mark.e2e


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    with private_tmux(tmp_path, "e2e") as server:
        yield server


def test_a_review_in_a_real_terminal_writes_its_minutes(tmux: Tmux, tmp_path: Path) -> None:
    agenda = tmp_path / "quick-review.toml"
    shutil.copyfile(AGENDA, agenda)
    state = tmp_path / "state"
    printed = tmp_path / "stdout.txt"
    program = samtui_run(agenda, state, printed)
    started = tmux.command(
        "new-session", "-d", "-s", "s", "-x", "120", "-y", "36", "-c", str(tmp_path), program
    )
    assert started.returncode == 0, started.stderr

    # F5 starts the meeting, from the check-in screen or (without one) the meeting screen.
    tmux.wait_for(
        lambda screen: (
            "quick account check" in screen
            and ("Start the meeting" in screen or "1. Round" in screen)
        )
    )
    tmux.keys("F5")
    # The meeting screen's title shows before its panels are filled; a key pressed in
    # between can crash the app (CellDoesNotExist, reported), so wait for the started clock.
    tmux.wait_for(lambda screen: "1. Round" in screen and "Meeting 00:0" in screen)
    tmux.keys("C-t")  # a round: the floor goes to the first attendee, Amy
    tmux.wait_for("Floor: Amy Chen")

    # One line at a time, as a scribe types: wait for the line to echo before Enter and
    # for the note line to clear after it. (Keys sent in one burst reach Textual's Input
    # with the Enter handled after the characters typed behind it, merging the lines.)
    lines = [
        ("todo: send the [bold]map[/bold] @ben due:2026-12-10", "send the [bold]map[/bold]"),
        ("! go with plan B", "go with plan B"),
        ("park: invoice dispute", "invoice dispute"),
    ]
    for line, noted in lines:
        typed = line[-24:]
        tmux.type(line)
        tmux.wait_for(typed)
        tmux.keys("Enter")
        tmux.wait_for(partial(line_became_note, typed, noted))
    assert "[bold]map[/bold]" in tmux.screen()  # shown literally, not as markup

    tmux.keys("F10")
    tmux.wait_for(
        lambda screen: "Enter writes the minutes" in screen or "Write the minutes" in screen
    )
    tmux.keys("Enter")
    tmux.wait_for("Minutes written to")
    tmux.keys("Enter")
    tmux.wait_gone()
    assert "Minutes written to" in printed.read_text(encoding="utf-8")

    written = sorted((tmp_path / "minutes").glob(f"quick-review-{date.today():%Y-%m-%d}*.toml"))
    if not written:  # the start date is the local date when F5 was pressed (midnight runs)
        written = sorted((tmp_path / "minutes").glob("quick-review-*.toml"))
    assert len(written) == 1, list(tmp_path.rglob("*"))
    minutes = Minutes.load(written[0])

    assert minutes.meeting.ended_at is not None
    assert [(a.text, a.owner, a.due) for a in minutes.actions] == [
        ("send the [bold]map[/bold]", "ben", date(2026, 12, 10))
    ]
    notes = [(n.kind, n.text) for item in minutes.items for n in item.notes]
    assert ("decision", "go with plan B") in notes
    assert [p.text for p in minutes.parking_lot] == ["invoice dispute"]
    turns = {a.id: a.turns for a in minutes.attendees}
    assert turns == {"amy": 1, "ben": 0, "julia": 0, "omar": 0}


def _start(tmux: Tmux, tmp_path: Path, config_toml: str) -> None:
    """`samtui run` on the quick review with this config.toml, the meeting started."""
    agenda = tmp_path / "quick-review.toml"
    shutil.copyfile(AGENDA, agenda)
    config = tmp_path / "config"
    (config / "samtui").mkdir(parents=True)
    (config / "samtui" / "config.toml").write_text(config_toml, encoding="utf-8")
    program = samtui_run(agenda, tmp_path / "state", tmp_path / "stdout.txt", config)
    started = tmux.command(
        "new-session", "-d", "-s", "s", "-x", "120", "-y", "36", "-c", str(tmp_path), program
    )
    assert started.returncode == 0, started.stderr


def press_until(tmux: Tmux, key: str, shows: Callable[[str], bool]) -> None:
    """Send `key` once and wait until the screen `shows` it was taken. (Sending it again
    after a while would hide a lost key, and under load pause a clock just started.)"""
    tmux.keys(key)
    tmux.wait_for(shows)


def meeting_shown(screen: str) -> bool:
    return "1. Round" in screen and "Meeting 00:0" in screen


def test_a_remapped_key_works_in_a_real_terminal(tmux: Tmux, tmp_path: Path) -> None:
    _start(tmux, tmp_path, '[keys]\nadd_time = "f11"\n')
    tmux.wait_for("Start the meeting")
    press_until(tmux, "F5", meeting_shown)
    press_until(tmux, "F11", lambda screen: "5 more minutes for this item" in screen)
    tmux.keys("C-q")
    tmux.wait_gone()


def test_a_bad_config_is_a_notice_and_the_meeting_runs(tmux: Tmux, tmp_path: Path) -> None:
    _start(tmux, tmp_path, '[keys]\nnxt_item = "f11"\n')
    tmux.wait_for("Config not used")
    tmux.wait_for("nxt_item")
    tmux.wait_for("Start the meeting")
    press_until(tmux, "F5", meeting_shown)  # the defaults are in force
    tmux.keys("C-q")
    tmux.wait_gone()
