"""Leads as real pages write them: captions, key-moment lists and live time lines before the prose."""

from __future__ import annotations

from pathlib import Path

from newscrawl.matching import classify_article, extract_match_facts
from newscrawl.matching.lead import reorder_lead
from newscrawl.pages import parse_article

DEMO = Path(__file__).resolve().parents[1] / "newscrawl" / "demo" / "sites"


def test_a_caption_leaves_the_lead() -> None:
    body = "Salah wheels away after the opener at Anfield. Photograph: Getty Images\n\nLiverpool beat Everton 2-0."
    assert reorder_lead(body).body.startswith("Liverpool beat Everton 2-0.")


def test_a_key_moments_list_is_a_report_summary_not_a_live_blog() -> None:
    title = "Everton beaten at Anfield"
    body = ("Key moments\n9' Salah scores from close range\n33' Everton hit the post\n71' Gakpo doubles the lead\n\n"
            "Everton lost 2-0 to Liverpool in the Merseyside derby on Wednesday night.")
    assert reorder_lead(body).key_moment_lines == 3
    assert classify_article(title, body, language="en") == "report"
    facts = extract_match_facts(title, body, language="en", published_at="2025-02-13T08:00:00+00:00")
    assert facts is not None
    assert facts.team_ids == ("eng-everton", "eng-liverpool")
    assert facts.goals_by_team() == {"eng-liverpool": 2, "eng-everton": 0}


def test_a_live_time_line_stays_live() -> None:
    title = "Liverpool v Everton LIVE"
    body = "88' Chance for Everton!\n71' GOAL! Gakpo. 2-0.\n9' GOAL! Salah. 1-0.\n\nWelcome to the derby."
    assert classify_article(title, body, language="en") == "live"
    assert reorder_lead(body).body.startswith("Welcome to the derby.")


def test_prose_first_is_left_alone() -> None:
    body = "Lyon won 2-1 at Nantes on Sunday.\n\nPhoto: AFP"
    assert reorder_lead(body).body == body


def test_a_french_caption_then_one_side_in_the_lead() -> None:
    title = "Ligue 1 : Nantes s'incline face à Lyon"
    body = ("Le banc nantais, abattu, dimanche à la Beaujoire. (Photo Icon Sport)\n\n"
            "Nantes s'est incliné 2-1 dimanche après-midi. Lyon a fait la différence en fin de match.")
    facts = extract_match_facts(title, body, language="fr", published_at="2025-02-16T19:00:00+01:00")
    assert facts is not None
    assert facts.team_ids == ("fra-lyon", "fra-nantes")
    assert facts.goals_by_team() == {"fra-lyon": 2, "fra-nantes": 1}


def test_the_demo_french_arsenal_chelsea_report_is_a_report() -> None:
    # "2 partout" is a 2-2 draw written in words; "samedi soir" in a past-tense lead is the match day.
    page = next((DEMO / "le-vestiaire").rglob("arsenal-chelsea-*.html"))
    article = parse_article(page.read_bytes(), "https://le-vestiaire.example/a.html")
    assert classify_article(article.title, article.body, language="fr") == "report"
    facts = extract_match_facts(article.title, article.body, language="fr", published_at=article.published_at)
    assert facts is not None and facts.goals_by_team() == {"eng-arsenal": 2, "eng-chelsea": 2}


def test_a_lead_of_several_results_is_a_round_up() -> None:
    title = "Eredivisie: zege voor PSV"
    body = ("PSV won met 2-0 van Heracles, Ajax speelde 1-1 gelijk tegen Go Ahead Eagles en AZ was met 3-1 te sterk "
            "voor Willem II. Feyenoord verloor bij FC Twente.")
    assert classify_article(title, body, language="nl") == "other"
    assert extract_match_facts(title, body, language="nl", published_at="2025-02-16") is None
