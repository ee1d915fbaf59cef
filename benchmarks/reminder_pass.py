"""One reminder pass in a process of its own: time and peak RSS of `notified.claim`.

On a copy of the database, with the clock given: the first pass of a working day (the
morning digest lists every open item, and every overdue item never notified is due), then
one a few working hours later, when the back-off brings them all due again with their
records. Peak RSS is the process's high-water mark (/proc/self/status VmHWM) after each
pass; the process starts with only the core imported. `--follow N` runs N more passes, each
at the wake-up the pass before asked for: what an open window does all day (its CPU time is
most of the window's idle CPU at 150k).

    python -m benchmarks.reminder_pass [--items 151000] [--repo DIR] [--follow N]
        [--at 2026-12-03T08:30:00+00:00 --at 2026-12-03T10:45:00+00:00]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import REPO, dataset, repo_env

PASS = """
import sys, time
from datetime import datetime
from zoneinfo import ZoneInfo

from coach.reminders import notified
from coach.storage.store import open_store


def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) / 1024


store = open_store(sys.argv[1])
try:  # the passes one after another as the window runs them, keeping what they may keep
    from coach.reminders.kept import Kept
    memo = {"memo": Kept()}
except ImportError:  # a checkout from before coach.reminders.kept
    memo = {}
follow = int(sys.argv[2])
moments = [datetime.fromisoformat(at) for at in sys.argv[3:]]
while moments:
    at = moments.pop(0)
    rss = status("VmRSS")
    start, cpu = time.perf_counter(), time.process_time()
    claim = notified.claim(store, at, ZoneInfo("Europe/Berlin"), **memo)
    named = sum(len(note.item_ids) for note in claim.plan.due)
    print(f"pass at {at.isoformat()}: {time.perf_counter() - start:.2f} s "
          f"({time.process_time() - cpu:.2f} s CPU), {len(claim.plan.due)} "
          f"notifications naming {named:,} items; RSS before {rss:.0f} MB, peak RSS "
          f"after {status('VmHWM'):.0f} MB"
          + (f"; {memo['memo'].read:,} items planned" if memo else ""), flush=True)
    if not moments and follow and claim.plan.next_wake is not None:
        follow -= 1
        moments.append(claim.plan.next_wake)
    del claim
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=151_000)
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure")
    parser.add_argument("--follow", type=int, default=0,
                        help="passes after those, each at the wake-up the one before asked for")
    parser.add_argument("--at", action="append",
                        help="a pass at this time (repeatable; default: 08:30 and 10:45 UTC "
                             "on Thursday 3 December 2026)")
    args = parser.parse_args()
    repo = args.repo.resolve()
    moments = args.at or ["2026-12-03T08:30:00+00:00", "2026-12-03T10:45:00+00:00"]
    work = Path(tempfile.mkdtemp(prefix="coach-pass-"))
    try:
        shutil.copytree(dataset(args.items, repo), work / "data")
        subprocess.run([sys.executable, "-c", PASS, str(work / "data"), str(args.follow),
                        *moments],
                       env=repo_env(repo), cwd=repo, check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
