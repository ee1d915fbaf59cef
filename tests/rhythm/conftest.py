"""The window fixtures of tests/ui, for the rhythm's window tests."""

from tests.ui.conftest import clock, open_window, settings_dir  # noqa: F401
