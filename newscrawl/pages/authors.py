"""Author names: gathered from structured data or bylines, split and cleaned.

A byline such as "By Jane Doe and John Roe, Reuters | Updated 2 May 2024"
becomes ``["Jane Doe", "John Roe"]``: leading "By"/"Par"/"Door"/"Von", dates,
roles, e-mail addresses and outlet names are removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import html

from newscrawl.pages.structured import PageMetadata

_AUTHOR_METAS = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cxenseparse:author",
    "twitter:creator",
)
_BY_PREFIX = re.compile(
    r"^\s*(?:written\s+by|reported\s+by|posted\s+by|words\s+by|by|par|door|von|"
    r"texte|text|tekst|auteur|author|autor|redactie|r[ée]daction)\s*[:\-]?\s+",
    re.IGNORECASE,
)
# Where the names of a byline end: a separator, a dash before a date, an update label.
_BYLINE_TAIL = re.compile(
    r"\s[|•·]\s|\s[-–—]\s(?=\w*\s*\d)|\b(?:updated|published|mis à jour|publié le|"
    r"bijgewerkt|gepubliceerd)\b",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s*(?:,|;|/|\||&|\band\b|\bet\b|\ben\b|\bund\b|\bwith\b|\bavec\b|\bmet\b)\s*", re.IGNORECASE
)
_JUNK_WORD = re.compile(
    r"^(by|par|door|von|updated|published|posted|mis à jour|publié|bijgewerkt|gepubliceerd|"
    r"staff|correspondent|reporter|editor|journalist|contributor|senior|chief|news|sport|"
    r"sports|football|home|more|follow|share|comments?|read more|lire aussi|lees ook|"
    r"redactie|r[ée]daction|newsroom|desk|admin|agencies|agences|agency|agence|twitter|facebook|"
    r"linkedin|instagram|whatsapp|e-?mail|bio|profile|profil|the|a|an|le|la|les|de|het|een)$",
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
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|f[ée]v|mars|avr|mai|juin|juil|"
    r"ao[uû]t|sept|d[ée]c|mei|maart|okt|dez|m[äa]rz)[^\W\d]*\.?"
)
# Where a date starts inside a byline ("By Jane Doe 8 January 2020, 3:51 pm"): cut there.
_DATE_START = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s+{_MONTH}|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}"
    r"|\b\d{1,2}[:h]\d{2}\b|\b\d+\s+\w+\s+(?:ago|geleden)\b|\bil\s+y\s+a\b",
    re.IGNORECASE,
)
_TRAILING_CONNECTOR = re.compile(
    r"(?:\s+(?:le|on|op|am|the|du|at|à|,|\||-|–|—))+\s*$", re.IGNORECASE
)
_DATELINE_SUFFIX = re.compile(r"\s+(?:in|à|au|en|aus|uit)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?$")
_CREDIT_WORD = re.compile(
    r"\b(getty|images?|photos?|foto|shutterstock|alamy|pictures?|"
    r"letters?\s+to\s+the\s+editor)\b",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"\W")
_EMAIL = re.compile(r"\S+@\S+")
_DOMAIN_LIKE = re.compile(r"^[\w.-]+\.(com|net|org|be|fr|nl|uk|co|de|io|news|info)$", re.I)
_BYLINE_CLASS = re.compile(r"byline|author|auteur|writer|signature|contributor|journalist", re.I)
_BYLINE_TAGS = {"a", "span", "p", "div", "address", "li", "strong", "b", "em"}
_AUTHOR_LINK = re.compile(
    r"/(author|authors|auteur|auteurs|autor|staff|journalist|journalists|writer|"
    r"journaliste|redacteur|contributor|contributors|people|profile)s?/",
    re.I,
)
_BOILERPLATE_TAGS = {"aside", "nav", "footer"}
_INFO_CLASS = re.compile(r"meta|info|byline|credit|signature|dateline|article-head", re.I)
_MAX_INFO_CHARS = 200
# "By" then one to four capitalised name words (the keyword in any case, the name capitalised).
_BY_PHRASE = re.compile(
    r"(?:^|[|•·,]\s*|\s)(?i:by|par|door|von)\s+((?:[A-ZÀ-ÖØ-Þ][\w'’.-]*\s?){1,4})"
)
_MAX_NAME_WORDS = 6
# Lower-case words that do occur inside person names.
_NAME_PARTICLES = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "van",
    "der",
    "den",
    "von",
    "zu",
    "ter",
    "ten",
    "di",
    "da",
    "dos",
    "das",
    "del",
    "della",
    "bin",
    "al",
    "el",
    "y",
    "d'",
    "l'",
    "'t",
    "op",
}


def find_authors(
    tree: html.HtmlElement, meta: PageMetadata, outlet_names: Iterable[str]
) -> list[str]:
    """Clean person names of the article: JSON-LD, else metas, else byline elements, else "By …" text."""
    outlets = {_fold(name) for name in outlet_names if name}
    # Each source is only read when the more trusted ones gave no usable name.
    sources = (
        lambda: _jsonld_authors(meta),
        lambda: _meta_authors(meta),
        lambda: _byline_authors(tree),
        lambda: _by_phrases(tree),
    )
    for source in sources:
        names = clean_author_names(source(), outlets)
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
        date_start = _DATE_START.search(raw)
        if date_start and date_start.start() > 0:
            raw = _TRAILING_CONNECTOR.sub("", raw[: date_start.start()])
        raw = _BYLINE_TAIL.split(raw, maxsplit=1)[0]
        for part in _SPLIT.split(_BY_PREFIX.sub("", raw)):
            name = _clean_one(part)
            if not name or _fold(name) in outlets or _fold(name) in seen:
                continue
            seen.add(_fold(name))
            names.append(name)
    return names


def _clean_one(part: str) -> str | None:
    name = _BY_PREFIX.sub("", part.strip())
    name = _DATELINE_SUFFIX.sub("", _ROLE_SUFFIX.sub("", name)).strip(" .,:;-–—()[]\"'“”")
    if (
        not name
        or _JUNK_WORD.match(name)
        or _ROLE_ONLY.match(name)
        or _DATE_LIKE.search(name)
        or _DOMAIN_LIKE.match(name)
    ):
        return None
    if ":" in name or _CREDIT_WORD.search(name):
        return None  # "Image: Getty Images", "Photo AFP"
    if name.startswith(("http://", "https://", "@", "/")) or len(name.split()) > _MAX_NAME_WORDS:
        return None
    lower_words = [w for w in name.split() if w[0].islower() and w not in _NAME_PARTICLES]
    if len(lower_words) >= 2 or name[0].islower():
        return None  # running text ("soutenue par un"), not a name
    if all(_JUNK_WORD.match(word) for word in name.split()):
        return None
    if not any(ch.isalpha() for ch in name) or len(name) < 2 or any(ch.isdigit() for ch in name):
        return None
    return name


def _fold(text: str) -> str:
    return _NON_WORD.sub("", text.casefold())


def _jsonld_authors(meta: PageMetadata) -> list[str]:
    article = meta.article
    if not article:
        return []
    value = article.get("author") or article.get("creator") or []
    values = value if isinstance(value, list) else [value]
    by_id = {obj["@id"]: obj for obj in meta.jsonld_objects if isinstance(obj.get("@id"), str)}
    names = []
    for item in values:
        if isinstance(item, dict) and set(item) <= {"@id", "@type"}:
            item = by_id.get(item.get("@id"), item)  # a reference into the @graph
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
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
    """Names in the first byline, preferring one after the headline (author links and classes)."""
    headline = next(tree.iter("h1"), None)
    before: list[str] = []
    after_headline = headline is None
    for element in tree.iter():
        if element is headline:
            after_headline = True
            continue
        if not isinstance(element.tag, str) or not _is_byline(element):
            continue
        if any(a.tag in _BOILERPLATE_TAGS for a in element.iterancestors()):
            continue
        container = element.getparent()
        group = [
            e
            for e in container.iter()
            if e is not container and _is_byline(e) and e.tag == element.tag
        ]
        names = [_element_text(e) for e in (group or [element])]
        names = [n for n in names if n and len(n) <= 100]
        if names and after_headline:
            return names
        if names and not before:
            before = names
    return before


def _by_phrases(tree: html.HtmlElement) -> list[str]:
    """ "By Jane Roe" inside a short article-info line ("Sport | By Jane Roe | 2 May 2024")."""
    for element in tree.iter("div", "p", "span", "li", "header"):
        if not _INFO_CLASS.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
            continue
        if any(a.tag in _BOILERPLATE_TAGS for a in element.iterancestors()):
            continue
        text = " ".join(" ".join(element.itertext()).split())
        if len(text) > _MAX_INFO_CHARS:
            continue
        match = _BY_PHRASE.search(text)
        if match:
            return [match.group(1)]
    return []


def _is_byline(element: html.HtmlElement) -> bool:
    if element.get("rel") == "author" or element.get("itemprop") == "author":
        return True
    if element.tag == "a" and _AUTHOR_LINK.search(element.get("href") or ""):
        return True
    return bool(_BYLINE_CLASS.search(element.get("class") or "")) and element.tag in _BYLINE_TAGS


def _element_text(element: html.HtmlElement) -> str:
    name_element = element.xpath('.//*[@itemprop="name"]')
    target = name_element[0] if name_element else element
    if target.tag == "meta":
        return target.get("content") or ""
    return " ".join(" ".join(target.itertext()).split())
