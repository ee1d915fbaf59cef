"""The SQLite store: one file, WAL, versioned migrations, every write one transaction.

Hot paths talk to the stdlib connection directly; sqlite-utils (about 100 ms to import)
builds the schema in the migrations and does bulk imports, where its cost is paid once.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coach.errors import CoachError
from coach.i18n import _
from coach.migrations import MIGRATIONS, SCHEMA_VERSION
from coach.paths import DB_NAME, data_dir, ensure_data_dir

BUSY_TIMEOUT_MS = 5000


class FutureDatabaseError(CoachError):
    pass


class DamagedDatabaseError(CoachError):
    pass


class Store:
    """An open database. Not shared between threads: each thread opens its own."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        fresh = not self.path.exists()
        if fresh:
            # Created 0600 before SQLite touches it: the data is about the user's work.
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        # The -wal and -shm files SQLite creates inherit this mask.
        os.umask(0o077)
        try:
            self.conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
            )
        except sqlite3.Error as exc:
            raise DamagedDatabaseError(
                _("Cannot open the database {path}: {reason}").format(path=self.path, reason=exc)
            ) from None
        self.conn.row_factory = sqlite3.Row
        try:
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError:
            self.conn.close()
            raise DamagedDatabaseError(
                _("{path} is not a Trust Coach database, or it is damaged.").format(
                    path=self.path
                )
            ) from None
        if version > SCHEMA_VERSION:
            # Checked before any pragma that writes, so the newer file stays untouched.
            self.conn.close()
            raise FutureDatabaseError(
                _(
                    "The database {path} was made by a newer version of Trust Coach "
                    "(schema {found}, this version knows {known}). Please update the app; "
                    "the file was left untouched."
                ).format(path=self.path, found=version, known=SCHEMA_VERSION)
            )
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.execute("PRAGMA journal_mode = WAL")
        # FULL: in WAL mode NORMAL may lose the last commits on a power cut; a promise the
        # app said it saved must still be there, and one fsync per commit is cheap here.
        self.conn.execute("PRAGMA synchronous = FULL")
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        for number in range(version, SCHEMA_VERSION):
            try:
                with self.write():
                    MIGRATIONS[number](self.conn)
                    self.conn.execute(f"PRAGMA user_version = {number + 1}")
            except sqlite3.Error as exc:
                raise DamagedDatabaseError(
                    _("Could not upgrade the database to schema {n}: {reason}. "
                      "The file was left as it was.").format(n=number + 1, reason=exc)
                ) from None

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
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def next_id(self) -> int:
        """Ids are shared by all kinds of item so that `coach done ID` needs no kind."""
        with self.write() as conn:
            return conn.execute(
                "UPDATE counters SET value = value + 1 WHERE name = 'item' RETURNING value"
            ).fetchone()[0]

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(directory: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating and migrating as needed) coach.db in the data directory."""
    folder = ensure_data_dir(data_dir(directory))
    return Store(folder / DB_NAME)
