"""What a reminder pass keeps for the next one, so that a window open all day does not plan
again what cannot have changed (issue 19).

A pass at 150,000 items planned the 3,000 commitments never reminded of on every pass (their
lead times, their urgency advice) and counted the back-off's groups in SQL: about 0.35 s of
CPU, every few minutes. Planning an item gives the earliest time it wants a notification;
as long as nothing it is planned from changes, planning it again before that time gives the
same time. So a pass keeps, per item it planned, that time (`times`), and per back-off group
(coach.reminders.pending) the group's time; the next pass plans only the items whose time
has come (and the groups', read in full), and takes the rest from what was kept.

What an item is planned from:
- its row, its notified records, the settings and the zone. Any write to the database by
  another connection changes `PRAGMA data_version`, and any by this one the connection's
  `total_changes`; both are taken when a claim commits (inside its transaction, so no other
  writer can come between), and a pass that finds either changed (or other settings or
  another zone) plans everything, as before. The claim's own writes are known: what it
  sent is planned again at once (planning.wake_after_claim) and kept with its new records.
- the clock, through the urgency advice of an item never notified ("call now" is notified
  at once, "today" before the working day ends). The score only grows with time, at most
  as fast as its time coefficients allow, and jumps once, at the due time; `horizon` is the
  earliest moment the advice could reach "today" or "call now", and the item is planned
  again by the first pass after it.

The morning digest's pass plans every item, and keeps every item under its time. Nothing
here changes what is notified: tests/test_reminder_kept.py checks each claim against
planning every item, with data changed between passes by this process and by others.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from coach.model.commitment import Commitment
from coach.model.owed_reply import OwedReply
from coach.reminders import pending
from coach.reminders.notification import Candidate, Notified
from coach.rules.urgency import Coefficients
from coach.storage.store import Store

KINDS = (OwedReply, Commitment)
# Below this many score points from "today" or "call now" an item is planned on every pass:
# the score is rounded to hundredths, and the advice compares the rounded score.
MARGIN = 0.02
LONGEST = timedelta(days=400)  # an advice horizon beyond this is kept as this
# The steepest slope of coach.rules.urgency.due_factor: 0.2 over the last 24 hours.
DUE_SLOPE_PER_HOUR = 0.2 / 24


class Outlook:
    """What the items and groups of one store want next, as the last pass planned them.

    Per kind: time → the ids of the items whose earliest later candidate it is (a claim
    that sends 50,000 reminders plans them again at once, and they share a handful of
    times: an array of ids per time, not a dict entry per item); item id → its advice
    horizon, for the items never notified; back-off group (last notified, slow step) → its
    time. A pass changes it in place (next_pass, note): whoever runs the pass keeps it only
    if the claim committed (Kept.keep), and drops it otherwise.
    """

    def __init__(self) -> None:
        self.times: dict[type, dict[datetime, array]] = {cls: {} for cls in KINDS}
        self.horizons: dict[type, dict[int, datetime]] = {cls: {} for cls in KINDS}
        # Of the items with a horizon: the time they are kept under, to take them out early.
        self.placed: dict[type, dict[int, datetime]] = {cls: {} for cls in KINDS}
        self.groups: dict[type, dict[tuple[str, int], datetime]] = {cls: {} for cls in KINDS}

    def forget(self, cls: type, ids: Iterable[int]) -> None:
        """Take out items planned before their time (their advice horizon came)."""
        times, placed, horizons = self.times[cls], self.placed[cls], self.horizons[cls]
        for item_id in ids:
            horizons.pop(item_id, None)
            at = placed.pop(item_id, None)
            bucket = times.get(at) if at is not None else None
            if bucket is not None:
                bucket.remove(item_id)
                if not bucket:
                    del times[at]

    def note(self, cls: type, items: list, found: list[Candidate], records: Mapping[str, Notified],
             now: datetime, score: Callable, coeff: Coefficients) -> None:
        """Keep what planning `items` at `now` found (their candidates `found`)."""
        later: dict[int, datetime] = {}
        sent: set[int] = set()
        for cand in found:
            item_id = int(cand.key.rsplit(":", 1)[1])
            if cand.at <= now:
                # Due now: the claim sends it and plans it again (wake_after_claim). A due
                # candidate that sends nothing is planned again by the next pass.
                sent.add(item_id)
                if cand.single is None:
                    self.horizons[cls][item_id] = now
            elif item_id not in later or cand.at < later[item_id]:
                later[item_id] = cand.at
        times, prefixes = self.times[cls], pending.ITEM_KEYS[cls]
        for item in items:
            item_id = item.id
            at = later.get(item_id) if item_id not in sent else None
            if at is not None:
                bucket = times.get(at)
                if bucket is None:
                    bucket = times[at] = array("i")
                bucket.append(item_id)
            if item_id in sent or not _untouched(records, prefixes, item_id):
                continue
            when = item.due if cls is Commitment else item.reply_by
            until = horizon(score(item), when, now, coeff)
            if until is not None:
                self.horizons[cls][item_id] = until
                if at is not None:
                    self.placed[cls][item_id] = at

    def next_pass(self, now: datetime
                  ) -> tuple[dict[type, tuple[str, dict]], datetime | None] | None:
        """For a pass at `now`: per kind, which items to plan (a WHERE clause for
        pending.chunks): those whose time or advice horizon has come, and the back-off
        groups whose time has come; and the earliest time of the rest. They are taken out,
        to be noted again as planned now. None: too many groups, plan everything."""
        if any(sum(at <= now for at in self.groups[cls].values()) > pending.MAX_DUE_GROUPS
               for cls in KINDS):
            return None
        wheres = {}
        for cls in KINDS:
            times, groups = self.times[cls], self.groups[cls]
            ids: set[int] = set()
            for at in [at for at in times if at <= now]:
                ids.update(times.pop(at))
            early = [item_id for item_id, at in self.horizons[cls].items() if at <= now]
            ids.update(early)
            self.forget(cls, early)
            for item_id in ids:
                self.horizons[cls].pop(item_id, None)
                self.placed[cls].pop(item_id, None)
            due = [group for group, at in groups.items() if at <= now]
            for group in due:
                # Every item of a group whose time came is due, and is sent and planned
                # again by this claim (planning.wake_after_claim): the group is gone.
                del groups[group]
            wheres[cls] = pending.replanned(cls, ids, due, now)
        return wheres, self.wake()

    def wake(self) -> datetime | None:
        """The earliest kept time, of the items and of the groups."""
        found = [min(by_time) for by_time in self.times.values() if by_time]
        found += [min(groups.values()) for groups in self.groups.values() if groups]
        return min(found) if found else None


def _untouched(records: Mapping[str, Notified], prefixes: tuple[str, ...], item_id: int) -> bool:
    # The rule both kinds use before they ask the advice (commitments._untouched,
    # replies.first_notice): nothing sent and nothing snoozed under any of its keys.
    for prefix in prefixes:
        rec = records.get(f"{prefix}{item_id}")
        if rec is not None and (rec.count or rec.snoozed_until):
            return False
    return True


def horizon(score: float, when: datetime | None, now: datetime,
            coeff: Coefficients) -> datetime | None:
    """The earliest moment an item scored `score` at `now` could be advised "today" or
    "call now" differently than now (None: never, while its data stays the same)."""
    per_hour = (abs(coeff.due) * DUE_SLOPE_PER_HOUR + abs(coeff.overdue_per_day) / 24
                + abs(coeff.age) / coeff.age_days / 24)
    lines = (coeff.today, coeff.call_now)
    if min(coeff.due, coeff.overdue_per_day, coeff.age) >= 0:
        # Every time part grows with the clock: the score can only rise.
        gaps = [line - score for line in lines if line > score]
    else:
        gaps = [abs(line - score) for line in lines]
    if not gaps:
        return None
    gap = min(gaps) - MARGIN
    if gap <= 0:
        return now
    at = now + LONGEST if per_hour <= 0 else now + min(timedelta(hours=gap / per_hour), LONGEST)
    if when is not None and now < when < at:
        at = when  # overdue from then on: the floors may lift the score at once
    return at


@dataclass
class Kept:
    """Held by whoever runs passes one after another on one store (the window's worker):
    what the last claim planned, and what it was planned from."""

    outlook: Outlook | None = None
    conn: object | None = None
    version: tuple[int, int] | None = None
    values: Mapping | None = None
    tz: tzinfo | None = None
    at: datetime | None = None
    read: int = 0  # how many items the last claim planned (a pass that used this: few)

    def clear(self) -> None:
        self.outlook = None

    def usable(self, store: Store, now: datetime, tz: tzinfo, values: Mapping) -> bool:
        """Whether nothing an item's plan depends on changed since the last claim (read
        inside the claim's write transaction)."""
        return (self.outlook is not None and self.conn is store.conn and tz is self.tz
                and self.at is not None and now >= self.at and values == self.values
                and self.version == (store.data_version(), store.conn.total_changes))

    def keep(self, store: Store, outlook: Outlook | None, version: int, now: datetime,
             tz: tzinfo, values: Mapping, read: int = 0) -> None:
        """After the claim committed: `version` is data_version read inside it."""
        self.read = read
        self.outlook, self.conn, self.tz, self.at = outlook, store.conn, tz, now
        self.values = values
        self.version = (version, store.conn.total_changes)
