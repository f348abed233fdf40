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

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from trafilatura import extract_metadata

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


def _jsonld_first(candidates: Candidates) -> str | None:
    """The rule before issue 12: JSON-LD, then OpenGraph/Twitter, then <title> or its <h1>."""
    for source in ("jsonld", "social"):
        if candidates.get(source):
            return candidates[source]
    return choose_title({**candidates, "jsonld": None, "social": None})


def _shown_only(candidates: Candidates) -> str | None:
    """newscrawl's choice without the <h1> replacing a declared headline it undecorates."""
    h1 = candidates.get("h1")
    declared = [candidates[s] for s in ("jsonld", "social") if candidates.get(s)]
    shown = [t for t in declared if h1 and title_module._fold(t) == title_module._fold(h1)]
    return (shown or declared or [None])[0] or choose_title(candidates)


def _undecorated_only(candidates: Candidates) -> str | None:
    """The rule before issue 12, plus the <h1> replacing a declared headline it undecorates."""
    chosen, h1 = _jsonld_first(candidates), candidates.get("h1")
    fold = title_module._fold
    return h1 if chosen and h1 and title_module._decorates(fold(chosen), fold(h1)) else chosen


def _vote_all(candidates: Candidates) -> str | None:
    """The declared headline most candidates agree with (all five vote), the <h1>'s on ties.

    Measured, not adopted: worse than newscrawl's rule on the tuning half it would be chosen
    on; ``<title>`` and JSON-LD ``name`` are mostly copies of JSON-LD ``headline`` (one CMS
    field), so counting them as votes counts one source three times.
    """
    fold = title_module._fold
    votes = Counter(fold(text) for text in candidates.values() if text)
    h1 = fold(candidates.get("h1") or "")
    declared = [candidates[s] for s in ("jsonld", "social") if candidates.get(s)]
    if not declared:
        return choose_title(candidates)
    return max(declared, key=lambda text: (votes[fold(text)], fold(text) == h1))


def _undecorated(candidates: Candidates) -> str | None:
    """newscrawl's choice, replaced by another candidate it merely decorates (a kicker, a suffix).

    Measured as the rule (issue 12, round 13), not adopted: tuning 0.919 -> 0.935 (58/62),
    checking 0.889 -> 0.833 (60/72). A shorter candidate inside the chosen one is as often
    a social card's cut as the headline without a decoration.
    """
    chosen = choose_title(candidates)
    if not chosen:
        return chosen
    for text in candidates.values():
        if text and title_module._decorates(title_module._fold(chosen), title_module._fold(text)):
            return text
    return chosen


def _h1_without_jsonld(candidates: Candidates) -> str | None:
    """The <h1> before og:title and <title> when the page declares no JSON-LD headline.

    Measured as the rule (issue 12, round 13, the hidden-box <h1> already skipped), not
    adopted: tuning 0.919 -> 0.935 (58/62), checking 0.889 -> 0.819 (59/72).
    """
    h1 = candidates.get("h1")
    if h1 and not candidates.get("jsonld") and candidates.get("social"):
        return h1
    return choose_title(candidates)


def _longer_h1_without_jsonld(candidates: Candidates) -> str | None:
    """Without a JSON-LD headline, an <h1> of more words than the choice replaces it.

    The thought: a blog's name or tagline is shorter than its headline. Measured as the
    rule (issue 12, round 13), not adopted: tuning 58/62, checking 0.889 -> 0.847 (61/72).
    """
    chosen, h1 = choose_title(candidates), candidates.get("h1")
    if chosen and h1 and not candidates.get("jsonld") and len(h1.split()) > len(chosen.split()):
        return h1
    return chosen


#: Ways of choosing (name -> function of the cleaned candidates); the first is newscrawl's.
POLICIES: dict[str, Callable[[Candidates], str | None]] = {
    "newscrawl (choose_title)": choose_title,
    "before: jsonld, og, <title>": _jsonld_first,
    "  + the <h1> confirms": _shown_only,
    "  + the <h1> undecorates": _undecorated_only,
    "vote of all, <h1> breaks ties": _vote_all,
    "og/twitter first": _first("social", "jsonld", "h1", "document"),
    "<h1> first": _first("h1", "jsonld", "social", "document"),
    "<title> first": _first("document", "jsonld", "social", "h1"),
    "majority jsonld/og/<h1>": _majority,
    "undecorated candidate": _undecorated,
    "no JSON-LD: <h1> first": _h1_without_jsonld,
    "no JSON-LD: the longer <h1>": _longer_h1_without_jsonld,
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
    misses: list[str] = []
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
        if not cells["newscrawl (choose_title)"]:
            misses.append(_describe_miss(truth, half, cleaned, raw, corpus))
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
    print("\ntitle misses, with every candidate (* = the true title):")
    print("\n".join(sorted(misses)))


def _describe_miss(truth: dict[str, Any], half: str, cleaned: Candidates, raw: Candidates, corpus) -> str:
    """One missed page: the truth, the choice, and each candidate newscrawl and trafilatura see."""
    data = (corpus / truth["html"]).read_bytes()
    url = truth.get("url") or ""
    meta = read_metadata(parse_tree(data), url)
    rows = {
        **{source: cleaned.get(source) for source in TITLE_SOURCES},
        "og:title": meta.meta("og:title"),
        "twitter:title": meta.meta("twitter:title"),
        "<title> raw": raw.get("document"),
        "trafilatura": extract_metadata(data.decode("utf-8", "replace"), default_url=url).title,
    }
    expected = normalize_title(truth["title"])
    lines = [f"{half} {truth['id']}", f"    truth          {truth['title']!r}"]
    lines.append(f"    chosen         {choose_title(cleaned)!r}")
    for name, text in rows.items():
        mark = "*" if text and normalize_title(text) == expected else " "
        lines.append(f"   {mark}{name:<14} {text!r}")
    return "\n".join(lines)
