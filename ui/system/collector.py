"""Python's garbage collector, run on the GUI thread only.

Automatic collection starts on whichever thread happens to allocate when a threshold is
crossed: often the store worker, the mail scan or the sync thread. If a reference cycle
holds a QObject, that thread would then destroy it, and Qt aborts when an object's timers
are stopped from a thread that does not own them. So automatic collection is turned off
and this timer collects on the GUI thread, with the same generational thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; the number of
        unreachable objects found (0 when nothing was due)."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
