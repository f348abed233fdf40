"""Shared test fixtures: the shared corpus location, the demo web, the installed CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
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


def newscrawl_command() -> list[str]:
    """The installed ``newscrawl`` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("newscrawl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newscrawl.cli"]


def run_cli(*args: str, input: str | None = None, timeout: float = 300, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``newscrawl ARGS`` in a subprocess, as a user would."""
    return subprocess.run(
        [*newscrawl_command(), *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd or REPO,
        env={**os.environ, **(env or {})},
    )


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
