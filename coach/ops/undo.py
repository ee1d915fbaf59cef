"""Undo in the core: the rows an operation changes, taken before and after it, put back.

An item's rows are its own row plus what hangs off it (promise check, concern log, the
notification record, a recurring occurrence's skips, a commitment's renegotiations).
`record` runs an operation and keeps both pictures; `Undoable.undo` puts the "before" back,
`redo` the "after". Both are one transaction each, and what the
window's undo stack holds is only this object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coach.ops.changed import ITEM_KINDS, Changed
from coach.storage.store import Store

ITEM_TABLES = ("commitments", "owed_replies", "concerns")
# Rows that belong to an item, by the column that names it; deleted before, written after it.
DEPENDENT = (("promise_checks", "commitment_id"), ("concern_log", "concern_id"),
             ("notifications", "item_id"), ("occurrence_skips", "commitment_id"),
             ("renegotiations", "commitment_id"))


@dataclass(frozen=True)
class Rows:
    """Every row of some items at one moment (an item absent then has no rows)."""

    ids: frozenset[int]
    tables: tuple[tuple[str, tuple[dict, ...]], ...]


def _marks(ids: frozenset[int]) -> str:
    return ", ".join("?" for _ in ids)


def take(store: Store, ids: frozenset[int]) -> Rows:
    ids = frozenset(ids)
    if not ids:
        return Rows(ids, ())
    tables = []
    for table, column in [(t, "id") for t in ITEM_TABLES] + list(DEPENDENT):
        rows = store.conn.execute(
            f"SELECT * FROM {table} WHERE {column} IN ({_marks(ids)}) ORDER BY rowid",
            tuple(ids)).fetchall()
        tables.append((table, tuple(dict(r) for r in rows)))
    return Rows(ids, tuple(tables))


def put_back(store: Store, rows: Rows) -> None:
    """Make these items' rows exactly what `rows` holds, in one transaction."""
    if not rows.ids:
        return
    params = tuple(rows.ids)
    with store.write() as conn:
        for table, column in DEPENDENT:
            conn.execute(f"DELETE FROM {table} WHERE {column} IN ({_marks(rows.ids)})", params)
        for table in ITEM_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE id IN ({_marks(rows.ids)})", params)
        for table, saved in rows.tables:  # items first: the dependents refer to them
            for row in saved:
                names = ", ".join(row)
                conn.execute(f"INSERT INTO {table} ({names}) VALUES "
                             f"({', '.join('?' for _ in row)})", tuple(row.values()))


@dataclass(frozen=True)
class Undoable:
    before: Rows
    after: Rows
    changed: Changed

    def undo(self, store: Store) -> Changed:
        put_back(store, self.before)
        return self._reloads()

    def redo(self, store: Store) -> Changed:
        put_back(store, self.after)
        return self._reloads()

    def _reloads(self) -> Changed:
        # An item put back may change its list whatever kind the operation named first.
        kinds = self.changed.kinds | frozenset(ITEM_KINDS)
        return Changed(kinds, self.changed.ids, (), None)


def record(store: Store, targets: frozenset[int] | set[int],
           operation: Callable[[Store], Changed]) -> Undoable:
    """Run `operation` on the items `targets` (any it creates are found from its result)."""
    with store.write():
        before = take(store, frozenset(targets))
        changed = operation(store)
        touched = frozenset(targets) | changed.ids
        stray = changed.ids - before.ids - frozenset(changed.created)
        if stray:
            raise ValueError(f"operation wrote items it did not name as targets: {stray}")
        after = take(store, touched)
    return Undoable(Rows(touched, before.tables), after, changed)
