"""Every change on either side arrives, on Radicale and on Xandikos."""

from __future__ import annotations

from coach.model import commitment_log
from coach.ops import commitment_edit, delete, finish
from tests.sync.helpers import BERLIN, add, at, connect, reload, sync


def test_open_commitments_go_up_with_every_field(store, caldav_server, phone):
    now = at("2026-11-26 15:00")
    promise = add(store, "Send the revised quote", now, recipient="Mr Jansen",
                  due=at("2026-11-27 09:00"), urgent=True)
    add(store, "Call back the supplier", now)
    connect(store, caldav_server, now)

    result = sync(store, now)

    assert result.up_new == 2
    todos = phone.todos()
    assert sorted(str(t["summary"]) for t in todos.values()) == [
        "Call back the supplier", "Send the revised quote"]
    quote = todos[phone.by_summary("Send the revised quote")]
    assert quote.decoded("due") == at("2026-11-27 09:00")
    assert "TZID=Europe/Berlin" in phone.raw(phone.by_summary("Send the revised quote"))
    assert str(quote["status"]) == "NEEDS-ACTION"
    assert 1 <= int(quote["priority"]) <= 5
    assert "Mr Jansen" in str(quote["description"])
    alarm = quote.subcomponents[0]
    assert alarm.name == "VALARM" and alarm.decoded("trigger").total_seconds() == -3600
    assert reload(store, promise).due == at("2026-11-27 09:00")


def test_changes_on_the_phone_arrive(store, caldav_server, phone):
    now = at("2026-11-26 15:00")
    done = add(store, "Send the contract", now, due=at("2026-11-27 12:00"))
    moved = add(store, "Book the meeting room", now, due=at("2026-11-27 10:00"))
    gone = add(store, "Order toner", now)
    connect(store, caldav_server, now)
    sync(store, now)

    later = at("2026-11-26 16:00")
    phone.complete(phone.by_summary("Send the contract"), later)
    phone.edit(phone.by_summary("Book the meeting room"), later, due=at("2026-11-28 14:00"),
               summary="Book the big meeting room")
    phone.delete(phone.by_summary("Order toner"))
    phone.add("Ring Mrs Okafor about the invoice", later, due=at("2026-11-30 11:00"))

    result = sync(store, at("2026-11-26 16:05"))

    assert reload(store, done).status == "done"
    assert reload(store, moved).due == at("2026-11-28 14:00")
    assert reload(store, moved).title == "Book the big meeting room"
    changes = {(e.field, e.source) for e in commitment_log.entries(store, moved.id)}
    assert ("due", "phone") in changes and ("title", "phone") in changes
    assert reload(store, gone) is None
    new = [c for c in items_open(store) if c.title == "Ring Mrs Okafor about the invoice"]
    assert len(new) == 1 and new[0].due == at("2026-11-30 11:00")
    assert commitment_edit.origin(store, new[0].id) == "sync"
    assert [c.id for c in commitment_edit.unprompted(store)] == [new[0].id]
    assert result.received == 4


def test_changes_here_arrive_on_the_phone(store, caldav_server, phone):
    now = at("2026-11-26 15:00")
    finished = add(store, "Send the contract", now, due=at("2026-11-27 12:00"))
    renamed = add(store, "Book room", now, due=at("2026-11-27 10:00"))
    deleted = add(store, "Order toner", now)
    connect(store, caldav_server, now)
    sync(store, now)

    later = at("2026-11-26 16:00")
    finish.finish(store, finished.id, later)
    commitment_edit.change(store, reload(store, renamed), later, title="Book the big room",
                           due=at("2026-11-27 11:30"))
    delete.delete(store, deleted.id)
    added = add(store, "Prepare the demo", later)

    result = sync(store, at("2026-11-26 16:05"))

    todos = phone.todos()
    contract = todos[phone.by_summary("Send the contract")]
    assert str(contract["status"]) == "COMPLETED" and contract.get("completed") is not None
    room = todos[phone.by_summary("Book the big room")]
    assert room.decoded("due") == at("2026-11-27 11:30")
    assert "Order toner" not in {str(t["summary"]) for t in todos.values()}
    assert phone.by_summary(added.title)
    assert result.up_deleted == 1 and result.up_new == 1 and result.up_changed == 2


def items_open(store):
    from coach.model import commitment

    return commitment.list_open(store)


def test_a_second_sync_with_nothing_changed_sends_nothing(store, caldav_server, phone):
    now = at("2026-11-26 15:00")
    for n in range(3):
        add(store, f"Promise {n}", now, due=at("2026-11-27 09:00"))
    connect(store, caldav_server, now)
    sync(store, now)
    again = sync(store, now)
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)
    assert BERLIN


def test_the_note_comes_back_and_the_generated_part_is_ignored(store, caldav_server, phone):
    from coach.sync.vtodo import MARKER

    now = at("2026-11-26 15:00")
    item = add(store, "Send the revised quote", now, recipient="Mr Jansen",
               note="Ask for the PO number")
    connect(store, caldav_server, now)
    sync(store, now)
    uid = phone.by_summary("Send the revised quote")
    text = str(phone.todos()[uid]["description"])
    assert text.startswith("Ask for the PO number\n\n" + MARKER + "\n")
    assert "Promised to: Mr Jansen" in text

    # On the phone: a new note above the line, and a careless edit below it.
    edited = text.replace("Ask for the PO number", "PO 4411 received,\nsend by mail") \
        .replace("Promised to: Mr Jansen", "Promised to: nobody")
    phone.edit(uid, at("2026-11-26 16:00"), description=edited)
    result = sync(store, at("2026-11-26 16:05"))

    after = reload(store, item)
    assert after.note == "PO 4411 received,\nsend by mail"
    assert after.recipient == "Mr Jansen"  # the generated part is not read back
    assert ("note", "phone") in {(e.field, e.source)
                                 for e in commitment_log.entries(store, item.id)}
    assert result.down_changed == 1 and result.conflicts == 0
    again = str(phone.todos()[uid]["description"])
    assert again.startswith("PO 4411 received,\nsend by mail\n\n" + MARKER)
    assert "Promised to: Mr Jansen" in again  # rewritten from here

    commitment_edit.change(store, after, at("2026-11-26 17:00"), note="Sent on Friday")
    sync(store, at("2026-11-26 17:05"))
    assert str(phone.todos()[uid]["description"]).startswith("Sent on Friday\n\n" + MARKER)
    assert (sync(store, at("2026-11-26 17:10")).sent, sync(store, at("2026-11-26 17:11"))
            .received) == (0, 0)


def test_a_task_made_on_the_phone_brings_its_note(store, caldav_server, phone):
    now = at("2026-11-26 15:00")
    add(store, "Something to make the list", now)
    connect(store, caldav_server, now)
    sync(store, now)
    uid = phone.add("Call the printer", at("2026-11-26 16:00"))
    phone.edit(uid, at("2026-11-26 16:00"), description="Ask about the\nwrong colours")
    sync(store, at("2026-11-26 16:05"))
    made = [c for c in items_open(store) if c.title == "Call the printer"]
    assert len(made) == 1 and made[0].note == "Ask about the\nwrong colours"
