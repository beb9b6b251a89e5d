"""An app on a journaled session with a fake clock: time moves only when a test says so."""

from __future__ import annotations

import pytest
from notices import Notices

from samtui.core.clock import FakeClock
from samtui.core.session import Session
from samtui.ui.app import SamApp


@pytest.fixture
def app(session: Session, clock: FakeClock) -> SamApp:
    return SamApp(session, clock=clock, ring_bell=False, checkin=False)


@pytest.fixture
def notices() -> Notices:
    return Notices()
