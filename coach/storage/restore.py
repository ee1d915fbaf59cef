"""Restore: a checked copy of a backup replaces coach.db in one rename.

At every moment coach.db is either the old database or the restored one: the old one is
first linked to a side name (never deleted), then the restored copy is renamed over it.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from coach.errors import CoachError
from coach.i18n import _
from coach.storage.copies import (
    STAMP,
    Restored,
    _cause,
    _copy_database,
    _sync_dir,
    _temp_in,
    backups_dir,
    is_restorable,
    newest_good_backup,
    prune_leftovers,
)
from coach.storage.paths import DB_NAME


def restore_backup(data_dir: Path, source: Path | None, now: datetime) -> Restored:
    """Put a backup in place of coach.db; the current file is moved aside, never deleted."""
    data_dir = Path(data_dir)
    if source is None:
        good = newest_good_backup(data_dir)
        if good is None:
            raise CoachError(_("There is no good backup in {folder}; nothing was changed.")
                             .format(folder=backups_dir(data_dir)))
        source = good.path
    elif not source.is_file():
        raise CoachError(_("There is no file {path}; nothing was changed.").format(path=source))
    elif not is_restorable(source):
        raise CoachError(_("{path} is not a sound Trust Coach backup; nothing was changed.")
                         .format(path=source))
    database = data_dir / DB_NAME
    staged = None
    try:
        prune_leftovers(data_dir)
        staged = _temp_in(data_dir, f".{DB_NAME}.restoring-")
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            _copy_database(reader, staged)
        finally:
            reader.close()
    except (OSError, sqlite3.Error) as exc:
        if staged is not None:
            staged.unlink(missing_ok=True)
        raise CoachError(_("Could not read the backup {path}: {reason}; nothing was changed.")
                         .format(path=source, reason=_cause(exc))) from None
    if not is_restorable(staged):
        staged.unlink(missing_ok=True)
        raise CoachError(_("The copy of {path} failed its check; nothing was changed.")
                         .format(path=source))
    try:
        previous = _keep_previous(database, now)
        # One rename: at every moment coach.db is either the old database or the restored one.
        os.replace(staged, database)
    except (OSError, sqlite3.Error) as exc:
        staged.unlink(missing_ok=True)
        raise CoachError(_("Could not restore {path}: {reason}; nothing was changed.")
                         .format(path=source, reason=_cause(exc))) from None
    _sync_dir(data_dir)
    start_fresh(data_dir)
    return Restored(source, previous)


def _keep_previous(database: Path, now: datetime) -> Path | None:
    """Link the current database to a side name, all of it in the main file first.

    Linking (not renaming) keeps coach.db in place until the restored file replaces it; the
    checkpoint empties the -wal so that no stale log is left to pair with the new file.
    """
    if not database.exists():
        return None
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise CoachError(_("The database is in use by another Trust Coach; close it and "
                               "try again. Nothing was changed."))
        conn.execute("PRAGMA journal_mode = DELETE")  # removes the -wal and -shm
    finally:
        conn.close()
    stamp = now.astimezone(UTC).strftime(STAMP)
    for serial in range(1000):
        target = database.with_name(f"{DB_NAME}.before-restore-{stamp}"
                                    + (f"-{serial}" if serial else ""))
        try:
            os.link(database, target)
            return target
        except FileExistsError:
            continue
        except OSError:
            import shutil

            shutil.copy2(database, target)  # no hard links on this file system
            return target
    raise CoachError(_("Could not keep a copy of the current database; nothing was changed."))


def start_fresh(data_dir: Path) -> bool:
    """The user chose what follows a set-aside database (a restore, or an empty start)."""
    from coach.storage.store import SET_ASIDE_MARK

    mark = Path(data_dir) / SET_ASIDE_MARK
    existed = mark.exists()
    mark.unlink(missing_ok=True)
    return existed
