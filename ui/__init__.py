"""The PySide6 shell of Trust Coach: window, tray, dialogs. The core lives in `coach`."""
