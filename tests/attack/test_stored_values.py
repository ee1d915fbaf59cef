"""Class 1: a stored value must never brick the app; out-of-range dates are refused."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.attack.conftest import one_clear_line

SLOW = settings(max_examples=8, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@SLOW
@given(year=st.one_of(st.integers(1, 1969), st.integers(2201, 9999)),
       offset=st.integers(-23 * 60 - 59, 23 * 60 + 59))
def test_a_date_outside_1970_to_2200_is_refused_at_the_door(cli, healthy, year, offset):
    first = cli("add", "Keep me")
    when = datetime(year, 6, 1, 12, 0, tzinfo=timezone(timedelta(minutes=offset)))
    for args in (("add", "Bad date", "--due", when.isoformat()),
                 ("reply", "Bob", "--by", when.isoformat())):
        one_clear_line(cli(*args))
    healthy({int(first.out)})


def _damage(db, sql: str, *params) -> None:
    conn = sqlite3.connect(db)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


BAD_TIMES = ["999-01-01T00:00:00Z", "0999-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
             "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "not a time", "",
             "2025-01-01T10:00:00"]


def test_every_reader_copes_with_any_stored_time(cli, data_dir, healthy, tmp_path):
    good = int(cli("add", "Good one", "--due", "tomorrow 10am").out)
    ids = {}
    for n, bad in enumerate(BAD_TIMES):
        ids[bad] = int(cli("add", f"Damaged {n}", "--due", "tomorrow").out)
        _damage(data_dir / "coach.db", "UPDATE commitments SET due = ? WHERE id = ?", bad,
                ids[bad])
    reply = int(cli("reply", "Bob", "--via", "email").out)
    _damage(data_dir / "coach.db", "UPDATE owed_replies SET reply_by = ?, received = ? "
            "WHERE id = ?", "9999-12-31T23:59:59Z", "0999-01-01T00:00:00Z", reply)
    for args in (("list",), ("list", "--all"), ("brief",), ("brief", "--format", "markdown"),
                 ("brief", "--format", "html"), ("brief", "--format", "json"),
                 ("ics", str(tmp_path / "c.ics")), ("stats",), ("remind", "--once"),
                 ("export", str(tmp_path / "e.json"))):
        result = cli(*args)
        assert result.code in (0, 1) and "Traceback" not in result.err, (args, result.err)
        assert "unexpected error" not in result.err, (args, result.err)
    listing = cli("list").out
    assert "Good one" in listing and listing.count("[damaged") == len(BAD_TIMES) + 1
    healthy({good, reply, *ids.values()})
    # A damaged row can be closed and deleted from the command line.
    assert cli("done", str(ids["999-01-01T00:00:00Z"])).code == 0
    assert cli("delete", str(ids["9999-12-31T23:59:59Z"])).code == 0
    assert cli("delete", str(reply)).code == 0
    healthy({good})


def test_damaged_heat_channel_and_status_are_shown_marked_and_fixable(cli, data_dir, healthy):
    concern = int(cli("concern", "Angry customer", "--heat", "3").out)
    reply = int(cli("reply", "Ann").out)
    odd = int(cli("add", "Odd status").out)
    _damage(data_dir / "coach.db", "UPDATE concerns SET heat = 999 WHERE id = ?", concern)
    _damage(data_dir / "coach.db", "UPDATE owed_replies SET channel = 'fax' WHERE id = ?",
            reply)
    _damage(data_dir / "coach.db", "UPDATE commitments SET status = 'weird' WHERE id = ?", odd)
    for _run in range(2):  # the nudge must not crash on every run
        result = cli("remind", "--once")
        assert "Traceback" not in result.err and "unexpected" not in result.err
    text = cli("list", "--all").out
    assert "damaged: heat" in text and "damaged: channel" in text and "damaged: status" in text
    assert cli("heat", str(concern), "4").code == 0
    assert cli("done", str(odd)).code == 0
    healthy({concern, reply, odd})


def test_the_window_shows_every_row_with_one_bad_row_of_each_kind(open_window, data_dir, cli,
                                                                   qtbot):
    from PySide6.QtCore import Qt

    from coach.ops import items
    from coach.storage.store import open_store
    from tests.ui.helpers import ids_in

    good = int(cli("add", "Good one", "--due", "tomorrow").out)
    bad_due = int(cli("add", "Year 999", "--due", "tomorrow").out)
    bad_reply = int(cli("reply", "Bob").out)
    bad_concern = int(cli("concern", "Hot", "--heat", "2").out)
    db = data_dir / "coach.db"
    _damage(db, "UPDATE commitments SET due = '999-01-01T00:00:00Z' WHERE id = ?", bad_due)
    _damage(db, "UPDATE owed_replies SET reply_by = '9999-12-31T23:59:59Z', channel = 'fax' "
            "WHERE id = ?", bad_reply)
    _damage(db, "UPDATE concerns SET heat = 999 WHERE id = ?", bad_concern)
    window = open_window()
    shown = {i for view in window.sections for i in ids_in(view.model)}
    assert {good, bad_due, bad_reply, bad_concern} <= shown
    # The damaged commitment is deleted with the window's own Delete key.
    window.show_section(0)
    view = window.current_view()
    assert view.select_id(bad_due)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    with qtbot.waitSignal(window.snapshot_shown, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    with open_store(data_dir) as store:
        assert items.find(store, bad_due) is None
        assert items.find(store, good) is not None
