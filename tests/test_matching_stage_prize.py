"""A place in the final at stake makes the match a semi-final, and the final's date another game's."""

from __future__ import annotations

from datetime import date

from newscrawl.matching import extract_match_facts
from newscrawl.matching.competitions import find_stage


def test_place_in_the_final_at_stake_is_a_semi_final() -> None:
    assert find_stage("Japan and Ghana play for a spot in the final",
                      "A spot in the final of the Under-17 World Cup is at stake on Thursday.") == "semi-final"
    # A final's own preview says "for the final": still the final.
    assert find_stage("Spain name their side for the final", "The final is on Sunday in Lisbon.") == "final"


def test_the_finals_date_is_not_the_semi_finals_kick_off() -> None:
    f = extract_match_facts(
        "Coupe d'Afrique : le Sénégal et l'Égypte pour une place en finale",
        "Une place en finale de la Coupe d'Afrique est en jeu mercredi soir à Rabat entre le Sénégal "
        "et l'Égypte. La finale est programmée le dimanche 18 janvier dans le même stade.",
        language="fr", published_at="2026-01-13T17:00:00+01:00")
    assert f is not None
    assert f.stage == "semi-final"
    assert f.kickoff_date == date(2026, 1, 14)
