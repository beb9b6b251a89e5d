"""Textual's Linux driver, with what goes wrong between it and a real terminal fixed.

Textual 8.2's `LinuxDriver` (textual/drivers/linux_driver.py) has faults that lose or
garble notes, each worked around here (and to be reported upstream):

- **SIGCONT starts a second reader.** `_sigcont_application` calls
  `resume_application_mode()` on every SIGCONT, also when the app was never suspended
  (a SIGSTOP cannot be caught, and a terminal hangup sends SIGCONT too), so a second
  input thread and a second writer start beside the running ones and the keys are split
  between two parsers. Here a SIGCONT restarts only a driver that really stopped; one
  that kept running puts the terminal back in its modes and redraws.
- **Pastes are parsed as keys.** An ESC inside a bracketed paste starts an escape
  sequence in `XTermParser`, and what follows leaves the paste as keys. Pastes are taken
  out of the input before the parser (samtui/ui/paste.py), whole, with their control
  characters made visible (samtui/core/safetext.py).
- **A closed terminal blocks the app.** When the terminal goes, the writer thread dies on
  its first failed write and the next 30 writes fill its queue: the event loop blocks for
  good in `WriterThread.write` or `stop`, and no signal handler on the loop runs again.
  Here the writer drops output once the terminal is gone, and the end of input (EOF or
  EIO on a hung-up terminal) is reported to the app as a hangup.
- **The size is stdout's.** `shutil.get_terminal_size()` reads COLUMNS and LINES, then
  stdout: with either set (tmux under a test runner sets them) or stdout redirected, the
  app keeps one size whatever the terminal's. Here it is the size of the terminal drawn on.
"""

from __future__ import annotations

import os
import queue
import selectors
import sys
import termios
import threading
import time
import tty
from codecs import getincrementaldecoder
from typing import IO, Any, Final, Protocol, runtime_checkable

from textual import constants, events
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import (
    KITTY_DISAMBIGUATE_ESCAPE_CODES,
    KITTY_REPORT_ALL_KEYS,
    KITTY_REPORT_ASSOCIATED_TEXT,
    LinuxDriver,
)
from textual.geometry import Size

from samtui.core.safetext import visible
from samtui.ui.paste import Pasted, PasteSplitter

READ_SIZE: Final = 4096
SELECT_SECONDS: Final = 0.1
"""How often the input thread looks up from select() (to stop, and for Textual's parser
timeouts), as Textual's own does."""
MAX_QUEUED_WRITES: Final = 30
"""As Textual's writer: a slow terminal makes the app wait rather than queue frames."""


@runtime_checkable
class HangupListener(Protocol):
    """An app told when the terminal went away."""

    def terminal_hung_up(self) -> None:
        """Called from the input thread: must only hand the work to the event loop."""


class TerminalWriter(threading.Thread):
    """Writes to the terminal in a thread, as Textual's WriterThread, but a terminal that
    went away (EIO, EPIPE) blocks no one: the thread ends and later writes are dropped."""

    def __init__(self, file: IO[str]) -> None:
        super().__init__(daemon=True, name="samtui-output")
        self._queue: queue.Queue[str | None] = queue.Queue(MAX_QUEUED_WRITES)
        self._file = file
        self._gone = threading.Event()

    @property
    def gone(self) -> bool:
        """The terminal refused a write: nothing more is written."""
        return self._gone.is_set()

    def write(self, text: str) -> None:
        self._put(text)

    def _put(self, item: str | None) -> None:
        """Wait while the terminal is slow (as Textual does), never once it is gone."""
        while not self._gone.is_set() and self.is_alive():
            try:
                self._queue.put(item, timeout=SELECT_SECONDS)
            except queue.Full:
                continue
            return

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._file.fileno()

    def flush(self) -> None:
        """A no-op: the thread flushes when its queue is empty."""

    def run(self) -> None:
        try:
            while (text := self._queue.get()) is not None:
                self._file.write(text)
                if self._queue.qsize() == 0:
                    self._file.flush()
            self._file.flush()
        except (OSError, ValueError):  # hung up, or closed: the screen has no one to show
            self._gone.set()

    def stop(self) -> None:
        """End the thread once it has written what is queued (at once if the terminal went)."""
        self._put(None)
        self.join()


class SamtuiDriver(LinuxDriver):
    """LinuxDriver with the faults above worked around; used by SamApp on a terminal."""

    def __init__(
        self,
        app: Any,
        *,
        debug: bool = False,
        mouse: bool = True,
        size: tuple[int, int] | None = None,
    ) -> None:
        self._writer: TerminalWriter | None = None
        super().__init__(app, debug=debug, mouse=mouse, size=size)

    # LinuxDriver.start_application_mode makes its writer as `WriterThread(self._file)` and
    # keeps it in `_writer_thread`: this property puts a TerminalWriter there instead.
    @property  # type: ignore[override]
    def _writer_thread(self) -> TerminalWriter | None:
        return self._writer

    @_writer_thread.setter
    def _writer_thread(self, made: object) -> None:
        if made is None:
            self._writer = None
            return
        assert self._file is not None, "Textual draws on sys.__stderr__"
        self._writer = TerminalWriter(self._file)

    def _get_terminal_size(self) -> tuple[int, int]:
        """The size of the terminal drawn on. LinuxDriver asks shutil, which measures
        stdout: with stdout redirected (`samtui run x > log`) every size was 80x25 and a
        resize never showed."""
        for stream in (self._file, sys.__stdin__):
            if stream is None:
                continue
            try:
                columns, lines = os.get_terminal_size(stream.fileno())
            except (OSError, ValueError):
                continue
            if columns and lines:
                return columns, lines
        return super()._get_terminal_size()

    # -- SIGTSTP and SIGCONT ---------------------------------------------------------------

    def _sigtstp_application(self, *_: object) -> None:
        """Suspend from the event loop, not from the signal handler. Python runs a handler
        between two bytecodes of the main thread, which may be in the middle of a draw's
        `write`, holding the output queue's lock: LinuxDriver's suspend then stops the
        writer, whose last put waits for that lock, and the process never stopped (ctrl+z
        or a shell's SIGTSTP, about one in six under load)."""
        loop = getattr(self, "_loop", None)
        if loop is None or loop.is_closed():
            super()._sigtstp_application()  # before application mode: nothing is drawing
            return
        loop.call_soon_threadsafe(super()._sigtstp_application)

    def _reading(self) -> bool:
        thread = self._key_thread
        return thread is not None and thread.is_alive()

    def _sigcont_application(self, *_: object) -> None:
        if not self._reading():
            super()._sigcont_application()  # back from a real suspend (SIGTSTP): restart
            return
        # Stopped from outside (SIGSTOP) or a hangup's SIGCONT: the threads never stopped.
        # Not here, in a signal handler that may have interrupted a write: on the loop.
        self._loop.call_soon_threadsafe(self._reassert_terminal)

    def _reassert_terminal(self) -> None:
        """Put the terminal back as application mode wants it (a shell may have reset it
        while we were stopped) and redraw everything."""
        if not self._reading() or self._writer is None or self._writer.gone:
            return
        try:
            attributes = termios.tcgetattr(self.fileno)
            attributes[tty.LFLAG] = self._patch_lflag(attributes[tty.LFLAG])
            attributes[tty.IFLAG] = self._patch_iflag(attributes[tty.IFLAG])
            attributes[tty.CC][termios.VMIN] = 1
            termios.tcsetattr(self.fileno, termios.TCSANOW, attributes)
        except termios.error:
            return  # not our terminal any more (hung up)
        self.write("\x1b[?1049h")  # alternate screen
        self._enable_mouse_support()
        self.write("\x1b[?25l")  # hide the cursor
        self.write("\x1b[?1004h")  # focus in/out reports
        if not constants.DISABLE_KITTY_KEY:
            flags = (
                KITTY_DISAMBIGUATE_ESCAPE_CODES
                | KITTY_REPORT_ALL_KEYS
                | KITTY_REPORT_ASSOCIATED_TEXT
            )
            self.write(f"\x1b[={flags};1u")  # set, not push: the stack stays one deep
        self._enable_bracketed_paste()
        self._disable_line_wrap()
        self.flush()
        width, height = self._get_terminal_size()
        size = Size(width, height)
        self._app.post_message(events.Resize(size, size))  # a full layout and repaint

    # -- input -----------------------------------------------------------------------------

    def _hung_up(self) -> None:
        if isinstance(self._app, HangupListener):
            self._app.terminal_hung_up()

    def run_input_thread(self) -> None:
        """Textual's input loop, with pastes taken out first and the end of input a hangup."""
        fileno = self.fileno
        selector = selectors.SelectSelector()
        selector.register(fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        pastes = PasteSplitter()
        # A byte that is not UTF-8 (a paste from a Latin-1 file) becomes U+FFFD, not a crash.
        decode = getincrementaldecoder("utf-8")(errors="replace").decode

        def deliver(pieces: list[Any]) -> None:
            for piece in pieces:
                if isinstance(piece, Pasted):
                    self.process_message(events.Paste(visible(piece.text)))
                else:
                    for message in parser.feed(piece.text):
                        self.process_message(message)

        try:
            while not self.exit_event.is_set():
                deadline = pastes.deadline()
                wait = SELECT_SECONDS
                if deadline is not None:
                    wait = min(wait, max(0.0, deadline - time.monotonic()))
                if selector.select(wait):
                    try:
                        data = os.read(fileno, READ_SIZE)
                    except OSError:
                        data = b""  # EIO: the terminal hung up
                    if not data:
                        if self.input_tty:
                            self._hung_up()
                        break
                    deliver(pastes.feed(decode(data), time.monotonic()))
                else:
                    deliver(pastes.idle(time.monotonic()))
                for message in parser.tick():
                    self.process_message(message)
        finally:
            selector.close()
