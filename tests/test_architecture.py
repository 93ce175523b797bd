"""The structure a newcomer reads (issue 16): layers that hold, checked by import-linter
(`[tool.importlinter]` in pyproject.toml), an app-level import graph without cycles, printed
in docs/architecture.md by `deploy/import_graph.py`, and the network reaching into a member's
code only in its crossing functions (`*_for_member`)."""

import ast
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("import_graph", ROOT / "deploy" / "import_graph.py")
import_graph = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(import_graph)

# A function that runs in another member's schema says so in its name (DESIGN.md, Tenancy).
CROSSING = re.compile(r"(_for_members?|^for_each_member)$")


def test_the_import_contracts_hold():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": "platform"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_every_package_of_platform_is_under_the_contracts():
    packages = {p.parent.name for p in (ROOT / "platform").glob("*/__init__.py")}
    assert packages <= set(import_graph.root_packages())


def test_the_app_level_import_graph_has_no_cycle():
    graph = import_graph.app_graph()
    assert {"tenants.figures", "tenants.site", "kernel", "network.aggregation"} <= set(graph)
    assert import_graph.cycles(graph) == []


def test_a_cycle_is_found_and_named():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_graph.cycles(graph) == [["a", "b", "c"]]


def test_nothing_in_a_members_apps_imports_its_figures():
    graph = import_graph.app_graph()
    importers = {app for app, imported in graph.items() if "tenants.figures" in imported}
    assert importers <= {"network.aggregation", "workers", "config"}
    assert not any(app.startswith("tenants.") for app in graph["tenants.site"])


def test_the_docs_print_the_current_graph():
    """Run `.venv/bin/python deploy/import_graph.py --write-docs` after an import between
    apps changes."""
    docs = (ROOT / "docs" / "architecture.md").read_text()
    assert import_graph.render(import_graph.app_graph()) in docs


def member_imports_outside_crossings(source: str) -> list[str]:
    """Imports of a member's code (`tenants`) in `source` that are not inside a crossing
    function (or a function within one): `where:line: module` for each."""
    found = []

    def walk(node, function: str, crossing: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside, within = function, crossing
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inside, within = child.name, crossing or bool(CROSSING.search(child.name))
            modules = []
            if isinstance(child, ast.ImportFrom) and child.module:
                modules = [child.module]
            elif isinstance(child, ast.Import):
                modules = [alias.name for alias in child.names]
            for module in modules:
                if module.split(".")[0] == "tenants" and not crossing:
                    found.append(f"{function or 'module'}:{child.lineno}: {module}")
            walk(child, inside, within)

    walk(ast.parse(source), "", False)
    return found


def test_the_network_imports_a_members_code_only_in_its_crossing_functions():
    outside = {}
    for path in (ROOT / "network").rglob("*.py"):
        if "tests" in path.relative_to(ROOT).parts:
            continue  # a test may set a member's rows up
        found = member_imports_outside_crossings(path.read_text())
        if found:
            outside[str(path.relative_to(ROOT))] = found
    assert outside == {}


def test_the_crossing_rule_sees_an_import_at_module_level_or_in_another_function():
    source = """
from tenants.site.roles import Role

def member_suspend(member):
    from tenants.notifications.recording import outbox_hand_over

def staff_invite_for_member(member):
    from tenants.site.services import staff_invite

def figures_for_members(schema_names):
    def rows():
        from tenants.figures.selectors import figures_from_rows
"""
    assert member_imports_outside_crossings(source) == [
        "module:2: tenants.site.roles",
        "member_suspend:5: tenants.notifications.recording",
    ]
