"""core/registrations.py is the one list of what registers itself: a module that registers something and is
not listed there would leave a registry incomplete in some process (a step missing from Home, an export
missing from the Downloads page), so the list is checked against the code."""

from __future__ import annotations

import ast
from pathlib import Path

from core import registrations, steps
from core.content import registered_files
from core.export.registry import exports
from core.export.workbook import sections

CORE = Path(__file__).resolve().parents[2] / "core"
REGISTERING = {"content_file", "progress_for", "demo_filler", "workbook_section", "export"}


def _registers(path: Path) -> bool:
    """True when the module calls a registering decorator at module level (not where it is defined)."""
    tree = ast.parse(path.read_text())
    for node in tree.body:
        decorators = getattr(node, "decorator_list", [])
        calls = [d for d in decorators if isinstance(d, ast.Call)]
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            calls.append(node.value.func if isinstance(node.value.func, ast.Call) else node.value)
        for call in calls:
            func = call.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in REGISTERING:
                return True
    return False


def test_every_module_that_registers_something_is_listed():
    found = {
        ".".join(path.relative_to(CORE.parent).with_suffix("").parts)
        for path in CORE.rglob("*.py")
        if "migrations" not in path.parts and _registers(path)
    }
    # core.export.registry registers the JSON backup from inside a function, which this scan does not see
    assert found == set(registrations.MODULES) - {"core.export.registry"}


def test_the_registries_are_complete_after_loading():
    registrations.load_all()
    # every data file of data/ is validated, every step's progress is known, every step with a part in
    # the report has its section, every document of the Downloads page is there
    files = registered_files()
    data = {p.name for p in (CORE.parent / "data").glob("*.yaml")}
    assert set(files) == data
    assert set(steps._PROGRESS) == {s.id for s in steps.steps()}  # all 17 measure their own progress
    titles = [s.title for s in sections()]
    assert len(titles) == 18  # the 17 steps and the month-by-month numbers
    assert {e.id for e in exports()} == {
        "agenda_docx",
        "backup_json",
        "care_model_plan_docx",
        "partner_map_docx",
        "readiness_report_docx",
        "value_proposition_docx",
        "value_proposition_pptx",
        "workbook_docx",
        "workspace_xlsx",
    }
