"""Waiting for conditions, never for time: every wait is bounded, none is a threshold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot

DEADLINE = 20.0
"""Long enough for a loaded CI machine; a test that needs it has failed anyway."""


async def until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition()` holds; fail naming `what` if it never does."""
    import time

    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await pilot.pause(0.02)


def burst(app: App[Any], keys: str) -> None:
    """Keys as a terminal delivers a fast typist's burst, or a slow link's (ssh): all
    posted before any is handled. Space-separated Textual key names; one letter each."""
    for key in keys.split(" "):
        character = {"space": " ", "enter": "\r"}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))
