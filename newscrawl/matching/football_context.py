"""Is a text about football at all? Country and club names also appear in war, trade and politics.

:func:`football_words` counts the distinct football words (en/fr/nl) in a text; callers require a
few of them (or a competition name) before reading match facts, so "Russia hits Kyiv" is not a
Russia v Ukraine preview.
"""

from __future__ import annotations

import re

from newscrawl.matching.folding import matched_words
from newscrawl.matching.scores import find_scores

_FOOTBALL_WORDS = re.compile(
    r"\b(?:football|footballer|soccer|goals?|goalkeeper|keeper|striker|forward|midfielder|defender|winger|"
    r"manager|head coach|kick-?off|penalty|penalties|league|cup|fixture|derby|squad|line-?ups?|pitch|"
    r"stadium|half-time|full-time|scored|scorer|scores|equali[sz]er|opener|clean sheet|substitute|"
    # "but" (a goal in French) is left out: it is the English conjunction.
    r"foot|buts|buteur|fin de match|temps additionnel|stoppage time|added time|blessuretijd|attaquant|milieu de terrain|défenseur|gardien|entraîneur|coup d'envoi|"
    r"championnat|coupe|stade|mi-temps|égalisation|journée|rencontre|sélectionneur|tirs au but|"
    r"voetbal|wedstrijd|doelpunt|doelpunten|spits|middenvelder|verdediger|doelman|trainer|bondscoach|"
    r"aftrap|strafschop|competitie|beker|stadion|gelijkmaker|treffer|speelronde|elftal|opstelling|"
    r"eredivisie|topper|klassieker|assist|offside|buitenspel|hors-jeu|var|corner|hoekschop|"
    r"yellow card|red card|carton rouge|rode kaart|gele kaart|first half|second half|debut|header|free[- ]kick|"
    r"qualifiers?|qualifying|première période|seconde période|deuxième période|coup franc|doublé|"
    r"eerste helft|tweede helft|debuut|vrije trap|kwalificatie|interland|sélection|selectie|"
    r"score|coach|duel|hat-trick|own goal|eigen doelpunt|contre son camp|three points|trois points|drie punten|"
    r"relegation|relégation|degradatie|first leg|second leg|match aller|match retour|heenduel|return leg|"
    # The dressing room, a draw, the knock-out rounds: a coach's reaction names no goal or league.
    r"dressing room|vestiaire|kleedkamer|gelijkspel|match nul|quarter-final|semi-final|quarts? de finale|"
    r"demi-finale|kwartfinale|halve finale|middenveld|uitvak|terugwedstrijd|heenwedstrijd|uitwedstrijd|thuiswedstrijd)\b",
    re.IGNORECASE,
)

#: Distinct football words needed in the first :data:`WINDOW` characters.
MIN_WORDS = 2
WINDOW = 2000
#: A score within this many characters after the headline counts as one football word.
SCORE_LEAD_CHARS = 300


def football_context(text: str, competitions: tuple[tuple[str, int, int], ...], nickname: bool,
                     *, extra: int = 0) -> bool:
    """Whether ``text`` is about football: a competition named in its first :data:`WINDOW`
    characters (a "friendly" far down a lifestyle story is a word), a team named by a nickname only
    football teams carry, or :data:`MIN_WORDS` football words (``extra`` more, e.g. a score)."""
    return any(start < WINDOW for _, start, _ in competitions) or nickname or football_words(text) + extra >= MIN_WORDS


def football_words(text: str) -> int:
    """Number of distinct football words in the start of ``text``."""
    return len(matched_words(_FOOTBALL_WORDS, text[:WINDOW]))


def lead_score(text: str, title_end: int) -> int:
    """1 when the headline or the lead (:data:`SCORE_LEAD_CHARS`) gives a score, else 0: the
    ``extra`` of :func:`football_context` ("Belgium held on for a 2-1 win" is a match, whatever
    words it uses)."""
    return 1 if find_scores(text[: title_end + 1 + SCORE_LEAD_CHARS]) else 0
