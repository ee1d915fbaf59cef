"""Start-up benchmark: `coach --smoke` against a bare PySide6 window, run alternately.

`coach --smoke` runs on an empty database and on a copy of the large one (benchmarks/
generate.py), alternating with the bare window in the same run. All print `ready in N ms`
(from process start to the first painted frame, measured the same way by ui.system.startclock).
Runs offscreen, with bytecode compiled once beforehand (as in an installed app).

    python -m benchmarks.startup [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import ensure_large_db

REPO = Path(__file__).resolve().parent.parent
READY = re.compile(r"^ready in (\d+) ms$", re.MULTILINE)


def measure(command: list[str], env: dict[str, str]) -> int:
    proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO,
                          timeout=60, check=False)
    match = READY.search(proc.stdout)
    if proc.returncode != 0 or not match:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n"
                         f"{proc.stdout}{proc.stderr}")
    return int(match[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each (at least 5)")
    args = parser.parse_args()
    runs = max(5, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COACH_DATA_DIR=f"{tmp}/data",
                   COACH_SETTINGS_DIR=f"{tmp}/settings", XDG_CONFIG_HOME=f"{tmp}/config",
                   PYTHONPYCACHEPREFIX=f"{tmp}/pycache")
        # An installed app runs from compiled bytecode; without it every run would pay for
        # compiling each module again, which no user does. The cache stays in tmp.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "coach", "list"], env=env, cwd=REPO,
                       capture_output=True, check=True)  # an existing, migrated database
        large_env = dict(env, COACH_DATA_DIR=f"{tmp}/large")
        shutil.copytree(ensure_large_db(), f"{tmp}/large")
        coach_cmd = [sys.executable, "-m", "ui", "--smoke"]
        bare_cmd = [sys.executable, str(REPO / "benchmarks" / "bare_window.py")]
        measure(coach_cmd, env), measure(bare_cmd, env)  # warm the file cache
        measure(coach_cmd, large_env)
        coach, large, bare = [], [], []
        for _ in range(runs):
            bare.append(measure(bare_cmd, env))
            coach.append(measure(coach_cmd, env))
            large.append(measure(coach_cmd, large_env))
    bare_ms = statistics.median(bare)
    print(f"bare PySide6 window: median {bare_ms:.0f} ms  (runs: {bare})")
    for name, runs_ms in (("empty", coach), ("large", large)):
        coach_ms = statistics.median(runs_ms)
        print(f"coach --smoke, {name} database: median {coach_ms:.0f} ms  (runs: {runs_ms}), "
              f"ratio {coach_ms / bare_ms:.2f} (target <= 1.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
