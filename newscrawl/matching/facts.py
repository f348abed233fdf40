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
from functools import lru_cache
from typing import Any

from newscrawl.errors import PublishedDateError  # noqa: F401  (raised here, defined with the others)
from newscrawl.matching.article_type import classify_article
from newscrawl.matching.competition_choice import (
    choose_competition,
    not_earlier,
    not_later,
    not_upcoming,
)
from newscrawl.matching.competitions import FINAL_AS_PRIZE, PLAYOFF_FINAL, find_leg, find_stage
from newscrawl.matching.football_context import football_context, lead_score
from newscrawl.matching.gazetteer import Gazetteer, Mentions, TeamMention, load_gazetteer
from newscrawl.matching.gender import apply_gender
from newscrawl.matching.kickoff import infer_kickoff, written_weekday
from newscrawl.matching.lead import reorder_lead
from newscrawl.matching.orientation import (
    CITY_BEFORE,
    PLACE_BEFORE,
    find_home,
    find_result,
    names_other_leg,
)
from newscrawl.matching.other_games import (
    names_next_opponent,
    table_rivals,
    venue_only,
    without_third_team_competitions,
)
from newscrawl.matching.round_ups import round_up_headline
from newscrawl.matching.scores import normalise_score_text
from newscrawl.matching.vocabulary import alternation, cue
from newscrawl.matching.youth import apply_age


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
    kickoff_weekday: int | None = None
    """Weekday the text gives the match (0 = Monday) when no publication date resolves it."""

    def goals_by_team(self) -> dict[str, int] | None:
        """The score as {team id: goals}, independent of home/away."""
        if self.score is None:
            return None
        order = (self.home_id, self.away_id) if self.home_id else self.team_ids
        return {order[0]: self.score[0], order[1]: self.score[1]}


def facts_from_dict(data: dict[str, Any]) -> MatchFacts:
    """A :class:`MatchFacts` back from its JSON form (``dataclasses.asdict`` + ISO dates), as the
    archive and the scale-out queues store it."""
    fields = dict(data)
    fields["team_ids"] = tuple(fields["team_ids"])
    if fields.get("score") is not None:
        fields["score"] = tuple(fields["score"])
    for key in ("kickoff_date", "published_date"):
        if fields.get(key):
            fields[key] = date.fromisoformat(fields[key])
    return MatchFacts(**fields)



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


_FINAL_CUE = cue("final")
#: "former Ajax", "ex-Lyon", "l'ancien joueur de Lyon", "oud-Feyenoorder": a person's former club.
_FORMER_BEFORE = re.compile(
    rf"\b(?:{alternation('former_club')})(?:\s+(?:[\w'’]+\s+){{0,2}}?(?:de|du|of|van)\s+|\s+|-)(?:l['’]|la\s+|le\s+|the\s+)?$",
    re.IGNORECASE)
_EARLIER_ROUND = re.compile(
    rf"\b(?:{alternation('earlier_round')})[-\s]*(?:de\s+)?(?:{alternation('final')})\b", re.IGNORECASE
)

#: Salience of a team mention: in the title, then by body sentence (first, second, later ones).
TITLE_SALIENCE = 4
SENTENCE_SALIENCE = (3, 2)
LATER_SALIENCE = 1
#: Body mentions of one team counted for salience (a long report names its subject often).
MAX_BODY_HITS = 6
#: The second team needs this salience to make a pair (one late mention is not enough).
MIN_SECOND_SALIENCE = 1
#: Bonus of the kind (club / national) whose competition the lead names.
FAVOURED_KIND_BONUS = 3
#: Confidence = MARGIN_WEIGHT * (second - third) / second + TITLE_WEIGHT per side in the title.
MARGIN_WEIGHT = 0.5
TITLE_WEIGHT = 0.25
#: A report published before this local hour is about last night's game.
MORNING_REPORT_HOUR = 10


def _other_game_cue(leg: int | None, stage: str | None) -> Callable[[str], bool] | None:
    """A test for clauses about another game: the other leg, or the final when the article is
    about an earlier round ("the final in Dublin on May 22")."""
    final_matters = stage not in (None, "final")
    if not leg and not final_matters:
        return None

    def about_other(clause: str) -> bool:
        if names_other_leg(leg, clause):
            return True
        rest = PLAYOFF_FINAL.sub(" ", FINAL_AS_PRIZE.sub(" ", _EARLIER_ROUND.sub(" ", clause)))
        return final_matters and bool(_FINAL_CUE.search(rest))

    return about_other


@dataclass(frozen=True)
class ReadArticle:
    """An article made ready for fact reading: scores normalised, lead reordered, typed, scanned."""

    title: str
    body: str
    kind: str
    text: str
    """``title + "\\n" + body``: the offsets of ``found`` are into it."""
    found: Mentions


@lru_cache(maxsize=8)  # the pair reader, then the one-side reader, read the same article
def read_article(title: str, body: str, *, language: str | None, article_type: str | None) -> ReadArticle | None:
    """The article with draws in words normalised, the prose lead first, its type, and its team
    and competition mentions (women's teams in a women's-football text); None for type other."""
    title = normalise_score_text(title or "").strip()
    body = reorder_lead(normalise_score_text(body or "")).body
    kind = article_type or classify_article(title, body, language=language)
    if kind == "other":
        return None
    gaz = load_gazetteer()
    text = f"{title}\n{body}"
    found = apply_gender(text, len(title), gaz.scan(text), gaz)
    return ReadArticle(title, body, kind, text, apply_age(text, len(title), found, gaz))


def last_night(kickoff: date | None, basis: str | None, kind: str, published_at: datetime | date | str | None
               ) -> date | None:
    """A kick-off taken from publication, one day back when a report came out in the morning."""
    hour = published_hour(published_at)
    if basis == "published" and kickoff and kind in ("report", "reaction") and hour is not None \
            and hour < MORNING_REPORT_HOUR:
        return kickoff - timedelta(days=1)
    return kickoff


def extract_match_facts(
    title: str,
    body: str,
    *,
    language: str | None,
    published_at: datetime | date | str | None,
    article_type: str | None = None,
    section: str | None = None,
) -> MatchFacts | None:
    """Facts about the one match the article is about, or None if it is not about one match.

    ``section`` is the site section the page declares ("Ligue 1"): a competition it names,
    and that fits the pair, is the publisher's own filing of the match and wins over the text.
    """
    read = read_article(title, body, language=language, article_type=article_type)
    if read is None:
        return None
    title, body, kind, text, found = read.title, read.body, read.kind, read.text, read.found
    gaz = load_gazetteer()
    title_end = len(title)
    sentences = _Sentences(text, title_end)
    lead_comps = {c for c, start, _ in found.competitions if sentences.index(start) <= 1}
    favoured = {"national" if gaz.competitions[c].kind == "international" else "club" for c in lead_comps}
    # A city after "in"/"à" ("won in Marseille") is a place, not a side: it does not make a team salient.
    # Nor is a person's former club ("de voormalige Ajax-trainer", "the former Chelsea striker").
    # Nor is the town of a borrowed ground ("le PSV à Guingamp" when Brest is the host).
    venues = venue_only(text, found.teams, lambda t: gaz.teams[t].kind, sentences.index)
    named = tuple(m for m in found.teams if m.team_id not in venues)
    # Nor a rival in the table the headline names ("... to close gap on Chelsea").
    rivals = table_rivals(title, named)
    sides = tuple(m for m in named if not CITY_BEFORE.search(text[max(0, m.start - 6) : m.start])
                  and not _FORMER_BEFORE.search(text[max(0, m.start - 30) : m.start]) and m.start not in rivals)
    if kind in ("report", "reaction"):
        # "The Dutch travel to Hungary on Tuesday", "Gent speelt zondag tegen Standard": after the
        # lead, a played match's sentence about a later game names the next opponents, not a side.
        sides = tuple(m for m in sides if sentences.index(m.start) < 1
                      or not names_next_opponent(text, m, named))
    pair = _choose_pair(sentences, sides, title_end, gaz, favoured, title)
    hosts: tuple[TeamMention, ...] = ()
    if pair is None:
        # One side named, the other only by its ground in the headline or a played match's first
        # sentence ("ratings: overrun at the Etihad", "na afloop in Eindhoven"): the ground's club is
        # the opponent. Not a ground further on: a live page's "het Lotto Park" may be a borrowed one.
        # A ground of one club only, not the named side's own ("the Stadium of Light" is Sunderland's and Benfica's).
        owners: dict[int, set[str]] = defaultdict(set)
        for t, s, _ in found.venues:
            owners[s].add(t)
        hosts = tuple(TeamMention(t, text[s:e], s, e) for t, s, e in found.venues
                      if (s < title_end or (kind in ("report", "reaction") and sentences.index(s) == 0))
                      and len(owners[s]) == 1 and t not in {m.team_id for m in sides})
        pair = _choose_pair(sentences, tuple(sorted(sides + hosts, key=lambda m: m.start)), title_end, gaz,
                            favoured, title) if hosts else None
    if pair is None:
        return None
    (team_a, team_b), confidence = pair
    in_pair = {team_a, team_b}
    national = gaz.teams[team_a].kind == "national" and not gaz.teams[team_a].women
    # Two countries without football context (or a nickname): world news, not a match. A score
    # in the lead counts as one football word, as for a one-team article.
    if national and not football_context(text, found.competitions, any(map(gaz.football_name, found.teams)),
                                         extra=lead_score(text, title_end)):
        return None
    pair_kind = gaz.teams[team_a].kind
    # Only mentions that can name a side: same kind as the pair, and not a place ("in Dortmund").
    spans = [
        (m.start, m.end, m.team_id in in_pair)
        for m in named
        if gaz.teams[m.team_id].kind == pair_kind and not PLACE_BEFORE.search(text[max(0, m.start - 6) : m.start])
    ]
    filed = gaz.scan(section).competitions if section else ()
    competition = (filed and choose_competition(filed, len(section or ""), in_pair, gaz)) or (
        choose_competition(without_third_team_competitions(
            text, not_later(text, not_earlier(text, not_upcoming(text, found.competitions, gaz), kind), title_end, kind),
            found.teams, in_pair,
            lambda t: gaz.teams[t].kind == pair_kind), title_end, in_pair, gaz)
    )
    finished = kind in ("report", "reaction")
    leg = find_leg(title, body, finished=finished)
    if competition is not None and not gaz.competitions[competition].two_legs:
        leg = None
    stage = find_stage(title, body)
    if stage == "final" and leg is not None:
        stage = None  # a two-legged tie is not the final: "final" was the prize at stake
    mentions = sorted((m for m in found.teams + hosts if m.team_id in in_pair), key=lambda m: m.start)
    home = find_home(text, mentions, found.venues, title_end, finished=finished)
    goals = None
    if kind in ("report", "reaction", "live") and not hosts:  # a ground is no subject of "were beaten 4-1"
        goals = find_result(text, sentences.index, mentions, spans, leg, live=kind == "live", home=home)
    published, precision = parse_published(published_at)
    day_published = published if precision == "day" else None
    guess = infer_kickoff(
        title, body, published=day_published, article_type=kind, language=language,
        team_spans=spans,
        skip=_other_game_cue(leg, stage),
    )
    kickoff, basis = (guess.day, guess.basis) if guess else (None, None)
    kickoff = last_night(kickoff, basis, kind, published_at)
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
        kickoff_weekday=written_weekday(title, body, article_type=kind, team_spans=spans,
                                        skip=_other_game_cue(leg, stage)) if day_published is None else None,
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
    first_at: dict[str, int] = {}
    for m in mentions:
        first_at.setdefault(m.team_id, m.start)
        if m.derby:  # "na pijnlijke Klassieker": a derby's name may be an earlier game's, so it weighs little
            salience[m.team_id] += LATER_SALIENCE
        elif m.start < title_end:
            salience[m.team_id] += TITLE_SALIENCE
            in_title[m.team_id] = True
        elif body_hits[m.team_id] < MAX_BODY_HITS:
            body_hits[m.team_id] += 1
            # The lead names the match's sides: first sentence 3, second 2, later ones 1.
            sentence_no = sentences.index(m.start)
            salience[m.team_id] += (
                SENTENCE_SALIENCE[sentence_no] if sentence_no < len(SENTENCE_SALIENCE) else LATER_SALIENCE
            )
    best: tuple[float, tuple[str, str], float] | None = None
    for kind in ("club", "national"):
        ranked = sorted(
            (t for t in salience if gaz.teams[t].kind == kind), key=lambda t: -salience[t]
        )
        if len(ranked) < 2:
            continue
        first, second = ranked[0], ranked[1]
        if salience[second] < MIN_SECOND_SALIENCE:
            continue
        third = salience[ranked[2]] if len(ranked) > 2 else 0.0
        titled = sum(1 for t in ranked if in_title[t])
        if round_up_headline(title, titled):
            continue
        if third >= salience[second] and not in_title[second] and not (in_title[first] and _subject_of_tie(
                sentences, first_at, second, ranked[2:], salience)):
            continue  # no clear second team (unless it is the subject of a sentence naming the tied ones)
        margin = (salience[second] - third) / salience[second]
        confidence = round(min(1.0, MARGIN_WEIGHT * margin + TITLE_WEIGHT * (in_title[first] + in_title[second])), 2)
        total = salience[first] + salience[second] + (FAVOURED_KIND_BONUS if kind in favoured else 0)
        if best is None or total > best[0]:
            best = (total, (first, second), confidence)
    if best is None:
        return None
    return best[1], best[2]


def _subject_of_tie(sentences: _Sentences, first_at: dict[str, int], second: str, rest: list[str],
                    salience: dict[str, float]) -> bool:
    """Whether ``second`` opens the one sentence it shares with two or more teams tied with it
    ("PSV wil na het gelijkspel bij Go Ahead Eagles de voorsprong op Ajax weer vergroten"): the
    subject is the headline side's opponent, the others its last opponent and a rival in the table."""
    tied = [t for t in rest if salience[t] >= salience[second]]
    where = sentences.index(first_at[second])
    return len(tied) >= 2 and all(sentences.index(first_at[t]) == where and first_at[t] > first_at[second] for t in tied)


class _Sentences:
    """Body sentence numbers of offsets in ``title + "\\n" + body`` (title = -1), computed once."""

    def __init__(self, text: str, title_end: int):
        self._title_end = title_end
        self._ends = [m.end() for m in re.finditer(r"[.!?](?:\s|$)|\n\s*\n", text[title_end + 1 :])]

    def index(self, pos: int) -> int:
        if pos < self._title_end:
            return -1
        return bisect_right(self._ends, pos - self._title_end - 1)


def published_hour(value: datetime | date | str | None) -> int | None:
    """Local hour of publication as written (ISO string or datetime), None if not given."""
    if isinstance(value, datetime):
        return value.hour
    if isinstance(value, str):
        m = re.match(r"^\s*\d{4}-\d{2}-\d{2}[T ](\d{2}):", value)
        return int(m.group(1)) if m else None
    return None


