"""Time `coach.rhythm.today.build` on a data folder: best and median of N builds, the traced
peak of one more, and the entries shown and left out per section.

    COACH_NOW=2026-11-26T15:00:00+01:00 PYTHONPATH=CHECKOUT \\
        python benchmarks/today_build.py DATA_DIR [RUNS]

PYTHONPATH picks the checkout whose code is measured (an older one gives "before"); the
clock is pinned so both see the same day.
"""

from __future__ import annotations

import sys
import time
import tracemalloc


def main(argv: list[str]) -> int:
    from coach.rhythm import today
    from coach.storage.store import open_store
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    store = open_store(argv[0])
    runs = int(argv[1]) if len(argv) > 1 else 5
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        built = today.build(store, timeutil.now(), local_tz())
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    built = today.build(store, timeutil.now(), local_tz())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    times.sort()
    sections = ", ".join(f"{s.key}={len(s.entries)}+{getattr(s, 'more', 0)}"
                         for s in built.sections)
    print(f"today.build: best {times[0] * 1000:.0f} ms, median {times[len(times) // 2] * 1000:.0f}"
          f" ms, peak traced {peak / 1e3:.0f} kB, entries {built.count}, sections {sections}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
