"""Competitions of other games: a report's next game, a domestic derby's European week (issue 11)."""

from __future__ import annotations

import pytest

from newscrawl.matching import extract_match_facts


@pytest.mark.parametrize(
    ("title", "body", "language"),
    [
        ("Twente en Heerenveen delen de punten in Enschede",
         "Twente en Heerenveen hebben zaterdag met 1-1 gelijkgespeeld in De Grolsch Veste. Een kopbal in "
         "de slotfase redde de Friezen. Twente speelt donderdag al in de Europa League.", "nl"),
        ("Late gelijkmaker redt Heerenveen in Enschede",
         "Twente en Heerenveen hebben zaterdag met 1-1 gelijkgespeeld in De Grolsch Veste. De Tukkers "
         "spelen donderdag al in de Europa League.", "nl"),
        ("Rennes and Nantes share the points",
         "Rennes and Nantes drew 0-0 at Roazhon Park on Sunday. Rennes host Sevilla in the Europa League "
         "on Thursday.", "en"),
    ],
)
def test_the_next_games_competition_is_not_the_reports(title: str, body: str, language: str) -> None:
    facts = extract_match_facts(title, body, language=language, published_at="2025-03-09T22:00:00+01:00")
    assert facts is not None and facts.score is not None
    assert facts.competition_id is None


def test_europe_named_once_in_the_body_is_not_a_domestic_derbys_competition() -> None:
    facts = extract_match_facts(
        "Lyon-Saint-Etienne : les compositions probables du derby",
        "L'OL reçoit l'AS Saint-Etienne dimanche au Groupama Stadium. Paulo Fonseca devrait reconduire "
        "le milieu aligné en Ligue Europa.", language="fr", published_at="2025-03-08T12:00:00+01:00")
    assert facts is not None and facts.competition_id is None


def test_europe_in_the_headline_stays_the_competition_of_two_clubs_of_one_country() -> None:
    facts = extract_match_facts(
        "Ligue des champions : Lyon-Saint-Etienne, les compositions probables",
        "L'OL reçoit l'AS Saint-Etienne mardi au Groupama Stadium en quart de finale.",
        language="fr", published_at="2025-03-08T12:00:00+01:00")
    assert facts is not None and facts.competition_id == "uefa-champions-league"
