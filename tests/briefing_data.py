"""A fixed briefing dataset around the suite's fixed clock (Thursday 26 Nov 2026, 15:00)."""

from __future__ import annotations

from datetime import datetime, timedelta

from coach.model import commitment, concern, owed_reply, records
from coach.storage.store import Store


def seed(store: Store, now: datetime) -> dict[str, int]:
    """Something for every section, and a few items that must stay out."""
    day = timedelta(days=1)
    ids: dict[str, int] = {}

    acme = concern.add(store, concern.new(
        "ACME unhappy about the delay", now - 5 * day, heat=2, who="Jim Baker",
        doing="Calling Jim every morning until the fix ships",
        need="your advice on whether to offer a discount"))
    concern.mark_told(store, acme, now - 3 * day)
    concern.set_heat(store, acme, 3, now - 2 * day, "Jim complained about the second slip")
    concern.set_heat(store, acme, 4, now - day, "Jim threatened to escalate to his director")
    ids["acme"] = acme.id
    printer = concern.add(store, concern.new("Printer contract renewal unclear", now - 2 * day,
                                             heat=2, who="Facilities",
                                             note="Old contract ends in January"))
    ids["printer"] = printer.id
    old = concern.add(store, concern.new("Server migration noise", now - 9 * day, heat=3))
    concern.resolve(store, old, now - 2 * day)
    ids["resolved"] = old.id

    def add(key: str, title: str, created: datetime, **fields) -> commitment.Commitment:
        item = commitment.add(store, commitment.new(title, created, **fields))
        ids[key] = item.id
        return item

    add("overdue", "Send ACME the revised offer", now - 6 * day, recipient="Jim Baker",
        due=now - 2 * day, confidence=0.8)
    add("shaky", "Quarterly figures", now - day, recipient="Frau Schneider",
        due=now + 2 * day, confidence=0.3)
    add("stuck", "Draft the onboarding checklist", now - 10 * day, recipient="Team",
        due=now + day)
    add("ok", "Refund for Müller GmbH", now - day, recipient="Herr Müller", due=now + 5 * day,
        awaiting_ok=True, confidence=0.6)
    wilsons = add("loop", "Check the Wilsons", now - 4 * day, recipient="Alice (manager)",
                  due=now, from_manager=True)
    commitment.close(store, wilsons, now - day)
    records.update(store, wilsons, loop_state="briefing")
    anderson = add("late", "Find the Anderson money", now - 8 * day, recipient="Alice (manager)",
                   due=now - 4 * day)
    commitment.close(store, anderson, now - 3 * day)
    records.update(store, anderson, loop_state="told")
    add("soon", "Update the price list", now - 2 * day, recipient="Sales",
        due=now + 4 * day, confidence=0.9)
    add("later", "Book the team offsite", now - 2 * day, due=now + 10 * day)
    ancient = add("ancient", "Old report", now - 30 * day, due=now - 21 * day)
    commitment.close(store, ancient, now - 20 * day)

    late_reply = owed_reply.add(store, owed_reply.new(
        "Frau Schneider", "voicemail", now - 2 * day, now - day, now - 2 * day,
        about="Rückerstattung"))
    ids["reply"] = late_reply.id
    fresh = owed_reply.add(store, owed_reply.new("Tom Lee", "email", now - 3600 * day / 86400,
                                                 now + day, now, about="Invoice"))
    ids["fresh_reply"] = fresh.id
    return ids
