"""Settings → Sync: set up the account, sync now, see the result; all in the background."""

from __future__ import annotations

from tests.sync.conftest import PASSWORD, USER, caldav_server, phone  # noqa: F401


def test_set_up_and_sync_from_the_window(qtbot, client, data_dir, caldav_server, phone):  # noqa: F811
    from coach.model import commitment
    from coach.storage.store import open_store
    from coach.timing import timeutil
    from ui.sync.dialog import SyncDialog
    from ui.sync.runner import SyncRunner

    with open_store(data_dir) as store:
        commitment.add(store, commitment.new("Send the quote", timeutil.now()))
    runner = SyncRunner(str(data_dir))
    with qtbot.waitSignal(runner.done, timeout=10_000):  # the first read of the account
        dialog = SyncDialog(runner)
    qtbot.addWidget(dialog)
    dialog.url.setText(caldav_server.url)
    dialog.user.setText(USER)
    dialog.command.setText(f"printf '%s\\n' '{PASSWORD}'")
    with qtbot.waitSignal(runner.done, timeout=10_000) as saved:
        dialog.save_button.click()
    assert saved.args[0] is True and "Saved" in dialog.result.text()

    with qtbot.waitSignal(runner.finished, timeout=30_000) as synced:
        dialog.sync_button.click()
        assert dialog.result.text() == "Syncing…"  # the window did not wait
    assert synced.args == [True, "Synced: sent 1, received 0, conflicts 0."]
    assert dialog.result.text() == "Synced: sent 1, received 0, conflicts 0."
    assert [str(t["summary"]) for t in phone.todos().values()] == ["Send the quote"]


def test_a_failed_sync_says_why_in_one_line(qtbot, client, data_dir, caldav_server):  # noqa: F811
    from coach.storage.store import open_store
    from coach.sync import account
    from coach.timing import timeutil
    from ui.sync.runner import SyncRunner

    with open_store(data_dir) as store:
        account.setup(store, caldav_server.url, USER, None, f"printf '{PASSWORD}'",
                      timeutil.now())
    caldav_server.stop()
    runner = SyncRunner(str(data_dir))
    with qtbot.waitSignal(runner.finished, timeout=30_000) as synced:
        runner.sync_now()
    ok, line = synced.args
    assert ok is False and "\n" not in line
    assert line.startswith("Sync failed: Cannot reach 127.0.0.1")


def test_a_wrong_password_is_named(tmp_path, data_dir, store):
    from coach.sync import account, service
    from coach.timing import timeutil
    from tests.sync.conftest import Radicale

    server = Radicale(tmp_path / "radicale")
    account.setup(store, server.url, USER, None, "printf wrong", timeutil.now())
    try:
        service.sync(store, timeutil.now())
    except service.SyncFailed as exc:
        assert str(exc) == "Sync failed: 127.0.0.1 refused the user name or password."
    else:
        raise AssertionError("a wrong password synced")
    finally:
        server.stop()
