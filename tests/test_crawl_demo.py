"""A real crawl of the embedded demo web: `newscrawl crawl --demo` in a subprocess, rows checked in SQLite.

Expectations come from newscrawl/demo/sites/README.md (pages P1..W3, matches M1..M7).
"""

from __future__ import annotations

import sqlite3
from urllib.parse import urlsplit

import pytest

from tests.support.cli import run_cli

P = {
    "P1": "/football/europa-league/2024/05/02/marseille-1-1-atalanta-first-leg-report.html",
    "P2": "/football/europa-league/2024/05/07/atalanta-v-marseille-preview-europa-league-semi-final.html",
    "P3": "/football/premier-league/2024/05/04/arsenal-2-2-chelsea-report.html",
    "P4": "/football/eredivisie/2024/05/05/psv-2-1-feyenoord-report.html",
    "P5": "/football/transfers/2024/05/06/juventus-step-up-interest-in-koopmeiners.html",
    "P6": "/football/ligue-1/2024/05/06/dembele-inspires-psg-past-lyon.html",
    "F1": "/football/ligue-europa/om-atalanta-mbemba-repond-a-scamacca_24050201.html",
    "F2": "/football/ligue-europa/atalanta-om-l-om-joue-sa-place-en-finale-a-bergame_24050801.html",
    "F3": "/football/ligue-1/psg-ol-le-psg-s-impose-3-a-1-face-a-lyon_24050502.html",
    "F4": "/football/angleterre/arsenal-chelsea-2-partout-palmer-sauve-les-blues_24050401.html",
    "F5": "/football/international/la-belgique-bat-les-pays-bas-2-a-1_24060501.html",
    "N1": "/voetbal/europa-league/2024/05/02/marseille-en-atalanta-maken-nog-volop-kans-op-finale.html",
    "N2": "/voetbal/eredivisie/2024/05/05/psv-wint-topper-van-feyenoord.html",
    "N3": "/voetbal/champions-league/2024/03/13/psv-strandt-in-dortmund.html",
    "N4": "/voetbal/oranje/2024/06/05/belgie-te-sterk-voor-oranje.html",
    "W1": "/en/football/2024/05/05/psg-beat-lyon-3-1-at-parc-des-princes.html",
    "W2": "/en/football/2024/03/13/dortmund-knock-out-psv-to-reach-quarter-finals.html",
}
STORED = {k for k in P if k != "P6"}
MATCHES = {
    "M1": {"P1", "F1", "N1"},
    "M2": {"P2", "F2"},
    "M3": {"P4", "N2"},
    "M4": {"W1", "F3"},
    "M5": {"P3", "F4"},
    "M6": {"W2", "N3"},
    "M7": {"F5", "N4"},
}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = run_cli("crawl", "--demo", "--db", str(db))
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    yield result, conn
    conn.close()


def _page(url: str) -> str | None:
    path = urlsplit(url).path
    return next((k for k, v in P.items() if v == path), None)


def test_crawl_succeeds_with_a_one_line_summary(crawl):
    result, _ = crawl
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newscrawl run 1 ok:")
    assert "stored by language: en=7 fr=5 nl=4" in lines[0]


def test_every_demo_article_is_stored_once(crawl):
    _, db = crawl
    pages = [_page(r["canonical_url"]) for r in db.execute("SELECT canonical_url FROM articles")]
    assert sorted(pages) == sorted(STORED)
    languages = dict(db.execute("SELECT language, count(*) FROM articles GROUP BY language").fetchall())
    assert languages == {"en": 7, "fr": 5, "nl": 4}


def test_german_robots_and_non_article_pages_are_absent(crawl):
    _, db = crawl
    urls = [r[0] for r in db.execute("SELECT url FROM article_urls")]
    assert not [u for u in urls if "/private/" in u], "robots.txt disallows /private/"
    assert not [u for u in urls if "/de/" in u], "the German article must be filtered"
    assert not [u for u in urls if u.endswith(("table.html", "tag/psv.html", "contact.html"))]


def test_syndicated_copy_and_url_variants_point_to_one_article(crawl):
    _, db = crawl
    urls = db.execute("SELECT url, article_id, kind FROM article_urls").fetchall()
    plain = {_page(url): (article_id, kind) for url, article_id, kind in urls if not urlsplit(url).query}
    w1_id = plain["W1"][0]
    assert plain["P6"] in {(w1_id, "near_duplicate"), (w1_id, "exact_duplicate")}
    tracking = [(a, k) for url, a, k in urls if "utm_source=rss" in url]
    assert tracking == [(plain["P3"][0], "alias")]
    xtor = [(url, a, k) for url, a, k in urls if "xtor=RSS-3" in url]
    assert len(xtor) == 5 and all(k == "alias" and plain[_page(u)][0] == a for u, a, k in xtor)


def test_dates_keep_the_publishers_offset_with_raw_and_precision(crawl):
    _, db = crawl
    rows = {_page(r["canonical_url"]): r for r in db.execute("SELECT * FROM articles")}
    assert rows["F1"]["published_at"] == "2024-05-02T23:12:00+02:00"
    assert rows["N1"]["published_at"] == "2024-05-02T23:14:00+02:00"
    assert rows["P1"]["published_at"] == "2024-05-02T22:05:00+01:00"
    assert (rows["F1"]["published_utc"], rows["P1"]["published_utc"]) == (
        "2024-05-02T21:12:00+00:00", "2024-05-02T21:05:00+00:00")
    assert all(r["published_precision"] in {"minute", "second"} for r in rows.values())
    assert all(r["published_raw"] for r in rows.values())


def test_each_demo_match_is_one_story_across_languages(crawl):
    _, db = crawl
    story_of = {_page(r["canonical_url"]): r["story_id"] for r in db.execute("SELECT canonical_url, story_id FROM articles")}
    for match, pages in MATCHES.items():
        stories = {story_of[p] for p in pages}
        assert len(stories) == 1 and None not in stories, f"{match}: {pages} split into stories {stories}"
    assert len({story_of[next(iter(p))] for p in MATCHES.values()}) == len(MATCHES), "two matches merged"
    assert story_of["P5"] is None, "a transfer story is not about a match"


def test_the_two_legs_share_a_tie(crawl):
    _, db = crawl
    story_of = {_page(r["canonical_url"]): r["story_id"] for r in db.execute("SELECT canonical_url, story_id FROM articles")}
    ties = {
        row[0]: row[1] for row in db.execute("SELECT id, tie_key FROM stories")
    }
    assert ties[story_of["P1"]] and ties[story_of["P1"]] == ties[story_of["P2"]]


def test_crawl_run_is_recorded(crawl):
    _, db = crawl
    run = db.execute("SELECT * FROM crawl_runs").fetchone()
    assert run["status"] == "ok" and run["finished_at"] and run["articles_new"] == 16
    assert run["duplicates"] >= 1 and run["errors"] == 0


def test_match_rows_show_what_the_articles_agree_on(crawl):
    _, db = crawl
    story_of = {_page(r["canonical_url"]): r["story_id"] for r in db.execute("SELECT canonical_url, story_id FROM articles")}
    rows = {
        story_id: (competition, home, away, score_home, score_away)
        for story_id, competition, home, away, score_home, score_away in db.execute(
            "SELECT s.id, m.competition, m.home_team, m.away_team, m.score_home, m.score_away "
            "FROM stories s JOIN matches m ON m.id = s.match_id"
        )
    }
    assert rows[story_of["P1"]] == ("uefa-europa-league", "fra-marseille", "ita-atalanta", 1, 1)
    assert rows[story_of["P2"]][:3] == ("uefa-europa-league", "ita-atalanta", "fra-marseille")
    assert rows[story_of["P2"]][3:] == (None, None), "a predicted score is not a result"
    assert rows[story_of["W1"]] == ("fra-ligue-1", "fra-psg", "fra-lyon", 3, 1)
    assert rows[story_of["W2"]] == ("uefa-champions-league", "ger-dortmund", "ned-psv", 2, 0)
    assert rows[story_of["F5"]][0] == "friendly", "'before the Euro' does not make it a Euro match"
