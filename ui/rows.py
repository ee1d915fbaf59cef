"""What the lists show, read in the worker thread as light rows rather than full records.

Qt-free on purpose: this runs on the worker's own Store, and a list of 100,000 open items
must load in a fraction of a second, so each kind is one SELECT of the shown columns only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from coach import settings, timeutil, urgency
from coach.store import Store

COMMITMENT, REPLY, CONCERN = "commitment", "reply", "concern"
KINDS = (COMMITMENT, REPLY, CONCERN)


@dataclass(frozen=True, slots=True)
class Row:
    id: int
    kind: str
    what: str
    who: str
    when: datetime | None
    urgent: bool = False
    heat: int = 0
    channel: str = ""
    note: str = ""
    urgency: float = 0.0  # coach.urgency score; lists are sorted by it, highest first
    advice: str = ""  # call-now, today, this-week or later


@dataclass
class Snapshot:
    rows: dict[str, list[Row]]
    totals: dict[str, int]  # open items per kind, before the filter
    filter_text: str = ""
    extra: dict = field(default_factory=dict)


def _when(value: str | None) -> datetime | None:
    # fromisoformat reads the stored "...Z" form about ten times faster than strptime.
    return datetime.fromisoformat(value) if value else None


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
    CONCERN: ("SELECT id, title, who, heat, note, updated FROM concerns "
              "WHERE status = 'open' {cond} ORDER BY heat DESC, updated DESC, id",
              "title, who, note"),
}


def _row(kind: str, r: tuple, now: datetime, coeff: urgency.Coefficients) -> Row:
    # The same rule as `coach list --json`, so the window and the CLI agree on the order.
    if kind == COMMITMENT:
        due = _when(r[3])
        u = urgency.assess_commitment(now, coeff, title=r[1], due=due, created=_when(r[6]),
                                      urgent=bool(r[4]), from_manager=bool(r[7]),
                                      recipient=r[2], note=r[5])
        return Row(r[0], kind, r[1], r[2] or "", due, bool(r[4]), note=r[5] or "",
                   urgency=u.score, advice=u.advice)
    if kind == REPLY:
        by = _when(r[4])
        u = urgency.assess_reply(now, coeff, who=r[1], channel=r[2], received=_when(r[7]),
                                 reply_by=by, urgent=bool(r[5]), about=r[3], note=r[6])
        return Row(r[0], kind, r[3] or "", r[1], by, bool(r[5]), channel=r[2],
                   note=r[6] or "", urgency=u.score, advice=u.advice)
    u = urgency.assess_concern(now, coeff, title=r[1], heat=r[3], who=r[2], note=r[4])
    return Row(r[0], kind, r[1], r[2] or "", _when(r[5]), heat=r[3], note=r[4] or "",
               urgency=u.score, advice=u.advice)


def load(store: Store, filter_text: str = "") -> Snapshot:
    """Open items of every kind, in the order the window shows them, matching the filter."""
    needle = " ".join(filter_text.split()).casefold()
    rows: dict[str, list[Row]] = {}
    totals: dict[str, int] = {}
    conn = store.conn
    now = timeutil.now()
    coeff = urgency.Coefficients.from_settings(settings.get_all(store))
    for kind, (sql, fields) in _QUERIES.items():
        table = sql.split(" FROM ")[1].split()[0]
        totals[kind] = conn.execute(
            f"SELECT count(*) FROM {table} WHERE status = 'open'").fetchone()[0]
        if needle:
            cursor = conn.execute(sql.format(cond=f"AND coach_match(?, {fields})"), (needle,))
        else:
            cursor = conn.execute(sql.format(cond=""))
        rows[kind] = [_row(kind, tuple(r), now, coeff) for r in cursor]
        # Stable sort: equal urgency keeps the query's order (due, id), as in coach list.
        rows[kind].sort(key=lambda row: -row.urgency)
    return Snapshot(rows, totals, filter_text)
