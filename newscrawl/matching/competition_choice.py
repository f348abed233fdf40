"""Which competition an article's match is played in, from the competitions it names.

A mention counts unless it names a tournament still ahead ("before the Euro"), the league a side
is moving to ("promotion naar de Eredivisie"), another meeting of the two teams, or (in a report)
a later game; the one that fits both teams (men's or women's, clubs or national sides, their
country) and the title or lead wins, else the most named.
"""

from __future__ import annotations

from collections import defaultdict

from newscrawl.matching import folding
from newscrawl.matching.gazetteer import Gazetteer
from newscrawl.matching.kickoff import ANOTHER_MEETING
from newscrawl.matching.scores import clause_near
from newscrawl.matching.vocabulary import before, cue, in_earlier_result

#: A competition named once after this many body characters is another game's.
COMPETITION_LEAD_CHARS = 400


# "a rehearsal before the Euro", "avant l'Euro", "generale repetitie voor het EK": a tournament
# still to come, not the one this match is played in.
_UPCOMING = before("upcoming", "upcoming_article")
# "a huge step towards the Championship", "promotion naar de Eredivisie": the league a side is
# moving to, not the one the match is played in.
_LEAGUE_MOVE = before("league_move", "upcoming_article")


def not_upcoming(
    text: str, comps: tuple[tuple[str, int, int], ...], gaz: Gazetteer
) -> tuple[tuple[str, int, int], ...]:
    """Competition mentions, without tournaments named as something still ahead ("before the Euro",
    "avant la Ligue des champions") nor in a clause about another meeting of the two teams. A league or domestic cup is not: Dutch "voor de Eredivisie"
    is "for the league", the match's own."""
    if folding.found(ANOTHER_MEETING, text):  # rare: test the clauses only then
        comps = tuple(c for c in comps if not ANOTHER_MEETING.search(clause_near(text, c[1], c[2])))
    comps = tuple(c for c in comps if gaz.competitions[c[0]].kind != "league"
                  or not _LEAGUE_MOVE.search(text[max(0, c[1] - 30) : c[1]]))
    return tuple(c for c in comps if gaz.competitions[c[0]].kind not in ("international", "continental")
                 or not _UPCOMING.search(text[max(0, c[1] - 30) : c[1]]))


_LATER_GAME = cue("later_game")


def not_earlier(text: str, comps: tuple[tuple[str, int, int], ...], kind: str) -> tuple[tuple[str, int, int], ...]:
    """In a preview, competition mentions without those of an earlier result ("dix-huit jours après
    l'élimination en Coupe de France", "after the cup exit"): the last game's, not this one's. A
    reaction's "after the defeat in the cup" is its own match, so only previews read it so."""
    if kind != "preview":
        return comps
    return tuple(c for c in comps if not in_earlier_result(text, c[1]))


def not_later(text: str, comps: tuple[tuple[str, int, int], ...], title_end: int, kind: str
               ) -> tuple[tuple[str, int, int], ...]:
    """In a played match's article, competition mentions of the body without those in a clause
    about a later game ("De Rijselaars spelen dinsdag al in de Coupe de France")."""
    if kind not in ("report", "reaction"):
        return comps
    return tuple(c for c in comps if c[1] < title_end
                 or not folding.found(_LATER_GAME, clause_near(text, c[1], c[2])))


def choose_competition(
    comps: tuple[tuple[str, int, int], ...], title_end: int, pair: set[str], gaz: Gazetteer
) -> str | None:
    kinds = {gaz.teams[t].kind for t in pair}
    countries = {gaz.teams[t].country for t in pair}

    women = {gaz.teams[t].women for t in pair}

    def fits(cid: str) -> bool:
        comp = gaz.competitions[cid]
        if women != {comp.women}:
            return False  # a men's competition is not a women's team's, and the other way round
        if comp.kind == "international":
            return kinds == {"national"}
        if kinds != {"club"}:
            return False
        return comp.country is None or countries == {comp.country}

    usable = [c for c in comps if fits(c[0])]
    counts_all: dict[str, int] = defaultdict(int)
    for cid, _, _ in usable:
        counts_all[cid] += 1
    # A competition named once, late in the text, is usually another game's ("before the trip to
    # Lisbon in the Europa League"): keep only title/lead mentions or repeated names.
    usable = [c for c in usable if c[1] < title_end + COMPETITION_LEAD_CHARS or counts_all[c[0]] >= 2]
    if not usable:
        return None
    if kinds == {"club"} and len(countries) == 1:
        # Two clubs of one country meet in its league or cup far more often than in Europe; a
        # continental competition in the lead is then usually another game's ("before Dortmund").
        domestic = [c for c in usable if gaz.competitions[c[0]].country in countries]
        continental_titled = any(c[1] < title_end for c in usable if c not in domestic)
        if domestic and not continental_titled:
            usable = domestic
        elif not domestic and not continental_titled and all(counts_all[c[0]] == 1 for c in usable):
            # "Luis Enrique devrait reconduire le trio aligné en Ligue des champions" in a preview
            # of PSG-OM: named once, in the body only, Europe is the clubs' other games.
            return None
    titled = [c for c in usable if c[1] < title_end]
    if titled:
        return titled[0][0]
    counts: dict[str, int] = defaultdict(int)
    for cid, _, _ in usable:
        counts[cid] += 1
    first = usable[0][0]
    return max(counts, key=lambda c: counts[c] + (1 if c == first else 0))

