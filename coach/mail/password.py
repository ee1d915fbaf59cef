"""The mail password: from a password command (as isync's PassCmd) or the OS keyring.

Never stored in the database. Every failure is a MailError that says what to do.
"""

from __future__ import annotations

import contextlib
import subprocess

from coach.i18n import _
from coach.mail.account import Account, MailError

SERVICE = "Trust Coach mail"
COMMAND_TIMEOUT = 60


def from_command(command: str) -> str:
    try:
        # A shell, as isync's PassCmd: users write `pass show mail/work | head -1`.
        proc = subprocess.run(command, shell=True, capture_output=True, text=True,
                              timeout=COMMAND_TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise MailError(_("The password command did not finish within {n} seconds.").format(
            n=COMMAND_TIMEOUT)) from None
    except OSError as exc:
        raise MailError(_("The password command could not run: {reason}").format(
            reason=exc.strerror or exc)) from None
    password = proc.stdout.split("\n", 1)[0].rstrip("\r")
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or [""])[-1]
        raise MailError(_("The password command failed (exit status {code}){detail}.").format(
            code=proc.returncode, detail=f": {detail}" if detail else ""))
    if not password:
        raise MailError(_("The password command printed no password."))
    return password


def _keyring_error(exc: Exception) -> MailError:
    name = type(exc).__name__
    if name == "NoKeyringError":
        return MailError(_("No keyring is available on this computer to keep the mail "
                           "password. Use --password-command CMD (for example `pass show "
                           "mail`), or start a keyring such as GNOME Keyring or KWallet."))
    if name == "KeyringLocked" or "locked" in str(exc).lower() or "dismissed" in str(exc).lower():
        return MailError(_("The keyring is locked; unlock it (log in to your desktop) and "
                           "try again, or use --password-command CMD."))
    return MailError(_("The keyring failed: {reason}. Use --password-command CMD "
                       "instead.").format(reason=exc or name))


def save(account: Account, password: str) -> None:
    import keyring

    try:
        keyring.set_password(SERVICE, account.label, password)
    except Exception as exc:  # noqa: BLE001 - every backend raises its own kind
        raise _keyring_error(exc) from None


def get(account: Account) -> str:
    if account.password_command:
        return from_command(account.password_command)
    import keyring

    try:
        password = keyring.get_password(SERVICE, account.label)
    except Exception as exc:  # noqa: BLE001 - every backend raises its own kind
        raise _keyring_error(exc) from None
    if not password:
        raise MailError(_("No mail password is saved in the keyring for {account}. Run "
                          "`coach mail add` again, or use --password-command CMD.").format(
            account=account.label))
    return password


def forget(account: Account) -> None:
    if account.password_command:
        return
    import keyring

    with contextlib.suppress(Exception):  # nothing saved, or no keyring: nothing to remove
        keyring.delete_password(SERVICE, account.label)
