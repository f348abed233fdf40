"""Scoring for ``bench/extraction.py``: normalisation, per-page measures, accumulated figures.

Kept apart from the runners so ``tests/test_pages_corpus.py`` scores pages with the same measures.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
    }
)
_JUNK_AUTHOR = re.compile(
    r"^(by|par|door|von|updated|published|posted)\b|\d{1,4}[/.:-]\d{1,2}|\b(19|20)\d{2}\b|\bago\b",
    re.IGNORECASE,
)


@dataclass
class Extraction:
    """What one extractor returned for one page, in comparable form."""

    title: str | None = None
    body: str = ""
    published_day: date | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    site_name: str | None = None
    seconds: float = 0.0
    peak_bytes: int = 0


@dataclass
class Scores:
    """Accumulated figures of one extractor over a set of pages."""

    pages: int = 0
    body_precision: list[float] = field(default_factory=list)
    body_recall: list[float] = field(default_factory=list)
    snippets_ok: int = 0
    snippets: int = 0
    titles_ok: int = 0
    titles: int = 0
    dates_ok: int = 0
    dates: int = 0
    authors_found: int = 0
    authors: int = 0
    junk_authors: int = 0
    languages_ok: int = 0
    languages: int = 0
    seconds: float = 0.0
    peak_bytes: int = 0

    def body_f1(self) -> float | None:
        if not self.body_precision:
            return None
        precision = sum(self.body_precision) / len(self.body_precision)
        recall = sum(self.body_recall) / len(self.body_recall)
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-word shingles of lower-cased ``\\w+`` tokens."""
    tokens = [t.lower() for t in _WORD.findall(text or "")]
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def normalize_title(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return " ".join(text.casefold().split()).strip(" .")


def normalize_space(text: str | None) -> str:
    return " ".join((text or "").replace("\u00a0", " ").split())


def normalize_name(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(re.sub(r"[^\w\s'-]", " ", text.casefold()).split())


def truth_day(published: str) -> date | None:
    """The calendar day of a truth date, in the offset it is written in."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", published or "")
    return date(*map(int, match.groups())) if match else None


def truth_authors(truth: dict[str, Any]) -> list[str]:
    """True person names (trafilatura annotates one string; outlet names are not persons)."""
    names: list[str] = []
    for raw in truth.get("authors") or []:
        for name in re.split(r"\s*[;,]\s*|\s+and\s+|\s+et\s+", raw):
            if normalize_name(name) and not is_outlet(name, truth):
                names.append(name.strip())
    return names


def is_outlet(name: str, truth: dict[str, Any]) -> bool:
    """Whether a truth author names the publishing outlet (fundus sometimes lists it as author)."""
    key = re.sub(r"\W", "", name.casefold())
    publisher = re.sub(r"\W", "", (truth.get("publisher") or "").rsplit("/", 1)[-1].casefold())
    host = (truth.get("url") or "").split("/")[2:3]
    labels = [label for label in (host[0].split(".") if host else []) if len(label) > 3]
    if re.search(r"\.(com|be|fr|nl|uk|de|net|org)$", name.strip().casefold()):
        return True
    return bool(key) and any(
        key in other or other in key for other in [publisher, *labels] if other
    )


def score(
    scores: Scores,
    extraction: Extraction,
    truth: dict[str, Any],
    misses: list[str],
    show: str | None,
) -> None:
    page = truth["id"]
    scores.pages += 1
    scores.seconds += extraction.seconds
    scores.peak_bytes = max(scores.peak_bytes, extraction.peak_bytes)
    if truth.get("body"):
        expected, found = shingles(truth["body"]), shingles(extraction.body)
        overlap = sum((expected & found).values())
        scores.body_precision.append(overlap / sum(found.values()) if found else 0.0)
        scores.body_recall.append(overlap / sum(expected.values()) if expected else 1.0)
        if show == "body" and (scores.body_precision[-1] < 0.95 or scores.body_recall[-1] < 0.95):
            misses.append(
                f"{page}: P={scores.body_precision[-1]:.3f} R={scores.body_recall[-1]:.3f}"
            )
    body = normalize_space(extraction.body)
    for snippet in truth.get("body_includes") or []:
        scores.snippets += 1
        ok = normalize_space(snippet) in body
        scores.snippets_ok += ok
        if show == "snippets" and not ok:
            misses.append(f"{page}: missing {snippet[:90]!r}")
    for snippet in truth.get("body_excludes") or []:
        scores.snippets += 1
        ok = normalize_space(snippet) not in body
        scores.snippets_ok += ok
        if show == "snippets" and not ok:
            misses.append(f"{page}: unwanted {snippet[:90]!r}")
    if truth.get("title"):
        scores.titles += 1
        ok = normalize_title(truth["title"]) == normalize_title(extraction.title)
        scores.titles_ok += ok
        if show == "title" and not ok:
            misses.append(f"{page}: {extraction.title!r} != {truth['title']!r}")
    if truth.get("published"):
        scores.dates += 1
        ok = extraction.published_day == truth_day(truth["published"])
        scores.dates_ok += ok
        if show == "date" and not ok:
            misses.append(f"{page}: {extraction.published_day} != {truth['published']}")
    expected_names = truth_authors(truth)
    found_names = {normalize_name(a) for a in extraction.authors}
    for name in expected_names:
        scores.authors += 1
        ok = normalize_name(name) in found_names
        scores.authors_found += ok
        if show == "authors" and not ok:
            misses.append(f"{page}: missing {name!r} in {extraction.authors}")
    outlets = {normalize_name(n) for n in (truth.get("publisher"), extraction.site_name) if n}
    for name in extraction.authors:
        junk = bool(_JUNK_AUTHOR.search(name)) or normalize_name(name) in outlets
        scores.junk_authors += junk
        if show == "authors" and junk:
            misses.append(f"{page}: junk {name!r}")
    if truth.get("lang"):
        scores.languages += 1
        ok = extraction.language == truth["lang"]
        scores.languages_ok += ok
        if show == "language" and not ok:
            misses.append(f"{page}: {extraction.language} != {truth['lang']}")


