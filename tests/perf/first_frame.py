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
from textual.app import App
from textual.screen import Screen

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: perf.bare
from perf.bare import SIZE, BareApp

QUIET_SECONDS = 0.2
"""A start-up burst of frames is over when none has come for this long."""
GIVE_UP_SECONDS = 20.0

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
