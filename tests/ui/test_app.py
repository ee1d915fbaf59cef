"""Start-up, changes from the command line, tray actions, layout memory, dark palette."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from PySide6.QtGui import QColor, QPalette

from coach.storage import settings
from tests.conftest import REPO
from tests.ui.helpers import ids_in
from ui.window.models import is_dark, warning_color


def _smoke(tmp_path, data) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COACH_DATA_DIR=str(data),
               COACH_SETTINGS_DIR=str(tmp_path / "s"), XDG_CONFIG_HOME=str(tmp_path / "c"),
               COACH_NOW="2026-11-26T15:00:00+01:00")
    return subprocess.run([sys.executable, "-m", "ui", "--smoke"], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=60)


def test_smoke_prints_ready_and_exits(tmp_path):
    proc = _smoke(tmp_path, tmp_path / "d")
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"ready in \d+ ms\n"
                        r"shown: 0 commitments, 0 owed replies, 0 concerns\n"
                        r"today: 0 entries; lists painted in \d+ ms\n", proc.stdout)
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "s").exists()  # a probe leaves no window layout behind


def test_smoke_shows_the_counts_of_the_first_load_and_leaves_no_trace(tmp_path, cli, store,
                                                                       now, data_dir):
    from coach.model import commitment, concern, owed_reply

    for n in range(3):
        commitment.add(store, commitment.new(f"Promise {n}", now, due=now + timedelta(days=n)))
    done = commitment.add(store, commitment.new("Already kept", now))
    assert cli("done", str(done.id)).code == 0  # closed: not on the tab
    for who in ("Frau Schneider", "Jim Baker"):
        owed_reply.add(store, owed_reply.new(who, "call", now, now + timedelta(hours=4), now))
    concern.add(store, concern.new("ACME unhappy", now, heat=3))
    before = sorted(p.name for p in data_dir.iterdir())
    proc = _smoke(tmp_path, data_dir)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert re.fullmatch(r"ready in \d+ ms", lines[0])
    assert lines[1] == "shown: 3 commitments, 2 owed replies, 1 concerns"
    # The window opens on Today: the probe waits for its content too (issue 19). Due today:
    # one promise, both replies, and the concern the manager has not heard about.
    assert re.fullmatch(r"today: 4 entries; lists painted in \d+ ms", lines[2])
    # No backup (the data-safety check ran without its daily backup), no settings.
    assert sorted(p.name for p in data_dir.iterdir()) == before
    assert not (tmp_path / "s").exists()


def test_smoke_runs_the_data_safety_check_before_the_first_load(tmp_path):
    data = tmp_path / "d"
    data.mkdir()
    (data / "coach.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    proc = _smoke(tmp_path, data)
    # The check found the damage and set the file aside before anything read it; with
    # nobody to ask about restoring, the probe says so instead of showing an empty list.
    assert proc.returncode == 1
    assert "damaged" in proc.stderr and "Traceback" not in proc.stderr
    assert "ready in" not in proc.stdout
    assert not (data / "coach.db").exists()
    assert any(p.name.startswith("coach.db") for p in data.iterdir())  # kept, set aside


def test_a_change_made_by_the_cli_appears_in_the_window(window, cli, qtbot):
    assert window.models["commitment"].rowCount() == 0
    result = cli("add", "Send Frau Schneider the credit note", "--due", "tomorrow 9am")
    assert result.code == 0, result.err
    new_id = int(result.out)
    qtbot.waitUntil(lambda: new_id in ids_in(window.models["commitment"]), timeout=5000)
    result = cli("done", str(new_id))
    qtbot.waitUntil(lambda: new_id not in ids_in(window.models["commitment"]), timeout=5000)


def test_pause_reminders_for_an_hour(window, store, qtbot):
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.pause.trigger()
    assert settings.get(store, "paused_until") == "2026-11-26T15:00:00Z"  # now + 1 h, UTC
    assert "16:00" in window.statusBar().currentMessage()


def test_without_a_tray_closing_the_window_quits(window):
    assert window.tray is None  # offscreen has no system tray
    assert window.close()  # accepted: the app would quit, not hide


def test_geometry_and_columns_are_restored(open_window, qtbot):
    first = open_window()
    first.resize(900, 555)
    header = first.commitments_view.table.horizontalHeader()
    header.resizeSection(1, 222)
    first.tabs.setCurrentIndex(2)
    first.close()
    second = open_window()
    assert second.size().height() == 555
    assert second.commitments_view.table.horizontalHeader().sectionSize(1) == 222
    # The window always opens on Today (issue 22), whichever list was open when it closed.
    assert second.tabs.currentWidget() is second.today_view


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_dark_palette_stays_readable(open_window, store, now, qapp, tmp_path):
    from coach.model import commitment

    commitment.add(store, commitment.new("Rückruf Frau Schneider wegen Gutschrift", now,
                                         due=now - timedelta(hours=5)))
    old = qapp.palette()
    dark = QPalette()
    for role, color in ((QPalette.ColorRole.Window, "#202124"),
                        (QPalette.ColorRole.Base, "#18191b"),
                        (QPalette.ColorRole.AlternateBase, "#222326"),
                        (QPalette.ColorRole.Text, "#e8eaed"),
                        (QPalette.ColorRole.WindowText, "#e8eaed"),
                        (QPalette.ColorRole.Button, "#2b2c2f"),
                        (QPalette.ColorRole.ButtonText, "#e8eaed")):
        dark.setColor(role, QColor(color))
    qapp.setPalette(dark)
    try:
        window = open_window()
        assert is_dark()
        base = dark.color(QPalette.ColorRole.Base)
        overdue = window.models["commitment"].index(0, 2).data(
            __import__("PySide6.QtCore").QtCore.Qt.ItemDataRole.ForegroundRole)
        assert overdue == warning_color()
        assert _contrast(overdue, base) >= 4.5  # WCAG AA for normal text
        picture = window.grab()
        assert not picture.isNull()
        picture.save(str(tmp_path / "dark.png"))
    finally:
        qapp.setPalette(old)
    assert _contrast(warning_color(), QColor("#ffffff")) >= 4.5  # and on a light base


def test_damaged_database_is_explained_in_a_banner(data_dir, qtbot, clock):
    data_dir.mkdir(parents=True)
    (data_dir / "coach.db").write_bytes(b"this is not a database" * 100)
    from ui.app import create_application, create_window

    create_application()
    window = create_window(str(data_dir), tray=False)
    qtbot.addWidget(window)
    window.show()
    window.client.reload()
    try:
        qtbot.waitUntil(window.banner.isVisible)
        # Whoever met the file first set it aside; the banner says so and what to do next.
        text = window.banner.text()
        assert "damaged" in text and "coach restore" in text
        assert any(p.name.startswith("coach.db.damaged-") for p in data_dir.iterdir())
    finally:
        window.client.shutdown()
    assert datetime.now(UTC)  # the window is still alive and usable after the error
