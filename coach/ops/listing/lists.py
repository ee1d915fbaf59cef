"""The window's open lists, held by its worker: first page first, the exact order after.

Memory follows what is shown: for each kind the worker holds the ids in list order (an
array, 8 bytes an item) and, once ranked, one folded string per item for the filter; the
window holds only the pages it has painted. Rows are read by id a page at a time.

On the first load a big list is shown in the coarse order (order.py), which SQLite answers
from its indexes; `rank_lists` then scores every item on a thread of its own, with its own
connection, and `install` swaps the exact order in. Later reloads (a write, another
process's change, a new minute) rank at once, as the window already shows a list.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach.ops.listing.order import Ranking, coarse_ids, count_open, rank
from coach.ops.listing.rows import (
    COMMITMENT,
    CONCERN,
    KINDS,
    PAGE,
    REPLY,
    TABLES,
    Row,
    coefficients,
    fetch,
    haystack,
    shown_text,
    title_shown,
)

if TYPE_CHECKING:
    from coach.storage.store import Store

# A list this short is ranked before it is shown (scoring 100 rows takes about 1 ms). A
# longer one comes in the coarse order first, even a typical one of a few hundred items:
# the window opens on Today, with the lists behind their tabs, and the ~15 ms of scoring
# they took held the GIL that Today and the first frame were waiting for (issue 19).
INLINE = PAGE
WHOLE = 300  # a list this short is handed over whole (~3 ms), a longer one by pages
# Rows of a list still in the coarse order that the first load hands over: more than a tab
# shows before anyone scrolls. Each row is scored (about 40 µs): at 150k, 100 rows of each
# kind were 12 ms of the first frame; the rest of the page follows when the list is shown.
FIRST = 40

WHAT, WHO, WHEN, STATUS, ADVICE = range(5)  # the window's columns


class ListPage:
    """One kind in a snapshot: its first page and how many items the list has."""

    __slots__ = ("count", "exact", "generation", "kind", "rows", "total")

    def __init__(self, kind: str, generation: int, rows: list[Row], count: int, total: int,
                 exact: bool) -> None:
        self.kind = kind
        self.generation = generation  # pages of this list are asked for by generation
        self.rows = rows  # the first PAGE rows of the list, or all of a short one
        self.count = count  # rows in the list (after the filter)
        self.total = total  # open items of this kind, before the filter
        self.exact = exact  # False while the coarse order stands in for urgency


class Snapshot:
    """What one load hands the window."""

    def __init__(self, lists: dict[str, ListPage], filter_text: str, now: datetime,
                 overdue: int, ranking_due: bool = False,
                 overdue_at: datetime | None = None) -> None:
        self.lists = lists
        self.filter_text = filter_text
        self.now = now
        self.ranking_due = ranking_due  # the exact order is still to come
        self.rows = {kind: page.rows for kind, page in lists.items()}
        self.totals = {kind: page.total for kind, page in lists.items()}
        self.counts = {kind: page.count for kind, page in lists.items()}
        # `overdue` as counted at `overdue_at` (once per reading of the lists).
        self.extra: dict[str, Any] = {"overdue": overdue, "overdue_at": overdue_at}


class _Kind:
    __slots__ = ("base", "count", "generation", "order", "ranking", "recent", "view")

    def __init__(self, ids: array, ranking: Ranking | None) -> None:
        self.ranking = ranking  # exact order with folded texts, once ranked
        self.order: tuple[int, bool] = (ADVICE, True)  # column, descending
        self.base = ids  # ids in the order shown, before the filter
        self.view = ids  # ids shown: base, filtered
        # Open items; more than len(base) while only the first coarse page has been read.
        self.count = len(ids)
        self.recent: dict[str, array] = {}  # needle -> positions in the ranking
        self.generation = 0  # bumped whenever `view` changes


class OpenLists:
    def __init__(self, key: int, minute: datetime) -> None:
        self.key = key  # PRAGMA data_version when read
        self.minute = minute
        self.kinds: dict[str, _Kind] = {}
        self.needle = ""
        # Read once per reading of the lists, not per filter keystroke:
        self.overdue: int | None = None
        self.overdue_at: datetime | None = None
        self.coeff = None

    @property
    def ranked(self) -> bool:
        return all(k.ranking is not None for k in self.kinds.values())


def data_version(store: Store) -> int:
    """Changes committed by other connections since this one opened (cheap: no table is
    read); the window's worker asks it to notice `coach add` in a terminal."""
    return store.conn.execute("PRAGMA data_version").fetchone()[0]


_key = data_version


def forget(store: Store) -> None:
    """The lists changed on this connection: read them again on the next load."""
    store.__dict__.pop("_coach_lists", None)


def _needle(text: str) -> str:
    return " ".join(text.split()).casefold()


def _rank_kind(store: Store, kind: str, now: datetime, coeff) -> Ranking:
    return rank(store, kind, now, coeff, keep=lambda r, _u: haystack(r))


def _read(store: Store, now: datetime, first: bool) -> OpenLists:
    lists = OpenLists(_key(store), now.replace(second=0, microsecond=0))
    orders = store.__dict__.get("_coach_orders", {})  # a column sort outlives a reload
    coeff = None
    for kind in KINDS:
        if first and count_open(store, kind) > INLINE:
            # The first page only: the rest of the coarse order is read when first needed
            # (a page further down, a filter), usually after the first paint.
            state = _Kind(coarse_ids(store, kind, now, limit=PAGE), None)
            state.count = count_open(store, kind)
        else:
            coeff = coeff or coefficients(store)
            ranking = _rank_kind(store, kind, now, coeff)
            state = _Kind(ranking.ids, ranking)
        lists.kinds[kind] = state
        state.order = orders.get(kind, state.order)
        if state.order != (ADVICE, True):
            state.base = _sorted_ids(store, kind, state.order, state.ranking)
    return lists


def load(store: Store, filter_text: str = "", fresh: bool = True,
         first: bool = False) -> Snapshot:
    """The lists as the window shows them, filtered; the first page of each.

    first=True (the window's first load): big lists come in the coarse order, and the
    snapshot says ranking_due. fresh=False (a filter keystroke) keeps the lists read in an
    earlier minute, as long as the data is unchanged.
    """
    from coach.timing import timeutil

    now = timeutil.now()
    lists: OpenLists | None = getattr(store, "_coach_lists", None)
    minute = now.replace(second=0, microsecond=0)
    if (lists is None or lists.key != _key(store)
            or (fresh and lists.minute != minute and lists.ranked)):
        lists = _read(store, now, first)
        store._coach_lists = lists  # one per worker Store, dropped with it
    _apply_filter(store, lists, _needle(filter_text))
    return _snapshot(store, lists, filter_text, now)


def _page(store: Store, kind: str, state: _Kind, now: datetime, coeff) -> ListPage:
    state.generation += 1
    # A short list comes whole (it costs less than the page requests it saves); a long one
    # a page at a time.
    size = FIRST if state.ranking is None else PAGE if len(state.view) > WHOLE else WHOLE
    rows = fetch(store, kind, state.view[:size], now, coeff)
    partial = len(state.base) < state.count and state.view is state.base
    return ListPage(kind, state.generation, rows, state.count if partial else len(state.view),
                    state.count if state.ranking is None else len(state.ranking),
                    state.ranking is not None)


def _snapshot(store: Store, lists: OpenLists, filter_text: str, now: datetime) -> Snapshot:
    if lists.coeff is None:
        lists.coeff = coefficients(store)
    pages = {kind: _page(store, kind, state, now, lists.coeff)
             for kind, state in lists.kinds.items()}
    if lists.overdue is None:
        from coach.ops.overdue import fell_overdue

        lists.overdue, lists.overdue_at = fell_overdue(store, None, now), now
    return Snapshot(pages, filter_text, now, lists.overdue, ranking_due=not lists.ranked,
                    overdue_at=lists.overdue_at)


def page(store: Store, generation: int, kind: str, start: int,
         count: int = PAGE) -> tuple[int, str, int, list[Row]] | None:
    """Rows start … start+count of a list, if the list is still the one of `generation`."""
    from coach.timing import timeutil

    lists: OpenLists | None = getattr(store, "_coach_lists", None)
    if lists is None or lists.kinds[kind].generation != generation:
        return None  # the window has a newer list coming
    state = lists.kinds[kind]
    _complete(store, kind, state)
    ids = state.view[start:start + count]
    return generation, kind, start, fetch(store, kind, ids, timeutil.now(),
                                          coefficients(store))


# --- the filter -----------------------------------------------------------------------
def _positions(state: _Kind, needle: str) -> array:
    """Positions in the exact order whose folded text holds the needle (narrowing earlier
    results while typing on, reusing them on Backspace)."""
    found = state.recent.get(needle)
    if found is None:
        hay = state.ranking.kept
        shorter = max((n for n in state.recent if needle.startswith(n)), key=len,
                      default=None)
        if shorter is None:
            found = array("l", (i for i, text in enumerate(hay) if needle in text))
        else:
            found = array("l", (i for i in state.recent[shorter] if needle in hay[i]))
        if len(state.recent) >= 64:
            state.recent.pop(next(iter(state.recent)))
        state.recent[needle] = found
    return found


def _matching_ids(store: Store, kind: str, needle: str) -> set[int]:
    # Before the ranking is in: read the texts once from SQLite (folded in Python, as
    # SQLite's LIKE folds ASCII only), keeping nothing.
    cols = {COMMITMENT: "title, recipient", REPLY: "about, who", CONCERN: "title, who"}[kind]
    cursor = store.conn.execute(
        f"SELECT id, {cols}, note, texts FROM {TABLES[kind]} WHERE status = 'open'")
    return {r[0] for r in cursor if needle in shown_text(r).casefold()}



def _complete(store: Store, kind: str, state: _Kind) -> None:
    """Read the rest of the coarse order, if only its first page was read so far."""
    if state.ranking is None and len(state.base) < state.count:
        from coach.timing import timeutil

        whole = state.base is state.view
        state.base = coarse_ids(store, kind, timeutil.now())
        state.count = len(state.base)
        if whole:
            state.view = state.base


def _apply_filter(store: Store, lists: OpenLists, needle: str,
                  only: str | None = None) -> None:
    lists.needle = needle
    for kind, state in lists.kinds.items():
        if only is not None and kind != only:
            continue
        if not needle:
            state.view = state.base
            continue
        _complete(store, kind, state)
        if state.ranking is not None and state.order == (ADVICE, True):
            ids = state.ranking.ids
            state.view = array("q", (ids[i] for i in _positions(state, needle)))
        else:
            if state.ranking is not None:
                wanted = {state.ranking.ids[i] for i in _positions(state, needle)}
            else:
                wanted = _matching_ids(store, kind, needle)
            state.view = array("q", (i for i in state.base if i in wanted))


# --- the exact order, ranked off the worker -------------------------------------------
def rank_lists(data_dir: str | None, should_stop: Callable[[], bool]) -> dict | None:
    """Every kind's exact ranking, on the caller's thread with a connection of its own.

    Returns {"rankings": {kind: Ranking}}, or None if should_stop() said to give up
    (the window is closing).
    """
    from coach.storage.store import open_store
    from coach.timing import timeutil

    store = open_store(data_dir)
    try:
        now = timeutil.now()
        coeff = coefficients(store)
        store.conn.execute("BEGIN")  # one snapshot of the data for every kind
        try:
            rankings = {}
            for kind in KINDS:
                found = rank(store, kind, now, coeff,
                             keep=lambda r, _u: haystack(r), should_stop=should_stop)
                if found is None:
                    return None
                rankings[kind] = found
        finally:
            store.conn.execute("COMMIT")
        return {"rankings": rankings}
    finally:
        store.close()


def install(store: Store, ranked: dict | None, filter_text: str) -> Snapshot | None:
    """Swap the exact order in; None if the lists were read again meanwhile (then they
    were ranked at once and this ranking is stale)."""
    from coach.timing import timeutil

    lists: OpenLists | None = getattr(store, "_coach_lists", None)
    if ranked is None or lists is None or lists.ranked or lists.key != _key(store):
        return None
    for kind, ranking in ranked["rankings"].items():
        state = lists.kinds[kind]
        if state.ranking is None:
            state.ranking = ranking
            state.count = len(ranking)
            state.recent.clear()
            state.base = ranking.ids if state.order == (ADVICE, True) else \
                _sorted_ids(store, kind, state.order, ranking)
    _apply_filter(store, lists, _needle(filter_text))
    return _snapshot(store, lists, filter_text, timeutil.now())


# --- sorting by a column --------------------------------------------------------------
_SORT_KEYS = {
    WHAT: {COMMITMENT: "title", REPLY: "coalesce(nullif(about, ''), channel)",
           CONCERN: "title"},
    WHO: {COMMITMENT: "coalesce(recipient, '')", REPLY: "who", CONCERN: "coalesce(who, '')"},
}



def _sorted_ids(store: Store, kind: str, order: tuple[int, bool],
                ranking: Ranking | None) -> array:
    column, descending = order
    if column == ADVICE:
        if ranking is None:
            from coach.timing import timeutil

            ids = coarse_ids(store, kind, timeutil.now())
            return ids if descending else array("q", reversed(ids))
        if descending:
            return ranking.ids
        # Ascending keeps equal urgency in its tie-break order, as a stable sort does.
        ids = ranking.ids
        return array("q", (ids[i] for i in sorted(range(len(ids)),
                                                  key=ranking.scores.__getitem__)))
    table = TABLES[kind]
    if column in _SORT_KEYS:
        cursor = store.conn.execute(
            f"SELECT id, {_SORT_KEYS[column][kind]}, texts FROM {table} WHERE status = 'open'")
        shown = title_shown if column == WHAT else (lambda r: r[1])
        keyed = sorted(((str(shown(r) or "").casefold(), r[0]) for r in cursor),
                       key=lambda pair: pair[0], reverse=descending)
        return array("q", (pair[1] for pair in keyed))
    if column == WHEN:
        time_column = {COMMITMENT: "due", REPLY: "reply_by", CONCERN: "updated"}[kind]
        # Items without a date go after every dated one (before them, reversed).
        direction = "DESC" if descending else "ASC"
        return array("q", (r[0] for r in store.conn.execute(
            f"SELECT id FROM {table} WHERE status = 'open' "
            f"ORDER BY {time_column} IS NULL {direction}, {time_column} {direction}")))
    if kind == CONCERN:
        direction = "DESC" if descending else "ASC"
        return array("q", (r[0] for r in store.conn.execute(
            f"SELECT id FROM {table} WHERE status = 'open' ORDER BY heat {direction}")))
    from coach.timing import timeutil
    from coach.timing.timeutil import to_db

    # Status: channel, then overdue, then urgent, as the column reads.
    time_column = "due" if kind == COMMITMENT else "reply_by"
    channel = "channel" if kind == REPLY else "''"
    direction = "DESC" if descending else "ASC"
    return array("q", (r[0] for r in store.conn.execute(
        f"SELECT id FROM {table} WHERE status = 'open' ORDER BY {channel} {direction}, "
        f"({time_column} IS NOT NULL AND {time_column} < ?) {direction}, urgent {direction}",
        (to_db(timeutil.now()),))))


def sort(store: Store, kind: str, column: int, descending: bool,
         filter_text: str) -> ListPage | None:
    """Order one list by a column (Advice, descending, is the urgency order)."""
    from coach.timing import timeutil

    store.__dict__.setdefault("_coach_orders", {})[kind] = (column, descending)
    lists: OpenLists | None = getattr(store, "_coach_lists", None)
    if lists is None:
        return None  # the first load will order it so
    state = lists.kinds[kind]
    state.order = (column, descending)
    state.base = _sorted_ids(store, kind, state.order, state.ranking)
    _apply_filter(store, lists, _needle(filter_text), only=kind)
    return _page(store, kind, state, timeutil.now(), coefficients(store))
