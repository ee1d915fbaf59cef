"""Promises overdue: open commitments to someone other than yourself, past their due time.

They stay in sight (the window's status bar and tray, the briefing's "At risk") until they
are done or renegotiated; a snooze quiets the reminders, not this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coach.model import records
from coach.model.commitment import Commitment
from coach.rules.capture import SELF_WORDS
from coach.storage.store import Store
from coach.timing.timeutil import to_db

SHOWN = 3

_MARKS = ", ".join("?" for _ in SELF_WORDS)
_WHERE = ("status = 'open' AND due IS NOT NULL AND due < ? AND recipient IS NOT NULL "
          f"AND trim(recipient) != '' AND lower(trim(recipient)) NOT IN ({_MARKS})")


@dataclass(frozen=True)
class Overdue:
    count: int
    first: tuple[Commitment, ...]  # the longest overdue, at most SHOWN
    at: datetime | None = None  # the clock this was read at (for `since`)


def promises(store: Store, now: datetime, shown: int = SHOWN,
             since: Overdue | None = None) -> Overdue:
    """How many promises to others are overdue, and the longest overdue of them.

    `since`: an earlier answer, read at `since.at`, when no data changed in between. Then
    only the promises that fell overdue since are counted: the window asks once a minute,
    and counting every overdue promise again costs about 60 ms at 150,000 items (each
    row's recipient is read from the table), while the minute's new ones are an index
    range of a few rows.
    """
    self_words = sorted(SELF_WORDS)
    if since is not None and since.at is not None and since.at <= now:
        params = (to_db(now), *self_words, to_db(since.at))
        newly = store.conn.execute(
            f"SELECT count(*) FROM commitments WHERE {_WHERE} AND due >= ?",
            params).fetchone()[0]
        if not newly:
            return Overdue(since.count, since.first, now)
        if len(since.first) >= shown:  # the longest overdue stay the longest overdue
            return Overdue(since.count + int(newly), since.first, now)
    params = (to_db(now), *self_words)
    count = store.conn.execute(f"SELECT count(*) FROM commitments WHERE {_WHERE}",
                               params).fetchone()[0]
    first = records.select(store, Commitment, _WHERE, params, order="due, id", limit=shown)
    return Overdue(int(count), tuple(first), now)


def fell_overdue(store: Store, since: datetime | None, now: datetime) -> int:
    """Open commitments and owed replies whose due or reply-by time is before `now` and not
    before `since` (every overdue one without `since`): the status bar's "3 overdue",
    followed by the clock between reloads with a range of the open-item indexes."""
    total = 0
    for table, column in (("commitments", "due"), ("owed_replies", "reply_by")):
        where = f"status = 'open' AND {column} < ?" + ("" if since is None else
                                                        f" AND {column} >= ?")
        params = (to_db(now),) if since is None else (to_db(now), to_db(since))
        total += store.conn.execute(f"SELECT count(*) FROM {table} WHERE {where}",
                                    params).fetchone()[0]
    return int(total)
