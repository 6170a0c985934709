"""The layers hold: core never imports streamlit or pages, and no module of core imports one that imports it
back (directly or round a loop), counting imports inside functions too, which used to hide such loops. An
import inside a function must say why on its line or the line above (a comment), and the only accepted reason
is not a loop: it is cost (a heavy library loaded only when needed) or the registrations list. And only
`core/store` speaks SQL: no other module of core imports SQLAlchemy or SQLModel."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _core_files() -> list[Path]:
    return [p for p in CORE.rglob("*.py") if "migrations" not in p.parts]


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for every import of a core module in the file."""
    tree = ast.parse(path.read_text())
    modules = {_module(p) for p in _core_files()}
    found = []
    local_lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    local_lines.add(inner.lineno)
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            if name in modules:
                found.append((name, node.lineno, node.lineno in local_lines))
    return found


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in _core_files():
        source = _module(path)
        graph.setdefault(source, set())
        for target, _, _ in _imports(path):
            if target != source and not source.startswith(target + "."):  # a package's own __init__
                graph[source].add(target)
    return graph


def _loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan): each holds an import loop."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_the_loop_finder_finds_a_loop_round_three_modules():
    assert _loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _loops({"a": {"b"}, "b": set()}) == []


def test_core_has_no_import_loops():
    assert _loops(_graph()) == []


def test_core_never_imports_streamlit_or_pages():
    for path in _core_files():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] in {"streamlit", "pages"} for n in names), f"{path}: {names}"


def test_an_import_inside_a_function_says_why():
    lines_without_reason = []
    for path in _core_files():
        text = path.read_text().splitlines()
        for _, line, local in _imports(path):
            if local and "#" not in text[line - 1] and not text[line - 2].strip().startswith("#"):
                lines_without_reason.append(f"{path.relative_to(ROOT)}:{line}")
    assert lines_without_reason == []


# Which step groups a group's modules may import (README "Architecture"). The care model is self-contained;
# sustain reads Step 3's service map for the billing codes; workshop runs the readiness items and text steps.
GROUP_MAY_IMPORT = {
    "core.hrh": set(),
    "core.care_model": set(),
    "core.sustain": {"core.hrh.services"},
    "core.workshop": {
        "core.hrh.readiness",
        "core.hrh.value_proposition",
        "core.hrh.what_it_takes",
        "core.care_model.first_five",
    },
}


def _group(module: str) -> str | None:
    return next((g for g in GROUP_MAY_IMPORT if module == g or module.startswith(g + ".")), None)


def test_each_step_group_imports_only_what_it_is_allowed_from_the_others():
    crossings = []
    for source, targets in _graph().items():
        group = _group(source)
        if group is None:
            continue
        for target in targets:
            other = _group(target)
            if other not in (None, group) and target != other and target not in GROUP_MAY_IMPORT[group]:
                crossings.append(f"{source} -> {target}")
    assert crossings == []


def test_the_group_rule_catches_a_crossing():
    # A made-up import from the care model into Harm Reduction is Healthcare is outside the lines.
    assert _group("core.care_model.huddle") == "core.care_model"
    assert "core.hrh.readiness" not in GROUP_MAY_IMPORT["core.care_model"]
    assert _group("core.store.answers") is None  # the store, money and steps are shared by every group


# All SQL lives in core/store: no other module of core imports SQLAlchemy or SQLModel, at the top or inside a
# function. The database errors a rule catches (IntegrityError, DBAPIError) come from core.store.database.
SQL_LIBRARIES = {"sqlalchemy", "sqlmodel"}


def _sql_imports(source: str) -> list[str]:
    """The SQLAlchemy and SQLModel modules a source file imports, wherever the import is."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in SQL_LIBRARIES]
    return sorted(found)


def test_only_the_store_imports_sqlalchemy_or_sqlmodel():
    outside = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in _core_files()
        if path.relative_to(CORE).parts[0] != "store"
        for module in _sql_imports(path.read_text())
    ]
    assert outside == []


def test_the_sql_rule_sees_imports_inside_functions():
    source = "import sqlmodel\nfrom core.store import answers\n\ndef f():\n    from sqlalchemy import exc\n"
    assert _sql_imports(source) == ["sqlalchemy", "sqlmodel"]
    assert _sql_imports("from core.store.database import IntegrityError\nimport sqlite3\n") == []
    assert _sql_imports((CORE / "store" / "answers.py").read_text())  # the store does import them
