"""Mentions that belong to another game than the one an article is about.

A report or a preview often closes on the sides' other games: "Utrecht speelt zaterdag thuis tegen
Heracles", "ahead of the trip to Brentford", "Woensdag wacht blauw-zwart een Champions League-duel met
Juventus". The teams and competitions of such sentences are not the match's (facts.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newscrawl.matching.gazetteer import TeamMention
from newscrawl.matching.scores import sentence_bounds
from newscrawl.matching.vocabulary import cue

_LATER_GAME = cue("later_game")


def names_next_opponent(text: str, m: TeamMention, teams: Sequence[TeamMention]) -> bool:
    """Whether ``m`` is in a sentence about a later game and is not its subject: in "Utrecht speelt
    zaterdag thuis tegen Heracles" or "he spoke ahead of the trip to Brentford" the team after the
    cue is the next opponent, while a team opening the sentence before any cue ("Utrecht") is the
    one whose next game it is, a side of the played match."""
    lo, hi = sentence_bounds(text, m.start, m.end)
    cue_at = _LATER_GAME.search(text, lo, hi)
    if cue_at is None:
        return False
    first = min((t.start for t in teams if lo <= t.start < hi), default=m.start)
    return not (m.start == first and m.end <= cue_at.start())


def without_third_team_competitions(
    text: str, comps: tuple[tuple[str, int, int], ...], teams: Sequence[TeamMention],
    pair: set[str], same_kind: Callable[[str], bool],
) -> tuple[tuple[str, int, int], ...]:
    """``comps`` without the competitions named in a sentence with a team outside ``pair`` (of the
    pair's kind, by ``same_kind``) and not both sides: "Twente speelde donderdag in de Europa League
    gelijk bij Bodø/Glimt" in a preview of Twente v Utrecht names Twente's other game."""
    kept = []
    for c in comps:
        lo, hi = sentence_bounds(text, c[1], c[2])
        named = {t.team_id for t in teams if lo <= t.start < hi}
        if any(t not in pair and same_kind(t) for t in named) and not pair <= named:
            continue
        kept.append(c)
    return tuple(kept)
