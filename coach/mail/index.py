"""The headers kept for matching: which messages exist in which thread, whose they are.

Never bodies: a sent message keeps only a flag that it asked something (for follow-ups).
"""

from __future__ import annotations

import json
from datetime import datetime

from coach.mail.headers import Message
from coach.storage.store import Store
from coach.timing.timeutil import from_db, to_db


def store_messages(store: Store, messages: list[Message]) -> list[Message]:
    """Insert the messages not seen before; returns those that were new."""
    fresh = []
    with store.write() as conn:
        for m in messages:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO mail_messages (role, message_id, thread, in_reply_to, "
                "refs, sender, sender_name, recipients, copied, subject, date, mine, asks) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (m.role, m.message_id, m.thread, m.in_reply_to, json.dumps(list(m.refs)),
                 m.sender, m.sender_name, json.dumps(list(m.recipients)),
                 json.dumps(list(m.copied)), m.subject, to_db(m.date), int(m.mine),
                 int(m.question is not None)))
            if cursor.rowcount:
                fresh.append(m)
    return fresh


def threads_of(store: Store, message: Message) -> set[str]:
    """The thread keys a message belongs to: its own, and its parent's if that is known
    under another key (a reply whose References were cut short)."""
    keys = {message.thread}
    if message.in_reply_to:
        row = store.conn.execute("SELECT thread FROM mail_messages WHERE message_id = ?",
                                 (message.in_reply_to,)).fetchone()
        if row:
            keys.add(row[0])
        else:
            keys.add(message.in_reply_to)
    return keys


def mine_after(store: Store, thread: str, message_id: str, after: datetime) -> bool:
    """Did the user write in this thread after the given time, or reply to the message?"""
    return store.conn.execute(
        "SELECT 1 FROM mail_messages WHERE mine = 1 AND ((thread = ? AND date > ?) OR "
        "in_reply_to = ?) LIMIT 1", (thread, to_db(after), message_id)).fetchone() is not None


def theirs_after(store: Store, thread: str, message_id: str, after: datetime) -> bool:
    """Did someone other than the user write in this thread after the given time?"""
    return store.conn.execute(
        "SELECT 1 FROM mail_messages WHERE mine = 0 AND ((thread = ? AND date > ?) OR "
        "in_reply_to = ?) LIMIT 1", (thread, to_db(after), message_id)).fetchone() is not None


def unanswered_from(store: Store, thread: str, sender: str, before: datetime,
                    since: datetime) -> int:
    """How many messages this person sent in the thread before `before` since the user's
    last word there (or since `since`)."""
    row = store.conn.execute(
        "SELECT max(date) FROM mail_messages WHERE mine = 1 AND thread = ? AND date < ?",
        (thread, to_db(before))).fetchone()
    start = max(filter(None, [to_db(since), row[0]]))
    return store.conn.execute(
        "SELECT count(*) FROM mail_messages WHERE mine = 0 AND thread = ? AND sender = ? "
        "AND date >= ? AND date < ?", (thread, sender, start, to_db(before))).fetchone()[0]


def questions_waiting(store: Store, since: datetime, before: datetime) -> list[dict]:
    """Sent messages that asked something, sent in [since, before)."""
    rows = store.conn.execute(
        "SELECT * FROM mail_messages WHERE asks = 1 AND role = 'sent' AND date >= ? "
        "AND date < ? ORDER BY date", (to_db(since), to_db(before))).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        d["date"] = from_db(r["date"])
        d["recipients"] = json.loads(r["recipients"] or "[]")
        out.append(d)
    return out
