"""A hangup or a kill ends samtui within EXIT_SECONDS, every time, with the draft saved.

The normal way out runs on the event loop: save the unfinished note line, then
`App.exit()`. A loop that is blocked (in a terminal write, in Textual's shutdown) would
never get there, and a handler registered with `loop.add_signal_handler` would never run.
So the handlers are plain `signal.signal` ones, which Python runs between bytecodes even
while the loop waits, and each starts a watchdog thread: if the loop has not saved the
draft within SAVE_SECONDS the watchdog saves it through a connection of its own, and if
the process still runs at EXIT_SECONDS it ends it (`os._exit`: status 128 + the signal).
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Final

SAVE_SECONDS: Final = 0.75
"""How long the loop has to save the draft before the watchdog does."""
EXIT_SECONDS: Final = 1.5
"""From the signal to the end of the process at the latest (the promise is 2 s)."""
SIGNALS: Final = (signal.SIGHUP, signal.SIGTERM)

_Handler = Callable[[int, FrameType | None], object] | int | None


class Hangup:
    """Ends the app on SIGHUP, SIGTERM or a terminal that went away (`begin`)."""

    def __init__(
        self,
        *,
        end_on_loop: Callable[[], None],
        save_elsewhere: Callable[[], None],
    ) -> None:
        """`end_on_loop` saves the draft and exits the app (on the loop); `save_elsewhere`
        saves it from another thread, when the loop could not."""
        self._end_on_loop = end_on_loop
        self._save_elsewhere = save_elsewhere
        self._loop = asyncio.get_running_loop()
        self._begun = threading.Lock()
        self._saved = threading.Event()
        self._previous: dict[int, _Handler] = {}

    def install(self) -> None:
        """Catch SIGHUP and SIGTERM (from the main thread, as `signal.signal` requires)."""
        for signum in SIGNALS:
            self._previous[signum] = signal.signal(signum, self._on_signal)

    def uninstall(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        self.begin(128 + signum)

    def begin(self, status: int) -> None:
        """Start ending, once; from any thread or a signal handler."""
        if not self._begun.acquire(blocking=False):
            return
        watchdog = threading.Thread(
            target=self._watch, args=(status,), name="samtui-hangup", daemon=True
        )
        watchdog.start()
        try:
            self._loop.call_soon_threadsafe(self._end)
        except RuntimeError:  # the loop is closed: the app is past it, the watchdog ends it
            self._saved.set()

    def _end(self) -> None:
        try:
            self._end_on_loop()
        finally:
            self._saved.set()

    def _watch(self, status: int) -> None:
        began = time.monotonic()
        if not self._saved.wait(SAVE_SECONDS):
            self._save_elsewhere()
        time.sleep(max(0.0, EXIT_SECONDS - (time.monotonic() - began)))
        os._exit(status)
