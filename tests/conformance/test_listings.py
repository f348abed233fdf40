"""newscrawl.feeds over feedparser's test feeds and Scrapy's sitemap bodies."""

from __future__ import annotations

import pytest

from bench import peer_checks
from newscrawl.feeds import ListingError, parse_sitemap
from tests.conformance.conftest import check, peer_params


@pytest.mark.parametrize("case_id", peer_params("feeds"))
def test_feed_entry(case_id):
    check("feeds", case_id)


@pytest.mark.parametrize("case_id", peer_params("sitemaps"))
def test_sitemap(case_id):
    check("sitemaps", case_id)


def test_gzip_bomb_is_refused_or_read_within_the_cap():
    bomb = peer_checks.PEERS / "sitemaps" / "scrapy" / "bomb-gzip.bin"
    if not bomb.exists():
        pytest.skip(f"{bomb} not present")
    try:
        entries = parse_sitemap(bomb.read_bytes(), "https://example.com/sitemap.xml.gz")
    except ListingError:
        entries = []
    assert entries == []
