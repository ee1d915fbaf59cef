"""Rolling backups through SQLite's online backup API, restore, and damaged files set aside.

Where quick_check runs, and why. It reads every page: about 3 ms per MB, 100 ms for a
database of 100,000 commitments (32 MB), against 0.5 ms to open one. So it runs:
- on every backup file we write, before it gets its final name, so a backup taken from a
  damaged database can never push good backups out of the rotation;
- on a backup before it is restored, and on the copy that is about to replace coach.db;
- on the live database in the window's start-up check, off the UI thread, once per start;
- in the CLI only after SQLite has already reported damage (coach.cli.run), never on a
  normal call: `coach add` should not read a 100 MB file to insert one row.
Opening a store runs a cheap probe instead (coach.storage.store), which catches files that are not
databases or are cut short in their first pages.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.errors import CoachError
from coach.i18n import _
from coach.storage.copies import (  # noqa: F401 - re-exported, backup's public names
    BACKUP_DIR,
    BACKUP_NAME,
    PARTIAL,
    STAMP,
    Backup,
    DamagedDatabaseError,
    Restored,
    _cause,
    _copy_database,
    _sync_dir,
    _temp_in,
    backups_dir,
    is_restorable,
    list_backups,
    newest_good_backup,
    prune_leftovers,
    quick_check,
    set_aside,
    set_aside_damaged,
)
from coach.storage.paths import DB_NAME
from coach.storage.store import Store

DAILY = timedelta(days=1)


def _free_name(folder: Path, now: datetime) -> tuple[Path, int]:
    stamp = now.astimezone(UTC).strftime(STAMP)
    # Past the highest serial of this second, not into a gap: parallel runs prune the oldest
    # backups, and a name freed that way must not be handed out a second time.
    taken = [int(m[2] or 0) for e in folder.iterdir()
             if (m := BACKUP_NAME.match(e.name)) and m[1] == stamp]
    serial = max(taken) + 1 if taken else 0
    while True:
        name = f"coach-{stamp}.db" if serial == 0 else f"coach-{stamp}-{serial}.db"
        if not (folder / name).exists():
            return folder / name, serial
        serial += 1


def _link_free_name(folder: Path, partial: Path, now: datetime) -> Path:
    # link() fails if the name exists, so two runs in the same second never share one.
    for _attempt in range(1000):
        final, _serial = _free_name(folder, now)
        try:
            os.link(partial, final)
        except FileExistsError:
            continue
        except OSError:
            if final.exists():
                continue
            os.replace(partial, final)  # no hard links on this file system
            return final
        partial.unlink(missing_ok=True)
        return final
    raise CoachError(_("The backup could not be written: too many backups in one second."))


def make_backup(store: Store, data_dir: Path, now: datetime, keep: int | None = None) -> Path:
    """Copy the open database into backups/, check the copy, then drop all but the newest `keep`."""
    from coach.storage import settings

    folder = backups_dir(data_dir)
    partial = None
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        prune_leftovers(folder)
        partial = _temp_in(folder, ".coach-backup-")
        _copy_database(store.conn, partial)
    except (OSError, sqlite3.Error) as exc:
        if partial is not None:
            partial.unlink(missing_ok=True)
        raise CoachError(_("The backup could not be written: {reason}").format(
            reason=_cause(exc))) from None
    if not quick_check(partial):
        partial.unlink()
        raise CoachError(_("The database failed its check, so no backup was made and the "
                           "older backups were kept. Run `coach restore` to go back to the "
                           "newest good one."))
    final = _link_free_name(folder, partial, now)
    if keep is None:
        keep = settings.get(store, "backups_keep")
    prune(data_dir, keep)
    return final


def prune(data_dir: Path, keep: object) -> None:
    # A hand-edited setting must never delete every backup.
    count = keep if isinstance(keep, int) and not isinstance(keep, bool) and keep >= 1 else 7
    for old in list_backups(data_dir)[count:]:
        old.path.unlink(missing_ok=True)


def backup_due(data_dir: Path, now: datetime) -> bool:
    """At most one automatic backup a day: due when the newest is a day old, or none exists."""
    newest = list_backups(data_dir)
    return not newest or now - newest[0].taken >= DAILY


def backup_if_due(store: Store, data_dir: Path, now: datetime) -> Path | None:
    return make_backup(store, data_dir, now) if backup_due(data_dir, now) else None


def restore(data_dir: Path, source: Path | None, now: datetime) -> Restored:
    """Put a backup in place of coach.db (coach.storage.restore); the current file is kept."""
    from coach.storage.restore import restore_backup

    return restore_backup(data_dir, source, now)


def start_fresh(data_dir: Path) -> bool:
    from coach.storage.restore import start_fresh as fresh

    return fresh(data_dir)


def explain_database_error(exc: sqlite3.DatabaseError, directory: str | None) -> str:
    """One sentence for an SQLite error that escaped a command; sets a damaged file aside.

    Only here, after SQLite itself has complained, does the CLI pay for a quick_check.
    """
    from coach.storage.paths import data_dir
    from coach.storage.store import is_damage

    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED: the write was rolled back whole
        return _("The database stayed busy for too long (another Trust Coach is writing); "
                 "nothing was changed. Please try again.")
    from coach.storage.store import disk_full

    if code == 13 or (code in (8, 10) and disk_full(data_dir(directory))):  # SQLITE_FULL
        return _("The disk is full, so the change could not be saved; nothing was changed. "
                 "Free some space and try again.")
    if code == 8:  # SQLITE_READONLY
        return _("The database cannot be written (read-only file or folder); nothing was "
                 "changed. Reading still works.")
    if code == 10:  # SQLITE_IOERR
        return _("The database file could not be read or written (an I/O error: a full disk, "
                 "a removed drive or a failing disk); nothing was changed. Check the disk and "
                 "its free space, then try again.")
    path = data_dir(directory) / DB_NAME
    if is_damage(exc) or (path.exists() and not quick_check(path)):
        return str(set_aside_damaged(path))
    return _("The database reported an error: {reason}. Nothing was changed.").format(
        reason=exc)


@dataclass
class StartupCheck:
    """What the window's start-up check found; run off the UI thread."""

    damaged: Path | None = None  # where a damaged database was moved, untouched
    good_backup: Backup | None = None  # the newest good backup to offer, when damaged
    backup: Path | None = None  # the automatic daily backup, if one was due
    backup_error: str | None = None


def startup_check(directory: str | os.PathLike[str] | None, now: datetime,
                  back_up: bool = True) -> StartupCheck:
    """Open, quick_check, then the daily backup: the window's one full check per start.

    back_up=False (`coach --smoke`) checks without writing a backup: a probe leaves no trace.
    """
    from coach.storage.paths import data_dir
    from coach.storage.store import MigrationError, is_damage, open_store

    folder = data_dir(directory)
    try:
        store = open_store(folder)
    except MigrationError:
        raise
    except DamagedDatabaseError as exc:
        return StartupCheck(damaged=exc.moved_to, good_backup=newest_good_backup(folder))
    try:
        try:
            rows = store.conn.execute("PRAGMA quick_check").fetchall()
            sound = [tuple(row) for row in rows] == [("ok",)]
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            sound = False
        if sound:
            try:
                return StartupCheck(backup=backup_if_due(store, folder, now)
                                    if back_up else None)
            except CoachError as exc:  # a full disk must not keep the window from opening
                return StartupCheck(backup_error=str(exc))
    finally:
        store.close()
    error = set_aside_damaged(folder / DB_NAME)
    return StartupCheck(damaged=error.moved_to, good_backup=newest_good_backup(folder))
