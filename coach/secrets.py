"""A password from a password command (as isync's PassCmd), shared by mail and sync.

For users of `pass` or a machine without a keyring: the command prints the password on its
first line. Each feature keeps its own keyring entry; this is only the command's side.
"""

from __future__ import annotations

import subprocess

from coach.errors import CoachError
from coach.i18n import _

COMMAND_TIMEOUT = 60


def from_command(command: str, error: type[CoachError] = CoachError) -> str:
    """The first line the command prints; `error` (a CoachError) says why when it fails."""
    try:
        # A shell, as isync's PassCmd: users write `pass show mail/work | head -1`.
        proc = subprocess.run(command, shell=True, capture_output=True, text=True,
                              timeout=COMMAND_TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise error(_("The password command did not finish within {n} seconds.").format(
            n=COMMAND_TIMEOUT)) from None
    except OSError as exc:
        raise error(_("The password command could not run: {reason}").format(
            reason=exc.strerror or exc)) from None
    password = proc.stdout.split("\n", 1)[0].rstrip("\r")
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or [""])[-1]
        raise error(_("The password command failed (exit status {code}){detail}.").format(
            code=proc.returncode, detail=f": {detail}" if detail else ""))
    if not password:
        raise error(_("The password command printed no password."))
    return password
