"""Time to content: process start to the first painted frame that shows the user's data,
against a bare PySide6 window, run alternately, for each database size.

`coach --smoke` follows the real start path (data-safety check, first load, first page of
each list painted) and prints `ready in N ms`; `--probe` times an older checkout whose
`--smoke` stops at the first paint with benchmarks/content_probe.py instead. The bare
window (benchmarks/bare_window.py) is timed the same way, from process start. Offscreen,
with bytecode compiled once beforehand (as in an installed app), and with today's backup
already made (the once-a-day backup is not part of an everyday start).

    python -m benchmarks.startup [--runs 7] [--sizes 1k,10k,150k] [--repo DIR ...] [--probe]

With several --repo (before and after), each run times every checkout in turn, so a load
that comes and goes on a shared machine falls on all of them alike.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import REPO, SIZES, copy_of, repo_env

READY = re.compile(r"^ready in (\d+) ms$", re.MULTILINE)
SHOWN = re.compile(r"^shown: .*$", re.MULTILINE)
TODAY = re.compile(r"^today: .*$", re.MULTILINE)  # since the window opens on Today
LISTS = re.compile(r"lists painted in (\d+) ms")


def measure(command: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str]:
    proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=120, check=False)
    match = READY.search(proc.stdout)
    if proc.returncode != 0 or not match:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n"
                         f"{proc.stdout}{proc.stderr}")
    shown = SHOWN.search(proc.stdout)
    today = TODAY.search(proc.stdout)
    return int(match[1]), "; ".join(found[0] for found in (shown, today) if found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each (at least 3)")
    parser.add_argument("--sizes", default="1k,10k,150k")
    parser.add_argument("--repo", type=Path, action="append",
                        help="a checkout to measure (default: this one); repeat to compare")
    parser.add_argument("--probe", action="store_true",
                        help="time with benchmarks/content_probe.py (a checkout whose "
                             "--smoke reports before the first load)")
    args = parser.parse_args()
    repos = [repo.resolve() for repo in (args.repo or [REPO])]
    sizes = [s for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory() as tmp:
        env = repo_env(REPO, COACH_SETTINGS_DIR=f"{tmp}/settings",
                       XDG_CONFIG_HOME=f"{tmp}/config", PYTHONPYCACHEPREFIX=f"{tmp}/pycache",
                       COACH_DATA_DIR=f"{tmp}/unused")
        cases = [(repo, size) for repo in repos for size in sizes]
        envs = {(repo, size): dict(env, PYTHONPATH=str(repo), COACH_DATA_DIR=str(
            copy_of(SIZES[size], repo, Path(tmp) / f"{index}-{size}")))
            for index, repo in enumerate(repos) for size in sizes}
        coach_cmd = ([sys.executable, str(REPO / "benchmarks" / "content_probe.py")]
                     if args.probe else [sys.executable, "-m", "ui", "--smoke"])
        bare_cmd = [sys.executable, str(REPO / "benchmarks" / "bare_window.py")]
        bare_env = repo_env(REPO, COACH_SETTINGS_DIR=f"{tmp}/settings")
        # Warm the file cache and compile the bytecode once.
        measure(bare_cmd, bare_env, REPO)
        for case in cases:
            measure(coach_cmd, envs[case], case[0])
        bare: list[int] = []
        coach: dict = {case: [] for case in cases}
        lists: dict = {case: [] for case in cases}
        shown: dict = {}
        for _ in range(max(3, args.runs)):
            bare.append(measure(bare_cmd, bare_env, REPO)[0])
            for case in cases:
                ready, shown[case] = measure(coach_cmd, envs[case], case[0])
                coach[case].append(ready)
                painted = LISTS.search(shown[case])
                if painted:
                    lists[case].append(int(painted[1]))
    bare_ms = statistics.median(bare)
    print(f"bare PySide6 window: median {bare_ms:.0f} ms  (runs: {bare})")
    targets = {"1k": 1.5, "150k": 2.0}
    for repo, size in cases:
        if len(repos) > 1:
            print(f"{repo}:")
        median = statistics.median(coach[repo, size])
        target = f" (target <= {targets[size]})" if size in targets else ""
        print(f"time to content, {size} items: median {median:.0f} ms  "
              f"(runs: {coach[repo, size]}), ratio {median / bare_ms:.2f}{target}; "
              f"{shown[repo, size]}")
        if lists[repo, size]:
            # What the probe reported before the window opened on Today: the lists' frame.
            lists_ms = statistics.median(lists[repo, size])
            print(f"  of which the lists' first frame, {size}: median {lists_ms:.0f} ms  "
                  f"(runs: {lists[repo, size]}), ratio {lists_ms / bare_ms:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
