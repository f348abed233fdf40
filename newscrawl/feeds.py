"""Listing documents: RSS/Atom feeds and XML sitemaps, parsed into article links.

Both parsers take the raw bytes and the document's URL and return
:class:`ListingEntry` objects with absolute URLs; neither needs Scrapy.
Feeds go through feedparser (it copes with RSS 0.9x-2.0, RDF, Atom and
broken XML); sitemaps through lxml with ``recover`` and huge-tree protection,
reading ``lastmod`` and Google-News ``news:publication_date``/``news:title``.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser
from lxml import etree

from newscrawl.errors import ListingError  # noqa: F401  (raised here, defined with the others)

#: Decompressed sitemaps larger than this are refused (sitemaps.org caps them at 50 MB).
MAX_SITEMAP_BYTES = 50 * 1024 * 1024



@dataclass(frozen=True)
class ListingEntry:
    """One link found in a feed or sitemap."""

    url: str
    """Absolute URL."""
    published_raw: str | None = None
    """Feed ``pubDate``/``published``/``updated`` or ``news:publication_date``, as written."""
    lastmod: str | None = None
    """Sitemap ``lastmod`` or feed ``updated``, as written."""
    title: str | None = None
    """Feed item title or ``news:title``."""
    is_sitemap: bool = False
    """True for the children of a sitemap index."""


def parse_feed(body: bytes, url: str) -> list[ListingEntry]:
    """Entries of an RSS or Atom feed, links made absolute against the feed URL.

    Raises :class:`ListingError` when the document holds no feed at all
    (an HTML page, an empty body, XML that is not a feed).
    """
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no feed entries"
        raise ListingError(f"not a readable feed: {reason}")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or _first_alternate(entry)
        if not link:
            continue
        entries.append(
            ListingEntry(
                url=urljoin(url, link.strip()),
                published_raw=dict.get(entry, "published") or dict.get(entry, "created"),
                # dict.get: feedparser's own get() would answer "updated" with the published date
                lastmod=dict.get(entry, "updated"),
                title=entry.get("title"),
            )
        )
    return entries


def _first_alternate(entry: feedparser.FeedParserDict) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def decompress_sitemap(body: bytes) -> bytes:
    """The XML of a sitemap, gunzipped when it is a ``.xml.gz`` (bounded)."""
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as handle:
            data = handle.read(MAX_SITEMAP_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ListingError(f"broken gzip sitemap: {exc}") from exc
    if len(data) > MAX_SITEMAP_BYTES:
        raise ListingError(f"sitemap larger than {MAX_SITEMAP_BYTES} bytes once decompressed")
    return data


_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)


def parse_sitemap(body: bytes, url: str) -> list[ListingEntry]:
    """Entries of a sitemap (``urlset``) or sitemap index (``sitemapindex``).

    Namespaces are ignored (sites use several spellings); index children have
    ``is_sitemap=True``. Raises :class:`ListingError` for anything else,
    e.g. an HTML page served where the sitemap should be.
    """
    xml = decompress_sitemap(body).lstrip()
    try:
        root = etree.fromstring(xml, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ListingError(f"not a readable sitemap: {exc}") from exc
    if root is None:
        raise ListingError("not a readable sitemap: empty document")
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise ListingError(f"not a sitemap: root element is <{kind}>")
    entries = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        fields = _local_fields(node)
        loc = fields.get("loc")
        if not loc:
            continue
        entries.append(
            ListingEntry(
                url=urljoin(url, loc),
                published_raw=fields.get("publication_date"),
                lastmod=fields.get("lastmod"),
                title=fields.get("title"),
                is_sitemap=kind == "sitemapindex",
            )
        )
    return entries


def _local_fields(node: etree._Element) -> dict[str, str]:
    """Text of the descendants of a ``<url>``/``<sitemap>`` by local name (first wins)."""
    fields: dict[str, str] = {}
    for child in node.iter():
        if child is node or not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        text = (child.text or "").strip()
        if text and name not in fields:
            fields[name] = text
    return fields
