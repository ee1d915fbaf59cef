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

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.errors import CoachError
from coach.i18n import _
from coach.storage import migrations
from coach.storage.paths import DB_NAME
from coach.storage.store import DamagedDatabaseError, Store
from coach.timing import timeutil

BACKUP_DIR = "backups"
STAMP = "%Y-%m-%dT%H-%M-%SZ"
_NAME = re.compile(r"^coach-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ)(?:-(\d+))?\.db$")
DAILY = timedelta(days=1)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime  # UTC
    serial: int = 0  # tells apart backups taken in the same second


@dataclass(frozen=True)
class Restored:
    source: Path
    previous: Path | None  # where the database that was replaced now lives


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def list_backups(data_dir: Path) -> list[Backup]:
    """Backups in the data dir, newest first. Only our own names count."""
    folder = backups_dir(data_dir)
    found = []
    if folder.is_dir():
        for entry in folder.iterdir():
            match = _NAME.match(entry.name)
            if match:
                taken = datetime.strptime(match[1], STAMP).replace(tzinfo=UTC)
                found.append(Backup(entry, taken, int(match[2] or 0)))
    return sorted(found, key=lambda b: (b.taken, b.serial), reverse=True)


def quick_check(path: Path) -> bool:
    """True when SQLite's quick_check finds the file sound. Opens it read-only."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return False
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        return rows == [("ok",)]
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def is_restorable(path: Path) -> bool:
    """A sound database that this version of Trust Coach can open (maybe after upgrading)."""
    if not quick_check(path):
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_items = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                     "AND name = 'commitments'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return bool(has_items) and 1 <= version <= migrations.SCHEMA_VERSION


def newest_good_backup(data_dir: Path) -> Backup | None:
    for candidate in list_backups(data_dir):
        if is_restorable(candidate.path):
            return candidate
    return None


def _copy_database(source: sqlite3.Connection, dest: Path) -> None:
    """A consistent copy of a live database, even while others write to it."""
    os.close(os.open(dest, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600))
    target = sqlite3.connect(dest, isolation_level=None)
    try:
        source.backup(target)
        # A standalone file: no -wal beside it, so it can be copied, mailed or opened read-only.
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    with open(dest, "rb") as fh:
        os.fsync(fh.fileno())


def _free_name(folder: Path, now: datetime) -> tuple[Path, int]:
    stamp = now.astimezone(UTC).strftime(STAMP)
    serial = 0
    while True:
        name = f"coach-{stamp}.db" if serial == 0 else f"coach-{stamp}-{serial}.db"
        if not (folder / name).exists():
            return folder / name, serial
        serial += 1


def make_backup(store: Store, data_dir: Path, now: datetime, keep: int | None = None) -> Path:
    """Copy the open database into backups/, check the copy, then drop all but the newest `keep`."""
    from coach.storage import settings

    folder = backups_dir(data_dir)
    folder.mkdir(mode=0o700, exist_ok=True)
    final, _serial = _free_name(folder, now)
    partial = folder / f".{final.name}.partial"
    try:
        _copy_database(store.conn, partial)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise CoachError(_("The backup could not be written: {reason}").format(
            reason=getattr(exc, "strerror", None) or exc)) from None
    if not quick_check(partial):
        partial.unlink()
        raise CoachError(_("The database failed its check, so no backup was made and the "
                           "older backups were kept. Run `coach restore` to go back to the "
                           "newest good one."))
    os.replace(partial, final)
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


def set_aside(path: Path, label: str, now: datetime) -> Path:
    """Rename the database (and its -wal/-shm, so nothing committed is lost) out of the way."""
    stamp = now.astimezone(UTC).strftime(STAMP)
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    serial = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{stamp}-{serial}")
        serial += 1
    os.rename(path, target)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.rename(companion, Path(f"{target}{suffix}"))
    _sync_dir(path.parent)
    return target


def _sync_dir(folder: Path) -> None:
    # A rename is only durable once the directory entry is on disk (not possible on Windows).
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def set_aside_damaged(path: Path) -> DamagedDatabaseError:
    """Move a damaged database out of the way, untouched, and say what to do next."""
    from coach.timing.display import local

    data_dir = path.parent
    moved = set_aside(path, "damaged", timeutil.now())
    good = newest_good_backup(data_dir)
    text = _("{path} is not a Trust Coach database, or it is damaged. It was moved, "
             "untouched, to {moved}.").format(path=path, moved=moved)
    if good:
        text += " " + _("Run `coach restore` to bring back the newest good backup "
                        "(from {when}).").format(when=local(good.taken))
    else:
        text += " " + _("There is no backup to restore; Trust Coach starts a new, empty "
                        "database next time.")
    error = DamagedDatabaseError(text)
    error.moved_to = moved
    return error


def restore(data_dir: Path, source: Path | None, now: datetime) -> Restored:
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
    staged = data_dir / f".{DB_NAME}.restoring"
    try:
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            _copy_database(reader, staged)
        finally:
            reader.close()
    except (OSError, sqlite3.Error) as exc:
        staged.unlink(missing_ok=True)
        raise CoachError(_("Could not read the backup {path}: {reason}; nothing was changed.")
                         .format(path=source, reason=getattr(exc, "strerror", None) or exc)
                         ) from None
    if not is_restorable(staged):
        staged.unlink(missing_ok=True)
        raise CoachError(_("The copy of {path} failed its check; nothing was changed.")
                         .format(path=source))
    previous = set_aside(database, "before-restore", now) if database.exists() else None
    os.replace(staged, database)
    _sync_dir(data_dir)
    return Restored(source, previous)


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
