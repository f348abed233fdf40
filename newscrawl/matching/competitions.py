"""Competition, stage and leg of the match an article is about.

Competition names come from ``competitions.toml`` through the gazetteer scan. Stage and leg are
read from multilingual cue phrases; the leg is decided by votes because an article usually names
both legs ("after last week's first leg" in a second-leg preview, "the return is next week" in a
first-leg report): a first leg placed in the past ("last week", "à l'aller") votes for leg 2, a
return announced in the future of a played match ("set to take place", "volgende week") votes
for leg 1, any other mention votes for the leg it names (title 4, lead 2, rest 1), and aggregate
or qualification words add to leg 2. A tie in the vote gives None.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from newscrawl.matching import folding
from newscrawl.matching.gazetteer import load_gazetteer


@dataclass(frozen=True)
class CompetitionMention:
    """The competition an article is about and where it was first named."""

    competition_id: str
    surface: str
    start: int
    end: int


def _alternation(*phrases: str) -> str:
    return "|".join(sorted(phrases, key=len, reverse=True))


_STAGES: dict[str, str] = {
    "final": _alternation("final", "finale", "finals", "finales"),
    "semi-final": _alternation(
        "semi-final", "semi-finals", "semi final", "semi finals", "semifinal", "semifinals", "semi",
        "demi-finale", "demi-finales", "demie", "demies", "halve finale", "halve finales", "halve eindstrijd",
    ),
    "quarter-final": _alternation(
        "quarter-final", "quarter-finals", "quarter final", "quarterfinal", "quarter finals",
        "quart de finale", "quarts de finale", "kwartfinale", "kwartfinales",
    ),
    "round-of-16": _alternation(
        "round of 16", "last 16", "last-16", "huitième de finale", "huitièmes de finale",
        "huitieme de finale", "huitiemes de finale", "achtste finale", "achtste finales",
    ),
    "play-off": _alternation(
        "play-off", "play-offs", "playoff", "playoffs", "barrage", "barrages", "tussenronde",
        "knockout round play-off", "seizièmes de finale",
    ),
    "group": _alternation(
        "group stage", "group phase", "phase de groupes", "phase de poules", "groepsfase", "poulefase",
        "league phase", "phase de ligue", "competitiefase",
    ),
}
# "a place in the final", "billet pour la finale", "kans op de finale": the prize, not a date's game.
#: Public: the kick-off inference strips these too.
FINAL_AS_PRIZE = re.compile(
    r"\b(?:place|spot|berth|ticket|billet|plek|plaats|kans|reach|reaching|atteindre|rejoindre|for|pour|"
    r"naar|into|en)\s+(?:[\w']+\s+){0,4}?(?:final|finale)\b",
    re.IGNORECASE,
)
#: "the play-off final", "de finale van de play-offs", "la finale des barrages": the last round of
#: a play-off, the match itself when the stage is the play-off, not a later round (facts.py).
PLAYOFF_FINAL = re.compile(
    r"\b(?:play-?offs?|barrages?|nacompetitie)(?:\s+[\w-]+){0,3}?\s+finals?\b|"
    # No end boundary: a clause window may cut the word ("de finale van de play-of").
    r"\bfinales?\s+(?:van\s+de|des|du|of\s+the)\s+(?:play|barrage|nacompetitie)",
    re.IGNORECASE,
)
#: The strong prize words of :data:`FINAL_AS_PRIZE` (not "for the final", which a final's own
#: preview uses), read in the headline and this many characters of lead.
_FINAL_PLACE = re.compile(
    r"\b(?:place|spot|berth|ticket|billet|plek|plaats|reach|reaching|atteindre|rejoindre)\s+"
    r"(?:[\w']+\s+){0,4}?(?:final|finale)\b",
    re.IGNORECASE,
)
PRIZE_LEAD_CHARS = 400
_STAGE_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<{re.sub(r'[^a-z]', '_', k)}>{v})" for k, v in _STAGES.items()) + r")\b",
    re.IGNORECASE,
)
_STAGE_BY_GROUP = {re.sub(r"[^a-z]", "_", k): k for k in _STAGES}

_LEG1 = _alternation(
    "first leg", "1st leg", "first-leg", "match aller", "l'aller", "l’aller", "à l'aller", "heenwedstrijd",
    "heenduel", "heenmatch", "aller",
)
_LEG2 = _alternation(
    "second leg", "2nd leg", "second-leg", "return leg", "return fixture", "return match", "the return",
    "de return",
    "match retour", "le retour", "au retour", "retour", "terugwedstrijd", "returnwedstrijd", "returnduel",
    "terugmatch",
)
# "le retour de Diani", "the return of Saka": a player back in the side, not the second leg.
_LEG_RE = re.compile(rf"\b(?:(?P<one>{_LEG1})|(?P<two>{_LEG2})(?!\s+(?:de|d'|d’|of)\s*(?-i:[A-ZÀ-Ý])))\b",
                     re.IGNORECASE)
# Whatever _LEG_RE matches, without its upper-case test (which keeps _LEG_RE from running folded).
_LEG_HINT = re.compile(rf"\b(?:{_LEG1}|{_LEG2})\b", re.IGNORECASE)
# A first leg placed in the past ("after last week's first leg") means the article is about the return.
_PAST_CUE = re.compile(
    r"\b(?:last week'?s?|previous|la semaine dernière|il y a une semaine|vorige week|afgelopen week|"
    r"een week geleden|à l'aller|à l’aller|"
    # A first leg whose result is carried or undone ("overturned their first-leg deficit", "won
    # the first leg") is seen from the return.
    r"deficit|advantage|overturn\w*|won the first|lost the first|retard|achterstand|"
    r"(?:after|following|après|na)\b[^.]{0,30}?"
    r"(?:first leg|first-leg|match aller|l'aller|heenwedstrijd|heenduel))",
    re.IGNORECASE,
)
# A return leg placed in the future of a played match means the article is about the first leg.
_FUTURE_CUE = re.compile(
    r"\b(?:next week|next|set to|will|to come|upcoming|prochain|prochaine|à venir|se jouera|aura lieu|"
    r"volgende week|volgende|komende|vindt .{0,30}plaats|staat .{0,20}op het programma|"
    # "Dinsdag volgt de terugwedstrijd", "the return follows on Tuesday": the leg still to come.
    r"volgt|follows|suivra|"
    # "take a lead into the return leg", "devra renverser la situation au retour": still to play.
    r"into|ahead of|before|must|need|needs|would|still|will have to|avant|en vue du|devra|devront|doit|"
    r"doivent|encore|moet|moeten|voor de|nog|attend|awaits|wacht)\b",
    re.IGNORECASE,
)
# A return leg a preview gives a slot in the calendar ("le retour est programmé le jeudi 18 mars",
# "de return staat voor dinsdag op het programma") is the leg after the one it previews.
_SCHEDULED_CUE = re.compile(
    r"\b(?:scheduled|is set for|programmée?|prévue?|aura lieu|se jouera|op het programma|gepland|"
    # "De return wordt een week later gespeeld": a week after this game, so the other leg.
    r"a week later|one week later|une semaine plus tard|huit jours plus tard|een week later|een week nadien)\b",
    re.IGNORECASE,
)
# Only a second leg (or a one-off knockout game) decides a tie on aggregate.
_TIE_DECIDER = re.compile(
    r"\b(?:on aggregate|aggregate|au cumul|en cumulé|over twee (?:duels|wedstrijden)|in totaal|"
    r"totaalscore|se qualifie|qualifié|qualifiés|élimine|éliminé|qualifies|qualified|knocked out|"
    r"eliminated|through to|plaatst zich|geplaatst|uitgeschakeld|schakelt)\b",
    re.IGNORECASE,
)


def find_competition(text: str) -> CompetitionMention | None:
    """The competition named first in ``text`` (call it on ``title + "\\n" + body``), or None."""
    comps = load_gazetteer().scan(text).competitions
    return _mention(text, comps[0]) if comps else None


def _mention(text: str, comp: tuple[str, int, int]) -> CompetitionMention:
    cid, start, end = comp
    return CompetitionMention(cid, text[start:end], start, end)


@lru_cache(maxsize=64)  # the type and both fact readers ask about the same texts
def find_stage(title: str, body: str) -> str | None:
    """Stage of the match (``final``, ``semi-final``, ``quarter-final``, ``round-of-16``, ``play-off``, ``group``).

    A "final" that is only the prize at stake ("a place in the final", "reach the final") is not a
    stage, and with no other stage named makes the match a semi-final; a "final" loses to any other stage named in the text, unless the title names the final
    and nothing else.
    """
    found: dict[str, int] = {}
    # "Une place en finale est en jeu", "a spot in the final at stake": the round before it.
    prize = folding.found(_FINAL_PLACE, f"{title}\n{body[:PRIZE_LEAD_CHARS]}")
    title, body = folding.sub(FINAL_AS_PRIZE, " ", title), folding.sub(FINAL_AS_PRIZE, " ", body)
    for where, text in (("title", title), ("body", body)):
        for m in folding.finditer(_STAGE_RE, text):
            stage = _STAGE_BY_GROUP[m.lastgroup or ""]
            weight = 3 if where == "title" else 1
            found[stage] = found.get(stage, 0) + weight
    others = {s: w for s, w in found.items() if s != "final"}
    if prize and not others:
        return "semi-final"
    if not found:
        return None
    if others:
        title_stages = {_STAGE_BY_GROUP[m.lastgroup or ""] for m in folding.finditer(_STAGE_RE, title)}
        if title_stages == {"final"}:
            return "final"
        return max(others, key=lambda s: others[s])
    return "final"


@lru_cache(maxsize=64)  # the type and both fact readers ask about the same texts
def find_leg(title: str, body: str, *, finished: bool) -> int | None:
    """Which leg of a two-legged tie the article is about (1 or 2), or None if not stated.

    ``finished`` says whether the article reports a played match; in a report, the leg announced
    with a future cue ("the return is next week") is the other one.
    """
    votes = Counter[int]()
    lead_end = _lead_end(body)
    for where, text in (("title", title), ("body", body)):
        for m in _leg_mentions(text):
            leg = 1 if m.group("one") else 2
            lo = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            hi = min((i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i != -1), default=len(text))
            sentence = text[lo:hi]
            weight = 4 if where == "title" else 2 if m.start() < lead_end else 1
            if leg == 1 and folding.found(_PAST_CUE, sentence):
                votes[2] += weight
            elif leg == 2 and folding.found(_FUTURE_CUE if finished else _SCHEDULED_CUE, sentence):
                votes[1] += weight
            else:
                votes[leg] += weight
    if votes:
        votes[2] += min(2, folding.count(_TIE_DECIDER, title + "\n" + body))
    if not votes:
        return None
    (best, n), *rest = votes.most_common()
    if rest and rest[0][1] == n:
        return None
    return best


def _leg_mentions(text: str) -> Iterator[re.Match[str]]:
    """``_LEG_RE.finditer(text)``, trying it only where :data:`_LEG_HINT` (run folded) starts: every
    match of it starts where the hint does, and the earliest hint at or after a position is the
    first place it can match from there."""
    low, hint = folding.lowered(text), folding.folded(_LEG_HINT)
    if low is None or hint is None:
        yield from _LEG_RE.finditer(text)
        return
    pos = 0
    while (h := hint.search(low, pos)) is not None:
        m = _LEG_RE.match(text, h.start())  # a match at a position still sees the text before it (\b)
        if m is None:
            pos = h.start() + 1
            continue
        yield m
        pos = m.end()


def _lead_end(body: str) -> int:
    """End offset of the lead: the first two sentences of the body."""
    pos = 0
    for _ in range(2):
        nxt = re.search(r"[.!?](?:\s|$)", body[pos:])
        if nxt is None:
            return len(body)
        pos += nxt.end()
    return pos
