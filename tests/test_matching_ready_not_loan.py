"""French "prêt à" is "ready to", not a loan (issue 11)."""

from __future__ import annotations

from newscrawl.matching import classify_article


def test_ready_to_is_a_preview_word_not_a_loan() -> None:
    assert classify_article(
        "Derby rhodanien : Geoffroy-Guichard prêt à vibrer",
        "L'AS Saint-Etienne accueille l'OL dimanche (20h45) pour le derby, devant un stade plein.",
        language="fr") == "preview"


def test_a_loan_is_still_other() -> None:
    assert classify_article(
        "Lyon : prêt d'un attaquant à Saint-Etienne",
        "L'OL a conclu le prêt d'un jeune attaquant à l'AS Saint-Etienne jusqu'à la fin de la saison.",
        language="fr") == "other"
