"""The item pipelines in their configured order, run through ingest on a real SQLite file."""

from __future__ import annotations

import json

import pytest

from newscrawl.archive import Archive
from newscrawl.runs.crawl import crawl_settings
from newscrawl.runs.ingest import IngestError, ingest, item_from_record, read_records
from newscrawl.sources import load_registry
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "ingest" / "articles.jsonl"


@pytest.fixture
def report_and_archive(tmp_path):
    db = tmp_path / "ingest.db"
    report = ingest(read_records(ARTICLES), crawl_settings(db))
    return report, Archive(db)


def test_ingest_stores_cleans_and_counts(report_and_archive):
    report, archive = report_and_archive
    assert report.read == 6
    assert report.errors == ["line 6: not JSON: Expecting property name enclosed in double quotes"]
    assert report.dropped == {"language_de": 1, "too_short": 1}
    assert report.duplicates == 1
    rows = {r["canonical_url"]: r for r in archive.db["articles"].rows}
    assert set(rows) == {"https://pitch.example.com/report/arsenal-chelsea", "https://vestiaire.example.fr/ligue-1/psg-ol"}
    assert rows["https://vestiaire.example.fr/ligue-1/psg-ol"]["language"] == "fr"


def test_dates_are_read_in_the_records_time_zone(report_and_archive):
    _, archive = report_and_archive
    row = archive.db.execute(
        "SELECT published_at, published_utc, published_raw, published_precision FROM articles "
        "WHERE source = 'vestiaire'"
    ).fetchone()
    assert row == ("2024-04-21T23:12:00+02:00", "2024-04-21T21:12:00+00:00", "Publié le 21/04/2024 à 23h12",
                   "minute")


def test_syndicated_copy_is_an_url_of_the_original(report_and_archive):
    _, archive = report_and_archive
    kinds = {r["url"]: r["kind"] for r in archive.db["article_urls"].rows}
    assert kinds["https://wire.example.org/sport/arsenal-chelsea"] in {"exact_duplicate", "near_duplicate"}
    assert kinds["https://pitch.example.com/report/arsenal-chelsea?utm_source=rss"] == "alias"


def test_second_ingest_of_the_same_file_adds_nothing(tmp_path):
    db = tmp_path / "twice.db"
    ingest(read_records(ARTICLES), crawl_settings(db))
    again = ingest(read_records(ARTICLES), crawl_settings(db))
    assert again.stored == 0
    assert Archive(db).db["articles"].count == 2
    assert again.stats.get("newscrawl/store/unchanged") == 2


def test_near_duplicates_are_found_across_runs(tmp_path):
    db = tmp_path / "runs.db"
    first, copy = [json.loads(line) for line in ARTICLES.read_text().splitlines()[:2]]
    ingest([(1, first)], crawl_settings(db))
    copy["body"] = first["body"].replace("Emirates Stadium", "Emirates") + "\n\n(Reporting by the wire desk.)"
    report = ingest([(1, copy)], crawl_settings(db))
    assert report.duplicates == 1 and report.stored == 0
    row = Archive(db).db.execute(
        "SELECT kind, similarity FROM article_urls WHERE url = ?", [copy["url"]]
    ).fetchone()
    assert row[0] == "near_duplicate" and 0.6 <= row[1] < 1.0


def test_updated_text_under_same_url_replaces_the_old_one(tmp_path):
    db = tmp_path / "upd.db"
    first = json.loads(ARTICLES.read_text().splitlines()[2])
    ingest([(1, first)], crawl_settings(db))
    first["body"] += "\n\nMise à jour : Lacazette a été remplacé à la pause, touché à la cuisse."
    report = ingest([(1, first)], crawl_settings(db))
    assert report.stats.get("newscrawl/store/updated") == 1
    rows = list(Archive(db).db["articles"].rows)
    assert len(rows) == 1 and "Mise à jour" in rows[0]["body"] and rows[0]["version"] == 2


@pytest.mark.parametrize(
    "record", [{"title": "x", "body": "y"}, {"url": "ftp://x/y", "body": "y"}, {"url": "https://x/y", "body": " "}]
)
def test_records_without_url_or_body_are_refused(record):
    with pytest.raises(IngestError):
        item_from_record(record)


def test_a_registry_sources_own_trackers_leave_its_canonical_url(tmp_path):
    """As the spider does, ingest drops a source's registry ``tracking_params``; only that source's."""
    registry = tmp_path / "sites.toml"
    registry.write_text(
        '[[source]]\nname = "pitch"\nhomepage = "https://pitch.example.com/"\nlanguages = ["en"]\n'
        'country = "GB"\ntimezone = "Europe/London"\nfeeds = ["https://pitch.example.com/rss"]\n'
        'tracking_params = ["ref_src"]\n', encoding="utf-8")
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()
    first, second = json.loads(lines[0]), json.loads(lines[2])
    records = [
        {**first, "source": "pitch", "url": "https://pitch.example.com/report/arsenal-chelsea?ref_src=tw&page=2"},
        {**second, "source": "elsewhere", "url": "https://other.example.org/psg-ol?ref_src=tw"},
    ]
    db = tmp_path / "ingest.db"
    report = ingest(enumerate(records, 1), crawl_settings(db), registry=load_registry(registry))
    assert report.errors == []
    archive = Archive(db, readonly=True)
    stored = {r[0] for r in archive.db.execute("SELECT canonical_url FROM articles")}
    archive.close()
    assert stored == {"https://pitch.example.com/report/arsenal-chelsea?page=2",
                      "https://other.example.org/psg-ol?ref_src=tw"}
