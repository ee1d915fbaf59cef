"""The PySide6 shell of Trust Coach: window, tray, dialogs. The core lives in `coach`."""

from ui import qtfix as _qtfix  # noqa: F401 - must run before any signal is emitted
