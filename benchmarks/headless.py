"""Headless figures on the large database: `coach add` against Taskwarrior's `task add` on
100,000 pending tasks (same run, alternating), `coach list --json` time and peak memory, and
the time to build a briefing.

    python benchmarks/headless.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.common import coach_cmd, ensure_large_db, env, median_ms, peak_rss_mb, timed

TASKS = 100_000


def taskwarrior_store(folder: Path) -> dict[str, str] | None:
    """A Taskwarrior data dir with 100,000 pending tasks, built with `task import`."""
    if shutil.which("task") is None:
        return None
    (folder / "data").mkdir(parents=True)
    rc = folder / "taskrc"
    rc.write_text(f"data.location={folder / 'data'}\nconfirmation=no\nverbose=nothing\n"
                  "recurrence=no\ngc=on\n")
    environment = dict(os.environ, TASKRC=str(rc))
    batch = 20_000
    for start in range(0, TASKS, batch):
        tasks = [{"uuid": f"{i:08x}-0000-4000-8000-{i:012x}", "status": "pending",
                  "entry": "20261101T090000Z", "description": f"Call back customer {i}",
                  "project": "work"} for i in range(start, start + batch)]
        path = folder / "batch.json"
        path.write_text(json.dumps(tasks))
        subprocess.run(["task", "import", str(path)], env=environment, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return environment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    large = ensure_large_db()
    work = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    data = work / "coach"
    shutil.copytree(large, data)
    coach_env = env(data)

    tw_env = taskwarrior_store(work / "tw")
    coach_add, task_add = [], []
    for run in range(args.runs):
        coach_add.append(timed(coach_cmd("add", f"Bench promise {run}", "--due", "tomorrow 10am"),
                               coach_env))
        if tw_env:
            task_add.append(timed(["task", "add", f"Bench promise {run}"], tw_env))
    print(f"coach add (150k items): median {median_ms(coach_add):.0f} ms")
    if tw_env:
        ratio = median_ms(coach_add) / median_ms(task_add)
        print(f"task add (100k pending): median {median_ms(task_add):.0f} ms")
        print(f"ratio coach/task: {ratio:.2f} (target <= 0.25)")
    else:
        print("Taskwarrior is not installed (Debian package 'taskwarrior'): comparison skipped")

    listing = [timed(coach_cmd("list", "--json"), coach_env) for _ in range(args.runs)]
    print(f"coach list --json (open items): median {median_ms(listing):.0f} ms, "
          f"peak RSS {peak_rss_mb(coach_cmd('list', '--json'), coach_env):.0f} MB")
    everything = timed(coach_cmd("list", "--json", "--all"), coach_env)
    print(f"coach list --json --all (151,000 items): {everything * 1000:.0f} ms, "
          f"peak RSS {peak_rss_mb(coach_cmd('list', '--json', '--all'), coach_env):.0f} MB")

    from coach.briefing import build as briefing
    from coach.storage.store import open_store
    from coach.timing import timeutil

    store = open_store(data)
    build = []
    for _ in range(args.runs):
        start = time.perf_counter()
        briefing.render_text(briefing.build(store, timeutil.now()))
        build.append(time.perf_counter() - start)
    store.close()
    print(f"briefing build + render: median {median_ms(build):.0f} ms (target <= 200)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
