"""Match facts of one article: the two teams, home side, competition, stage, leg, score, kick-off.

:func:`extract_match_facts` returns None for articles that are not about one match (type
``other``: transfers, injuries, other sports; or no clear pair of teams).

How the pair is chosen: every resolved team mention scores by where it is (title > lead > rest);
clubs and national teams compete separately (a club game names countries, "Italy's top flight",
and an international names clubs, "the Ajax midfielder") and the better pair wins. A close third
team, or three teams in the title, means a round-up, not one match.

Score: the best result-looking score (title, lead, result words) that is not a prediction, not
an aggregate, and not in a sentence naming another team or the other leg. Its orientation comes
from "A 2-1 B", from the subject of a win/loss verb ("Ajax wint met 2-1", "Lyon s'incline 2-1"),
else the first team named in the sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from newscrawl.matching.article_type import classify_article
from newscrawl.matching.attachment import about_other_game
from newscrawl.matching.competitions import find_leg, find_stage
from newscrawl.matching.gazetteer import TeamMention, load_gazetteer
from newscrawl.matching.kickoff import infer_kickoff
from newscrawl.matching.scores import (
    ScoreMention,
    find_scores,
    normalise_score_text,
    sentence_bounds,
)


@dataclass(frozen=True)
class MatchFacts:
    """What an article says about the one match it is about."""

    team_ids: tuple[str, str]
    """The two team ids, sorted."""
    home_id: str | None
    """Home team when the text says so, else None."""
    away_id: str | None
    competition_id: str | None
    stage: str | None
    """``final``, ``semi-final``, ``quarter-final``, ``round-of-16``, ``play-off``, ``group`` or None."""
    leg: int | None
    """1 or 2 for a two-legged tie when the text says which, else None."""
    score: tuple[int, int] | None
    """Result (home, away) when ``home_id`` is known, else goals in ``team_ids`` order; None for previews."""
    kickoff_date: date | None
    kickoff_basis: str | None
    """``explicit``, ``weekday``, ``relative``, ``published`` (publication date used) or None."""
    published_date: date | None
    published_precision: str | None
    """``day`` or ``month`` (or None when no publication date)."""
    article_type: str
    confidence: float
    """0..1: how clear the pair of teams is (title mentions, margin over a third team)."""

    def goals_by_team(self) -> dict[str, int] | None:
        """The score as {team id: goals}, independent of home/away."""
        if self.score is None:
            return None
        order = (self.home_id, self.away_id) if self.home_id else self.team_ids
        return {order[0]: self.score[0], order[1]: self.score[1]}


class PublishedDateError(ValueError):
    """``published_at`` is neither a datetime, a date, nor an ISO 8601 string."""


def parse_published(value: datetime | date | str | None) -> tuple[date | None, str | None]:
    """Publication date and precision (``day`` or ``month``) from a datetime or ISO 8601 string."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    m = re.match(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if not m:
        raise PublishedDateError(f"unrecognised publication date {value!r}")
    year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
    if day is None:
        return date(year, month, 1), "month"
    return date(year, month, int(day)), "day"


_PAIR_GAP_HOME_FIRST = re.compile(r"^\s*(?:[-–—|]|v\.?|vs\.?|versus)\s*$", re.IGNORECASE)
_SCORELINE_GAP = re.compile(r"^\s*\(?\s*\d{1,2}\s*[-–:]\s*\d{1,2}\s*\)?\s*$")
_HOST_VERB = re.compile(
    r"\b(?:welcomes?|welcomed|welcoming|hosts?|hosted|hosting|play host to|entertains?|are at home to|"
    r"at home against|at home to|reçoit|recevra|reçoivent|recevoir|accueille|accueillera|accueillent|"
    r"à domicile|au stade|ontvangt|ontving|ontvangen|thuis|in eigen huis)\b",
    re.IGNORECASE,
)
_VISIT_VERB = re.compile(
    r"\b(?:travels? to|travelled to|traveling to|travelling to|visits?|visited|trip to|away at|away to|"
    r"se déplace|se déplacera|se rend|se rendra|chez|sur la pelouse de|op bezoek bij|gaat op bezoek bij|"
    r"op bezoek|reist af naar|naar)\b",
    re.IGNORECASE,
)
# A venue named next to these cues is where the other leg is (was) played.
_LATER_LEG_CUE = re.compile(
    r"\b(?:return|retour|second leg|terugwedstrijd|returnwedstrijd|volgende week|next week|next|"
    r"la semaine prochaine|prochain|prochaine|upcoming|will|set to|komende|volgende)\b",
    re.IGNORECASE,
)
_EARLIER_LEG_CUE = re.compile(
    r"\b(?:first leg|first-leg|aller|heenwedstrijd|heenduel|last week|vorige week|la semaine dernière|"
    r"could not be split|previous meeting)\b",
    re.IGNORECASE,
)
_LEG_SENTENCE = {
    1: re.compile(r"\b(?:second leg|return leg|retour|terugwedstrijd|return)\b", re.IGNORECASE),
    2: re.compile(r"\b(?:first leg|first-leg|aller|heenwedstrijd|heenduel)\b", re.IGNORECASE),
}
_WIN_VERB = re.compile(
    r"\b(?:beat|beats|won|win|wins|defeated|defeat|thrashed|thrash|edged|edge|overcame|downed|stunned|"
    r"s'impose|s'imposent|s'est imposé|bat|battu|l'emporte|remporte|dominé|domine|"
    r"wint|won|winnen|verslaat|versloeg|klopt|klopte|zege|overwinning)\b",
    re.IGNORECASE,
)
_LOSS_VERB = re.compile(
    r"\b(?:lost|lose|loses|fell|fall|falls|slumped|beaten by|defeated by|s'incline|s'inclinent|perd|"
    r"a perdu|chute|verliest|verloor|gaat onderuit|ging onderuit|nederlaag|défaite)\b",
    re.IGNORECASE,
)


def extract_match_facts(
    title: str,
    body: str,
    *,
    language: str | None,
    published_at: datetime | date | str | None,
    article_type: str | None = None,
) -> MatchFacts | None:
    """Facts about the one match the article is about, or None if it is not about one match."""
    title = normalise_score_text(title or "").strip()
    body = normalise_score_text(body or "")
    kind = article_type or classify_article(title, body, language=language)
    if kind == "other":
        return None
    text = f"{title}\n{body}"
    gaz = load_gazetteer()
    found = gaz.scan(text)
    title_end = len(title)
    pair = _choose_pair(found.teams, title_end, gaz)
    if pair is None:
        return None
    (team_a, team_b), confidence = pair
    in_pair = {team_a, team_b}
    spans = [(m.start, m.end, m.team_id in in_pair) for m in found.teams]
    competition = _choose_competition(found.competitions, title_end, in_pair, gaz)
    finished = kind in ("report", "reaction")
    leg = find_leg(title, body, finished=finished)
    if competition is not None and not gaz.competitions[competition].two_legs:
        leg = None
    stage = find_stage(title, body)
    if stage == "final" and leg is not None:
        stage = None  # a two-legged tie is not the final: "final" was the prize at stake
    mentions = [m for m in found.teams if m.team_id in in_pair]
    home = _find_home(text, mentions, found.venues, title_end, finished=finished)
    goals = None
    if kind in ("report", "reaction", "live"):
        goals = _find_result(text, title_end, mentions, spans, leg)
    published, precision = parse_published(published_at)
    day_published = published if precision == "day" else None
    guess = infer_kickoff(
        title, body, published=day_published, article_type=kind, language=language,
        team_spans=spans,
    )
    if guess is None and precision == "month" and published is not None:
        kickoff, basis = None, None
    else:
        kickoff, basis = (guess.day, guess.basis) if guess else (None, None)
    team_ids = tuple(sorted(in_pair))
    away = None
    if home is not None:
        away = team_b if home == team_a else team_a
    score = None
    if goals is not None:
        order = (home, away) if home else team_ids
        score = (goals[order[0]], goals[order[1]])
    return MatchFacts(
        team_ids=(team_ids[0], team_ids[1]),
        home_id=home,
        away_id=away,
        competition_id=competition,
        stage=stage,
        leg=leg,
        score=score,
        kickoff_date=kickoff,
        kickoff_basis=basis,
        published_date=published,
        published_precision=precision,
        article_type=kind,
        confidence=confidence,
    )


def _choose_pair(
    mentions: tuple[TeamMention, ...], title_end: int, gaz
) -> tuple[tuple[str, str], float] | None:
    salience: dict[str, float] = defaultdict(float)
    in_title: dict[str, bool] = defaultdict(bool)
    body_hits: dict[str, int] = defaultdict(int)
    for m in mentions:
        if m.start < title_end:
            salience[m.team_id] += 4
            in_title[m.team_id] = True
        elif body_hits[m.team_id] < 6:
            body_hits[m.team_id] += 1
            salience[m.team_id] += 2 if m.start < title_end + 350 else 1
    best: tuple[float, tuple[str, str], float] | None = None
    for kind in ("club", "national"):
        ranked = sorted(
            (t for t in salience if gaz.teams[t].kind == kind), key=lambda t: -salience[t]
        )
        if len(ranked) < 2:
            continue
        first, second = ranked[0], ranked[1]
        if salience[second] < 2:
            continue
        third = salience[ranked[2]] if len(ranked) > 2 else 0.0
        titled = sum(1 for t in ranked if in_title[t])
        if titled >= 3:
            continue  # a round-up headline
        if third >= salience[second] and not in_title[second]:
            continue  # no clear second team
        margin = (salience[second] - third) / salience[second]
        confidence = round(min(1.0, 0.5 * margin + 0.25 * (in_title[first] + in_title[second])), 2)
        total = salience[first] + salience[second]
        if best is None or total > best[0]:
            best = (total, (first, second), confidence)
    if best is None:
        return None
    return best[1], best[2]


def _choose_competition(
    comps: tuple[tuple[str, int, int], ...], title_end: int, pair: set[str], gaz
) -> str | None:
    kinds = {gaz.teams[t].kind for t in pair}
    countries = {gaz.teams[t].country for t in pair}

    def fits(cid: str) -> bool:
        comp = gaz.competitions[cid]
        if comp.kind == "international":
            return kinds == {"national"}
        if kinds != {"club"}:
            return False
        return comp.country is None or countries == {comp.country}

    usable = [c for c in comps if fits(c[0])]
    if not usable:
        return None
    titled = [c for c in usable if c[1] < title_end]
    if titled:
        return titled[0][0]
    counts: dict[str, int] = defaultdict(int)
    for cid, _, _ in usable:
        counts[cid] += 1
    first = usable[0][0]
    return max(counts, key=lambda c: counts[c] + (1 if c == first else 0))


def _find_home(
    text: str,
    mentions: list[TeamMention],
    venues: tuple[tuple[str, int, int], ...],
    title_end: int,
    *,
    finished: bool,
) -> str | None:
    other_leg = _LATER_LEG_CUE if finished else _EARLIER_LEG_CUE
    votes: dict[str, float] = defaultdict(float)
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.team_id == b.team_id:
            continue
        gap = text[a.end : b.start]
        if "\n" in gap or len(gap) > 60:
            continue
        weight = 2 if a.start < title_end else 1
        if _PAIR_GAP_HOME_FIRST.match(gap) or (_SCORELINE_GAP.match(gap) and a.start < title_end + 350):
            votes[a.team_id] += 2 * weight
        elif _VISIT_VERB.search(gap) and not _HOST_VERB.search(gap):
            votes[b.team_id] += 2 * weight
        elif _HOST_VERB.search(gap):
            votes[a.team_id] += 2 * weight
    pair = {m.team_id for m in mentions}
    for team_id, start, end in venues:
        if team_id not in pair:
            continue
        lo, hi = sentence_bounds(text, start, end)
        if other_leg.search(text[lo:hi]):
            others = pair - {team_id}
            if len(others) == 1:
                votes[others.pop()] += 1
        else:
            votes[team_id] += 1
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _find_result(
    text: str,
    title_end: int,
    mentions: list[TeamMention],
    spans: list[tuple[int, int, bool]],
    leg: int | None,
) -> dict[str, int] | None:
    pair = sorted({m.team_id for m in mentions})
    best: tuple[float, int, ScoreMention] | None = None
    for s in find_scores(text):
        if s.prediction or s.aggregate:
            continue
        lo, hi = sentence_bounds(text, s.start, s.end)
        if about_other_game(text, s.start, s.end, spans):
            continue  # a score of another game
        if leg is not None and _LEG_SENTENCE[leg].search(text[lo:hi]):
            continue  # the other leg's score
        weight = (3 if s.start < title_end else 2 if s.start < title_end + 350 else 0) + (2 if s.result_cue else 0)
        if best is None or weight > best[0]:
            best = (weight, s.start, s)
    if best is None or best[0] < 2:
        return None
    s = best[2]
    if s.first == s.second:
        return {pair[0]: s.first, pair[1]: s.second}
    lo, hi = sentence_bounds(text, s.start, s.end)
    before = [m for m in mentions if lo <= m.start < s.start]
    after = [m for m in mentions if s.end <= m.start < hi]
    high, low = max(s.first, s.second), min(s.first, s.second)
    # "A 2-1 B": the scoreline's own order.
    if (
        before and after and before[-1].team_id != after[0].team_id
        and not text[before[-1].end : s.start].strip(" ()|:,")
        and not text[s.end : after[0].start].strip(" ()|:,")
    ):
        return {before[-1].team_id: s.first, after[0].team_id: s.second}
    window = text[lo : s.start]
    subject = before[0].team_id if before else None
    if subject is not None:
        rest = [t for t in pair if t != subject][0]
        # The verb may come before the subject (Dutch inversion: "verloor Nederland met 2-1").
        if _LOSS_VERB.search(window):
            return {subject: low, rest: high}
        if _WIN_VERB.search(window):
            return {subject: high, rest: low}
        return {subject: s.first, rest: s.second}
    if after:
        first_named = after[0].team_id
        rest = [t for t in pair if t != first_named][0]
        return {first_named: s.first, rest: s.second}
    # No team in the sentence: the team named first in the article is usually the subject.
    first_named = mentions[0].team_id
    rest = [t for t in pair if t != first_named][0]
    return {first_named: s.first, rest: s.second}
