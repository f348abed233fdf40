"""One-team articles: about one match, but naming reliably only one of its sides.

A coach's reaction ("Le Bris proud of his side"), a player's story ("Sotoca, l'homme du derby")
or a report whose lead names only the winner often name the opponent late, through a player, or
not at all. :func:`extract_side_facts` returns the one team and the date evidence; the grouping
(:func:`newscrawl.matching.regroup.regroup`) attaches it to that team's match when exactly one
fits by date, since a team plays at most one match in any two days.

Reliably named: the team is in the headline or the first sentence, by an unambiguous name, and no
other team of its kind (club / national) is in the headline or the lead, the next game's opponent
of a sentence after the first excepted ("Anderlecht ontvangt volgend weekend Cercle Brugge").
"""

from __future__ import annotations

from datetime import date, datetime

from newscrawl.matching.competition_choice import not_later
from newscrawl.matching.competitions import find_leg
from newscrawl.matching.facts import last_night, parse_published, read_article
from newscrawl.matching.football_context import football_context, lead_score
from newscrawl.matching.gazetteer import load_gazetteer
from newscrawl.matching.kickoff import infer_kickoff
from newscrawl.matching.orientation import PLACE_BEFORE
from newscrawl.matching.other_games import names_next_opponent
from newscrawl.matching.regroup import ArticleFacts

#: Characters of body that make the lead (where a second team would make it a pair article).
LEAD_CHARS = 300
#: Characters of body in which the one team must be named when the headline names no team.
FIRST_SENTENCE_CHARS = 200


def extract_side_facts(
    title: str,
    body: str,
    *,
    language: str | None,
    published_at: datetime | date | str | None,
    article_type: str | None = None,
) -> ArticleFacts | None:
    """The one team and date evidence of a one-team match article, or None.

    ``article_id`` of the result is empty: the caller sets it (``dataclasses.replace``).
    """
    read = read_article(title, body, language=language, article_type=article_type)
    if read is None:
        return None
    title, body, kind, text, found = read.title, read.body, read.kind, read.text, read.found
    gaz = load_gazetteer()
    title_end = len(title)
    lead_end = title_end + 1 + LEAD_CHARS
    sides = [m for m in found.teams if not PLACE_BEFORE.search(text[max(0, m.start - 6) : m.start])]
    head = [m for m in sides if m.start < lead_end]
    named = [m for m in head if not m.ambiguous and (m.start < title_end or m.start < title_end + 1 + FIRST_SENTENCE_CHARS)]
    if not named:
        return None
    team = named[0].team_id
    kind_of = gaz.teams[team].kind
    # A second side in the lead makes a pair article (or a round-up), not ours; but not the next
    # opponent of a sentence after the first ("Anderlecht ontvangt volgend weekend Cercle Brugge").
    first_end = min((i for i in (text.find(c, title_end + 1) for c in ".!?") if i != -1), default=len(text))
    if any(gaz.teams[m.team_id].kind == kind_of and m.team_id != team
           and not (m.start > first_end and names_next_opponent(text, m, found.teams)) for m in head):
        return None
    # One name is weak evidence ("Roma" is also the Romani, "Chelsea" a first name): whatever
    # the team's kind, the text must be about football (a competition, a nickname, football
    # words; a score in the lead counts as one).
    if not football_context(text, found.competitions, any(map(gaz.football_name, found.teams)),
                            extra=lead_score(text, title_end)):
        return None
    spans = [(m.start, m.end, m.team_id == team) for m in sides if gaz.teams[m.team_id].kind == kind_of]
    published, precision = parse_published(published_at)
    guess = infer_kickoff(title, body, published=published if precision == "day" else None,
                          article_type=kind, language=language, team_spans=spans)
    kickoff, basis = (guess.day, guess.basis) if guess else (None, None)
    kickoff = last_night(kickoff, basis, kind, published_at)
    finished = kind in ("report", "reaction")
    # Not the competition of a later game ("... en spelen zondag in de Eredivisie tegen Heracles").
    comps = [c for c, start, _ in not_later(text, found.competitions, title_end, kind)
             if start < lead_end and _fits(gaz, c, team)]
    return ArticleFacts(
        article_id="", team_ids=(team,), article_type=kind, kickoff_date=kickoff, kickoff_basis=basis,
        published_date=published, published_precision=precision,
        competition_id=comps[0] if comps else None, leg=find_leg(title, body, finished=finished),
    )


def _fits(gaz, competition_id: str, team_id: str) -> bool:
    comp, team = gaz.competitions[competition_id], gaz.teams[team_id]
    if comp.women != team.women:
        return False
    if comp.kind == "international":
        return team.kind == "national"
    return team.kind == "club" and comp.country in (None, team.country)
