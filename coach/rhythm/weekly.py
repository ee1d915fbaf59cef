"""The weekly briefing rhythm: on the chosen weekday, brief the manager on what changed.

Pure reading of the store; Today shows it, the review offers it, and the reminder schedule
turns ``reminder`` into the "time for your weekly briefing" notification. It never imports
the reminders (they import it), so there is no cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from coach.i18n import _, ngettext
from coach.storage.store import Store
from coach.timing.timeutil import from_db, to_db

KEY_PREFIX = "briefing-weekly"
FIRST_WEEK = timedelta(days=7)  # never briefed: what changed in the last week


@dataclass(frozen=True)
class BriefingDue:
    """Whether Today should offer the briefing, why, and what changed since the last one."""

    due: bool
    reason: str
    changes: tuple[str, ...] = field(default_factory=tuple)
    last_sent: datetime | None = None

    def to_json(self, tz: tzinfo) -> dict[str, Any]:
        from coach.timing.timeutil import iso

        return {"due": self.due, "reason": self.reason, "changes": list(self.changes),
                "last_sent": iso(self.last_sent, tz)}


def last_sent(store: Store, now: datetime) -> datetime | None:
    value = store.conn.execute("SELECT max(sent_at) FROM briefings WHERE sent_at <= ?",
                               (to_db(now),)).fetchone()[0]
    return from_db(value)


def changes_since(store: Store, since: datetime, now: datetime) -> list[str]:
    """One line per kind of change since `since`, most telling first; empty if quiet."""
    lo, hi = to_db(since), to_db(now)
    q = store.conn.execute
    kept, late, reneg, dropped = q(
        "SELECT coalesce(sum(status = 'done' AND (due IS NULL OR closed <= due)), 0), "
        "coalesce(sum(status = 'done' AND closed > due), 0), "
        "coalesce(sum(status = 'renegotiated'), 0), coalesce(sum(status = 'dropped'), 0) "
        "FROM commitments WHERE status != 'open' AND closed >= ? AND closed <= ?",
        (lo, hi)).fetchone()
    new = q("SELECT count(*) FROM commitments WHERE created >= ? AND created <= ? "
            "AND (series_id IS NULL OR series_id = id)",
            (lo, hi)).fetchone()[0]
    hotter = q("SELECT count(DISTINCT l.concern_id) FROM concern_log l JOIN concerns c "
               "ON c.id = l.concern_id WHERE l.kind = 'heat' AND l.at >= ? AND l.at <= ? "
               "AND c.status = 'open' AND c.heat >= 3", (lo, hi)).fetchone()[0]
    new_concerns = q("SELECT count(*) FROM concerns WHERE created >= ? AND created <= ?",
                     (lo, hi)).fetchone()[0]
    resolved = q("SELECT count(*) FROM concerns WHERE status = 'resolved' AND resolved >= ? "
                 "AND resolved <= ?", (lo, hi)).fetchone()[0]
    returned = q("SELECT count(*) FROM owed_replies WHERE status = 'returned' AND returned >= ? "
                 "AND returned <= ?", (lo, hi)).fetchone()[0]
    lines = []
    if kept or late:
        lines.append(ngettext("{n} promise kept", "{n} promises kept", kept + late).format(
            n=kept + late) + (ngettext(" ({n} of them late)", " ({n} of them late)",
                                       late).format(n=late) if late else ""))
    if reneg:
        lines.append(ngettext("{n} promise renegotiated", "{n} promises renegotiated",
                              reneg).format(n=reneg))
    if dropped:
        lines.append(ngettext("{n} promise dropped", "{n} promises dropped",
                              dropped).format(n=dropped))
    if new:
        lines.append(ngettext("{n} new promise", "{n} new promises", new).format(n=new))
    if new_concerns:
        lines.append(ngettext("{n} new concern", "{n} new concerns",
                              new_concerns).format(n=new_concerns))
    if hotter:
        lines.append(ngettext("{n} concern changed heat and is warm now",
                              "{n} concerns changed heat and are warm now",
                              hotter).format(n=hotter))
    if resolved:
        lines.append(ngettext("{n} concern resolved", "{n} concerns resolved",
                              resolved).format(n=resolved))
    if returned:
        lines.append(ngettext("{n} call or message returned", "{n} calls or messages returned",
                              returned).format(n=returned))
    return lines


def briefing_day(values: dict[str, Any]) -> int | None:
    day = values.get("briefing_weekday")
    return int(day) if isinstance(day, int) and 0 <= day <= 6 else None


def quiet(store: Store, now: datetime, body: str) -> BriefingDue:
    """The "gone quiet" nudge (coach.reminders.briefing_nudge) as Today's briefing card."""
    last = last_sent(store, now)
    return BriefingDue(True, body, tuple(changes_since(store, last or now - FIRST_WEEK, now)),
                       last)


def on_briefing_day(store: Store, now: datetime, tz: tzinfo,
                    values: dict[str, Any]) -> BriefingDue | None:
    """The weekly briefing, on the chosen weekday until one was sent that day."""
    last = last_sent(store, now)
    today = now.astimezone(tz).date()
    since = last or (now - FIRST_WEEK)
    weekday = briefing_day(values)
    if weekday is not None and today.weekday() == weekday and (
            last is None or last.astimezone(tz).date() < today):
        from babel.dates import get_day_names

        from coach.timing.display import babel_locale

        name = get_day_names("wide", locale=babel_locale())[weekday]
        return BriefingDue(True, _("{day} is your briefing day. Since your last briefing:")
                           .format(day=name) if last else
                           _("{day} is your briefing day. In the last week:").format(day=name),
                           tuple(changes_since(store, since, now)) or (_("nothing changed"),),
                           last)
    return None


def reminder(store: Store, now: datetime, tz: tzinfo,
             values: dict[str, Any]) -> tuple[str, str, str] | None:
    """(key, title, body) for the weekly notification; one key per briefing day."""
    found = on_briefing_day(store, now, tz, values)
    if found is None:
        return None
    key = f"{KEY_PREFIX}:{now.astimezone(tz).date().isoformat()}"
    body = found.reason + " " + "; ".join(found.changes) + "."
    return key, _("Time for your weekly briefing"), body
