"""A French reflexive passé composé ("s'est offert", "se sont imposés") tells a played match (issue 11)."""

from __future__ import annotations

from newscrawl.matching import classify_article, extract_match_facts


def test_a_reflexive_past_opening_is_a_report() -> None:
    title = "Coupe de France : le coup d'éclat du Havre face à Nantes"
    body = ("Le Havre s'est offert le FC Nantes samedi soir au stade Océane. Accrochés 2-2 par les "
            "Havrais, les Nantais ont été éliminés aux tirs au but (4-3).")
    assert classify_article(title, body, language="fr") == "report"
    facts = extract_match_facts(title, body, language="fr", published_at="2025-01-18T23:30:00+01:00")
    assert facts is not None and facts.score == (2, 2)
