"""Don't go quiet: nudge towards a briefing when none went out for a while and things slip.

A pure rule: the facts come from the store (or a dict in tests), the clock is passed in.
The scheduler turns the returned Nudge into a notification whose action opens the briefing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from coach.i18n import _, ngettext
from coach.storage.store import Store

KEY_PREFIX = "briefing-quiet"
KIND = "briefing_quiet"


@dataclass(frozen=True)
class Nudge:
    key: str  # one per quiet stretch, so the same silence is not notified twice
    title: str
    body: str
    action: str = "brief"
    item_id: int | None = None


def facts(store: Store, now: datetime) -> dict[str, Any]:
    """What the rule needs, in three indexed queries."""
    from coach.briefing import build as briefing
    from coach.timing.timeutil import from_db, to_db

    params = {"now": to_db(now), "soon": to_db(now + briefing.SOON),
              "stale": to_db(now - briefing.STALE), "low": briefing.LOW_CONFIDENCE}
    at_risk = store.conn.execute(
        "SELECT count(*) FROM commitments WHERE status = 'open' AND due IS NOT NULL AND "
        f"{briefing._RISK}", params).fetchone()[0]
    # Heating up: hotter than when the manager last heard, or warm and never mentioned.
    heating = store.conn.execute(
        "SELECT count(*) FROM concerns WHERE status = 'open' AND "
        "(heat > told_heat OR (told_heat IS NULL AND heat >= 3))").fetchone()[0]
    # Never sent: the quiet stretch starts with the first thing recorded (ids only grow, so
    # the lowest id is the oldest, found through the primary key without a scan).
    oldest = store.conn.execute(
        "SELECT (SELECT created FROM commitments ORDER BY id LIMIT 1), "
        "(SELECT created FROM concerns ORDER BY id LIMIT 1), "
        "(SELECT created FROM owed_replies ORDER BY id LIMIT 1)").fetchone()
    first = [value for value in oldest if value]
    # What the nudge points at (the notification record needs an item): the hottest concern,
    # else the first commitment at risk.
    pointer = store.conn.execute(
        "SELECT coalesce((SELECT id FROM concerns WHERE status = 'open' AND (heat > told_heat "
        "OR (told_heat IS NULL AND heat >= 3)) ORDER BY heat DESC, id LIMIT 1), "
        "(SELECT id FROM commitments WHERE status = 'open' AND due IS NOT NULL AND "
        f"{briefing._RISK} ORDER BY due, id LIMIT 1))", params).fetchone()[0]
    from coach.rhythm import weekly  # the weekly briefing day (issue 22)
    from coach.storage import settings
    from coach.timing.dates import local_tz

    return {"last_sent": briefing.last_sent(store), "at_risk": at_risk, "heating": heating,
            "first_seen": from_db(min(first)) if first else None, "item_id": pointer,
            "weekly": weekly.reminder(store, now, local_tz(), settings.get_all(store))}


def working_days_since(start: date, end: date, working_days: set[int]) -> int:
    """Working days after `start` up to and including `end`."""
    count, day = 0, start + timedelta(days=1)
    while day <= end:
        if day.weekday() in working_days:
            count += 1
        day += timedelta(days=1)
    return count


def quiet_nudge(store_or_data: Store | dict[str, Any], now: datetime,
                settings: dict[str, Any]) -> Nudge | None:
    """A nudge when nothing was sent for N working days and something is at risk or heating."""
    from coach.storage.settings import DEFAULTS
    from coach.timing.dates import local_tz

    data = facts(store_or_data, now) if isinstance(store_or_data, Store) else store_or_data
    at_risk, heating = int(data.get("at_risk", 0)), int(data.get("heating", 0))
    if not at_risk and not heating:
        return None
    quiet_days = int(settings.get("briefing_quiet_days") or DEFAULTS["briefing_quiet_days"])
    working_days = set(settings.get("working_days") or DEFAULTS["working_days"])
    last: datetime | None = data.get("last_sent")
    tz = local_tz()
    what = []
    if heating:
        what.append(ngettext("{n} concern is heating up", "{n} concerns are heating up",
                             heating).format(n=heating))
    if at_risk:
        what.append(ngettext("{n} commitment is at risk", "{n} commitments are at risk",
                             at_risk).format(n=at_risk))
    what_text = _(" and ").join(what)
    start = last or data.get("first_seen")
    if start is None:
        return None
    days = working_days_since(start.astimezone(tz).date(), now.astimezone(tz).date(),
                              working_days)
    if days < quiet_days:
        return None
    if last is None:
        body = _("You have not sent your manager a briefing yet, and {what}.").format(
            what=what_text)
    else:
        body = ngettext("Your last briefing was {n} working day ago, and {what}.",
                        "Your last briefing was {n} working days ago, and {what}.",
                        days).format(n=days, what=what_text)
    # Another nudge after each further stretch of the same length without a briefing.
    key = f"{KEY_PREFIX}:{last.isoformat() if last else 'never'}:{days // quiet_days}"
    return Nudge(key, _("Time to brief your manager"), body, item_id=data.get("item_id"))


def candidates(data: dict[str, Any] | None, ctx: Any) -> list:
    """The quiet nudge as a schedule Candidate (ctx is a coach.reminders.schedule.Context)."""
    from coach.reminders import schedule

    if not data:
        return []
    nudge = quiet_nudge(data, ctx.now, dict(ctx.values))
    if nudge is None and data.get("weekly"):  # the chosen weekday: what changed since
        key, title, body = data["weekly"]
        nudge = Nudge(key, title, body, item_id=data.get("item_id"))
    if nudge is None or nudge.key in ctx.notified:
        return []
    at = schedule.allowed_at(ctx.now, ctx.values, ctx.tz)
    single = schedule.Notification(
        key=nudge.key, kind=KIND, title=nudge.title, body=nudge.body,
        item_ids=(nudge.item_id,) if nudge.item_id is not None else (),
        actions=(nudge.action,), record_keys=(nudge.key,), line=nudge.title,
    ) if at <= ctx.now else None
    return [schedule.Candidate(key=nudge.key, kind=KIND, at=at, single=single)]
