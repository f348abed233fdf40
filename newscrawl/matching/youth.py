"""Youth football: in a text about an age group, national team names mean that age's team.

"Frankrijk" in a report of Jong Oranje's qualifier is France's under-21 side, a team of its own:
the gazetteer gives every senior national team youth counterparts (:attr:`Gazetteer.youth_of`),
and :func:`apply_age` maps the mentions of a youth-football text onto the age it is about. A text
is about an age group when its headline and lead carry enough evidence (:data:`YOUTH_CONTEXT_MIN`,
the headline counting double): an age ("U21", "Under-20 World Cup", "moins de 20 ans"), or a youth
team's nickname ("Jong Oranje", "les Espoirs") anywhere in the headline or lead. One passing age
("a former U21 international") is not enough. The age is the one the text writes most, else its youth nicknames' age.

Clubs have no youth teams in the gazetteer: in a text about an age group ("Championnat U19 : les
jeunes du PSG dominent ceux de l'OM") a club's name means its academy side, so :func:`apply_age`
drops club mentions rather than let the youth game pass for the senior one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from newscrawl.matching.gazetteer import Gazetteer, Mentions
from newscrawl.matching.vocabulary import cue

#: Evidence needed (headline hits count :data:`TITLE_WEIGHT`, lead hits 1).
YOUTH_CONTEXT_MIN = 2
TITLE_WEIGHT = 2
#: Characters of body that make the lead.
LEAD_CHARS = 400
_DIGITS = re.compile(r"\d\d")


def youth_age(text: str, title_end: int, found: Mentions, gaz: Gazetteer) -> int | None:
    """The age group ``text`` (``title + "\\n" + body``) is about, None for senior football."""
    lead_end = title_end + 1 + LEAD_CHARS

    def weight(start: int) -> int:
        return TITLE_WEIGHT if start < title_end else 1 if start < lead_end else 0

    written: Counter[int] = Counter()
    for m in cue("youth_age").finditer(text, 0, lead_end):
        written[int(_DIGITS.search(m.group()).group())] += weight(m.start())
    named: Counter[int] = Counter()
    for m in found.teams:
        age = gaz.teams[m.team_id].age
        if age is not None:
            named[age] += TITLE_WEIGHT if m.start < lead_end else 0  # a youth team by name is enough
    if sum(written.values()) + sum(named.values()) < YOUTH_CONTEXT_MIN:
        return None
    return (written or named).most_common(1)[0][0]


def apply_age(text: str, title_end: int, found: Mentions, gaz: Gazetteer) -> Mentions:
    """``found`` with national teams mapped to their youth teams of the text's age group when the
    text is about one, and club mentions dropped (their academy sides have no ids); unchanged
    otherwise."""
    age = youth_age(text, title_end, found, gaz)
    if age is None:
        return found

    def youth(team_id: str) -> str:
        team = gaz.teams[team_id]
        senior = team.senior or team_id
        return gaz.youth_of.get((senior, age), team_id)

    teams = tuple(replace(m, team_id=youth(m.team_id)) for m in found.teams
                  if gaz.teams[m.team_id].kind != "club")
    return Mentions(teams, found.venues, found.competitions)
