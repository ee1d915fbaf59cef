"""Database files as files: backups listed and checked, copies made, damaged files set aside.

Imports nothing that opens a store, so the store can set a damaged file aside through it and
backup and restore can share it, without an import cycle.
"""

from __future__ import annotations

import contextlib
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
from coach.timing import timeutil

BACKUP_DIR = "backups"
STAMP = "%Y-%m-%dT%H-%M-%SZ"
BACKUP_NAME = re.compile(r"^coach-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ)(?:-(\d+))?\.db$")


class DamagedDatabaseError(CoachError):
    """The file is not a database, is cut short or fails quick_check; it is never written to.

    open_store() moves such a file aside; `moved_to` then says where it went.
    """

    moved_to: Path | None = None


class SetAsideError(DamagedDatabaseError):
    """A damaged database was set aside earlier and the user has not chosen what next.

    Until they restore a backup or start afresh on purpose, every command says so instead of
    silently beginning an empty database (an export would then report "0 items").
    """


SET_ASIDE_MARK = "DAMAGED-DATABASE-SET-ASIDE.txt"


def check_set_aside(folder: Path) -> None:
    mark = folder / SET_ASIDE_MARK
    try:
        moved = mark.read_text(encoding="utf-8", errors="replace").strip()
    except FileNotFoundError:
        return
    except OSError:
        moved = str(mark)
    error = SetAsideError(_(
        "Your damaged database was moved, untouched, to {moved}, and Trust Coach will not "
        "start an empty one by itself. Run `coach restore` to bring back the newest good "
        "backup, or `coach restore --fresh` to start with an empty database.").format(
            moved=moved))
    error.moved_to = Path(moved)
    raise error


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
            match = BACKUP_NAME.match(entry.name)
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
        from coach.storage.schema import schema_matches

        return schema_matches(path, version)
    except sqlite3.Error:
        return False


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



def set_aside(path: Path, label: str, now: datetime, announce=None) -> Path:
    """Rename the database (and its -wal/-shm, so nothing committed is lost) out of the way.

    `announce(target)` runs before the rename, so no other process ever sees coach.db gone
    without the notice that says where it went.
    """
    stamp = now.astimezone(UTC).strftime(STAMP)
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    serial = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{stamp}-{serial}")
        serial += 1
    if announce is not None:
        announce(target)
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
    mark = data_dir / SET_ASIDE_MARK

    def announce(target: Path) -> None:
        # Every later command says so until the user restores or starts afresh on purpose.
        with contextlib.suppress(OSError):
            mark.write_text(f"{target}\n", encoding="utf-8")

    try:
        moved = set_aside(path, "damaged", timeutil.now(), announce)
    except FileNotFoundError:
        # Another process (the window's worker, a second command) set it aside first.
        try:
            check_set_aside(data_dir)
        except SetAsideError as error:
            return error
        raise
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
