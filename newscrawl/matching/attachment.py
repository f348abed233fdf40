"""Which game a score or a date in a sentence is about: the pair's or another one.

A score or day cue belongs to the team named right after it in the same clause ("a 2-1 win over
Salernitana", "2-0 van Engeland", "Monday's comeback win over Salernitana") or, failing that, to
the team named last before it in the same sentence ("les Diables Rouges affrontent la Roumanie
samedi"). A clause break (comma, "to", "and", "as", "while"...) stops the look-ahead.
"""

from __future__ import annotations

import re

from newscrawl.matching.scores import sentence_bounds

#: How far after a cue (characters) a team name still attaches to it.
_AFTER_WINDOW = 45
_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:to|and|as|while|but|et|pour|mais|alors|en|om|maar|terwijl)\b", re.IGNORECASE)


def about_other_game(text: str, start: int, end: int, spans: list[tuple[int, int, bool]]) -> bool:
    """True when the cue at ``text[start:end]`` attaches to a team outside the match.

    ``spans`` are (start, end, in_pair) of the team mentions of ``text`` that can name a side.
    """
    lo, hi = sentence_bounds(text, start, end)
    after = sorted(s for s in spans if end <= s[0] < min(hi, end + _AFTER_WINDOW))
    if after and not _CLAUSE_BREAK.search(text[end : after[0][0]]):
        return not after[0][2]
    before = [s for s in spans if lo <= s[0] < start]
    if before:
        return not max(before)[2]
    return False
