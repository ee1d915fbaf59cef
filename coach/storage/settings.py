"""User settings: a key → JSON value table with defaults kept here, in one place."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import time
from typing import Any

from coach.storage.store import Store

DEFAULTS: dict[str, Any] = {
    "language": None,  # None follows the system locale
    "working_days": [0, 1, 2, 3, 4],  # Monday = 0
    "work_start": "09:00",
    "work_end": "17:00",
    "quiet_start": "20:00",
    "quiet_end": "07:00",
    "reply_hours_call": 4,  # working hours to return a call or voicemail
    "reply_days_email": 1,  # working days to answer an email or message (end of day)
    "reply_hours_urgent": 1,
    "paused_until": None,  # ISO UTC; reminders are paused until then
    "manager_name": "",
    "manager_email": "",
    "briefing_quiet_days": 5,
    "backups_keep": 7,
    # Urgency coefficients (coach/rules/urgency.py; formula and meaning in the README).
    "urgency_due": 12.0,
    "urgency_overdue_per_day": 1.0,
    "urgency_overdue_max_days": 7,
    "urgency_urgent": 10.0,
    "urgency_manager": 5.0,
    "urgency_customer": 3.0,
    "urgency_channel_call": 2.0,
    "urgency_channel_voicemail": 2.0,
    "urgency_channel_message": 1.0,
    "urgency_channel_email": 0.0,
    "urgency_age": 2.0,
    "urgency_age_days": 14,
    "urgency_keyword": 12.0,
    "urgency_heat": 3.0,
    "advice_call_now": 25.0,  # score from which the advice is "call now"
    "advice_today": 10.0,
    "advice_this_week": 4.5,
    "urgency_keywords": [],  # the user's own alarm words, on top of the built-in ones
    "customer_words": ["customer", "client", "kunde", "kundin", "kunden", "mandant"],
    # Concern nudges (coach/reminders/concern_nudge.py)
    "concern_nudge_heat": 3,
    "concern_nudge_rise": 2,
    # Commitment reminders (coach/reminders/commitments.py): before due, at the start of the
    # working day it falls due and this many working hours before it (0: not at all).
    "commitment_lead_day_start": True,
    "commitment_lead_hours": 1,
    "morning_digest": True,  # coach/reminders/digest.py
}


def get(store: Store, key: str) -> Any:
    row = store.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else DEFAULTS.get(key)


def get_all(store: Store) -> dict[str, Any]:
    values = dict(DEFAULTS)
    for row in store.conn.execute("SELECT key, value FROM settings"):
        values[row[0]] = json.loads(row[1])
    return values


def put(store: Store, key: str, value: Any) -> None:
    with store.write() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )


def _clock(value: str) -> time:
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


@dataclass(frozen=True)
class WorkingHours:
    days: frozenset[int]
    start: time
    end: time

    @classmethod
    def from_settings(cls, values: dict[str, Any]) -> WorkingHours:
        return cls(frozenset(values["working_days"]), _clock(values["work_start"]),
                   _clock(values["work_end"]))


DEFAULT_HOURS = WorkingHours.from_settings(DEFAULTS)
