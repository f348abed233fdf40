"""Structured metadata declared by a page: JSON-LD, ``<meta>`` tags, ``<link>``.

Everything here reads one already-parsed lxml tree. JSON-LD is parsed with
:func:`json.loads` straight from the ``<script>`` elements (extruct would parse
the page a second time for the same result).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from lxml import html

# JSON-LD types that describe the article itself, best first.
_ARTICLE_TYPES = (
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "LiveBlogPosting",
    "Article",
    "BlogPosting",
    "SocialMediaPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
)
_PAGE_TYPES = ("WebPage", "ItemPage", "CollectionPage")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


@dataclass
class PageMetadata:
    """Declared metadata of a page, as raw as found."""

    metas: dict[str, list[str]] = field(default_factory=dict)
    """``<meta>`` contents keyed by lower-cased ``property``/``name``/``itemprop``/``http-equiv``."""
    canonical: str | None = None
    """``<link rel=canonical>`` href."""
    html_lang: str | None = None
    """``<html lang>`` (or ``xml:lang``)."""
    article: dict[str, Any] | None = None
    """The JSON-LD object describing the article, when there is one."""
    jsonld_objects: list[dict[str, Any]] = field(default_factory=list)
    """Every JSON-LD object found (``@graph`` and lists flattened)."""

    def meta(self, *keys: str) -> str | None:
        """First non-empty content among the given meta keys (in the order given)."""
        for key in keys:
            for value in self.metas.get(key, ()):
                if value.strip():
                    return value.strip()
        return None

    def meta_all(self, *keys: str) -> list[str]:
        """Every non-empty content of the given meta keys."""
        return [v.strip() for key in keys for v in self.metas.get(key, ()) if v.strip()]


def read_metadata(tree: html.HtmlElement, page_url: str | None) -> PageMetadata:
    """Collect metas, canonical link, ``<html lang>`` and JSON-LD from a parsed page."""
    meta = PageMetadata()
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    meta.html_lang = lang.strip() if lang and lang.strip() else None
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attribute)
            if key:
                meta.metas.setdefault(key.strip().lower(), []).append(content)
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href") and meta.canonical is None:
            meta.canonical = link.get("href").strip()
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        meta.jsonld_objects.extend(_flatten(_load_json(script.text_content())))
    meta.article = _pick_article(meta.jsonld_objects, page_url, meta.canonical)
    return meta


def jsonld_types(obj: dict[str, Any]) -> list[str]:
    """The ``@type`` values of a JSON-LD object, without schema prefixes."""
    value = obj.get("@type") or []
    values = value if isinstance(value, list) else [value]
    return [str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if v]


def jsonld_text(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a string, list or ``{"name": ...}``."""
    if isinstance(value, str):
        # Publishers often HTML-escape JSON-LD strings ("O&#039;Neil").
        value = unescape(value) if "&" in value else value
        return " ".join(value.split()) or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        for item in value:
            text = jsonld_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return jsonld_text(value.get("name") or value.get("@value") or value.get("url"))
    return None


def _load_json(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    if text.startswith("<!--"):
        text = text.removeprefix("<!--").removesuffix("-->").strip()
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", _CONTROL_CHARS.sub(" ", text))):
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            continue
    # Several objects pasted into one script element, or trailing junk: keep what parses.
    decoder = json.JSONDecoder(strict=False)
    found: list[Any] = []
    position = 0
    while position < len(text):
        start = text.find("{", position)
        if start < 0:
            break
        try:
            value, position = decoder.raw_decode(text, start)
        except ValueError:
            position = start + 1
            continue
        found.append(value)
    return found or None


def _flatten(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [obj for item in value for obj in _flatten(item)]
    if not isinstance(value, dict):
        return []
    objects = [value] if "@type" in value else []
    graph = value.get("@graph")
    if graph is not None:
        objects.extend(_flatten(graph))
    main_entity = value.get("mainEntity")
    if isinstance(main_entity, (dict, list)):
        objects.extend(o for o in _flatten(main_entity) if _is_article(o))
    return objects


def _is_article(obj: dict[str, Any]) -> bool:
    return any(t in _ARTICLE_TYPES or t.endswith("Article") for t in jsonld_types(obj))


def _pick_article(
    objects: list[dict[str, Any]], page_url: str | None, canonical: str | None
) -> dict[str, Any] | None:
    articles = [o for o in objects if _is_article(o)]
    if not articles:
        pages = [o for o in objects if set(jsonld_types(o)) & set(_PAGE_TYPES)]
        dated = [o for o in pages if o.get("datePublished") or o.get("headline")]
        return dated[0] if dated else None
    urls = {u.rstrip("/") for u in (page_url, canonical) if u}

    def rank(obj: dict[str, Any]) -> tuple[int, int, int]:
        own_urls = {_url_of(obj.get(key)).rstrip("/") for key in ("url", "mainEntityOfPage", "@id")}
        matches_page = bool(urls & own_urls)
        type_rank = min(
            (_ARTICLE_TYPES.index(t) if t in _ARTICLE_TYPES else len(_ARTICLE_TYPES))
            for t in jsonld_types(obj)
        )
        completeness = sum(1 for key in ("headline", "datePublished", "author") if obj.get(key))
        return (0 if matches_page else 1, -completeness, type_rank)

    return min(articles, key=rank)


def _url_of(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value.strip() if isinstance(value, str) else ""
