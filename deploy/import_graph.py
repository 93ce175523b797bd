#!/usr/bin/env python
"""The app-level import graph: which app imports which, as text and as a Mermaid drawing.

    .venv/bin/python deploy/import_graph.py               # print it
    .venv/bin/python deploy/import_graph.py --write-docs  # put it in docs/architecture.md

An app is a folder of network/ or tenants/ (`tenants.site`), a package of platform/
(`kernel`) or `workers`: the root packages of `[tool.importlinter]` in pyproject.toml, read
by grimp, import-linter's own graph. Tests are left out, as the import contracts leave them
out (a test may use any layer); migrations are code that runs, so they count. The command
fails, naming the apps, when the graph has a cycle. tests/test_architecture.py checks that
docs/architecture.md holds the current output.
"""

import argparse
import sys
import tomllib
from collections import defaultdict
from functools import cache
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "architecture.md"
BEGIN = "<!-- import graph: deploy/import_graph.py --write-docs -->"
END = "<!-- end of the import graph -->"
# Packages whose folders are apps; any other root package is one app.
SPLIT = ("network", "tenants")
# The Mermaid drawing's groups, bottom to top.
GROUPS = {"platform": "platform/", "tenants": "tenants/", "network": "network/"}


def root_packages() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]["root_packages"]


def app_of(module: str) -> str | None:
    """The app `module` belongs to; None for network/ and tenants/ themselves (empty)."""
    parts = module.split(".")
    if parts[0] in SPLIT:
        return ".".join(parts[:2]) if len(parts) > 1 else None
    return parts[0]


def is_test(module: str) -> bool:
    return ".tests." in f".{module}." or module.rsplit(".", 1)[-1].startswith("test_")


@cache
def app_graph() -> dict[str, frozenset[str]]:
    """{app: the apps it imports directly}, every app a key."""
    sys.path[:0] = [p for p in (str(ROOT), str(ROOT / "platform")) if p not in sys.path]
    graph = grimp.build_graph(*root_packages(), cache_dir=None)
    edges: dict[str, set[str]] = defaultdict(set)
    for module in graph.modules:
        app = app_of(module)
        if app is None or is_test(module):
            continue
        edges[app]  # every app a node, even one that imports no other
        for imported in graph.find_modules_directly_imported_by(module):
            if app_of(imported) not in (app, None) and not is_test(imported):
                edges[app].add(app_of(imported))
    return {app: frozenset(imported) for app, imported in edges.items()}


def cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one app (Tarjan's algorithm)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for imported in sorted(graph.get(app, ())):
            if imported not in index:
                visit(imported)
                low[app] = min(low[app], low[imported])
            elif imported in on_stack:
                low[app] = min(low[app], index[imported])
        if low[app] == index[app]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == app:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for app in sorted(graph):
        if app not in index:
            visit(app)
    return found


def height(graph: dict[str, frozenset[str]]) -> dict[str, int]:
    """How many layers each app stands above the apps that import nothing (a DAG's longest
    path down)."""
    heights: dict[str, int] = {}

    def of(app: str) -> int:
        if app not in heights:
            heights[app] = 1 + max((of(i) for i in graph.get(app, ())), default=-1)
        return heights[app]

    for app in graph:
        of(app)
    return heights


def reduced(graph: dict[str, frozenset[str]]) -> dict[str, set[str]]:
    """The graph without the edges another path implies (its transitive reduction): what the
    drawing shows, so that it stays readable."""

    @cache
    def below(app: str) -> frozenset[str]:
        return frozenset().union(*({i} | below(i) for i in graph.get(app, ())))

    return {
        app: {i for i in imported if not any(i in below(j) for j in imported if j != i)}
        for app, imported in graph.items()
    }


def group_of(app: str) -> str:
    """The drawing's group of `app`; none for the two that stand over all: the settings and
    URLconfs (config), the workers."""
    first = app.split(".")[0]
    return first if first in SPLIT else "" if first in ("config", "workers") else "platform"


def render(graph: dict[str, frozenset[str]]) -> str:
    heights = height(graph)
    order = sorted(graph, key=lambda app: (-heights[app], app))
    lines = [BEGIN, "", "```text"]
    for app in order:
        imported = sorted(graph[app])
        lines.append(f"{app} → {', '.join(imported) if imported else '(nothing)'}")
    lines += ["```", "", "```mermaid", "flowchart TB"]
    node = {app: app.replace(".", "_") for app in graph}
    for group, label in GROUPS.items():
        members = [app for app in order if group_of(app) == group]
        lines.append(f'  subgraph {group}["{label}"]')
        lines += [f'    {node[app]}["{app.split(".")[-1]}"]' for app in members]
        lines.append("  end")
    lines += [f'  {node[app]}["{app}"]' for app in order if not group_of(app)]
    edges = reduced(graph)
    for app in order:
        for imported in sorted(edges[app]):
            lines.append(f"  {node[app]} --> {node[imported]}")
    lines += ["```", "", END]
    return "\n".join(lines) + "\n"


def docs_with(graph_text: str, docs: str) -> str:
    """docs/architecture.md with its graph between the markers replaced by `graph_text`."""
    start, end = docs.index(BEGIN), docs.index(END) + len(END) + 1
    return docs[:start] + graph_text + docs[end:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-docs", action="store_true", help="update docs/architecture.md")
    arguments = parser.parse_args()
    graph = app_graph()
    found = cycles(graph)
    if found:
        for group in found:
            print("cycle between: " + ", ".join(group), file=sys.stderr)
        return 1
    text = render(graph)
    if arguments.write_docs:
        DOCS.write_text(docs_with(text, DOCS.read_text()))
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
