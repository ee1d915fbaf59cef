"""The SQLite store: one file, WAL, versioned migrations, every write one transaction.

Hot paths talk to the stdlib connection directly; sqlite-utils (about 100 ms to import)
builds the schema in the migrations and does bulk imports, where its cost is paid once.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from coach.errors import CoachError
from coach.i18n import _
from coach.storage import migrations
from coach.storage.copies import (  # noqa: F401 - re-exported: callers catch them here
    SET_ASIDE_MARK,
    DamagedDatabaseError,
    SetAsideError,
    check_set_aside,
)
from coach.storage.paths import DB_NAME, data_dir, ensure_data_dir

BUSY_TIMEOUT_MS = 5000


class FutureDatabaseError(CoachError):
    pass


class MigrationError(DamagedDatabaseError):
    """An upgrade step failed and was rolled back: the file is fine, only too old to use."""


# SQLite's primary result codes that mean "the bytes are wrong", as opposed to busy or I/O.
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def is_damage(exc: BaseException) -> bool:
    return (isinstance(exc, sqlite3.DatabaseError)
            and (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _DAMAGE_CODES)


def _damaged(path: Path) -> DamagedDatabaseError:
    return DamagedDatabaseError(
        _("{path} is not a Trust Coach database, or it is damaged.").format(path=path))


class Store:
    """An open database. Not shared between threads: each thread opens its own."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = Path(path)
        # The file is made 0600 by _create; SQLite gives the -wal and -shm files the mode of
        # the database, so nothing here needs the process-wide umask (a library must not
        # change it: it would apply to every file the rest of the app writes).
        self.read_only = read_only
        if read_only:
            self.conn = _connect_read_only(self.path)
            self.conn.row_factory = sqlite3.Row
            return
        if not self.path.exists():
            _create(self.path)
        elif self.path.stat().st_size == 0:
            # _create never leaves an empty coach.db behind, so an empty one was cut short
            # (a full disk, a bad copy): SQLite would happily start afresh in it.
            raise _damaged(self.path)
        try:
            self.conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
            )
        except sqlite3.Error as exc:
            raise CoachError(
                _("Cannot open the database {path}: {reason}").format(path=self.path, reason=exc)
            ) from None
        try:
            self._prepare()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            if is_damage(exc):
                raise _damaged(self.path) from None
            if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in (8, 10, 13) and disk_full(
                    self.path.parent):
                # A full disk: SQLite cannot make its -shm, but reading still works; any
                # write then says the disk is full (coach.storage.backup.explain_...).
                self.read_only = True
                self.conn = _connect_read_only(self.path)
                self.conn.row_factory = sqlite3.Row
                return
            raise CoachError(
                _("Cannot open the database {path}: {reason}").format(path=self.path, reason=exc)
            ) from None
        except BaseException:
            self.conn.close()
            raise

    def _prepare(self) -> None:
        self.conn.row_factory = sqlite3.Row
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > migrations.SCHEMA_VERSION:
            # Checked before any pragma that writes, so the newer file stays untouched.
            raise FutureDatabaseError(
                _(
                    "The database {path} was made by a newer version of Trust Coach "
                    "(schema {found}, this version knows {known}). Please update the app; "
                    "the file was left untouched."
                ).format(path=self.path, found=version, known=migrations.SCHEMA_VERSION)
            )
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.execute("PRAGMA journal_mode = WAL")
        # FULL, not NORMAL: in WAL mode NORMAL skips the fsync of the WAL at each commit, so a
        # power cut may lose the last commits even though `coach add` already printed the id.
        # A promise the app said it saved must still be there; one fsync per commit costs a
        # few milliseconds, and this app commits a handful of times per user action.
        self.conn.execute("PRAGMA synchronous = FULL")
        if version < migrations.SCHEMA_VERSION:
            self._migrate()
        # Cheap structural probe (reads the schema page): catches a file cut short early.
        # The full quick_check is not run here: it reads every page, which a CLI call that
        # adds one row should not pay for; see coach.storage.backup for where it runs.
        self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def _migrate(self) -> None:
        for number in range(migrations.SCHEMA_VERSION):
            try:
                with self.write():
                    # Re-read inside the write lock: another process may have upgraded already.
                    if self.schema_version > number:
                        continue
                    migrations.MIGRATIONS[number](self.conn)
                    self.conn.execute(f"PRAGMA user_version = {number + 1}")
            except CoachError:
                raise
            except Exception as exc:  # noqa: BLE001 - any failing step rolls back the same way
                if is_damage(exc) or getattr(exc, "sqlite_errorcode", 0) & 0xFF == 5:
                    raise  # damaged or busy: not the step's fault, reported as such
                raise self._migration_failed(number, exc) from None

    def _migration_failed(self, number: int, exc: Exception) -> MigrationError:
        return MigrationError(
            _("Could not upgrade the database to schema {n}: {reason}. "
              "The file was left as it was.").format(n=number + 1, reason=exc))

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; nested calls join the outer one."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self._rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                # A failed COMMIT (a full disk) may leave the transaction open; roll it back
                # and report the COMMIT's cause, not the rollback's.
                self._rollback()
                raise

    def _rollback(self) -> None:
        # SQLite may have rolled back already (SQLITE_FULL, SQLITE_IOERR): then ROLLBACK
        # itself fails with "no transaction is active", which would hide the real cause.
        if self.conn.in_transaction:
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def next_id(self) -> int:
        """Ids are shared by all kinds of item so that `coach done ID` needs no kind."""
        with self.write() as conn:
            return conn.execute(
                "UPDATE counters SET value = value + 1 WHERE name = 'item' RETURNING value"
            ).fetchone()[0]

    def data_version(self) -> int:
        """Changes whenever another connection commits (cheap: no table is read)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def close(self) -> None:
        self.conn.close()

    def reopen(self) -> None:
        """Connect afresh to the file now at `path`, e.g. after a restore replaced it."""
        self.conn.close()
        self.__init__(self.path)  # type: ignore[misc]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """For a data folder on a read-only file system: listing and exporting still work.

    mode=ro reads a WAL database when its -shm can be used; a database without a -wal has
    everything in the main file, and then `immutable` (no locks, no -shm) reads it as is.
    """
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error:
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            if disk_full(path.parent):
                raise CoachError(_("The disk is full, so the database cannot even be read; "
                                   "free some space and try again.")) from None
            raise CoachError(_("Cannot read the database {path}: the folder is read-only and "
                               "the database was not closed cleanly.").format(path=path)) \
                from None
    try:
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise CoachError(_("Cannot open the database {path}: {reason}").format(
            path=path, reason=exc)) from None
    return conn


def disk_full(folder: Path) -> bool:
    """Less than a megabyte free for us: what SQLite's I/O errors then really mean."""
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):
        return False
    return info.f_bavail * info.f_frsize < 1024 * 1024


def _read_only_folder(folder: Path) -> bool:
    import errno

    probe = folder / f".write-test-{os.getpid()}-{threading.get_ident()}"
    try:
        probe.write_bytes(b"")
    except OSError as exc:
        return exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
    probe.unlink(missing_ok=True)
    return False


def _create(path: Path) -> None:
    """Make an empty WAL database beside the target, then link it into place in one step.

    So no process ever sees a half-made coach.db (an empty one can be treated as damaged),
    and of two first runs at the same moment one links and the other opens its file.
    """
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}-{threading.get_ident()}")
    os.close(os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600))
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            # Switching to WAL writes the header page, so the file is a real database now.
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another first run won; we open its file
        except OSError:
            # No hard links here (FAT, some network shares): a rename is nearly as good.
            if not path.exists():
                os.replace(tmp, path)
    except OSError as exc:
        raise CoachError(_("Cannot create the database {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def open_store(directory: str | os.PathLike[str] | None = None, checked: bool = False) -> Store:
    """Open (creating and migrating as needed) coach.db in the data directory.

    `checked` also runs SQLite's quick_check first: for commands that show or write out every
    item, where damage deep in the file would otherwise pass as a shorter list.
    """
    folder = data_dir(directory)
    path = folder / DB_NAME
    if path.is_file() and _read_only_folder(folder):
        return Store(path, read_only=True)
    folder = ensure_data_dir(folder)
    if not path.exists():
        check_set_aside(folder)
    try:
        store = Store(path)
        if checked and not _sound(store):
            store.close()
            raise _damaged(path)
        return store
    except (MigrationError, SetAsideError):
        raise
    except DamagedDatabaseError:
        from coach.storage.copies import set_aside_damaged

        raise set_aside_damaged(path) from None


def _sound(store: Store) -> bool:
    try:
        return store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return False
        raise
