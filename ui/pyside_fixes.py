"""Work-arounds for bugs in the PySide6 release we ship, applied once when `ui` is imported.

PySide6 6.12's `SignalInstance.emit()` returns `True` without taking a reference for it, so
every `signal.emit(...)` made from Python leaves `True` one reference short. After a few
thousand emits (a few hundred worker jobs) the count reaches zero and the interpreter aborts
with "bool_dealloc: deallocating True or False" — in a long-running window and at the end of
a test run alike. We hand the missing reference back after each emit, but only if a probe
shows this PySide still has the bug, so a fixed release is left alone.
"""

from __future__ import annotations

import ctypes
import sys


def _emit_drops_a_reference() -> bool:
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        fired = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.fired.emit()
    return sys.getrefcount(True) < before


def install() -> bool:
    """Patch `SignalInstance.emit` if needed; returns whether it was patched."""
    from PySide6.QtCore import SignalInstance

    if getattr(SignalInstance.emit, "_coach_fixed", False) or not _emit_drops_a_reference():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]

    def emit(self, *args):
        result = original(self, *args)
        incref(result)
        return result

    emit._coach_fixed = True  # type: ignore[attr-defined]
    SignalInstance.emit = emit
    return True
