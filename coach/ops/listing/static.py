"""The time-independent part of urgency, kept with each row (static_points, static_flags).

Folding an item's texts and matching the alarm words is most of what scoring a row costs
(coach.rules.urgency.static_part); it changes only when the item's words or flags change,
or the settings that weigh them. So a list reads the part once, stores it, and from then on
SQLite can order a list by urgency on its own (page.py). Kept correct three ways:
- triggers (migration _v14_static_urgency) set it back to NULL when a column a list reads
  changes, and on any insert;
- a stamp of the settings it was made with: other settings, and every stored part is NULL;
- it is written back only where the row still holds the values it was made from, so a
  concurrent edit is never overwritten with a stale part.
A reader that cannot write (a busy or read-only database) works from memory instead.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coach.ops.listing.rows import COLUMNS, COMMITMENT, CONCERN, KINDS, REPLY, TABLES, is_damaged
from coach.storage.migrations import STATIC_INPUTS

if TYPE_CHECKING:
    from coach.rules.urgency import Coefficients, Static
    from coach.storage.store import Store

# A stored part is kept only for a row SQLite can judge: its times in the stored form.
_CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_TIMES = {COMMITMENT: (3, 7), REPLY: (3, 7), CONCERN: (3,)}
_BUSY_MS = 50  # a reader waits this long for another writer, then works from memory


def stamp(coeff: Coefficients) -> str:
    """Names every setting the stored part depends on (the time part's are read live)."""
    fields = (coeff.urgent, coeff.manager, coeff.customer, coeff.channel, coeff.keyword,
              coeff.heat, coeff.tell_heat, coeff.tell_rise, coeff.manager_name,
              coeff.customer_words, coeff.keywords)
    return hashlib.sha256(repr(fields).encode()).hexdigest()[:32]


def static_of(kind: str, r: Sequence, coeff: Coefficients) -> Static | None:
    """The stored part of a row as read by COLUMNS; None for a damaged row (listed first)
    or one with a time in another form: such rows are always scored in full."""
    from coach.rules import urgency

    if is_damaged(kind, r) or not all(
            r[i] is None or _CANONICAL.fullmatch(r[i]) for i in _TIMES[kind]):
        return None
    try:
        if kind == COMMITMENT:
            return urgency.static_part(coeff=coeff, urgent=bool(r[4]), manager=bool(r[8]),
                                       who=r[2], text=f"{r[1]} {r[5] or ''}", promise=True)
        if kind == REPLY:
            return urgency.static_part(coeff=coeff, urgent=bool(r[4]), who=r[2],
                                       channel=r[8], text=f"{r[1] or ''} {r[5] or ''}")
        return urgency.static_part(coeff=coeff, who=r[2], text=f"{r[1]} {r[5] or ''}",
                                   heat=r[4], told_heat=r[7])
    except Exception:  # noqa: BLE001 - as rows.assess: a row that cannot be scored is damaged
        return None


def prepare(store: Store, coeff: Coefficients) -> bool:
    """Bring the stored parts up to date (what is NULL is filled in); False if they cannot
    be trusted (settings changed and the database cannot be written): score every row."""
    try:
        found = store.conn.execute("SELECT stamp FROM urgency_static").fetchone()
    except sqlite3.OperationalError:
        return False  # an older schema, opened read-only: never migrated
    mine = stamp(coeff)
    before = found[0] if found else None
    fresh = before == mine
    if not fresh and store.read_only:
        return False
    # Everything is read before anything is written: damage in the rows shows before the
    # file is touched (a page of `coach list` runs no quick_check of its own).
    values = {kind: _made(store, kind, coeff, every=not fresh) for kind in KINDS}
    if store.read_only or not any(values.values()) and fresh:
        return fresh  # rows left NULL are scored in full by every reader (page.py)
    return _write(store, values, mine, before) or fresh


def _short_wait(store: Store):
    from contextlib import contextmanager

    @contextmanager
    def waiting():
        store.conn.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        try:
            yield
        finally:
            from coach.storage.store import BUSY_TIMEOUT_MS

            store.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return waiting()


def _made(store: Store, kind: str, coeff: Coefficients, every: bool) -> list[tuple]:
    """The parts of the rows that have none (every row: after a change of settings)."""
    table = TABLES[kind]
    where = "" if every else \
        f" INDEXED BY idx_{table}_static_unset WHERE static_points IS NULL"
    values = []
    for r in store.conn.execute(f"SELECT {COLUMNS[kind]} FROM {table}{where}").fetchall():
        found = static_of(kind, r, coeff)
        if found is not None:
            values.append(_values(r, found))
    return values


def _values(r: Sequence, found: Static) -> tuple:
    return (found.points, found.flags, r[0], *r[1:-1])


def _write(store: Store, values: dict[str, list[tuple]], mine: str,
           before: str | None) -> bool:
    """Store the parts, each only where its row still holds what it was made from; True
    if the stored parts are the current settings' now."""
    try:
        with _short_wait(store), store.write() as conn:
            current = conn.execute("SELECT stamp FROM urgency_static").fetchone()[0]
            if current != mine:
                if current != before:
                    return False  # the settings changed again meanwhile
                for table in TABLES.values():
                    conn.execute(f"UPDATE {table} SET static_points = NULL, "
                                 "static_flags = NULL WHERE static_points IS NOT NULL")
                conn.execute("UPDATE urgency_static SET stamp = ?", (mine,))
            for kind, rows in values.items():
                table = TABLES[kind]
                same = " AND ".join(f"{name} IS ?" for name in STATIC_INPUTS[table])
                conn.executemany(
                    f"UPDATE {table} SET static_points = ?, static_flags = ? "
                    f"WHERE id = ? AND static_points IS NULL AND {same}", rows)
    except sqlite3.OperationalError:
        return False  # busy or read-only: what has no part is scored in full this time
    return True
