"""parse_article on small hand-written pages: structured data, encodings, broken markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.items import DateCandidate
from newscrawl.pages import ParseError, parse_article

FIXTURES = Path(__file__).parent / "fixtures" / "pages"


def _parse(name: str, url: str):
    return parse_article((FIXTURES / name).read_bytes(), url)


def test_jsonld_graph_gives_structured_fields():
    item = _parse(
        "graph.html", "https://www.coastline-sport.test/football/harbour-millbrook?ref=home"
    )
    assert item.title == "Harbour Town edge past Millbrook in late drama"
    assert item.canonical_url == "https://coastline-sport.test/football/harbour-millbrook"
    assert item.site_name == "Coastline Sport"
    assert item.authors == ["Alice Marlow", "Ben Okafor"]
    assert item.published_raw == "2024-05-02T21:12:00+02:00"
    assert item.modified_raw == "2024-05-03T08:12:00+02:00"
    assert DateCandidate("published", "jsonld", "2024-05-02T21:12:00+02:00") in item.date_candidates
    assert item.language_hints == {"html_lang": "en-GB", "og_locale": "en_GB", "jsonld": "en-GB"}
    assert item.section == "Football"
    assert item.tags == ["Harbour Town", "Millbrook"]
    assert item.image_url == "https://www.coastline-sport.test/images/harbour.jpg"
    assert item.page_type == "NewsArticle"
    assert item.description.startswith("A stoppage-time header")


def test_body_is_paragraphs_without_boilerplate():
    item = _parse("graph.html", "https://www.coastline-sport.test/football/harbour-millbrook")
    paragraphs = item.body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Harbour Town snatched a derby win")
    assert all(p.strip() == p and "\n" not in p for p in paragraphs)
    assert "Copyright" not in item.body
    assert "By Alice Marlow" not in item.body


def test_jsonld_top_level_list_and_byline_author_cleaning():
    item = _parse("list.html", "https://valley-gazette.test/sport/riverside-winger")
    assert item.title == "Riverside sign young winger from Eastfield"
    assert item.page_type == "ReportageNewsArticle"
    assert item.authors == ["Carla Jensen"]
    assert item.published_raw == "2024-05-06"
    assert item.site_name == "The Valley Gazette"
    assert item.language_hints == {"jsonld": "en"}


def test_opengraph_only_page():
    item = _parse("opengraph.html", "https://journal-ballon.test/football/cote-lyonnais?xtor=RSS-1")
    assert item.title == "Le club de la Côte renverse Lyonnais"
    assert item.canonical_url == "https://journal-ballon.test/football/cote-lyonnais"
    assert item.authors == ["Jean-Pierre Dufour"]
    assert item.published_raw == "2024-05-02T23:12:00+02:00"
    assert (
        DateCandidate("published", "text", "Publié le 02/05/2024 à 23h12") in item.date_candidates
    )
    assert item.tags == ["Ligue 1", "Côte"]
    assert item.page_type == "article"
    assert "Menés au score à la pause" in item.body


def test_cp1252_page_declared_utf8_is_decoded():
    item = _parse("cp1252_declared_utf8.html", "https://example.test/a")
    assert item.title == "Réaction à chaud après la défaite"
    assert "« Nous avons manqué d’efficacité »" in item.body
    assert "\ufffd" not in item.body


def test_explicit_encoding_is_honoured():
    data = "<html><head><title>Défaite à domicile</title></head><body><p>x</p></body></html>"
    item = parse_article(data.encode("utf-16-le"), "https://example.test/b", encoding="utf-16-le")
    assert item.title == "Défaite à domicile"


def test_malformed_html_does_not_crash():
    item = _parse("malformed.html", "https://pitchside.test/cup/semi-final")
    assert item.title == "Broken markup, still a story"
    assert item.published_raw == "2024-05-02T10:00:00Z"
    assert "replay will be played on Tuesday evening" in item.body


def test_amp_page_points_to_canonical_and_finds_byline_dates():
    url = "https://www.stadionblad.test/amp/voetbal/blauw-zwart-wint-topper"
    item = _parse("amp.html", url)
    assert item.canonical_url == "https://stadionblad.test/voetbal/blauw-zwart-wint-topper"
    assert item.title == "Blauw-Zwart wint topper na spektakelstuk"
    assert item.authors == ["Pieter Vermeulen"]
    assert (
        DateCandidate("modified", "text", "Bijgewerkt: 3 mei 2024, 08:12") in item.date_candidates
    )
    assert item.language_hints["html_lang"] == "nl-BE"


def test_url_date_is_a_candidate():
    item = parse_article(
        "<html><body><h1>Match report</h1><p>Text.</p></body></html>",
        "https://example.test/sport/2024/05/02/match-report/",
    )
    assert DateCandidate("published", "url", "/2024/05/02/") in item.date_candidates
    assert item.published_raw == "/2024/05/02/"


def test_cross_site_canonical_is_ignored():
    page = '<html><head><link rel="canonical" href="https://aggregator.test/x"></head><body><p>t</p></body></html>'
    item = parse_article(page, "https://www.club.test/news/1")
    assert item.canonical_url == "https://club.test/news/1"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n ",
        "",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"%PDF-1.7\n%\xe2\xe3",
        "plain text with no markup at all",
    ],
)
def test_non_html_raises_parse_error(data):
    with pytest.raises(ParseError):
        parse_article(data, "https://example.test/c")


def test_declared_article_body_when_the_page_shows_no_text():
    page = """<html><head><script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "Cup draw made",
     "articleBody": "The draw paired the holders with a second-tier side.\\nBoth clubs welcomed it."}
    </script></head><body><div id="app"></div></body></html>"""
    item = parse_article(page, "https://paper.test/cup-draw")
    assert (
        item.body
        == "The draw paired the holders with a second-tier side.\n\nBoth clubs welcomed it."
    )


def test_utf8_page_served_as_latin1_is_decoded_as_utf8():
    data = "<html><head><title>Défaite à domicile</title></head><body><p>x</p></body></html>"
    item = parse_article(data.encode("utf-8"), "https://example.test/d", encoding="iso-8859-1")
    assert item.title == "Défaite à domicile"


def test_cp1252_page_served_as_utf8_is_decoded_as_cp1252():
    item = parse_article(
        (FIXTURES / "cp1252_declared_utf8.html").read_bytes(),
        "https://example.test/e",
        encoding="utf-8",
    )
    assert item.title == "Réaction à chaud après la défaite"
