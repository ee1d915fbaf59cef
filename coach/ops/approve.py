"""The manager's OK (Freigabe): an item that waited for it is approved.

The promise check sets `awaiting_ok` when the manager must agree first. The item stays in
the briefing's "Waiting for your OK" until it is approved here (`coach ok ID` or the
window's action), not merely because a briefing mentioning it was sent.
"""

from __future__ import annotations

from datetime import datetime

from coach.errors import CoachError
from coach.i18n import _
from coach.model import records
from coach.model.commitment import Commitment
from coach.storage.store import Store


def approve(store: Store, item, now: datetime) -> Commitment:
    if not isinstance(item, Commitment) or not item.awaiting_ok:
        raise CoachError(_("Item {id} is not waiting for your manager's OK.").format(
            id=item.id))
    if not item.is_open:
        raise CoachError(_("Item {id} is already closed ({status}).").format(
            id=item.id, status=_(item.status)))
    return records.update(store, item, awaiting_ok=False, updated=now)
