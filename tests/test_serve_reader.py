"""The reader's view of ``newscrawl serve`` on the demo archive: pages, feeds, links, in Chromium.

The archive is a real crawl of the embedded demo web (``newscrawl crawl --demo``)
served by the real ``newscrawl serve``. Feeds and links are checked over HTTP;
the pages in headless Chromium (Playwright driving Debian's ``chromium``) at desktop
and phone width, with screenshots kept in ``test-artifacts/screenshots/``
(``NEWSCRAWL_SCREENSHOTS`` moves them) for people to look at.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.support.cli import REPO
from tests.support.serve import CHROMIUM_FLAGS, chromium, serving

SCREENSHOTS = Path(os.environ.get("NEWSCRAWL_SCREENSHOTS", REPO / "test-artifacts" / "screenshots"))
WIDTHS = {"desktop": 1280, "phone": 390}
#: The demo's seven match stories, by (home, away).
DEMO_MATCHES = {
    ("Belgium", "Netherlands"), ("Atalanta", "Olympique de Marseille"),
    ("Paris Saint-Germain", "Olympique Lyonnais"), ("PSV", "Feyenoord"), ("Arsenal", "Chelsea"),
    ("Olympique de Marseille", "Atalanta"), ("Borussia Dortmund", "PSV"),
}
TRACKING = re.compile(r"[?&](utm_[a-z]+|xtor|fbclid)=", re.IGNORECASE)


@pytest.fixture(scope="module")
def demo_db(demo_archive) -> Path:
    return demo_archive


@pytest.fixture(scope="module")
def story_of(demo_db) -> dict[tuple[str, str], int]:
    """Story id by (home, away) team name: ids depend on the order the crawl met the articles."""
    with sqlite3.connect(demo_db) as conn:
        rows = conn.execute(
            "SELECT ht.name, at.name, s.id FROM stories s JOIN matches m ON m.id = s.match_id "
            "JOIN teams ht ON ht.id = m.home_team JOIN teams at ON at.id = m.away_team").fetchall()
    found = {(home, away): story_id for home, away, story_id in rows}
    assert set(found) == DEMO_MATCHES
    return found


FIRST_LEG = ("Olympique de Marseille", "Atalanta")
SECOND_LEG = ("Atalanta", "Olympique de Marseille")
PSG_LYON = ("Paris Saint-Germain", "Olympique Lyonnais")


@pytest.fixture(scope="module")
def site(demo_db) -> str:
    with serving(demo_db) as base:
        yield base


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers.get("content-type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("content-type", ""), error.read().decode("utf-8", "replace")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in ("a", "link") and values.get("href"):
            self.links.append((tag, values["href"], values))


def _links(html: str) -> list[tuple[str, str, dict[str, str]]]:
    parser = _Links()
    parser.feed(html)
    return parser.links


# -- over HTTP -----------------------------------------------------------------------


def test_every_link_from_the_front_page_resolves(site, story_of):
    """Walk the reader's pages from ``/``; every same-site link (Datasette's included) answers 200."""
    host = urlsplit(site).netloc
    seen: dict[str, int] = {}
    queue = [site + "/"]
    reader_pages = 0
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        status, kind, body = _get(url)
        seen[url] = status
        path = urlsplit(url).path
        # Expand the reader's own pages; Datasette's pages are checked but not walked (thousands of sort links).
        if status == 200 and "text/html" in kind and not path.startswith(("/demo", "/-/")):
            reader_pages += 1
            for tag, href, _attrs in _links(body):
                target = urljoin(url, href).split("#")[0]
                if urlsplit(target).netloc == host and target not in seen:
                    queue.append(target)
                if tag == "a" and urlsplit(target).netloc != host:
                    assert not TRACKING.search(target), f"tracking link {target} on {url}"
    broken = {url: status for url, status in seen.items() if status != 200}
    assert not broken
    assert reader_pages >= 20  # front page, 7 stories, teams, searches, filters
    paths = {urlsplit(url).path for url in seen}
    stories = {f"/story/{story_id}" for story_id in story_of.values()}
    assert stories | {"/team/fra-marseille", "/feeds/latest.atom", "/demo", "/search"} <= paths


def test_feeds_parse_and_list_the_demo_stories(site, story_of):
    feedparser = pytest.importorskip("feedparser")
    status, kind, body = _get(site + "/feeds/latest.atom")
    assert status == 200 and kind.startswith("application/atom+xml")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 7
    titles = {entry.title for entry in feed.entries}
    for home, away in DEMO_MATCHES:
        assert any(t.startswith(f"{home} ") and f" {away}" in t for t in titles), (home, away, titles)
    marseille = next(e for e in feed.entries if e.title.startswith("Olympique de Marseille 1–1 Atalanta"))
    assert marseille.link == f"{site}/story/{story_of[FIRST_LEG]}"
    related = [link.href for link in marseille.links if link.rel == "related"]
    assert len(related) == 3 and not any(TRACKING.search(h) for h in related)
    assert "Mbemba" in marseille.content[0].value or "Ligue Europa" in marseille.content[0].value
    for entry in feed.entries:
        assert _get(entry.link)[0] == 200
    # Per team, competition and language: the right subsets.
    expected = {"/feeds/team/fra-marseille.atom": 2, "/feeds/competition/uefa-europa-league.atom": 2,
                "/feeds/language/nl.atom": 4, "/feeds/team/ned-psv.atom": 2}
    for path, count in expected.items():
        parsed = feedparser.parse(_get(site + path)[2])
        assert not parsed.bozo and len(parsed.entries) == count, (path, len(parsed.entries))
    assert _get(site + "/feeds/language/de.atom")[0] == 404


def test_every_page_names_its_feed(site, story_of):
    for path in ("/", f"/story/{story_of[FIRST_LEG]}", "/team/fra-marseille", "/search?q=Mbemba", "/demo", "/demo/articles"):
        alternates = [a for tag, _, a in _links(_get(site + path)[2])
                      if tag == "link" and a.get("type") == "application/atom+xml"]
        assert alternates, path
    team_feeds = [a["href"] for tag, _, a in _links(_get(site + "/team/OM")[2]) if a.get("type", "").startswith("application/atom")]
    assert "/feeds/team/fra-marseille.atom" in team_feeds


def test_headlines_follow_the_readers_language(site, story_of):
    def psg_headline(headers=None, query=""):
        html = _get(site + "/" + query, headers)[2]
        link = f'class="headline"><a href="/story/{story_of[PSG_LYON]}" lang="(\\w+)">([^<]+)<'
        return re.search(link, html).groups()

    assert psg_headline({"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})[0] == "fr"
    assert psg_headline({"Accept-Language": "en-GB,en;q=0.9"})[0] == "en"
    assert psg_headline({"Accept-Language": "en-GB"}, "?lang=fr") == (
        "fr", "PSG-OL : le PSG s&#39;impose 3 à 1 face à Lyon avant Dortmund")


def test_team_names_and_filters(site):
    for name in ("marseille", "OM", "Olympique de Marseille", "l'OM"):
        request = urllib.request.Request(f"{site}/team?name={urllib.parse.quote(name)}")
        with urllib.request.urlopen(request, timeout=20) as response:
            assert urlsplit(response.url).path == "/team/fra-marseille", name
    assert _get(site + "/team?name=Harbourtown%20Wanderers%20Reserves")[0] == 404
    assert _get(site + "/team/no-such-team")[0] == 404
    with urllib.request.urlopen(f"{site}/team/Olympique%20de%20Marseille", timeout=20) as response:
        assert urlsplit(response.url).path == "/team/fra-marseille"
    status, _, body = _get(site + "/team?name=Olympique")  # a word of two teams' names: both offered
    assert status == 200
    offered = re.findall(r'<li><a href="/team/([^"]+)">', body.split("could be")[1].split("</ul>")[0])
    assert {"fra-lyon", "fra-marseille"} <= set(offered) and offered == sorted(set(offered), key=offered.index)
    status, _, body = _get(site + "/story/99999")
    assert status == 404 and "no story 99999" in body
    assert _get(site + "/?since=not-a-day")[0] == 200  # a bad filter value is ignored, not an error
    front = _get(site + "/?team=OM")[2]
    assert front.count('<article class="card') == 2
    assert "no team called" in _get(site + "/?team=nobody")[2]
    assert _get(site + "/?language=nl")[2].count('<article class="card') == 4
    assert _get(site + "/?since=2024-05-05&until=2024-05-05")[2].count('<article class="card') == 2


def test_canned_team_query_and_raw_articles_table(site, story_of):
    marseille = [story_of[SECOND_LEG], story_of[FIRST_LEG]]  # latest kick-off first
    rows = json.loads(_get(site + "/demo/team_matches.json?team=marseille&_shape=array")[2])
    assert [row["story"] for row in rows] == marseille
    by_nickname = json.loads(_get(site + "/demo/team_matches.json?team=OM&_shape=array")[2])
    assert [row["story"] for row in by_nickname] == marseille
    html = _get(site + "/demo/articles?_size=20")[2]
    bodies = re.findall(r'<td class="col-body[^"]*"[^>]*>(.*?)</td>', html, re.S)
    assert len(bodies) == 16
    assert all(len(b.split()) <= 32 for b in bodies)
    assert any(b.rstrip().endswith("…") for b in bodies)
    assert _get(site + "/-/newscrawl/datasette.css")[0] == 200


# -- in Chromium ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package drives chromium here: pip install playwright")
    executable = chromium()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def _shoot(page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("device", list(WIDTHS))
def test_reader_pages_in_chromium(site, story_of, browser, device):
    width = WIDTHS[device]
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    try:
        # Front page: seven match cards, scores or "preview", language badges with counts, the chart.
        page.goto(site + "/")
        cards = page.locator("article.card")
        assert cards.count() == 7
        first_leg = cards.filter(has_text="Thu 2 May 2024")
        assert first_leg.locator(".team.home").inner_text() == "Olympique de Marseille"
        assert first_leg.locator(".score").inner_text() == "1–1"
        assert first_leg.locator(".badge").all_inner_texts() == ["EN 1", "FR 1", "NL 1"]
        second_leg = cards.filter(has_text="Thu 9 May 2024")
        assert second_leg.locator(".score").inner_text().lower() == "preview"
        assert page.locator(".chart svg rect.lang-fr").count() >= 5
        assert page.locator("a", has_text="Raw archive in Datasette").get_attribute("href") == "/demo"
        _no_sideways_scroll(page, width)
        _shoot(page, f"front-{device}")

        # Story page, reached from the card: timeline by type and language, publisher's time, clean links.
        first_leg.locator(".score").click()
        page.wait_for_url(f"**/story/{story_of[FIRST_LEG]}")
        assert page.locator("h1.teams").inner_text().split() == ["Olympique", "de", "Marseille", "1–1", "Atalanta"]
        report = page.locator("section.step-report")
        assert report.locator(".badge").all_inner_texts() == ["EN", "FR", "NL"]
        assert "Thu 2 May 2024, 23:12 CEST" in report.inner_text()  # Le Vestiaire, Paris time
        assert "22:05 BST" in report.inner_text()  # Pitchside News, London time
        hrefs = report.locator("a.title").evaluate_all("links => links.map(a => a.href)")
        assert len(hrefs) == 3 and not any(TRACKING.search(h) for h in hrefs)
        assert page.locator(".legs a").inner_text().startswith("Leg 2: Atalanta v Olympique de Marseille")
        _no_sideways_scroll(page, width)
        _shoot(page, f"story-{device}")
        page.locator(".legs a").click()
        page.wait_for_url(f"**/story/{story_of[SECOND_LEG]}")
        assert page.locator("section.step-preview .badge").all_inner_texts() == ["EN", "FR"]

        # Team page from a nickname typed in the URL.
        page.goto(site + "/team/OM")
        assert page.url.endswith("/team/fra-marseille")
        assert page.locator("h1").inner_text() == "Olympique de Marseille"
        coming = page.locator("section", has=page.locator("h2", has_text="Coming matches"))
        recent = page.locator("section", has=page.locator("h2", has_text="Recent matches"))
        assert coming.locator(".score").all_inner_texts()[0].lower() == "preview"
        assert recent.locator(".score").all_inner_texts() == ["1–1"]
        _no_sideways_scroll(page, width)
        _shoot(page, f"team-{device}")

        # The language switch is remembered: French headlines on the next page.
        page.click("nav.langs >> text=fr")
        page.goto(site + "/")
        assert "Ligue Europa : l'OM et l'Atalanta dos à dos" in cards.filter(has_text="Thu 2 May 2024").locator(".headline").inner_text()
        page.click("nav.langs >> text=en")

        # Search with a filter, typed into the form: the stemmed index, hits highlighted.
        page.goto(site + "/search")
        page.fill("input[name=q]", "egalise")
        page.select_option("select[name=language]", "fr")
        page.fill("input[name=team]", "OM")
        page.click("button[type=submit]")
        page.wait_for_load_state()
        hits = page.locator("ol.hits > li")
        assert hits.count() == 1
        assert hits.locator("mark").first.inner_text() == "égalisé"
        assert "OM et l'Atalanta" in hits.locator("a.title").inner_text()
        _no_sideways_scroll(page, width)
        _shoot(page, f"search-{device}")

        # The raw Datasette, one click away: the articles table shows excerpts, its first row on the first screen.
        page.goto(site + "/")
        page.click("header >> text=Data")
        page.wait_for_url("**/demo")
        page.click("a[href='/demo/articles']")
        page.wait_for_load_state()
        body = page.locator("table.rows-and-columns tbody tr").first.locator("td.col-body").inner_text()
        assert len(body.split()) <= 31 and body.endswith("…")
        if device == "desktop":
            assert page.locator("table.rows-and-columns tbody tr").first.bounding_box()["y"] < 900
        _shoot(page, f"data-articles-{device}", full_page=False)

        # The feed, as a browser shows it (styled by its CSS; a full-page shot of an XML document hangs).
        page.goto(site + "/feeds/latest.atom")
        assert "Olympique de Marseille 1–1 Atalanta" in page.content()
        _shoot(page, f"feed-{device}", full_page=False)
    finally:
        context.close()
