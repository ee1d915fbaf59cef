"""Whether a database file is made of exactly what this app's migrations make.

Restore accepts only such a file: an extra trigger could silently delete every new row, an
extra view or table could hide anything.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

from coach.storage import migrations


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
