"""StoryPipeline: the article's type and match, so that every article about one match lands in one story."""

from __future__ import annotations

import json
from datetime import date

from newscrawl.archive import Archive
from newscrawl.crawling.session import CrawlSession
from newscrawl.items import ArticleItem, StoryMatch
from newscrawl.matching import (
    KnownMatch,
    MatchFacts,
    StoryGrouper,
    classify_article,
    extract_match_facts,
    load_gazetteer,
)
from newscrawl.matching.consensus import consensus, facts_from_dict


class StoryPipeline:
    """Classifies each article and assigns it to a match (in any language) via :class:`StoryGrouper`.

    Matches already in the archive are candidates too, so a reaction crawled
    tomorrow joins today's report. The pipeline only decides: the match and
    story rows are written by the store pipeline in its batch. Duplicates are
    skipped (their kept article carries the story). Counted as
    ``newscrawl/stories/{assigned,new_match,no_match,no_kickoff,late_assigned}``.

    An article whose facts give no kick-off date (a month-only date, say) can
    join a match but not start one; it is tried again when the spider closes,
    after Scrapy has closed the store (pipelines close in reverse order), so
    that the matches of the whole run are candidates.
    """

    def __init__(self, archive: Archive, stats):
        self.archive = archive
        self.stats = stats
        self.grouper = StoryGrouper()
        self._known: dict[str, list[KnownMatch]] = {}
        self._facts: dict[str, list[MatchFacts]] = {}
        self._waiting: list[tuple[str, MatchFacts]] = []

    @classmethod
    def from_crawler(cls, crawler):
        return cls(CrawlSession.of(crawler).archive, crawler.stats)

    def open_spider(self, spider=None) -> None:
        gazetteer = load_gazetteer()
        self.archive.record_reference(gazetteer.teams.values(), gazetteer.competitions.values())

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        if item.duplicate_of:
            return item
        kind = classify_article(item.title or "", item.body or "", language=item.language)
        item.story.article_type = kind
        facts = extract_match_facts(
            item.title or "", item.body or "", language=item.language,
            published_at=item.published_at, article_type=kind, section=item.section,
        )
        if facts is None:
            self.stats.inc_value("newscrawl/stories/no_match")
            return item
        item.story.facts = facts
        known = self._place(facts)
        if known is not None:
            item.story.match = self._match(known, facts)
        elif facts.kickoff_date is None:
            self._waiting.append((item.canonical_url or item.url, facts))
        return item

    def close_spider(self, spider=None) -> None:
        late = []
        for canonical_url, facts in self._waiting:
            candidates = self._candidates(_pair_key(facts.team_ids))
            known = self.grouper.assign(facts, candidates)
            if known is not None:
                late.append((canonical_url, self._match(known, facts)))
        if late:
            self.archive.assign_stories(late)
            self.stats.inc_value("newscrawl/stories/late_assigned", len(late))
        self._waiting.clear()

    def _place(self, facts: MatchFacts) -> KnownMatch | None:
        pair = _pair_key(facts.team_ids)
        candidates = self._candidates(pair)
        known = self.grouper.assign(facts, candidates)
        if known is not None:
            refined = self.grouper.refine(known, facts)
            candidates[candidates.index(known)] = refined
            self.stats.inc_value("newscrawl/stories/assigned")
            return refined
        new = self.grouper.new_match(facts)
        if new is None:
            self.stats.inc_value("newscrawl/stories/no_kickoff")
            return None
        candidates.append(new)
        self.stats.inc_value("newscrawl/stories/new_match")
        return new

    def _candidates(self, pair: str) -> list[KnownMatch]:
        if pair not in self._known:
            self._known[pair] = [_known_from_stored(m) for m in self.archive.matches_for_teams(pair)]
            for key, facts_json in self.archive.match_facts_for_teams(pair):
                self._facts.setdefault(key, []).append(facts_from_dict(json.loads(facts_json)))
        return self._known[pair]

    def _match(self, known: KnownMatch, facts: MatchFacts) -> StoryMatch:
        """The match as all its articles so far have it (majority home side, competition, result)."""
        seen = self._facts.setdefault(known.key, [])
        seen.append(facts)
        agreed = consensus(seen)
        home, away = (agreed.home_id, agreed.away_id) if agreed.home_id else known.team_ids
        goals = agreed.goals or (dict(zip(known.team_ids, known.goals, strict=True)) if known.goals else None)
        return StoryMatch(
            key=known.key,
            tie_key=known.tie_key,
            competition=agreed.competition_id or known.competition_id,
            stage=agreed.stage,
            leg=known.leg,
            home_team=home,
            away_team=away,
            home_known=int(agreed.home_id is not None),
            team_ids=_pair_key(known.team_ids),
            kickoff_date=known.kickoff_date.isoformat(),
            kickoff_tolerance_days=known.tolerance_days,
            score_home=goals[home] if goals else None,
            score_away=goals[away] if goals else None,
        )


def _pair_key(team_ids: tuple[str, str]) -> str:
    return "|".join(sorted(team_ids))


def _known_from_stored(match: StoryMatch) -> KnownMatch:
    team_ids = tuple(match.team_ids.split("|"))
    goals = None
    if match.score_home is not None:
        by_team = {match.home_team: match.score_home, match.away_team: match.score_away}
        goals = (by_team[team_ids[0]], by_team[team_ids[1]])
    return KnownMatch(
        key=match.key,
        team_ids=(team_ids[0], team_ids[1]),
        competition_id=match.competition,
        kickoff_date=date.fromisoformat(match.kickoff_date),
        tolerance_days=match.kickoff_tolerance_days or 0,
        leg=match.leg,
        goals=goals,
        tie_key=match.tie_key,
    )

