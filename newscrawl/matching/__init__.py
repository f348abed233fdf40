"""Match-centred story grouping, as pure Python (no Scrapy, no storage).

Pipeline of one article::

    facts = extract_match_facts(title, body, language="fr", published_at="2024-05-02T22:10:00+00:00")
    if facts is not None:
        known = grouper.assign(facts, candidates)     # candidates: KnownMatch rows with the same teams
        known = grouper.refine(known, facts) if known else grouper.new_match(facts)

* :func:`find_teams` / :func:`find_competition`: gazetteer lookup (one trie scan, built once).
* :func:`classify_article`: preview | live | report | reaction | other.
* :func:`extract_match_facts`: teams, home side, competition, stage, leg, score, kick-off date.
* :func:`match_key` / :func:`tie_key`: stable ids of a match and of a two-legged tie.
* :class:`StoryGrouper`: which :class:`KnownMatch` an article belongs to.

A story is one match: the same two teams, competition and kick-off date, in every language. The
two legs of a tie are two matches (two stories) sharing a :func:`tie_key`. An article that recalls
an earlier match (a second-leg preview recalling the first leg) belongs to the match it is about:
the extractor weighs the title and lead, skips scores and dates in sentences about another game or
the other leg, and never takes a preview's predicted score as a result.

Design choice: articles not about one match (transfers, injuries, appointments, round-ups of
several games, other sports) stay ungrouped: :func:`extract_match_facts` returns None for them
rather than attaching them to a match they merely mention, because a wrong merge costs more than a
missed one. Such articles can still be linked to teams through :func:`find_teams`.
"""

from __future__ import annotations

from newscrawl.matching.article_type import classify_article
from newscrawl.matching.competitions import CompetitionMention, find_competition
from newscrawl.matching.facts import MatchFacts, PublishedDateError, extract_match_facts
from newscrawl.matching.gazetteer import GazetteerDataError, TeamMention, find_teams, load_gazetteer
from newscrawl.matching.grouping import KnownMatch, StoryGrouper
from newscrawl.matching.keys import MatchKeyError, match_key, season_of, tie_key

__all__ = [
    "CompetitionMention",
    "GazetteerDataError",
    "KnownMatch",
    "MatchFacts",
    "MatchKeyError",
    "PublishedDateError",
    "StoryGrouper",
    "TeamMention",
    "classify_article",
    "extract_match_facts",
    "find_competition",
    "find_teams",
    "load_gazetteer",
    "match_key",
    "season_of",
    "tie_key",
]
