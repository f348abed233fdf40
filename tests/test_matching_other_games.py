"""Dates of other games: the other leg, the next league match, a past meeting are not the kick-off."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl.matching import extract_match_facts
from newscrawl.matching.vocabulary import VocabularyDataError, cue, words


def kickoff(title: str, body: str, published: str, language: str = "en") -> date | None:
    facts = extract_match_facts(title, body, language=language, published_at=published)
    assert facts is not None
    return facts.kickoff_date


@pytest.mark.parametrize(
    ("title", "body", "published", "language", "expected"),
    [
        # A first-leg report naming the return leg's date.
        ("Benfica edge Monaco in Lisbon",
         "Benfica beat Monaco 1-0 on Tuesday night in the first leg of their Champions League play-off. "
         "The return leg is at the Stade Louis II on Wednesday 19 February.",
         "2025-02-12T07:00:00+00:00", "en", date(2025, 2, 11)),
        # A report naming the next league game with its date.
        ("Nice et Rennes se neutralisent",
         "Nice et Rennes ont fait match nul 1-1 samedi soir à l'Allianz Riviera. "
         "Les Niçois affronteront Brest le samedi 1er mars.",
         "2025-02-23T09:00:00+01:00", "fr", date(2025, 2, 22)),
        # A preview recalling last week's meeting of the same clubs in the league.
        ("Twente ontvangt Utrecht in de beker",
         "FC Twente ontvangt FC Utrecht woensdagavond in de KNVB Beker. Vorige week zondag 2 februari won Utrecht "
         "nog met 2-0 in de Eredivisie.",
         "2025-02-04T12:00:00+01:00", "nl", date(2025, 2, 5)),
        # A preview naming its match day and the return leg: the earliest day ahead is its own.
        ("PSV v Juventus: Bosz keeps faith",
         "PSV host Juventus on Wednesday needing to overturn a 2-1 deficit. The winner meets Arsenal "
         "in the last 16 on Tuesday 4 March.",
         "2025-02-18T12:00:00+00:00", "en", date(2025, 2, 19)),
    ],
)
def test_other_games_dates_are_skipped(title: str, body: str, published: str, language: str,
                                       expected: date) -> None:
    assert kickoff(title, body, published, language) == expected


def test_a_reports_kickoff_is_never_after_publication() -> None:
    got = kickoff("Lens 2-0 Brest", "Lens beat Brest 2-0. Next up for Lens: a trip to Nantes on 2 March.",
                  "2025-02-23T20:00:00+00:00")
    assert got is not None and got <= date(2025, 2, 23)


def test_weekday_resolved_to_the_right_week() -> None:
    # Published on a Monday morning: "Sunday" is yesterday, not six days ahead.
    assert kickoff("Feyenoord wint van AZ", "Feyenoord heeft zondag met 2-1 gewonnen van AZ in De Kuip.",
                   "2025-02-17T08:00:00+01:00", "nl") == date(2025, 2, 16)
    # A preview published on Thursday: "Sunday" is three days ahead.
    assert kickoff("AZ - Feyenoord: voorbeschouwing", "AZ ontvangt Feyenoord zondagmiddag in Alkmaar.",
                   "2025-02-13T10:00:00+01:00", "nl") == date(2025, 2, 16)


def test_cue_words_are_data_per_language() -> None:
    assert {"welcomes?", "reçoit", "ontvangt"} <= set(words("host_verb"))
    assert cue("later_game").search("Les Niçois affronteront Brest")
    with pytest.raises(VocabularyDataError):
        words("no-such-cue")


def test_a_preview_recalling_the_last_result_stays_a_preview() -> None:
    title = "Ajax hunt revenge in the cup"
    body = ("Four days after the 3-1 defeat in Eindhoven, Ajax will host PSV on Thursday evening in the KNVB Cup "
            "quarter-final.")
    facts = extract_match_facts(title, body, language="en", published_at="2025-02-04T12:00:00+00:00")
    assert facts is not None
    assert (facts.article_type, facts.kickoff_date, facts.score) == ("preview", date(2025, 2, 6), None)
