"""Headless figures for each database size, against Taskwarrior on the same items:
`coach list` (text) against `task next`, `coach brief` against `coach --version`, and on
the largest size `coach add` against `task add`, and `coach list --json` time and memory.

Commands alternate in the same run; each figure is a median over --runs processes.

    python -m benchmarks.headless [--runs 7] [--sizes 1k,10k,150k] [--repo DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.common import (
    REPO,
    SIZES,
    coach_cmd,
    copy_of,
    median_ms,
    peak_rss_mb,
    repo_env,
    timed,
)
from benchmarks.taskwarrior import store_for


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1k,10k,150k")
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure")
    args = parser.parse_args()
    repo = args.repo.resolve()
    work = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    try:
        for size in [s for s in args.sizes.split(",") if s]:
            _size(size, SIZES[size], repo, work, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _size(size: str, items: int, repo: Path, work: Path, runs: int) -> None:
    data = copy_of(items, repo, work / size)
    env = repo_env(repo, COACH_DATA_DIR=str(data), COACH_LANG="en")
    tw_env = store_for(data / "coach.db", items)
    version, brief, listing, task_next = [], [], [], []
    for _ in range(runs):
        version.append(timed(coach_cmd("--version"), env, repo))
        brief.append(timed(coach_cmd("brief"), env, repo))
        listing.append(timed(coach_cmd("list"), env, repo))
        if tw_env:
            task_next.append(timed(["task", "next"], tw_env))
    print(f"[{size}] coach --version {median_ms(version):.0f} ms, coach brief "
          f"{median_ms(brief):.0f} ms: brief is {median_ms(brief) - median_ms(version):.0f} "
          "ms beyond --version (target <= 100 at 150k)")
    line = f"[{size}] coach list (text) {median_ms(listing):.0f} ms"
    if tw_env:
        ratio = median_ms(listing) / median_ms(task_next)
        line += (f", task next {median_ms(task_next):.0f} ms on the same {items:,} items: "
                 f"ratio {ratio:.2f} (target <= 0.25)")
    else:
        line += "; Taskwarrior is not installed (Debian package 'taskwarrior'): no ratio"
    print(line, flush=True)
    if size != "150k":
        return
    add, task_add = [], []
    for run in range(runs):
        add.append(timed(coach_cmd("add", f"Bench promise {run}", "--due", "tomorrow 10am"),
                         env, repo))
        if tw_env:
            task_add.append(timed(["task", "add", f"Bench promise {run}"], tw_env))
    line = f"[{size}] coach add {median_ms(add):.0f} ms"
    if tw_env:
        line += (f", task add {median_ms(task_add):.0f} ms: ratio "
                 f"{median_ms(add) / median_ms(task_add):.2f} (target <= 0.25)")
    print(line)
    as_json = [timed(coach_cmd("list", "--json"), env, repo) for _ in range(3)]
    print(f"[{size}] coach list --json (open items): median {median_ms(as_json):.0f} ms, "
          f"peak RSS {peak_rss_mb(coach_cmd('list', '--json'), env, repo):.0f} MB; "
          f"coach list (text) peak RSS {peak_rss_mb(coach_cmd('list'), env, repo):.0f} MB",
          flush=True)


if __name__ == "__main__":
    sys.exit(main())
