"""Taskwarrior stores holding the same items as a benchmark database, for `task next`.

Every commitment, owed reply and concern becomes a task (open ones pending, the others
completed), with its due or reply-by time and priority H when urgent, imported with
`task import` (Debian's `taskwarrior`). Built once per size into benchmarks/data/.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from benchmarks.common import DATA


def _tw_time(value: str | None) -> str | None:
    return value.replace("-", "").replace(":", "") if value else None


def _tasks(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    tasks = []

    def task(item_id: int, status: str, created: str, text: str, due: str | None,
             urgent: int) -> dict:
        found = {"uuid": f"{item_id:08x}-0000-4000-8000-{item_id:012x}",
                 "status": "pending" if status == "open" else "completed",
                 "entry": _tw_time(created), "description": text}
        if due:
            found["due"] = _tw_time(due)
        if status != "open":
            found["end"] = _tw_time(created)
        if urgent:
            found["priority"] = "H"
        return found

    for r in conn.execute("SELECT id, status, created, title, due, urgent FROM commitments"):
        tasks.append(task(*r))
    for r in conn.execute("SELECT id, status, created, 'Reply to ' || who, reply_by, urgent "
                          "FROM owed_replies"):
        tasks.append(task(*r))
    for r in conn.execute("SELECT id, status, created, title, NULL, 0 FROM concerns"):
        tasks.append(task(*r))
    conn.close()
    return tasks


def store_for(db: Path, items: int) -> dict[str, str] | None:
    """The environment for `task` on a store with the same items as `db` (None without
    Taskwarrior)."""
    if shutil.which("task") is None:
        return None
    folder = DATA / f"taskwarrior-{items}"
    rc = folder / "taskrc"
    env = dict(os.environ, TASKRC=str(rc))
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "data").mkdir(parents=True)
        rc.write_text(f"data.location={folder / 'data'}\nconfirmation=no\nverbose=nothing\n"
                      "recurrence=no\ngc=on\n")
        tasks = _tasks(db)
        batch = folder / "batch.json"
        for start in range(0, len(tasks), 25_000):
            batch.write_text(json.dumps(tasks[start:start + 25_000]))
            subprocess.run(["task", "import", str(batch)], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        batch.unlink()
        (folder / "done").write_text("")
    return env
