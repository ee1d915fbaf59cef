"""How long ago this process started, as closely as the platform lets us tell.

`coach --smoke` and the start-up benchmark report time from process start (interpreter
start-up and imports included), not from when our own code began to run.
"""

from __future__ import annotations

import os
import time

# Fallback for platforms without /proc: the moment this module was first imported.
_IMPORTED = time.perf_counter()


def _process_age_linux() -> float | None:
    try:
        with open(f"/proc/{os.getpid()}/stat", "rb") as fh:
            stat = fh.read()
        # The command name may contain spaces or parentheses; fields follow the last ")".
        fields = stat[stat.rindex(b")") + 2:].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: ticks since boot
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def elapsed_ms() -> int:
    """Milliseconds since the process started (or since this module loaded, if unknown)."""
    age = _process_age_linux()
    if age is None or age < 0:
        age = time.perf_counter() - _IMPORTED
    return round(age * 1000)
