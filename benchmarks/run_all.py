"""Run every benchmark one after another and print all their figures (`make bench`).

    python benchmarks/run_all.py [--idle-seconds 60] [--runs 7]

Each script runs in its own process so one's memory and imports never colour another's.
benchmarks/README.md says which target each figure is checked against.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # `python benchmarks/run_all.py` from a checkout


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        ram = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except OSError:
        ram = 0.0
    import PySide6

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return (f"{os.cpu_count()} CPUs ({cpu}), {ram:.0f} GB RAM, Python "
            f"{platform.python_version()}, PySide6 {PySide6.__version__}, "
            f"load average {load:.1f} at start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle-seconds", default="60")
    parser.add_argument("--runs", default="7")
    args = parser.parse_args()
    from benchmarks.common import ensure_large_db

    ensure_large_db()
    print(f"machine: {machine()}", flush=True)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    failed = 0
    for title, module, extra in (
            ("start-up", "benchmarks.startup", ["--runs", args.runs]),
            ("headless", "benchmarks.headless", ["--runs", args.runs]),
            ("window", "benchmarks.window", ["--idle-seconds", args.idle_seconds])):
        print(f"\n== {title} (python -m {module}) ==", flush=True)
        proc = subprocess.run([sys.executable, "-m", module, *extra], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              check=False)
        # Qt's offscreen plugin chatters about window hints; that is not a figure.
        print("\n".join(line for line in proc.stdout.splitlines()
                        if "propagateSizeHints" not in line), flush=True)
        failed += proc.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
