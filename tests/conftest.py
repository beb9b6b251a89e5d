"""Shared fixtures: a small agenda, a fake clock, a meeting journaled in memory."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from samtui.core.agenda import Agenda
from samtui.core.clock import FakeClock, SystemClock
from samtui.core.meeting import Meeting
from samtui.core.session import Session
from samtui.core.sinks import MemorySink

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


REVIEW_TOML = """\
[meeting]
title = "Acme review"
account = "Acme"
duration = 60

[roles]
moderator = "dana"
timekeeper = "li"
scribe = "marco"

[[attendees]]
id = "dana"
name = "Dana Whitfield"
prepared = true
questions = ["Who replaces the CFO?", "Is EMEA in scope?"]

[[attendees]]
id = "li"
name = "Li Wei"
questions = ["What about APAC?"]

[[attendees]]
id = "marco"
name = "Marco Rossi"

[funnel]
currency = "USD"
current = 1200000
target = 2000000

[[stakeholders]]
name = "Jane Ortiz"
title = "VP Sales"
stance = "advocate"
influence = "high"
owner = "dana"
last_validated = 2026-11-20

[[stakeholders]]
name = "Tom Reed"
stance = "neutral"
influence = "high"
last_validated = 2026-01-10

[[items]]
title = "Open actions"
minutes = 10

[[items]]
title = "Stakeholder map"
minutes = 30

[[items]]
title = "Growth"
minutes = 20
"""


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The header shows local time: pin the zone so screens are the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def _state_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes journals into the real user state folder, nor reads (or writes) the
    user's config.toml."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def host_homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This test's own host key and authorized_keys (the XDG homes `samtui host` and
    in-process hosts read), and, at the end, no view process left behind."""
    from hosting import host_environment, view_processes, wait_for

    for name, value in host_environment(tmp_path).items():
        if name.startswith("XDG_"):
            monkeypatch.setenv(name, value)
    yield
    wait_for(lambda: not view_processes(), "every view process has ended", 30)


@pytest.fixture
def live(agenda_file: Path) -> Path:
    """A running meeting's journal (the clock started), closed, as `samtui run` leaves it
    for a host or a server to open."""
    session = Session.start(agenda_file, clock=SystemClock())
    session.meeting.toggle_clock()
    session.close()
    return session.path


@pytest.fixture
def agenda() -> Agenda:
    return Agenda.loads(AGENDA_TOML, "acme.toml")


@pytest.fixture
def agenda_file(tmp_path: Path) -> Path:
    path = tmp_path / "acme.toml"
    path.write_text(AGENDA_TOML, encoding="utf-8")
    return path


@pytest.fixture
def review_file(tmp_path: Path) -> Path:
    """A review with questions brought, a funnel and stakeholders (issue 5's parts)."""
    path = tmp_path / "acme-review.toml"
    path.write_text(REVIEW_TOML, encoding="utf-8")
    return path


@pytest.fixture
def review(review_file: Path, clock: FakeClock) -> Iterator[Session]:
    opened = Session.start(review_file, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def session(agenda_file: Path, clock: FakeClock) -> Iterator[Session]:
    opened = Session.start(agenda_file, clock=clock)
    yield opened
    opened.close()


def _read_screen(app: App[Any]) -> str:
    """What the screen shows, as text (from the app's own SVG screenshot)."""
    svg = app.export_screenshot()
    fragments = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return "".join(html.unescape(fragment).replace("\xa0", " ") for fragment in fragments)


@pytest.fixture
def screen_text() -> Callable[[App[Any]], str]:
    return _read_screen


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sink() -> MemorySink:
    return MemorySink()


@pytest.fixture
def meeting(agenda: Agenda, sink: MemorySink, clock: FakeClock) -> Iterator[Meeting]:
    yield Meeting(agenda, sink, clock)
