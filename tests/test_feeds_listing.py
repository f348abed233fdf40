"""Feed and sitemap parsing (newscrawl.feeds) on small hand-written documents."""

from __future__ import annotations

import gzip

import pytest

from newscrawl.feeds import ListingError, parse_feed, parse_sitemap
from tests.conftest import FIXTURES

FEEDS = FIXTURES / "feeds"


def test_rss_entries_are_absolute_and_keep_dates():
    entries = parse_feed((FEEDS / "rss2.xml").read_bytes(), "https://voetbal.example.nl/rss.xml")
    assert [e.url for e in entries] == [
        "https://voetbal.example.nl/eredivisie/psv-wint-topper.html?utm_source=rss&utm_medium=feed",
        "https://voetbal.example.nl/oranje/selectie-ek.html",
    ]
    assert entries[0].published_raw == "Sun, 07 Apr 2024 16:45:00 +0200"
    assert entries[0].title == "PSV wint met 2-1 van Feyenoord in de topper"


def test_atom_relative_links_and_updated():
    entries = parse_feed((FEEDS / "atom.xml").read_bytes(), "https://vestiaire.example.fr/flux.atom")
    assert entries[0].url == "https://vestiaire.example.fr/europe/om-atalanta-1-1.html"
    assert entries[0].published_raw == "2024-05-02T23:12:00+02:00"
    assert entries[0].lastmod == "2024-05-03T07:10:00+02:00"
    assert entries[1].url == "https://vestiaire.example.fr/ligue-1/psg-lyon.html"
    assert entries[1].published_raw is None


def test_google_news_sitemap_reads_publication_date_and_title():
    entries = parse_sitemap((FEEDS / "news-sitemap.xml").read_bytes(), "https://pitchside.example.com/news.xml")
    first, second = entries
    assert first.url == "https://pitchside.example.com/football/marseille-atalanta-report"
    assert first.published_raw == "2024-05-02T22:41:00+01:00"
    assert first.title == "Marseille held by Atalanta in first leg"
    assert not first.is_sitemap
    assert second.url == "https://pitchside.example.com/football/atalanta-marseille-preview"
    assert second.lastmod == "2024-05-07T09:00:00Z"


def test_sitemap_index_children_are_sitemaps():
    entries = parse_sitemap((FEEDS / "sitemap-index.xml").read_bytes(), "https://pitchside.example.com/sitemap.xml")
    assert [e.is_sitemap for e in entries] == [True, True]
    assert entries[1].url == "https://pitchside.example.com/sitemaps/2024-04.xml"
    assert entries[0].lastmod == "2024-05-31"


def test_gzip_sitemap_is_decompressed():
    body = gzip.compress((FEEDS / "news-sitemap.xml").read_bytes())
    entries = parse_sitemap(body, "https://pitchside.example.com/news.xml.gz")
    assert len(entries) == 2


@pytest.mark.parametrize(
    "body",
    [b"", b"<html><head><title>Oops</title></head><body>Not found</body></html>", b"\x00\x01garbage"],
)
def test_non_sitemaps_raise_a_named_error(body):
    with pytest.raises(ListingError):
        parse_sitemap(body, "https://x.example/sitemap.xml")


@pytest.mark.parametrize("body", [b"", b"<html><body><p>Just a page</p></body></html>"])
def test_non_feeds_raise_a_named_error(body):
    with pytest.raises(ListingError):
        parse_feed(body, "https://x.example/rss.xml")


def test_truncated_feed_still_yields_the_complete_items():
    body = (FEEDS / "rss2.xml").read_bytes()
    cut = body[: body.index(b"<item>", body.index(b"<item>") + 1) + 40]  # second item broken off
    entries = parse_feed(cut, "https://voetbal.example.nl/rss.xml")
    assert entries and entries[0].url.endswith("psv-wint-topper.html?utm_source=rss&utm_medium=feed")


def test_broken_gzip_sitemap_is_a_listing_error():
    with pytest.raises(ListingError, match="gzip"):
        parse_sitemap(b"\x1f\x8b\x08\x00broken", "https://x.example/s.xml.gz")
