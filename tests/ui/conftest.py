"""An app on a journaled session with a fake clock: time moves only when a test says so."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The header shows local time: pin the zone so screens are the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def session(agenda_file: Path, clock: FakeClock) -> Iterator[Session]:
    opened = Session.start(agenda_file, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def app(session: Session, clock: FakeClock) -> SamApp:
    return SamApp(session, clock=clock, ring_bell=False, checkin=False)


def _screen_text(app: SamApp) -> str:
    """What the screen shows, as text (from the app's own SVG screenshot)."""
    svg = app.export_screenshot()
    fragments = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return "".join(html.unescape(fragment).replace("\xa0", " ") for fragment in fragments)


@pytest.fixture
def screen_text() -> Callable[[SamApp], str]:
    return _screen_text
