"""The architecture's rules, checked: no SQL outside the core, no import cycles, small modules.

ARCHITECTURE.md explains the rooms and why; these tests keep the rules from eroding.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("coach", "ui")
MAX_LINES = 400
SQL_CALLS = {"execute", "executemany", "executescript", "query"}
# Files that still run SQL while another branch moves it out; each entry must name why.
# The test fails once such a file is clean, so the entry is removed with the move.
SQL_PENDING: dict[str, str] = {}


def _modules(package: str) -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


ALL = {name: path for package in PACKAGES for name, path in _modules(package).items()}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def _sql_calls(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in SQL_CALLS:
            lines.append(node.lineno)
    return lines


def test_no_sql_in_the_window_or_the_command_line():
    offenders, cleaned = {}, []
    for name, path in ALL.items():
        relative = path.relative_to(ROOT).as_posix()
        if not (name.startswith("ui") or name.startswith("coach.cli")):
            continue
        lines = _sql_calls(path)
        if relative in SQL_PENDING:
            if not lines:
                cleaned.append(relative)
        elif lines:
            offenders[relative] = lines
    assert offenders == {}, "SQL belongs in the core's operations layer (coach/ops)"
    assert cleaned == [], "no SQL left here: remove it from SQL_PENDING"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(name: str, path: Path) -> set[str]:
    """Every module of ours this one imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue  # annotations only: never executed
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = package.split(".")
                    parent = ".".join(parts[:len(parts) - child.level + 1])
                    base = f"{parent}.{base}" if base else parent
                # `from pkg import module` depends on that module (the package's __init__
                # runs first whatever is imported, so it is no edge of its own).
                named = {f"{base}.{alias.name}" for alias in child.names} & ALL.keys()
                found.update(named if named else {base})
            visit(child)

    visit(_tree(path))
    return {m for m in found if m in ALL and m != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


# Cycles another branch is removing; the test fails once one is gone, so its entry goes too.
CYCLES_PENDING = {
    ("coach.reminders.briefing_nudge", "coach.reminders.concern_nudge",
     "coach.reminders.schedule"): "reminders become one package without cycles (remind)",
}


def test_no_import_cycles_inside_coach_or_ui():
    graph = {name: _imports(name, path) for name, path in ALL.items()}
    found = {tuple(c) for c in _cycles(graph)}
    assert found - CYCLES_PENDING.keys() == set()
    assert CYCLES_PENDING.keys() - found == set(), "cycle gone: remove it from CYCLES_PENDING"


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import(tmp_path):
    # The check above passing means nothing unless it can fail.
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# Modules another branch is splitting; the test fails once one is short enough.
LONG_PENDING = {
}


def test_no_module_over_400_lines():
    long = {path.relative_to(ROOT).as_posix() for path in ALL.values()
            if len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES}
    assert long - LONG_PENDING.keys() == set()
    assert LONG_PENDING.keys() - long == set(), "short enough now: remove it from LONG_PENDING"


def _absolute_ui(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        names = [node.module or ""] if node.level == 0 else []
    elif isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        return False
    return any(n == "ui" or n.startswith("ui.") for n in names)


def test_the_window_shell_imports_itself_relatively():
    # ui/ installs as `coach_ui` (setup.py): an absolute `ui.` import works in a checkout and
    # fails in every installed wheel.
    offenders = [f"{path.relative_to(ROOT)}:{node.lineno}"
                 for name, path in ALL.items() if name.startswith("ui")
                 for node in ast.walk(_tree(path)) if _absolute_ui(node)]
    assert offenders == []
