"""One view's process in its own pseudo-terminal, relayed to whatever carries the bytes.

The process gets the terminal's slave side as stdin, stdout and stderr, in a session of its
own (samtui.host.seat makes the terminal its controlling one). The master side stays here:
what the process writes goes to `output`, what the remote side types comes in through
`write`, and `resize` sets the window size (the kernel then sends SIGWINCH). Closing the
master hangs the terminal up: the kernel sends SIGHUP, and the view saves its draft and
ends. Back-pressure both ways: output is not read while the remote side cannot take more,
input waits in a bounded buffer while the process does not read.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Callable, Mapping, Sequence
from typing import Final

READ_BYTES: Final = 65536
INPUT_LIMIT: Final = 1 << 20
"""Typed or pasted bytes held while the view does not read; past it, reading from the
connection pauses until the view catches up."""
RESET: Final = (
    "\x1b[?2004l"  # bracketed paste off
    "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"  # mouse reports off
    "\x1b[?1004l"  # focus reports off
    "\x1b[?2048l"  # in-band resize reports off
    "\x1b[<u"  # the kitty keyboard protocol off
    "\x1b[?7h"  # line wrap on
    "\x1b[?1049l"  # back from the alternate screen
    "\x1b[?25h"  # cursor shown
    "\x1b[0m"
)
"""What a view's terminal mode leaves switched on, switched off: for a view that could not
restore the remote terminal itself (it was hung up, or killed)."""


class TerminalView:
    """A process on a pseudo-terminal; `output` gets what it writes, until it ends."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        environment: Mapping[str, str],
        columns: int,
        rows: int,
        output: Callable[[bytes], None],
        pause_input: Callable[[], None],
        resume_input: Callable[[], None],
    ) -> None:
        self.command = list(command)
        self.environment = dict(environment)
        self._size = (columns, rows, 0, 0)
        self._output = output
        self._pause_input = pause_input
        self._resume_input = resume_input
        self._master: int | None = None
        self._pending = bytearray()
        self._reading = False
        self._output_paused = False
        self._output_done = asyncio.Event()
        self.process: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int | None:
        return None if self.process is None else self.process.pid

    async def start(self) -> None:
        master, slave = os.openpty()
        try:
            _set_size(slave, *self._size)
            self.process = await asyncio.create_subprocess_exec(
                *self.command,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=self.environment,
                start_new_session=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)  # only the process holds it now: its end is the master's EIO
        os.set_blocking(master, False)
        self._master = master
        self._start_reading()

    # -- output --------------------------------------------------------------------------

    def _start_reading(self) -> None:
        if self._master is not None and not self._reading and not self._output_paused:
            asyncio.get_running_loop().add_reader(self._master, self._readable)
            self._reading = True

    def _stop_reading(self) -> None:
        if self._master is not None and self._reading:
            asyncio.get_running_loop().remove_reader(self._master)
            self._reading = False

    def _readable(self) -> None:
        assert self._master is not None
        try:
            data = os.read(self._master, READ_BYTES)
        except BlockingIOError:
            return
        except OSError:  # EIO: every copy of the slave side is closed, the process is gone
            data = b""
        if not data:
            self._stop_reading()
            self._output_done.set()
            return
        self._output(data)

    def pause_output(self) -> None:
        """The remote side has enough to send: stop reading, so the process waits."""
        self._output_paused = True
        self._stop_reading()

    def resume_output(self) -> None:
        self._output_paused = False
        if not self._output_done.is_set():
            self._start_reading()

    def silence(self) -> None:
        """Nobody is watching any more (the connection went): what the process still writes
        is read and dropped, so it never waits on a terminal on its way out."""
        self._output = _dropped
        self._pause_input = self._resume_input = _nothing
        self.resume_output()

    # -- input ---------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        """What the remote side typed, in order, however slowly the process reads."""
        if self._master is None:
            return
        self._pending += data
        self._flush()

    def _flush(self) -> None:
        if self._master is None:
            return
        loop = asyncio.get_running_loop()
        try:
            while self._pending:
                written = os.write(self._master, self._pending)
                del self._pending[:written]
        except BlockingIOError:
            pass
        except OSError:  # the process is gone: nobody to type to
            self._pending.clear()
        loop.remove_writer(self._master)
        if self._pending:
            loop.add_writer(self._master, self._flush)
            if len(self._pending) > INPUT_LIMIT:
                self._pause_input()
        else:
            self._resume_input()

    # -- size, end -----------------------------------------------------------------------

    def resize(self, columns: int, rows: int, pixel_width: int = 0, pixel_height: int = 0) -> None:
        """The remote window's new size; the kernel tells the process (SIGWINCH)."""
        self._size = (columns, rows, pixel_width, pixel_height)
        if self._master is not None:
            with contextlib.suppress(OSError):
                _set_size(self._master, *self._size)

    def hang_up(self) -> None:
        """Close the terminal: the process gets SIGHUP (it saves its draft and ends)."""
        if self._master is None:
            return
        master, self._master = self._master, None
        loop = asyncio.get_running_loop()
        if self._reading:
            loop.remove_reader(master)
            self._reading = False
        loop.remove_writer(master)
        os.close(master)
        self._output_done.set()

    async def wait(self) -> int:
        """Until the process has ended and all it wrote has been passed on; its status."""
        assert self.process is not None
        status = await self.process.wait()
        await self._output_done.wait()
        return status

    async def stop(self, grace: float) -> None:
        """End the process as a closed window would (SIGTERM: it saves its draft and puts
        the terminal back), then by hanging up, then by SIGKILL; each given `grace`. What
        it wrote on its way out is passed on before the terminal closes."""
        process = self.process
        if process is None:
            return
        for step in (self._terminate, self.hang_up, self._kill):
            if process.returncode is not None:
                break
            step()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(grace):
                    await process.wait()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(grace):
                await self._output_done.wait()
        self.hang_up()
        await process.wait()

    def _terminate(self) -> None:
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)

    def _kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)


def _dropped(data: bytes) -> None:
    """Output for nobody."""


def _nothing() -> None:
    """Flow control for nobody."""


def _set_size(descriptor: int, columns: int, rows: int, width: int, height: int) -> None:
    fcntl.ioctl(descriptor, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, width, height))
