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


class Questions:
    """Answers the window's modal questions (ui.system.plain.ask) in place of the user.

    A modal QMessageBox cannot be clicked from a test; pytest-qt's advice is to answer it where
    it is asked, so QMessageBox.exec returns `reply` and each question's text is kept.
    """

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.reply = None

    def exec(self, box) -> int:
        self.asked.append(box.text())
        return int(self.reply.value if hasattr(self.reply, "value") else self.reply)


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch, unanswered_questions_fail: None) -> Questions:
    from PySide6.QtWidgets import QMessageBox

    answers = Questions()
    answers.reply = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answers.exec(box))
    return answers


@pytest.fixture(autouse=True)
def unanswered_questions_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question no test answers would wait for a click forever: fail at once instead."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(box) -> int:
        raise AssertionError(f"a modal question nobody answers: {box.text()!r} "
                             "(use the `questions` fixture)")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
