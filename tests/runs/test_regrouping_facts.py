"""Evidence rows parsed for re-grouping: unchanged rows are not parsed again, changed ones are."""

from __future__ import annotations

from dataclasses import replace

from newscrawl.archive.articles import facts_json
from newscrawl.matching import extract_match_facts
from newscrawl.runs.regrouping import _article_facts

FACTS = extract_match_facts(
    "Lens bat Lille 2-1 au stade Bollaert",
    "Lens a battu Lille 2-1 samedi soir en Ligue 1 devant son public, un but dans le temps additionnel.",
    language="fr", published_at="2025-01-19T08:00:00+00:00")


def row(story_id, facts=FACTS):
    return {"id": 1, "canonical_url": "https://presse.example/lens-lille", "story_id": story_id,
            "team_a": facts.team_ids[0], "team_b": facts.team_ids[1], "day": None,
            "match_facts": facts_json(facts), "side_facts": None, "names": None}


def test_an_unchanged_row_is_parsed_once_and_a_changed_one_again():
    assert FACTS is not None and len(FACTS.team_ids) == 2
    first = _article_facts(row(None))
    assert _article_facts(row(None)) is first  # the same stored text: the parsed facts are reused
    moved = _article_facts(row(7))
    assert moved.story_id == 7 and first.story_id is None
    assert moved.goals == first.goals and moved.goals is not None
    other = _article_facts(row(7, facts=replace(FACTS, competition_id="fra-coupe")))
    assert other.competition_id == "fra-coupe" and moved.competition_id != "fra-coupe"
