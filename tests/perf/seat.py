"""The child process of bench.py's typing and clock figures: one app, one request at a time.

    python tests/perf/seat.py samtui JOURNAL        # samtui's meeting screen on a journal
    python tests/perf/seat.py bare NOTES            # bare.BareTyping listing NOTES notes

Each app runs headless at 160x48 under `run_test`, alone in its process: its garbage
collections walk its own heap only (in one process with the others, a collection during
the empty meeting's key would walk the 50,000-note meeting too). bench.py starts one seat per
subject and baseline and alternates requests between them, so all see the same machine.

Requests on stdin and answers on stdout are JSON, one line each:
    {"do": "key", "key": "a", "character": "a"} -> {"ms": from the key posted to its frame,
                                                    "gc_ms": of it collecting garbage,
                                                    "gc_generation": the oldest, or -1}
    {"do": "tick"}                                -> the same, for one clock tick
    {"do": "line", "text": "..."}                 -> {} (the note line set; not timed)
    {"do": "state"}                               -> {"value": the note line, "notes": N}
The first line out is {"ready": true, "notes": N} once the app has drawn and settled.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from textual import events
from textual.app import App
from textual.widgets import Input, OptionList

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: perf.bare
from perf.bare import SIZE, BareTyping

ROUNDS = 8
"""At most this many frames are drawn for one request (a layout pass can ask for another)."""
DRAIN_SECONDS = 30.0


async def drained(app: App[Any]) -> None:
    """Until the app and every node of its screen have handled what they had queued.

    Each loop step lets every task that has a message run its handler to the end (they
    are synchronous, or wait only for more messages), so once no queue holds anything,
    nothing the request caused is left to do but drawing. Polling costs a loop step; a
    callback queued on each node, as Pilot does, costs a message and an Idle on each of
    some 40 nodes, a millisecond that would be timed as the app's work.
    """
    nodes = [app, *app.screen.walk_children(with_self=True)]
    deadline = time.monotonic() + DRAIN_SECONDS
    while True:
        await asyncio.sleep(0)
        if not any(node.message_queue_size for node in nodes):
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"messages still queued after {DRAIN_SECONDS:.0f} s")


def needs_frame(app: App[Any]) -> bool:
    """Whether the screen holds changes not yet drawn. Private attributes: Textual has no
    public way to ask (its own update timer reads these)."""
    screen = app.screen
    return bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._dirty_widgets
    )


async def settle(app: App[Any]) -> None:
    """Every message the request caused handled, and every frame it asks for drawn.

    Textual draws from a timer that waits up to 1/60 s after the app goes idle, and Pilot's
    `pause` sleeps in steps until it looks idle: either would bury a few milliseconds of work
    under waiting. This waits only for queued messages, then draws as the timer would
    (`Screen._on_timer_update`, private: there is no public way to draw now), and again
    while the frame drawn asks for more (Resize after a layout pass), so what is timed is
    work, all of it, garbage collections included.
    """
    for _ in range(ROUNDS):
        await drained(app)
        if not needs_frame(app):
            return
        app.screen._on_timer_update()


class Collections:
    """The garbage collections during a request (gc.callbacks): what of a slow key they were."""

    def __init__(self) -> None:
        self.spent: list[tuple[int, float]] = []
        self._began = 0.0
        gc.callbacks.append(self._heard)

    def _heard(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.spent.append((info["generation"], (time.perf_counter() - self._began) * 1000))


collections = Collections()


async def timed(app: App[Any], act: Callable[[], object]) -> dict[str, float]:
    """Milliseconds from `act` to the last frame it causes; of them, in garbage collection
    (and the oldest generation collected, -1 for none)."""
    collections.spent.clear()
    began = time.perf_counter()
    act()
    await settle(app)
    spent = (time.perf_counter() - began) * 1000
    return {
        "ms": spent,
        "gc_ms": sum(ms for _, ms in collections.spent),
        "gc_generation": max((generation for generation, _ in collections.spent), default=-1),
    }


async def serve(
    app: App[Any], notes: Callable[[], int], tick: Callable[[], None], answers: TextIO
) -> None:
    def answer(message: Mapping[str, object]) -> None:
        answers.write(json.dumps(message) + "\n")
        answers.flush()

    async with app.run_test(size=SIZE) as pilot:
        deadline = time.monotonic() + DRAIN_SECONDS
        while not isinstance(app.focused, Input):
            if time.monotonic() > deadline:
                raise RuntimeError("the note line never had the focus")
            await pilot.pause()
        await pilot.pause()
        await settle(app)
        note_line = app.focused
        answer({"ready": True, "notes": notes()})
        while line := await asyncio.to_thread(sys.stdin.readline):  # a pipe or a file
            request = json.loads(line)
            match request["do"]:
                case "key":
                    key = events.Key(request["key"], request["character"])
                    answer(await timed(app, partial(app.post_message, key)))
                case "tick":
                    answer(await timed(app, tick))
                case "line":
                    note_line.value = request["text"]
                    await settle(app)
                    answer({})
                case "state":
                    answer({"value": note_line.value, "notes": notes()})
                case other:
                    raise RuntimeError(f"unknown request {other!r}")


def samtui_seat(journal: Path, answers: TextIO) -> None:
    from samtui.core.clock import FakeClock
    from samtui.core.session import Session
    from samtui.ui.app import SamApp
    from samtui.ui.screens.meeting import MeetingScreen

    # The journal's last event was just now. A boot of its own: on the journal's boot the
    # anchor it holds would be reused, and on a meeting longer than this clock has run the
    # offset stays at the last event's (the clocks on screen would not move on a tick).
    clock = FakeClock(datetime.now(UTC), boot="seat")
    session = Session.resume(journal, clock=clock)
    app = SamApp(session, clock=clock, ring_bell=False, checkin=False)

    def tick() -> None:
        """What the screen's 1 s interval runs, the clock having moved on a second."""
        clock.advance(1.0)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        screen.tick()

    try:
        asyncio.run(serve(app, lambda: len(session.meeting.state.notes), tick, answers))
    finally:
        session.close()


def bare_seat(notes: int, answers: TextIO) -> None:
    app = BareTyping(notes)

    def notes_listed() -> int:
        return app.query_one("#notes", OptionList).option_count

    asyncio.run(serve(app, notes_listed, app.tick, answers))


def main(argv: list[str]) -> None:
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    if argv[:1] == ["samtui"] and len(argv) == 2:
        samtui_seat(Path(argv[1]), answers)
    elif argv[:1] == ["bare"] and len(argv) == 2:
        bare_seat(int(argv[1]), answers)
    else:
        sys.exit(f"usage: {sys.argv[0]} samtui JOURNAL | bare NOTES")


if __name__ == "__main__":
    main(sys.argv[1:])
