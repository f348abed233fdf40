"""HTML + URL -> :class:`~newscrawl.items.ArticleItem`, without Scrapy.

The page is parsed once into an lxml tree; structured data (JSON-LD,
OpenGraph, ``article:*`` metas) is read first, visible page structure fills
the gaps, and the main text comes from :mod:`newscrawl.pages.body`.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import urljoin

from lxml import etree, html

from newscrawl.items import ArticleItem
from newscrawl.pages.authors import find_authors
from newscrawl.pages.body import extract_body
from newscrawl.pages.date_strings import find_date_candidates
from newscrawl.pages.decoding import decode_html
from newscrawl.pages.errors import ParseError
from newscrawl.pages.structured import PageMetadata, jsonld_text, jsonld_types, read_metadata
from newscrawl.pages.title import find_title
from newscrawl.urls import resolve_canonical

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HAS_MARKUP = re.compile(r"<\s*[a-zA-Z!]")


def parse_article(
    html_text: str | bytes, url: str | None = None, *, encoding: str | None = None
) -> ArticleItem:
    """Extract an :class:`ArticleItem` from one page.

    ``url`` is where the page was fetched from; without it (a page saved from a browser)
    the page's own canonical link or ``og:url`` stands in, and without those the item's
    ``url`` and ``canonical_url`` are ``None``. ``encoding`` (e.g. from the HTTP header)
    is honoured for bytes; otherwise the page's ``<meta charset>`` or detection decides.
    Malformed HTML never raises; :class:`ParseError` is raised only for input that is not
    HTML at all.
    """
    tree = parse_tree(html_text, encoding=encoding)
    meta = read_metadata(tree, url)
    url = url or _declared_url(meta)
    article = meta.article or {}
    site_name = _site_name(meta, article)
    outlets = [name for name in (site_name, _publisher_name(article)) if name]
    candidates = find_date_candidates(tree, meta, url or "")
    item = ArticleItem(
        url=url,  # type: ignore[arg-type]  # None only for a page that names no URL at all
        canonical_url=resolve_canonical(url, meta.canonical or meta.meta("og:url")) if url else None,
        site_name=site_name,
        title=find_title(tree, meta, url or "", outlets),
        description=_description(meta, article),
        authors=find_authors(tree, meta, outlets),
        published_raw=next((c.raw for c in candidates if c.kind == "published"), None),
        modified_raw=next((c.raw for c in candidates if c.kind == "modified"), None),
        date_candidates=candidates,
        language_hints=_language_hints(meta, article),
        section=_section(meta, article),
        tags=_tags(meta, article),
        image_url=_image_url(meta, article, url or ""),
        page_type=_page_type(meta, article),
    )
    headlines = [item.title, meta.meta("og:title"), _first_text(tree, "h1")]
    declared_body = (
        article.get("articleBody") if isinstance(article.get("articleBody"), str) else None
    )
    item.body = extract_body(tree, headlines, item.description, declared_body)
    return item


def parse_tree(html_text: str | bytes, *, encoding: str | None = None) -> html.HtmlElement:
    """Decode and parse a page into one lxml tree (the tree every extractor reads)."""
    text = decode_html(html_text, encoding) if isinstance(html_text, bytes) else html_text
    text = _XML_DECLARATION.sub("", text.replace("\x00", ""), count=1)
    if not text.strip():
        raise ParseError("empty document")
    if not _HAS_MARKUP.search(text[:65536]):
        raise ParseError("no HTML markup found")
    try:
        tree = html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as error:
        raise ParseError(f"unparseable document: {error}") from error
    if tree is None:
        raise ParseError("unparseable document")
    return tree


def _html_class_lookup() -> etree.ElementNamespaceClassLookup | None:
    """lxml.html's element classes (``FormElement`` for ``form``, ``HtmlElement`` otherwise) chosen in C.

    lxml.html's own lookup (``HtmlElementClassLookup``) is a Python method called for every
    element proxy created, and trafilatura creates hundreds of thousands per page (copies,
    XPath results): 3-4 % of a page's CPU. This gives every element the same class from a
    tag-name table lxml reads itself (the parser gives lower-case tag names, which that
    lookup lowers anyway).
    """
    # lxml.html's table is not public API: should a release rename it, keep lxml's own (slower) lookup
    tag_classes = getattr(html.HtmlElementClassLookup, "_default_element_classes", None)
    if not isinstance(tag_classes, dict):
        return None
    lookup = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction,
        entity=html.HtmlEntity,
    ))
    lookup.get_namespace(None).update(tag_classes)
    return lookup


_PARSER = html.HTMLParser(remove_comments=True, default_doctype=False, huge_tree=True)
if (_LOOKUP := _html_class_lookup()) is not None:
    _PARSER.set_element_class_lookup(_LOOKUP)


def _declared_url(meta: PageMetadata) -> str | None:
    """The absolute URL a page declares for itself (canonical link, then ``og:url``)."""
    for declared in (meta.canonical, meta.meta("og:url")):
        if declared and declared.startswith(("http://", "https://")):
            return declared.strip()
    return None


def _first_text(tree: html.HtmlElement, tag: str) -> str | None:
    element = next(tree.iter(tag), None)
    return " ".join(element.text_content().split()) if element is not None else None


def _site_name(meta: PageMetadata, article: dict[str, Any]) -> str | None:
    return meta.meta("og:site_name", "application-name", "twitter:site:name") or _publisher_name(
        article
    )


def _publisher_name(article: dict[str, Any]) -> str | None:
    return jsonld_text(article.get("publisher")) if article else None


def _description(meta: PageMetadata, article: dict[str, Any]) -> str | None:
    raw = meta.meta("og:description", "description", "twitter:description") or jsonld_text(
        article.get("description")
    )
    if not raw:
        return None
    if "<" in raw:  # some publishers put markup in their descriptions
        raw = html.fromstring(f"<div>{raw}</div>").text_content()
    return " ".join(unescape(raw).split()) or None


def _language_hints(meta: PageMetadata, article: dict[str, Any]) -> dict[str, str]:
    hints = {
        "html_lang": meta.html_lang,
        "og_locale": meta.meta("og:locale", "content-language", "language", "dc.language"),
        "jsonld": jsonld_text(article.get("inLanguage")) if article else None,
    }
    return {key: value for key, value in hints.items() if value}


def _section(meta: PageMetadata, article: dict[str, Any]) -> str | None:
    return meta.meta("article:section", "section", "parsely-section") or (
        jsonld_text(article.get("articleSection")) if article else None
    )


def _tags(meta: PageMetadata, article: dict[str, Any]) -> list[str]:
    raw: list[str] = meta.meta_all("article:tag", "news_keywords", "keywords", "parsely-tags")
    keywords = article.get("keywords") if article else None
    if isinstance(keywords, list):
        raw.extend(str(k) for k in keywords if isinstance(k, (str, int)))
    elif isinstance(keywords, str):
        raw.append(keywords)
    tags: list[str] = []
    seen: set[str] = set()
    for value in raw:
        for tag in value.split(","):
            tag = " ".join(tag.split())
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                tags.append(tag)
    return tags


def _image_url(meta: PageMetadata, article: dict[str, Any], url: str) -> str | None:
    image = meta.meta("og:image", "og:image:url", "twitter:image", "twitter:image:src")
    if not image and article:
        value = article.get("image") or article.get("thumbnailUrl")
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, dict):
            value = value.get("url") or value.get("contentUrl")
        image = value if isinstance(value, str) else None
    return urljoin(url, image.strip()) if image else None


def _page_type(meta: PageMetadata, article: dict[str, Any]) -> str | None:
    if article:
        types = jsonld_types(article)
        if types:
            return types[0]
    return meta.meta("og:type")
