"""The sync password: from the OS keyring (Secret Service on Linux) or a password command.

Never in the database. A password command (like isync's PassCmd) prints the password on its
first line, for users of `pass` or a machine without a keyring.
"""

from __future__ import annotations

import contextlib
import subprocess

from coach.errors import CoachError
from coach.i18n import _

SERVICE = "Trust Coach sync"
COMMAND_TIMEOUT = 30


def _keyring():
    try:
        import keyring
        import keyring.errors
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise CoachError(_("No keyring is available; use --password-command.")) from None
    return keyring


def save(key: str, password: str) -> None:
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, key, password)
    except Exception as exc:  # noqa: BLE001 - every backend failure means the same to the user
        raise CoachError(_("Could not save the password in the keyring ({reason}); use "
                           "--password-command instead.").format(reason=_short(exc))) from None


def delete(key: str) -> None:
    keyring = _keyring()
    # Nothing saved, or no keyring: nothing to delete.
    with contextlib.suppress(Exception):
        keyring.delete_password(SERVICE, key)


def get(key: str, command: str | None) -> str:
    if command:
        return run_command(command)
    keyring = _keyring()
    try:
        value = keyring.get_password(SERVICE, key)
    except Exception as exc:  # noqa: BLE001
        raise CoachError(_("Could not read the password from the keyring ({reason}).").format(
            reason=_short(exc))) from None
    if not value:
        raise CoachError(_("No sync password is saved; run `coach sync setup` again, or give "
                           "a --password-command."))
    return value


def run_command(command: str) -> str:
    try:
        proc = subprocess.run(command, shell=True, capture_output=True, text=True,
                              timeout=COMMAND_TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise CoachError(_("The password command did not finish within {n} seconds.").format(
            n=COMMAND_TIMEOUT)) from None
    except OSError as exc:
        raise CoachError(_("The password command could not run: {reason}").format(
            reason=exc.strerror or exc)) from None
    lines = proc.stdout.splitlines()
    if proc.returncode != 0 or not lines or not lines[0]:
        raise CoachError(_("The password command failed (exit status {code}) or printed "
                           "nothing.").format(code=proc.returncode))
    return lines[0]


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
