"""Concern nudges: "brief your manager now, before it escalates".

- needs telling: the concern is open and heating up (coach.rules.heat, from the settings);
  so after `coach told ID` (or a sent briefing) it stays quiet until heat rises above the heat
  the manager heard about ("rises again" means heat > told_heat).
- the words agree with the advice in the lists: "tell your manager today", and "now" at
  the top heat (coach.rules.urgency lifts a concern that needs telling to the same advice).
- nudged already: a row in the notifications table with the key
    concern:<id>:heat:<heat>:told:<told_at or "never">
  A nudge is sent once per key, so each new heat level and each new telling starts afresh,
  while repeated passes (the window's timer, `coach remind --once` from cron) stay silent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from coach.i18n import _
from coach.model.concern import HEAT_LABELS, OPEN, Concern
from coach.reminders.notification import Candidate, Context, Notification
from coach.reminders.quiet import allowed_at
from coach.rules.heat import DEFAULT_LIMITS, TOP_HEAT, Thresholds, heating_up
from coach.storage.store import Store
from coach.timing.timeutil import to_db

KIND = "concern"
__all__ = ["Thresholds", "needs_telling", "due_nudges", "candidates", "pending"]


@dataclass(frozen=True)
class Nudge:
    key: str
    concern_id: int
    heat: int
    title: str
    body: str


def needs_telling(concern: Concern, limits: Thresholds = DEFAULT_LIMITS) -> bool:
    return concern.status == OPEN and heating_up(concern.heat, concern.told_heat, limits)


def key_of(concern: Concern) -> str:
    told = to_db(concern.told_at) if concern.told_at else "never"
    return f"concern:{concern.id}:heat:{concern.heat}:told:{told}"


def nudge_for(concern: Concern) -> Nudge:
    if concern.heat >= TOP_HEAT:
        title = _("Tell your manager now: {title}").format(title=concern.title)
    else:
        title = _("Tell your manager today: {title}").format(title=concern.title)
    heat = _("Heat {heat} of 5 ({label})").format(heat=concern.heat,
                                                  label=_(HEAT_LABELS.get(concern.heat, "?")))
    if concern.told_heat is None:
        body = _("{heat}. Your manager has not heard about it yet; tell them before it "
                 "escalates.").format(heat=heat)
    else:
        body = _("{heat}, up from {told} when you last told your manager; bring them up "
                 "to date.").format(heat=heat, told=concern.told_heat)
    return Nudge(key_of(concern), concern.id, concern.heat, title, body)


def due_nudges(concerns: Iterable[Concern], now: datetime, already: set[str] | frozenset[str]
               = frozenset(), limits: Thresholds = DEFAULT_LIMITS) -> list[Nudge]:
    """Nudges to send now: concerns that need telling and were not nudged at this heat yet.

    `now` is part of the signature so callers treat this like every other rule; the
    thresholds themselves do not depend on the clock.
    """
    del now
    found = [c for c in concerns if needs_telling(c, limits) and key_of(c) not in already]
    found.sort(key=lambda c: (-c.heat, c.id))
    return [nudge_for(c) for c in found]


# The edges: read what needs telling and what was sent, record what was sent.

def open_needing_telling(store: Store, limits: Thresholds | None = None) -> list[Concern]:
    from coach.model import concern
    from coach.storage import settings

    limits = limits or Thresholds.from_settings(settings.get_all(store))
    return [c for c in concern.list_open(store) if needs_telling(c, limits)]


def sent_keys(store: Store) -> set[str]:
    rows = store.conn.execute("SELECT key FROM notifications WHERE key LIKE 'concern:%'")
    return {row[0] for row in rows}


def record_sent(store: Store, nudge: Nudge, now: datetime) -> None:
    stamp = to_db(now)
    with store.write() as conn:
        conn.execute(
            "INSERT INTO notifications (key, item_id, first_at, last_at, count) "
            "VALUES (?, ?, ?, ?, 1) ON CONFLICT(key) DO UPDATE SET last_at = excluded.last_at, "
            "count = count + 1",
            (nudge.key, nudge.concern_id, stamp, stamp),
        )


def pending(store: Store, now: datetime) -> list[Nudge]:
    """What `coach remind --once` and the window's timer should send now."""
    from coach.storage import settings

    limits = Thresholds.from_settings(settings.get_all(store))
    return due_nudges(open_needing_telling(store, limits), now, sent_keys(store), limits)


def candidates(concerns: Iterable[Concern], ctx: Context) -> list[Candidate]:
    """Concern nudges as schedule Candidates.

    Sent at once unless it is quiet time or reminders are paused; the notified record's key
    is `key_of`, so once sent it stays quiet until the heat or the telling changes.
    """
    limits = Thresholds.from_settings(dict(ctx.values))
    out = []
    for nudge in due_nudges(concerns, ctx.now, frozenset(ctx.notified), limits):
        at = allowed_at(ctx.now, ctx.values, ctx.tz)
        single = Notification(
            key=nudge.key, kind=KIND, title=nudge.title, body=nudge.body,
            item_ids=(nudge.concern_id,), actions=("brief", "open"),
            urgent=nudge.heat >= 4, record_keys=(nudge.key,), line=nudge.title,
        ) if at <= ctx.now else None
        out.append(Candidate(key=nudge.key, kind=KIND, at=at, single=single))
    return out
