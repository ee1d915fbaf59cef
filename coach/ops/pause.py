"""Pausing reminders for a while (the window's File menu and tray)."""

from __future__ import annotations

from datetime import datetime, timedelta

from coach.ops.changed import SETTINGS, Changed
from coach.storage import settings
from coach.storage.store import Store
from coach.timing.timeutil import to_db


def pause_reminders(store: Store, now: datetime, hours: float = 1) -> Changed:
    """`detail` is when reminders start again."""
    until = now + timedelta(hours=hours)
    settings.put(store, "paused_until", to_db(until))
    return Changed(frozenset({SETTINGS}), detail=until)
