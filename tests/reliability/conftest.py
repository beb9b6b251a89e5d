"""Fixtures for the reliability suite: a pinned time zone and the screen read as text.

`session` and `screen_text` are copies of tests/ui/conftest.py's (it does not reach here).
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.app import App

from samtui.core.clock import FakeClock
from samtui.core.session import Session


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The header shows local time: pin the zone so screens are the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def read_screen(app: App[object]) -> str:
    """What the screen shows, as text (from the app's own SVG screenshot)."""
    svg = app.export_screenshot()
    fragments = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return "".join(html.unescape(fragment).replace("\xa0", " ") for fragment in fragments)


@pytest.fixture
def screen_text() -> Callable[[App[object]], str]:
    return read_screen


@pytest.fixture
def session(agenda_file: Path, clock: FakeClock) -> Iterator[Session]:
    """A new session on tests/conftest.py's agenda, on the fake clock."""
    opened = Session.start(agenda_file, clock=clock)
    yield opened
    opened.close()
