"""The headline of a page, without the site-name decorations of ``<title>``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html import unescape
from urllib.parse import urlsplit

from lxml import html

from newscrawl.pages.structured import PageMetadata, jsonld_text

# Separators publishers put between headline and site name ("… | BBC Sport", "… - L'Équipe").
_SEPARATOR = re.compile(r"\s+[|\-–—·•»:]{1,2}\s+|\s+::\s+")
_MAX_SECTION_WORDS = 3
_NON_ALNUM = re.compile(r"[\W_]")


def find_title(
    tree: html.HtmlElement, meta: PageMetadata, url: str, site_names: Iterable[str]
) -> str | None:
    """The article headline: structured data first, cleaned of site-name prefixes and suffixes."""
    names = [n for n in site_names if n]
    document_title = _document_title(tree)
    h1 = _first_h1(tree)
    headline = jsonld_text(meta.article.get("headline")) if meta.article else None
    social = meta.meta("og:title", "twitter:title")
    candidates = [
        headline,
        social,
        h1,
        document_title,
        jsonld_text(meta.article.get("name")) if meta.article else None,
    ]
    for candidate in candidates:
        if candidate:
            cleaned = strip_site_name(" ".join(unescape(candidate).split()), names, url)
            if cleaned:
                return cleaned
    return None


def strip_site_name(title: str, site_names: list[str], url: str) -> str:
    """Remove leading or trailing parts ("… | Site name - Tagline") that name the site or its host."""
    pieces = _SEPARATOR.split(title)
    if len(pieces) < 2:
        return title
    site_keys = {_fold(n) for n in site_names} | _host_keys(url)
    separators = _SEPARATOR.findall(title)
    first, last = 0, len(pieces)
    # The first part naming the site ends the headline (taglines may follow it).
    for index in range(1, len(pieces)):
        if _names_site(pieces[index], site_keys):
            last = index
            # Short "| Section |" parts just before the site name go too ("… | Football | Sky Sports").
            while (
                last > 1
                and separators[last - 2].strip() == "|"
                and len(pieces[last - 1].split()) <= _MAX_SECTION_WORDS
            ):
                last -= 1
            break
    while first < last - 1 and _names_site(pieces[first], site_keys):
        first += 1
    if (first, last) == (0, len(pieces)):
        return title
    kept = [pieces[first]]
    for index in range(first + 1, last):
        kept.append(separators[index - 1] + pieces[index])
    return "".join(kept).strip()


def _names_site(part: str, site_keys: set[str]) -> bool:
    key = _fold(part)
    if not key:
        return True
    return any(
        key == site or (len(site) >= 3 and site in key) or (len(key) >= 4 and key in site)
        for site in site_keys
        if site
    )


def _host_keys(url: str) -> set[str]:
    host = urlsplit(url).netloc.lower().split(":")[0]
    labels = [label for label in host.split(".") if label not in ("www", "m", "amp")]
    keys = {_fold(".".join(labels))}
    # The registrable name: "bbc" in www.bbc.co.uk, "lequipe" in www.lequipe.fr.
    if len(labels) >= 2:
        labels = labels[:-1]
        if len(labels) >= 2 and labels[-1] in ("co", "com", "org", "net", "gov", "ac"):
            labels = labels[:-1]
        keys.add(_fold(labels[-1]))
    return keys


def _fold(text: str) -> str:
    """Lower-case letters and digits only, accents removed ("L'Équipe" -> "lequipe")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _NON_ALNUM.sub("", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _first_h1(tree: html.HtmlElement) -> str | None:
    for element in tree.iter("h1"):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


def _document_title(tree: html.HtmlElement) -> str | None:
    for element in tree.iter("title"):
        text = " ".join((element.text_content() or "").split())
        if text:
            return text
    return None
