"""Headless commands must never load Qt: they run from cron jobs and terminals."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

COMMANDS = [
    ["add", "Offer", "--due", "tomorrow"], ["reply", "Jim"], ["concern", "Trouble"],
    ["heat", "3", "4"], ["told", "3"], ["list"], ["list", "--json"], ["done", "1"],
    ["brief"], ["export", "{tmp}/e.json"], ["import", "{tmp}/e.json"], ["ics", "{tmp}/c.ics"],
    ["--version"], ["--help"],
]

PROBE = """
import sys
sys.argv = ["coach"] + {argv!r}
from coach.cli import run
try:
    run(sys.argv[1:])
except SystemExit:
    pass  # --help and --version end through argparse
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "ui")))
print("QT-MODULES:", qt, file=sys.stderr)
"""


def test_importing_coach_loads_no_qt():
    out = subprocess.run(
        [sys.executable, "-c",
         "import coach, coach.cli, coach.storage.store, coach.briefing.build, sys;"
         "print([m for m in sys.modules if m.startswith(('PySide6', 'ui'))])"],
        capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"


def test_each_headless_command_loads_no_qt(tmp_path, data_dir):
    import os

    env = dict(os.environ, COACH_DATA_DIR=str(data_dir))
    for argv in COMMANDS:
        argv = [a.format(tmp=tmp_path) for a in argv]
        proc = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)],
                              capture_output=True, text=True, cwd=REPO, env=env)
        assert "QT-MODULES: []" in proc.stderr, (argv, proc.stderr)


def test_the_core_never_imports_the_shell_or_qt():
    """ui imports coach, never the other way round — not even lazily inside a function."""
    import ast

    offenders = []
    for path in sorted((REPO / "coach").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(REPO)}: {n}" for n in names
                          if n.split(".")[0] in ("ui", "PySide6", "shiboken6")]
    assert offenders == []


def test_python_m_coach_is_headless_and_says_where_the_window_is(cli):
    result = cli("--smoke")
    assert result.code == 2
    assert "`coach` command or `python -m ui`" in result.err
