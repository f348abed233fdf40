"""Folded matching (newscrawl.matching.folding) gives exactly what the case-insensitive patterns give."""

from __future__ import annotations

import random
import re
import sys
import tomllib
from pathlib import Path

import pytest

from newscrawl.matching import folding

ROOT = Path(__file__).resolve().parents[1]
MODULES = ("article_type", "competitions", "football_context", "kickoff", "orientation", "scores", "lead",
           "facts", "other_games")


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    import importlib

    found = {}
    for name in MODULES:
        module = importlib.import_module(f"newscrawl.matching.{name}")
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern) and value.flags & re.IGNORECASE:
                found.setdefault(value.pattern, (f"{name}.{attr}", value))
    return sorted(found.values(), key=lambda x: x[0])


def _texts() -> list[str]:
    """Bench article texts, each also with its letters' case scrambled, plus hand-made oddities."""
    rng = random.Random(14)
    texts = []
    for path in sorted((ROOT / "bench" / "data" / "stories").glob("*.toml"))[:4]:
        for raw in tomllib.loads(path.read_text("utf-8")).get("article", [])[:12]:
            text = f"{raw['title']}\n{raw['body']}"
            texts += [text, "".join(c.upper() if rng.random() < 0.3 else c for c in text), text.upper()]
    texts += [
        "LAST NIGHT Ajax WON 2-1, the RETURN LEG is next week; Demi-Finale à l'ALLER",
        "ÉCRASÉ à domicile, l'OM S'INCLINE mardi soir en quart de finale",
        "Wedstrijd met een ſtrafschop: ſeizoen, laſt night",  # long s matches "s" case-insensitively
        "Dİnsdag İnter, Lİve BLOG and hıer ſoir",  # dotted capital I lowers to two characters
        "The \u212aelvin-sign keeper and ΣΟΦΙΑΣ scored in the FINAL",
    ]
    return texts


PATTERNS = _patterns()
TEXTS = _texts()


def test_most_cue_patterns_fold() -> None:
    folded = [name for name, p in PATTERNS if folding.folded(p) is not None]
    assert len(folded) >= 20, folded  # the speed-up reaches the cue lists, not a few of them


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_folded_matches_are_the_case_insensitive_ones(name: str, pattern: re.Pattern[str]) -> None:
    for text in TEXTS:
        assert folding.count(pattern, text) == len(pattern.findall(text)), (name, text[:60])
        assert folding.found(pattern, text) == (pattern.search(text) is not None), (name, text[:60])
        got = [(m.span(), m.lastgroup, [g is None for g in m.groups()]) for m in folding.finditer(pattern, text)]
        want = [(m.span(), m.lastgroup, [g is None for g in m.groups()]) for m in pattern.finditer(text)]
        assert got == want, (name, text[:60])
        assert folding.matched_words(pattern, text) == {m.group().lower() for m in pattern.finditer(text)}
        assert folding.sub(pattern, " ", text) == pattern.sub(" ", text), (name, text[:60])
        got = [(m.span(), m.groups(), m.lastgroup) for m in folding.matches(pattern, text)]
        assert got == [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(text)], (name, text[:60])


def test_odd_case_texts_are_not_lowered() -> None:
    assert folding.lowered("Dİnsdag") is None
    assert folding.lowered("hıer") is None
    assert folding.lowered("laſt") is None
    assert folding.lowered("Last Night à Lyon") == "last night à lyon"


@pytest.mark.parametrize("source", [
    r"[a-z]+ final",  # a range of letters
    r"[^a]bc",  # a negated class with a letter
    r"Final",  # upper case in the pattern
    r"\Wfinal",  # an upper-case escape
    r"\u00e9quipe",  # an escaped character the check cannot see
    r"straße",  # a letter outside the checked set
])
def test_unsafe_patterns_are_not_folded(source: str) -> None:
    assert folding.folded(re.compile(source, re.IGNORECASE)) is None


@pytest.mark.parametrize(("source", "starts"), [
    (r"\b(?:won|drew|lost)\b", "dlw"),
    (r"(?:the )?final", "ft"),  # an optional word: its letter or the next one
    (r"(?<![\w-])(?:deux|un) à", "du"),  # a look-behind consumes nothing
    (r"[1-3]-(?:nil|one)", "123"),
    (r"(?:after|na)?\s*final", None),  # a class by category (\s) can come first
    (r"\w+ final", None),
    (r".final", None),
    (r"(?:final)?", None),  # may match empty: every position is a start
])
def test_folded_twins_are_guarded_by_first_characters(source: str, starts: str | None) -> None:
    found = folding._first_chars(source, 0)
    assert found == (frozenset(starts) if starts else None)
    twin = folding.folded(re.compile(source, re.IGNORECASE))
    assert twin is not None and twin.pattern.startswith("(?=[") == bool(starts)
    for text in ("They WON 2-1 after the final", "deux à un, na 3-nil", "final"):
        assert [m.span() for m in twin.finditer(text.lower())] == [
            m.span() for m in re.finditer(source, text, re.IGNORECASE)]


def test_case_sensitive_patterns_are_not_folded() -> None:
    assert folding.folded(re.compile(r"final")) is None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
