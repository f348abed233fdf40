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


def test_image_and_video_extensions_do_not_leak_into_the_entry():
    entries = parse_sitemap((FEEDS / "media-sitemap.xml").read_bytes(), "https://tribune.example.be/news.xml")
    first, second = entries
    assert first.url == "https://tribune.example.be/voetbal/genk-wint-derby"  # not the image:loc
    assert first.title == "Genk wint de Limburgse derby"  # news:title, not image:title
    assert first.published_raw == "2024-03-10T18:05:00+01:00"
    assert second.published_raw is None  # a video:publication_date is the video's, not the article's
    assert second.title is None
    assert second.lastmod == "2024-03-11T10:00:00+01:00"


def test_plain_text_sitemap_is_one_url_per_line():
    body = (
        "\ufeffhttps://tribune.example.be/voetbal/a.html\r\n\r\n"
        "  https://tribune.example.be/voetbal/b.html  \n"
        "not a url\nftp://tribune.example.be/c\nhttps://tribune.example.be/voetbal/d.html"
    ).encode("utf-8")
    expected = [f"https://tribune.example.be/voetbal/{n}.html" for n in "abd"]
    assert [e.url for e in parse_sitemap(body, "https://tribune.example.be/sitemap.txt")] == expected
    assert [e.url for e in parse_sitemap(gzip.compress(body), "https://tribune.example.be/s.txt.gz")] == expected


def _urlset(count: int) -> bytes:
    urls = "".join(
        f"<url><loc>https://tribune.example.be/voetbal/artikel-{n}</loc><lastmod>2024-03-0{n}</lastmod></url>\n"
        for n in range(1, count + 1)
    )
    return f'<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'.encode()


def test_truncated_sitemap_keeps_complete_entries_and_never_a_clipped_loc():
    whole = _urlset(4)
    base = "https://tribune.example.be/sitemap.xml"
    without_end = whole[: whole.rindex(b"</urlset>")]
    assert len(parse_sitemap(without_end, base)) == 4  # only the closing tag missing: all entries
    in_loc = whole[: whole.rindex(b"artikel-4") + len(b"artik")]
    assert [e.url[-9:] for e in parse_sitemap(in_loc, base)] == ["artikel-1", "artikel-2", "artikel-3"]
    in_lastmod = whole[: whole.rindex(b"2024-03-04") + 6]
    entries = parse_sitemap(in_lastmod, base)
    assert entries[-1].url.endswith("artikel-4") and entries[-1].lastmod is None  # "2024-0" is no date
    assert entries[-2].lastmod == "2024-03-03"


def test_rdf_items_dated_by_dc_date_get_their_publication_date():
    entries = parse_feed((FEEDS / "rdf.xml").read_bytes(), "https://stade.example.fr/rss.rdf")
    first, second = entries
    assert first.url == "https://stade.example.fr/ligue-1/lens-lille"
    assert first.published_raw == "2024-04-06T21:10:00+02:00"
    assert first.lastmod is None  # the same element is not also a modification date
    # a modification date never stands for the publication date
    assert second.published_raw is None
    assert second.lastmod == "2024-04-07T09:30:00+02:00"


def test_rss2_item_with_dc_date_instead_of_pubdate():
    body = (
        b'<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        b"<title>t</title><link>https://e.example/</link>"
        b"<item><link>https://e.example/a</link><dc:date>2024-04-06T21:10:00Z</dc:date></item>"
        b"<item><link>https://e.example/b</link><pubDate>Sun, 07 Apr 2024 10:00:00 GMT</pubDate></item>"
        b"</channel></rss>"
    )
    assert [e.published_raw for e in parse_feed(body, "https://e.example/rss")] == [
        "2024-04-06T21:10:00Z", "Sun, 07 Apr 2024 10:00:00 GMT",
    ]


def test_atom_id_is_not_taken_for_a_link():
    body = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b"<id>https://e.example/</id><updated>2024-04-07T10:00:00Z</updated>"
        b"<entry><title>Sans lien</title><id>https://e.example/id/123</id><updated>2024-04-07T10:00:00Z</updated></entry>"
        b'<entry><title>Avec lien</title><id>https://e.example/id/124</id><link href="https://e.example/a"/>'
        b"<updated>2024-04-07T10:00:00Z</updated></entry></feed>"
    )
    assert [e.url for e in parse_feed(body, "https://e.example/atom")] == ["https://e.example/a"]


def test_gzip_sitemap_cut_short_keeps_what_it_holds():
    packed = gzip.compress(_urlset(40))
    entries = parse_sitemap(packed[: len(packed) * 2 // 3], "https://tribune.example.be/sitemap.xml.gz")
    assert 5 < len(entries) < 40
    assert all(e.url.startswith("https://tribune.example.be/voetbal/artikel-") for e in entries)
    assert entries[-1].url[-2:].strip("-").isdigit()  # never a clipped <loc>
    expected = [f"https://tribune.example.be/voetbal/artikel-{n}" for n in range(1, len(entries) + 1)]
    assert [e.url for e in entries] == expected
