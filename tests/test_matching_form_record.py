"""A run of form in a preview's lead is no played match (issue 11)."""

from __future__ import annotations

import pytest

from newscrawl.matching import classify_article


@pytest.mark.parametrize(
    ("title", "body", "language"),
    [
        ("Rescheduled derby: Wolves hungry for points as Villa come to Molineux",
         "Six weeks after it was called off, the derby finally takes place at Molineux on Tuesday night. "
         "Wolves have won two of their last twelve league games; Villa will be without their captain.", "en"),
        ("Sparta wil punten tegen Excelsior",
         "Sparta ontvangt Excelsior zondag in het Kasteel. De ploeg won slechts een van de laatste acht "
         "competitieduels.", "nl"),
    ],
)
def test_a_form_record_leaves_a_preview_a_preview(title: str, body: str, language: str) -> None:
    assert classify_article(title, body, language=language) == "preview"
