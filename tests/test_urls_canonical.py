"""Canonical URLs: one article, one URL, whatever link led to it."""

from __future__ import annotations

import pytest

from newscrawl.urls import canonicalize_url, resolve_canonical, same_site


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/sport/a.html?utm_source=rss&utm_medium=feed", "https://www.example.com/sport/a.html"),
        ("https://www.example.com/sport/a.html?xtor=RSS-3#comments", "https://www.example.com/sport/a.html"),
        ("https://www.example.com/sport/a.html?fbclid=IwAR0xyz", "https://www.example.com/sport/a.html"),
        ("HTTPS://WWW.Example.COM:443/sport/a.html", "https://www.example.com/sport/a.html"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://www.example.com/amp/sport/a.html", "https://www.example.com/sport/a.html"),
        ("https://www.example.com/sport/a.amp.html", "https://www.example.com/sport/a.html"),
        ("https://www.example.com/sport/a/amp", "https://www.example.com/sport/a"),
        ("https://www.example.com/sport/a.html?amp=1", "https://www.example.com/sport/a.html"),
        ("https://m.example.com/sport/a.html", "https://example.com/sport/a.html"),
        ("https://www.example.com/article?id=42&utm_campaign=x", "https://www.example.com/article?id=42"),
        ("https://www.example.com/s?b=2&a=1", "https://www.example.com/s?a=1&b=2"),
        ("http://127.0.0.1:8001/x.html?utm_source=rss", "http://127.0.0.1:8001/x.html"),
    ],
)
def test_canonicalize_url(url, expected):
    assert canonicalize_url(url) == expected


def test_article_ids_in_query_are_kept_apart():
    assert canonicalize_url("https://e.com/a?id=1") != canonicalize_url("https://e.com/a?id=2")


def test_declared_canonical_on_same_site_wins():
    assert resolve_canonical("https://www.e.com/amp/x.html", "/x.html") == "https://www.e.com/x.html"
    assert resolve_canonical("https://m.e.com/x", "https://www.e.com/x") == "https://www.e.com/x"


def test_declared_canonical_on_another_site_is_ignored():
    # a syndicated copy pointing at the agency must keep its own URL; dedup links them by content
    assert resolve_canonical("https://paper.com/a.html", "https://agency.com/a.html") == "https://paper.com/a.html"


def test_same_site_ignores_www_and_mobile_but_not_ports():
    assert same_site("https://www.e.com/a", "https://m.e.com/b")
    assert not same_site("http://127.0.0.1:8001/a", "http://127.0.0.1:8002/a")
