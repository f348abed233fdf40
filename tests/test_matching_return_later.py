"""A preview saying the return is "a week later" is about the first leg (issue 11)."""

from __future__ import annotations

import pytest

from newscrawl.matching.competitions import find_leg


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Twente treft Fenerbahce in tussenronde Europa League",
         "Twente begint donderdag in De Grolsch Veste tegen Fenerbahce. De return wordt een week later in "
         "Istanbul gespeeld."),
        ("Rennes défie Milan en barrage de Ligue Europa",
         "Le Stade Rennais accueille l'AC Milan jeudi. Le match retour se dispute une semaine plus tard à San Siro."),
        ("Celtic host Bayern in the Champions League play-off",
         "Celtic welcome Bayern Munich to Parkhead on Wednesday. The return leg is in Munich a week later."),
    ],
)
def test_a_return_a_week_later_makes_a_preview_the_first_leg(title: str, body: str) -> None:
    assert find_leg(title, body, finished=False) == 1
