"""The one-way import rule, checked on the source (an AST walk, no imports run).

Pure parsing, normalisation and matching import neither Scrapy nor the
archive; the archive imports only items and errors from the rest of newscrawl;
nothing in ``newscrawl/`` imports the app layer (``spiders``, ``pipelines``):
the crawl runner finds its spider by name through Scrapy's spider loader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "newscrawl"
PURE = ["pages", "dates", "matching", "dedup", "urls", "language", "text", "feeds", "analysis"]


def imported(path: Path) -> set[str]:
    """Every module name ``path`` imports (``from x import y`` gives ``x`` and ``x.y``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules(name: str) -> list[Path]:
    target = PACKAGE / name
    return sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def top(name: str) -> str:
    return name.split(".", 1)[0]


@pytest.mark.parametrize("name", PURE)
def test_pure_code_imports_neither_scrapy_nor_the_archive(name):
    files = modules(name)
    assert files and all(f.exists() for f in files), f"newscrawl/{name} is gone: update PURE"
    for path in files:
        bad = {n for n in imported(path) if top(n) in ("scrapy", "twisted") or n.startswith("newscrawl.archive")}
        assert not bad, f"{rel(path)} imports {sorted(bad)}"


def test_the_archive_imports_only_items_and_errors_from_newscrawl():
    allowed = ("newscrawl.items", "newscrawl.errors", "newscrawl.archive")
    for path in modules("archive"):
        names = imported(path)
        bad = {n for n in names if top(n) == "newscrawl" and not n.startswith(allowed)}
        bad |= {n for n in names if top(n) in ("scrapy", "twisted")}
        assert not bad, f"{rel(path)} imports {sorted(bad)}"


def test_nothing_in_newscrawl_imports_spiders_or_pipelines():
    for path in sorted(PACKAGE.rglob("*.py")):
        bad = {n for n in imported(path) if top(n) in ("spiders", "pipelines")}
        assert not bad, f"{rel(path)} imports {sorted(bad)}"


def test_benchmarks_do_not_import_tests():
    for path in sorted((ROOT / "bench").glob("*.py")):
        bad = {n for n in imported(path) if top(n) == "tests"}
        assert not bad, f"{rel(path)} imports {sorted(bad)}"


def test_the_rule_sees_an_import_it_forbids(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from scrapy.http import Response\nimport pipelines.clean\n", encoding="utf-8")
    assert {"scrapy.http", "pipelines.clean"} <= imported(sample)
