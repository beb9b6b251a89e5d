"""Shared fixtures: a small agenda, a fake clock, a meeting journaled in memory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from samtui.core.agenda import Agenda
from samtui.core.clock import FakeClock
from samtui.core.meeting import Meeting, MemorySink

AGENDA_TOML = """\
[meeting]
title = "Acme Corp strategic account review"
account = "Acme Corp"
duration = 60
horizon_quarters = 3

[roles]
moderator = "dana"
timekeeper = "li"
scribe = "marco"

[[attendees]]
id = "dana"
name = "Dana Whitfield"
timezone = "America/Chicago"
prepared = true

[[attendees]]
id = "li"
name = "Li Wei"
timezone = "Asia/Shanghai"

[[attendees]]
id = "marco"
name = "Marco Rossi"
timezone = "Europe/Rome"

[[attendees]]
id = "renee"
name = "Renée Dubois"

[[items]]
title = "Check-in round"
minutes = 10
kind = "round"
turn_minutes = 2

[[items]]
title = "Stakeholder map"
minutes = 30
lead = "dana"
prompts = ["Who has final authority?"]

[[items]]
title = "Actions"
minutes = 20
"""


@pytest.fixture(autouse=True)
def _state_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes journals into the real user state folder."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def agenda() -> Agenda:
    return Agenda.loads(AGENDA_TOML, "acme.toml")


@pytest.fixture
def agenda_file(tmp_path: Path) -> Path:
    path = tmp_path / "acme.toml"
    path.write_text(AGENDA_TOML, encoding="utf-8")
    return path


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sink() -> MemorySink:
    return MemorySink()


@pytest.fixture
def meeting(agenda: Agenda, sink: MemorySink, clock: FakeClock) -> Iterator[Meeting]:
    yield Meeting(agenda, sink, clock)
