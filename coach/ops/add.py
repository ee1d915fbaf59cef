"""Adding items: a commitment (with its promise check or by-when answer), an owed reply with
its default reply-by time, a concern. Each is one transaction and returns what it created.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from coach.model import commitment, concern, owed_reply
from coach.ops.changed import COMMITMENT, CONCERN, REPLY, Changed, of
from coach.storage import settings
from coach.storage.store import Store


@dataclass(frozen=True)
class PromiseChoice:
    """What the user decided in the promise check: answers (None: skipped on purpose), who
    else could answer, the wording's language, and the recipient as typed in the check."""

    answers: Mapping[str, str] | None
    others: str | None = None
    lang: str | None = None  # None: the user's language
    recipient: str | None = None


def _tz(tz: tzinfo | None) -> tzinfo:
    if tz is not None:
        return tz
    from coach.timing.dates import local_tz

    return local_tz()


def add_commitment(store: Store, title: str, now: datetime, *, recipient: str | None = None,
                   due: datetime | None = None, urgent: bool = False, note: str | None = None,
                   from_manager: bool = False, check: PromiseChoice | None = None,
                   by_when: str | None = None, tz: tzinfo | None = None,
                   rule: str | None = None, rule_start: str | None = None,
                   rule_tz: str | None = None, texts: str | None = None) -> Changed:
    """A commitment; `check` records it with its promise check (and get-back item),
    `by_when` answers "By when?" (today, tomorrow, this week, or "ask": a follow-up).
    `texts`: the title or note is the app's (coach.wording.texts), not typed."""
    from coach.rules import by_when as asking

    tz = _tz(tz)
    prefs = settings.load(store)
    if check is not None and check.recipient:
        recipient = check.recipient
    if by_when is not None:
        asking.check_answer(by_when)
        title = asking.strip_vague(title)
        due = None if by_when == asking.ASK else asking.due_for(by_when, now, tz, prefs)
    item = commitment.new(title, now, recipient=recipient, due=due, urgent=urgent, note=note,
                          from_manager=from_manager, rule=rule, rule_start=rule_start,
                          rule_tz=rule_tz, texts=texts)  # rule: recurring (model.recurrence)
    with store.write():
        detail = None
        if check is None:
            commitment.add(store, item)
            created = [item.id]
        else:
            from coach.rules import promise_check

            detail = promise_check.record(store, item, check.answers, now, tz, check.lang,
                                          check.others, prefs.working_hours)
            created = detail.ids
        if rule:  # the series is named after its first occurrence (coach.rhythm.series)
            item.series_id = item.id
            store.conn.execute("UPDATE commitments SET series_id = id WHERE id = ?", (item.id,))
        if by_when == asking.ASK:
            # Built from the saved item, so the follow-up keeps its link to it.
            follow = commitment.add(store, asking.ask_follow_up(item, now, tz, prefs))
            created.append(follow.id)
    return of(COMMITMENT, created=tuple(created), detail=detail)


def add_reply(store: Store, who: str, now: datetime, *, channel: str | None = "call",
              about: str | None = None, received: datetime | None = None,
              reply_by: datetime | None = None, urgent: bool = False, note: str | None = None,
              tz: tzinfo | None = None) -> Changed:
    """An owed reply; without `reply_by`, the channel's rule in working time sets it."""
    channel = owed_reply.check_channel(channel)
    received = received or now
    manual = reply_by is not None
    with store.write():
        if reply_by is None:
            from coach.rules.reply_by import reply_by as default_reply_by

            # An alarm word in the subject makes the reply-by match the advice "call now".
            reply_by = default_reply_by(channel, received, urgent, _tz(tz),
                                        settings.load(store), text=about)
        item = owed_reply.add(store, owed_reply.new(
            who, channel, received, reply_by, now, about=about, urgent=urgent, note=note,
            reply_by_manual=manual))
    return of(REPLY, created=(item.id,))


def add_concern(store: Store, title: str, now: datetime, *, heat: object = 2,
                who: str | None = None, note: str | None = None,
                source_id: int | None = None, happened: str | None = None,
                doing: str | None = None, need: str | None = None,
                texts: str | None = None) -> Changed:
    """A concern (its log starts with "created"); `source_id`: the item it grew out of;
    `happened`, `doing`, `need`: what the briefing says, only when the user said it;
    `texts`: the title or note is the app's (coach.wording.texts), not typed."""
    item = concern.add(store, concern.new(title, now, heat=heat, who=who, note=note,
                                          source_id=source_id, happened=happened,
                                          doing=doing, need=need, texts=texts))
    return of(CONCERN, created=(item.id,))


# The window's dialogs hand over their fields by name; these are the names each kind takes.
FIELDS = {
    COMMITMENT: ("title", "recipient", "due", "urgent", "note", "from_manager", "check",
                 "by_when", "rule", "rule_start", "rule_tz"),
    REPLY: ("who", "channel", "about", "received", "reply_by", "urgent", "note"),
    CONCERN: ("title", "heat", "who", "note", "source_id", "happened", "doing", "need"),
}


def add(store: Store, kind: str, fields: Mapping[str, Any], now: datetime,
        tz: tzinfo | None = None) -> Changed:
    """Add an item of `kind` from named fields (the window's dialogs); None means "not given"."""
    given = {k: v for k, v in fields.items() if v is not None and k in FIELDS[kind]}
    if kind == COMMITMENT:
        return add_commitment(store, given.pop("title", ""), now, tz=tz, **given)
    if kind == REPLY:
        return add_reply(store, given.pop("who", ""), now, tz=tz, **given)
    return add_concern(store, given.pop("title", ""), now, **given)
