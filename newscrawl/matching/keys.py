"""Stable keys for matches and two-legged ties, and the football season of a date."""

from __future__ import annotations

from datetime import date

from newscrawl.errors import MatchKeyError  # noqa: F401  (raised here, defined with the others)
from newscrawl.matching.facts import MatchFacts
from newscrawl.matching.gazetteer import load_competitions

#: Stages played over two legs in competitions whose ``two_legs`` flag is set.
KNOCKOUT_STAGES = frozenset({"play-off", "round-of-16", "quarter-final", "semi-final"})


def season_of(day: date) -> str:
    """Football season of a date, seasons starting on 1 July: 2024-05-02 -> ``"2023-24"``."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def match_key(facts: MatchFacts) -> str:
    """Stable id of a match: ``competition:kickoff-date:team~team`` (teams sorted).

    Raises :class:`MatchKeyError` when the kick-off date is unknown.
    """
    if facts.kickoff_date is None:
        raise MatchKeyError("a match key needs a kick-off date")
    comp = facts.competition_id or "unknown"
    return f"{comp}:{facts.kickoff_date.isoformat()}:{facts.team_ids[0]}~{facts.team_ids[1]}"


def tie_key(facts: MatchFacts) -> str | None:
    """Id shared by both legs of a two-legged tie: ``tie:competition:season:team~team``.

    None unless the competition plays two-legged ties and the article names a leg or a knockout
    stage. The stage is not part of the key: two clubs meet in at most one knockout tie of a
    competition per season, and stage words are noisier than team names ("a place in the final"
    in a semi-final preview).
    """
    comp = facts.competition_id
    # A competition the gazetteer does not know (a fixture file's league id) is not two-legged.
    known = load_competitions().get(comp) if comp is not None else None
    if known is None or not known.two_legs:
        return None
    if facts.leg is None and facts.stage not in KNOCKOUT_STAGES:
        return None
    day = facts.kickoff_date or facts.published_date
    if day is None:
        return None
    return f"tie:{comp}:{season_of(day)}:{facts.team_ids[0]}~{facts.team_ids[1]}"
