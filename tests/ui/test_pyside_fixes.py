"""The emit() reference fix: thousands of emits must not use up the references to True."""

from __future__ import annotations

import sys


def test_emits_keep_the_reference_count_of_true():
    from PySide6.QtCore import QObject, Signal

    import ui  # noqa: F401 - importing ui installs the fix

    class Sender(QObject):
        changed = Signal(bool)

    sender = Sender()
    seen = []
    sender.changed.connect(seen.append)
    before = sys.getrefcount(True)
    for _ in range(5000):
        sender.changed.emit(True)
    seen.clear()
    assert abs(sys.getrefcount(True) - before) < 10
