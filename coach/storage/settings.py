"""User settings: a key → JSON value table, parsed once into a typed, frozen `Settings`.

The defaults live here, the rule for each value in coach.model.validate (with every other
rule). A value is checked when it is written (`put`) and when it is read back (`load`), so a
bad value that came in some other way (a hand-edited file, an old version) is reported with
the same message wherever it is read, instead of one reader falling back quietly while
another raises.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import time
from types import MappingProxyType
from typing import Any

from coach.errors import CoachError
from coach.i18n import _
from coach.model import validate
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
    # Concern nudges and "heating up" (coach/reminders/concern_nudge.py)
    "concern_nudge_heat": 3,
    "concern_nudge_rise": 2,
    # CalDAV task sync (coach/sync): owed replies go up as tasks only when turned on.
    "sync_owed_replies": False,
    "sync_alarm_minutes": 60,  # the task's alarm, this long before it is due
    "sync_interval_minutes": 15,  # the window's background sync
    # Mail scan (coach/mail): owed replies, promises and follow-ups found in the mailbox.
    "mail.auto_add": False,  # inbound owed replies become items at once, not suggestions
    "mail.cc_counts": False,  # a message where you are only in Cc is owed a reply too
    "mail.follow_up_days": 3,  # working days without an answer before a follow-up
    "mail.scan_minutes": 15,  # how often the window scans; 0 = only on demand
    "mail.look_back_days": 14,  # the first scan suggests nothing older than this
    # The daily rhythm (coach/rhythm): end-of-day review time (None: off), briefing weekday.
    "review_time": "17:30",
    "briefing_weekday": 4,  # Monday = 0; None: no weekly briefing day
}



def _clock(value: str) -> time:
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def check(key: str, value: Any) -> Any:
    """The value, checked by the setting's rule (coach.model.validate holds the rules)."""
    return validate.setting(key, value, DEFAULTS)


def parse(key: str, text: Any) -> Any:
    """A stored (or imported) JSON text, decoded and checked."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        raise CoachError(_('Setting "{key}" is not stored as JSON.').format(
            key=validate.shown(key))) from None
    return check(key, value)


@dataclass(frozen=True)
class WorkingHours:
    days: frozenset[int]
    start: time
    end: time

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> WorkingHours:
        if isinstance(values, Settings):
            return values.working_hours
        get = {**DEFAULTS, **values}
        return cls(frozenset(check("working_days", get["working_days"])),
                   _clock(check("work_start", get["work_start"])),
                   _clock(check("work_end", get["work_end"])))



@dataclass(frozen=True)
class Settings(Mapping[str, Any]):
    """Every setting, checked; read as attributes (typed) or by key (as stored)."""

    values: Mapping[str, Any]

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> Settings:
        """Checked, key by key; keys this version does not know (a newer one wrote them)
        are kept as they are and used by nobody."""
        merged = {key: check(key, value) if key in DEFAULTS else value
                  for key, value in {**DEFAULTS, **values}.items()}
        return cls(MappingProxyType(merged))

    # Mapping: the rules' functions take the values by key.
    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)

    @property
    def working_hours(self) -> WorkingHours:
        return WorkingHours(frozenset(self["working_days"]), _clock(self["work_start"]),
                            _clock(self["work_end"]))

    @property
    def quiet_hours(self) -> tuple[time, time]:
        return _clock(self["quiet_start"]), _clock(self["quiet_end"])

    @property
    def manager_name(self) -> str:
        return self["manager_name"] or ""

    @property
    def manager_email(self) -> str:
        return self["manager_email"] or ""

    @property
    def language(self) -> str | None:
        return self["language"]


def load(store: Store) -> Settings:
    """All settings, parsed once; a bad stored value is refused with its rule's message."""
    stored = {row[0]: parse(row[0], row[1]) if row[0] in DEFAULTS else row[1]
              for row in store.conn.execute("SELECT key, value FROM settings")}
    return Settings.from_values(stored)


def get(store: Store, key: str) -> Any:
    row = store.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return parse(key, row[0]) if row else DEFAULTS.get(key)


def get_all(store: Store) -> Settings:
    """The same as `load` (kept: many readers want "the values")."""
    return load(store)


def put(store: Store, key: str, value: Any) -> None:
    check(key, value)
    with store.write() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )


DEFAULT_HOURS = WorkingHours.from_settings(DEFAULTS)
