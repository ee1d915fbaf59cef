"""The window's memory as the system counts it: fewer malloc arenas, freed memory given back.

Peak RSS (issue 19: at most 120 MB with 150,000 items) is a high-water mark, and much of
what glibc's malloc holds is not Python's: each thread that allocates gets an arena of its
own (the worker, the exact order's and Today's threads, SQLite inside them), and memory
freed by a finished job stays in its arena. Measured at 150k (benchmarks/README.md, mem19):
two arenas instead of glibc's default (8 per core) keep the window 5-7 MB lower, and
`malloc_trim` before a reminder pass returns what the first load and the exact order left
free, so the pass grows from there. Neither changes what the app does; off glibc (macOS,
Windows, musl) both are no-ops.
"""

from __future__ import annotations

import sys

ARENAS = 2  # the worker's and everyone else's; 1 measured within 1-2 MB of it
_M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)
_libc = None
_looked = False


def _glibc():
    global _libc, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                lib = ctypes.CDLL("libc.so.6")
                lib.mallopt, lib.malloc_trim  # noqa: B018 - musl has neither: no-op there
                _libc = lib
            except (OSError, AttributeError):
                _libc = None
    return _libc


def limit_arenas() -> None:
    """Call before the threads start: an arena, once made, is never given up."""
    lib = _glibc()
    if lib is not None:
        lib.mallopt(_M_ARENA_MAX, ARENAS)


def trim() -> None:
    """Give the free pages of every arena back to the system (a few ms at 150k)."""
    lib = _glibc()
    if lib is not None:
        lib.malloc_trim(0)
