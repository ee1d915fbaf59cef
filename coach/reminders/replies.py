"""Owed replies as reminders: at the reply-by time, then the back-off, grouped when several.

The advice and the reminder agree: an owed reply advised "call now" is notified now (within
working hours), one advised "today" before the working day ends, whatever its reply-by.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from coach.i18n import _, ngettext
from coach.model.owed_reply import CHANNEL_LABELS, OwedReply
from coach.reminders.notification import (
    Candidate,
    Context,
    Deferred,
    Gathered,
    Notification,
    Notified,
)
from coach.reminders.quiet import advice_deadline, allowed_at, next_after_due

KIND = "owed_reply"
GROUP_KIND = "owed_replies"
GROUP_LIST_LIMIT = 5


def reply_key(item_id: int) -> str:
    return f"reply:{item_id}"


def next_reply_time(reply: OwedReply, record: Notified | None, ctx: Context) -> datetime:
    return next_after_due(reply.reply_by, record, ctx)


def _upper_first(text: str) -> str:
    # str.capitalize() would lower the rest: "E-Mail" must not become "E-mail".
    return text[:1].upper() + text[1:]


def reply_notification(reply: OwedReply, now: datetime) -> Notification:
    from coach.timing.display import relative

    channel = _(CHANNEL_LABELS.get(reply.channel, reply.channel))
    if reply.about:
        first = _("{channel}: {about}").format(channel=_upper_first(channel), about=reply.about)
    else:
        first = _upper_first(channel)
    if reply.reply_by > now + timedelta(minutes=1):
        second = _("The reply is due {when}.").format(when=relative(reply.reply_by, now))
    elif now - reply.reply_by < timedelta(minutes=1):
        second = _("The reply is due now.")
    else:
        second = _("It was due {when}.").format(when=relative(reply.reply_by, now))
    from coach.wording.german import obj, subj

    key = reply_key(reply.id)
    line = _("{who} ({channel})").format(who=subj(reply.who), channel=channel)
    if reply.about:
        line = _("{who} ({channel}): {about}").format(who=subj(reply.who), channel=channel,
                                                      about=reply.about)
    return Notification(
        key=key, kind=KIND, title=_("Reply to {who}").format(who=obj(reply.who)),
        body=f"{first}\n{second}", item_ids=(reply.id,),
        actions=("returned", "snooze", "open"), urgent=reply.urgent, record_keys=(key,),
        line=line,
    )


def first_notice(advice: str, record: Notified | None, ctx: Context) -> datetime | None:
    """The advice's deadline while nothing was notified yet (a snooze is the user's word)."""
    if record is not None and (record.count or record.snoozed_until):
        return None
    return advice_deadline(advice, ctx.now, ctx)


def candidates(replies: Iterable[OwedReply], ctx: Context, advice=None) -> list[Candidate]:
    """`advice(item)` gives the urgency advice (coach.rules.urgency) of an item."""
    out = []
    for reply in replies:
        if not reply.is_open or reply.id is None:
            continue
        key = reply_key(reply.id)
        record = ctx.notified.get(key)
        wanted = next_reply_time(reply, record, ctx)
        limit = None
        if advice and (record is None or not (record.count or record.snoozed_until)):
            # Only an untouched reply can be brought forward (first_notice): score no other.
            limit = first_notice(advice(reply), record, ctx)
        if limit is not None and limit < wanted:
            wanted = limit
        # Something already overdue is sent now, unless now is quiet or paused.
        at = allowed_at(max(wanted, ctx.now), ctx.values, ctx.tz)
        single = Deferred(key, KIND, reply.id, bool(reply.urgent), reply_notification, reply,
                          ctx.now) if at <= ctx.now else None
        out.append(Candidate(key=key, kind=KIND, at=at, single=single))
    return out


def group(notes: list[Notification] | Gathered, ctx: Context) -> Notification:
    if not isinstance(notes, Gathered):
        notes = Gathered.of(notes, GROUP_LIST_LIMIT)
    n = notes.count
    lines = [note.line or note.title for note in notes.shown[:GROUP_LIST_LIMIT]]
    if n > GROUP_LIST_LIMIT:
        lines.append(_("and {n} more").format(n=n - GROUP_LIST_LIMIT))
    return Notification(
        key="replies", kind=GROUP_KIND,
        title=ngettext("{n} reply overdue", "{n} replies overdue", n).format(n=n),
        body="\n".join(lines), item_ids=tuple(notes.item_ids), actions=("open",),
        urgent=notes.urgent, record_keys=tuple(notes.record_keys),
    )
