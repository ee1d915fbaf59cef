"""The inbox: which messages are owed a reply, and which show a situation heating up.

Owed: from a person (no list, bulk sender, auto-reply or no-reply address), addressed to
one of the user's addresses in To (or Cc, if mail.cc_counts), not answered yet, one owed
reply per thread. A later message in a thread that is owed a reply is checked for the
escalation signals instead (coach.mail.escalation).
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from coach.mail import escalation, index
from coach.mail import suggestions as found
from coach.mail.account import Account
from coach.mail.headers import Message
from coach.mail.report import Report
from coach.storage.store import Store
from coach.wording import texts


def _addressed(m: Message, own: frozenset[str], cc_counts: bool) -> bool:
    return bool(own & set(m.recipients)) or (cc_counts and bool(own & set(m.copied)))


def _escalate(store: Store, m: Message, reason: str, owed, now: datetime, tz: tzinfo,
              auto: bool, report: Report) -> None:
    from coach.mail import accept

    who = owed.who if owed is not None else (m.sender_name or m.sender)
    s = found.add(store, found.ESCALATION, m.message_id, now, date=m.date,
                  thread=owed.thread if owed is not None else m.thread, sender=m.sender,
                  sender_name=m.sender_name or None, subject=m.subject,
                  evidence=texts.message(reason, who=who, subject=m.subject or ""),
                  urgent=True)
    if s is None:
        return
    report.escalations += 1
    if owed is not None and owed.status == found.OPEN:
        found.mark_urgent(store, owed, now)  # the owed reply, once accepted, is "call now"
    if auto:
        accept.accept(store, s, now, tz)


def handle(store: Store, messages: list[Message], account: Account, values: dict,
           since: datetime, now: datetime, tz: tzinfo, report: Report) -> None:
    from coach.mail import accept
    from coach.mail.sent import close_follow_ups

    own = account.own
    manager = str(values.get("manager_email") or "").strip().lower()
    cc_counts = bool(values.get("mail.cc_counts"))
    auto = bool(values.get("mail.auto_add"))
    for m in sorted(messages, key=lambda x: x.date):
        if m.mine:
            close_answered_by_self(store, m, now, tz, report)
            continue
        close_follow_ups(store, m, now)
        if m.bulk or m.date < since or found.is_blocked(store, m.sender):
            continue
        owed, _item = None, None
        for thread in index.threads_of(store, m):
            owed, _item = accept.owed_item(store, thread)
            if owed is not None:
                break
        if owed is not None:
            chases = index.unanswered_from(store, owed.thread, m.sender, m.date, owed.date)
            reason = escalation.signal(m, manager, chases - 1, owed.sender, own)
            if reason:
                _escalate(store, m, reason, owed, now, tz, auto, report)
            continue
        if manager and m.sender != manager:
            others = [o for o in found.from_sender(store, m.sender, (found.REPLY,))
                      if o.thread and accept.owed_item(store, o.thread)[0] is not None]
            if others and escalation.signal(m, manager, 0, None, own) == escalation.TO_MANAGER:
                owed_other = others[-1]
                _escalate(store, m, escalation.TO_MANAGER, owed_other, now, tz, auto, report)
                continue
        if not _addressed(m, own, cc_counts):
            continue
        if index.mine_after(store, m.thread, m.message_id, m.date):
            continue
        s = found.add(store, found.REPLY, m.message_id, now, date=m.date, thread=m.thread,
                      sender=m.sender, sender_name=m.sender_name or None, subject=m.subject,
                      evidence=m.subject)
        if s is None:
            continue
        if auto:
            accept.add_reply(store, s, now, tz)
            report.added += 1
        else:
            report.replies += 1


def close_answered_by_self(store: Store, m: Message, now: datetime, tz: tzinfo,
                           report: Report) -> None:
    """A message from one of the user's own addresses in the inbox (a copy to self, an
    alias) answers its thread just as one in Sent does."""
    from coach.mail.sent import close_answered

    close_answered(store, m, now, tz, report)
