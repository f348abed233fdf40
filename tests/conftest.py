"""Shared test fixtures: the shared corpus location, the demo web, the installed CLI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import REPO, newscrawl_command, run_cli  # noqa: F401  (older imports)

SHARED = Path(os.environ.get("NEWSCRAWL_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"


def require_corpus() -> Path:
    """The shared corpus folder, or skip the test with the reason."""
    if not (CORPUS / "truth.jsonl").exists():
        pytest.skip(f"../shared/corpus not present at {CORPUS}: corpus tests need the shared test corpus")
    return CORPUS


def require_seeds() -> Path:
    """The founding articles folder, or skip the test with the reason."""
    if not any(SEEDS.glob("00*.txt")):
        pytest.skip(f"../shared/seeds not present at {SEEDS}: these tests need the founding articles")
    return SEEDS


@pytest.fixture
def demo_web() -> Iterator[object]:
    """The embedded demo news web, served on loopback ports for one test."""
    from newscrawl.demo.server import DemoWeb

    with DemoWeb() as web:
        yield web


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory) -> Path:
    """An archive made by a real crawl of the demo web (``newscrawl crawl --demo``), shared read-only."""
    path = tmp_path_factory.mktemp("demo-archive") / "demo.db"
    done = run_cli("crawl", "--demo", "--db", str(path))
    assert done.returncode == 0, done.stderr[-2000:]
    return path
