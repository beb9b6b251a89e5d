"""The child process of bench.py's start-up figures: start an app, note its frames, exit.

    python tests/perf/first_frame.py samtui run AGENDA --new   # `samtui run`'s own code path
    python tests/perf/first_frame.py samtui resume SESSION     # `samtui resume`'s
    python tests/perf/first_frame.py bare AGENDA               # a bare Textual app, same widgets

The app runs headless at 160x48: the compositor renders every frame as on a terminal, only
the escape codes are not written. Once no frame has come for QUIET_SECONDS the process
prints one JSON line, {"frames": [monotonic seconds, ...], "peak_rss_kib": VmHWM}, and leaves
at once (os._exit: nothing after the first screen is part of start-up). CLOCK_MONOTONIC is
shared by every process, so the parent subtracts its own time of spawn.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Digits, Footer, Input, Label, OptionList, Static

QUIET_SECONDS = 0.3
"""A start-up burst of frames is over when none has come for this long."""
GIVE_UP_SECONDS = 20.0
SIZE = (160, 48)

frames: list[float] = []


def record_frames() -> None:
    """Wrap App._display, which every screen calls with each frame the compositor made."""
    display: Callable[[App[Any], Screen[Any], RenderableType | None], None] = App._display

    def displayed(app: App[Any], screen: Screen[Any], renderable: RenderableType | None) -> None:
        display(app, screen, renderable)
        if renderable is not None and not app._batch_count:
            frames.append(time.monotonic())

    App._display = displayed  # type: ignore[method-assign,assignment]


def run_headless() -> None:
    """`app.run()` as the CLI calls it, but headless at a fixed size."""
    run = App.run

    def headless(app: App[Any], *args: object, **kwargs: object) -> Any:
        return run(app, headless=True, size=SIZE)

    App.run = headless  # type: ignore[method-assign,assignment]


def report_when_quiet(began: float) -> None:
    """From a thread: once the frames stop, print them and the peak memory, then leave."""
    while True:
        time.sleep(0.01)
        now = time.monotonic()
        if (frames and now - frames[-1] > QUIET_SECONDS) or now - began > GIVE_UP_SECONDS:
            print(json.dumps({"frames": frames, "peak_rss_kib": peak_rss_kib()}), flush=True)
            os._exit(0 if frames else 3)


def peak_rss_kib() -> int:
    """VmHWM, this program's peak: Linux's ru_maxrss keeps the parent's across exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS


class BareApp(App[None]):
    """What any Textual app showing the same agenda with the same standard widgets costs."""

    BINDINGS = [
        Binding("f5", "noop", "Start / pause"),
        Binding("ctrl+n", "noop", "Next item"),
        Binding("ctrl+t", "noop", "Next turn"),
        Binding("f10", "noop", "End"),
        Binding("f1", "noop", "Help"),
    ]
    CSS = """
    #panels { height: 1fr; }
    #panels > * { width: 1fr; border: round $primary; }
    DataTable { height: 1fr; }
    #notes { height: 1fr; }
    """

    def __init__(self, agenda: dict[str, Any]) -> None:
        super().__init__()
        self.agenda = agenda

    def compose(self) -> ComposeResult:
        meeting = self.agenda["meeting"]
        yield Label(f"{meeting['account']} · {meeting['title']}")
        with Horizontal(id="panels"):
            with Vertical():
                yield DataTable(id="items", cursor_type="none")
                yield DataTable(id="attendees", cursor_type="none")
            with Vertical():
                yield Digits(f"{meeting['duration']:02}:00")
                yield Label("left of this item")
                yield Label(f"Meeting 0:00 of {meeting['duration']} min")
                yield Button("Start the meeting", variant="primary")
            with VerticalScroll():
                first = self.agenda["items"][0]
                yield Label(first["title"])
                for prompt in first.get("prompts", []):
                    yield Label(f"• {prompt}")
                yield Static("Nobody has the floor")
            with Vertical():
                yield OptionList(id="notes")
                yield Input(placeholder="note · ! decision · todo: @who", id="note")
        yield Footer()

    def on_mount(self) -> None:
        items = self.query_one("#items", DataTable)
        items.add_columns("Item", "Plan", "Actual")
        for number, item in enumerate(self.agenda["items"], 1):
            items.add_row(f"{number}. {item['title']}", f"{item['minutes']}m", "")
        attendees = self.query_one("#attendees", DataTable)
        attendees.add_columns("Name", "Title", "Zone", "Prep")
        for person in self.agenda["attendees"]:
            attendees.add_row(
                person["name"],
                person.get("title", ""),
                person.get("timezone", ""),
                "✓" if person.get("prepared") else "",
            )
        self.query_one("#note", Input).focus()

    def action_noop(self) -> None:
        """The bindings are there for the Footer to show."""


def main(argv: list[str]) -> None:
    began = time.monotonic()
    record_frames()
    run_headless()
    threading.Thread(target=report_when_quiet, args=(began,), daemon=True).start()
    if argv[:1] == ["bare"]:
        with open(argv[1], "rb") as file:
            BareApp(tomllib.load(file)).run()
    elif argv[:1] == ["samtui"]:
        import samtui.cli

        samtui.cli.main(argv[1:])
    else:
        sys.exit(f"usage: {sys.argv[0]} samtui ARGS... | bare AGENDA")
    threading.Event().wait()  # the reporting thread ends the process


if __name__ == "__main__":
    main(sys.argv[1:])
