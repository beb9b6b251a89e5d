"""The notice beside the journal: the room shows a live host's code, never a dead one's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from samtui.host.notice import FOLDER, HostNotice, HostTaken, Published, folder_of, read_notice

NOTICE = HostNotice(
    pid=os.getpid(),
    listen="127.0.0.1",
    port=2222,
    code="K7RP-M4XQ",
    fingerprint="SHA256:abc",
    viewers_open=False,
    since="2026-12-03T14:00:00+00:00",
)
PUBLISHER = """
import sys
from pathlib import Path
from samtui.host.notice import HostNotice, Published
notice = HostNotice(1, "0.0.0.0", 2200, "AAAA-BBBB", "SHA256:x", True, "now")
Published.publish(Path(sys.argv[1]), notice)
print("published", flush=True)
sys.stdin.read()
"""


def test_a_published_notice_is_read_until_withdrawn(tmp_path: Path) -> None:
    journal = tmp_path / "acme.sqlite3"
    assert read_notice(journal) is None
    with Published.publish(journal, NOTICE):
        assert read_notice(journal) == NOTICE
        folder = folder_of(journal)
        assert folder == tmp_path / "acme.sqlite3.views" / FOLDER
        assert folder.stat().st_mode & 0o777 == 0o700  # the code lets people write
        with pytest.raises(HostTaken) as taken:
            Published.publish(journal, NOTICE)
        assert str(taken.value) == (
            f"acme: another samtui host already serves this meeting (process {os.getpid()}, "
            "port 2222)"
        )
    assert read_notice(journal) is None


def test_a_killed_hosts_notice_is_stale_and_a_new_host_takes_its_place(tmp_path: Path) -> None:
    journal = tmp_path / "acme.sqlite3"
    publisher = subprocess.Popen(
        [sys.executable, "-c", PUBLISHER, str(journal)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert publisher.stdout is not None and publisher.stdout.readline() == "published\n"
    live = read_notice(journal)
    assert live is not None and live.code == "AAAA-BBBB" and live.viewers_open
    os.kill(publisher.pid, signal.SIGKILL)
    publisher.wait(timeout=30)
    assert (folder_of(journal) / "host.json").exists()  # left behind: nobody removed it
    assert read_notice(journal) is None
    with Published.publish(journal, NOTICE):
        assert read_notice(journal) == NOTICE


def test_the_ssh_command_names_the_port_and_the_address() -> None:
    assert NOTICE.ssh_command("scribe") == "ssh -p 2222 scribe@127.0.0.1"
    on_22 = HostNotice(1, "192.0.2.7", 22, "A", "F", False, "now")
    assert on_22.ssh_command("viewer") == "ssh viewer@192.0.2.7"
    everywhere = HostNotice(1, "0.0.0.0", 2222, "A", "F", False, "now")
    assert everywhere.ssh_command("viewer").endswith(f"viewer@{os.uname().nodename}")
