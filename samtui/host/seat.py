"""The first thing a view's process does: make its pseudo-terminal its controlling terminal,
and make sure it never outlives that terminal.

`samtui host` starts `python -m samtui.host.seat SESSION ROLE` in a new session with the
terminal's slave as stdin, stdout and stderr; taking it as the controlling terminal here
(not in a pre-exec hook of the host, which is unsafe beside threads) is what makes the
kernel send SIGWINCH on a resize and SIGHUP when the host closes the terminal (the view
then saves its unsent line and ends). Then it is `samtui join SESSION --as ROLE`.

A view whose host was killed has nobody left to end it. If it is still running a few
seconds after its terminal hung up (Textual's output thread can die on the hung-up
terminal and leave the app waiting on it for ever), a watchdog ends the process, so its
view slot frees and the room stops counting it. Its draft is what it last saved (every
second while typing, and on SIGHUP when the app gets to it).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import sys
import termios
import threading
from typing import Final

from samtui import cli

POLL_SECONDS: Final = 0.25
GRACE_SECONDS: Final = 5.0
"""After its terminal hung up, how long the view has to end by itself."""
HUNG_UP_STATUS: Final = 128 + signal.SIGHUP


def take_terminal(descriptor: int = 0) -> None:
    """Make the terminal on `descriptor` this session's controlling terminal."""
    with contextlib.suppress(OSError):  # without one, the view still runs; it misses signals
        fcntl.ioctl(descriptor, termios.TIOCSCTTY, 0)


def hung_up(descriptor: int = 0) -> bool:
    """Whether the terminal has hung up (a hung-up terminal answers every ioctl with EIO)."""
    try:
        fcntl.ioctl(descriptor, termios.TIOCGWINSZ, bytes(8))
    except OSError as err:
        return err.errno == errno.EIO
    return False


def watch_the_terminal(
    descriptor: int = 0, *, grace: float = GRACE_SECONDS, poll: float = POLL_SECONDS
) -> threading.Thread:
    """End the process `grace` seconds after its terminal hung up, if it is still here."""
    stop = threading.Event()

    def watch() -> None:
        while not hung_up(descriptor):
            stop.wait(poll)
        stop.wait(grace)
        os._exit(HUNG_UP_STATUS)

    watcher = threading.Thread(target=watch, name="samtui-terminal-watch", daemon=True)
    watcher.start()
    return watcher


def main(argv: list[str]) -> int:
    take_terminal()
    if os.isatty(0):
        watch_the_terminal()
    session, role = argv
    return cli.main(["join", session, "--as", role, "--no-bell"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
