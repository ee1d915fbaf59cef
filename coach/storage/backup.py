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
import functools
import os
import re
import sqlite3
import tempfile
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
        if not (has_items and 1 <= version <= migrations.SCHEMA_VERSION):
            return False
        return schema_matches(path, version)
    except sqlite3.Error:
        return False


@functools.cache
def _expected_schema(version: int) -> frozenset:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in migrations.MIGRATIONS[:version]:
            step(conn)
        return _schema_of(conn)
    finally:
        conn.close()


def _schema_of(conn: sqlite3.Connection) -> frozenset:
    """What a database is made of: every object, and each table's columns and keys.

    Compared by structure rather than by SQL text, which a newer sqlite-utils may quote
    differently for the very same table.
    """
    parts = set()
    for kind, name, table in conn.execute("SELECT type, name, tbl_name FROM sqlite_master"):
        parts.add((kind, name, table))
        if kind == "table":
            columns = conn.execute("SELECT name, type, \"notnull\", dflt_value, pk "
                                   "FROM pragma_table_info(?)", (name,)).fetchall()
            keys = conn.execute("SELECT \"table\", \"from\", \"to\" "
                                "FROM pragma_foreign_key_list(?)", (name,)).fetchall()
            parts.add((name, "columns", tuple(map(tuple, columns)), tuple(map(tuple, keys))))
        elif kind == "index":
            columns = conn.execute("SELECT name FROM pragma_index_info(?)", (name,)).fetchall()
            parts.add((name, "index", tuple(c[0] for c in columns)))
    return frozenset(parts)


def schema_matches(path: Path, version: int) -> bool:
    """Only what this app's migrations make for that version: no extra trigger (one could
    silently delete every new row), view, table or index."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return _schema_of(conn) == _expected_schema(version)
    finally:
        conn.close()


def newest_good_backup(data_dir: Path) -> Backup | None:
    for candidate in list_backups(data_dir):
        if is_restorable(candidate.path):
            return candidate
    return None


def _cause(exc: BaseException) -> str:
    import errno

    if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) \
            or getattr(exc, "sqlite_errorcode", 0) & 0xFF == 13:
        return _("the disk is full (free some space and try again)")
    return getattr(exc, "strerror", None) or str(exc)


def _copy_database(source: sqlite3.Connection, dest: Path) -> None:
    """A consistent copy of a live database, even while others write to it."""
    os.close(os.open(dest, os.O_CREAT | os.O_TRUNC | os.O_WRONLY | os.O_NOFOLLOW, 0o600))
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


PARTIAL = ".partial"
LEFTOVER_AGE = timedelta(hours=1)  # older temp files belong to a run that was killed


def _temp_in(folder: Path, prefix: str) -> Path:
    """A name no other run can share (mkstemp, 0600, O_EXCL): backups may run in parallel."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=PARTIAL, dir=folder)
    os.close(fd)
    return Path(name)


def prune_leftovers(folder: Path) -> None:
    """Temp files a killed backup or restore left behind; a running one's are young."""
    import time

    cutoff = time.time() - LEFTOVER_AGE.total_seconds()
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith(".") and entry.name.endswith(PARTIAL):
                with contextlib.suppress(OSError):
                    if entry.lstat().st_mtime < cutoff:
                        entry.unlink()


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
    from coach.storage.store import SET_ASIDE_MARK
    from coach.timing.display import local

    data_dir = path.parent
    moved = set_aside(path, "damaged", timeutil.now())
    # Every later command says so until the user restores or starts afresh on purpose.
    with contextlib.suppress(OSError):
        (data_dir / SET_ASIDE_MARK).write_text(f"{moved}\n", encoding="utf-8")
    good = newest_good_backup(data_dir)
    text = _("{path} is not a Trust Coach database, or it is damaged. It was moved, "
             "untouched, to {moved}.").format(path=path, moved=moved)
    if good:
        text += " " + _("Run `coach restore` to bring back the newest good backup "
                        "(from {when}).").format(when=local(good.taken))
    else:
        text += " " + _("There is no backup to restore; run `coach restore --fresh` to "
                        "start with an empty database.")
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


def startup_check(directory: str | os.PathLike[str] | None, now: datetime) -> StartupCheck:
    """Open, quick_check, then the daily backup: the window's one full check per start."""
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
                return StartupCheck(backup=backup_if_due(store, folder, now))
            except CoachError as exc:  # a full disk must not keep the window from opening
                return StartupCheck(backup_error=str(exc))
    finally:
        store.close()
    error = set_aside_damaged(folder / DB_NAME)
    return StartupCheck(damaged=error.moved_to, good_backup=newest_good_backup(folder))
