"""One sync run: what changed on the server comes down, what changed here goes up.

Order of a run, each step idempotent so a run killed anywhere can simply run again:
1. list the server's changes (sync token, or every ETag) and fetch the changed tasks;
2. apply them here (field-by-field merge where both sides changed), each item together
   with its sync record in one transaction;
3. upload what changed here: the record (UID, href, the content about to go up) is written
   *before* the PUT; creates use If-None-Match: *, updates and deletes If-Match;
   uploads go in chunks: the records of a chunk are committed together before its first
   PUT, the answers (ETags) together after its last, so a first sync of a thousand tasks
   is not two thousand commits; a run killed in between finds `pending` and adopts;
4. a refused save (412) fetches the server's copy, merges and tries again;
5. the new sync token is stored only when all of this went through.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from coach.model.commitment import Commitment
from coach.model.owed_reply import OwedReply
from coach.ops import items
from coach.storage.store import Store
from coach.sync import apply, merge, remote, series, state, vtodo
from coach.sync.report import Result
from coach.sync.scope import context, local_items

RETRIES = 3
CHUNK = 50  # uploads per commit of their records
Item = Commitment | OwedReply


class Run:
    def __init__(self, store: Store, server: remote.Server, now: datetime) -> None:
        self.store, self.server, self.now = store, server, now
        self.ctx: vtodo.Context = context(store, now)
        self.result = Result()
        self.records = {r.uid: r for r in state.all_records(store)}
        self.by_href = {r.href: r for r in self.records.values()}
        self.held: dict[str, state.Record] | None = None  # answers waiting for one commit

    # -- helpers -------------------------------------------------------------------------
    def item(self, rec: state.Record) -> Item | None:
        found = items.find(self.store, rec.item_id)
        wanted = Commitment if rec.kind == state.COMMITMENT else OwedReply
        return found if isinstance(found, wanted) else None

    def remember(self, rec: state.Record) -> None:
        self.records[rec.uid] = rec
        self.by_href[rec.href] = rec
        if self.held is not None:
            self.held[rec.uid] = rec
        else:
            state.save(self.store, rec, self.now)

    def remember_now(self, rec: state.Record) -> None:
        held, self.held = self.held, None
        try:
            self.remember(rec)
        finally:
            self.held = held

    def flush(self) -> None:
        held, self.held = self.held, None
        if held:
            with self.store.write():
                for rec in held.values():
                    state.save(self.store, rec, self.now)

    def agreed(self, rec: state.Record, item: Item, etag: str | None, stag: str | None,
               data: dict[str, Any] | None = None) -> None:
        """Both sides now hold `data` (the item's current content unless given)."""
        data = data or vtodo.content(item, self.ctx)
        rec.base = {k: data[k] for k in vtodo.fields(item)}
        rec.hash, rec.pending, rec.state = vtodo.digest(data), None, state.LIVE
        rec.etag, rec.schedule_tag = etag, stag
        self.remember(rec)

    # -- 1 and 2: down -------------------------------------------------------------------
    def down(self, listing: remote.Listing) -> None:
        wanted = {href for href, etag in listing.changed.items()
                  if href not in self.by_href or self.by_href[href].etag != etag
                  or self.by_href[href].pending is not None}
        # An upload whose answer never came: look whether it arrived.
        wanted |= {r.href for r in self.records.values()
                   if r.state == state.LIVE and r.etag is None}
        fetched = self.server.fetch(sorted(wanted)) if wanted else {}
        for href, got in fetched.items():
            parsed = vtodo.parse(got.data, self.ctx)
            if parsed is not None:
                self.take(href, got, parsed)
        gone = set(listing.deleted)
        if listing.full:
            gone |= {r.href for r in self.records.values()
                     if r.state == state.LIVE and r.etag and r.href not in listing.changed}
        for href in sorted(gone - set(fetched)):
            rec = self.by_href.get(href)
            if rec is not None and rec.state == state.LIVE and rec.etag:
                self.deleted_there(rec)

    def take(self, href: str, got: remote.Fetched, parsed: vtodo.Remote) -> None:
        rec = self.by_href.get(href) or self.records.get(parsed.uid)
        with self.store.write():
            if rec is None or rec.kind == "foreign":
                if parsed.fields["status"] != vtodo.OPEN:
                    # A finished task we never knew: remembered, not imported as history.
                    self.remember(state.Record(parsed.uid, "foreign", 0, href, got.etag,
                                               got.schedule_tag))
                    return
                item = apply.new_commitment(self.store, parsed, self.now)
                self.result.down_new += 1
                if series.keep_phone_rule(self.store, item, parsed, self.now) is not None:
                    self.result.conflicts += 1  # made repeating there: logged, not taken
                self.link(parsed.uid, href, item, got)
                return
            item = self.item(rec) if rec.state == state.LIVE else None
            if item is None:
                # Deleted here (or both sides) while the task changed or came back there:
                # an edit is never lost to a deletion, so the commitment returns.
                item = apply.bring_back(self.store, rec.saved, parsed, self.now)
                self.result.down_new += 1
                rec.kind, rec.item_id, rec.saved = state.COMMITMENT, item.id, None
                rec.href = href
                self.agreed(rec, item, got.etag, got.schedule_tag)
                rec.hash = None  # our full content (description, alarm) still has to go up
                self.remember(rec)
                return
            self.reconcile(rec, item, got, parsed)

    def link(self, uid: str, href: str, item: Item, got: remote.Fetched) -> None:
        rec = state.Record(uid, state.COMMITMENT, item.id, href)
        self.agreed(rec, item, got.etag, got.schedule_tag)
        rec.hash = None
        self.remember(rec)

    def reconcile(self, rec: state.Record, item: Item, got: remote.Fetched,
                  parsed: vtodo.Remote) -> None:
        """The server's copy differs from what we last agreed: merge field by field."""
        theirs = {k: parsed.fields[k] for k in vtodo.fields(item)}
        base = rec.base
        mine = vtodo.fields(item)
        if base is not None and "note" in mine and "note" not in base:
            # Synced before notes came back: the note had only ever gone up, so ours is the
            # base; a description in the old layout (no MARKER) holds no note of the phone's.
            base = {**base, "note": mine["note"]}
            if not parsed.marked:
                theirs["note"] = mine["note"]
        if rec.pending is not None:
            sent = {k: rec.pending.get(k) for k in theirs}
            if sent == theirs:
                # Our own upload, whose answer was lost (a killed run): adopt it.
                self.agreed(rec, item, got.etag, got.schedule_tag, data=rec.pending)
                return
        held: dict[str, Any] = {}  # what the server holds, if the merge's base is not it
        if series.finished_there(base, theirs, item, self.now):
            # Finished on the phone: the task now stands for the next occurrence (see
            # coach.sync.series); the rest of the phone's edit (title, note) goes to it.
            item = series.finish(self.store, item, self.now)
            self.result.down_changed += 1
            rec.item_id, mine = item.id, vtodo.fields(item)
            held = {k: theirs[k] for k in ("status", "due")}
            taken = {k: mine[k] for k in held}  # the finishing is taken: both sides agree
            theirs, base = {**theirs, **taken}, {**base, **taken}
        result = merge.merge(base, mine, theirs, item.updated, parsed.modified)
        apply.fields_to_local(self.store, item, result.to_local, self.now)
        kept = result.kept + [k for k in [series.keep_phone_rule(
            self.store, item, parsed, self.now)] if k is not None]
        apply.keep(self.store, item, result.kept, self.now)
        self.result.conflicts += len(kept)
        self.result.kept_lines += [f"{k.field}={k.value!r}" for k in kept]
        if result.to_local:
            self.result.down_changed += 1
        # The agreed base is the merge; the hash of what the server holds is unknown to
        # us, so the upload step sends our full content (with the merge) once.
        rec.base, rec.pending, rec.state = {**result.fields, **held}, None, state.LIVE
        rec.etag, rec.schedule_tag = got.etag, got.schedule_tag
        if result.to_remote or result.to_local or held or series.rule_differs(item, parsed):
            rec.hash = None
        self.remember(rec)

    def deleted_there(self, rec: state.Record) -> None:
        item = self.item(rec)
        with self.store.write():
            if item is not None and rec.base is not None \
                    and vtodo.changed_since(rec.base, item):
                # Changed here since the last sync: the edit wins; it goes up again.
                rec.etag = rec.schedule_tag = None
                rec.pending = None
                self.remember(rec)
                return
            rec.saved = apply.remove(self.store, item) if item is not None else None
            if item is not None:
                self.result.down_deleted += 1
            rec.state, rec.etag, rec.schedule_tag, rec.pending = state.DELETED, None, None, None
            self.remember(rec)

    def next_token(self, listing: remote.Listing) -> str | None:
        """The token to start from next time. The one from the start of this run predates
        our own uploads, and a server may leave out of a later report an object that was
        both created and deleted after a token (Xandikos does): so move it past our own
        writes, unless someone else wrote meanwhile; then the next run sees their changes."""
        if listing.token is None or not self.result.sent:
            return listing.token
        after = self.server.changes(listing.token)
        ours = {r.href: r for r in self.records.values()}
        only_ours = all(href in ours and ours[href].etag == etag
                        for href, etag in after.changed.items()) and all(
            href in ours and ours[href].state == state.DELETED for href in after.deleted)
        return after.token if only_ours and not after.full else listing.token

    # -- 3 and 4: up ---------------------------------------------------------------------
    def up(self, scope: list[Item]) -> None:
        # What came down changed advice and promise checks: read them afresh.
        self.ctx = context(self.store, self.now)
        live = {(r.kind, r.item_id): r for r in self.records.values() if r.kind != "foreign"}
        self.follow_series(live, scope)
        work: list[tuple[state.Record, Item]] = []
        for item in scope:
            kind = state.COMMITMENT if isinstance(item, Commitment) else state.REPLY
            rec = live.get((kind, item.id))
            if rec is None or rec.state == state.DELETED:
                if not item.is_open:
                    continue  # history that was never synced stays here
                # Letters, digits and dashes only: the href is the UID, the same on every server.
                rec = rec or state.Record(f"trust-coach-{uuid.uuid4()}", kind, item.id, "")
                rec.href = rec.href or self.server.href(rec.uid)
                rec.state, rec.etag, rec.saved = state.LIVE, None, None
            work.append((rec, item))
        for start in range(0, len(work), CHUNK):
            self.push_all(work[start:start + CHUNK])
        present = {(state.COMMITMENT if isinstance(i, Commitment) else state.REPLY, i.id)
                   for i in scope}
        for key, rec in live.items():
            if rec.state == state.LIVE and key not in present and self.item(rec) is None:
                self.delete_there(rec)

    def follow_series(self, live: dict[tuple[str, int], state.Record],
                      scope: list[Item]) -> None:
        """An occurrence finished here: its task follows the next occurrence, as a phone
        moves a repeating task on, so one task stays one series (coach.sync.series)."""
        for item in scope:
            rec = live.get((state.COMMITMENT, item.id))
            if not isinstance(item, Commitment) or rec is None or rec.state != state.LIVE:
                continue
            nxt = series.successor(self.store, item)
            if nxt is None or (state.COMMITMENT, nxt.id) in live:
                continue
            # No base: what the server holds is the finished occurrence, not this one.
            rec.item_id, rec.base, rec.hash = nxt.id, None, None
            self.remember_now(rec)
            del live[(state.COMMITMENT, item.id)]
            live[(state.COMMITMENT, nxt.id)] = rec

    def push_all(self, chunk: list[tuple[state.Record, Item]]) -> None:
        ready = []
        with self.store.write():  # one commit, before any PUT: see the module docstring
            for rec, item in chunk:
                data = vtodo.content(item, self.ctx)
                if rec.etag is not None and vtodo.digest(data) == rec.hash:
                    continue
                rec.pending = data
                self.remember(rec)
                ready.append((rec, item, data))
        self.held = {}
        try:
            for rec, item, data in ready:
                self.push(rec, item, data)
        finally:
            self.flush()

    def push(self, rec: state.Record, item: Item, data: dict[str, Any]) -> None:
        for attempt in range(RETRIES):
            if attempt:  # after a merge: what goes up now
                data = vtodo.content(item, self.ctx)
                if rec.etag is not None and vtodo.digest(data) == rec.hash:
                    return
                rec.pending = data
                self.remember_now(rec)  # before the PUT, as for the first attempt
            body = vtodo.build(rec.uid, item, data, self.now)
            try:
                if rec.etag is None:
                    tags = self.server.create(rec.href, body)
                    self.result.up_new += 1
                else:
                    tags = self.server.update(rec.href, body, rec.etag, rec.schedule_tag)
                    self.result.up_changed += 1
            except (remote.Conflict, remote.Exists):
                if not self.refetch(rec, item):
                    rec.etag = rec.schedule_tag = None  # gone meanwhile: create it again
                item = self.item(rec) or item
                continue
            self.agreed(rec, item, *tags, data=data)
            if tags[0] is None:
                # No ETag in the answer (allowed by RFC 4791): read it, or the next run
                # would take our own upload for a change made there.
                got = self.server.fetch([rec.href]).get(rec.href)
                rec.etag = got.etag if got else None
                rec.schedule_tag = got.schedule_tag if got else None
                self.remember(rec)
            return

    def refetch(self, rec: state.Record, item: Item) -> bool:
        # This path writes the item and its record together: what is held goes first.
        self.flush()
        try:
            got = self.server.fetch([rec.href]).get(rec.href)
            parsed = vtodo.parse(got.data, self.ctx) if got else None
            if got is None or parsed is None:
                return False
            with self.store.write():
                self.reconcile(rec, item, got, parsed)
            return True
        finally:
            self.held = {}

    def delete_there(self, rec: state.Record) -> None:
        try:
            self.server.delete(rec.href, rec.etag, rec.schedule_tag)
        except remote.Conflict:
            # Changed there after it was deleted here: the change wins, it comes back.
            got = self.server.fetch([rec.href]).get(rec.href)
            parsed = vtodo.parse(got.data, self.ctx) if got else None
            if got is not None and parsed is not None:
                self.take(rec.href, got, parsed)
                return
        with self.store.write():
            rec.state, rec.etag, rec.schedule_tag, rec.pending = state.DELETED, None, None, None
            self.remember(rec)
        self.result.up_deleted += 1


def run(store: Store, server: remote.Server, now: datetime, token: str | None,
        use_token: bool = True) -> tuple[Result, str | None]:
    """Sync once with an opened task list; returns what happened and the new sync token."""
    listing = server.changes(token, use_token)
    job = Run(store, server, now)
    job.down(listing)
    job.up(local_items(store))
    return job.result, job.next_token(listing)
