"""The first thing a view's process does: make its pseudo-terminal its controlling terminal.

`samtui host` starts `python -m samtui.host.seat SESSION ROLE` in a new session with the
terminal's slave as stdin, stdout and stderr; taking it as the controlling terminal here
(not in a pre-exec hook of the host, which is unsafe beside threads) is what makes the
kernel send SIGWINCH on a resize and SIGHUP when the host closes the terminal (the view
then saves its unsent line and ends). Then it is `samtui join SESSION --as ROLE`.
"""

from __future__ import annotations

import contextlib
import fcntl
import sys
import termios

from samtui import cli


def main(argv: list[str]) -> int:
    with contextlib.suppress(OSError):  # without one, the view still runs; it only misses signals
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    session, role = argv
    return cli.main(["join", session, "--as", role, "--no-bell"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
