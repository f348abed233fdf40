"""Stories decided over all the stored evidence: the same whatever the arrival order, within a run
and across runs; merges keep the oldest id and old ids redirect; a killed run is repaired.

Real parts: the demo crawl's stored articles exported with `newscrawl export`, fed back through
`newscrawl ingest` (every pipeline, a real SQLite file) in several orders and runs.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from newscrawl.archive import Archive
from newscrawl.archive.articles import record_for
from newscrawl.runs.crawl import crawl_settings
from newscrawl.runs.ingest import ingest, item_from_record
from pipelines.stories import StoryPipeline
from tests.support.cli import run_cli
from tests.support.crawler import build, newscrawl_crawler

FIELDS = ("url", "canonical_url", "source", "title", "body", "language", "published_at")


@pytest.fixture(scope="module")
def demo_records(tmp_path_factory) -> list[dict]:
    folder = tmp_path_factory.mktemp("demo-export")
    db = folder / "demo.db"
    assert run_cli("crawl", "--demo", "--db", str(db)).returncode == 0
    exported = run_cli("export", "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(rows) == 16 and sum(1 for r in rows if r["story_id"]) == 15
    return [{k: r[k] for k in FIELDS} for r in rows]


def _ingest_runs(folder: Path, runs: list[list[dict]]) -> sqlite3.Connection:
    db = folder / "stories.db"
    for n, records in enumerate(runs):
        source = folder / f"run-{n}.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        result = run_cli("ingest", str(source), "--db", str(db), "--set", "NEWSCRAWL_MIN_BODY_WORDS=0")
        assert result.returncode == 0, result.stderr[-2000:]
    return sqlite3.connect(db)


def _stories(conn: sqlite3.Connection) -> dict[frozenset[str], tuple]:
    """Each story as (its articles) -> (the match facts of its row)."""
    groups: dict[int, set[str]] = {}
    for url, story_id in conn.execute("SELECT canonical_url, story_id FROM articles WHERE story_id IS NOT NULL"):
        groups.setdefault(story_id, set()).add(url)
    facts = {row[0]: row[1:] for row in conn.execute(
        "SELECT s.id, m.kickoff_date, m.competition, m.home_team, m.away_team, m.score_home, m.score_away, "
        "m.leg, s.tie_key FROM stories s JOIN matches m ON m.id = s.match_id")}
    return {frozenset(urls): facts[sid] for sid, urls in groups.items()}


@pytest.fixture(scope="module")
def in_order(demo_records, tmp_path_factory) -> dict[frozenset[str], tuple]:
    ordered = sorted(demo_records, key=lambda r: r["published_at"])
    stories = _stories(_ingest_runs(tmp_path_factory.mktemp("in-order"), [ordered]))
    assert len(stories) == 7 and sum(len(g) for g in stories) == 15
    return stories


def test_reverse_order_gives_the_same_stories(demo_records, in_order, tmp_path):
    reverse = sorted(demo_records, key=lambda r: r["published_at"], reverse=True)
    assert _stories(_ingest_runs(tmp_path, [reverse])) == in_order


def test_random_order_gives_the_same_stories(demo_records, in_order, tmp_path):
    shuffled = list(demo_records)
    random.Random(7).shuffle(shuffled)
    assert _stories(_ingest_runs(tmp_path, [shuffled])) == in_order


def test_three_runs_give_the_same_stories(demo_records, in_order, tmp_path):
    shuffled = list(demo_records)
    random.Random(3).shuffle(shuffled)
    runs = [shuffled[:5], shuffled[5:11], shuffled[11:]]
    assert _stories(_ingest_runs(tmp_path, runs)) == in_order


PREVIEW = {"url": "https://example.com/a/preview.html", "title": "Arsenal v Chelsea preview: team news",
           "published_at": "2024-05-01T09:00:00+00:00", "language": "en",
           "body": "Arsenal welcome Chelsea in the Premier League with both sides chasing points. Mikel Arteta "
                   "has no new injury worries before the London derby, while Chelsea hope Cole Palmer recovers "
                   "from a knock. Arsenal won the last meeting between the clubs at the Emirates."}
REPORT = {"url": "https://example.com/a/report.html", "title": "Arsenal 2-2 Chelsea: Palmer rescues a point",
          "published_at": "2024-05-06T09:00:00+00:00", "language": "en",
          "body": "Arsenal and Chelsea shared the points in the Premier League after a 2-2 draw in the London "
                  "derby. Bukayo Saka and Kai Havertz scored for Arsenal before Cole Palmer and Nicolas Jackson "
                  "hit back for Chelsea in the second half."}
DATED = {"url": "https://example.com/a/dated.html", "title": "Arsenal and Chelsea draw 2-2 at the Emirates",
         "published_at": "2024-05-07T09:00:00+00:00", "language": "en",
         "body": "Arsenal and Chelsea drew 2-2 in the Premier League on 4 May 2024. Bukayo Saka scored first "
                 "for Arsenal, and Cole Palmer levelled for Chelsea from the penalty spot in a lively London "
                 "derby at the Emirates."}


def test_an_article_that_unites_two_stories_merges_them_into_the_oldest_id(tmp_path):
    conn = _ingest_runs(tmp_path, [[PREVIEW, REPORT]])
    before = dict(conn.execute("SELECT canonical_url, story_id FROM articles"))
    assert len(set(before.values())) == 2 and None not in before.values(), "preview and report: two windows"
    conn.close()
    conn = _ingest_runs(tmp_path, [[DATED]])
    after = dict(conn.execute("SELECT canonical_url, story_id FROM articles"))
    oldest, newer = min(before.values()), max(before.values())
    assert set(after.values()) == {oldest}, "the dated report puts all three in one story"
    assert conn.execute("SELECT old_id, new_id FROM story_merges").fetchall() == [(newer, oldest)]
    assert conn.execute("SELECT kickoff_date, score_home, score_away FROM matches").fetchall() == [("2024-05-04", 2, 2)]
    db = str(tmp_path / "stories.db")
    shown = run_cli("story", str(newer), "--db", db)
    assert shown.returncode == 0 and f"story {newer} was merged into story {oldest}" in shown.stdout
    as_json = json.loads(run_cli("story", str(newer), "--db", db, "--json").stdout)
    assert (as_json["id"], as_json["merged_from"], as_json["article_total"]) == (oldest, newer, 3)
    assert run_cli("story", "999", "--db", db).returncode != 0


def test_a_run_killed_before_grouping_is_repaired_by_the_next(tmp_path):
    db = tmp_path / "killed.db"
    crawler = newscrawl_crawler(db)
    pipeline = build(StoryPipeline, crawler)
    # what a run killed between the store's commit and the re-grouping leaves: articles, no stories
    items = [pipeline.process_item(_prepared(r)) for r in (PREVIEW, DATED)]
    archive = Archive(db)
    archive.write_articles([record_for(i) for i in items])
    assert archive.conn.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 2
    archive.close()
    report = ingest([], crawl_settings(db, {}))  # the next run, bringing nothing
    assert report.stats["newscrawl/stories/regroup/articles"] == 2
    conn = sqlite3.connect(db)
    assert [r[0] for r in conn.execute("SELECT DISTINCT story_id FROM articles")] == [1]


def _prepared(record: dict):
    item = item_from_record(record)
    item.published_at = record["published_at"]  # as the date pipeline would set it
    item.language = record["language"]
    return item


def test_a_small_batch_into_a_bigger_archive_touches_only_its_pairs(demo_records, tmp_path):
    db = tmp_path / "big.db"
    settings = crawl_settings(db, {"NEWSCRAWL_MIN_BODY_WORDS": 0})
    ingest(list(enumerate(demo_records, 1)), settings)
    report = ingest([(1, PREVIEW)], settings)
    assert report.stats["newscrawl/stories/regroup/pairs"] == 1
    assert report.stats["newscrawl/stories/regroup/articles"] == 3, "the preview and the demo's Arsenal-Chelsea pair"


def test_serve_redirects_a_merged_story_to_the_one_it_went_to(tmp_path):
    import http.client
    from urllib.parse import urlsplit

    from tests.support.serve import serving

    _ingest_runs(tmp_path, [[PREVIEW, REPORT]]).close()
    _ingest_runs(tmp_path, [[DATED]]).close()
    with sqlite3.connect(tmp_path / "stories.db") as conn:
        (newer, oldest), = conn.execute("SELECT old_id, new_id FROM story_merges").fetchall()
    with serving(tmp_path / "stories.db") as base:
        where = urlsplit(base)
        client = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
        client.request("GET", f"/story/{newer}?lang=fr")
        moved = client.getresponse()
        moved.read()
        assert (moved.status, moved.getheader("location")) == (301, f"/story/{oldest}?lang=fr")
        client.request("GET", f"/story/{oldest}")
        page = client.getresponse()
        assert page.status == 200 and "Chelsea" in page.read().decode("utf-8")
        client.request("GET", "/story/999")
        missing = client.getresponse()
        missing.read()
        assert missing.status == 404
