"""The matching shortcuts (listed sentence breaks, hinted leg search) give what the plain computations give."""

from __future__ import annotations

import random

import pytest

from newscrawl.matching import competitions
from newscrawl.matching.scores import sentence_bounds

TEXTS = [
    "Ajax won 2-1. The return leg is next week!\nBut who knows? Not me.",
    "No break at all in this line",
    ". ! ? \n\n. Leading breaks, then words.",
    "Le retour de Diani. Au retour, Lyon devra gagner. Match aller: 1-0.\nThe return of Saka? "
    "The return fixture is set. First-leg lead! L'ALLER, le RETOUR. retour",
    "Heenwedstrijd.Terugwedstrijd!2nd leg?first leg\nsecond legs",
]


def _plain_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The former computation: one rfind and one find per break."""
    lo = max(text.rfind(b, 0, start) for b in (". ", "\n", "! ", "? "))
    lo = lo + 1 if lo >= 0 else 0
    ends = [i for i in (text.find(b, end) for b in (". ", "\n", "! ", "? ")) if i != -1]
    return lo, min(ends) if ends else len(text)


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_bounds_are_the_plain_ones(text: str) -> None:
    rng = random.Random(7)
    spans = [(s, e) for s in range(len(text) + 1) for e in (s, min(len(text), s + rng.randrange(1, 12)))]
    for start, end in spans:
        assert sentence_bounds(text, start, end) == _plain_bounds(text, start, end), (text, start, end)


@pytest.mark.parametrize("text", TEXTS)
def test_leg_mentions_are_the_pattern_matches(text: str) -> None:
    got = [(m.span(), m.group("one") is None) for m in competitions._leg_mentions(text)]
    want = [(m.span(), m.group("one") is None) for m in competitions._LEG_RE.finditer(text)]
    assert got == want


def test_leg_texts_name_legs() -> None:
    # The check above is not vacuous: the texts hold legs of both kinds, and a "return of" player.
    found = [m for text in TEXTS for m in competitions._LEG_RE.finditer(text)]
    assert {m.group("one") is None for m in found} == {True, False} and len(found) >= 8
    assert not any(m.group().lower() == "the return" and m.end() == TEXTS[3].index(" of Saka")
                   for m in competitions._LEG_RE.finditer(TEXTS[3]))
