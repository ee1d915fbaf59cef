"""The user's sent mail: replies that close owed replies, promises, questions awaiting
an answer (follow-ups, the way Gmail's Nudges does it)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from coach.mail import index
from coach.mail import suggestions as found
from coach.mail.headers import Message
from coach.mail.report import Report
from coach.storage.store import Store

WAITING = "waiting"  # a question sent, not yet N working days old: not shown


def _counterpart(m: Message) -> tuple[str | None, str | None]:
    address = (m.recipients or m.copied or (None,))[0]
    return address, m.names.get(address or "") or None


def close_answered(store: Store, m: Message, now: datetime, tz: tzinfo,
                   report: Report) -> None:
    """The user's reply closes what was owed in its thread before it was sent."""
    from coach.model import owed_reply, records

    for thread in index.threads_of(store, m):
        for s in found.in_thread(store, thread, (found.REPLY, found.ESCALATION),
                                 (found.OPEN, found.ACCEPTED)):
            if s.date >= m.date:
                continue  # written after this reply: still owed
            if s.status == found.OPEN:
                found.set_status(store, s, found.ANSWERED, now)
                continue
            item = records.fetch(store, owed_reply.OwedReply, s.item_id) if s.item_id else None
            if item is not None and item.is_open:
                from coach.ops.finish import return_reply
                from coach.timing.timeutil import to_db
                from coach.wording import texts

                return_reply(store, item.id, None, m.date, message=texts.message(
                    texts.RETURNED_BY_EMAIL, time=to_db(m.date)))
                report.closed.append(item.id)


def handle(store: Store, messages: list[Message], since: datetime, now: datetime,
           tz: tzinfo, report: Report) -> None:
    from coach.mail.phrases import due_in

    for m in sorted(messages, key=lambda x: x.date):
        close_answered(store, m, now, tz, report)
        if m.date < since:
            continue
        address, name = _counterpart(m)
        if m.promise and found.add(store, found.PROMISE, m.message_id, now, date=m.date,
                                   thread=m.thread, sender=address, sender_name=name,
                                   subject=m.subject, evidence=m.promise,
                                   due=due_in(m.promise, m.date, tz)):
            report.promises += 1
        if m.question:
            s = found.add(store, found.FOLLOW_UP, m.message_id, now, date=m.date,
                          thread=m.thread, sender=address, sender_name=name,
                          subject=m.subject, evidence=m.question)
            if s is not None:
                found.set_status(store, s, WAITING, now)


def follow_ups(store: Store, now: datetime, tz: tzinfo, values: dict,
               report: Report) -> None:
    """Questions still unanswered after N working days become follow-up suggestions."""
    from coach.mail.suggestions import _from_row
    from coach.storage.settings import WorkingHours
    from coach.timing.working_hours import end_of_working_day_after

    days = int(values.get("mail.follow_up_days", 3))
    hours = WorkingHours.from_settings(values)
    rows = store.conn.execute("SELECT * FROM mail_suggestions WHERE kind = ? AND status = ?",
                              (found.FOLLOW_UP, WAITING)).fetchall()
    for row in rows:
        s = _from_row(row)
        if index.theirs_after(store, s.thread or "", s.message_id, s.date):
            found.set_status(store, s, found.ANSWERED, now)
        elif end_of_working_day_after(s.date, days, hours, tz) <= now:
            found.set_status(store, s, found.OPEN, now)
            report.follow_ups += 1


def close_follow_ups(store: Store, m: Message, now: datetime) -> None:
    """An answer from the other side ends the wait for it."""
    for thread in index.threads_of(store, m):
        for s in found.in_thread(store, thread, (found.FOLLOW_UP,), (found.OPEN, WAITING)):
            if s.date < m.date:
                found.set_status(store, s, found.ANSWERED, now)
