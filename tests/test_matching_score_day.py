"""In a played match's article, the weekday in the score's clause is the kick-off (issue 11)."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl.matching import extract_match_facts


@pytest.mark.parametrize(
    ("title", "body", "language", "published", "kickoff"),
    [
        # A later weekday on a speech verb the vocabulary does not list ("beschouwde", "a jugé") loses.
        ("NAC onderzoekt vuurwerk na derby tegen Willem II",
         "NAC is een onderzoek gestart naar het vuurwerk dat zaterdag tijdens de verloren derby tegen "
         "Willem II (0-2) werd afgestoken. Trainer Peter Hyballa beschouwde de nederlaag dinsdag als "
         "een dieptepunt.", "nl", "2025-03-04T12:00:00+01:00", date(2025, 3, 1)),
        ("Le Standard ouvre une enquête après le derby perdu contre Charleroi",
         "Le Standard a ouvert une enquête sur les fumigènes allumés samedi pendant le derby perdu contre "
         "Charleroi (1-2). Son entraîneur a jugé mardi la défaite inacceptable.",
         "fr", "2025-03-04T12:00:00+01:00", date(2025, 3, 1)),
    ],
)
def test_the_score_clause_weekday_beats_a_later_day(
        title: str, body: str, language: str, published: str, kickoff: date) -> None:
    facts = extract_match_facts(title, body, language=language, published_at=published)
    assert facts is not None and facts.score is not None
    assert facts.kickoff_date == kickoff
