"""Where the user's data lives (the app's own files: coach.resources)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from coach.errors import CoachError
from coach.i18n import _

DB_NAME = "coach.db"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: --data-dir, then $COACH_DATA_DIR, then the platform's user data dir."""
    chosen = override or os.environ.get("COACH_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser()
    # Imported here because only the default path needs it; --data-dir runs skip the import.
    import platformdirs

    return Path(platformdirs.user_data_dir("trust-coach", appauthor=False))


def private_dir() -> Path:
    """The user's own folder for the crash log and the window's socket (0700, never /tmp).

    $XDG_RUNTIME_DIR (private to the user by the spec) when there is one, else the user
    state folder. Another user can neither read what is written there nor plant a file or
    a symlink in it beforehand.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        folder = Path(runtime) / "trust-coach"
    else:
        import platformdirs

        folder = Path(platformdirs.user_state_dir("trust-coach", appauthor=False))
    return _own_folder(folder)


def cache_dir(name: str) -> Path:
    """A folder of the user's cache (0700, our own): what can be made again, kept to be fast.

    Checked like the private folder, because what is kept there (compiled templates) is
    loaded as code: nobody else may be able to write it.
    """
    import platformdirs

    root = _own_folder(Path(platformdirs.user_cache_dir("trust-coach", appauthor=False)))
    return _own_folder(root / name)


def short_private_dir() -> Path:
    """For a socket when the private folder's path is too long: /tmp/trust-coach-UID, which
    must be our own 0700 folder (checked, as tmux does), or it is refused."""
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    return _own_folder(Path(tempfile.gettempdir()) / f"trust-coach-{uid}")


def _own_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or (
            hasattr(os, "getuid") and info.st_uid != os.getuid()):
        raise CoachError(_("{path} is not your own folder; Trust Coach will not use it.")
                         .format(path=folder))
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(folder, 0o700)
    return folder


def tighten(path: Path) -> None:
    """A data folder made by an older version or by hand with 0755: make it 0700 again."""
    try:
        info = os.stat(path)
        if (stat.S_IMODE(info.st_mode) & 0o077 and hasattr(os, "getuid")
                and info.st_uid == os.getuid()):
            os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)
    except OSError:
        pass  # a read-only or foreign folder: reading still works


def ensure_data_dir(path: Path) -> Path:
    """Create the data dir private to the user (0700); raise a clear error if we cannot."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        tighten(path)
        # A name of its own: several `coach` processes probe the same folder at once.
        probe = path / f".write-test-{os.getpid()}-{threading.get_ident()}"
        probe.write_bytes(b"")
        probe.unlink(missing_ok=True)
    except OSError as exc:
        raise CoachError(
            _("Cannot write to the data directory {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    return path
