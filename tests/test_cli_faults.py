"""Bad input and faults, tried as a new user would: one clear line, the documented exit code, nothing lost.

Every test runs the installed CLI in a subprocess against a real SQLite file.
"""

from __future__ import annotations

import json
import socket
import sqlite3

import pytest

from newscrawl.runs.exit_codes import ExitCode
from newscrawl.runs.lock import CrawlLock
from tests.conftest import FIXTURES
from tests.support.archive import build_archive
from tests.support.cli import run_cli

ARTICLES = FIXTURES / "ingest" / "articles.jsonl"

REGISTRY = """[[source]]
name = "harbour-town"
homepage = "http://127.0.0.1:9/"
languages = {languages}
timezone = "Europe/London"
feeds = ["http://127.0.0.1:9/feed.xml"]
"""


def _bad_import(path):
    """The ingest fixture with a line that is not UTF-8, a record in an unknown time zone and a
    date no parser reads, between good records."""
    lines = ARTICLES.read_bytes().splitlines()[:5]
    records = [json.loads(line) for line in lines]
    mars = {**records[1], "timezone": "Mars/Base"}
    undated = {**records[2], "published_raw": "le lendemain de la tempête"}
    undated.pop("published_at", None)
    out = [lines[0], b'{"url": "https://x.example.com/a", "title": "caf\xe9", "body": "x"}',
           json.dumps(mars).encode(), json.dumps(undated).encode(), *lines[3:]]
    path.write_bytes(b"\n".join(out) + b"\n")
    return path


def test_ingest_skips_bad_records_by_line_and_imports_the_rest(tmp_path):
    db = tmp_path / "import.db"
    source = _bad_import(tmp_path / "bad.jsonl")
    first = run_cli("ingest", str(source), "--db", str(db))
    assert first.returncode == ExitCode.PARTIAL, first.stderr
    assert "Traceback" not in first.stderr
    assert first.stdout.strip() == ("ingested 6 records: 2 stored, 0 unchanged, 0 duplicates, "
                                    "dropped: language_de=1, too_short=1, 2 bad lines")
    skipped = first.stderr.splitlines()
    assert skipped[0] == "skipped line 2: not UTF-8: byte 0xe9 at column 49"
    assert skipped[1].startswith("skipped line 3: ") and "unknown time zone 'Mars/Base'" in skipped[1]
    rows = dict(sqlite3.connect(db).execute("SELECT source, published_raw FROM articles").fetchall())
    assert rows["vestiaire"] == "le lendemain de la tempête"  # not parsed, but kept as raw
    again = run_cli("ingest", str(source), "--db", str(db))
    assert again.returncode == ExitCode.PARTIAL
    assert again.stdout.startswith("ingested 6 records: 0 stored, 2 unchanged,")


def test_ingest_rejects_an_unknown_default_time_zone(tmp_path):
    result = run_cli("ingest", str(ARTICLES), "--db", str(tmp_path / "x.db"), "--timezone", "Mars/Base")
    assert result.returncode == ExitCode.CONFIG
    assert "unknown time zone 'Mars/Base'" in result.stderr and "Traceback" not in result.stderr


def test_ingest_rejects_a_bad_setting_before_reading(tmp_path):
    db = tmp_path / "x.db"
    result = run_cli("ingest", str(ARTICLES), "--db", str(db), "--set", "NEWSCRAWL_STORE_BATCH_SIZE=many")
    assert result.returncode == ExitCode.CONFIG
    assert result.stderr.strip() == ("error: --set NEWSCRAWL_STORE_BATCH_SIZE='many': "
                                     "NEWSCRAWL_STORE_BATCH_SIZE must be a number")
    assert not db.exists()


def test_extract_jsonl_with_a_bad_line_is_partial(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<html><body><article><h1>Title</h1><p>Some words here.</p></article></body></html>")
    lines = json.dumps({"url": "https://example.com/a", "path": str(page)}) + "\n{not json\n"
    result = run_cli("extract", "--jsonl", input=lines)
    assert result.returncode == ExitCode.PARTIAL
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["title"] == "Title" and out[1]["error"].startswith("line 2: ")


def test_extract_refuses_a_page_over_the_crawl_page_cap(tmp_path):
    page = tmp_path / "huge.html"
    page.write_bytes(b"<html><body><p>" + b"word " * (9 * 1024 * 1024 // 5) + b"</p></body></html>")
    result = run_cli("extract", str(page), "--url", "https://example.com/huge")
    assert result.returncode == ExitCode.FAILED
    error = json.loads(result.stdout)["error"]
    assert "over the page cap of 8,388,608" in error and "--max-size" in error
    small = tmp_path / "a.html"
    small.write_text("<html><body><p>hello</p></body></html>")
    capped = run_cli("extract", str(small), "--url", "https://example.com/a", "--max-size", "10")
    assert capped.returncode == ExitCode.FAILED and "over the page cap of 10" in capped.stdout


def test_a_bad_setting_is_a_configuration_error_before_anything_starts(tmp_path):
    registry = tmp_path / "sources.toml"
    registry.write_text(REGISTRY.format(languages='["en"]'), encoding="utf-8")
    db = tmp_path / "news.db"
    result = run_cli("crawl", "--registry", str(registry), "--db", str(db), "--set", "DOWNLOAD_TIMEOUT=abc")
    assert result.returncode == ExitCode.CONFIG
    assert result.stderr.strip() == ("configuration error: --set DOWNLOAD_TIMEOUT='abc': "
                                     "DOWNLOAD_TIMEOUT must be a number")
    assert not db.exists()  # no run recorded, not even an archive created


@pytest.mark.parametrize("languages", ['["english"]', '["de"]'])
def test_a_registry_language_must_be_a_supported_code(tmp_path, languages):
    registry = tmp_path / "sources.toml"
    registry.write_text(REGISTRY.format(languages=languages), encoding="utf-8")
    result = run_cli("crawl", "--registry", str(registry), "--db", str(tmp_path / "news.db"))
    assert result.returncode == ExitCode.CONFIG
    line = result.stderr.strip()
    assert "\n" not in line and "'harbour-town'" in line and "en, fr, nl" in line
    assert languages.strip('[]"') in line


def test_a_locked_archive_says_only_that_even_when_the_demo_ports_are_busy(tmp_path):
    db = tmp_path / "news.db"
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        with CrawlLock(db):
            result = run_cli("crawl", "--demo", "--db", str(db), "--demo-port", str(busy.getsockname()[1]))
    finally:
        busy.close()
    assert result.returncode == ExitCode.LOCKED
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("newscrawl: not started: another crawl")


def test_crawl_logs_warnings_to_stderr_and_everything_to_the_log_file(tmp_path):
    quiet = run_cli("crawl", "--demo", "--demo-port", "0", "--db", str(tmp_path / "a.db"), timeout=240)
    assert quiet.returncode == ExitCode.OK, quiet.stderr[-2000:]
    assert " INFO: " not in quiet.stderr and len(quiet.stderr.splitlines()) < 10
    log = tmp_path / "crawl.log"
    logged = run_cli("crawl", "--demo", "--demo-port", "0", "--db", str(tmp_path / "b.db"),
                     "--log-file", str(log), timeout=240)
    assert logged.returncode == ExitCode.OK, logged.stderr[-2000:]
    assert logged.stderr == ""
    text = log.read_text("utf-8")
    assert "[scrapy.core.engine] INFO: Spider opened" in text
    assert logged.stdout.strip() in text  # the summary line, in the log too


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = tmp_path_factory.mktemp("faults-search") / "football.db"
    build_archive(path)
    return str(path)


def test_a_search_of_thousands_of_repeated_terms_is_merged_or_refused(archive):
    short = run_cli("search", " ".join(["a*"] * 3333), "--db", archive, timeout=60)
    assert short.returncode == ExitCode.CONFIG
    assert short.stderr.strip() == "error: prefix a* is too short: give at least 2 letters before *"
    merged = run_cli("search", " ".join(["mbemb*"] * 3333), "--db", archive, "--json", timeout=60)
    assert merged.returncode == ExitCode.OK, merged.stderr
    assert len(merged.stdout.splitlines()) >= 1  # the same hits as one "mbemb*"
    many = run_cli("search", " ".join(f"word{i}" for i in range(40)), "--db", archive)
    assert many.returncode == ExitCode.CONFIG
    assert many.stderr.strip() == "error: query has 40 different terms; at most 32 are searched"
