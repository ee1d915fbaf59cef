"""Whether a Trust Coach window has this data dir open: a lock file the window holds.

The window also answers on a QLocalServer (ui/system/single_instance.py) so that a second `coach`
can raise it; this lock is for headless commands, which never load Qt but must know when
replacing coach.db under a running window would strand the window's writes in the old file.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO

LOCK_NAME = "window.lock"

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the QLocalServer still guards the window
    fcntl = None  # type: ignore[assignment]


def hold_window_lock(data_dir: Path) -> IO[bytes] | None:
    """Take the lock for the lifetime of the returned file; None if another window holds it."""
    if fcntl is None:
        return None
    fd = os.open(Path(data_dir) / LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o600)
    handle = os.fdopen(fd, "r+b")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def window_running(data_dir: Path) -> bool:
    path = Path(data_dir) / LOCK_NAME
    if fcntl is None or not path.exists():
        return False
    with open(path, "rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        with contextlib.suppress(OSError):
            fcntl.flock(handle, fcntl.LOCK_UN)
    return False
