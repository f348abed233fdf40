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
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from newscrawl.errors import PublishedDateError  # noqa: F401  (raised here, defined with the others)
from newscrawl.matching.article_type import classify_article, round_up_headline
from newscrawl.matching.attachment import about_other_game
from newscrawl.matching.competitions import FINAL_AS_PRIZE, find_leg, find_stage
from newscrawl.matching.football_context import MIN_WORDS, football_words
from newscrawl.matching.gazetteer import Gazetteer, TeamMention, load_gazetteer
from newscrawl.matching.kickoff import infer_kickoff
from newscrawl.matching.scores import (
    ScoreMention,
    clause_near,
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
    """``day``, ``month`` or ``year`` (or None when no publication date)."""
    article_type: str
    confidence: float
    """0..1: how clear the pair of teams is (title mentions, margin over a third team)."""

    def goals_by_team(self) -> dict[str, int] | None:
        """The score as {team id: goals}, independent of home/away."""
        if self.score is None:
            return None
        order = (self.home_id, self.away_id) if self.home_id else self.team_ids
        return {order[0]: self.score[0], order[1]: self.score[1]}



def parse_published(value: datetime | date | str | None) -> tuple[date | None, str | None]:
    """Publication date and precision (``day``, ``month`` or ``year``) from a datetime or an ISO
    8601 string truncated to any precision ("2024-05-02T21:12:00+00:00", "2024-05", "2024")."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    m = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T\s])", value)
    if not m:
        raise PublishedDateError(f"unrecognised publication date {value!r}")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month is None:
        return date(year, 1, 1), "year"
    if day is None:
        return date(year, int(month), 1), "month"
    return date(year, int(month), int(day)), "day"


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
# Nouns of a result: with a possessive ("la défaite de Lyon", "de nederlaag van PSV", "Ajax's win")
# the team named is the one that won/lost; with "to/against/tegen/face à" it is the opponent.
_RESULT_NOUN = re.compile(
    r"\b(?:win|victory|defeat|loss|zege|overwinning|nederlaag|victoire|succès|défaite|revers)\b",
    re.IGNORECASE,
)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:of|van|de|du|des|d'|d’)\s*(?:l'|l’|la|le|het)?\s*$", re.IGNORECASE)
# "in Dortmund", "à Leipzig", "te Rotterdam": a city, not a side. ("at Arsenal" is a side: away at it.)
_PLACE_BEFORE = re.compile(r"\b(?:in|à|te)\s+$", re.IGNORECASE)
# For salience only the unambiguous place words: "s'impose à Lyon" names the opponent.
_CITY_BEFORE = re.compile(r"\b(?:in|te)\s+$", re.IGNORECASE)
_PAST_REFERENCE = re.compile(
    r"\b(?:last season|vorig seizoen|la saison dernière|la saison passée|toen|last week'?s?|vorige week|"
    r"la semaine dernière|earlier this season|plus tôt dans la saison|eerder dit seizoen|previous meeting|"
    r"dernière confrontation|vorige ontmoeting|in \d{4})\b",
    re.IGNORECASE,
)
_FINAL_CUE = re.compile(r"\b(?:final|finale|finals|finales|eindstrijd)\b", re.IGNORECASE)
_EARLIER_ROUND = re.compile(
    r"\b(?:semi|demi|quarter|quarts?|huitièmes?|halve|kwart|achtste|seizièmes?)[-\s]*(?:de\s+)?"
    r"(?:final|finale|finals|finales|eindstrijd)\b",
    re.IGNORECASE,
)


def _other_game_cue(leg: int | None, stage: str | None) -> Callable[[str], bool] | None:
    """A test for clauses about another game: the other leg, or the final when the article is
    about an earlier round ("the final in Dublin on May 22")."""
    leg_cue = _LEG_SENTENCE[leg] if leg else None
    final_matters = stage not in (None, "final")
    if leg_cue is None and not final_matters:
        return None

    def about_other(clause: str) -> bool:
        if leg_cue is not None and leg_cue.search(clause):
            return True
        rest = FINAL_AS_PRIZE.sub(" ", _EARLIER_ROUND.sub(" ", clause))
        return final_matters and bool(_FINAL_CUE.search(rest))

    return about_other


_WIN_VERB = re.compile(
    r"\b(?:inflig\w*\s+(?:\w+\s+){0,3}défaite|inflicted\s+(?:\w+\s+){0,3}defeat|"
    r"bezorg\w*\s+(?:\w+\s+){0,4}nederlaag|beat|beats|won|win|wins|victory|victoire|succès|defeated|thrashed|thrash|edged|edge|overcame|downed|stunned|"
    r"s'impose|s'imposent|s'est imposé|bat|battu|l'emporte|remporte|dominé|domine|"
    r"wint|won|winnen|gewonnen|verslaat|versloeg|klopt|klopte|zege|overwinning|te sterk)\b",
    re.IGNORECASE,
)
_LOSS_VERB = re.compile(
    r"\b(?:lost|lose|loses|fell|fall|falls|slumped|beaten by|defeated by|s'incline|s'inclinent|perd|"
    r"s'est incliné|s'est inclinée|s'est inclinés|incliné|battu par|battus par|a été battu|"
    r"a perdu|chute|verliest|verloor|verloren|gaat onderuit|ging onderuit|nederlaag|défaite|defeat|loss)\b",
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
    sentences = _Sentences(text, title_end)
    lead_comps = {c for c, start, _ in found.competitions if sentences.index(start) <= 1}
    favoured = {"national" if gaz.competitions[c].kind == "international" else "club" for c in lead_comps}
    # A city after "in"/"à" ("won in Marseille") is a place, not a side: it does not make a team salient.
    sides = tuple(m for m in found.teams if not _CITY_BEFORE.search(text[max(0, m.start - 6) : m.start]))
    pair = _choose_pair(sentences, sides, title_end, gaz, favoured, title)
    if pair is None:
        return None
    (team_a, team_b), confidence = pair
    in_pair = {team_a, team_b}
    if gaz.teams[team_a].kind == "national" and not found.competitions and football_words(text) < MIN_WORDS:
        return None  # two countries without football context: world news, not a match
    pair_kind = gaz.teams[team_a].kind
    # Only mentions that can name a side: same kind as the pair, and not a place ("in Dortmund").
    spans = [
        (m.start, m.end, m.team_id in in_pair)
        for m in found.teams
        if gaz.teams[m.team_id].kind == pair_kind and not _PLACE_BEFORE.search(text[max(0, m.start - 6) : m.start])
    ]
    competition = _choose_competition(_not_upcoming(text, found.competitions), title_end, in_pair, gaz)
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
        goals = _find_result(text, sentences, mentions, spans, leg, live=kind == "live", home=home)
    published, precision = parse_published(published_at)
    day_published = published if precision == "day" else None
    guess = infer_kickoff(
        title, body, published=day_published, article_type=kind, language=language,
        team_spans=spans,
        skip=_other_game_cue(leg, stage),
    )
    kickoff, basis = (guess.day, guess.basis) if guess else (None, None)
    hour = _published_hour(published_at)
    if basis == "published" and kickoff and finished and hour is not None and hour < 10:
        kickoff -= timedelta(days=1)  # a morning report is about last night's game
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
    sentences: _Sentences,
    mentions: tuple[TeamMention, ...],
    title_end: int,
    gaz: Gazetteer,
    favoured: set[str],
    title: str,
) -> tuple[tuple[str, str], float] | None:
    """The two sides and a confidence; ``favoured`` kinds (club/national) get a bonus because the
    lead names their kind of competition (Euro -> national teams; Champions League -> clubs)."""
    salience: dict[str, float] = defaultdict(float)
    in_title: dict[str, bool] = defaultdict(bool)
    body_hits: dict[str, int] = defaultdict(int)
    for m in mentions:
        if m.start < title_end:
            salience[m.team_id] += 4
            in_title[m.team_id] = True
        elif body_hits[m.team_id] < 6:
            body_hits[m.team_id] += 1
            # The lead names the match's sides: first sentence 3, second 2, later ones 1.
            sentence_no = sentences.index(m.start)
            salience[m.team_id] += 3 if sentence_no == 0 else 2 if sentence_no == 1 else 1
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
        if round_up_headline(title, titled):
            continue
        if third >= salience[second] and not in_title[second]:
            continue  # no clear second team
        margin = (salience[second] - third) / salience[second]
        confidence = round(min(1.0, 0.5 * margin + 0.25 * (in_title[first] + in_title[second])), 2)
        total = salience[first] + salience[second] + (3 if kind in favoured else 0)
        if best is None or total > best[0]:
            best = (total, (first, second), confidence)
    if best is None:
        return None
    return best[1], best[2]


# "a rehearsal before the Euro", "avant l'Euro", "generale repetitie voor het EK": a tournament
# still to come, not the one this match is played in.
_UPCOMING = re.compile(
    r"\b(?:before|ahead of|in preparation for|avant|en vue de|en prévision de|voor|in aanloop naar|richting)"
    r"\s+(?:the\s+|l'|l’|le\s+|la\s+|les\s+|het\s+|de\s+)?$",
    re.IGNORECASE,
)


def _not_upcoming(
    text: str, comps: tuple[tuple[str, int, int], ...]
) -> tuple[tuple[str, int, int], ...]:
    """Competition mentions, without those named as something still ahead ("before the Euro")."""
    return tuple(c for c in comps if not _UPCOMING.search(text[max(0, c[1] - 30) : c[1]]))


def _choose_competition(
    comps: tuple[tuple[str, int, int], ...], title_end: int, pair: set[str], gaz: Gazetteer
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
    counts_all: dict[str, int] = defaultdict(int)
    for cid, _, _ in usable:
        counts_all[cid] += 1
    # A competition named once, late in the text, is usually another game's ("before the trip to
    # Lisbon in the Europa League"): keep only title/lead mentions or repeated names.
    usable = [c for c in usable if c[1] < title_end + 400 or counts_all[c[0]] >= 2]
    if not usable:
        return None
    if kinds == {"club"} and len(countries) == 1:
        # Two clubs of one country meet in its league or cup far more often than in Europe; a
        # continental competition in the lead is then usually another game's ("before Dortmund").
        domestic = [c for c in usable if gaz.competitions[c[0]].country in countries]
        if domestic and not any(c[1] < title_end for c in usable if c not in domestic):
            usable = domestic
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
    # "PSV strandt in Dortmund", "won in Marseille": a club named as a place is the host.
    places = [(m.team_id, m.start, m.end) for m in mentions if _CITY_BEFORE.search(text[max(0, m.start - 6) : m.start])]
    for team_id, start, end in [*venues, *places]:
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
    sentences: _Sentences,
    mentions: list[TeamMention],
    spans: list[tuple[int, int, bool]],
    leg: int | None,
    *,
    live: bool,
    home: str | None,
) -> dict[str, int] | None:
    pair = sorted({m.team_id for m in mentions})
    best: tuple[float, int, ScoreMention] | None = None
    running: list[ScoreMention] = []
    for s in find_scores(text):
        if s.prediction or s.aggregate:
            continue
        lo, hi = sentence_bounds(text, s.start, s.end)
        if about_other_game(text, s.start, s.end, spans):
            continue  # a score of another game
        clause = clause_near(text, s.start, s.end)
        if leg is not None and _LEG_SENTENCE[leg].search(clause):
            continue  # the other leg's score
        if _PAST_REFERENCE.search(clause):
            continue  # "last season's 6-0", "after last week's 2-2"
        sentence_no = sentences.index(s.start)
        position = 3 if sentence_no < 0 else 2 if sentence_no == 0 else 1 if sentence_no == 1 else 0
        weight = position + (2 if s.result_cue else 0)
        running.append(s)
        if best is None or weight > best[0]:
            best = (weight, s.start, s)
    if live and running:
        # A live blog's scores run up: the current one has the most goals.
        s = max(running, key=lambda r: (r.first + r.second, r.start))
    elif best is None or best[0] < 2:
        return None
    else:
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
    sentence = text[lo:hi]
    subject = before[0].team_id if before else None
    if subject is not None:
        rest = [t for t in pair if t != subject][0]
        # The result word nearest the score decides; it may come before the subject (Dutch
        # inversion: "verloor Nederland met 2-1") or after the score ("heeft met 0-2 gewonnen").
        outcome = _nearest_outcome(text, lo, min(hi, s.end + 40), s.start, s.end)
        if outcome == "loss":
            return {subject: low, rest: high}
        if outcome == "win":
            return {subject: high, rest: low}
    if subject is None and after:
        # No side before the score: the team after it is the object ("won met 1-0 van Arsenal")
        # or the owner of a result noun ("de 2-0 nederlaag van PSV tegen Dortmund").
        obj = after[0].team_id
        rest = [t for t in pair if t != obj][0]
        gap = text[s.end : after[0].start]
        if _RESULT_NOUN.search(text[max(lo, s.start - 25) : after[0].start]):
            owner = bool(_POSSESSIVE_BEFORE.search(gap))
            noun_lost = bool(_LOSS_VERB.search(text[max(lo, s.start - 25) : after[0].start]))
            obj_won = owner != noun_lost
            return {obj: high, rest: low} if obj_won else {obj: low, rest: high}
        if _LOSS_VERB.search(sentence):
            return {obj: high, rest: low}
        if _WIN_VERB.search(sentence):
            return {obj: low, rest: high}
    oriented = _by_side_words(text, s, lo, hi, pair, home)
    if oriented is not None:
        return oriented
    if home is not None and (subject is None or _BARE_SCORELINE.search(text[max(lo, s.start - 2) : s.end + 2])):
        # No result word: a bare or bracketed scoreline ("(0-1)", "1-0!") is written home first.
        away = [t for t in pair if t != home][0]
        return {home: s.first, away: s.second}
    if subject is not None:
        rest = [t for t in pair if t != subject][0]
        return {subject: s.first, rest: s.second}
    if after:
        obj = after[0].team_id
        rest = [t for t in pair if t != obj][0]
        return {obj: s.first, rest: s.second}
    # No team in the sentence: scorelines are written home first; else the team named first in
    # the article is usually the subject.
    first_named = home or mentions[0].team_id
    rest = [t for t in pair if t != first_named][0]
    return {first_named: s.first, rest: s.second}


_BARE_SCORELINE = re.compile(r"\(\s*\d{1,2}\s*[-–—:]\s*\d{1,2}\s*\)|\d{1,2}\s*[-–—:]\s*\d{1,2}\s*!")
_HOME_SIDE_WORDS = re.compile(
    r"\b(?:for the hosts|for the home side|pour les locaux|en faveur des locaux|voor de thuisploeg|"
    r"voor de gastheren)\b",
    re.IGNORECASE,
)
_AWAY_SIDE_WORDS = re.compile(
    r"\b(?:for the visitors|for the away side|pour les visiteurs|voor de bezoekers|voor de gasten)\b",
    re.IGNORECASE,
)


def _by_side_words(
    text: str, s: ScoreMention, lo: int, hi: int, pair: list[str], home: str | None
) -> dict[str, int] | None:
    """ "2-1 voor de thuisploeg", "2-1 for the visitors": the named side won (home must be known)."""
    if home is None or s.first == s.second:
        return None
    clause = text[s.end : min(hi, s.end + 30)]
    away = [t for t in pair if t != home][0]
    high, low = max(s.first, s.second), min(s.first, s.second)
    if _HOME_SIDE_WORDS.search(clause):
        return {home: high, away: low}
    if _AWAY_SIDE_WORDS.search(clause):
        return {home: low, away: high}
    return None


class _Sentences:
    """Body sentence numbers of offsets in ``title + "\\n" + body`` (title = -1), computed once."""

    def __init__(self, text: str, title_end: int):
        self._title_end = title_end
        self._ends = [m.end() for m in re.finditer(r"[.!?](?:\s|$)|\n\s*\n", text[title_end + 1 :])]

    def index(self, pos: int) -> int:
        if pos < self._title_end:
            return -1
        return bisect_right(self._ends, pos - self._title_end - 1)


def _published_hour(value: datetime | date | str | None) -> int | None:
    """Local hour of publication as written (ISO string or datetime), None if not given."""
    if isinstance(value, datetime):
        return value.hour
    if isinstance(value, str):
        m = re.match(r"^\s*\d{4}-\d{2}-\d{2}[T ](\d{2}):", value)
        return int(m.group(1)) if m else None
    return None


def _nearest_outcome(text: str, lo: int, hi: int, start: int, end: int) -> str | None:
    """``win`` or ``loss``: the result word in ``text[lo:hi]`` nearest the score at ``start:end``
    (on a tie the longer phrase wins: "infligé une défaite" over "défaite")."""
    best: tuple[int, int, str] | None = None
    for outcome, regex in (("win", _WIN_VERB), ("loss", _LOSS_VERB)):
        for m in regex.finditer(text, lo, hi):
            distance = abs(start - m.end() if m.end() <= start else m.start() - end)
            key = (distance, -(m.end() - m.start()), outcome)
            if best is None or key < best:
                best = key
    return best[2] if best else None
