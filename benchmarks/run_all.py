"""Run every benchmark one after another and print all their figures (`make bench`).

    python benchmarks/run_all.py [--runs 7] [--idle-seconds 60] [--sizes 1k,10k,150k]
                                 [--repo DIR] [--probe]

`--repo DIR` measures another checkout with these scripts (the "before" figures: main
before issue 19, with `--probe`, as its `--smoke` stopped at the first paint). Each script
runs in its own process so one's memory and imports never colour another's.
benchmarks/README.md says which target each figure is checked against.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # `python benchmarks/run_all.py` from a checkout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle-seconds", default="60")
    parser.add_argument("--runs", default="7")
    parser.add_argument("--sizes", default="1k,10k,150k")
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--probe", action="store_true")
    args = parser.parse_args()
    from benchmarks.common import SIZES, machine

    repo = args.repo.resolve()
    print(f"machine: {machine()}", flush=True)
    print(f"code measured: {repo}", flush=True)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    common = ["--repo", str(repo)]
    sizes = [s for s in args.sizes.split(",") if s]
    jobs = [("start-up", "benchmarks.startup",
             ["--runs", args.runs, "--sizes", args.sizes, *(["--probe"] if args.probe else [])]),
            ("headless", "benchmarks.headless", ["--runs", args.runs, "--sizes", args.sizes])]
    jobs += [(f"window, {size}", "benchmarks.window",
              ["--items", str(SIZES[size]), "--idle-seconds", args.idle_seconds])
             for size in sizes]
    failed = 0
    for title, module, extra in jobs:
        print(f"\n== {title} (python -m {module} {' '.join(extra)}) ==", flush=True)
        proc = subprocess.run([sys.executable, "-m", module, *extra, *common], cwd=REPO,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, check=False)
        # Qt's offscreen plugin chatters about window hints; that is not a figure.
        print("\n".join(line for line in proc.stdout.splitlines()
                        if "propagateSizeHints" not in line), flush=True)
        failed += proc.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
