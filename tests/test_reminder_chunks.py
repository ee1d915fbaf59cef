"""A reminder pass planned chunk by chunk (issue 19) sends and records exactly what one plan
over every item does, and a pass killed midway leaves nothing half-claimed."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import UTC, timedelta

from benchmarks.generate import generate
from coach.i18n import _, ngettext
from coach.model import commitment, concern, owed_reply
from coach.reminders import (
    briefing_nudge,
    commitments,
    concern_nudge,
    digest,
    notified,
    planning,
    replies,
    review_nudge,
    schedule,
)
from coach.reminders.notification import Context, Notification, Plan, after_delivery, worded
from coach.storage import settings
from coach.storage.store import open_store
from tests.conftest import FIXED_NOW, NETGUARD, REPO
from tests.test_reminder_pending import BERLIN, same, seed


def _names(names: list[str]) -> str:
    text = "; ".join(names[:3])
    return text + ("; " + _("and {n} more").format(n=len(names) - 3) if len(names) > 3 else "")


def digest_before(commitments_, replies_, concerns, ctx, score):
    """The morning digest's body and items as they were made from whole lists."""
    end = digest.day_end(ctx)
    late = [c for c in commitments_ if c.due is not None and c.due < end]
    owed = [r for r in replies_ if r.reply_by < end]
    untold = [c for c in concerns if c.told_heat is None or c.heat > c.told_heat]
    lines = []
    if late:
        lines.append(ngettext("{n} promise due today or overdue: {names}",
                              "{n} promises due today or overdue: {names}", len(late))
                     .format(n=len(late), names=_names([c.title for c in late])))
    if owed:
        lines.append(ngettext("{n} reply owed today: {names}", "{n} replies owed today: {names}",
                              len(owed)).format(n=len(owed), names=_names([r.who for r in owed])))
    if untold:
        lines.append(ngettext("{n} concern your manager has not heard about: {names}",
                              "{n} concerns your manager has not heard about: {names}",
                              len(untold)).format(n=len(untold),
                                                  names=_names([c.title for c in untold])))
    items = sorted(late + owed + untold, key=lambda item: -score(item))
    return "\n".join(lines), tuple(item.id for item in items)


def group_before(kind, notes) -> Notification:
    """A grouped notification as it was made from every due notification, each worded."""
    n = len(notes)
    notes = [worded(note) for note in notes]
    lines = [note.line or note.title for note in notes[:5]]
    if n > 5:
        lines.append(_("and {n} more").format(n=n - 5))
    title = (ngettext("{n} reply overdue", "{n} replies overdue", n) if kind == replies.KIND
             else ngettext("{n} promise needs you", "{n} promises need you", n)).format(n=n)
    return Notification(
        key="x", kind=replies.GROUP_KIND if kind == replies.KIND else commitments.GROUP_KIND,
        title=title, body="\n".join(lines), item_ids=tuple(i for x in notes for i in x.item_ids),
        urgent=any(x.urgent for x in notes),
        record_keys=tuple(k for x in notes for k in x.record_keys))


def plan_before(store, moment) -> Plan:
    """The plan as it was made before the chunks: every open item and record read at once,
    every due notification kept, grouped at the end (the sources' own rules are shared)."""
    values = settings.get_all(store)
    ctx = Context(values=values, now=moment, tz=BERLIN, notified=notified.load(store))
    replies_, commitments_ = owed_reply.list_open(store), commitment.list_open(store)
    concerns = concern.list_open(store)
    assess = schedule.assessor(values, moment)
    found = (replies.candidates(replies_, ctx, lambda item: assess(item).advice)
             + commitments.candidates(commitments_, ctx, lambda item: assess(item).advice)
             + concern_nudge.candidates(concerns, ctx)
             + briefing_nudge.candidates(briefing_nudge.facts(store, moment), ctx)
             + review_nudge.candidates(review_nudge.facts(store, moment, BERLIN, values), ctx))
    for cand in digest.candidates(commitments_, replies_, concerns, ctx,
                                  score=lambda item: assess(item).score):
        if cand.single is not None:
            body, ids = digest_before(commitments_, replies_, concerns, ctx,
                                      lambda item: assess(item).score)
            cand = replace(cand, single=replace(cand.single, body=body, item_ids=ids))
        found.append(cand)
    due_by_kind, wake = {}, None
    for cand in found:
        if cand.at <= moment and cand.single is not None:
            due_by_kind.setdefault(cand.kind, []).append(cand.single)
        elif cand.at > moment and (wake is None or cand.at < wake):
            wake = cand.at
    due = []
    for kind, notes in due_by_kind.items():
        if len(notes) > 1 and kind in (replies.KIND, commitments.KIND):
            group = group_before(kind, notes)
            due.append(replace(group, key=group.kind.replace("owed_", "")))
        else:
            due.extend(worded(note) for note in notes)
    return Plan(due=schedule.delivery_order(due), next_wake=wake)


def unchunked_claim(store, moment):
    """How a pass claimed before: one plan over every item and record, all rows at once."""
    with store.write() as conn:
        plan = plan_before(store, moment)
        records = notified.load(store)
        notified._put_all(conn, [after_delivery(records.get(key), key, item_id, moment)
                                 for note in plan.due for key, item_id in note.records()])
    return plan


def table(store) -> list[tuple]:
    return store.conn.execute("SELECT key, item_id, first_at, last_at, count, snoozed_until "
                              "FROM notifications ORDER BY key").fetchall()


def test_chunked_passes_send_and_record_what_unchunked_ones_do(tmp_path, now, monkeypatch):
    # A mixed database (hundreds of open promises and replies, most long overdue, some
    # urgent or undated, snoozed and reminded ones) planned 7 items at a time.
    generate(tmp_path / "a", 300, 150, 6)
    chunked = open_store(tmp_path / "a")
    seed(chunked, now)
    with chunked.write() as conn:
        conn.execute("INSERT INTO notifications (key, item_id, first_at, last_at, count, "
                     "snoozed_until) VALUES ('reply:455', 455, '2026-11-26T08:00:00Z', "
                     "'2026-11-26T08:00:00Z', 1, '2026-11-26T18:00:00Z'), ('commitment:3', 3, "
                     "'2026-11-25T08:00:00Z', '2026-11-25T08:00:00Z', 2, NULL)")
    chunked.close()
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    chunked, whole = open_store(tmp_path / "a"), open_store(tmp_path / "b")
    open_items = chunked.conn.execute(
        "SELECT (SELECT count(*) FROM commitments WHERE status = 'open') + "
        "(SELECT count(*) FROM owed_replies WHERE status = 'open')").fetchone()[0]
    assert open_items > 20 * 7
    monkeypatch.setattr(planning, "CHUNK", 7)
    monkeypatch.setattr(notified, "WRITE_CHUNK", 5)
    moment = now.astimezone(UTC) - timedelta(hours=6)  # before the working day: the digest
    sent = Counter()
    # Four working days of passes, each at the wake-up the one before asked for, and the
    # morning after a night without any.
    for step in range(60):
        claim = notified.claim(chunked, moment, BERLIN)
        plan = unchunked_claim(whole, moment)
        same(Plan(due=claim.plan.due), Plan(due=plan.due))
        assert table(chunked) == table(whole)
        same(notified.current_plan(chunked, moment, BERLIN), plan_before(whole, moment))
        sent.update(note.kind for note in claim.plan.due)
        wake = claim.plan.next_wake
        moment = wake if wake and step % 7 else moment + timedelta(hours=14)
    # What the user gets: digests, grouped promises and replies, single ones, nudges.
    assert {"digest", "commitments", "owed_replies", "commitment", "concern"} <= set(sent)
    assert sent["digest"] >= 2
    chunked.close()
    whole.close()


def _locked(db) -> bool:
    """Whether another connection holds the write lock (a claim's transaction is open)."""
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def item_records(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM notifications WHERE key LIKE 'reply:%' "
                            "OR key LIKE 'commitment:%'").fetchone()[0]
    finally:
        conn.close()


def test_a_pass_killed_while_claiming_sends_nothing_twice(data_dir, cli, notifications,
                                                           tmp_path):
    server = notifications()
    generate(data_dir, 3000, 1500, 30)  # over a thousand open items: several chunks
    bare = tmp_path / "bin"  # a PATH without notify-send: D-Bus is the only way out
    bare.mkdir()
    env = dict(os.environ, COACH_DATA_DIR=str(data_dir), COACH_LANG="en", COACH_NOW=FIXED_NOW,
               PATH=str(bare), PYTHONPATH=str(NETGUARD))
    db = data_dir / "coach.db"
    proc = subprocess.Popen([sys.executable, "-m", "coach", "remind", "--once"], env=env,
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while proc.poll() is None and not _locked(db):
            pass
        proc.send_signal(signal.SIGKILL)  # while its write transaction is open
        assert proc.wait(timeout=60) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
    # One transaction: the chunks written before the kill are gone with it.
    assert item_records(db) == 0
    before = len(server.calls())
    assert cli("remind", "--once", env={"PATH": str(bare)}).code == 0
    assert cli("remind", "--once", env={"PATH": str(bare)}).code == 0
    summaries = [call["summary"] for call in server.calls()]
    assert len(summaries) > before
    assert not [s for s, n in Counter(summaries).items() if n > 1]
    assert any(s.endswith("promises need you") for s in summaries)
    assert item_records(db) > 1000
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT max(count) FROM notifications").fetchone()[0] == 1
    conn.close()
