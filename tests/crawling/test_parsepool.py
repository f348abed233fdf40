"""Page parsing in worker processes (newscrawl.crawling.parsepool): sizing, and the same archive either way.

With workers the items come back analysed (``newscrawl.analysis``); in-process the pipelines analyse them.
"""

from __future__ import annotations

import json
import pickle
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newscrawl.crawling.parsepool import ParsePool, _parse, default_workers
from newscrawl.pages import parse_article
from tests.support.cli import run_cli
from tests.support.crawler import newscrawl_crawler

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def test_pool_size_comes_from_the_setting(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSCRAWL_PARSE_WORKERS", raising=False)
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "a.db", NEWSCRAWL_PARSE_WORKERS=2)).workers == 2
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "b.db", NEWSCRAWL_PARSE_WORKERS=0)).workers == 0
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "c.db", NEWSCRAWL_PARSE_WORKERS=-1)).workers \
        == default_workers()
    # the default (in-process) gives way to the environment, an explicit setting does not
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "d.db")).workers == 0
    monkeypatch.setenv("NEWSCRAWL_PARSE_WORKERS", "3")
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "e.db")).workers == 3
    assert ParsePool.for_crawler(newscrawl_crawler(tmp_path / "f.db", NEWSCRAWL_PARSE_WORKERS=1)).workers == 1


def test_one_pool_per_crawler(tmp_path):
    crawler = newscrawl_crawler(tmp_path / "a.db", NEWSCRAWL_PARSE_WORKERS=1)
    assert ParsePool.for_crawler(crawler) is ParsePool.for_crawler(crawler)


def test_an_item_crosses_the_process_boundary_whole():
    page = next(iter(sorted(PAGES.rglob("*.html"))))
    item = _parse(page.read_bytes(), "https://example.test/a.html", None)
    assert pickle.loads(pickle.dumps(item)) == parse_article(page.read_bytes(), "https://example.test/a.html")


def _archive(db: Path) -> dict[str, object]:
    """What a crawl stored, without times and ports: articles, their URLs, stories."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        articles = sorted(
            (urlsplit(r["canonical_url"]).path, r["title"], r["body"], r["language"], r["published_at"],
             r["content_hash"], r["article_type"], r["match_facts"], r["team_a"], r["team_b"], r["day"],
             r["side_facts"], r["signature"])
            for r in conn.execute(
                "SELECT * FROM articles a LEFT JOIN story_evidence e ON e.article_id = a.id "
                "LEFT JOIN article_minhash m ON m.article_id = a.id")
        )
        urls = sorted((urlsplit(r["url"]).path, r["kind"]) for r in conn.execute("SELECT * FROM article_urls"))
        stories = sorted(
            tuple(sorted(urlsplit(u).path for u in (r["urls"] or "").split("\n")))
            for r in conn.execute(
                "SELECT group_concat(canonical_url, char(10)) AS urls FROM articles "
                "WHERE story_id IS NOT NULL GROUP BY story_id")
        )
    finally:
        conn.close()
    return {"articles": articles, "urls": urls, "stories": stories}


@pytest.mark.timeout(600)
def test_crawl_with_workers_stores_what_an_in_process_crawl_stores(tmp_path):
    stored = {}
    for workers in (0, 2):
        db = tmp_path / f"workers{workers}.db"
        result = run_cli("crawl", "--demo", "--demo-port", "0", "--db", str(db), "--json",
                         "--set", f"NEWSCRAWL_PARSE_WORKERS={workers}")
        assert result.returncode in (0, 3), result.stderr[-2000:]
        with sqlite3.connect(db) as conn:
            stats = json.loads(conn.execute("SELECT stats FROM crawl_runs").fetchone()[0])
        ahead = stats.get("newscrawl/analysis/ahead", 0)
        assert (ahead > 0) == (workers > 0), "workers analyse the items, an in-process parse leaves it to the pipelines"
        stored[workers] = _archive(db)
    assert len(stored[0]["articles"]) >= 10
    assert stored[2] == stored[0]
