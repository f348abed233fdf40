"""Ablation for ``bench/extraction.py --ablate``: what each rule on top of trafilatura is worth.

Each entry switches one rule off by replacing a module attribute for the length of a run (a
pattern that matches nothing, or a step that returns its input). A rule earns its place when
switching it off loses score on the half it was not tuned on and costs nothing on the other.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import newscrawl.pages.body as body
import newscrawl.pages.boilerplate as boilerplate
import newscrawl.pages.title as title
from bench.extraction_scoring import Extraction, Scores
from newscrawl.pages import parse_article

_NEVER = re.compile(r"(?!)")


def _never(module: Any, attribute: str) -> list[tuple[Any, str, Any]]:
    return [(module, attribute, _NEVER)]


def _identity(module: Any, attribute: str, position: int = 0) -> list[tuple[Any, str, Any]]:
    return [(module, attribute, lambda *args, **kwargs: args[position])]


#: Rule name -> the attribute replacements that switch it off.
RULES: dict[str, Callable[[], list[tuple[Any, str, Any]]]] = {
    "body: link-only teaser blocks": lambda: [(body, "_LINK_SHARE", 2.0)],
    "body: leading headline repeats": lambda: _identity(body, "_drop_leading_headlines"),
    "body: visible standfirst put back": lambda: [(body, "_visible_standfirst", lambda *a: False)],
    "body: text given twice (4-grams)": lambda: _identity(body, "_drop_repeated_text"),
    "bp: prefixes (read more...)": lambda: _never(boilerplate, "_PREFIXES"),
    "bp: anywhere (newsletter...)": lambda: _never(boilerplate, "_ANYWHERE"),
    "bp: photo credits": lambda: _never(boilerplate, "_CREDIT"),
    "bp: contribution lines": lambda: _never(boilerplate, "_CONTRIBUTION"),
    "bp: embedded tweets": lambda: _never(boilerplate, "_TWEET"),
    "title: strip site name": lambda: _identity(title, "strip_site_name"),
    # Not rules but alternatives: trafilatura's own options (positive: the default is better).
    "trafilatura fast (no fallbacks)": lambda: _bare_with(fast=True),
    "trafilatura favor_recall": lambda: _bare_with(favor_recall=True),
    "trafilatura favor_precision": lambda: _bare_with(favor_precision=True),
    "trafilatura without tables": lambda: _bare_with(include_tables=False),
}


def _bare_with(**options: Any) -> list[tuple[Any, str, Any]]:
    original = body.bare_extraction

    def bare(*args: Any, **kwargs: Any) -> Any:
        return original(*args, **{**kwargs, **options})

    return [(body, "bare_extraction", bare)]


@contextmanager
def switched_off(rule: str) -> Iterator[None]:
    replacements = RULES[rule]()
    saved = [(module, attribute, getattr(module, attribute)) for module, attribute, _ in replacements]
    for module, attribute, value in replacements:
        setattr(module, attribute, value)
    try:
        yield
    finally:
        for module, attribute, value in saved:
            setattr(module, attribute, value)


def run_parser(data: bytes, truth: dict[str, Any]) -> Extraction:
    """Only what the rules touch: title, body, authors (no language, no dates)."""
    started = time.process_time()
    item = parse_article(data, truth.get("url") or "https://example.invalid/")
    return Extraction(
        title=item.title,
        body=item.body or "",
        authors=item.authors,
        site_name=item.site_name,
        seconds=time.process_time() - started,
    )


def _figures(scores: Scores) -> tuple[float, float, float]:
    f1 = scores.body_f1() or 0.0
    snippets = scores.snippets_ok / scores.snippets if scores.snippets else 0.0
    titles = scores.titles_ok / scores.titles if scores.titles else 0.0
    return f1, snippets, titles


def ablate(truths: list[dict[str, Any]], halves: dict[str, str], full_rows) -> None:
    """Print, per rule and half, the score lost when the rule is off (positive: the rule helps)."""
    from bench.extraction import HALVES, measure

    reference = measure(truths, halves, {"newscrawl": run_parser})
    print("\nablation: score with the rule ON minus score with it OFF (body F1 / snippets / title)")
    print(f"{'rule':<36} " + "  ".join(f"{half:^26}" for half in HALVES))
    for rule in RULES:
        with switched_off(rule):
            rows = measure(truths, halves, {"newscrawl": run_parser})
        cells = []
        for half in HALVES:
            on = _figures(reference[half]["newscrawl"])
            off = _figures(rows[half]["newscrawl"])
            cells.append(" ".join(f"{a - b:+8.4f}" for a, b in zip(on, off, strict=True)))
        print(f"{rule:<36} " + "  ".join(cells))
