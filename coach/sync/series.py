"""Recurring commitments in the task list: one task stands for the whole series.

Up, an open occurrence carries the rule as RRULE (`vtodo.extra_properties`). Phones finish
a repeating task in one of two ways: Tasks.org and jtx move DUE (and DTSTART) on to the
next occurrence and leave it NEEDS-ACTION; others mark it COMPLETED. Both read here as
"this occurrence is done": it is finished through the core's own `finish_item`, which
creates the next occurrence, and the task's sync record follows that occurrence, so the
same task goes back up with the next due time instead of a second task appearing.

A DUE moved anywhere else is an ordinary due change. A rule edited on the phone is not
taken (the app's rule grammar is narrower than RFC 5545): ours goes up again and the
phone's is kept in the commitment's log, as a lost conflict is.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from coach.model import commitment, commitment_log, records, recurrence
from coach.model.commitment import Commitment
from coach.ops.finish import finish_item
from coach.storage.store import Store
from coach.sync import merge, vtodo
from coach.timing.timeutil import from_db

RULE = "rule"  # the log's field name for a kept RRULE


def finished_there(base: dict[str, Any] | None, theirs: dict[str, Any], item: Any,
                   now: datetime) -> bool:
    """Whether the phone finished this open occurrence: completed it, or moved its due to
    the rule's next occurrence (after the due it had, or after now for one finished late)."""
    found = recurrence.of(item) if isinstance(item, Commitment) and item.is_open else None
    if found is None or base is None:
        return False
    if theirs["status"] == vtodo.DONE:
        return base.get("status") == vtodo.OPEN
    if theirs["status"] != vtodo.OPEN or not theirs["due"] or not base.get("due") \
            or theirs["due"] == base["due"]:
        return False
    old = from_db(base["due"])
    return from_db(theirs["due"]) in {found.after(old), found.after(max(old, now))}


def finish(store: Store, item: Commitment, now: datetime) -> Commitment:
    """Finish the occurrence as the phone did; the occurrence the task now stands for (the
    next one, or the finished one if the rule has ended)."""
    with store.write():
        commitment_log.add(store, item.id, now, commitment_log.CHANGED, "status",
                           item.status, commitment.DONE, merge.REMOTE)
        made = finish_item(store, item, now).created
        return commitment.get(store, made[0] if made else item.id) or item


def successor(store: Store, item: Commitment) -> Commitment | None:
    """The open occurrence after a finished one of the same series, if there is one."""
    if not item.rule or item.is_open:
        return None
    found = records.select(store, Commitment, "series_id = ? AND status = 'open' AND id > ?",
                           (item.series_id or item.id, item.id), limit=1)
    return found[0] if found else None


def _parts(rule: str | None) -> dict[str, str]:
    parts = dict(p.upper().split("=", 1) for p in (rule or "").split(";") if "=" in p)
    # Defaults a phone may spell out: the same rule.
    if parts.get("INTERVAL") == "1":
        del parts["INTERVAL"]
    if parts.get("WKST") == "MO":
        del parts["WKST"]
    return parts


def rule_differs(item: Any, remote: vtodo.Remote) -> bool:
    """Whether the task's RRULE is not the one this app would send (the phone edited or
    dropped it): then ours has to go up again."""
    ours = vtodo.extra_properties(item).get("rrule")
    return _parts(ours) != _parts(remote.rrule)


def keep_phone_rule(store: Store, item: Any, remote: vtodo.Remote,
                    now: datetime) -> merge.Kept | None:
    """A rule the phone wrote and we did not take goes to the commitment's log."""
    if not isinstance(item, Commitment) or not remote.rrule or not rule_differs(item, remote):
        return None
    kept = merge.Kept(RULE, remote.rrule, merge.REMOTE)
    commitment_log.add(store, item.id, now, commitment_log.KEPT, kept.field, kept.value,
                       None, kept.side)
    return kept
