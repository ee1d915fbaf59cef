"""The PySide6 shell of Trust Coach: window, tray, dialogs. The core lives in `coach`."""

from ui import pyside_fixes as _pyside_fixes

_pyside_fixes.install()
