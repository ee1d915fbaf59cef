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


def promises(store: Store, now: datetime, shown: int = SHOWN) -> Overdue:
    """How many promises to others are overdue, and the longest overdue of them."""
    params = (to_db(now), *sorted(SELF_WORDS))
    count = store.conn.execute(f"SELECT count(*) FROM commitments WHERE {_WHERE}",
                               params).fetchone()[0]
    first = records.select(store, Commitment, _WHERE, params, order="due, id", limit=shown)
    return Overdue(int(count), tuple(first))
