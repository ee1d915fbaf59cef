"""Where the user's data lives (the app's own files: coach.resources)."""

from __future__ import annotations

import os
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


def ensure_data_dir(path: Path) -> Path:
    """Create the data dir private to the user (0700); raise a clear error if we cannot."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
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
