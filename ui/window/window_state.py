"""Window geometry, splitter and column layout, kept in QSettings between runs."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings


def save(window) -> None:
    settings = QSettings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/splitter", window.splitter.saveState())
    settings.setValue("window/section", window.tabs.currentIndex())
    for view in window.sections:
        state = view.column_state()  # None: never shown, nothing changed to keep
        if state is not None:
            settings.setValue(f"columns/{view.kind}", state)


def restore(window) -> bool:
    """True if a saved layout was found (otherwise the window keeps its defaults)."""
    settings = QSettings()
    geometry = settings.value("window/geometry")
    if not isinstance(geometry, QByteArray) or not window.restoreGeometry(geometry):
        return False
    for key, target in (("window/state", window.restoreState),
                        ("window/splitter", window.splitter.restoreState)):
        value = settings.value(key)
        if isinstance(value, QByteArray):
            target(value)
    for view in window.sections:
        value = settings.value(f"columns/{view.kind}")
        if isinstance(value, QByteArray):
            view.restore_columns(value)
    section = settings.value("window/section", 0)
    window.tabs.setCurrentIndex(int(section) if str(section).isdigit() else 0)
    return True
