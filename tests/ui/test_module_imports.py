"""Every ui module imports on its own, and no ui module imports another that imports it back.

Why: a cycle (the main window importing the roster import, which imported the window back)
means neither module can be understood, tested or replaced alone. The graph is read from
the sources (every ``import``, including ones inside functions and ``TYPE_CHECKING``
blocks), so a cycle hidden in a lazy import is caught too.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "ui"
MODULES = sorted(f"ui.{p.stem}" for p in UI.glob("*.py") if p.stem != "__init__")


def ui_imports(source: str) -> set[str]:
    """The ``ui.*`` modules a source file imports, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("ui."))
        elif isinstance(node, ast.ImportFrom):
            # A relative import ("from . import x", "from .x import y") is inside ui.
            relative = "ui" + (f".{node.module}" if node.module else "")
            base = relative if node.level else (node.module or "")
            if base == "ui":
                found.update(f"ui.{a.name}" for a in node.names)
            elif base.startswith("ui."):
                found.add(base)
    return found


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for name in MODULES:
        source = (UI / f"{name.split('.', 1)[1]}.py").read_text(encoding="utf-8")
        graph[name] = {m for m in ui_imports(source) if m in MODULES and m != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path ``[a, b, ..., a]``, or None when the graph is acyclic."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"ui.a": {"ui.b"}, "ui.b": {"ui.c"}, "ui.c": {"ui.a"}}) == [
        "ui.a",
        "ui.b",
        "ui.c",
        "ui.a",
    ]
    assert find_cycle({"ui.a": {"ui.b"}, "ui.b": set()}) is None


def test_imports_are_read_wherever_they_are() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ui.main_window import MainWindow\n"
        "def f():\n    import ui.worker\n    from ui import models\n"
    )
    assert ui_imports(source) == {"ui.main_window", "ui.worker", "ui.models"}


def test_no_ui_module_imports_itself_back() -> None:
    assert find_cycle(import_graph()) is None


@pytest.mark.parametrize("name", MODULES)
def test_every_ui_module_imports(name: str) -> None:
    importlib.import_module(name)
