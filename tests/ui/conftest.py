"""Each UI test gets its own data folder, its own QSettings folder and a pinned clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """QSettings in a tmp folder, so tests never read or write the user's own settings."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    monkeypatch.setenv("COACH_SETTINGS_DIR", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COACH_NOW", FIXED_NOW)
    return FIXED_NOW


@pytest.fixture
def client(data_dir: Path, clock: str) -> Iterator[object]:
    """The window's store worker on its own, for dialogs tested without the main window."""
    from ui.background.worker import StoreClient

    made = StoreClient(str(data_dir))
    yield made
    made.shutdown()


@pytest.fixture
def open_window(qtbot, data_dir: Path, clock: str):
    """Open the real main window on data_dir (after seeding, if the test seeds first)."""
    from ui.app import create_application, create_window

    create_application()
    windows = []

    def open_() -> object:
        window = create_window(str(data_dir), tray=False)
        qtbot.addWidget(window)
        windows.append(window)
        with qtbot.waitSignal(window.snapshot_shown, timeout=10_000):
            window.show()
            window.client.reload()
        return window

    yield open_
    for window in windows:
        # What the app does on quit: a D-Bus connection left open would outlive the
        # test's private bus and fail in jeepney's reader thread when the bus stops.
        window.features.notifiers.close()
        window.client.shutdown()


@pytest.fixture
def window(open_window) -> Iterator[object]:
    return open_window()
