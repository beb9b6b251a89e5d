"""The host key (made once, private) and authorized_keys (roles, places of errors)."""

from __future__ import annotations

import os
from pathlib import Path

import asyncssh
import pytest

from samtui.host.keys import KeyFileError, authorized_keys, fingerprint, host_key
from samtui.host.server import ROLES


def test_the_host_key_is_made_once_and_kept_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "samtui" / "host" / "ssh_host_ed25519_key"
    key = host_key(path)
    assert key.algorithm == b"ssh-ed25519"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    again = host_key(path)
    assert fingerprint(again) == fingerprint(key)
    assert fingerprint(key).startswith("SHA256:")
    assert fingerprint(key) == asyncssh.read_private_key(path).get_fingerprint("sha256")


def test_a_host_key_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "host" / "key"
    host_key(path)
    os.chmod(path, 0o644)
    with pytest.raises(KeyFileError) as refused:
        host_key(path)
    assert str(refused.value) == (
        f"{path}: the host key can be read by others (mode 644): chmod 600 it, or remove it "
        "and a new one is made (people then see a new fingerprint)"
    )


def test_a_damaged_host_key_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "host" / "key"
    host_key(path)
    path.write_text("not a key\n")
    with pytest.raises(KeyFileError) as refused:
        host_key(path)
    assert str(refused.value).startswith(f"{path}: is not an OpenSSH private key (")
    assert str(refused.value).endswith("; move it away and a new one is made")


def public(comment: str) -> tuple[asyncssh.SSHKey, str]:
    key = asyncssh.generate_private_key("ssh-ed25519", comment=comment)
    return key.convert_to_public(), key.export_public_key("openssh").decode().strip()


def test_authorized_keys_with_roles_and_addresses(tmp_path: Path) -> None:
    scribe, scribe_line = public("marco@laptop")
    anyone, anyone_line = public("")
    office, office_line = public("office")
    path = tmp_path / "authorized_keys"
    path.write_text(
        "# who may come in without the code\n\n"
        f'samtui-roles="scribe, viewer" {scribe_line}\n'
        f"{anyone_line}\n"
        f'from="10.1.0.0/16",samtui-roles="viewer" {office_line}\n',
        encoding="utf-8",
    )
    keys = authorized_keys(ROLES, path)
    assert [k.line for k in keys.keys] == [3, 4, 5]
    allowed = keys.allows(scribe, "scribe", "192.0.2.1")
    assert allowed is not None and allowed.comment(scribe) == "marco@laptop"
    assert keys.allows(scribe, "moderator", "192.0.2.1") is None
    for role in ROLES:
        assert keys.allows(anyone, role, "192.0.2.1") is not None
    unnamed = keys.allows(anyone, "moderator", "192.0.2.1")
    assert unnamed is not None and unnamed.comment(anyone) == fingerprint(anyone)
    assert keys.allows(office, "viewer", "10.1.2.3") is not None
    assert keys.allows(office, "viewer", "10.2.0.1") is None
    assert keys.allows(office, "scribe", "10.1.2.3") is None


def test_no_authorized_keys_file_lets_no_key_in(tmp_path: Path) -> None:
    assert authorized_keys(ROLES, tmp_path / "missing").keys == ()


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("ssh-ed25519 not-base64", "not an OpenSSH public key"),
        ('samtui-roles="scribe,chair" KEY', 'samtui-roles: no role "chair" (roles: moderator'),
        ("samtui-roles KEY", 'samtui-roles needs a list, e.g. samtui-roles="scribe,viewer"'),
        ('from="10.0.0.1 KEY', "Unbalanced quote in options"),
    ],
)
def test_a_bad_line_is_one_error_naming_the_file_and_the_line(
    tmp_path: Path, line: str, said: str
) -> None:
    _, good = public("ok")
    path = tmp_path / "authorized_keys"
    path.write_text(f"{good}\n{line.replace('KEY', good)}\n", encoding="utf-8")
    with pytest.raises(KeyFileError) as refused:
        authorized_keys(ROLES, path)
    message = str(refused.value)
    assert message.startswith(f"{path}:2: ")
    assert said in message
    assert "\n" not in message
