"""The Qt binding we ship must keep Python's references: a window runs for days.

PySide6 6.12.0 dropped a reference to True on every signal emit and one to None on every call
of a Qt function returning nothing; after a few thousand the interpreter aborted with
"bool_dealloc" / "none_dealloc". pyproject.toml excludes that release; this test fails on any
binding with the same fault.
"""

from __future__ import annotations

import sys


def test_signals_and_void_calls_keep_the_references_to_true_and_none(qapp):
    from PySide6.QtCore import QObject, QTimer, Signal

    class Sender(QObject):
        changed = Signal(bool)

    sender, timer, seen = Sender(), QTimer(), []
    sender.changed.connect(seen.append)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(3000):
        sender.changed.emit(True)
        timer.setInterval(5)
        qapp.processEvents()
    seen.clear()
    assert abs(sys.getrefcount(True) - true_before) < 50
    assert abs(sys.getrefcount(None) - none_before) < 50
