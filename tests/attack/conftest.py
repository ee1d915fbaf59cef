"""The attack suite: the real `coach` processes and the real window, attacked as an attacker
or an unlucky user would. After every attack the database is sound and every earlier item
is still listed (`healthy`)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

# The window tests here use the same fixtures as tests/ui (QSettings in tmp, pinned clock).
from tests.ui.conftest import clock, open_window, settings_dir  # noqa: F401


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def listed_ids(cli) -> set[int]:
    result = cli("list", "--json", "--all")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    return {item["id"] for items in data.values() for item in items}


@pytest.fixture
def healthy(cli, data_dir: Path):
    """Call after an attack with the ids that must still be there."""

    def check(ids: set[int] | list[int] = ()) -> None:
        assert integrity(data_dir / "coach.db") == "ok"
        assert set(ids) <= listed_ids(cli)

    return check


def one_clear_line(result) -> None:
    """Bad input: exit 2, one line on stderr, no traceback, no raw control characters."""
    assert result.code == 2, (result.code, result.err)
    assert "Traceback" not in result.err
    assert len(result.err.strip("\n").splitlines()) == 1, result.err
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F
                   for c in result.err), repr(result.err)


def raw_controls(text: str) -> list[str]:
    """Control characters a terminal would obey (newline and tab are layout)."""
    return [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F
            or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def tmpfs(tmp_path: Path):
    """A small file system of our own (root: mount; otherwise a user namespace would be
    needed, which this suite does not do): yields a function mount(size) -> Path."""
    mounted: list[Path] = []

    def mount(size: str = "2m") -> Path:
        point = tmp_path / f"fs{len(mounted)}"
        point.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                        str(point)], check=True)
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def remount_read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
