"""Storage-agnostic story grouping: which known match an article's facts belong to.

The caller (the stories pipeline, or the benchmark) keeps the known matches wherever it likes and
asks :class:`StoryGrouper` three things: :meth:`~StoryGrouper.assign` (an existing match or
None), :meth:`~StoryGrouper.new_match` (start a story from these facts) and
:meth:`~StoryGrouper.refine` (sharpen a match's date/leg/score when a better article arrives).

Precision first: a wrong merge is worse than a missed one. A candidate must have the same two
teams, a compatible leg, and its kick-off date must fall in the article's date window; when either
date is loose (taken from publication), the competition (equal, or one side unknown) and the result
of a played match must also agree. With both dates read from the text, a different competition or
score is an extraction slip: the same two teams never meet twice within two days. The
window is exact for a date written in the text, +-1 day for a weekday or "last night", and for
a date taken only from publication it spans the days a report follows (up to 3 back) or a preview
precedes (up to 3 ahead) the match: always narrower than the week between two legs, so two legs
of a tie, and the same clubs in another season, are never merged. When several candidates fit,
the closest wins only if it is strictly closest and the window is at most a week wide (a
month-only publication date must fit exactly one match); otherwise the article stays ungrouped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from newscrawl.matching.facts import MatchFacts
from newscrawl.matching.keys import match_key, tie_key

#: Half-width in days of the uncertainty of a kick-off date, by how it was inferred.
BASIS_TOLERANCE = {"explicit": 0, "weekday": 1, "relative": 1, "published": 3}
_PUBLISHED_LAG = 3
#: Tolerance (days) of a date read from the text (explicit, weekday, "last night").
_SURE_TOLERANCE = 1


@dataclass(frozen=True)
class KnownMatch:
    """A match already holding a story."""

    key: str
    team_ids: tuple[str, str]
    competition_id: str | None
    kickoff_date: date
    tolerance_days: int = 0
    """How far the true kick-off may be from ``kickoff_date`` (0 when a text stated it)."""
    leg: int | None = None
    goals: tuple[int, int] | None = None
    """Final score in ``team_ids`` order, from a report."""
    tie_key: str | None = None


def _goals(facts: MatchFacts) -> tuple[int, int] | None:
    by_team = facts.goals_by_team()
    if by_team is None or facts.article_type not in ("report", "reaction"):
        return None
    return by_team[facts.team_ids[0]], by_team[facts.team_ids[1]]


def date_window(facts: MatchFacts) -> tuple[date, date] | None:
    """Earliest and latest kick-off date the article allows, or None if it gives no date at all."""
    if facts.kickoff_date is not None:
        d = facts.kickoff_date
        if facts.kickoff_basis == "published":
            if facts.article_type == "preview":
                return d, d + timedelta(days=_PUBLISHED_LAG)
            return d - timedelta(days=_PUBLISHED_LAG), d
        tol = BASIS_TOLERANCE.get(facts.kickoff_basis or "", 1)
        return d - timedelta(days=tol), d + timedelta(days=tol)
    if facts.published_date is not None and facts.published_precision == "month":
        first = facts.published_date.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first - timedelta(days=_PUBLISHED_LAG), nxt
    return None


class StoryGrouper:
    """Decides which known match an article belongs to; keeps no state of its own."""

    def assign(self, facts: MatchFacts, candidates: list[KnownMatch]) -> KnownMatch | None:
        """The known match these facts are about, or None (new match, or not sure enough)."""
        window = date_window(facts)
        if window is None:
            return None
        lo, hi = window
        goals = _goals(facts)
        sure_day = (hi - lo).days <= 2 * _SURE_TOLERANCE
        fitting: list[tuple[int, KnownMatch]] = []
        for cand in candidates:
            if tuple(cand.team_ids) != facts.team_ids:
                continue
            if facts.leg and cand.leg and facts.leg != cand.leg:
                continue
            # The same two teams never meet twice within a couple of days: when both dates are sure,
            # a different competition or result is an extraction slip, not another match.
            sure = sure_day and cand.tolerance_days <= _SURE_TOLERANCE
            if facts.competition_id and cand.competition_id and facts.competition_id != cand.competition_id and not sure:
                continue
            if goals and cand.goals and goals != cand.goals and not sure:
                continue
            tol = timedelta(days=cand.tolerance_days)
            if cand.kickoff_date + tol < lo or cand.kickoff_date - tol > hi:
                continue
            centre = lo + (hi - lo) / 2
            fitting.append((abs((cand.kickoff_date - centre).days), cand))
        if not fitting:
            return None
        if len(fitting) > 1 and (hi - lo).days > 2 * max(BASIS_TOLERANCE.values()):
            return None  # a month-wide window cannot choose between matches by distance
        fitting.sort(key=lambda pair: pair[0])
        if len(fitting) > 1 and fitting[0][0] == fitting[1][0]:
            return None
        return fitting[0][1]

    def new_match(self, facts: MatchFacts) -> KnownMatch | None:
        """A new known match started by these facts, or None when they give no kick-off date."""
        if facts.kickoff_date is None:
            return None
        day = facts.kickoff_date
        tol = BASIS_TOLERANCE.get(facts.kickoff_basis or "", 1)
        return KnownMatch(
            key=match_key(replace(facts, kickoff_date=day)),
            team_ids=facts.team_ids,
            competition_id=facts.competition_id,
            kickoff_date=day,
            tolerance_days=tol,
            leg=facts.leg,
            goals=_goals(facts),
            tie_key=tie_key(facts),
        )

    def refine(self, known: KnownMatch, facts: MatchFacts) -> KnownMatch:
        """``known`` updated with what ``facts`` add: a surer date, the leg, the result, the tie.

        The key never changes, so stories stay addressable.
        """
        updated = known
        tol = BASIS_TOLERANCE.get(facts.kickoff_basis or "", 99)
        if facts.kickoff_date is not None and facts.kickoff_basis != "published" and tol < known.tolerance_days:
            updated = replace(updated, kickoff_date=facts.kickoff_date, tolerance_days=tol)
        if updated.competition_id is None and facts.competition_id is not None:
            updated = replace(updated, competition_id=facts.competition_id)
        if updated.leg is None and facts.leg is not None:
            updated = replace(updated, leg=facts.leg)
        goals = _goals(facts)
        if updated.goals is None and goals is not None:
            updated = replace(updated, goals=goals)
        if updated.tie_key is None:
            updated = replace(updated, tie_key=tie_key(facts))
        return updated
