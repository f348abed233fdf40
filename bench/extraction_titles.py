"""Titles for ``bench/extraction.py --titles``: each declared headline alone, and the ways to choose.

For every page with a true title it reads the candidates newscrawl sees
(:func:`newscrawl.pages.title.title_candidates`: JSON-LD ``headline``, ``og:title``/
``twitter:title``, the first ``<h1>``, ``<title>``), cleaned and, for comparison, raw, and
prints per half and per source of the corpus how often each one alone is the true title
and how often each way of choosing between them is. The choice newscrawl makes is
:func:`~newscrawl.pages.title.choose_title`; the others are the alternatives tried, kept
here so that the figures behind the decision can be printed again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import newscrawl.pages.title as title_module
from bench.extraction_scoring import normalize_title
from newscrawl.pages.article import _publisher_name, _site_name, parse_tree, read_metadata
from newscrawl.pages.title import TITLE_SOURCES, choose_title, title_candidates

Candidates = dict[str, str | None]


def _first(*sources: str) -> Callable[[Candidates], str | None]:
    def choose(candidates: Candidates) -> str | None:
        return next((candidates[s] for s in sources if candidates.get(s)), None)

    return choose


def _majority(candidates: Candidates) -> str | None:
    """The headline most of JSON-LD, OpenGraph and ``<h1>`` give (JSON-LD on ties)."""
    votes: dict[str, int] = defaultdict(int)
    for source in ("jsonld", "social", "h1"):
        if candidates.get(source):
            votes[normalize_title(candidates[source])] += 1
    best = max(votes.values(), default=0)
    for source in ("jsonld", "social", "h1"):
        text = candidates.get(source)
        if text and votes[normalize_title(text)] == best:
            return text
    return choose_title(candidates)


def _undecorated(candidates: Candidates) -> str | None:
    """newscrawl's choice, replaced by another candidate it merely decorates (a kicker, a suffix)."""
    chosen = choose_title(candidates)
    if not chosen:
        return chosen
    for text in candidates.values():
        if text and title_module._decorates(title_module._fold(chosen), title_module._fold(text)):
            return text
    return chosen


#: Ways of choosing (name -> function of the cleaned candidates); the first is newscrawl's.
POLICIES: dict[str, Callable[[Candidates], str | None]] = {
    "newscrawl (choose_title)": choose_title,
    "og/twitter first": _first("social", "jsonld", "h1", "document"),
    "<h1> first": _first("h1", "jsonld", "social", "document"),
    "<title> first": _first("document", "jsonld", "social", "h1"),
    "majority jsonld/og/<h1>": _majority,
    "undecorated candidate": _undecorated,
}


def candidates_of(data: bytes, url: str) -> tuple[Candidates, Candidates]:
    """The cleaned and the raw title candidates of one page, as :func:`parse_article` sees them."""
    tree = parse_tree(data)
    meta = read_metadata(tree, url)
    article = meta.article or {}
    outlets = [n for n in (_site_name(meta, article), _publisher_name(article)) if n]
    cleaned = title_candidates(tree, meta, url, outlets)
    original = title_module.strip_site_name
    title_module.strip_site_name = lambda text, *args: text
    try:
        raw = title_candidates(tree, meta, url, outlets)
    finally:
        title_module.strip_site_name = original
    return cleaned, raw


def report(truths: list[dict[str, Any]], halves: dict[str, str], corpus) -> None:
    from bench.extraction import HALVES, SOURCES

    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for truth in truths:
        if not truth.get("title"):
            continue
        expected = normalize_title(truth["title"])
        cleaned, raw = candidates_of((corpus / truth["html"]).read_bytes(), truth.get("url") or "")
        half = halves[truth["id"]]
        rows = (half, f"{half}/{truth['id'].split(':', 1)[0]}")
        cells: dict[str, bool | None] = {}
        for source in TITLE_SOURCES:
            for label, values in (("", cleaned), (" raw", raw)):
                text = values.get(source)
                cells[f"{source}{label}"] = None if not text else normalize_title(text) == expected
        for name, policy in POLICIES.items():
            cells[name] = normalize_title(policy(cleaned)) == expected
        for row in rows:
            counts[row]["pages"][1] += 1
            for column, ok in cells.items():
                if ok is not None:
                    counts[row][column][0] += ok
                    counts[row][column][1] += 1
    order = [*HALVES, *(f"{half}/{source}" for source in SOURCES for half in HALVES)]
    order = [row for row in order if row in counts]
    print("\ntitles: share of pages with a true title where the candidate (alone) or the choice is right")
    print("(candidate columns: right / pages where the page has that candidate)")
    print(f"{'':<30}" + "".join(f"{row:>22}" for row in order))
    columns = [*(f"{s}{label}" for s in TITLE_SOURCES for label in ("", " raw")), *POLICIES]
    for column in columns:
        cells_text = []
        for row in order:
            ok, total = counts[row][column]
            cells_text.append(f"{ok / total:.3f} ({ok}/{total})" if total else "-")
        print(f"{column:<30}" + "".join(f"{cell:>22}" for cell in cells_text))
