"""Helpers for the matching tests: facts of one own-words article, which must be found."""

from __future__ import annotations

from newscrawl.matching import extract_match_facts
from newscrawl.matching.facts import MatchFacts


def facts(title: str, body: str, published: str, language: str = "en") -> MatchFacts:
    """The match facts of one article; fails the test when there are none."""
    found = extract_match_facts(title, body, language=language, published_at=published)
    assert found is not None
    return found
