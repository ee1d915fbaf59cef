"""Writing a file the user named (export, ics, brief --out, the window's "Save as"), safely.

The new content goes to a temp file that mkstemp makes in the target's own folder (0600,
O_EXCL, never following a planted symlink), is synced, then renamed over the target: a
crash leaves the old file or the new one, never half of one, and no other user can read or
redirect the data on its way. Targets that are not regular files (devices, fifos, sockets,
folders, symlinks to them) are refused: renaming over /dev/full would replace the device.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from coach.errors import CoachError
from coach.i18n import _


def check_target(path: Path, force: bool) -> None:
    """Refuse what must not be overwritten; call before the work that makes the content."""
    try:
        info = os.stat(path)  # follows a symlink: what would really be replaced
    except FileNotFoundError:
        if path.is_symlink():
            raise CoachError(_("{path} is a link that points nowhere; choose another file "
                               "name.").format(path=path)) from None
        return
    except OSError as exc:
        raise CoachError(_("Cannot write {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise CoachError(_("{path} is not a regular file (a folder, device or pipe); choose "
                           "another file name.").format(path=path))
    if not force:
        raise CoachError(_("{path} exists already; use --force to overwrite it.").format(
            path=path))


def write_text(path: Path, text: str, force: bool = False) -> None:
    """Write text (UTF-8) to path atomically; refuses an existing file unless force."""
    write_bytes(path, text.encode("utf-8"), force)


def write_bytes(path: Path, data: bytes, force: bool = False) -> None:
    path = Path(path)
    check_target(path, force)
    if path.is_symlink():
        # Replace the file the link points to, not the link: the user named that file.
        path = Path(os.path.realpath(path))
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CoachError(_("Cannot write {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # Checked again just before the rename: the target may have changed meanwhile.
        check_target(path, force)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CoachError(_("Cannot write {path}: {reason}").format(
            path=path, reason=_reason(exc))) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _reason(exc: OSError) -> str:
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return _("the disk is full (free some space and try again)")
    return exc.strerror or str(exc)
