"""What the articles of one match agree on: home side, competition, stage and result.

One article can get the home side or the competition wrong (a Dutch report
written from PSV's point of view, a French report that mentions next week's
Champions League game); several articles in several languages rarely make the
same mistake. The match row shows the majority, ties broken in favour of the
earliest-published article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newscrawl.matching.facts import MatchFacts


@dataclass(frozen=True)
class MatchConsensus:
    """The majority view of a match's articles."""

    home_id: str | None
    away_id: str | None
    competition_id: str | None
    stage: str | None
    goals: dict[str, int] | None
    """Result by team id, from reports and reactions only."""


def _majority(values: Iterable[Hashable | None]) -> Any:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    # Counter keeps first-seen order: the earliest of the tied values wins.
    return next(v for v, n in counts.items() if n == best)


def consensus(facts: Sequence[MatchFacts]) -> MatchConsensus:
    """Majority home side, competition, stage and result over the facts of one match's articles.

    Ties go to the earliest-published article (then the more confident one), so
    the answer does not depend on the order a crawl happened to fetch the pages in.
    """
    facts = sorted(facts, key=lambda f: (f.published_date or date.max, -f.confidence, f.article_type))
    home = _majority(f.home_id for f in facts)
    pair = facts[0].team_ids if facts else ("", "")
    away = None if home is None else (pair[1] if home == pair[0] else pair[0])
    results = [f.goals_by_team() for f in facts if f.article_type in ("report", "reaction")]
    goals = _majority(tuple(sorted(g.items())) for g in results if g)
    return MatchConsensus(
        home_id=home,
        away_id=away,
        competition_id=_majority(f.competition_id for f in facts),
        stage=_majority(f.stage for f in facts),
        goals=dict(goals) if goals else None,
    )


def facts_from_dict(data: dict[str, Any]) -> MatchFacts:
    """A :class:`MatchFacts` back from its JSON form (``dataclasses.asdict`` + ISO dates)."""
    fields = dict(data)
    fields["team_ids"] = tuple(fields["team_ids"])
    if fields.get("score") is not None:
        fields["score"] = tuple(fields["score"])
    for key in ("kickoff_date", "published_date"):
        if fields.get(key):
            fields[key] = date.fromisoformat(fields[key])
    return MatchFacts(**fields)
