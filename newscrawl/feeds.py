"""Listing documents: RSS/Atom feeds and XML sitemaps, parsed into article links.

Both parsers take the raw bytes and the document's URL and return
:class:`ListingEntry` objects with absolute URLs; neither needs Scrapy.
Feeds go through feedparser (it copes with RSS 0.9x-2.0, RDF, Atom and
broken XML); sitemaps through lxml with ``recover`` and huge-tree protection,
reading ``lastmod`` and Google-News ``news:publication_date``/``news:title``.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser
from lxml import etree

from newscrawl.errors import ListingError  # noqa: F401  (raised here, defined with the others)

#: Decompressed sitemaps larger than this are refused (sitemaps.org caps them at 50 MB).
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
_DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class ListingEntry:
    """One link found in a feed or sitemap."""

    url: str
    """Absolute URL."""
    published_raw: str | None = None
    """Feed ``pubDate``/``published``/``created`` (RSS ``dc:date``) or ``news:publication_date``, as written."""
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
    dc_dates = _rss_dc_dates(body, parsed)
    atom = str(parsed.get("version", "")).startswith("atom")
    entries = []
    for index, entry in enumerate(parsed.entries):
        link = entry.get("link") or _first_alternate(entry)
        if not link or (atom and link not in {x.get("href") for x in entry.get("links", [])}):
            # feedparser copies an Atom <id> into the link: an identifier, not a page to fetch
            continue
        published = dict.get(entry, "published") or dict.get(entry, "created")
        # dict.get: feedparser's own get() would answer "updated" with the published date
        updated = dict.get(entry, "updated")
        dc_date = dc_dates[index] if index < len(dc_dates) else None
        if not published and dc_date:
            published, updated = dc_date, None if updated == dc_date else updated
        entries.append(
            ListingEntry(
                url=urljoin(url, link.strip()),
                published_raw=published,
                lastmod=updated,
                title=entry.get("title"),
            )
        )
    return entries


def _rss_dc_dates(body: bytes, parsed: feedparser.FeedParserDict) -> list[str | None]:
    """Each RSS item's ``dc:date``, in document order (``[]`` when there is nothing to read).

    In RSS 1.0 (RDF), and in RSS 2.0 feeds without ``pubDate``, an item's ``dc:date`` is
    its publication date; feedparser files it under ``updated``, next to
    ``dcterms:modified``, so it is read here from the XML itself. Only when the items
    line up one to one with feedparser's entries.
    """
    if not str(parsed.get("version", "")).startswith("rss") or _DUBLIN_CORE.encode() not in body:
        return []
    if all(dict.get(e, "published") or dict.get(e, "created") for e in parsed.entries):
        return []
    try:
        root = etree.fromstring(body.lstrip(), parser=_PARSER)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    items = [node for node in root.iter() if isinstance(node.tag, str) and etree.QName(node).localname == "item"]
    if len(items) != len(parsed.entries):
        return []
    dates = [item.find(f"{{{_DUBLIN_CORE}}}date") for item in items]
    return [(node.text or "").strip() or None if node is not None else None for node in dates]


def _first_alternate(entry: feedparser.FeedParserDict) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def decompress_sitemap(body: bytes) -> bytes:
    """The XML of a sitemap, gunzipped when it is a ``.xml.gz`` (bounded).

    A gzip stream cut short gives what it holds up to the cut (the sitemap parser then
    keeps the complete entries), not an error.
    """
    if body[:2] != b"\x1f\x8b":
        return body
    data = b""
    rest = body
    try:
        while rest[:2] == b"\x1f\x8b" and len(data) <= MAX_SITEMAP_BYTES:  # one or more members
            inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
            data += inflater.decompress(rest, MAX_SITEMAP_BYTES + 1 - len(data))
            rest = inflater.unused_data
    except zlib.error as exc:
        raise ListingError(f"broken gzip sitemap: {exc}") from exc
    if len(data) > MAX_SITEMAP_BYTES:
        raise ListingError(f"sitemap larger than {MAX_SITEMAP_BYTES} bytes once decompressed")
    if not data:
        raise ListingError("broken gzip sitemap: nothing decompresses")
    return data


_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
_BOM = b"\xef\xbb\xbf"
_ROOT_CLOSED = re.compile(rb"</(?:[\w.-]+:)?(?:urlset|sitemapindex)\s*>\s*$")
_LAST_OPEN = re.compile(rb"<(?:[\w.-]+:)?(loc|url|sitemap)[\s>]")
_LOC_CLOSED = re.compile(rb"</(?:[\w.-]+:)?loc\s*>")
_ENTRY_CLOSED = re.compile(rb"</(?:[\w.-]+:)?(?:url|sitemap)\s*>")
#: The Google News extension of a ``<url>``: the only nested elements read (``news:title``,
#: ``news:publication_date``). Other extensions (``image:``, ``video:``, ``xhtml:link``) describe
#: media and alternates, not the article, and their ``title``/``loc``/dates are not the entry's.
_ENTRY_EXTENSION = "news"


def parse_sitemap(body: bytes, url: str) -> list[ListingEntry]:
    """Entries of a sitemap (``urlset``), sitemap index (``sitemapindex``) or text sitemap.

    Namespaces are ignored (sites use several spellings); index children have
    ``is_sitemap=True``. A text sitemap is one absolute URL per line (sitemaps.org).
    A document cut short keeps its complete entries: an entry whose ``<loc>`` was cut
    is dropped, one cut after its ``<loc>`` keeps only the URL. Raises
    :class:`ListingError` for anything else, e.g. an HTML page served where the
    sitemap should be.
    """
    xml = decompress_sitemap(body).removeprefix(_BOM).lstrip()
    if xml and not xml.startswith(b"<"):
        return _text_sitemap(xml, url)
    try:
        root = etree.fromstring(xml, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ListingError(f"not a readable sitemap: {exc}") from exc
    if root is None:
        raise ListingError("not a readable sitemap: empty document")
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise ListingError(f"not a sitemap: root element is <{kind}>")
    nodes = [node for node in root if isinstance(node.tag, str)]
    clipped = _clipped_tail(xml)
    entries = []
    for index, node in enumerate(nodes):
        fields = _entry_fields(node)
        if index == len(nodes) - 1 and clipped:
            if clipped == "loc":
                continue
            fields = {"loc": fields.get("loc", "")}
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


def _text_sitemap(text: bytes, url: str) -> list[ListingEntry]:
    lines = text.decode("utf-8", errors="replace").splitlines()
    urls = [line.strip() for line in lines if _is_absolute(line.strip())]
    if not urls:
        raise ListingError("not a readable sitemap: neither XML nor one URL per line")
    return [ListingEntry(url=urljoin(url, link)) for link in urls]


def _is_absolute(line: str) -> bool:
    scheme, _, rest = line.partition("://")
    return scheme.lower() in ("http", "https") and bool(rest) and not any(c.isspace() for c in rest)


def _clipped_tail(xml: bytes) -> str | None:
    """For a document cut short: ``"loc"`` when the last entry's ``<loc>`` is unfinished,
    ``"entry"`` when the entry is cut after it; ``None`` when the document is whole."""
    if _ROOT_CLOSED.search(xml.rstrip()):
        return None
    opened = {m.group(1).decode(): m.end() for m in _LAST_OPEN.finditer(xml)}
    loc_at = opened.get("loc", -1)
    entry_at = max(opened.get("url", -1), opened.get("sitemap", -1))
    if loc_at > entry_at and not _LOC_CLOSED.search(xml, loc_at):
        return "loc"
    if entry_at >= 0 and not _ENTRY_CLOSED.search(xml, entry_at):
        return "entry"
    return None


def _entry_fields(node: etree._Element) -> dict[str, str]:
    """Text of a ``<url>``/``<sitemap>``'s children by local name, and of its ``news:``
    extension's descendants (first wins); other extensions are skipped."""
    fields: dict[str, str] = {}
    for child in node:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        inner = child.iter() if name == _ENTRY_EXTENSION else (child,)
        for element in inner:
            if not isinstance(element.tag, str) or any(isinstance(c.tag, str) for c in element):
                continue  # a container (entity references and comments do not count)
            text = (element.text or "").strip()
            local = etree.QName(element).localname
            if text and local not in fields:
                fields[local] = text
    return fields
