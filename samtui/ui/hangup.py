"""A hangup or a kill ends samtui within EXIT_SECONDS, every time, with the draft saved.

The normal way out runs on the event loop: save the unfinished note line, then
`App.exit()`. A loop that is blocked (in a terminal write, in Textual's shutdown, in a
journal write waiting for another program's lock) would never get there, and a handler
registered with `loop.add_signal_handler` would never run; nor does a `signal.signal`
handler while the main thread is inside C code. So a watchdog thread hears the signal
by itself: Python's C-level handler writes each signal's number to a wakeup pipe
(`signal.set_wakeup_fd`) at once, whatever the main thread does, and the watchdog reads
it. Then, if the loop has not saved the draft within SAVE_SECONDS, the watchdog saves it
through a journal connection of its own, and if the process still runs at EXIT_SECONDS
it ends it (`os._exit`, status 128 + the signal).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Final

SAVE_SECONDS: Final = 0.75
"""How long the loop has to save the draft before the watchdog does."""
EXIT_SECONDS: Final = 1.8
"""From the signal to the end of the process at the latest (the promise is 2 s)."""
SIGNALS: Final = (signal.SIGHUP, signal.SIGTERM)
_BEGIN: Final = 0xFF  # wakes the watchdog: `begin` was called (a signal number is <= 64)
_STOP: Final = 0xFE  # the app ended by itself: the watchdog has nothing to do

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
        self._once = threading.Lock()
        self._saved = threading.Event()
        self._status = 0
        self._previous: dict[int, _Handler] = {}
        self._woken, self._wake = os.pipe()
        os.set_blocking(self._wake, False)  # set_wakeup_fd wants it; `_send` never waits
        self._wakeup_fd = False

    def install(self) -> None:
        """Catch SIGHUP and SIGTERM (from the main thread, as `signal.signal` requires).
        The watchdog thread starts now and waits (a signal handler must not start one:
        Thread.start takes a lock the interrupted code may hold)."""
        threading.Thread(target=self._watch, name="samtui-hangup", daemon=True).start()
        for signum in SIGNALS:
            self._previous[signum] = signal.signal(signum, self._on_signal)
        previous = signal.set_wakeup_fd(self._wake, warn_on_full_buffer=False)
        if previous != -1:  # the loop's own (a driver with loop signal handlers): keep it
            signal.set_wakeup_fd(previous)
        else:
            self._wakeup_fd = True

    def uninstall(self) -> None:
        if self._wakeup_fd:
            signal.set_wakeup_fd(-1)
            self._wakeup_fd = False
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()
        self._send(_STOP)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        """The Python-level handler: it runs late when the main thread is in C code, but
        the watchdog has heard the signal from the wakeup pipe already."""
        self.begin(128 + signum)

    def begin(self, status: int) -> None:
        """Start ending, once; from any thread or a signal handler. `status` is the exit
        status should the watchdog have to end the process."""
        if not self._once.acquire(blocking=False):
            return
        self._status = status
        self._send(_BEGIN)
        try:
            self._loop.call_soon_threadsafe(self._end)
        except RuntimeError:  # the loop is closed: the app is past it, the watchdog ends it
            self._saved.set()

    def _send(self, byte: int) -> None:
        with contextlib.suppress(BlockingIOError):  # full: the watchdog has plenty to read
            os.write(self._wake, bytes([byte]))

    def _end(self) -> None:
        try:
            self._end_on_loop()
        finally:
            self._saved.set()

    def _watch(self) -> None:
        while True:
            for byte in os.read(self._woken, 64):
                if byte == _STOP:
                    return
                if byte in SIGNALS:
                    self.begin(128 + byte)
                elif byte == _BEGIN:
                    self._end_in_time()
                    return

    def _end_in_time(self) -> None:
        began = time.monotonic()
        if not self._saved.wait(SAVE_SECONDS):
            self._save_elsewhere()
        time.sleep(max(0.0, EXIT_SECONDS - (time.monotonic() - began)))
        os._exit(self._status)
