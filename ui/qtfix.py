"""Work around PySide6 6.12.0 losing a reference to True on every Python-side `emit()`.

`SignalInstance.emit()` there returns True without owning a reference to it, so each
emit from Python leaves True's reference count one lower. A process starts with only a
few hundred references to True; after that many emits Python aborts with "bool_dealloc:
deallocating True or False" (measured: a window that reloads a few hundred times, or a
test session, dies). The probe below checks for the bug at start-up, and only then wraps
emit() to give the reference back; a fixed PySide6 is left untouched.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 16


class _Probe(QObject):
    ping = Signal()


def _loss_per_emit() -> float:
    probe = _Probe()
    probe.ping.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    return (before - sys.getrefcount(True)) / _PROBES


def install() -> bool:
    """Patch emit() if this PySide6 has the bug; True if the patch is in place."""
    if getattr(SignalInstance.emit, "_coach_fixed", False):
        return True
    if _loss_per_emit() < 1:
        return False
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    original = SignalInstance.emit

    def emit(self, *args):
        result = original(self, *args)
        if result is True:
            incref(True)
        return result

    emit._coach_fixed = True  # type: ignore[attr-defined]
    SignalInstance.emit = emit
    if _loss_per_emit() != 0:  # the bug is not the one we know: do not make it worse
        SignalInstance.emit = original
        return False
    return True


install()
