"""Edits on both sides, refused saves (412), DST, deletions and tasks that come back."""

from __future__ import annotations

from coach.model import commitment_log, records
from coach.ops import commitment_edit, delete
from coach.sync import account, remote
from tests.sync.conftest import PASSWORD
from tests.sync.helpers import add, at, connect, reload, sync


def test_both_sides_edit_the_same_task_and_both_values_are_kept(store, caldav_server, phone):
    now = at("2026-11-26 15:00")
    item = add(store, "Send the quote", now, due=at("2026-11-27 09:00"))
    connect(store, caldav_server, now)
    sync(store, now)
    uid = phone.by_summary("Send the quote")

    # Here: a new title at 16:00. On the phone: another title and a new due time at 16:30.
    commitment_edit.change(store, reload(store, item), at("2026-11-26 16:00"),
                           title="Send the quote to Jansen")
    phone.edit(uid, at("2026-11-26 16:30"), summary="Send the quote by mail",
               due=at("2026-11-27 11:00"))
    result = sync(store, at("2026-11-26 16:45"))

    after = reload(store, item)
    # The phone's title is newer and wins; the due time changed only there, so it arrives.
    assert after.title == "Send the quote by mail"
    assert after.due == at("2026-11-27 11:00")
    kept = commitment_log.kept(store)
    assert [(k.commitment_id, k.field, k.old, k.source) for k in kept] == [
        (item.id, "title", "Send the quote to Jansen", "local")]
    assert result.conflicts == 1
    assert str(phone.todos()[uid]["summary"]) == "Send the quote by mail"
    # The kept value can be put back, and then goes up.
    commitment_edit.restore_kept(store, kept[0].id, at("2026-11-26 17:00"))
    sync(store, at("2026-11-26 17:05"))
    assert reload(store, item).title == "Send the quote to Jansen"
    assert str(phone.todos()[uid]["summary"]) == "Send the quote to Jansen"


def test_the_newer_local_edit_wins_and_the_phone_value_is_kept(store, caldav_server, phone):
    now = at("2026-11-26 15:00")
    item = add(store, "Send the quote", now)
    connect(store, caldav_server, now)
    sync(store, now)
    uid = phone.by_summary("Send the quote")
    phone.edit(uid, at("2026-11-26 16:00"), summary="Quote (phone)")
    commitment_edit.change(store, reload(store, item), at("2026-11-26 16:30"),
                           title="Quote (desk)")
    sync(store, at("2026-11-26 16:45"))
    assert reload(store, item).title == "Quote (desk)"
    assert str(phone.todos()[uid]["summary"]) == "Quote (desk)"
    assert [(k.old, k.source) for k in commitment_log.kept(store)] == [("Quote (phone)", "phone")]


class RacingServer(remote.Server):
    """The phone saves its edit between our listing and our upload: the server refuses our
    If-Match save for real (412), which Radicale and Xandikos report differently."""

    def __init__(self, *args, race=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.race, self.refusals = race, []

    def changes(self, token, use_token=True):
        listing = super().changes(token, use_token)
        if self.race:
            self.race()
            self.race = None
        return listing

    def update(self, href, data, etag, schedule_tag):
        try:
            return super().update(href, data, etag, schedule_tag)
        except remote.Conflict as exc:
            self.refusals.append(type(exc.__cause__).__name__)
            raise


def test_a_refused_save_is_merged_field_by_field(store, caldav_server, phone):
    from coach.sync import engine

    now = at("2026-11-26 15:00")
    item = add(store, "Send the quote", now, due=at("2026-11-27 09:00"))
    connect(store, caldav_server, now)
    sync(store, now)
    uid = phone.by_summary("Send the quote")
    commitment_edit.change(store, reload(store, item), at("2026-11-26 16:00"),
                           title="Send the quote today")
    acct = account.load(store)
    server = RacingServer(acct.url, "alice", PASSWORD, race=lambda: phone.edit(
        uid, at("2026-11-26 16:10"), due=at("2026-11-27 15:00")))
    server.open_list(acct.list_name, acct.calendar_url)

    engine.run(store, server, at("2026-11-26 16:15"), acct.sync_token)

    expected = {"radicale": "ETagMismatchError", "xandikos": "ScheduleTagMismatchError"}
    assert server.refusals == [expected[caldav_server.name]]
    after = reload(store, item)
    assert (after.title, after.due) == ("Send the quote today", at("2026-11-27 15:00"))
    todo = phone.todos()[uid]
    assert str(todo["summary"]) == "Send the quote today"
    assert todo.decoded("due") == at("2026-11-27 15:00")


def test_nine_oclock_stays_nine_oclock_across_the_dst_change(store, caldav_server, phone):
    # Berlin leaves summer time on 25 October 2026.
    before = at("2026-10-20 10:00")
    item = add(store, "Weekly call with the customer", before, due=at("2026-11-02 09:00"))
    connect(store, caldav_server, before)
    sync(store, before)
    uid = phone.by_summary("Weekly call with the customer")
    assert "DUE;TZID=Europe/Berlin:20261102T090000" in phone.raw(uid).replace("\r\n ", "")

    after = at("2026-10-28 10:00")
    phone.edit(uid, after, summary="Weekly call with Jansen GmbH")
    commitment_edit.change(store, reload(store, item), after, title="Weekly call with Jansen")
    sync(store, at("2026-10-28 11:00"))

    local = reload(store, item)
    assert local.due.astimezone(at("2026-11-02 09:00").tzinfo).strftime("%H:%M") == "09:00"
    assert "DUE;TZID=Europe/Berlin:20261102T090000" in phone.raw(uid).replace("\r\n ", "")
    assert phone.todos()[uid].decoded("due") == at("2026-11-02 09:00")

    # The other way: a task made on the phone in summer time, due 09:00 after the change.
    made = phone.add("Quarterly review", at("2026-10-20 12:00"), due=at("2026-10-29 09:00"))
    sync(store, at("2026-10-20 12:05"))
    review = next(c for c in records.select(store, type(item)) if c.title == "Quarterly review")
    assert review.due == at("2026-10-29 09:00")  # 08:00 UTC, not summer time's 07:00
    commitment_edit.change(store, review, at("2026-10-28 12:00"), title="Quarterly review Q4")
    sync(store, at("2026-10-28 12:05"))
    assert "DUE;TZID=Europe/Berlin:20261029T090000" in phone.raw(made).replace("\r\n ", "")


def test_deleting_on_either_side_deletes_on_the_other(store, caldav_server, phone):
    now = at("2026-11-26 15:00")
    here = add(store, "Deleted here", now)
    there = add(store, "Deleted on the phone", now)
    connect(store, caldav_server, now)
    sync(store, now)
    delete.delete(store, here.id)
    phone.delete(phone.by_summary("Deleted on the phone"))
    sync(store, at("2026-11-26 16:00"))
    assert phone.todos() == {}
    assert reload(store, there) is None


def test_a_task_deleted_and_then_restored_on_the_phone_brings_the_commitment_back(
        store, caldav_server, phone):
    from coach.model import commitment
    from coach.rules import promise_check
    from coach.timing.dates import local_tz

    now = at("2026-11-26 15:00")
    item = commitment.new("Refund for Mrs Okafor", now, recipient="Mrs Okafor")
    promise_check.record(store, item, {"control": "no"}, now, local_tz())
    connect(store, caldav_server, now)
    sync(store, now)
    uid = phone.by_summary("Refund for Mrs Okafor")
    saved_copy = phone.raw(uid)
    phone.delete(uid)
    sync(store, at("2026-11-26 16:00"))
    assert reload(store, item) is None

    phone.put_raw(uid, saved_copy)  # the phone's "undo delete", or a stale phone
    result = sync(store, at("2026-11-26 17:00"))

    back = reload(store, item)
    assert back is not None and back.title == "Refund for Mrs Okafor"
    assert promise_check.load(store, item.id)["result"] != "safe"
    assert result.down_new == 1
    # Once, not twice (the check also made a "get back to" commitment, synced beside it).
    summaries = [str(t["summary"]) for t in phone.todos().values()]
    assert summaries.count("Refund for Mrs Okafor") == 1 and len(summaries) == 2


def test_a_commitment_restored_here_after_a_sync_deleted_it_goes_up_again(
        store, caldav_server, phone):
    now = at("2026-11-26 15:00")
    item = add(store, "Call the bank", now)
    connect(store, caldav_server, now)
    sync(store, now)
    saved = delete.delete(store, item.id).detail
    sync(store, at("2026-11-26 16:00"))
    assert phone.todos() == {}
    delete.restore(store, saved)  # undo in the window
    sync(store, at("2026-11-26 17:00"))
    assert [str(t["summary"]) for t in phone.todos().values()] == ["Call the bank"]


def test_an_edit_on_the_phone_beats_a_deletion_here(store, caldav_server, phone):
    now = at("2026-11-26 15:00")
    item = add(store, "Ship the samples", now)
    connect(store, caldav_server, now)
    sync(store, now)
    uid = phone.by_summary("Ship the samples")
    delete.delete(store, item.id)
    phone.edit(uid, at("2026-11-26 16:00"), summary="Ship the samples by courier")
    sync(store, at("2026-11-26 16:30"))
    titles = [c.title for c in records.select(store, type(item))]
    assert titles == ["Ship the samples by courier"]
    assert [str(t["summary"]) for t in phone.todos().values()] == ["Ship the samples by courier"]


def test_without_sync_tokens_etags_are_compared(store, caldav_server, phone):
    now = at("2026-11-26 15:00")
    done = add(store, "Send the contract", now)
    gone = add(store, "Order toner", now)
    connect(store, caldav_server, now)
    sync(store, now, use_token=False)
    phone.complete(phone.by_summary("Send the contract"), at("2026-11-26 16:00"))
    phone.delete(phone.by_summary("Order toner"))
    phone.add("New from the phone", at("2026-11-26 16:00"))
    result = sync(store, at("2026-11-26 16:05"), use_token=False)
    assert reload(store, done).status == "done"
    assert reload(store, gone) is None
    assert result.down_new == 1
    again = sync(store, at("2026-11-26 16:10"), use_token=False)
    assert (again.sent, again.received) == (0, 0)


def test_a_note_edited_on_both_sides_keeps_both(store, caldav_server, phone):
    from coach.sync.vtodo import MARKER

    now = at("2026-11-26 15:00")
    item = add(store, "Send the quote", now, recipient="Mr Jansen", note="First note")
    connect(store, caldav_server, now)
    sync(store, now)
    uid = phone.by_summary("Send the quote")
    commitment_edit.change(store, reload(store, item), at("2026-11-26 16:00"),
                           note="Desk note")
    text = str(phone.todos()[uid]["description"])
    phone.edit(uid, at("2026-11-26 16:30"), description=text.replace("First note",
                                                                      "Phone note"))
    result = sync(store, at("2026-11-26 16:45"))

    assert reload(store, item).note == "Phone note"  # the newer edit wins
    kept = commitment_log.kept(store)
    assert [(k.field, k.old, k.source) for k in kept] == [("note", "Desk note", "local")]
    assert result.conflicts == 1
    commitment_edit.restore_kept(store, kept[0].id, at("2026-11-26 17:00"))
    sync(store, at("2026-11-26 17:05"))
    assert reload(store, item).note == "Desk note"
    assert str(phone.todos()[uid]["description"]).startswith("Desk note\n\n" + MARKER)
