"""Mentions that belong to another game than the one an article is about.

A report or a preview often closes on the sides' other games: "Utrecht speelt zaterdag thuis tegen
Heracles", "ahead of the trip to Brentford", "Woensdag wacht blauw-zwart een Champions League-duel met
Juventus". The teams and competitions of such sentences are not the match's (facts.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newscrawl.matching import folding
from newscrawl.matching.gazetteer import TeamMention
from newscrawl.matching.scores import find_scores, sentence_bounds
from newscrawl.matching.vocabulary import before, cue

_LATER_GAME = cue("later_game")


def names_next_opponent(text: str, m: TeamMention, teams: Sequence[TeamMention]) -> bool:
    """Whether ``m`` is in a sentence about a later game and is not its subject: in "Utrecht speelt
    zaterdag thuis tegen Heracles" or "he spoke ahead of the trip to Brentford" the team after the
    cue is the next opponent, while a team opening the sentence before any cue ("Utrecht") is the
    one whose next game it is, a side of the played match; so is a team named before the cue in a
    sentence that gives a result there ("X were beaten 2-1 by Y and travel to Z on Tuesday")."""
    lo, hi = sentence_bounds(text, m.start, m.end)
    # Asked for every team mention: the folded twin over the text lowered once finds the same cue.
    low, twin = folding.lowered(text), folding.folded(_LATER_GAME)
    cue_at = twin.search(low, lo, hi) if low is not None and twin is not None else _LATER_GAME.search(text, lo, hi)
    if cue_at is None:
        return False
    first = min((t.start for t in teams if lo <= t.start < hi), default=m.start)
    if m.end <= cue_at.start() and find_scores(text[lo : cue_at.start()]):
        return False
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


_VENUE_BEFORE = before("venue_before")


def venue_only(text: str, teams: Sequence[TeamMention], kind_of: Callable[[str], str],
               sentence_of: Callable[[int], int]) -> set[str]:
    """Teams named only as the place of the game: every mention right after a place word ("à",
    "in", "stadion van") and one of them in a sentence that names two other teams of its kind
    ("Brest veut faire tomber le PSV à Guingamp", "In het stadion van Guingamp, waar Stade Brest
    speelt, verloren de Eindhovenaren"): the town of a borrowed ground, not a side. With fewer
    teams around, "s'impose à Lyon" names the opponent."""
    placed = {m.team_id for m in teams if _VENUE_BEFORE.search(text[max(0, m.start - 15) : m.start])}
    for m in teams:
        if m.team_id in placed and not _VENUE_BEFORE.search(text[max(0, m.start - 15) : m.start]):
            placed.discard(m.team_id)  # also named as itself
    venues = set()
    for t in placed:
        kind = kind_of(t)
        for m in (m for m in teams if m.team_id == t):
            around = {o.team_id for o in teams if o.team_id != t and kind_of(o.team_id) == kind
                      and sentence_of(o.start) == sentence_of(m.start)}
            if len(around) >= 2:
                venues.add(t)
    return venues


_TABLE_RIVAL_BEFORE = before("table_rival", "upcoming_article")


def table_rivals(title: str, teams: Sequence[TeamMention]) -> set[int]:
    """Starts of the headline mentions right after a table word: "Arsenal Women beat United to close
    gap on Chelsea", "Feyenoord wint en loopt uit op PSV". The team is a rival in the standings, not
    a side (nor a third team making a round-up)."""
    return {m.start for m in teams if m.end <= len(title)
            and _TABLE_RIVAL_BEFORE.search(title[max(0, m.start - 25) : m.start])}
