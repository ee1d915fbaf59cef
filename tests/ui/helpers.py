"""Seeding and driving helpers shared by the UI tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from coach.model import commitment, concern, owed_reply
from coach.storage.store import Store


def seed(store: Store, now: datetime) -> dict[str, int]:
    """A few items of each kind; returns their ids by a short name."""
    ids = {}
    ids["offer"] = commitment.add(store, commitment.new(
        "Send ACME the revised offer", now, recipient="Jim Baker",
        due=now + timedelta(days=1))).id
    ids["late"] = commitment.add(store, commitment.new(
        "Rückruf Frau Schneider wegen Gutschrift", now, recipient="Frau Schneider",
        due=now - timedelta(hours=3))).id
    ids["voicemail"] = owed_reply.add(store, owed_reply.new(
        "Frau Schneider", "voicemail", now - timedelta(hours=2), now + timedelta(hours=2),
        now, about="Rückerstattung")).id
    ids["email"] = owed_reply.add(store, owed_reply.new(
        "Jim Baker", "email", now - timedelta(hours=1), now + timedelta(days=1), now,
        about="Delivery dates")).id
    ids["angry"] = concern.add(store, concern.new(
        "ACME unhappy about the delay", now, heat=4, who="Jim Baker")).id
    return ids


def ids_in(model) -> list[int]:
    from ui.window.models import ItemIdRole

    return [model.index(r, 0).data(ItemIdRole) for r in range(model.rowCount())]
