"""Scheduling: which notifications are due now and when to wake up next.

A pure function of the owed replies, the settings, the clock and the record of what was
already notified. The window (one QTimer) and `coach remind --once` (cron) both call it
and share the record, so neither notifies the same thing twice.

Other kinds of notification (concern nudges, "brief your manager") plug in by producing
`Candidate`s and, if they should be grouped, a `GROUPERS` entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo

from coach.i18n import N_, _, ngettext
from coach.model.owed_reply import CHANNEL_LABELS, OwedReply
from coach.storage.settings import WorkingHours
from coach.timing.working_hours import add_working_hours

REPEAT_WORKING_HOURS = 2  # after the reply-by time, nudge again every 2 working hours ...
FAST_REPEATS = 4  # ... this many times (about one working day), then once a working day
GROUP_LIST_LIMIT = 5

ACTION_LABELS = {
    "returned": N_("Mark returned"),
    "snooze": N_("Snooze 1 h"),
    "open": N_("Open"),
    "brief": N_("Brief now"),  # concern nudge: open the briefing with that concern on top
}
SNOOZE = timedelta(hours=1)


@dataclass(frozen=True)
class Notification:
    key: str  # what a later notification about the same thing replaces
    kind: str
    title: str
    body: str
    item_ids: tuple[int, ...]
    actions: tuple[str, ...] = ()
    urgent: bool = False
    # Rows of the "what was notified" record that delivery updates.
    record_keys: tuple[str, ...] = ()
    line: str = ""  # how this one reads as a line of a grouped notification


@dataclass(frozen=True)
class Notified:
    """One row of the record: when a thing was first and last notified, and how often."""

    key: str
    item_id: int | None
    first_at: datetime
    last_at: datetime
    count: int
    snoozed_until: datetime | None = None


@dataclass(frozen=True)
class Candidate:
    """Something that wants to be notified at `at` (already moved out of quiet/pause)."""

    key: str
    kind: str
    at: datetime
    single: Notification


@dataclass(frozen=True)
class Plan:
    due: list[Notification] = field(default_factory=list)
    next_wake: datetime | None = None


@dataclass(frozen=True)
class Context:
    values: Mapping
    now: datetime
    tz: tzinfo
    notified: Mapping[str, Notified]

    @property
    def hours(self) -> WorkingHours:
        return WorkingHours.from_settings(self.values)


def _clock(text: str) -> time:
    hour, minute = str(text).split(":")
    return time(int(hour), int(minute))


def _wall(day, clock: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


def quiet_end_after(moment: datetime, values: Mapping, tz: tzinfo) -> datetime | None:
    """If `moment` falls in quiet hours, the instant they end; otherwise None."""
    start, end = _clock(values["quiet_start"]), _clock(values["quiet_end"])
    if start == end:
        return None  # no quiet hours
    local = moment.astimezone(tz)
    clock = local.time()
    if start < end:
        quiet = start <= clock < end
        end_day = local.date()
    else:  # over midnight, e.g. 20:00 → 07:00
        quiet = clock >= start or clock < end
        end_day = local.date() + timedelta(days=1) if clock >= start else local.date()
    if not quiet:
        return None
    return _wall(end_day, end, tz).astimezone(moment.tzinfo)


def paused_until(values: Mapping) -> datetime | None:
    raw = values.get("paused_until")
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        return None  # a damaged setting must not stop reminders for good
    return value if value.tzinfo else None


def allowed_at(moment: datetime, values: Mapping, tz: tzinfo) -> datetime:
    """The first instant at or after `moment` outside quiet hours and any pause."""
    pause = paused_until(values)
    for _round in range(3):
        if pause is not None and moment < pause:
            moment = pause
        later = quiet_end_after(moment, values, tz)
        if later is None:
            break
        moment = later
    return moment


def _working_day_hours(wh: WorkingHours) -> float:
    start = wh.start.hour + wh.start.minute / 60
    end = wh.end.hour + wh.end.minute / 60
    return max(end - start, 1.0)


def next_reply_time(reply: OwedReply, record: Notified | None, ctx: Context) -> datetime:
    """Back-off: at reply-by, then every 2 working hours, then once a working day."""
    if record is None or record.count == 0 or record.last_at < reply.reply_by:
        # Nothing sent yet for the current reply-by (it may have been moved later).
        base = reply.reply_by
        if record is not None and record.snoozed_until and record.snoozed_until > base:
            base = record.snoozed_until
        return base
    if record.snoozed_until and record.snoozed_until > record.last_at:
        return record.snoozed_until
    wh = ctx.hours
    step = REPEAT_WORKING_HOURS if record.count <= FAST_REPEATS else _working_day_hours(wh)
    return add_working_hours(record.last_at, step, wh, ctx.tz)


def reply_key(item_id: int) -> str:
    return f"reply:{item_id}"


def reply_notification(reply: OwedReply, now: datetime) -> Notification:
    from coach.timing.display import relative

    channel = _(CHANNEL_LABELS.get(reply.channel, reply.channel))
    if reply.about:
        first = _("{channel}: {about}").format(channel=channel.capitalize(), about=reply.about)
    else:
        first = channel.capitalize()
    if now - reply.reply_by < timedelta(minutes=1):
        second = _("The reply is due now.")
    else:
        second = _("It was due {when}.").format(when=relative(reply.reply_by, now))
    key = reply_key(reply.id)
    from coach.wording.german import obj, subj

    line = _("{who} ({channel})").format(who=subj(reply.who), channel=channel)
    if reply.about:
        line = _("{who} ({channel}): {about}").format(who=subj(reply.who), channel=channel,
                                                      about=reply.about)
    return Notification(
        key=key, kind="owed_reply", title=_("Reply to {who}").format(who=obj(reply.who)),
        body=f"{first}\n{second}", item_ids=(reply.id,),
        actions=("returned", "snooze", "open"), urgent=reply.urgent, record_keys=(key,),
        line=line,
    )


def reply_candidates(replies: Iterable[OwedReply], ctx: Context) -> list[Candidate]:
    out = []
    for reply in replies:
        if not reply.is_open or reply.id is None:
            continue
        key = reply_key(reply.id)
        # Something already overdue is sent now, unless now is quiet or paused.
        wanted = max(next_reply_time(reply, ctx.notified.get(key), ctx), ctx.now)
        at = allowed_at(wanted, ctx.values, ctx.tz)
        single = reply_notification(reply, ctx.now) if at <= ctx.now else None
        out.append(Candidate(key=key, kind="owed_reply", at=at, single=single))
    return out


def group_replies(notes: list[Notification], ctx: Context) -> Notification:
    n = len(notes)
    lines = [note.line or note.title for note in notes[:GROUP_LIST_LIMIT]]
    if n > GROUP_LIST_LIMIT:
        lines.append(_("and {n} more").format(n=n - GROUP_LIST_LIMIT))
    ids = tuple(i for note in notes for i in note.item_ids)
    return Notification(
        key="replies", kind="owed_replies",
        title=ngettext("{n} reply overdue", "{n} replies overdue", n).format(n=n),
        body="\n".join(lines), item_ids=ids, actions=("open",),
        urgent=any(note.urgent for note in notes),
        record_keys=tuple(k for note in notes for k in note.record_keys),
    )


# kind → how several due notifications of that kind become one.
GROUPERS: dict[str, Callable[[list[Notification], Context], Notification]] = {
    "owed_reply": group_replies,
}


def assemble(candidates: Iterable[Candidate], ctx: Context) -> Plan:
    due_by_kind: dict[str, list[Notification]] = {}
    next_wake: datetime | None = None
    for cand in candidates:
        if cand.at <= ctx.now and cand.single is not None:
            due_by_kind.setdefault(cand.kind, []).append(cand.single)
        elif next_wake is None or cand.at < next_wake:
            next_wake = cand.at
    due: list[Notification] = []
    for kind, notes in due_by_kind.items():
        grouper = GROUPERS.get(kind)
        if len(notes) > 1 and grouper is not None:
            due.append(grouper(notes, ctx))
        else:
            due.extend(notes)
    return Plan(due=due, next_wake=next_wake)


def plan(replies: Iterable[OwedReply], values: Mapping, now: datetime,
         notified: Mapping[str, Notified], tz: tzinfo, concerns: Iterable = (),
         briefing: Mapping | None = None) -> Plan:
    """What to notify at `now` (grouped per kind) and when something next falls due.

    `briefing` is coach.reminders.briefing_nudge.facts(store, now), for the "don't go quiet" nudge.
    """
    from coach.reminders.briefing_nudge import candidates as quiet_candidates
    from coach.reminders.concern_nudge import candidates as concern_candidates

    if now.tzinfo is None:
        raise ValueError("plan needs a timezone-aware now")
    ctx = Context(values=values, now=now, tz=tz, notified=notified)
    return assemble(reply_candidates(replies, ctx) + concern_candidates(concerns, ctx)
                    + quiet_candidates(dict(briefing) if briefing else None, ctx), ctx)


def after_delivery(record: Notified | None, key: str, item_id: int | None,
                   now: datetime) -> Notified:
    """The record row once a notification about `key` was delivered at `now`."""
    if record is None:
        return Notified(key=key, item_id=item_id, first_at=now, last_at=now, count=1)
    return Notified(key=key, item_id=item_id, first_at=record.first_at, last_at=now,
                    count=record.count + 1, snoozed_until=record.snoozed_until)
