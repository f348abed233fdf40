"""Women's football: when a text is about women's teams, club and country names mean theirs.

"Arsenal" in a report of the Women's Super League is Arsenal Women, a team of its own: the
gazetteer gives every men's team a women's counterpart (:attr:`Gazetteer.women_of`), and
:func:`apply_gender` maps the mentions of a women's-football text onto them. A text is about
women's football when its headline and lead carry enough evidence (:data:`WOMEN_CONTEXT_MIN`):
a women's team ("the Lionesses", "Oranjevrouwen", "les Bleues"), a women's competition ("WSL",
"D1 Arkema") or women's-football words ("women", "féminines", "vrouwen"), the headline (and a
women's team opening the lead) counting double. One passing mention ("the two clubs' women's
sides meet on Saturday") is not enough.
"""

from __future__ import annotations

from dataclasses import replace

from newscrawl.matching.gazetteer import Gazetteer, Mentions
from newscrawl.matching.vocabulary import cue

#: Evidence needed (headline hits count :data:`TITLE_WEIGHT`, lead hits 1).
WOMEN_CONTEXT_MIN = 2
TITLE_WEIGHT = 2
#: Characters of body that make the lead.
LEAD_CHARS = 400


def women_context(text: str, title_end: int, found: Mentions, gaz: Gazetteer) -> bool:
    """Whether ``text`` (``title + "\\n" + body``) is about women's teams."""
    lead_end = title_end + 1 + LEAD_CHARS

    def weight(start: int) -> int:
        return TITLE_WEIGHT if start < title_end else 1 if start < lead_end else 0

    # A women's team that opens the lead is its subject, not a passing mention: it counts as the headline.
    first_end = min((i for i in (text.find(c, title_end + 1) for c in ".!?") if i != -1), default=len(text))
    score = sum(TITLE_WEIGHT if m.start < first_end else weight(m.start)
                for m in found.teams if gaz.teams[m.team_id].women)
    score += sum(weight(start) for cid, start, _ in found.competitions if gaz.competitions[cid].women)
    score += sum(weight(m.start()) for m in cue("women").finditer(text, 0, lead_end))
    return score >= WOMEN_CONTEXT_MIN


def apply_gender(text: str, title_end: int, found: Mentions, gaz: Gazetteer) -> Mentions:
    """``found`` with men's teams mapped to their women's counterparts when the text is about
    women's football; unchanged otherwise."""
    if not women_context(text, title_end, found, gaz):
        return found
    teams = tuple(
        m if gaz.teams[m.team_id].women else replace(m, team_id=gaz.women_of.get(m.team_id, m.team_id))
        for m in found.teams
    )
    venues = tuple((gaz.women_of.get(t, t), s, e) for t, s, e in found.venues)
    return Mentions(teams, venues, found.competitions)
