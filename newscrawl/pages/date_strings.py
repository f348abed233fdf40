"""Raw date strings of an article page, labelled by where they were found.

Nothing is interpreted here (that is :mod:`newscrawl.dates`); this module only
finds every plausible publication or modification date string, most trusted
source first: JSON-LD, ``<meta>``, ``<time datetime>``, visible byline text,
and the URL path. Pages that declare no publication date in their markup (at most
byline text) get htmldate's best guess (comments, scripts, free text) as a ``guess``
candidate, also when the URL gives only a month (``/2024/05/``), which must not
stand in for a day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import htmldate
from lxml import html

from newscrawl.items import DateCandidate
from newscrawl.pages.structured import PageMetadata, jsonld_text

_PUBLISHED_METAS = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "article.published",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "datecreated",
    "displaydate",
    "rnews:datepublished",
)
_MODIFIED_METAS = (
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "og:updated_time",
    "modified_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "article.updated",
    "lastmod",
    "last-modified",
)
# Byline words announcing a date, per language; group "mod" marks modification.
_BYLINE_DATE = re.compile(
    r"(?:(?P<mod>last\s+updated|updated|modified|mis\s+[àa]\s+jour|modifi[ée]|actualis[ée]|"
    r"bijgewerkt|aangepast|laatste\s+update|gewijzigd|aktualisiert|ge[äa]ndert)"
    r"|(?P<pub>published|posted|first\s+published|publi[ée]|mis\s+en\s+ligne|gepubliceerd|"
    r"geplaatst|gepost|ver[öo]ffentlicht|erschienen))"
    r"\s*(?:on|at|le|op|am|:)?\s*:?\s*(?P<rest>[^|•·\n]{0,60})",
    re.IGNORECASE,
)
_MONTH_NAMES = (
    r"jan|feb|m[äa]r|apr|ma[iy]|mei|jun|jul|aug|sep|o[ck]t|nov|de[cz]|"
    r"janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]t|sept|d[ée]c|maart|juni|juli|okt|dez|m[äa]rz"
)
_WEEKDAYS = (
    r"(?:mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim|ma|di|wo|do|vr|za|zo|mo|mi|fr|sa|so)"
    r"[^\W\d]{0,8}"
)
_TIME = (
    r"(?:,?\s*(?:[àa]|at|om|um|-|,)?\s*\d{1,2}(?:[:hH.]\d{2}|\s*[ap]\.?m\.?)"
    r"(?:\s*[ap]\.?m\.?)?(?-i:\s*[A-Z]{2,4}\b)?)?"
)
_RELATIVE = (
    r"(?:il\s+y\s+a\s+\d+\s+\w+|\d+\s+\w+\s+(?:ago|geleden)"
    r"|(?:yesterday|today|hier|gisteren|vandaag|aujourd'hui)" + _TIME + ")"
)
# A date expression as bylines write it: numeric, with month names, or relative.
_DATE_EXPRESSION = re.compile(
    rf"(?:{_WEEKDAYS}\.?,?\s+)?"
    rf"(?:\d{{1,2}}(?:er|st|nd|rd|th)?\.?\s+(?:{_MONTH_NAMES})[^\W\d]*\.?,?\s+\d{{4}}{_TIME}"
    rf"|(?:{_MONTH_NAMES})[^\W\d]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_TIME}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"
    rf"|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}{_TIME}"
    rf"|{_RELATIVE})",
    re.IGNORECASE,
)
# Class or id words of elements that hold a byline date (matched on the lower-cased attributes:
# a case-insensitive search is several times slower, and this runs on most elements of a page).
_DATE_CONTAINER = re.compile(
    r"byline|dateline|date|time|publish|posted|updated|meta|timestamp|article-info|author"
)
_BYLINE_TAGS = ("p", "span", "div", "time", "small", "li", "header", "section")
_MODIFIED_HINT = re.compile(r"modif|updat|edited")
# hAtom's "entry-date" is the publication date; WordPress themes often add "updated" to it.
_PUBLISHED_HINT = re.compile(r"publi|entry-date|pubdate|created")
_DATE_HINT = re.compile(r"publi|modif|updat|date|pubdate")
_HAS_DIGIT = re.compile(r"\d")
_RELATIVE_DAY = re.compile(r"yesterday|today|hier|gisteren|vandaag|aujourd", re.IGNORECASE)
_BOILERPLATE_CONTAINERS = {"aside", "nav", "footer"}
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?=[/-]|$|\.)"
)
_MAX_TIME_ELEMENTS = 6
_MAX_TEXT_SNIPPETS = 6


def find_date_candidates(
    tree: html.HtmlElement, meta: PageMetadata, url: str
) -> list[DateCandidate]:
    """Every raw date string of the page, most trusted source first, without duplicates."""
    found: list[DateCandidate] = []
    found.extend(_jsonld_dates(meta.article))
    found.extend(
        DateCandidate("published", "meta", raw) for raw in meta.meta_all(*_PUBLISHED_METAS)
    )
    found.extend(DateCandidate("modified", "meta", raw) for raw in meta.meta_all(*_MODIFIED_METAS))
    found.extend(_time_elements(tree, url))
    title = next((h1 for h1 in tree.iter("h1") if not _in_boilerplate(h1)), None)
    near, banner = _byline_texts(tree, title)
    found.extend(near)
    found.extend(_after_title(title))
    found.extend(banner)
    # Byline text alone may give no day ("4 months ago") or only refused dates: guess as well.
    if not any(c.kind == "published" and c.source != "text" for c in found):
        found.extend(_htmldate_guess(tree, url))
    found.extend(_url_dates(url))
    unique: list[DateCandidate] = []
    seen: set[tuple[str, str, str]] = set()
    for candidate in found:
        key = (candidate.kind, candidate.source, candidate.raw)
        if candidate.raw and key not in seen:
            seen.add(key)
            unique.append(candidate)
    return unique


def _htmldate_guess(tree: html.HtmlElement, url: str) -> list[DateCandidate]:
    """htmldate's heuristics (comments, scripts, free text) for pages that declare no date."""
    match = _URL_DATE.search(url.split("?", 1)[0])
    if match and match.group(3):
        return []  # htmldate would read the same URL day; a /YYYY/MM/ URL gives no day
    try:
        guess = htmldate.find_date(tree, url=url, original_date=True, extensive_search=True)
    except Exception:  # htmldate's heuristics fail in many small ways on odd pages
        return []
    return [DateCandidate("published", "guess", guess)] if guess else []


def _jsonld_dates(article: dict[str, Any] | None) -> list[DateCandidate]:
    if not article:
        return []
    found = []
    for key, kind in (
        ("datePublished", "published"),
        ("dateCreated", "published"),
        ("uploadDate", "published"),
        ("dateModified", "modified"),
    ):
        raw = jsonld_text(article.get(key))
        if raw:
            found.append(DateCandidate(kind, "jsonld", raw))
    return found


def _in_boilerplate(element: html.HtmlElement) -> bool:
    """Inside an aside/nav/footer, or the site header (which shows today's date, not the article's)."""
    for ancestor in element.iterancestors():
        if ancestor.tag in _BOILERPLATE_CONTAINERS:
            return True
        if (
            ancestor.tag == "header"
            and ancestor.find(".//h1") is None
            and not any(outer.tag in ("article", "main") for outer in ancestor.iterancestors())
        ):
            return True
    return False


def _links_elsewhere(element: html.HtmlElement, path: str) -> bool:
    """Inside a link to another page: a teaser's date (related articles, latest news)."""
    for ancestor in element.iterancestors("a"):
        href = ancestor.get("href")
        if href and not href.startswith("#"):
            return urlsplit(href).path.rstrip("/") != path
    return False


def _time_elements(tree: html.HtmlElement, url: str) -> list[DateCandidate]:
    marked: list[DateCandidate] = []
    others: list[DateCandidate] = []
    teasers: list[DateCandidate] = []
    path = urlsplit(url).path.rstrip("/")
    for element in tree.iter("time"):
        raw = (element.get("datetime") or "").strip()
        if not raw or _in_boilerplate(element):
            continue
        hint = " ".join(
            (
                element.get("itemprop") or "",
                element.get("class") or "",
                element.getparent().get("class") or "" if element.getparent() is not None else "",
            )
        ).lower()
        kind = (
            "modified"
            if _MODIFIED_HINT.search(hint) and not _PUBLISHED_HINT.search(hint)
            else "published"
        )
        if _links_elsewhere(element, path):
            target = teasers
        elif _DATE_HINT.search(hint) or element.get("pubdate") is not None:
            target = marked
        else:
            target = others
        target.append(DateCandidate(kind, "time", raw))
    return (marked + others + teasers)[:_MAX_TIME_ELEMENTS]


def _byline_texts(
    tree: html.HtmlElement, title: html.HtmlElement | None
) -> tuple[list[DateCandidate], list[DateCandidate]]:
    """Dates of byline-like elements: those near the headline or after it, and the site's banner.

    The banner holds elements written before the headline outside its block (the headline's
    grandparent): a site's top bar shows the day of the visit, not the article's.
    """
    found: list[DateCandidate] = []
    banner: list[DateCandidate] = []
    block = title.getparent() if title is not None else None
    block = block.getparent() if block is not None else None
    before_title = block is not None
    for element in tree.iter(*_BYLINE_TAGS, "h1"):
        if element is title:
            before_title = False
            continue
        if element.tag == "h1":
            continue
        if element.tag != "time":
            attributes = element.attrib
            css_class, css_id = attributes.get("class"), attributes.get("id")
            if css_class is None and css_id is None:
                continue
            if not _DATE_CONTAINER.search(f"{css_class or ''} {css_id or ''}".lower()):
                continue
        text = " ".join(element.text_content().split())
        if not text or len(text) > 160 or _in_boilerplate(element):
            continue
        target = (
            banner
            if before_title and not any(a is block for a in element.iterancestors())
            else found
        )
        for match in _BYLINE_DATE.finditer(text):
            expression = _date_expression(match.group("rest"))
            if expression is None:
                continue
            kind = "modified" if match.group("mod") else "published"
            end = match.start("rest") + match.group("rest").find(expression) + len(expression)
            target.append(DateCandidate(kind, "text", text[match.start() : end].strip(" ,;-")))
        if not target and len(text) <= 120:
            plain = _DATE_EXPRESSION.search(text)
            expression = _date_expression(plain.group(0)) if plain else None
            if expression:
                target.append(DateCandidate("published", "text", expression))
        if len(found) + len(banner) >= _MAX_TEXT_SNIPPETS:
            break
    return found, banner


_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg"}
_AFTER_TITLE_CHARS = 600
"""How much text after the headline is the article's header (standfirst, picture caption, byline)."""


def _texts_after(title: html.HtmlElement) -> Iterator[str]:
    """The text pieces that follow the headline in document order (scripts and styles skipped)."""
    yield title.tail or ""
    for level in (title, *title.iterancestors()):
        if level.tag in ("article", "main", "body"):
            return
        for sibling in level.itersiblings():
            for element in sibling.iter():
                if isinstance(element.tag, str) and element.tag not in _SKIPPED_TAGS:
                    yield element.text or ""
                if element is not sibling:
                    yield element.tail or ""
            yield sibling.tail or ""


def _header_text(title: html.HtmlElement) -> str:
    """The text right under the headline, where bylines sit (standfirst, picture caption, byline)."""
    pieces: list[str] = []
    size = 0
    for piece in _texts_after(title):
        if piece.strip():
            pieces.append(piece)
            size += len(piece)
            if size >= _AFTER_TITLE_CHARS:
                break
    return " ".join(" ".join(pieces).split())[:_AFTER_TITLE_CHARS]


def _after_title(title: html.HtmlElement | None) -> list[DateCandidate]:
    """The first date written after the headline: bylines without a date class or id."""
    if title is None:
        return []
    match = _DATE_EXPRESSION.search(_header_text(title))
    expression = _date_expression(match.group(0)) if match else None
    return [DateCandidate("published", "text", expression)] if expression else []


def _url_dates(url: str) -> list[DateCandidate]:
    match = _URL_DATE.search(url.split("?", 1)[0])
    if not match:
        return []
    return [DateCandidate("published", "url", match.group(0).rstrip("/-.") + "/")]


def _date_expression(text: str) -> str | None:
    """The date expression at the start of ``text`` (after a byline keyword), if any."""
    match = _DATE_EXPRESSION.match(text.strip())
    if (
        not match
        or not _HAS_DIGIT.search(match.group(0))
        and not _RELATIVE_DAY.search(match.group(0))
    ):
        return None
    return match.group(0).strip(" ,;-")
