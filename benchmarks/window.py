"""The window on a database of each size: filter keystrokes, scrolling, column sorts, peak
memory, idle CPU.

Opens the real main window (offscreen) on a copy of the database, goes through the
start-up steps of `coach` (safety check, first load, reminders), then
- right after the first load, scrolls to the end of the first tab's list and times until
  the rows there are shown (not "Loading…"), and types one key into the filter;
- waits until the exact urgency order is in (a big list first shows a coarse one);
- types a query into the filter box one key at a time and times each keystroke until the
  visible list shows the new filter (the window's snapshot_shown signal), then deletes it
  again with Backspace;
- sorts every section by each column, both ways, through the header, timing each sort;
- reports peak RSS (resource.getrusage) with the window open;
- leaves the window alone and counts the CPU time the process uses (all threads).

    python -m benchmarks.window [--items 151000] [--idle-seconds 60] [--repo DIR]
        [--later TIME]

One process per size (peak RSS is per process): run_all.py runs 1k, 10k and 150k.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, copy_of

QUERIES = ("Call back the revised offer", "Frau Schneider")


def _wait(app, done, timeout: float = 60.0) -> None:
    """Run the event loop until done() (checked every millisecond), as the app would run."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    timer = QTimer(interval=1)

    def check() -> None:
        if done() or time.perf_counter() > deadline:
            timer.stop()
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    if not done():
        raise SystemExit("timed out waiting for the window")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_filter(app, window, queries: tuple[str, ...]) -> list[float]:
    """Milliseconds from each key press to the list showing that filter."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    shown = []
    window.snapshot_shown.connect(lambda: shown.append(time.perf_counter()))
    edit = window.filter_edit
    edit.setFocus()
    times: list[float] = []

    def press(key, text: str = "") -> None:
        before = window.client.filter_text
        count = len(shown)
        start = time.perf_counter()
        if text:
            QTest.keyClicks(edit, text)
        else:
            QTest.keyClick(edit, key)
        if edit.text().strip() == before:
            return  # a trailing space changes no filter: nothing to wait for
        _wait(app, lambda: len(shown) > count and window.client.filter_text == edit.text()
              .strip() and window.client.idle)
        times.append((shown[-1] - start) * 1000)

    for query in queries:
        for char in query:
            press(None, char)
        while edit.text():
            press(Qt.Key.Key_Backspace)
    # Done filtering: Enter hands the keyboard to the list, as a user does. Left in the box,
    # its blinking caret alone repaints the window twice a second (~0.07 s of CPU a minute).
    QTest.keyClick(edit, Qt.Key.Key_Return)
    app.processEvents()
    if os.environ.get("BENCH_VERBOSE"):
        print("keystrokes (ms):", " ".join(f"{t:.0f}" for t in times))
    return times


def measure_scroll(app, window) -> float:
    """Milliseconds from scrolling to the end of the first list to its rows being shown."""
    from PySide6.QtCore import QPoint

    from ui.window.models import ItemIdRole

    table = window.commitments_view.table
    start = time.perf_counter()
    table.scrollToBottom()

    def bottom_shown() -> bool:
        app.processEvents()
        index = table.indexAt(table.viewport().rect().bottomLeft() - QPoint(0, 4))
        if not index.isValid():
            index = table.model().index(table.model().rowCount() - 1, 0)
        return index.data(ItemIdRole) is not None

    _wait(app, bottom_shown, timeout=60)
    elapsed = (time.perf_counter() - start) * 1000
    table.scrollToTop()
    return elapsed


def measure_sort(app, window) -> dict[str, list[float]]:
    """Milliseconds per sort, by section, through the table header (as a click does)."""
    from PySide6.QtCore import Qt

    results: dict[str, list[float]] = {}
    for section in window.sections:
        header = section.table.horizontalHeader()
        times = []
        for column in range(section.model.columnCount()):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                start = time.perf_counter()
                header.setSortIndicator(column, order)
                app.processEvents()
                _wait(app, lambda: window.client.idle)  # a big list sorts in the worker
                times.append((time.perf_counter() - start) * 1000)
        results[section.kind] = times
    return results


def measure_idle(app, seconds: float) -> float:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), lambda: loop.quit())
    start = time.process_time()
    loop.exec()
    return time.process_time() - start


def _features(window):
    """Where the reminders, notifiers and data safety hang: window.features since the
    window's composition moved there, the window itself before."""
    return window.features if getattr(window, "features", None) is not None else window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle-seconds", type=float, default=60.0,
                        help="how long to leave the window idle (the target is for 60 s; 0: skip)")
    parser.add_argument("--items", type=int, default=151_000)
    parser.add_argument("--later", metavar="TIME",
                        help="then run one more reminder pass with COACH_NOW at TIME "
                             "(pin COACH_NOW for the first pass too)")
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure")
    parser.add_argument("--query", action="append",
                        help="text to type into the filter (repeatable)")
    args = parser.parse_args()
    repo = args.repo.resolve()
    work = Path(tempfile.mkdtemp(prefix="coach-window-"))
    data = copy_of(args.items, repo, work / "data")
    sys.path.insert(0, str(repo))  # the code measured: after our own helpers are loaded
    os.environ.update(QT_QPA_PLATFORM="offscreen", COACH_DATA_DIR=str(data),
                      COACH_SETTINGS_DIR=str(work / "settings"),
                      XDG_CONFIG_HOME=str(work / "config"))
    try:
        return _run(args, data)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(args, data: Path) -> int:
    from ui.app import _configure_settings, create_application, create_window

    try:  # as `coach` does on its warm-up thread since mem19, before any other thread
        from ui.system.memory import limit_arenas
    except ImportError:
        pass
    else:
        limit_arenas()
    _configure_settings()
    app = create_application()
    window = create_window(str(data), tray=False)
    window.save_layout = False
    shown = []
    window.snapshot_shown.connect(lambda: shown.append(time.perf_counter()))
    start = time.perf_counter()
    window.show()

    try:
        from ui.app import start_reminders  # as `coach` does since issue 19
    except ImportError:
        start_reminders = None

    def loaded() -> None:
        window.client.reload()
        if start_reminders is None:
            _features(window).reminders.start()  # as `coach` did: right after the first load

    _features(window).data_safety.start_up(then=loaded)
    _wait(app, lambda: shown, timeout=300)
    if start_reminders is not None:
        start_reminders(window)
    totals = {s.kind: s.model.total for s in window.sections}
    print(f"items: {args.items:,}; first load shown after {(shown[0] - start) * 1000:.0f} ms "
          "(window, safety check, load; not time to content, see startup.py): "
          + ", ".join(f"{n:,} open {kind} rows" for kind, n in totals.items()))
    print(f"peak RSS after the first load: {_peak_rss_mb():.0f} MB")
    print(f"scroll to the end of the list right after the first load: "
          f"{measure_scroll(app, window):.0f} ms until its rows show")
    early = measure_filter(app, window, ("F",))
    print(f"filter keystroke right after the first load: {max(early):.1f} ms")
    exact = time.perf_counter()
    _wait(app, lambda: all(getattr(m, "exact", True) for m in window.models.values()),
          timeout=300)
    print(f"exact urgency order in {(time.perf_counter() - start) * 1000:.0f} ms after start "
          f"(waited {(time.perf_counter() - exact) * 1000:.0f} ms more)")
    print(f"peak RSS once the exact order is in: {_peak_rss_mb():.0f} MB")
    _wait(app, lambda: window.client.idle, timeout=300)
    print(f"peak RSS after the first reminder pass: {_peak_rss_mb():.0f} MB")

    keys = measure_filter(app, window, tuple(args.query or QUERIES))
    print(f"filter keystroke → list updated ({len(keys)} keystrokes): median "
          f"{statistics.median(keys):.1f} ms, worst {max(keys):.1f} ms "
          "(target median <= 16, worst <= 50)")

    sorts = measure_sort(app, window)
    for kind, times in sorts.items():
        print(f"sort {kind} rows by each column ({totals[kind]:,} rows, {len(times)} sorts): "
              f"median {statistics.median(times):.0f} ms, worst {max(times):.0f} ms "
              "(no target in issue 19; 100 before)")
    from PySide6.QtCore import Qt

    for section in window.sections:  # back to the default order: most urgent first
        section.table.horizontalHeader().setSortIndicator(4, Qt.SortOrder.DescendingOrder)
    _wait(app, lambda: window.client.idle)
    print(f"peak RSS with the window open: {_peak_rss_mb():.0f} MB (target <= 120 at 150k)")

    if args.later:
        # The clock (COACH_NOW) moves on to when everything sent comes back in the back-off:
        # a pass that finds the same tens of thousands due again, each with its record.
        os.environ["COACH_NOW"] = args.later
        reminders = _features(window).reminders
        passes = []
        reminders.passed.connect(passes.append)
        reminders.run_pass()
        _wait(app, lambda: passes and window.client.idle, timeout=300)
        due = sum(len(note.item_ids) for note in passes[0].due)
        print(f"peak RSS after a later reminder pass at {args.later} ({due:,} items named): "
              f"{_peak_rss_mb():.0f} MB")
    if args.idle_seconds > 0:  # 0: the memory and keystroke figures only
        cpu = measure_idle(app, args.idle_seconds)
        per_minute = cpu * 60 / args.idle_seconds
        note = "" if args.idle_seconds == 60 else \
            f" (measured {cpu:.3f} s over {args.idle_seconds:g} s, scaled to 60 s)"
        print(f"idle CPU over 60 s with the window open: {per_minute:.3f} s{note} "
              "(target <= 0.05)")
    window.client.shutdown()
    _features(window).notifiers.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
