"""Which side is at home, and the result in the right team order.

:func:`find_home` votes on the words between two team names ("A v B", "A welcomes B", "A travels
to B"), on venues and on "in <city>"; :func:`find_result` picks the match's score among the
score-shaped strings and orients it: "A 2-1 B", the subject of a win/loss verb ("Ajax wint met
2-1", "Lyon s'incline 2-1"), the owner of a result noun ("la défaite de Lyon"), side words ("2-1
for the visitors"), else the home side or the first team named. Cue words come from
:mod:`newscrawl.matching.vocabulary`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from newscrawl.matching.attachment import about_other_game
from newscrawl.matching.gazetteer import TeamMention
from newscrawl.matching.scores import ScoreMention, clause_near, find_scores, sentence_bounds
from newscrawl.matching.vocabulary import alternation, before, cue, in_earlier_result

_PAIR_GAP_HOME_FIRST = re.compile(rf"^\s*(?:[-–—|]|{alternation('pair_gap')})\s*$", re.IGNORECASE)
_SCORELINE_GAP = re.compile(r"^\s*\(?\s*\d{1,2}\s*[-–:]\s*\d{1,2}\s*\)?\s*$")
_HOST_VERB = cue("host_verb")
_VISIT_VERB = cue("visit_verb")
# A venue named next to these cues is where the other leg is (was) played.
_LATER_LEG_CUE = cue("later_leg")
_EARLIER_LEG_CUE = cue("earlier_leg")
#: Words naming the other leg, by the leg the article is about.
LEG_SENTENCE = {1: cue("return_leg"), 2: cue("first_leg")}
# "overturned a first-leg deficit to beat Ukraine 3-0": a first leg's deficit undone is the return's
# own clause, not the other leg.
_UNDONE_FIRST_LEG = re.compile(
    rf"\b(?:{alternation('first_leg')})\s+(?:{alternation('deficit_after')})\b", re.IGNORECASE)


def names_other_leg(leg: int | None, clause: str) -> bool:
    """Whether ``clause`` names the other leg of the tie than ``leg``, the article's."""
    if leg is None:
        return False
    if leg == 2:
        clause = _UNDONE_FIRST_LEG.sub(" ", clause)
    return bool(LEG_SENTENCE[leg].search(clause))
# With a possessive ("la défaite de Lyon", "de nederlaag van PSV", "Ajax's win") the team named is
# the one that won/lost; with "to/against/tegen/face à" it is the opponent.
_RESULT_NOUN = cue("result_noun")
_POSSESSIVE_BEFORE = before("possessive", "possessive_article")
#: "in Dortmund", "te Rotterdam": a city, not a side (for salience only these unambiguous words).
CITY_BEFORE = before("city_before")
#: "against Ajax", "contre Lyon", "tegen PSV": the team after is the opponent.
_AGAINST_BEFORE = before("against")
#: "in Dortmund", "à Leipzig", "te Rotterdam": a place ("at Arsenal" is a side: away at it).
PLACE_BEFORE = before("place_before")
_PAST_REFERENCE = cue("past_reference")
_HALF_TIME = re.compile(rf"\W{{0,3}}(?:{alternation('half_time')})\b", re.IGNORECASE)
_WIN_VERB = cue("win_verb")
#: "beat la Sampdoria 2-0": a transitive win verb right before a side (articles allowed between).
_BEAT_BEFORE = re.compile(rf"\b(?:{alternation('beat_verb')})\s+(?:(?:the|la|le|les|l'|l’|il|de)\s*)?$", re.IGNORECASE)
_LOSS_VERB = cue("loss_verb")
_BARE_SCORELINE = re.compile(r"\(\s*\d{1,2}\s*[-–—:]\s*\d{1,2}\s*\)|\d{1,2}\s*[-–—:]\s*\d{1,2}\s*!")
_HOME_SIDE_WORDS = cue("home_side")
_AWAY_SIDE_WORDS = cue("away_side")

#: Votes for the home side: a fixture/host/visit phrase, doubled in the title; a venue or city.
PHRASE_VOTE = 2
TITLE_PHRASE_FACTOR = 2
VENUE_VOTE = 1
#: How far (characters) into the body a bare scoreline between two names still says "home first".
SCORELINE_REACH = 350
#: Result weights: title 3, first sentence 2, second 1, later 0; a result word in the sentence +2.
RESULT_POSITION = {-1: 3, 0: 2, 1: 1}
RESULT_CUE_BONUS = 2
#: A score below this weight is not the result (a stray "2-1" deep in the text).
RESULT_MIN_WEIGHT = 2


def find_home(
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
        weight = TITLE_PHRASE_FACTOR if a.start < title_end else 1
        if _PAIR_GAP_HOME_FIRST.match(gap) or (_SCORELINE_GAP.match(gap) and a.start < title_end + SCORELINE_REACH):
            votes[a.team_id] += PHRASE_VOTE * weight
        elif _VISIT_VERB.search(gap) and not _HOST_VERB.search(gap):
            votes[b.team_id] += PHRASE_VOTE * weight
        elif _HOST_VERB.search(gap):
            votes[a.team_id] += PHRASE_VOTE * weight
    pair = {m.team_id for m in mentions}
    # "PSV strandt in Dortmund", "won in Marseille": a club named as a place is the host.
    places = [(m.team_id, m.start, m.end) for m in mentions if CITY_BEFORE.search(text[max(0, m.start - 6) : m.start])]
    for team_id, start, end in [*venues, *places]:
        if team_id not in pair:
            continue
        lo, hi = sentence_bounds(text, start, end)
        if other_leg.search(text[lo:hi]):
            others = pair - {team_id}
            if len(others) == 1:
                votes[others.pop()] += VENUE_VOTE
        else:
            votes[team_id] += VENUE_VOTE
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


#: A line giving the final score ("FT: Newcastle 1-0 Aston Villa", "Einde: 2-1"): a live blog's result,
#: whatever higher score its preamble recalls.
_FULL_TIME_LINE = re.compile(r"\s*(?:FT|Full[- ]time|Fin du match|Score final|Einde|Eindstand)\b", re.IGNORECASE)


def find_result(
    text: str,
    sentence_index: Callable[[int], int],
    mentions: list[TeamMention],
    spans: list[tuple[int, int, bool]],
    leg: int | None,
    *,
    live: bool,
    home: str | None,
) -> dict[str, int] | None:
    pair = sorted({m.team_id for m in mentions})
    best: tuple[float, int, ScoreMention] | None = None
    recalled: tuple[float, int, ScoreMention] | None = None
    running: list[ScoreMention] = []
    for s in find_scores(text):
        if s.prediction or s.aggregate:
            continue
        lo, hi = sentence_bounds(text, s.start, s.end)
        if about_other_game(text, s.start, s.end, spans):
            continue  # a score of another game
        clause = clause_near(text, s.start, s.end)
        if names_other_leg(leg, clause):
            continue  # the other leg's score
        if _PAST_REFERENCE.search(clause):
            continue  # "last season's 6-0", "after last week's 2-2"
        if _HALF_TIME.match(text, s.end):
            continue  # "Menés 2-0 à la pause, ils reviennent à 2-2": the score at the break
        sentence_no = sentence_index(s.start)
        position = RESULT_POSITION.get(min(sentence_no, 2), 0)
        weight = position + (RESULT_CUE_BONUS if s.result_cue else 0)
        running.append(s)
        if in_earlier_result(text, s.start):
            # "Na de 2-1 zege van donderdag ... Frankrijk won met 2-0": the recalled result counts
            # only when no other score does (a reaction's "after the 1-0 defeat" is its own match).
            if recalled is None or weight > recalled[0]:
                recalled = (weight, s.start, s)
        elif best is None or weight > best[0]:
            best = (weight, s.start, s)
    if best is None or best[0] < RESULT_MIN_WEIGHT:
        best = recalled if recalled is not None and (best is None or recalled[0] > best[0]) else best
    final = [r for r in running if _FULL_TIME_LINE.match(text, text.rfind("\n", 0, r.start) + 1)]
    if live and final:
        s = final[0]  # "FT: Newcastle 1 Aston Villa 0": the blog's own final score line
    elif live and running:
        # A live blog's scores run up: the current one has the most goals.
        s = max(running, key=lambda r: (r.first + r.second, r.start))
    elif best is None or best[0] < RESULT_MIN_WEIGHT:
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
    # "In Charleroi verloren de Buffalo's met 2-1": a city after "in"/"te" is the venue, not the
    # subject of the result verb.
    named = [m for m in before if not CITY_BEFORE.search(text[max(lo, m.start - 6) : m.start])]
    subject = named[0].team_id if named else before[0].team_id if before else None
    first_side = named[0] if named else before[0] if before else None
    if first_side is not None and _BEAT_BEFORE.search(text[max(lo, first_side.start - 20) : first_side.start]):
        # "the rosanero beat la Sampdoria 2-0": the first side named is the one beaten.
        return {first_side.team_id: low, [t for t in pair if t != first_side.team_id][0]: high}
    if subject is not None and _AGAINST_BEFORE.search(text[max(lo, before[0].start - 12) : before[0].start]):
        # "Blauw-zwart heeft de topper tegen Anderlecht gewonnen: 2-1": the first side named is the
        # opponent; the subject is the other side, named by a word the gazetteer does not know.
        subject = [t for t in pair if t != subject][0]
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
        if _AGAINST_BEFORE.search(text[max(lo, after[0].start - 12) : after[0].start]):
            # "In Rotterdam werd het 2-1 tegen Frankrijk": written from the unnamed subject's side.
            return {rest: s.first, obj: s.second}
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
