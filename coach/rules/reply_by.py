"""When an owed reply is due, by channel: calls fast, emails by the next working day's end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from coach.storage.settings import DEFAULTS, WorkingHours
from coach.timing.working_hours import add_working_hours, end_of_working_day_after


def reply_by(channel: str, received: datetime, urgent: bool, tz: tzinfo,
             values: dict[str, Any] | None = None, text: str | None = None) -> datetime:
    """`text` (subject and note): an alarm word in it ("server down") makes it urgent, so
    the reply-by time matches the advice "call now"."""
    values = values or DEFAULTS
    if not urgent and text:
        from coach.rules.urgency import detect_keyword

        urgent = detect_keyword(text, tuple(values.get("urgency_keywords") or ())) is not None
    if urgent:
        # Urgent means urgent: an hour on the clock, working hours or not.
        return (received + timedelta(hours=values["reply_hours_urgent"])).astimezone(UTC)
    wh = WorkingHours.from_settings(values)
    if channel in ("call", "voicemail"):
        return add_working_hours(received, values["reply_hours_call"], wh, tz)
    return end_of_working_day_after(received, values["reply_days_email"], wh, tz)
