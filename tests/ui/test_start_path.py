"""The start path (issue 19): the check, Today's first build and the first load begin before
the window is up, and none of them reads the database before the check has passed."""

from __future__ import annotations

from coach.i18n import set_language
from coach.model import commitment
from coach.storage.store import open_store


def test_todays_first_build_is_worded_in_the_language_the_window_chose(data_dir, now, clock):
    from ui.system.start_check import StartCheck

    with open_store(data_dir) as store:
        commitment.add(store, commitment.new("Angebot an ACME schicken", now, due=now))
    set_language("en")
    try:
        check = StartCheck(str(data_dir), back_up=False)
        # The UI thread reads the language from its settings while the check runs.
        set_language("de")
        check.language_chosen()
        assert check.passed()
        assert check.today is not None
        assert check.today.headline == "Donnerstag, 26. November"  # COACH_NOW's day
        assert [e.title for s in check.today.sections for e in s.entries] == [
            "Angebot an ACME schicken"]
    finally:
        set_language("en")


def test_a_damaged_database_gets_no_today_and_no_first_load(qtbot, data_dir, clock):
    from ui.background.worker import StoreClient
    from ui.system.start_check import StartCheck

    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "coach.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    check = StartCheck(str(data_dir), back_up=False)
    check.language_chosen()
    client = StoreClient(str(data_dir))
    try:
        loaded = []
        client.loaded.connect(loaded.append)
        client.load_after(check.passed)
        with qtbot.waitSignal(client.busy_changed, timeout=10_000,
                              check_params_cb=lambda busy: not busy):
            pass
        assert check.result.damaged is not None and check.today is None
        assert loaded == []  # the load was dropped without opening the store …
        assert not (data_dir / "coach.db").exists()  # … which would have made a new file
        # A later reload is not swallowed by the dropped one: it runs, and the store itself
        # refuses to start an empty database until the user restores or starts fresh.
        with qtbot.waitSignal(client.failed, timeout=10_000) as refused:
            client.reload()
        assert "damaged database was moved" in refused.args[0]
    finally:
        client.shutdown()


def test_the_first_load_waits_for_the_check_on_the_worker(qtbot, data_dir, now, clock):
    from ui.background.worker import StoreClient

    with open_store(data_dir) as store:
        commitment.add(store, commitment.new("Send ACME the offer", now))
    asked = []

    def gate() -> bool:  # runs on the worker thread, before the store is opened
        asked.append(1)
        return True

    client = StoreClient(str(data_dir))
    try:
        with qtbot.waitSignal(client.loaded, timeout=10_000) as first:
            client.load_after(gate)
        assert asked == [1]
        assert [r.what for r in first.args[0].rows["commitment"]] == ["Send ACME the offer"]
        with qtbot.waitSignal(client.loaded, timeout=10_000):
            client.reload()
        assert asked == [1]  # asked once, for the first job only
    finally:
        client.shutdown()
