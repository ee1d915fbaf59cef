"""Commitments as reminders: before they fall due, at due, and overdue with the back-off.

Before due (settings): at the start of the working day on which it falls due
(`commitment_lead_day_start`) and `commitment_lead_hours` working hours before it. These go
under the key commitment-soon:<id>; of several lead times that passed while the computer
slept only the latest is sent (never one per missed time), and none once the due time has
come. At due and after, the key commitment:<id> follows the owed replies' back-off, so a
promise you are late on keeps coming back until it is done or renegotiated. A snooze (the
notification's button or `coach snooze`) is kept on commitment:<id> and holds both.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from coach.i18n import _, ngettext
from coach.model.commitment import Commitment
from coach.reminders.notification import (
    Candidate,
    Context,
    Deferred,
    Gathered,
    Notification,
    Notified,
)
from coach.reminders.quiet import (
    advice_deadline,
    allowed_at,
    next_after_due,
    wall,
    working_hours_before,
)

KIND = "commitment"
GROUP_KIND = "commitments"
GROUP_LIST_LIMIT = 5
ACTIONS = ("done", "snooze", "renegotiate", "open")


def key_of(item_id: int) -> str:
    return f"commitment:{item_id}"


def soon_key(item_id: int) -> str:
    return f"commitment-soon:{item_id}"


def lead_times(due: datetime, ctx: Context) -> list[datetime]:
    """The reminders before `due`, earliest first (settings: day start, working hours)."""
    wh, tz, values = ctx.hours, ctx.tz, ctx.values
    out: list[datetime] = []
    local = due.astimezone(tz)
    if values.get("commitment_lead_day_start", True) and local.weekday() in wh.days:
        start = wall(local.date(), wh.start, tz)
        if start < due:
            out.append(start)
    try:
        hours = float(values.get("commitment_lead_hours", 1) or 0)
    except (TypeError, ValueError):
        hours = 1.0
    if hours > 0:
        before = working_hours_before(due, hours, wh, tz)
        if before is not None and before < due:
            out.append(before)
    return sorted(set(out))


def _soon_time(item: Commitment, soon: Notified | None, main: Notified | None,
               ctx: Context) -> datetime | None:
    """When the next before-due reminder is wanted, or None if there is none left."""
    due = item.due
    last = soon.last_at if soon is not None else None
    times = [t for t in lead_times(due, ctx) if last is None or t > last]
    snoozed = main.snoozed_until if main is not None else None
    if snoozed is not None and snoozed < due and (last is None or snoozed > last):
        # "Snooze 1 h" on a reminder before due: the next one comes when the snooze ends.
        times = [t for t in times if t >= snoozed] + [snoozed]
    elif snoozed is not None and snoozed >= due:
        return None
    passed = [t for t in times if t <= ctx.now]
    if passed:
        return max(passed)  # missed while asleep: the latest one once, not each of them
    return min(times) if times else None


def to_person(who: str) -> str:
    """The person as the object of "promised to": German declines "Herr" ("Herrn Jansen")."""
    from coach.wording.german import obj

    return obj(who)


def _when(item: Commitment, now: datetime) -> str:
    from coach.timing.display import relative

    return relative(item.due, now)


def _key_and_urgency(item: Commitment, now: datetime, before: bool) -> tuple[str, bool]:
    key = soon_key(item.id) if before else key_of(item.id)
    return key, bool(item.urgent or not before and now - item.due >= timedelta(minutes=1))


def deferred(item: Commitment, now: datetime, before: bool) -> Deferred:
    """notification(), worded only if it is sent on its own or shown as a group's line."""
    key, urgent = _key_and_urgency(item, now, before)
    return Deferred(key, KIND, item.id, urgent, notification, item, now, before)


def notification(item: Commitment, now: datetime, before: bool) -> Notification:
    from coach.wording.german import subj

    who = item.recipient or ""
    when = _when(item, now)
    if before:
        title = _("Due {when}: {title}").format(when=when, title=item.title)
        body = (_("You promised this to {who}. Do it now, or ask for more time while "
                  "it is still early.").format(who=to_person(who)) if who else
                _("Do it now, or ask for more time while it is still early."))
        key = soon_key(item.id)
    elif now - item.due < timedelta(minutes=1):
        title = _("Due now: {title}").format(title=item.title)
        body = (_("{who} is expecting it now. Finish it, or tell them honestly when it "
                  "will be done.").format(who=subj(who)) if who else
                _("It is due now. Finish it, or set yourself an honest new date."))
        key = key_of(item.id)
    else:
        title = _("Overdue: {title}").format(title=item.title)
        body = (_("It was due {when} and {who} is waiting. Finish it, or tell them "
                  "honestly when it will be done.").format(when=when, who=subj(who)) if who else
                _("It was due {when}. Finish it, or set yourself an honest new date.")
                .format(when=when))
        key = key_of(item.id)
    line = _("{title} (due {when})").format(title=item.title, when=when)
    key, urgent = _key_and_urgency(item, now, before)
    return Notification(key=key, kind=KIND, title=title, body=body, item_ids=(item.id,),
                        actions=ACTIONS, urgent=urgent, record_keys=(key,), line=line)


def _untouched(*records: Notified | None) -> bool:
    return all(r is None or not (r.count or r.snoozed_until) for r in records)


def candidates(items: Iterable[Commitment], ctx: Context, advice=None) -> list[Candidate]:
    """`advice(item)` gives its urgency advice; "call now" or "today" may bring it forward."""
    out = []
    for item in items:
        if not item.is_open or item.id is None:
            continue
        main = ctx.notified.get(key_of(item.id))
        soon = ctx.notified.get(soon_key(item.id))
        limit = None
        if advice is not None and _untouched(main, soon):
            limit = advice_deadline(advice(item), ctx.now, ctx)
        if item.due is None:
            # No due time to remind of; only advice such as "call now" asks for a notice.
            if limit is not None:
                at = allowed_at(max(limit, ctx.now), ctx.values, ctx.tz)
                single = undated_notification(item) if at <= ctx.now else None
                out.append(Candidate(key=key_of(item.id), kind=KIND, at=at, single=single))
            continue
        wanted_soon = _soon_time(item, soon, main, ctx) if ctx.now < item.due else None
        if limit is not None and limit < item.due:
            wanted_soon = limit if wanted_soon is None else min(wanted_soon, limit)
        if wanted_soon is not None:
            at = allowed_at(max(wanted_soon, ctx.now), ctx.values, ctx.tz)
            if at < item.due:
                single = deferred(item, ctx.now, before=True) if at <= ctx.now else None
                out.append(Candidate(key=soon_key(item.id), kind=KIND, at=at, single=single))
                if single is not None:
                    continue
        wanted_due = next_after_due(item.due, main, ctx)
        at = allowed_at(max(wanted_due, ctx.now), ctx.values, ctx.tz)
        single = deferred(item, ctx.now, before=False) if at <= ctx.now else None
        out.append(Candidate(key=key_of(item.id), kind=KIND, at=at, single=single))
    return out


def undated_notification(item: Commitment) -> Notification:
    key = key_of(item.id)
    body = (_("You promised this to {who}, without a date. Do it now.").format(
        who=to_person(item.recipient)) if item.recipient else _("It has no due time. Do it now."))
    return Notification(key=key, kind=KIND, title=_("Do it now: {title}").format(
        title=item.title), body=body, item_ids=(item.id,), actions=ACTIONS,
        urgent=True, record_keys=(key,), line=item.title)


def group(notes: list[Notification] | Gathered, ctx: Context) -> Notification:
    if not isinstance(notes, Gathered):
        notes = Gathered.of(notes, GROUP_LIST_LIMIT)
    n = notes.count
    lines = [note.line or note.title for note in notes.shown[:GROUP_LIST_LIMIT]]
    if n > GROUP_LIST_LIMIT:
        lines.append(_("and {n} more").format(n=n - GROUP_LIST_LIMIT))
    return Notification(
        key="commitments", kind=GROUP_KIND,
        title=ngettext("{n} promise needs you", "{n} promises need you", n).format(n=n),
        body="\n".join(lines), item_ids=tuple(notes.item_ids), actions=("open",),
        urgent=notes.urgent, record_keys=tuple(notes.record_keys),
    )
