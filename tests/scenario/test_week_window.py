"""The same working week through the window's reminder pass (its QTimer's way).

The items are entered with `coach` processes as in the command-line scenario; the window's
own pass (ui.notify.reminders) plans, claims and sends through its D-Bus adapter to the fake
server. The clock is pinned per step with COACH_NOW, as the window reads it.
"""

from __future__ import annotations

import pytest

from tests.scenario.week import WEEK_DE, WEEK_EN, instant, window_pass


@pytest.fixture
def window(qtbot, data_dir, monkeypatch, session_bus, tmp_path, lang):
    from PySide6.QtCore import QSettings

    from coach.i18n import current_language, set_language
    from ui.app import create_application, create_window

    before = current_language()
    monkeypatch.setenv("COACH_LANG", lang)
    set_language(lang)
    folder = tmp_path / "settings"
    monkeypatch.setenv("COACH_SETTINGS_DIR", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("COACH_NOW", instant("2026-10-19 08:00"))
    create_application()
    made = create_window(str(data_dir), tray=False)
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.snapshot_shown, timeout=10_000):
        made.show()
        made.client.reload()
    yield made
    made.features.reminders.stop()
    made.features.notifiers.close()
    made.client.shutdown()
    set_language(before)


@pytest.mark.parametrize(("lang", "week"), [("en", WEEK_EN), ("de", WEEK_DE)])
def test_the_window_notifies_the_same_week_the_same_way(qtbot, window, notifications, cli,
                                                        monkeypatch, lang, week):
    server = notifications()
    reminders = window.features.reminders
    seen = 0
    for when, commands, expected in week:
        now = instant(when)
        for command in commands:
            result = cli(*command, now=now, env={"COACH_LANG": lang})
            assert result.code == 0, (when, command, result.err)
        seen = window_pass(qtbot, reminders, server, monkeypatch, when, expected, seen)
