"""Accepting a suggestion: the item it becomes, made by the same core functions as
`coach reply` and `coach add`, in one transaction with the suggestion's new status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from coach.i18n import _
from coach.mail import suggestions as found
from coach.mail.suggestions import ESCALATION, FOLLOW_UP, PROMISE, REPLY, Suggestion
from coach.model import commitment, concern, owed_reply, records
from coach.storage import settings
from coach.storage.store import Store


@dataclass
class Accepted:
    suggestion: Suggestion
    ids: list[int] = field(default_factory=list)  # the items made or changed, main one first
    check: Any = None  # promise_check.Recorded when a promise was checked


def _reply_by(channel: str, received: datetime, urgent: bool, tz: tzinfo,
              values: dict) -> datetime:
    from coach.rules.reply_by import reply_by

    return reply_by(channel, received, urgent, tz, values)


def add_reply(store: Store, s: Suggestion, now: datetime, tz: tzinfo) -> owed_reply.OwedReply:
    """The owed reply for an inbound message; "call now" when the thread is escalating."""
    values = settings.get_all(store)
    channel = "call" if s.urgent else "email"
    due = _reply_by(channel, s.date, s.urgent, tz, values)
    item = owed_reply.new(s.who, channel, s.date, due, now, about=s.subject, urgent=s.urgent)
    with store.write():
        owed_reply.add(store, item)
        found.set_status(store, s, found.ACCEPTED, now, item.id)
    return item


def _promise(store: Store, s: Suggestion, now: datetime, tz: tzinfo,
             answers: dict[str, str] | None) -> Accepted:
    from coach.rules import promise_check

    note = _("Found in your email to {who}, subject “{subject}”, sent {date}.").format(
        who=s.who, subject=s.subject or "", date=s.date.astimezone(tz).strftime(
            "%Y-%m-%d %H:%M"))
    item = commitment.new(s.evidence or s.subject or _("Promise by email"), now,
                          recipient=s.who, due=s.due, note=note)
    with store.write():
        if answers is None:
            commitment.add(store, item)
            done = None
        else:
            hours = settings.WorkingHours.from_settings(settings.get_all(store))
            done = promise_check.record(store, item, answers, now, tz, hours=hours)
        found.set_status(store, s, found.ACCEPTED, now, item.id)
    return Accepted(s, done.ids if done else [item.id], done)


def _follow_up(store: Store, s: Suggestion, now: datetime, tz: tzinfo) -> Accepted:
    due = _reply_by("email", now, False, tz, settings.get_all(store))
    item = commitment.new(_("Follow up with {who}: {subject}").format(
        who=s.who, subject=s.subject or ""), now, recipient=s.who, due=due,
        note=_("You asked: “{question}”").format(question=s.evidence or ""))
    with store.write():
        commitment.add(store, item)
        found.set_status(store, s, found.ACCEPTED, now, item.id)
    return Accepted(s, [item.id])


def accept(store: Store, s: Suggestion, now: datetime, tz: tzinfo,
           answers: dict[str, str] | None = None) -> Accepted:
    """Turn an open suggestion into its item (for an escalation: raise reply and concern)."""
    if s.kind == REPLY:
        return Accepted(s, [add_reply(store, s, now, tz).id])
    if s.kind == PROMISE:
        return _promise(store, s, now, tz, answers)
    if s.kind == FOLLOW_UP:
        return _follow_up(store, s, now, tz)
    assert s.kind == ESCALATION
    from coach.mail.escalation import apply

    with store.write():
        ids = apply(store, s, now, tz)
        found.set_status(store, s, found.ACCEPTED, now, ids[0] if ids else None)
    return Accepted(s, ids)


def owed_item(store: Store, thread: str) -> tuple[Suggestion | None, Any]:
    """The reply owed in a thread: its suggestion and, once accepted, the open item."""
    for s in found.in_thread(store, thread, (REPLY,), (found.OPEN, found.ACCEPTED)):
        if s.status == found.OPEN:
            return s, None
        item = records.fetch(store, owed_reply.OwedReply, s.item_id) if s.item_id else None
        if item is not None and item.is_open:
            return s, item
    return None, None


def concern_for(store: Store, who: str) -> concern.Concern | None:
    for c in concern.list_open(store):
        if c.who and c.who.strip().lower() == who.strip().lower():
            return c
    return None
