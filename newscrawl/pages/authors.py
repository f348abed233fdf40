"""Author names: gathered from structured data or bylines, split and cleaned.

A byline such as "By Jane Doe and John Roe, Reuters | Updated 2 May 2024"
becomes ``["Jane Doe", "John Roe"]``: leading "By"/"Par"/"Door"/"Von", dates,
roles, e-mail addresses and outlet names are removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lxml import html

from newscrawl.pages.structured import PageMetadata, jsonld_types

_AUTHOR_METAS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                 "dcterms.creator", "byl", "cxenseparse:author", "twitter:creator")
_BY_PREFIX = re.compile(
    r"^\s*(?:written\s+by|reported\s+by|posted\s+by|words\s+by|by|par|door|von|"
    r"texte|text|tekst|auteur|author|autor|redactie|r[ée]daction)\s*[:\-]?\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,|;|/|\||&|\band\b|\bet\b|\ben\b|\bund\b|\bwith\b|\bavec\b|\bmet\b)\s*",
                    re.IGNORECASE)
_JUNK_WORD = re.compile(
    r"^(by|par|door|von|updated|published|posted|mis à jour|publié|bijgewerkt|gepubliceerd|"
    r"staff|correspondent|reporter|editor|journalist|contributor|senior|chief|news|sport|"
    r"sports|football|home|more|follow|share|comments?|read more|lire aussi|lees ook|"
    r"redactie|r[ée]daction|newsroom|desk|admin|the|a|an|le|la|les|de|het|een)$",
    re.IGNORECASE,
)
_ROLE_ONLY = re.compile(
    r"^(?:(?:senior|chief|deputy|political|sports?|football|news|staff|foreign|special|"
    r"our|the|digital|associate|assistant|executive|managing|contributing)\s+)*"
    r"(?:correspondent|reporter|editor|writer|journalist|columnist|contributor|"
    r"correspondant(?:e)?|journaliste|r[ée]dact(?:eur|rice)|verslaggever|redacteur|"
    r"envoy[ée]e?\s+sp[ée]ciale?)s?$",
    re.IGNORECASE,
)
_ROLE_SUFFIX = re.compile(
    r"\s*[,(\-–—]\s*(?:(?:senior|chief|deputy|political|sports?|football|news|staff|"
    r"foreign|special|our|the)\s+)*(?:correspondent|reporter|editor|writer|journalist|"
    r"columnist|contributor|envoy[ée]? spéciale?|correspondant(?:e)?|journaliste|redacteur|"
    r"verslaggever|in\s+\w+.*)\)?\s*$",
    re.IGNORECASE,
)
_DATE_LIKE = re.compile(
    r"\d{1,4}[:/.\-]\d{1,2}|\b(19|20)\d{2}\b|\bago\b|\bgeleden\b|\bil y a\b|"
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"januari|februari|maart|mei|juni|juli|augustus|oktober)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\S+@\S+")
_DOMAIN_LIKE = re.compile(r"^[\w.-]+\.(com|net|org|be|fr|nl|uk|co|de|io|news|info)$", re.I)
_BYLINE_CLASS = re.compile(r"(^|[\s_-])(byline|author|authors|auteur|writer|signature)([\s_-]|$)", re.I)
_MAX_NAME_WORDS = 6


def find_authors(tree: html.HtmlElement, meta: PageMetadata, outlet_names: Iterable[str]) -> list[str]:
    """Clean person names of the article, from JSON-LD, then metas, then byline elements."""
    outlets = {_fold(name) for name in outlet_names if name}
    for raw_names in (_jsonld_authors(meta.article), _meta_authors(meta), _byline_authors(tree)):
        names = clean_author_names(raw_names, outlets)
        if names:
            return names
    return []


def clean_author_names(raw_names: Iterable[str], outlets: set[str] | None = None) -> list[str]:
    """Split raw author strings into distinct, cleaned person names (order kept)."""
    outlets = outlets or set()
    names: list[str] = []
    seen: set[str] = set()
    for raw in raw_names:
        raw = _EMAIL.sub(" ", " ".join(raw.split()))
        raw = re.split(r"\s[|•·]\s|\s[-–—]\s(?=\w*\s*\d)|\b(?:updated|published|mis à jour|publié le|"
                       r"bijgewerkt|gepubliceerd)\b", raw, maxsplit=1, flags=re.I)[0]
        for part in _SPLIT.split(_BY_PREFIX.sub("", raw)):
            name = _clean_one(part)
            if not name or _fold(name) in outlets or _fold(name) in seen:
                continue
            seen.add(_fold(name))
            names.append(name)
    return names


def _clean_one(part: str) -> str | None:
    name = _BY_PREFIX.sub("", part.strip())
    name = _ROLE_SUFFIX.sub("", name).strip(" .,:;-–—()[]\"'“”")
    if not name or _JUNK_WORD.match(name) or _ROLE_ONLY.match(name) or _DATE_LIKE.search(name) or _DOMAIN_LIKE.match(name):
        return None
    if name.startswith(("http://", "https://", "@", "/")) or len(name.split()) > _MAX_NAME_WORDS:
        return None
    if not any(ch.isalpha() for ch in name) or len(name) < 2:
        return None
    return name


def _fold(text: str) -> str:
    return re.sub(r"[^\w]", "", text.casefold())


def _jsonld_authors(article: dict[str, Any] | None) -> list[str]:
    if not article:
        return []
    value = article.get("author") or article.get("creator") or []
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and "Organization" not in jsonld_types(item):
            name = item.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if not name and (item.get("givenName") or item.get("familyName")):
                name = f"{item.get('givenName') or ''} {item.get('familyName') or ''}"
            if isinstance(name, str):
                names.append(name)
    return names


def _meta_authors(meta: PageMetadata) -> list[str]:
    return [v for v in meta.meta_all(*_AUTHOR_METAS) if not v.startswith(("http", "@"))]


def _byline_authors(tree: html.HtmlElement) -> list[str]:
    found: list[str] = []
    for element in tree.xpath('//*[@rel="author" or @itemprop="author"]'):
        name_element = element.xpath('.//*[@itemprop="name"]')
        target = name_element[0] if name_element else element
        text = " ".join(target.text_content().split())
        if text and len(text) <= 80:
            found.append(text)
    if found:
        return found
    for element in tree.iter("a", "span", "div", "p"):
        if not _BYLINE_CLASS.search(element.get("class") or ""):
            continue
        text = " ".join(element.text_content().split())
        if text and len(text) <= 80:
            found.append(text)
        if len(found) >= 3:
            break
    return found
