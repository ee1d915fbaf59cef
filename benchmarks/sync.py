"""Sync benchmark: the first `coach sync` of 1,000 commitments, then a sync with nothing
changed, against Radicale on loopback (in this process, as the tests run it).

    /work/venv/bin/python -m benchmarks.sync [--items 1000] [--repo DIR] [--in-process]

Each figure is the wall time of a real `coach sync` process and, beside it, that process's
own CPU time (user + system): our cost. The rest is waiting: on Radicale (its per-PUT work,
which grows with the collection) and on fsync.

--in-process runs Radicale and the sync in one process, as the tests do, and gives the CPU
time of the syncing thread alone: our cost without Python's start and imports.
--mapping times only our side of an upload, commitment to VTODO bytes, with no server: the
figure the machine's load disturbs least.
"""

from __future__ import annotations

import argparse
import inspect
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.common import REPO, repo_env

USER, PASSWORD = "bench", "bench"


def radicale(root: Path) -> str:
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    import radicale
    import radicale.config

    (root / "users").write_text(f"{USER}:{PASSWORD}\n")
    conf = radicale.config.load([])
    conf.update({"auth": {"type": "htpasswd", "htpasswd_filename": str(root / "users"),
                          "htpasswd_encryption": "plain"},
                 "storage": {"filesystem_folder": str(root / "collections")},
                 "rights": {"type": "owner_only"}, "logging": {"level": "error"}},
                "bench", privileged=True)

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args) -> None:
            pass

    httpd = make_server("127.0.0.1", 0, radicale.Application(conf), handler_class=Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_port}/"


def seed(data_dir: Path, count: int) -> None:
    from coach.model import commitment
    from coach.storage.store import open_store

    now = datetime(2026, 11, 26, 14, tzinfo=UTC)
    with open_store(data_dir) as store, store.write():
        for n in range(count):
            commitment.add(store, commitment.new(
                f"Promise {n}", now, recipient=f"Customer {n % 37}",
                due=now + timedelta(hours=3 + n % 200)))


def _cpu(who: int) -> float:
    used = resource.getrusage(who)
    return used.ru_utime + used.ru_stime


def timed_sync(environment: dict[str, str], repo: Path) -> tuple[float, float, float, str]:
    """Wall time, the sync process's CPU time, Radicale's (this process's) CPU time, and
    the sync's one line."""
    ours, server = _cpu(resource.RUSAGE_CHILDREN), _cpu(resource.RUSAGE_SELF)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "coach", "sync"], env=environment, cwd=repo,
                          capture_output=True, text=True, check=True)
    return (time.perf_counter() - start, _cpu(resource.RUSAGE_CHILDREN) - ours,
            _cpu(resource.RUSAGE_SELF) - server, proc.stdout.strip())


def in_process(items: int) -> None:
    """Radicale in threads, two syncs in the main thread: the main thread's CPU is ours."""
    import os

    from coach.storage.store import open_store
    from coach.sync import account, service
    from coach.timing import timeutil

    os.environ.update(COACH_NOW="2026-11-26T15:00:00+01:00", COACH_LANG="en")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        url = radicale(root)
        seed(root / "data", items)
        with open_store(root / "data") as store:
            account.setup(store, url, USER, None, f"echo {PASSWORD}", timeutil.now())
            for label in (f"first sync of {items} commitments", "sync with nothing changed"):
                cpu, start = time.thread_time(), time.perf_counter()
                line = service.sync(store, timeutil.now()).line()
                print(f"{label}: {time.perf_counter() - start:.2f} s; CPU of the syncing "
                      f"thread {time.thread_time() - cpu:.2f} s  ({line})")


def mapping(items: int) -> None:
    """CPU to turn `items` commitments into the VTODOs that go up (best of 3)."""
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    from coach.model import commitment
    from coach.sync import vtodo

    now = datetime(2026, 11, 26, 14, tzinfo=UTC)
    ctx = vtodo.Context(tz=ZoneInfo("Europe/Berlin"), alarm_minutes=60, day_end=clock(17),
                        advice={}, checks={})
    made = []
    for n in range(items):
        item = commitment.new(f"Promise {n}", now, recipient=f"Customer {n % 37}",
                              due=now + timedelta(hours=3 + n % 200))
        item.id = n + 1
        made.append(item)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for item in made:
            vtodo.build(f"uid-{item.id}", item, vtodo.content(item, ctx), now)
        best = min(best, time.process_time() - start)
    print(f"{items} commitments to VTODOs: {best:.2f} s CPU (best of 3)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure")
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--mapping", action="store_true")
    args = parser.parse_args()
    repo = args.repo.resolve()
    if args.mapping:
        subprocess.run([sys.executable, "-c", "from __future__ import annotations\n"
                        "import time\nfrom datetime import UTC, datetime, timedelta\n"
                        f"{inspect.getsource(mapping)}\nmapping({args.items})"],
                       env=repo_env(repo, COACH_LANG="en"), cwd=repo, check=True)
        return
    if args.in_process:
        # In a process of its own, so the measured checkout's `coach` is the one imported;
        # this file's functions travel as source (an older checkout may lack them).
        source = "\n".join(inspect.getsource(f) for f in (radicale, seed, in_process))
        subprocess.run([sys.executable, "-c", "from __future__ import annotations\n"
                        "import subprocess, sys, tempfile, threading, time\n"
                        "from datetime import UTC, datetime, timedelta\n"
                        f"from pathlib import Path\nUSER, PASSWORD = {USER!r}, {PASSWORD!r}\n"
                        f"{source}\nin_process({args.items})"],
                       env=repo_env(repo), cwd=repo, check=True)
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        url = radicale(root)
        data_dir = root / "data"
        environment = repo_env(repo, COACH_DATA_DIR=str(data_dir),
                               COACH_NOW="2026-11-26T15:00:00+01:00", COACH_LANG="en")
        # The database is made by the measured checkout's own code (its schema).
        source = inspect.getsource(seed)
        subprocess.run([sys.executable, "-c", "from __future__ import annotations\n"
                        "from datetime import UTC, datetime, timedelta\n"
                        f"from pathlib import Path\n{source}\n"
                        f"seed(Path({str(data_dir)!r}), {args.items})"],
                       env=environment, cwd=repo, check=True)
        subprocess.run([sys.executable, "-m", "coach", "sync", "setup", "--url", url,
                        "--user", USER, "--password-command", f"echo {PASSWORD}"],
                       env=environment, cwd=repo, check=True, capture_output=True)
        first, cpu, server, line = timed_sync(environment, repo)
        print(f"first sync of {args.items} commitments: {first:.1f} s; CPU: ours {cpu:.1f} s, "
              f"Radicale {server:.1f} s  ({line})")
        again = [timed_sync(environment, repo) for _ in range(3)]
        wall, cpu, server, line = min(again)
        print(f"sync with nothing changed (best of 3): {wall * 1000:.0f} ms; CPU: ours "
              f"{cpu * 1000:.0f} ms, Radicale {server * 1000:.0f} ms  ({line})")


if __name__ == "__main__":
    main()
