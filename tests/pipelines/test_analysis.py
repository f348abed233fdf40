"""The analysis step (newscrawl.analysis): an item analysed ahead and one analysed by the pipelines end the same."""

from __future__ import annotations

import json
import pickle
import sqlite3
from dataclasses import replace
from pathlib import Path

from newscrawl.analysis import analyse
from newscrawl.crawling.parsepool import PageContext, _parse
from newscrawl.demo.server import SITES_DIR
from newscrawl.items import ArticleItem
from newscrawl.runs.crawl import crawl_settings
from newscrawl.runs.ingest import PipelineRunner, item_from_record
from tests.conftest import FIXTURES

LANGUAGES = ("en", "fr", "nl")


def _items() -> list[ArticleItem]:
    """The demo web's pages as the spider's items, and the ingest fixture's records."""
    items = []
    for page in sorted(SITES_DIR.rglob("*.html")):
        site = page.relative_to(SITES_DIR).parts[0]
        url = f"https://{site}.example/{page.relative_to(SITES_DIR / site).as_posix()}"
        context = PageContext(source=site, timezone="Europe/Paris", languages="en,fr",
                              fetched_at="2024-05-06T10:00:00+00:00", urls=(url,))
        items.append(_parse(page.read_bytes(), url, None, context))
    for line in (FIXTURES / "ingest" / "articles.jsonl").read_text("utf-8").splitlines():
        try:
            items.append(item_from_record(json.loads(line)))
        except ValueError:  # the fixture's bad lines
            continue
    return items


def _run(db: Path, items: list[ArticleItem]) -> tuple[list[ArticleItem | None], dict]:
    runner = PipelineRunner(crawl_settings(db))
    out = [runner.process(item) for item in items]
    stats = runner.close()
    return [replace(item, analysis=None) if item else None for item in out], stats


def _stored(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(
            "SELECT a.canonical_url, a.language, a.published_at, a.content_hash, a.article_type, a.match_facts, "
            "e.team_a, e.team_b, e.day, e.side_facts, m.signature FROM articles a "
            "LEFT JOIN story_evidence e ON e.article_id = a.id LEFT JOIN article_minhash m ON m.article_id = a.id"))


def _counts(stats: dict) -> dict:
    return {k: v for k, v in stats.items() if k.startswith("newscrawl/") and k != "newscrawl/analysis/ahead"}


def test_items_analysed_ahead_are_stored_as_items_analysed_by_the_pipelines(tmp_path):
    plain = _items()
    ahead = pickle.loads(pickle.dumps(plain))  # as a worker sends them back
    for item in ahead:
        item.analysis = analyse(item, LANGUAGES)
    assert all(item.analysis is not None for item in ahead)
    by_pipelines, stats = _run(tmp_path / "plain.db", plain)
    by_analysis, analysed_stats = _run(tmp_path / "ahead.db", ahead)
    assert sum(item is not None for item in by_pipelines) >= 10
    assert any(item and item.story.facts for item in by_pipelines), "some article has match facts"
    assert any(item and item.duplicate_of for item in by_pipelines), "some article is a duplicate"
    assert by_analysis == by_pipelines
    assert _counts(analysed_stats) == _counts(stats)
    assert analysed_stats["newscrawl/analysis/ahead"] >= 10 and "newscrawl/analysis/ahead" not in stats
    assert _stored(tmp_path / "ahead.db") == _stored(tmp_path / "plain.db")


def test_an_analysis_for_other_languages_is_not_used(tmp_path):
    plain = _items()
    other = pickle.loads(pickle.dumps(plain))
    for item in other:
        item.analysis = analyse(item, ("de",))  # another configuration: the pipelines decide again
    assert _run(tmp_path / "other.db", other)[0] == _run(tmp_path / "plain.db", plain)[0]
