"""The host's own key, and the public keys let in without the join code.

The host key is made once (ed25519) and kept in samtui's data folder, in a folder only its
user can enter and as a file only its user can read: a restarted host is the same host to
every `ssh` that has met it. `authorized_keys` in samtui's config folder is OpenSSH's format,
one key a line; `samtui-roles="scribe,viewer"` before a key limits the roles it may take
(without it, any role), and `from="pattern"` limits the addresses, as in OpenSSH. Other
options are accepted and ignored: a connection is only ever a meeting view.
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import asyncssh

from samtui import locations
from samtui.core import durable
from samtui.core.errors import SamtuiError
from samtui.host.notice import private_folder

ROLES_OPTION: Final = "samtui-roles"


class KeyFileError(SamtuiError):
    """The host key or the authorized_keys file cannot be used as it is."""


def host_key(path: Path | None = None) -> asyncssh.SSHKey:
    """The host key, made on first use."""
    path = path or locations.host_key_path()
    private_folder(path.parent)
    if not path.exists():
        key = asyncssh.generate_private_key("ssh-ed25519", comment="samtui host")
        text = key.export_private_key("openssh").decode("ascii")
        with contextlib.suppress(SamtuiError):  # another host made it first: read theirs
            durable.write_atomic(path, text, make_folders=False, error=KeyFileError)
            path.chmod(0o600)
    try:
        mode = path.stat().st_mode
    except OSError as err:
        raise KeyFileError(f"cannot read the host key ({durable.reason(err)})", file=path) from None
    if mode & 0o077:
        raise KeyFileError(
            f"the host key can be read by others (mode {mode & 0o777:o}): chmod 600 it, "
            "or remove it and a new one is made (people then see a new fingerprint)",
            file=path,
        )
    try:
        return asyncssh.read_private_key(path)
    except (OSError, asyncssh.KeyImportError, ValueError) as err:
        raise KeyFileError(
            f"is not an OpenSSH private key ({err}); move it away and a new one is made",
            file=path,
        ) from None


def fingerprint(key: asyncssh.SSHKey) -> str:
    """As `ssh` prints it on first connect: `SHA256:…`."""
    return key.get_fingerprint("sha256")


@dataclass(frozen=True)
class AllowedKey:
    """One line of authorized_keys."""

    line: int
    entry: asyncssh.SSHAuthorizedKeys
    roles: frozenset[str] | None
    """None: any role."""
    text: str

    def comment(self, key: asyncssh.SSHKey) -> str:
        """What follows the key on its line (`dana@laptop`), or its fingerprint."""
        blob = base64.b64encode(key.public_data).decode("ascii")
        _, found, after = self.text.partition(blob)
        return (after.strip() if found else "") or fingerprint(key)


@dataclass(frozen=True)
class AuthorizedKeys:
    """The keys let in, with the roles each may take."""

    path: Path
    keys: tuple[AllowedKey, ...] = ()

    def allows(self, key: asyncssh.SSHKey, role: str, address: str) -> AllowedKey | None:
        """The line that lets `key` in as `role` from `address`, if any."""
        for allowed in self.keys:
            if allowed.roles is not None and role not in allowed.roles:
                continue
            if allowed.entry.validate(key, "", address) is not None:
                return allowed
        return None


def authorized_keys(roles: Sequence[str], path: Path | None = None) -> AuthorizedKeys:
    """Read authorized_keys (none if the file is missing); a bad line is one error naming
    the file and the line, so a typo never silently locks someone out."""
    path = path or locations.authorized_keys_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return AuthorizedKeys(path)
    except (OSError, UnicodeDecodeError) as err:
        why = durable.reason(err) if isinstance(err, OSError) else "not UTF-8 text"
        raise KeyFileError(f"cannot read it ({why})", file=path) from None
    keys = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        place = f"{path}:{number}"
        try:
            entry = asyncssh.import_authorized_keys(line)
        except (ValueError, asyncssh.KeyImportError) as err:
            why = "not an OpenSSH public key" if "No valid entries" in str(err) else str(err)
            raise KeyFileError(
                f"{why} (one key a line, as ssh-keygen writes them)", file=place
            ) from None
        keys.append(AllowedKey(number, entry, _roles(entry, roles, place), line))
    return AuthorizedKeys(path, tuple(keys))


def _roles(
    entry: asyncssh.SSHAuthorizedKeys, known: Sequence[str], place: str
) -> frozenset[str] | None:
    options = _options(entry)
    values = options.get(ROLES_OPTION)
    if values is None:
        return None
    if not isinstance(values, list):  # `samtui-roles` alone, without a list
        raise KeyFileError(
            f'{ROLES_OPTION} needs a list, e.g. {ROLES_OPTION}="scribe,viewer"', file=place
        )
    roles = {role.strip() for value in values for role in str(value).split(",") if role.strip()}
    unknown = sorted(roles - set(known))
    if unknown:
        raise KeyFileError(
            f'{ROLES_OPTION}: no role "{unknown[0]}" (roles: {", ".join(known)})', file=place
        )
    return frozenset(roles)


def _options(entry: asyncssh.SSHAuthorizedKeys) -> dict[str, object]:
    """The options of the one entry a line makes (asyncssh keeps them on the entry)."""
    for entries in (entry._user_entries, entry._ca_entries, entry._x509_entries):
        for one in entries:
            return dict(one.options)
    return {}
