"""Shared set-up for the rhythm tests: a store with a working day's worth of items."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from coach.model import commitment, concern, owed_reply
from coach.storage.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    """A Berlin wall time as an aware datetime ("2026-11-26 10:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def a_day(store: Store) -> dict[str, int]:
    """Thursday 26 November 2026: promises, replies and concerns of an ordinary day."""
    morning = at("2026-11-26 09:00")
    ids = {}
    ids["offer"] = commitment.add(store, commitment.new(
        "Send ACME the revised offer", at("2026-11-24 09:00"), recipient="Jim Baker",
        due=at("2026-11-25 17:00"))).id
    ids["slides"] = commitment.add(store, commitment.new(
        "Slides for the steering meeting", morning, recipient="Petra Lang",
        due=at("2026-11-26 16:00"))).id
    ids["later"] = commitment.add(store, commitment.new(
        "Quarterly numbers", morning, due=at("2026-12-10 12:00"))).id
    ids["call"] = owed_reply.add(store, owed_reply.new(
        "Frau Schneider", "call", at("2026-11-26 08:00"), at("2026-11-26 12:00"), morning,
        about="credit note")).id
    ids["mail"] = owed_reply.add(store, owed_reply.new(
        "Sam Ortiz", "email", morning, at("2026-11-26 17:00"), morning, about="agenda")).id
    ids["acme"] = concern.add(store, concern.new(
        "ACME unhappy about the delay", morning, heat=4, who="Jim Baker")).id
    ids["calm"] = concern.add(store, concern.new(
        "Printer contract renewal", morning, heat=2)).id
    return ids
