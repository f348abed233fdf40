"""A transfer rumour naming the weekend's opponent is no match of the two clubs (issue 11)."""

from __future__ import annotations

import pytest

from newscrawl.matching import classify_article, extract_match_facts

PUBLISHED = "2025-02-20T09:00:00+01:00"


@pytest.mark.parametrize(
    ("title", "body", "language"),
    [
        ("PSV volgt AZ-verdediger voor komende zomer",
         "PSV houdt een verdediger van AZ in de gaten, vlak voor het duel van zondag in Eindhoven.", "nl"),
        ("Utrecht aast op Twente-talent",
         "FC Utrecht wil een jeugdspeler van FC Twente overnemen. De clubs treffen elkaar zaterdag.", "nl"),
        ("Newcastle eye summer move for Aston Villa striker",
         "Newcastle are weighing up a bid for an Aston Villa forward days before the sides meet at St James' Park.",
         "en"),
        ("Everton linked with Fulham winger ahead of weekend meeting",
         "Everton are said to admire a Fulham winger whose contract ends in June.", "en"),
        ("Mercato : Rennes sur la piste d'un milieu nantais",
         "Le Stade Rennais s'intéresse à un milieu du FC Nantes, que les Bretons affrontent dimanche.", "fr"),
        ("Lens convoite un défenseur lillois pour l'été prochain",
         "Le RC Lens suit un défenseur du LOSC, à quelques jours du derby du Nord.", "fr"),
    ],
)
def test_a_transfer_rumour_is_other(title: str, body: str, language: str) -> None:
    assert classify_article(title, body, language=language) == "other"
    assert extract_match_facts(title, body, language=language, published_at=PUBLISHED) is None


def test_a_rumour_word_beside_a_result_leaves_the_report() -> None:
    # The result clause wins: the summer target scored in the match the article reports.
    title = "Summer target Watkins scores as Aston Villa beat Newcastle 2-1"
    body = "Aston Villa beat Newcastle 2-1 at Villa Park on Saturday, Ollie Watkins scoring twice."
    assert classify_article(title, body, language="en") == "report"
    facts = extract_match_facts(title, body, language="en", published_at="2025-02-22T19:00:00+00:00")
    assert facts is not None and facts.score is not None
