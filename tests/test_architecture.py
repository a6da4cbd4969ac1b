"""The folder tree is the architecture: quiz_engine's stages import one way only
(load -> check -> render -> build -> insights -> cli), no module imports another that imports
it back, and no module grows past about 400 lines. Read from the source's imports
(every import, also those inside functions), so nothing has to be run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "quiz_engine"
STAGES = ("load", "check", "render", "build", "insights", "cli")  # each may import those before it
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The quiz_engine modules that module `name` imports, as module names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            # `from . import model` imports the module model; `from .x import f` the module x.
            found.update(
                f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target for alias in node.names
            )
    return {module for module in found if module in known and module != name}


def import_graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def stage_of(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_the_graph_is_read_from_the_source() -> None:
    graph = import_graph()
    assert "quiz_engine.load.model" in graph["quiz_engine.check.rules"]  # `from ..load import model`
    assert "quiz_engine.build.engine" in graph["quiz_engine.build.site"]  # `from .engine import ...`
    assert "quiz_engine.build.site" in graph["quiz_engine.cli"]  # imported inside a function


def test_every_module_belongs_to_a_stage() -> None:
    entry_points = {"quiz_engine", "quiz_engine.__main__", "quiz_engine.bootstrap"}  # around the stages, not in one
    loose = [name for name in modules() if stage_of(name) is None and name not in entry_points]
    assert loose == []


def test_no_stage_imports_a_later_one() -> None:
    backwards = [
        f"{module} (stage {STAGES[stage_of(module)]}) imports {target} (stage {STAGES[stage_of(target)]})"
        for module, targets in import_graph().items()
        if stage_of(module) is not None
        for target in targets
        if stage_of(target) is not None and stage_of(target) > stage_of(module)
    ]
    assert backwards == []


def test_no_import_circle() -> None:
    assert cycles(import_graph()) == []


def test_a_circle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_stay_short(name: str) -> None:
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by concern"
