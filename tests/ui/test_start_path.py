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


# A fresh process, as at a real start (this one has Qt and threads: the check runs on a
# thread here). It prints what the window would get: the check's finding and Today.
_START = """
import json, os, sys
from ui.system import start_check
if sys.argv[2] == "child-dies":
    start_check._child = lambda *args: os._exit(1)  # killed, out of memory, …
check = start_check.StartCheck(sys.argv[1], back_up=False)
from coach.i18n import set_language
check.language_chosen(set_language("de"))  # as ui/app.py does, through apply_language
passed = check.passed()
today = check.today
print(json.dumps({
    "forked": check.forked, "passed": passed, "damaged": str(check.result.damaged),
    "qt": "PySide6.QtCore" in sys.modules, "pytz": "pytz" in sys.modules,
    "headline": today and today.headline,
    "entries": today and [[e.title, e.chip] for s in today.sections for e in s.entries],
}))
"""


def _start_in_a_fresh_process(data_dir, how: str = "") -> dict:
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    proc = subprocess.run([sys.executable, "-c", _START, str(data_dir), how], cwd=REPO,
                          capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_at_a_real_start_the_check_and_today_run_in_a_child_process(data_dir, now, clock):
    with open_store(data_dir) as store:
        commitment.add(store, commitment.new("Angebot an ACME schicken", now,
                                             due=now.replace(hour=17, minute=30)))
    found = _start_in_a_fresh_process(data_dir)
    assert found["forked"] and found["passed"] and found["damaged"] == "None"
    # Worded in the language the window chose, with the due time in local time, as the
    # thread below words it (the child's Babel runs without pytz).
    assert found["headline"] == "Donnerstag, 26. November"
    assert found["entries"] == [["Angebot an ACME schicken", "17:30"]]
    assert not found["qt"] and not found["pytz"]  # nothing of the child is left here
    set_language("en")
    try:
        from ui.system.start_check import StartCheck

        check = StartCheck(str(data_dir), back_up=False, fork=False)
        set_language("de")
        check.language_chosen("de")
        assert check.passed() and not check.forked
        assert check.today.headline == found["headline"]
        assert [[e.title, e.chip] for s in check.today.sections
                for e in s.entries] == found["entries"]
    finally:
        set_language("en")


def test_if_the_child_dies_the_check_runs_here_instead(data_dir, now, clock):
    with open_store(data_dir) as store:
        commitment.add(store, commitment.new("Send ACME the offer", now, due=now))
    found = _start_in_a_fresh_process(data_dir, "child-dies")
    assert found["forked"] and found["passed"]
    assert found["headline"] == "Donnerstag, 26. November"
    assert [title for title, _when in found["entries"]] == ["Send ACME the offer"]


def test_a_damaged_database_found_by_the_child_is_set_aside(data_dir, clock):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "coach.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    found = _start_in_a_fresh_process(data_dir)
    assert found["forked"] and not found["passed"] and found["headline"] is None
    assert found["damaged"].startswith(str(data_dir)) and not (data_dir / "coach.db").exists()
