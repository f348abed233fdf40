"""Shared-crawl test helpers: worker processes, the demo registry as a file, archive fingerprints."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from pathlib import Path

from newscrawl.demo.server import DEMO_REGISTRY
from newscrawl.scale.local import stop_workers as stop  # noqa: F401  (the tests' way to stop them too)
from tests.support.cli import REPO, newscrawl_command, run_cli

#: The demo web answers at once: no politeness wait (as ``newscrawl crawl --demo`` does).
FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
        "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "--set", "LOG_LEVEL=WARNING"]


def demo_registry(bases: dict[str, str], path: Path) -> Path:
    """The demo registry with this test's ports filled in, as a file a subprocess can read."""
    text = DEMO_REGISTRY.read_text("utf-8")
    path.write_text(re.sub(r"\{\{site:([A-Za-z0-9_.-]+)\}\}", lambda m: bases.get(m.group(1), m.group(0)), text), "utf-8")
    return path


def start_worker(redis_url: str, prefix: str, name: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*newscrawl_command(), "worker", "--redis", redis_url, "--prefix", prefix,
                             "--name", name], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def fingerprint(db: Path) -> dict[str, object]:
    """What must be the same whoever crawled: articles, every URL and what it is, stories as groups."""
    with sqlite3.connect(db) as conn:
        articles = {r[0]: r[1:] for r in conn.execute(
            "SELECT canonical_url, language, published_at, title, article_type, content_hash FROM articles")}
        urls = set(conn.execute(
            "SELECT u.url, u.kind, a.canonical_url FROM article_urls u JOIN articles a ON a.id = u.article_id"))
        groups: dict[int, set[str]] = {}
        for url, story in conn.execute("SELECT canonical_url, story_id FROM articles WHERE story_id IS NOT NULL"):
            groups.setdefault(story, set()).add(url)
        stories = {frozenset(g) for g in groups.values()}
    return {"articles": articles, "urls": urls, "stories": stories}


def reference_crawl(bases: dict[str, str], tmp: Path) -> tuple[Path, Path, dict]:
    """(registry file, archive, JSON summary) of a local `newscrawl crawl` of the demo web at ``bases``."""
    import json

    registry = demo_registry(bases, tmp / "sources.toml")
    reference = tmp / "reference.db"
    result = run_cli("crawl", "--registry", str(registry), "--db", str(reference), "--json", *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    return registry, reference, json.loads(result.stdout)
