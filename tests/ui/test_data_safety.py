"""The window's data safety: File → Back up now / Restore from backup… / Export…, the
start-up check that sets a damaged file aside and offers the newest good backup, and one
window per data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from coach.model import commitment
from coach.storage import backup
from coach.storage.store import open_store
from tests.conftest import FIXED_NOW, REPO
from tests.ui.helpers import ids_in


def _menu_texts(window) -> list[str]:
    return [a.text().replace("&", "") for a in window.menus["file"].actions()]


def test_file_menu_offers_backup_restore_and_export(window):
    texts = _menu_texts(window)
    for wanted in ("Export…", "Back up now", "Restore from backup…"):
        assert wanted in texts


def test_back_up_now_writes_a_backup_off_the_ui_thread(window, qtbot, data_dir):
    with qtbot.waitSignal(window.features.data_safety.backed_up, timeout=20_000) as made:
        window.features.data_safety.back_up_action.trigger()
    path = made.args[0]
    assert path.parent == data_dir / "backups" and backup.quick_check(path)
    assert "Backed up" in window.statusBar().currentMessage()


def test_restore_from_backup_brings_the_old_lists_back(open_window, store, now, qtbot,
                                                      data_dir):
    kept = commitment.add(store, commitment.new("In the backup", now))
    window = open_window()
    with qtbot.waitSignal(window.features.data_safety.backed_up, timeout=20_000):
        window.features.data_safety.back_up_now()
    later = commitment.add(store, commitment.new("Added after the backup", now))
    store.close()
    model = window.models["commitment"]
    qtbot.waitUntil(lambda: later.id in ids_in(model), timeout=20_000)

    window.features.data_safety.restore_action.trigger()
    qtbot.waitUntil(lambda: window.features.data_safety.restore_dialog is not None
                    and window.features.data_safety.restore_dialog.isVisible(), timeout=20_000)
    dialog = window.features.data_safety.restore_dialog
    assert dialog.model.rowCount() == 1 and dialog.restore_button.isEnabled()
    # Every message the status bar showed: it clears one after six seconds, which a slow
    # reload on a busy machine can outlast.
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    with qtbot.waitSignal(window.features.data_safety.restored, timeout=20_000) as done:
        dialog.restore_button.click()
    qtbot.waitUntil(lambda: ids_in(model) == [kept.id], timeout=20_000)
    previous = done.args[0].previous
    assert previous is not None and previous.exists()
    assert any("previous data is kept in " + str(previous) in text for text in said), said
    # The window keeps working on the restored file.
    window.add_commitment({"title": "Written after the restore"})
    qtbot.waitUntil(lambda: len(ids_in(model)) == 2, timeout=20_000)


def test_restore_dialog_without_backups_explains_how_to_make_one(window, qtbot):
    window.features.data_safety.choose_backup()
    qtbot.waitUntil(lambda: window.features.data_safety.restore_dialog is not None, timeout=20_000)
    dialog = window.features.data_safety.restore_dialog
    assert not dialog.restore_button.isEnabled() and dialog.model.rowCount() == 0


def _window_without_first_load(qtbot, data_dir):
    from ui.app import create_application, create_window

    create_application()
    window = create_window(str(data_dir), tray=False)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_damaged_database_at_start_up_is_set_aside_and_the_backup_offered(
        qtbot, data_dir, clock, now):
    with open_store(data_dir) as store:
        kept = commitment.add(store, commitment.new("Worth keeping", now))
        backup.make_backup(store, data_dir, now - timedelta(hours=5))
    damaged = b"this file was overwritten by something else" * 100
    (data_dir / "coach.db").write_bytes(damaged)
    for name in ("coach.db-wal", "coach.db-shm"):
        (data_dir / name).unlink(missing_ok=True)

    window = _window_without_first_load(qtbot, data_dir)
    loaded = []
    try:
        safety = window.features.data_safety
        safety.start_up(then=lambda: (loaded.append(1), window.client.reload()))
        qtbot.waitUntil(lambda: window.features.data_safety.damage_box is not None, timeout=20_000)
        box = window.features.data_safety.damage_box
        assert "damaged" in box.text() and "coach.db.damaged-" in box.text()
        # What the user reads under it: words, not markup.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel

        info = box.findChild(QLabel, "qt_msgbox_informativelabel")
        assert info.text().startswith("The newest good backup is from ")
        assert info.text().endswith("Restore it, or start with an empty database?")
        assert info.textFormat() == Qt.TextFormat.PlainText
        assert not loaded  # nothing read the database before the user chose
        with qtbot.waitSignal(window.features.data_safety.restored, timeout=20_000):
            box.defaultButton().click()
        qtbot.waitUntil(lambda: ids_in(window.models["commitment"]) == [kept.id],
                        timeout=20_000)
    finally:
        window.client.shutdown()
    aside = list(data_dir.glob("coach.db.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged


def test_start_up_check_backs_up_at_most_once_a_day(qtbot, data_dir, clock, now):
    with open_store(data_dir) as store:
        commitment.add(store, commitment.new("Something", now))
    for _ in range(2):
        window = _window_without_first_load(qtbot, data_dir)
        try:
            with qtbot.waitSignal(window.features.data_safety.checked, timeout=20_000) as result:
                window.features.data_safety.start_up(then=lambda: None)
            assert result.args[0].damaged is None
        finally:
            window.client.shutdown()
    assert len(backup.list_backups(data_dir)) == 1


def test_export_asks_before_replacing_a_file(window, qtbot, monkeypatch, tmp_path, questions):
    from PySide6.QtWidgets import QFileDialog, QMessageBox


    target = tmp_path / "mine.json"
    target.write_text("keep me")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    questions.reply = QMessageBox.StandardButton.No
    window.features.data_safety.export_action.trigger()
    assert questions.asked and "already exists" in questions.asked[0]
    qtbot.wait(200)  # a write would have been queued by now; nothing may arrive
    assert target.read_text() == "keep me"

    questions.reply = QMessageBox.StandardButton.Yes
    window.features.data_safety.export_action.trigger()
    qtbot.waitUntil(lambda: target.read_text().startswith("{"), timeout=20_000)


def test_a_second_coach_raises_the_first_window_and_exits(qtbot, data_dir, tmp_path):
    from ui.system.single_instance import claim

    first = claim(data_dir)
    assert first is not None and first.listening
    try:
        env = dict(os.environ, COACH_DATA_DIR=str(data_dir), COACH_NOW=FIXED_NOW,
                   QT_QPA_PLATFORM="offscreen", COACH_SETTINGS_DIR=str(tmp_path / "s"))
        with qtbot.waitSignal(first.activated, timeout=20_000):
            second = subprocess.Popen([sys.executable, "-m", "ui"], cwd=REPO, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert second.wait(timeout=20) == 0
        # A headless restore is refused while the window holds the data folder.
        refused = subprocess.run([sys.executable, "-m", "coach", "restore"], cwd=REPO,
                                 env=env, capture_output=True, text=True, timeout=30)
        assert refused.returncode == 2 and "window is open" in refused.stderr
    finally:
        first.close()
    again = claim(data_dir)  # the lock was released with the first window
    assert again is not None
    again.close()


def test_a_stale_socket_from_a_crashed_window_does_not_block_the_next(data_dir):
    from PySide6.QtNetwork import QLocalServer

    from ui.system.single_instance import claim, server_name

    data_dir.mkdir(parents=True)
    stale = QLocalServer()
    stale.listen(server_name(Path(data_dir)))  # listening, but holding no lock: "crashed"
    # A crashed window leaves the socket file but no lock: claim takes over, not hangs.
    stale.close()
    instance = claim(data_dir)
    assert instance is not None and instance.listening
    instance.close()


def test_nothing_opens_the_database_before_the_start_up_check(qtbot, data_dir, monkeypatch):
    """Every feature composed into the window waits for the first load: a job that opened
    the store first would find a damaged file before the check could set it aside."""
    from ui.background import worker

    submitted = []
    monkeypatch.setattr(worker.StoreClient, "submit",
                        lambda self, job, *a, **k: submitted.append(job))
    window = _window_without_first_load(qtbot, data_dir)
    try:
        qtbot.waitExposed(window)
        assert submitted == []
    finally:
        window.client.shutdown()
