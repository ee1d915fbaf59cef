"""The one list order, used by `coach list` and the window alike.

Exact order: urgency (coach.rules.urgency), highest first; equal urgency keeps the order of
TIE_BREAK (due, reply-by, or heat). Scoring every row takes a while on a big list (about
8 µs a row in Python), so the window first shows a page in the COARSE order, which SQLite
answers from its indexes without scoring anything: overdue first, then by due time, the
urgent flag breaking ties, and each kind on its own tab. The exact order follows from
`rank`, which keeps only compact arrays and, if asked, one folded string per row.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach.ops.listing.rows import COLUMNS, COMMITMENT, CONCERN, REPLY, TABLES, assess

if TYPE_CHECKING:
    from coach.rules.urgency import Coefficients, Urgency
    from coach.storage.store import Store

TIE_BREAK = {
    COMMITMENT: "due IS NULL, due, id",
    REPLY: "reply_by, id",
    CONCERN: "heat DESC, updated DESC, id",
}
TIME_COLUMN = {COMMITMENT: "due", REPLY: "reply_by"}
OPEN = "status = 'open'"


def coarse_segments(kind: str, now_db: str) -> list[tuple[str, tuple]]:
    """Queries (WHERE … ORDER BY …, parameters) whose results, one after another, give the
    coarse order of the open items; each is a range of an index (idx_*_open)."""
    if kind == CONCERN:
        return [(f"{OPEN} ORDER BY heat DESC, updated DESC, id", ())]
    column = TIME_COLUMN[kind]
    # Overdue: urgent ones first (idx_*_open_urgent); then what is due later, by due time
    # (idx_*_open); commitments without a date last.
    segments = [
        (f"{OPEN} AND urgent = 1 AND {column} < ? ORDER BY {column}", (now_db,)),
        (f"{OPEN} AND urgent = 0 AND {column} < ? ORDER BY {column}", (now_db,)),
        (f"{OPEN} AND {column} >= ? ORDER BY {column}", (now_db,)),
    ]
    if kind == COMMITMENT:
        segments.append((f"{OPEN} AND due IS NULL ORDER BY urgent DESC", ()))
    return segments


def coarse_ids(store: Store, kind: str, now: datetime, limit: int | None = None) -> array:
    """Ids of the open items in the coarse order (the first `limit` of them): index reads
    only, no row is scored."""
    from coach.timing.timeutil import to_db

    ids = array("q")
    for where, params in coarse_segments(kind, to_db(now)):
        if limit is not None and len(ids) >= limit:
            break
        more = "" if limit is None else f" LIMIT {limit - len(ids)}"
        ids.extend(r[0] for r in store.conn.execute(
            f"SELECT id FROM {TABLES[kind]} WHERE {where}{more}", params))
    return ids


def count_open(store: Store, kind: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {TABLES[kind]} WHERE {OPEN}").fetchone()[0]


class Ranking:
    """One kind's items in the exact order: ids, scores and what `keep` made of each row."""

    __slots__ = ("ids", "kept", "scores")

    def __init__(self, ids: array, scores: array, kept: list | None) -> None:
        self.ids = ids
        self.scores = scores
        self.kept = kept

    def __len__(self) -> int:
        return len(self.ids)


def rank(store: Store, kind: str, now: datetime, coeff: Coefficients,
         where: str = OPEN, keep: Callable[[tuple, Urgency], Any] | None = None,
         should_stop: Callable[[], bool] = lambda: False, stored: bool = False) -> Ranking | None:
    """Score every row once (streamed, nothing but the arrays is kept) and sort them.

    `keep(row, urgency)` may return something to hold per row, in the final order (the
    window keeps the folded filter text, `coach list` its printed line). Returns None if
    should_stop() said so midway (the data changed: the ranking would be stale).
    stored=True: rows with a stored static part (static.py) are scored from it and their
    times, the same floats `assess` gives, without folding their texts again (such an
    Urgency names no alarm word and no parts: for lists that show the advice only).
    """
    ids, scores = array("q"), array("d")
    kept: list | None = [] if keep is not None else None
    if stored:
        from coach.ops.listing.static import prepare

        stored = prepare(store, coeff)
    cursor = store.conn.cursor()
    cursor.row_factory = None  # plain tuples: the static part is sliced off the front
    cursor.execute(
        f"SELECT {'static_points, static_flags, ' if stored else ''}{COLUMNS[kind]} "
        f"FROM {TABLES[kind]} WHERE {where} ORDER BY {TIE_BREAK[kind]}")
    score = _from_stored(kind, now, coeff) if stored else None
    while True:
        batch = cursor.fetchmany(2000)
        if not batch:
            break
        if should_stop():
            cursor.close()
            return None
        for r in batch:
            if score is not None:
                found = score(r[0], r[1], r[2:]) if r[0] is not None else None
                r = r[2:]
                if found is None:
                    found = assess(kind, r, now, coeff)
            else:
                found = assess(kind, r, now, coeff)
            ids.append(r[0])
            scores.append(found.score)
            if kept is not None:
                kept.append(keep(r, found))
    # reverse=True is stable too: equal urgency keeps TIE_BREAK's order.
    order = sorted(range(len(ids)), key=scores.__getitem__, reverse=True) if ids else []
    if order:
        ids = array("q", (ids[i] for i in order))
        scores = array("d", (scores[i] for i in order))
        if kept is not None:
            kept = [kept[i] for i in order]
    return Ranking(ids, scores, kept)


def _from_stored(kind: str, now: datetime, coeff: Coefficients) -> Callable:
    from coach.ops.listing.rows import when
    from coach.rules.urgency import Urgency, advice_for, timed_score

    def score(points: float, flags: int, r: tuple) -> Urgency:
        if kind == CONCERN:
            value = timed_score(points, flags, now=now, when=None, since=None, coeff=coeff)
        else:
            value = timed_score(points, flags, now=now, when=when(r[3]), since=when(r[7]),
                                coeff=coeff)
        return Urgency(value, advice_for(value, coeff))
    return score


def ranked_rows(store: Store, kind: str, ranking: Ranking, now: datetime,
                coeff: Coefficients, chunk: int = 500) -> Iterator:
    """The rows of a ranking, in its order, read a chunk at a time (constant memory)."""
    from coach.ops.listing.rows import fetch

    for start in range(0, len(ranking.ids), chunk):
        yield from fetch(store, kind, ranking.ids[start:start + chunk], now, coeff)
