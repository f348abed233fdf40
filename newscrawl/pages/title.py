"""The headline of a page, without the site-name decorations of ``<title>``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html import unescape
from urllib.parse import urlsplit

from lxml import html

from newscrawl.pages.structured import PageMetadata, jsonld_text

# Separators publishers put between headline and site name ("… | BBC Sport", "… - L'Équipe",
# "… * Site * by Name"); the full-width bar of CJK titles needs no spaces around it.
_SEPARATOR = re.compile(r"\s+[|\-–—·•»:/\\*~>]{1,2}\s+|\s+::\s+|\s*｜\s*")
# In a title that opens a French quotation, "»" closes it: it separates nothing.
_SEPARATOR_IN_QUOTE = re.compile(r"\s+[|\-–—·•:/\\*~>]{1,2}\s+|\s+::\s+|\s*｜\s*")
_MAX_SECTION_WORDS = 3
#: A section part ("- National", "| Bhopal News") goes only when this many words remain.
_MIN_HEADLINE_WORDS = 4
_NON_ALNUM = re.compile(r"[\W_]")
#: An ``<h1>`` replaces the ``<title>`` it is part of only when it is this share of it.
_MIN_SHARE = 0.4
# A section name: a few capitalised words ("World News", "Économie", "Sport & Fitness").
_SECTION = re.compile(r"(?:[^\W\d_][\w'’.-]*|&|[a-z]{1,3})(?:\s+(?:[^\W_][\w'’.-]*|&))*")
# A byline after the headline ("- By Jane Doe", "| par Marie Dupont").
_BYLINE_PART = re.compile(r"(?:by|par|door|von)\s+\S+(?:\s+\S+){0,3}", re.IGNORECASE)
# Inline CSS that keeps a box off the screen ("display: none", "visibility:hidden").
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


#: The places a headline is declared, in the order they are trusted.
TITLE_SOURCES = ("jsonld", "social", "h1", "document", "jsonld_name")


def find_title(
    tree: html.HtmlElement, meta: PageMetadata, url: str, site_names: Iterable[str]
) -> str | None:
    """The article headline: structured data first, cleaned of site-name prefixes and suffixes."""
    return choose_title(title_candidates(tree, meta, url, site_names))


def title_candidates(
    tree: html.HtmlElement, meta: PageMetadata, url: str, site_names: Iterable[str]
) -> dict[str, str | None]:
    """Each place's headline (:data:`TITLE_SOURCES`), cleaned; ``None`` where there is none.

    A candidate that is nothing but the site's name (a logo ``<h1>``) is no headline.
    """
    names = [n for n in site_names if n]
    raw = {
        "jsonld": jsonld_text(meta.article.get("headline")) if meta.article else None,
        "social": meta.meta("og:title", "twitter:title"),
        "h1": _first_h1(tree),
        "document": _document_title(tree),
        "jsonld_name": jsonld_text(meta.article.get("name")) if meta.article else None,
    }
    site_keys = {_fold(n) for n in names} | _host_keys(url)
    cleaned: dict[str, str | None] = {}
    for source, candidate in raw.items():
        text = strip_site_name(" ".join(unescape(candidate).split()), names, url) if candidate else ""
        cleaned[source] = text if text and _fold(text) not in site_keys else None
    return cleaned


def choose_title(candidates: dict[str, str | None]) -> str | None:
    """The declared headline the page shows, else the page's own title.

    Publishers often declare two headlines, one in JSON-LD and one for social cards, and
    show one of them in the first ``<h1>``: when they differ, the one the ``<h1>``
    confirms wins, and JSON-LD when it confirms neither. Without structured data the
    ``<title>`` is the headline, as Readability reads it. Whichever is chosen, the
    ``<h1>`` replaces it when it is that same headline without decorations the site-name
    rule did not recognise (a kicker, an unknown site name), or when nothing else is
    there: on pages without a declared headline the first ``<h1>`` is often the blog's
    name or tagline, so it never replaces a headline it merely differs from.
    """
    h1 = candidates.get("h1")
    declared = [candidates[s] for s in ("jsonld", "social") if candidates.get(s)]
    if declared:
        shown = [text for text in declared if h1 and _fold(text) == _fold(h1)]
        chosen = (shown or declared)[0]
    else:
        chosen = candidates.get("document")
    if chosen and h1 and _decorates(_fold(chosen), _fold(h1)):
        return h1
    return chosen or h1 or candidates.get("jsonld_name")


def _decorates(longer: str, shorter: str) -> bool:
    """Whether ``longer`` is ``shorter`` with a prefix or suffix (both folded).

    The shorter one must be most of it: "News" is not the headline of "News of the day".
    """
    return (
        len(longer) > len(shorter) >= _MIN_SHARE * len(longer)
        and (longer.startswith(shorter) or longer.endswith(shorter))
    )


def strip_site_name(title: str, site_names: list[str], url: str) -> str:
    """Remove the parts of ``title`` that are not the headline: site name, sections, byline.

    "Headline | Section | Site - Tagline" and "Site | Section | Headline" keep "Headline".
    A short capitalised part just before the site name is a section ("… - National |
    Globalnews.ca") when a real headline remains; a last "By Name" part is a byline.
    """
    separator = _SEPARATOR_IN_QUOTE if "«" in title else _SEPARATOR
    pieces = separator.split(title)
    if len(pieces) < 2:
        return title
    site_keys = {_fold(n) for n in site_names if n} | _host_keys(url)
    separators = separator.findall(title)
    first, last = 0, len(pieces)
    # The first part naming the site ends the headline (taglines may follow it).
    for index in range(1, len(pieces)):
        if _names_site(pieces[index], site_keys):
            last = index
            # Sections just before the site name go too ("… | Football | Sky Sports").
            while last > 1 and _is_section(pieces, separators, first, last - 1):
                last -= 1
            break
    if last == len(pieces) and last > 1 and _BYLINE_PART.fullmatch(pieces[-1]):
        last -= 1
    if first < last - 1 and _names_site(pieces[first], site_keys):
        while first < last - 1 and _names_site(pieces[first], site_keys):
            first += 1
        # "Site | Section | Headline": sections after a leading site name go too.
        while first < last - 1 and _is_leading_section(pieces, separators, first, last):
            first += 1
    if (first, last) == (0, len(pieces)):
        return title
    kept = [pieces[first]]
    for index in range(first + 1, last):
        kept.append(separators[index - 1] + pieces[index])
    return "".join(kept).strip()


def _is_section(pieces: list[str], separators: list[str], first: int, index: int) -> bool:
    """Whether ``pieces[index]``, just before the site name, is a section name.

    A chain of ``|`` parts is a section trail; a dash ("… - National | Site") only counts
    when what is left is still a headline of a few words, so that "Marseille - Atalanta |
    Sky Sports" keeps both teams.
    """
    if not _looks_like_section(pieces[index]):
        return False
    separator = separators[index - 1].strip()
    if separator in ("|", "｜"):
        return True
    return separator in ("-", "–", "—") and (
        len(" ".join(pieces[first:index]).split()) >= _MIN_HEADLINE_WORDS
    )


def _is_leading_section(pieces: list[str], separators: list[str], index: int, last: int) -> bool:
    """Whether ``pieces[index]``, just after a leading site name, is a section name."""
    return (
        separators[index].strip() in ("|", "｜")
        and _looks_like_section(pieces[index])
        and len(" ".join(pieces[index + 1 : last]).split()) >= _MIN_HEADLINE_WORDS
    )


def _looks_like_section(part: str) -> bool:
    return (
        len(part.split()) <= _MAX_SECTION_WORDS
        and part[:1].isupper()
        and _SECTION.fullmatch(part) is not None
    )


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
    if text.isascii():  # nothing to decompose: ASCII case-folds to itself lowered, and NFKD keeps it
        return _NON_ALNUM.sub("", text.lower())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _NON_ALNUM.sub("", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _first_h1(tree: html.HtmlElement) -> str | None:
    """The first shown ``<h1>``: one inside a hidden box (a log-in pop-up) is no headline."""
    for element in tree.iter("h1"):
        text = " ".join(element.text_content().split())
        if text and not _hidden(element):
            return text
    return None


def _hidden(element: html.HtmlElement) -> bool:
    """Whether the element or a box around it is hidden by markup (``hidden``, inline CSS)."""
    for box in (element, *element.iterancestors()):
        if box.get("hidden") is not None or box.get("aria-hidden") == "true":
            return True
        if _HIDDEN_STYLE.search(box.get("style") or ""):
            return True
    return False


def _document_title(tree: html.HtmlElement) -> str | None:
    for element in tree.iter("title"):
        text = " ".join((element.text_content() or "").split())
        if text:
            return text
    return None
