"""The majority view of a match's articles (newscrawl.matching.consensus)."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import date

from newscrawl.matching.consensus import consensus, facts_from_dict
from newscrawl.matching.facts import MatchFacts

BASE = MatchFacts(
    team_ids=("ger-dortmund", "ned-psv"), home_id="ger-dortmund", away_id="ned-psv",
    competition_id="uefa-champions-league", stage="round-of-16", leg=2, score=(2, 0),
    kickoff_date=date(2024, 3, 13), kickoff_basis="weekday", published_date=date(2024, 3, 13),
    published_precision="day", article_type="report", confidence=0.9,
)


def test_majority_wins_over_one_article_that_got_the_home_side_wrong():
    wrong = replace(BASE, home_id="ned-psv", away_id="ger-dortmund", score=(0, 2))
    unsure = replace(BASE, home_id=None, away_id=None, score=(2, 0))  # score in team_ids order
    agreed = consensus([wrong, unsure, BASE, replace(BASE, confidence=0.7)])
    assert (agreed.home_id, agreed.away_id) == ("ger-dortmund", "ned-psv")
    assert agreed.goals == {"ger-dortmund": 2, "ned-psv": 0}


def test_ties_go_to_the_earliest_article_and_previews_give_no_result():
    preview = replace(BASE, article_type="preview", score=None, competition_id="ger-bundesliga")
    agreed = consensus([preview, BASE])
    assert agreed.competition_id == "ger-bundesliga"
    assert agreed.goals == {"ger-dortmund": 2, "ned-psv": 0}
    assert consensus([preview]).goals is None


def test_facts_survive_their_json_form():
    data = json.loads(json.dumps(asdict(BASE), default=str))
    assert facts_from_dict(data) == BASE
