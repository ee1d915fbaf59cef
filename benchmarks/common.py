"""Shared helpers for the benchmark scripts: timing subprocesses, medians, the large db."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LARGE = HERE / "data" / "large"


def env(data_dir: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, COACH_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen",
                PYTHONPATH=str(REPO), **extra)


def timed(cmd: list[str], environment: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=environment, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def peak_rss_mb(cmd: list[str], environment: dict[str, str]) -> float:
    """Peak RSS of one child, measured by a fresh wrapper so earlier children don't count."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "stdout=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], env=environment, check=True,
                         capture_output=True, text=True).stdout
    return int(out.split()[-1]) / 1024


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def ensure_large_db(path: Path = LARGE) -> Path:
    if not (path / "coach.db").exists():
        from benchmarks.generate import generate

        print(f"generating the large database in {path} …", flush=True)
        generate(path, 100_000, 50_000, 1_000)
    return path


def coach_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "coach", *args]
