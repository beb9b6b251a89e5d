"""A view's process never outlives its terminal, even one that does not end on SIGHUP."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from samtui.host.seat import HUNG_UP_STATUS

DEADLINE = 30.0
STUCK = """
import contextlib, os, signal, threading
from samtui.host.seat import take_terminal, watch_the_terminal
take_terminal()
signal.signal(signal.SIGHUP, signal.SIG_IGN)  # a view stuck on its way out
watch_the_terminal(grace=0.2, poll=0.05)
with contextlib.suppress(OSError):  # the test may hang up before the write returns
    os.write(1, b"watching\\n")
threading.Event().wait()
"""
"""A view stuck on its way out. It says it is watching in one write, and a hangup during
that write is no failure of its own: print() wrote twice, and under load the test closed
the terminal between the writes (EIO, exit status 1: 27 of 40 tries with busy cores)."""


def test_a_process_that_ignores_the_hangup_still_ends() -> None:
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", STUCK],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
    )
    os.close(slave)
    try:
        seen = b""
        deadline = time.monotonic() + DEADLINE
        while b"watching" not in seen:
            assert time.monotonic() < deadline, seen
            seen += os.read(master, 1024)
        assert process.poll() is None
        os.close(master)  # the host is gone: the terminal hangs up
        master = -1
        assert process.wait(timeout=DEADLINE) == HUNG_UP_STATUS
    finally:
        if master >= 0:
            os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait()
