"""What takes part in sync, and what the mapping needs from the rest of the app."""

from __future__ import annotations

from datetime import datetime

from coach.model import records
from coach.model.commitment import Commitment
from coach.model.owed_reply import OwedReply
from coach.storage import settings
from coach.storage.store import Store
from coach.sync.vtodo import Context


def local_items(store: Store) -> list[Commitment | OwedReply]:
    """Open commitments, and every item that was synced before (so a done one goes up
    as completed); owed replies too when the user turned that on."""
    synced = "id IN (SELECT item_id FROM sync_items WHERE kind = '{kind}' AND state = 'live')"
    found: list[Commitment | OwedReply] = records.select(
        store, Commitment, f"status = 'open' OR {synced.format(kind='commitment')}")
    if settings.get(store, "sync_owed_replies"):
        found += records.select(store, OwedReply,
                                f"status = 'open' OR {synced.format(kind='reply')}")
    return found


def context(store: Store, now: datetime) -> Context:
    from coach.rules import urgency
    from coach.timing.dates import local_tz

    values = settings.get_all(store)
    coeff = urgency.Coefficients.from_settings(values)
    advice: dict[int, str] = {}
    for item in local_items(store):
        if item.is_open:
            advice[item.id] = urgency.assess_item(item, now, coeff).advice
    checks = {row[0]: row[1] for row in store.conn.execute(
        "SELECT commitment_id, result FROM promise_checks")}
    return Context(tz=local_tz(), alarm_minutes=int(values.get("sync_alarm_minutes") or 0),
                   day_end=settings.WorkingHours.from_settings(values).end,
                   advice=advice, checks=checks)
