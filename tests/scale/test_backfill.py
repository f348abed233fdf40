"""Backfill from WARC files on a Dask LocalCluster: the demo web's pages, archived by the test with warcio.

The files are named like CC-NEWS's; one page is re-encoded as cp1252 (declared
in its Content-Type), one comes from a host outside the registry, one is a
syndicated copy of another site's article. The backfill must give the stories of
a crawl of the demo web, and a backfill killed halfway must resume without
duplicates.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from newscrawl.demo.server import DemoWeb
from tests.support.cli import REPO, newscrawl_command, run_cli
from tests.support.shared import fingerprint, reference_crawl

warcio = pytest.importorskip("warcio", reason="the scale extra is not installed: pip install -e '.[scale]'")
pytest.importorskip("distributed", reason="the scale extra is not installed: pip install -e '.[scale]'")

FILES = 4


def warc_record(writer, url: str, body: bytes, content_type: str):
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)


def write_warcs(web: DemoWeb, reference: Path, folder: Path) -> list[Path]:
    """The pages the reference crawl fetched as articles, spread over CC-NEWS-style files."""
    from warcio.warcwriter import WARCWriter

    with sqlite3.connect(reference) as conn:
        urls = sorted(r[0] for r in conn.execute("SELECT url FROM crawl_state WHERE kind = 'article'"))
        kept = conn.execute("SELECT canonical_url FROM articles WHERE language = 'fr' LIMIT 1").fetchone()[0]
        syndicated = conn.execute("SELECT canonical_url FROM articles WHERE language = 'en' LIMIT 1").fetchone()[0]
    pages = []
    for url in urls:
        with urllib.request.urlopen(url) as answer:
            pages.append((answer.url, answer.read(), answer.headers["Content-Type"]))
    extra = []
    for url, body, ctype in list(pages):
        if url == kept:  # the same French article, sent as cp1252 and declared so
            pages.remove((url, body, ctype))
            extra.append((url, body.decode("utf-8").encode("cp1252"), "text/html; charset=windows-1252"))
        if url == syndicated:  # another registry site carrying the same report under its own URL
            other = web.bases["wire-sports"] + "/en/football/syndicated/" + url.rsplit("/", 1)[1]
            extra.append((other, body.replace(url.encode(), other.encode()), ctype))  # its own canonical
            extra.append(("https://unknown-host.example/football/" + url.rsplit("/", 1)[1], body, ctype))
    files = []
    for n in range(FILES):
        path = folder / f"CC-NEWS-20240502{n:06d}-{n:05d}.warc.gz"
        with path.open("wb") as out:
            writer = WARCWriter(out, gzip=True)
            # the copies in the last file: the writer ingests in file order, so the originals are kept
            for url, body, ctype in pages[n::FILES] + (extra if n == FILES - 1 else []):
                writer.write_record(warc_record(writer, url, body, ctype))
        files.append(path)
    return files


@pytest.fixture(scope="module")
def demo_warcs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("warc")
    with DemoWeb() as web:
        registry, reference, _ = reference_crawl(web.bases, tmp)
        files = write_warcs(web, reference, tmp)
    return registry, reference, files


def backfill(registry, db, files, *extra):
    return run_cli("backfill", *map(str, files), "--registry", str(registry), "--db", str(db), "--json",
                   "--workers", "2", *extra, timeout=240)


def test_a_backfill_on_dask_gives_the_stories_of_a_crawl(demo_warcs, tmp_path):
    registry, reference, files = demo_warcs
    db = tmp_path / "backfill.db"
    result = backfill(registry, db, files)
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout)
    ours, theirs = fingerprint(db), fingerprint(reference)
    assert set(ours["articles"]) == set(theirs["articles"]), "the same articles, the cp1252 one included"
    assert ours["stories"] == theirs["stories"]
    with sqlite3.connect(db) as conn:
        assert not conn.execute("SELECT 1 FROM article_urls WHERE url LIKE '%unknown-host%'").fetchall()
        kinds = dict(conn.execute("SELECT url, kind FROM article_urls WHERE url LIKE '%/syndicated/%'").fetchall())
        runs = conn.execute("SELECT status, exit_code FROM crawl_runs").fetchall()
    assert list(kinds.values()) in (["exact_duplicate"], ["near_duplicate"]), kinds
    with sqlite3.connect(reference) as conn:
        cp1252 = conn.execute("SELECT canonical_url FROM articles WHERE language = 'fr' LIMIT 1").fetchone()[0]
    # title, language, hash of the normalised body: the cp1252 page reads exactly as the UTF-8 one
    assert ours["articles"][cp1252][2:] == theirs["articles"][cp1252][2:]
    assert ours["articles"][cp1252][0] == "fr"
    assert summary["duplicates"] >= 1 and runs == [("ok", 0)]


def test_a_backfill_killed_halfway_resumes_without_duplicates(demo_warcs, tmp_path):
    registry, reference, files = demo_warcs
    db = tmp_path / "resumed.db"
    shards = tmp_path / "shards"
    process = subprocess.Popen(
        [*newscrawl_command(), "backfill", *map(str, files), "--registry", str(registry), "--db", str(db),
         "--workers", "1", "--shards", str(shards)], cwd=REPO, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(1200):
            if len(list(shards.glob("*.ingested"))) >= FILES // 2 or process.poll() is not None:
                break
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the backfill and its Dask cluster
        process.wait()
    ingested_first = len(list(shards.glob("*.ingested")))
    assert 0 < ingested_first < FILES, "killed halfway"
    result = backfill(registry, db, files, "--shards", str(shards))
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout)
    clean = tmp_path / "clean.db"
    assert backfill(registry, clean, files).returncode == 0
    assert fingerprint(db) == fingerprint(clean), "resumed = done in one go"
    with sqlite3.connect(db) as conn:
        statuses = [r[0] for r in conn.execute("SELECT status FROM crawl_runs ORDER BY id")]
        stats = json.loads(conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC").fetchone()[0])
    assert statuses == ["killed", "ok"]
    assert stats["newscrawl/backfill/shards_skipped"] == ingested_first
    assert summary["articles_new"] + summary["articles_unchanged"] <= len(fingerprint(clean)["articles"])
