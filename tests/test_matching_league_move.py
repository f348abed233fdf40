"""The league a side is moving to ("a step towards the Championship", "promotie naar de
Eredivisie") is not the match's competition (issue 11, blind11 round). Our own words."""

from __future__ import annotations

import pytest

from tests.support.matching import facts


@pytest.mark.parametrize(
    ("title", "body", "language", "not_expected"),
    [
        ("Derby win Oxford clash",
         "Derby County moved a step towards the Championship with a 2-0 win over Oxford United on Saturday. "
         "The Rams are second in League One.", "en", "eng-championship"),
        ("Le Paris FC bat Caen",
         "Le Paris FC a fait un pas de plus vers la Ligue 1 en battant Caen 2-1 samedi. "
         "Les Parisiens sont deuxièmes de Ligue 2.", "fr", "fra-ligue-1"),
        ("Willem II wint van Roda JC",
         "Willem II heeft zaterdag een stap gezet richting de Eredivisie met een 3-1 zege op Roda JC.",
         "nl", "ned-eredivisie"),
    ],
)
def test_the_league_a_side_is_moving_to_is_not_the_matchs(title, body, language, not_expected) -> None:
    got = facts(title, body, "2026-03-08T20:00:00+01:00", language)
    assert got.competition_id != not_expected


def test_the_league_named_plainly_stays_the_matchs() -> None:
    got = facts("Derby win Oxford clash", "Derby County beat Oxford United 2-0 in the Championship on Saturday.",
                "2026-03-08T20:00:00+01:00")
    assert got.competition_id == "eng-championship"
