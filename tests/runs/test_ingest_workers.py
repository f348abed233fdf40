"""Ingest with analysis workers (NEWSCRAWL_PARSE_WORKERS) stores what an ingest without them stores."""

from __future__ import annotations

import json
import sqlite3

import pytest

from newscrawl.runs import ingest as ingest_module
from newscrawl.runs.crawl import crawl_settings
from newscrawl.runs.ingest import ingest, read_records
from tests.conftest import FIXTURES


def _records(tmp_path, copies: int):
    """The ingest fixture's lines, ``copies`` times under other URLs (so duplicates too)."""
    lines = (FIXTURES / "ingest" / "articles.jsonl").read_text("utf-8").splitlines()
    out = []
    for n in range(copies):
        for line in lines:
            try:
                record = json.loads(line)
                record["url"] = record["url"].replace("https://", f"https://copy{n}.")
                out.append(json.dumps(record))
            except (ValueError, KeyError):
                out.append(line)  # the fixture's bad lines stay bad
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(out) + "\n", "utf-8")
    return path


def _stored(db):
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(
            "SELECT a.canonical_url, a.language, a.published_at, a.content_hash, a.article_type, a.match_facts, "
            "m.signature, (SELECT group_concat(url || ' ' || kind) FROM article_urls u WHERE u.article_id = a.id) "
            "FROM articles a LEFT JOIN article_minhash m ON m.article_id = a.id"))


@pytest.mark.timeout(300)
def test_ingest_with_workers_stores_what_ingest_without_them_stores(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "_POOL_FROM", 10)  # the pool for a small file too
    path = _records(tmp_path, copies=4)
    reports = {}
    for workers in (0, 2):
        db = tmp_path / f"workers{workers}.db"
        reports[workers] = report = ingest(read_records(path), crawl_settings(db, {"NEWSCRAWL_PARSE_WORKERS": workers}))
        assert (report.stats.get("newscrawl/analysis/ahead", 0) > 0) == (workers > 0)
    plain, pooled = reports[0], reports[2]
    assert plain.stored >= 2 and plain.duplicates >= 4 and plain.errors
    assert (pooled.read, pooled.stored, pooled.duplicates, pooled.dropped, pooled.errors) == (
        plain.read, plain.stored, plain.duplicates, plain.dropped, plain.errors)
    assert _stored(tmp_path / "workers2.db") == _stored(tmp_path / "workers0.db")


def test_a_small_input_is_analysed_in_process(tmp_path):
    report = ingest(read_records(_records(tmp_path, copies=1)),
                    crawl_settings(tmp_path / "small.db", {"NEWSCRAWL_PARSE_WORKERS": 2}))
    assert report.stored >= 2 and "newscrawl/analysis/ahead" not in report.stats
