"""What the lists show, read in the worker thread as light rows rather than full records.

Qt-free on purpose: this runs on the worker's own Store, and a list of 100,000 open items
must load in a fraction of a second, so each kind is one SELECT of the shown columns only.
"""

from __future__ import annotations

from datetime import datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from coach.rules import urgency
    from coach.storage.store import Store

# The rules and the store are imported by the functions the worker runs, not here: the
# window imports this module for its kinds and rows before its first paint.

COMMITMENT, REPLY, CONCERN = "commitment", "reply", "concern"
KINDS = (COMMITMENT, REPLY, CONCERN)


class Row(NamedTuple):
    """One list row; a tuple rather than a dataclass, as it is made 50,000 times a load and
    its module is imported before the window's first paint."""

    id: int
    kind: str
    what: str
    who: str
    when: datetime | None
    urgent: bool = False
    heat: int = 0
    channel: str = ""
    note: str = ""
    urgency: float = 0.0  # coach.rules.urgency score; lists are sorted by it, highest first
    advice: str = ""  # call-now, today, this-week or later


class Snapshot:
    """What one load hands the window: rows by kind (filtered), totals before the filter."""

    def __init__(self, rows: dict[str, list[Row]], totals: dict[str, int],
                 filter_text: str = "", extra: dict[str, Any] | None = None) -> None:
        self.rows = rows
        self.totals = totals  # open items per kind, before the filter
        self.filter_text = filter_text
        self.extra = extra if extra is not None else {}


def _when(value: str | None) -> datetime | None:
    from coach.timing.timeutil import from_db

    # Never raises: a time an older version stored damaged reads as 1970 and is marked.
    return from_db(value)


def _is_damaged(value: datetime | None) -> bool:
    from coach.timing.timeutil import is_damaged

    return is_damaged(value)


def _match(needle: str, *fields: str | None) -> bool:
    return any(needle in (f or "").casefold() for f in fields)


def install_functions(store: Store) -> None:
    # casefold in Python, because SQLite's LIKE folds only ASCII ("Ü" vs "ü", "ß" vs "ss").
    store.conn.create_function("coach_match", -1, _match, deterministic=True)


_QUERIES = {
    COMMITMENT: ("SELECT id, title, recipient, due, urgent, note, created, from_manager "
                 "FROM commitments "
                 "WHERE status = 'open' {cond} ORDER BY due IS NULL, due, id",
                 "title, recipient, note"),
    REPLY: ("SELECT id, who, channel, about, reply_by, urgent, note, received "
            "FROM owed_replies "
            "WHERE status = 'open' {cond} ORDER BY reply_by, id",
            "who, about, note"),
    CONCERN: ("SELECT id, title, who, heat, note, updated, told_heat FROM concerns "
              "WHERE status = 'open' {cond} ORDER BY heat DESC, updated DESC, id",
              "title, who, note"),
}


def _row(kind: str, r: tuple, now: datetime, coeff: urgency.Coefficients,
         urgency: ModuleType) -> Row:
    try:
        return _scored_row(kind, r, now, coeff, urgency)
    except Exception:  # noqa: BLE001 - a damaged row is shown, marked, never hides the rest
        return _damaged_row(kind, r)


def _damaged_row(kind: str, r: tuple) -> Row:
    """A row an older version stored damaged: listed first, so it can be fixed or removed."""
    from coach.i18n import _

    def text(value: object) -> str:
        return value if isinstance(value, str) else "" if value is None else str(value)

    what = text(r[3] if kind == REPLY else r[1])
    who = text(r[1] if kind == REPLY else r[2])
    return Row(r[0], kind, _("{text} [damaged]").format(text=what), who, None,
               heat=5 if kind == CONCERN else 0, urgency=1e9, advice="later")


def _scored_row(kind: str, r: tuple, now: datetime, coeff: urgency.Coefficients,
                urgency: ModuleType) -> Row:
    # The same rule as `coach list --json`, so the window and the CLI agree on the order.
    if kind == COMMITMENT:
        due = _when(r[3])
        if _is_damaged(due):
            raise ValueError("damaged due")
        u = urgency.assess_commitment(now, coeff, title=r[1], due=due, created=_when(r[6]),
                                      urgent=bool(r[4]), from_manager=bool(r[7]),
                                      recipient=r[2], note=r[5])
        return Row(r[0], kind, r[1], r[2] or "", due, bool(r[4]), note=r[5] or "",
                   urgency=u.score, advice=u.advice)
    if kind == REPLY:
        by = _when(r[4])
        if by is None or _is_damaged(by) or _is_damaged(_when(r[7])) \
                or r[2] not in ("call", "voicemail", "email", "message"):
            raise ValueError("damaged reply")
        u = urgency.assess_reply(now, coeff, who=r[1], channel=r[2], received=_when(r[7]),
                                 reply_by=by, urgent=bool(r[5]), about=r[3], note=r[6])
        return Row(r[0], kind, r[3] or "", r[1], by, bool(r[5]), channel=r[2],
                   note=r[6] or "", urgency=u.score, advice=u.advice)
    if not (isinstance(r[3], int) and 1 <= r[3] <= 5):
        raise ValueError("heat out of range")
    u = urgency.assess_concern(now, coeff, title=r[1], heat=r[3], who=r[2], note=r[4],
                               told_heat=r[6])
    return Row(r[0], kind, r[1], r[2] or "", _when(r[5]), heat=r[3], note=r[4] or "",
               urgency=u.score, advice=u.advice)


class _Scored:
    """Every open row, scored and in list order, with the folded text the filter searches.

    Scoring tens of thousands of rows takes a second; typing into the filter must take
    milliseconds. So the worker keeps the last scored lists and filters them in memory,
    until the lists change (a write job here, another process's data_version) or, for a
    reload that is not a filter keystroke, the clock has moved to another minute (urgency
    grows with time).
    """

    def __init__(self, key: int, minute: datetime, rows: dict[str, list[Row]],
                 haystacks: dict[str, list[str]]) -> None:
        self.key = key
        self.minute = minute
        self.rows = rows
        self.haystacks = haystacks
        # Recent needles and the indexes they matched: Backspace finds its answer here.
        self.recent: dict[str, dict[str, list[int]]] = {}

    def matching(self, needle: str) -> dict[str, list[Row]]:
        if not needle:
            return self.rows
        found = self.recent.get(needle)
        if found is None:
            # Typing on narrows an earlier result: search only what matched the shorter text.
            shorter = max((n for n in self.recent if needle.startswith(n)), key=len,
                          default=None)
            candidates = self.recent[shorter] if shorter is not None else \
                {kind: range(len(rows)) for kind, rows in self.rows.items()}
            found = {kind: [i for i in indexes if needle in self.haystacks[kind][i]]
                     for kind, indexes in candidates.items()}
            if len(self.recent) >= 64:
                self.recent.pop(next(iter(self.recent)))
            self.recent[needle] = found
        return {kind: [self.rows[kind][i] for i in found[kind]] for kind in found}


def _key(store: Store) -> int:
    # Changes made by other connections; this worker's own list-changing writes drop the
    # cache themselves (forget), so bookkeeping writes like reminders keep it.
    return store.conn.execute("PRAGMA data_version").fetchone()[0]


def forget(store: Store) -> None:
    """The lists changed on this connection: score them again on the next load."""
    store.__dict__.pop("_coach_scored", None)


def _score_all(store: Store, now: datetime, key: int) -> _Scored:
    from coach.rules import urgency
    from coach.storage import settings

    coeff = urgency.Coefficients.from_settings(settings.get_all(store))
    rows: dict[str, list[Row]] = {}
    haystacks: dict[str, list[str]] = {}
    for kind, (sql, _fields) in _QUERIES.items():
        scored = [_row(kind, tuple(r), now, coeff, urgency) for r in store.conn.execute(
            sql.format(cond=""))]
        # Stable sort: equal urgency keeps the query's order (due, id), as in coach list.
        scored.sort(key=lambda row: -row.urgency)
        rows[kind] = scored
        # casefold in Python, because SQLite's LIKE folds only ASCII ("Ü"/"ü", "ß"/"ss").
        haystacks[kind] = ["\n".join((r.what, r.who, r.note)).casefold() for r in scored]
    return _Scored(key, now.replace(second=0, microsecond=0), rows, haystacks)


def load(store: Store, filter_text: str = "", fresh: bool = True) -> Snapshot:
    """Open items of every kind, in the order the window shows them, matching the filter.

    With fresh=False (a keystroke in the filter) scores from an earlier minute are reused
    as long as the data is unchanged, so typing never waits for a full rescoring.
    """
    from coach.timing import timeutil

    needle = " ".join(filter_text.split()).casefold()
    now = timeutil.now()
    key = _key(store)
    cache = getattr(store, "_coach_scored", None)
    minute = now.replace(second=0, microsecond=0)
    if cache is None or cache.key != key or (fresh and cache.minute != minute):
        cache = _score_all(store, now, key)
        store._coach_scored = cache  # one per worker Store, dropped with it
    rows = cache.matching(needle)
    totals = {kind: len(all_rows) for kind, all_rows in cache.rows.items()}
    overdue = sum(1 for kind in (COMMITMENT, REPLY) for row in rows[kind]
                  if row.when is not None and row.when < now)
    return Snapshot(dict(rows), totals, filter_text, {"overdue": overdue})
