"""Round-ups: a headline or a lead about several games at once, not one match (used by
:mod:`newscrawl.matching.article_type` and :mod:`newscrawl.matching.facts`)."""

from __future__ import annotations

import re
from collections import Counter

from newscrawl.matching.scores import find_scores, normalise_score_text


def round_up_headline(title: str, team_count: int) -> bool:
    """Whether a headline naming ``team_count`` teams of one kind is a round-up of several games.

    Three teams or more make a round-up, except a headline with exactly one score and three teams:
    a report that names the next opponent ("PSG beat Lyon 3-1 before Dortmund"); nor is one with
    three teams and one fixture ("Lionesses v Belgium: Wiegman rotates ahead of Portugal trip").
    """
    if team_count < 3:
        return False
    if team_count == 3 and len(_VERSUS.findall(title)) == 1:
        return False
    return team_count >= 4 or len(find_scores(normalise_score_text(title))) != 1


#: The word between the two sides of a fixture headline ("Arsenal v Chelsea", "PSV vs Ajax").
_VERSUS = re.compile(r"(?<=\w)\s+(?:v|vs|versus)\.?\s+(?=\w)")


#: A lead with this many played scores, between this many distinct teams, is a round-up.
ROUND_UP_SCORES = 3
ROUND_UP_TEAMS = 5


def round_up_lead(lead: str, head, title_len: int, gaz) -> bool:
    """Several results of several games in the lead ("Lille and Lens drew 1-1, Marseille won 3-1
    at Strasbourg and Monaco beat Nantes 2-0"): a round-up, not one match."""
    scores = [s for s in find_scores(normalise_score_text(lead)) if not s.prediction and not s.aggregate]
    body_teams = {m.team_id for m in head.teams if m.start > title_len}
    kinds = Counter(gaz.teams[t].kind for t in body_teams)
    return len(scores) >= ROUND_UP_SCORES and bool(kinds) and max(kinds.values()) >= ROUND_UP_TEAMS


#: A lead naming this many teams of one kind, under a headline naming at most one, is about a
#: league or a round of games, not one match.
MANY_TEAMS_LEAD = 6


def many_teams_lead(lead: str, head, title_len: int, gaz) -> bool:
    """Many teams of one kind in the lead (:data:`MANY_TEAMS_LEAD`): a league or a round of games."""
    body_teams = {m.team_id for m in head.teams if m.start > title_len}
    kinds = Counter(gaz.teams[t].kind for t in body_teams)
    return bool(kinds) and max(kinds.values()) >= MANY_TEAMS_LEAD
