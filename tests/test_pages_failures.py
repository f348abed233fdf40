"""The failure classes seen on pages outside the corpus, each on a hand-written page.

Body twice (structured-data text and HTML text both kept), body cut by short-line rules,
breadcrumbs and the headline again at the start of the body, a page parsed without its URL.
"""

from __future__ import annotations

import re
from pathlib import Path

from newscrawl.pages import parse_article
from newscrawl.pages.body import choose_body
from tests.support.cli import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
DEMO = Path(__file__).resolve().parents[1] / "newscrawl" / "demo" / "sites"


def _parse(name: str, url: str | None = "https://paper.test/sport/a.html"):
    return parse_article((FIXTURES / name).read_bytes(), url)


def _count(body: str, phrase: str) -> int:
    """Occurrences of ``phrase`` in ``body``, whatever the dashes and spaces between words."""
    words = re.findall(r"\w+", phrase.casefold())
    return len(re.findall(r"\W+".join(map(re.escape, words)), body.casefold()))


# ---------------------------------------------------------------- body twice


def test_text_printed_twice_in_two_dash_variants_comes_out_once():
    item = _parse("body_twice.html")
    for sentence in (
        "Harbour Town are back in the second tier after a tense afternoon",
        "The first hour belonged to Millbrook",
        "the captain scored the winning kick",
    ):
        assert _count(item.body, sentence) == 1, sentence
    assert "—" in item.body  # the first copy, as printed on the page, is the one kept


def test_body_is_the_page_text_or_the_declared_text_never_both():
    declared = "\n".join(f"Paragraph {n} - what happened in minute {n} of the final." for n in range(12))
    extracted = ["Paragraph 0 — what happened in minute 0 of the final."]
    assert choose_body(extracted, declared) == extracted
    assert len(choose_body([], declared)) == 12


def test_declared_html_body_is_read_as_paragraphs_when_the_page_shows_none():
    declared = "<p>The holders drew a second-tier side.</p><p>Both clubs welcomed it.</p>"
    assert choose_body([], declared) == ["The holders drew a second-tier side.", "Both clubs welcomed it."]


# ---------------------------------------------------------------- body cut


def test_many_short_lines_under_a_heading_are_kept():
    item = _parse("short_lines.html", "https://touchline.test/fitness/keeper-diet")
    for line in (
        "Breakfast at 8:00",
        "Portion boxes: 1 red, 1 yellow",
        "30 minutes before bed",
        "Casein shake, 1 scoop",
        "Pasta with tomato sauce",
        "Recovery drink at full time",
        "The keeper says the plan took a month to get used to",
    ):
        assert line in item.body, line


# ---------------------------------------------------------------- page header in the body


def test_breadcrumb_kicker_and_headline_are_not_the_body():
    item = _parse("breadcrumb_headline.html", "https://voetbalblad-oost.test/voetbal/derby")
    assert item.title == "Noorderkwartier wint het derby na late kopgoal"
    assert item.body.startswith("In een kolkend stadion")
    assert "Eredivisie" not in item.body and "Verslag" not in item.body
    assert item.title not in item.body


def test_demo_articles_start_with_their_text():
    pages = sorted((DEMO / "le-vestiaire" / "football").glob("*/*.html"))
    assert pages
    for page in pages:
        html = page.read_bytes().replace(b"{{site:le-vestiaire}}", b"https://le-vestiaire.test")
        item = parse_article(html, "https://le-vestiaire.test/" + page.name)
        first = item.body.split("\n\n", 1)[0]
        assert not first.startswith("Football"), page.name
        assert item.title not in item.body, page.name


# ---------------------------------------------------------------- no URL


def test_page_saved_from_a_browser_parses_without_url():
    item = _parse("graph.html", url=None)
    assert item.url == "https://www.coastline-sport.test/football/harbour-millbrook?utm_source=rss"
    # The canonical form is urls.py's (tracking parameters gone); only the declared URL is asserted here.
    assert item.canonical_url.endswith("coastline-sport.test/football/harbour-millbrook")
    assert item.title == "Harbour Town edge past Millbrook in late drama"
    assert item.body.startswith("Harbour Town snatched a derby win")


def test_page_without_any_url_parses():
    page = (
        "<html><head><title>Keeper saves three penalties - The Paper</title></head><body>"
        "<h1>Keeper saves three penalties</h1><p>" + "The shoot-out went on for a long time. " * 8
        + "</p></body></html>"
    )
    item = parse_article(page)
    assert item.url is None and item.canonical_url is None
    assert item.title == "Keeper saves three penalties"
    assert item.body.startswith("The shoot-out went on")


def test_extract_command_without_url(tmp_path):
    page = tmp_path / "saved.html"
    page.write_bytes((FIXTURES / "graph.html").read_bytes())
    result = run_cli("extract", str(page))
    assert result.returncode == 0, result.stderr
    assert '"url": "https://www.coastline-sport.test/football/harbour-millbrook?utm_source=rss"' in result.stdout
    jsonl = run_cli("extract", "--jsonl", input=f'{{"path": "{page}"}}\n')
    assert jsonl.returncode == 0 and '"error"' not in jsonl.stdout, jsonl.stdout
