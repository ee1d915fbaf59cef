"""Garbage cycles holding Qt objects are collected on the GUI thread, never on a worker."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QTimer

from ui.system.collector import MainThreadCollector


class _Holder:
    """A reference cycle that keeps a QObject with a running timer alive."""

    def __init__(self, seen: list) -> None:
        self.me = self
        self.obj = QObject()
        self.obj.destroyed.connect(lambda: seen.append(threading.current_thread().name))
        self.timer = QTimer(self.obj, interval=60_000)
        self.timer.start()


def test_a_cycle_dropped_while_a_worker_allocates_dies_on_the_gui_thread(qtbot):
    collector = MainThreadCollector()
    try:
        assert not gc.isenabled()
        seen: list = []
        _Holder(seen)
        # A worker thread allocating many containers would trigger a collection there.
        worker = threading.Thread(target=lambda: [[] for _ in range(200_000)], name="worker")
        worker.start()
        worker.join()
        assert seen == []  # nothing was collected on the worker
        collector.thresholds = (0, 0, 0)  # due now
        qtbot.waitUntil(lambda: bool(seen), timeout=3000)
        assert seen == [threading.main_thread().name]
    finally:
        collector.stop()
    assert gc.isenabled()
