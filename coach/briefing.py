"""Briefing (Lagebericht): the early status update for the manager, built from the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from coach import commitment, concern, owed_reply
from coach.i18n import _, ngettext
from coach.store import Store
from coach.timeutil import from_db, to_db


@dataclass
class Section:
    key: str
    title: str
    items: list[str] = field(default_factory=list)


@dataclass
class Draft:
    summary: str
    since: datetime | None
    generated_at: datetime
    sections: list[Section]
    concern_ids: list[int] = field(default_factory=list)


def last_sent(store: Store) -> datetime | None:
    row = store.conn.execute("SELECT max(sent_at) FROM briefings").fetchone()
    return from_db(row[0]) if row and row[0] else None


def build(store: Store, now: datetime) -> Draft:
    from coach.display import local, relative

    since = last_sent(store)
    concerns = concern.list_open(store)
    open_commitments = commitment.list_open(store)
    overdue = [c for c in open_commitments if c.due and c.due < now]
    soon = [c for c in open_commitments if c.due and now <= c.due < now + timedelta(days=7)]
    late_replies = [r for r in owed_reply.list_open(store) if r.reply_by < now]
    sections = [
        Section("heads-up", _("Heads-up"), [
            f"{c.title} ({_('heat')} {c.heat}/5)" + (f" — {c.note}" if c.note else "")
            for c in concerns]),
        Section("at-risk", _("At risk"), [
            _("{title} for {who}, was due {when}").format(
                title=c.title, who=c.recipient or "—", when=relative(c.due, now))
            for c in overdue]),
        Section("coming-up", _("Coming up"), [
            f"{c.title} — {local(c.due)}" for c in soon]),
        Section("replies-owed", _("Replies owed"), [
            _("{who} ({channel}), since {when}").format(
                who=r.who, channel=_(r.channel), when=relative(r.received, now))
            for r in late_replies]),
    ]
    attention = len(concerns) + len(overdue)
    parts = [ngettext("{n} thing needs your attention", "{n} things need your attention",
                      attention).format(n=attention)]
    parts.append(_("nothing overdue") if not overdue and not late_replies else
                 ngettext("{n} overdue", "{n} overdue", len(overdue) + len(late_replies))
                 .format(n=len(overdue) + len(late_replies)))
    return Draft(" · ".join(parts), since, now, [s for s in sections if s.items],
                 [c.id for c in concerns])


def render_text(draft: Draft) -> str:
    lines = [draft.summary, ""]
    for section in draft.sections:
        lines.append(section.title)
        lines.extend(f"- {item}" for item in section.items)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def save(store: Store, draft: Draft, text: str, lang: str, fmt: str,
         sent: bool = False) -> int:
    """Keep every generated briefing; a sent one also tells the manager about its concerns."""
    payload: dict[str, Any] = {"concern_ids": draft.concern_ids}
    import json

    with store.write() as conn:
        cursor = conn.execute(
            "INSERT INTO briefings (generated_at, sent_at, lang, format, text, payload) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (to_db(draft.generated_at), to_db(draft.generated_at) if sent else None, lang, fmt,
             text, json.dumps(payload)),
        )
        if sent:
            for concern_id in draft.concern_ids:
                item = concern.records.fetch(store, concern.Concern, concern_id)
                if item is not None:
                    concern.mark_told(store, item, draft.generated_at, _("sent in a briefing"))
    return cursor.lastrowid
