"""The first page of a list in the exact order, without scoring every row in Python.

SQLite orders the rows by the score it computes from the stored static part (static.py)
plus the time part in SQL arithmetic. Its sums may differ from Python's in the last bits and
Python rounds to cents, so SQLite only picks the candidates: every row down to the page's
last SQL score minus MARGIN. Those are scored again with the real rule (rows.assess) and
sorted the one way (order.py), so Python stays the single source of the order. Rows SQLite
cannot judge (no stored part, a damaged or odd value, due this very second) are always
candidates.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from coach.ops.listing.order import TIE_BREAK, TIME_COLUMN, rank
from coach.ops.listing.rows import COLUMNS, REPLY, TABLES, assess
from coach.ops.listing.static import prepare

if TYPE_CHECKING:
    from coach.rules.urgency import Coefficients, Urgency
    from coach.storage.store import Store

# Larger than any difference between SQLite's score and Python's: cents from round(…, 2)
# on Python's side, float noise (below 1e-6 here) on both.
MARGIN = 0.05
SINCE = {"commitment": "created", REPLY: "received"}
_NEVER = "-1e308"
_MOST = 5000  # candidates beyond this are ranked the plain way (and stay below SQL's limits)


def _edge(kind: str) -> str:
    """Rows SQLite cannot judge: overdue or not is a step in the floors, so a row due
    right now is scored in Python (damaged rows and odd times have no stored part)."""
    column = TIME_COLUMN.get(kind)
    return f"abs(julianday({column}) - :jnow) < 2.0 / 86400" if column else "0"


def _score(kind: str) -> str:
    """The score in SQL arithmetic (coach.rules.urgency.timed_score, unrounded)."""
    moving, overdue = [], "0"
    column = TIME_COLUMN.get(kind)
    if column:
        h = f"((julianday({column}) - :jnow) * 24.0)"
        moving.append(
            f"(CASE WHEN {column} IS NULL THEN 0.0 ELSE :due * (CASE WHEN {h} <= 0 THEN 1.0 "
            f"WHEN {h} <= 24 THEN 1.0 - 0.2 * {h} / 24 "
            f"WHEN {h} <= 168 THEN 0.8 - 0.4 * ({h} - 24) / 144 "
            f"ELSE max(0.1, 0.4 - 0.3 * ({h} - 168) / 504) END) END)")
        moving.append(f"(CASE WHEN {h} < 0 THEN :per_day * min(-{h} / 24, :max_days) "
                      "ELSE 0.0 END)")
        overdue = f"coalesce({h} < 0, 0)"
    since = SINCE.get(kind)
    if since:
        moving.append(f"(CASE WHEN {since} IS NULL THEN 0.0 ELSE :age * min(max(:jnow - "
                      f"julianday({since}), 0) / :age_days, 1.0) END)")
    raw = f"static_points + ({' + '.join(moving)})" if moving else "static_points"
    floor = (f"CASE WHEN static_flags & 1 OR ({overdue} AND static_flags & 2) THEN :call_now "
             f"WHEN static_flags & 4 AND {overdue} THEN :today ELSE {_NEVER} END")
    tell = f"CASE WHEN static_flags & 16 THEN :call_now WHEN static_flags & 8 THEN :today " \
           f"ELSE {_NEVER} END"
    return f"max({raw}, {floor}, {tell})"


def _params(now: datetime, coeff: Coefficients) -> dict:
    from coach.timing.timeutil import to_db

    return {"now": to_db(now), "due": coeff.due, "per_day": coeff.overdue_per_day,
            "max_days": coeff.overdue_max_days, "age": coeff.age, "age_days": coeff.age_days,
            "call_now": coeff.call_now, "today": coeff.today,
            # Julian day number as SQLite counts it (from the Unix epoch).
            "jnow": now.timestamp() / 86400 + 2440587.5}


def top(store: Store, kind: str, now: datetime, coeff: Coefficients, where: str,
        limit: int) -> tuple[list[tuple[tuple, Urgency]], int]:
    """The first `limit` rows (as read by COLUMNS, with their urgency) in the exact order
    of `rank`, and how many rows the list has in all."""
    table = TABLES[kind]
    total = store.conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]
    ids = _candidates(store, kind, now, coeff, where, limit) if prepare(store, coeff) else None
    if ids is None or len(ids) > _MOST:
        # The stored parts cannot be trusted, or most rows lack one (a database that cannot
        # be written): every row is scored, as `rank` does.
        ranking = rank(store, kind, now, coeff, where, keep=lambda r, u: (r, u))
        return ranking.kept[:limit], total
    found = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found += store.conn.execute(
            f"SELECT {COLUMNS[kind]} FROM {table} WHERE id IN ({marks})", chunk).fetchall()
    found = _tie_order(store, kind, found)
    scored = [(r, assess(kind, r, now, coeff)) for r in found]
    # Stable, as rank's sort: equal urgency keeps TIE_BREAK's order.
    scored.sort(key=lambda pair: pair[1].score, reverse=True)
    return scored[:limit], total


def _tie_order(store: Store, kind: str, found: list) -> list:
    if len(found) < 2:
        return found
    # TIE_BREAK is SQL: let SQLite say the order of these few rows.
    ids = [r[0] for r in found]
    marks = ",".join("?" * len(ids))
    order = {row[0]: n for n, row in enumerate(store.conn.execute(
        f"SELECT id FROM {TABLES[kind]} WHERE id IN ({marks}) ORDER BY {TIE_BREAK[kind]}",
        ids))}
    return sorted(found, key=lambda r: order[r[0]])


def _cut(store: Store, kind: str, now: datetime, coeff: Coefficients, where: str,
         limit: int) -> tuple[str, dict]:
    """A condition every row of the page meets, which SQLite answers from an index.

    Some `limit` rows scored exactly (those with the most static points, overdue or not)
    give a score the page's last row reaches at least; a row whose static points plus the
    most the time part and the floors can add stay below it cannot be on the page."""
    from coach.timing.timeutil import to_db

    # From the top of the index on static points: the planner might sort a whole range.
    index = f" INDEXED BY idx_{TABLES[kind]}_static"
    column = TIME_COLUMN.get(kind)
    seed = []
    for overdue in ("", f" AND {column} < ?") if column else ("",):
        seed += store.conn.execute(
            f"SELECT {COLUMNS[kind]} FROM {TABLES[kind]}{index} WHERE ({where}) AND "
            f"static_points IS NOT NULL{overdue} ORDER BY static_points DESC LIMIT ?",
            ((to_db(now),) if overdue else ()) + (limit,)).fetchall()
    scores = sorted({r[0]: assess(kind, r, now, coeff).score for r in seed}.values(),
                    reverse=True)
    if len(scores) < limit:
        return "1", {}
    floor = scores[limit - 1] - MARGIN
    most = (max(coeff.due, 0) + max(coeff.overdue_per_day * coeff.overdue_max_days, 0)
            + max(coeff.age, 0))
    from coach.rules import urgency

    bits = 0
    if coeff.call_now >= floor:
        bits |= urgency.KEYWORD | urgency.LATE_CALL | urgency.TELL_NOW
    if coeff.today >= floor:
        bits |= urgency.PROMISE | urgency.TELL_TODAY
    flags = f" OR static_flags & {bits}" if bits else ""
    return f"(static_points >= :cut{flags})", {"cut": floor - most - MARGIN}


def _candidates(store: Store, kind: str, now: datetime, coeff: Coefficients, where: str,
                limit: int) -> list[int]:
    params = _params(now, coeff)
    cut, more = _cut(store, kind, now, coeff, where, limit)
    table = TABLES[kind]
    # Rows without a stored part (new, edited, damaged, odd): scored in Python, always.
    unset = [r[0] for r in store.conn.execute(
        f"SELECT id FROM {table} INDEXED BY idx_{table}_static_unset "
        f"WHERE static_points IS NULL AND ({where})")]
    sql = (f"SELECT id, CASE WHEN {_edge(kind)} THEN NULL ELSE {_score(kind)} END AS score "
           f"FROM {table} WHERE ({where}) AND static_points IS NOT NULL AND {cut} "
           "ORDER BY score IS NOT NULL, score DESC LIMIT :take")
    params.update(more)
    take = limit + 50
    while True:
        ids, sure, threshold, done = list(unset), 0, None, False
        rows = store.conn.execute(sql, {**params, "take": take}).fetchall()
        for item_id, score in rows:
            if score is not None:
                if threshold is not None and score < threshold:
                    done = True
                    break
                sure += 1
                if sure == limit:
                    threshold = score - MARGIN
            ids.append(item_id)
        if done or len(rows) < take:
            return ids
        take *= 4
