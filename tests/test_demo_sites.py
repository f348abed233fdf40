"""The embedded demo web, served for real: every page, feed and sitemap is well formed and every local link resolves."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from newscrawl.demo.server import SITES_DIR


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # follows the demo's 301s
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _served_files(bases: dict[str, str]):
    for site, base in bases.items():
        for file in sorted((SITES_DIR / site).rglob("*")):
            if file.is_file() and not file.name.startswith("_") and file.name != "README.md":
                path = "/" + file.relative_to(SITES_DIR / site).as_posix()
                yield file, base + path.removesuffix("index.html")


def test_every_file_is_served_with_its_placeholders_filled(demo_web):
    for file, url in _served_files(demo_web.bases):
        status, body = _get(url)
        assert status == 200, url
        if file.suffix != ".gz":
            assert b"{{site:" not in body, f"unfilled placeholder in {url}"


def test_feeds_sitemaps_and_json_ld_parse_and_local_links_resolve(demo_web):
    local = {urlsplit(base).netloc for base in demo_web.bases.values()}
    links: set[str] = set()
    for file, url in _served_files(demo_web.bases):
        _, body = _get(url)
        if file.suffix in (".xml", ".atom", ".rss"):
            etree.fromstring(body)  # raises on malformed XML
        elif file.suffix == ".html":
            tree = html.fromstring(body)
            for script in tree.xpath('//script[@type="application/ld+json"]'):
                json.loads(script.text)
            for href in tree.xpath("//a/@href | //link[@rel='canonical']/@href"):
                target = urljoin(url, href)
                if urlsplit(target).netloc in local:
                    links.add(target)
    assert len(links) > 50
    broken = [link for link in sorted(links) if _get(link)[0] != 200]
    assert not broken, broken
