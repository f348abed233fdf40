"""Cleaning rules of page parsing: boilerplate paragraphs, site-name suffixes, bylines."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.items import DateCandidate
from newscrawl.pages import parse_article
from newscrawl.pages.authors import clean_author_names
from newscrawl.pages.boilerplate import drop_boilerplate
from newscrawl.pages.title import strip_site_name

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
TEXT = (
    "The visitors controlled the first half and deserved their lead, but two substitutions "
    "changed the match completely after the hour mark."
)


def test_dutch_page_widgets_are_removed_and_standfirst_kept():
    item = parse_article(
        (FIXTURES / "boilerplate_nl.html").read_bytes(),
        "https://www.voetbalkrant-noord.test/transfers/spits-tekent",
    )
    paragraphs = item.body.split("\n\n")
    assert paragraphs[0].startswith("De clubtopscorer van vorig seizoen")  # visible standfirst
    assert len(paragraphs) == 5
    for unwanted in (
        "Het artikel gaat verder",
        "Lees ook",
        "Foto:",
        "nieuwsbrief",
        "Meest gelezen",
        "Keeper vertrekt",
        "cookies",
        "Door Sanne",
    ):
        assert unwanted not in item.body
    assert item.authors == ["Sanne de Vries"]
    assert item.title == "Spits tekent bij promovendus"
    assert (
        DateCandidate("modified", "text", "Bijgewerkt: 3 mei 2024, 08:12") in item.date_candidates
    )
    assert not any("vrijdag" in c.raw for c in item.date_candidates)  # the site header's date


@pytest.mark.parametrize(
    "paragraph",
    [
        "Read more: Five things we learned from the derby",
        "À lire aussi : Le mercato d'été s'annonce agité",
        "Het artikel gaat verder onder de video",
        "Advertisement",
        "Photo: Getty Images",
        "Sign up to our football newsletter and get every result in your inbox",
        "With reporting by Jane Roe in Madrid",
        "Follow The Daily Ball on Twitter for the latest news",
        "Il vous reste 60% de cet article à lire. La suite est réservée aux abonnés.",
        "LIVE",
        "Vidéo : les buts du match",
        "Bekijk hier de video van de goal",
        "© ANP 2024",
        "Deel dit artikel",
        "Tout reste à faire jeudi prochain pic.twitter.com/Abc123 — Club (@club_officiel) May 2, 2024",
    ],
)
def test_boilerplate_paragraphs_are_dropped(paragraph):
    assert drop_boilerplate([TEXT, paragraph, TEXT + " Again."]) == [TEXT, TEXT + " Again."]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Get the best stories in your inbox every morning",
        "Recevez-les dans votre boîte chaque soir",
        "Ontvang ze in je mailbox",
        "By clicking you accept our use of cookies",
        "Cookie settings",
        "Cet article est réservé aux abonnés",
        "We may earn a commission from links on this page",
        "Bookmark us and sign up today",
        "Please support our journalism today",
        "JavaScript is disabled in your browser",
        "Got a story? Contact the desk",
        "For more stories like this visit our site",
        "Follow the club on Instagram",
        "We want to hear from readers",
        "Tell us what you think below",
        "Submit your letter to the editor",
        "Share your thoughts with us",
        "Donnez votre avis sur le match",
        "Laat het ons weten via de app",
        "Read our privacy policy",
        "Découvrez nos offres du moment",
        "Politique de confidentialité",
        "Lees ons privacybeleid",
        "Visit our commenting forum",
        "Join the conversation below",
        "Comments are closed",
        "More to follow",
        "Laisser un commentaire",
        "Réagissez à cet article",
        "Plaats een reactie",
    ],
)
def test_boilerplate_anywhere_in_a_short_paragraph(paragraph):
    assert drop_boilerplate([TEXT, paragraph]) == [TEXT]


def test_long_paragraphs_and_bare_addresses_are_kept():
    long_one = "Read more " + TEXT * 3
    assert drop_boilerplate([long_one, "write to tips@club.test"]) == [
        long_one,
        "write to tips@club.test",
    ]


def test_short_lines_the_rules_no_longer_judge_are_kept():
    # Date lines, time stamps, captions, e-mail lines, bylines, repeated short lines and the
    # lines after a "Most read" heading: rules for them did not help on unseen pages.
    lines = ["Most read", "Updated 2 May 2024", "21:12", "Water: 750 ml", "Water: 750 ml"]
    assert drop_boilerplate([TEXT, *lines]) == [TEXT, *lines]


@pytest.mark.parametrize(
    ("title", "sites", "url", "expected"),
    [
        (
            "Chelsea beat Spurs | BBC Sport",
            ["BBC"],
            "https://www.bbc.co.uk/sport/1",
            "Chelsea beat Spurs",
        ),
        ("Le PSG s'impose - L'Équipe", [], "https://www.lequipe.fr/Football/1", "Le PSG s'impose"),
        (
            "Ajax wint - Het Nieuwsblad",
            ["Het Nieuwsblad"],
            "https://www.nieuwsblad.be/x",
            "Ajax wint",
        ),
        (
            "Site News | Headline with a - dash",
            ["Site News"],
            "https://site.test/x",
            "Headline with a - dash",
        ),
        (
            "Title | AOC media - Analyse Opinion Critique",
            ["AOC media"],
            "https://aoc.media/x",
            "Title",
        ),
        ("Marseille - Atalanta: 1-1", [], "https://paper.test/x", "Marseille - Atalanta: 1-1"),
        (
            "Marseille - Atalanta | Europa League | Sky Sports",
            ["Sky Sports"],
            "https://www.skysports.com/football/news/1",
            "Marseille - Atalanta",
        ),
        # A section set off by a dash just before the site name, when a headline remains.
        (
            "Harbour Town sign a keeper from the north coast - National | Coastnews.test",
            ["Coast News"],
            "https://coastnews.test/x",
            "Harbour Town sign a keeper from the north coast",
        ),
        (
            "Le club de la côte perd son capitaine – Sport | Le Quotidien",
            ["Le Quotidien"],
            "https://lequotidien.test/x",
            "Le club de la côte perd son capitaine",
        ),
        # Site name first, then a section trail.
        (
            "Kustkrant.test | Eredivisie | Blauw-Zwart wint de topper na een spektakelstuk",
            ["Kustkrant"],
            "https://www.kustkrant.test/x",
            "Blauw-Zwart wint de topper na een spektakelstuk",
        ),
        # Separators other than bars and dashes; a byline after the headline.
        (
            "Millbrook appoint a new manager * The Harbour Post * by Jane Marlow",
            ["The Harbour Post"],
            "https://harbourpost.test/x",
            "Millbrook appoint a new manager",
        ),
        ("How we scouted the league - By Tom Reyes", [], "https://blog.test/x", "How we scouted the league"),
        ("港町クラブが逆転勝ち｜港スポーツ", ["港スポーツ"], "https://minato.test/x", "港町クラブが逆転勝ち"),
        # What is not a site part stays: teams after a dash, a lower-case clause, a title in
        # quotes with a slash in it, a closing French quotation mark.
        ("Marseille - Atalanta | Sky Sports", ["Sky Sports"], "https://www.skysports.com/x", "Marseille - Atalanta"),
        (
            "Your season ticket could cost less - here's how to check | Daily Paper",
            ["Daily Paper"],
            "https://dailypaper.test/x",
            "Your season ticket could cost less - here's how to check",
        ),
        (
            "Album of the week: 'Rain / Shine' | Sound Site",
            ["Sound Site"],
            "https://soundsite.test/x",
            "Album of the week: 'Rain / Shine'",
        ),
        (
            "« Nous jouerons pour gagner » - Le Quotidien",
            ["Le Quotidien"],
            "https://lequotidien.test/x",
            "« Nous jouerons pour gagner »",
        ),
    ],
)
def test_strip_site_name(title, sites, url, expected):
    assert strip_site_name(title, sites, url) == expected


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}<p>{TEXT}</p></body></html>"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # No structured data, a blog whose <h1> is its tagline: the <title> is the headline.
        (
            '<meta property="og:site_name" content="Tactics Notebook">'
            "<title>Why the back three came back - Tactics Notebook</title>",
            "<h1>Notes on the beautiful game</h1>",
            "Why the back three came back",
        ),
        # The <h1> is the <title> without decorations the site-name rule cannot know.
        (
            "<title>Derby day: City edge the derby in the rain</title>",
            "<h1>City edge the derby in the rain</h1>",
            "City edge the derby in the rain",
        ),
        # A logo <h1> naming the site is no headline.
        ("", "<h1>sambrook</h1><h2>Only a subheading</h2>", None),
        (
            "<title>Keeper saves three penalties</title>",
            "<header><h1>Sambrook</h1></header>",
            "Keeper saves three penalties",
        ),
        # Declared headlines come first, cleaned like the <title>.
        (
            '<meta property="og:title" content="Keeper saves three penalties | Sambrook">'
            "<title>Sambrook - home</title>",
            "<h1>Sambrook</h1>",
            "Keeper saves three penalties",
        ),
    ],
)
def test_title_choice_without_structured_headline(head, body, expected):
    item = parse_article(_page(head, body), "https://www.sambrook.test/post/1")
    assert item.title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Roe and John Doe"], ["Jane Roe", "John Doe"]),
        (["Par Jean Dupont, envoyé spécial"], ["Jean Dupont"]),
        (["Door Pieter Vermeulen | Bijgewerkt: 3 mei 2024"], ["Pieter Vermeulen"]),
        (["By Emily Roe 8 January 2020, 3:51 pm"], ["Emily Roe"]),
        (["Associated Press in Valencia"], ["Associated Press"]),
        (["Sports Reporter", "Updated", "By", "Image: Getty Images", "Twitter Facebook"], []),
        (["Coastline Sport"], []),
        (["Jane Roe", "jane roe"], ["Jane Roe"]),
    ],
)
def test_clean_author_names(raw, expected):
    assert clean_author_names(raw, {"coastlinesport"}) == expected


def test_jsonld_author_reference_in_graph_is_resolved():
    page = """<html><head><script type="application/ld+json">
    {"@graph": [{"@type": "Person", "@id": "#p1", "name": "Carla Jensen"},
                {"@type": "NewsArticle", "headline": "Cup final preview", "author": {"@id": "#p1"}}]}
    </script></head><body><h1>Cup final preview</h1><p>Text.</p></body></html>"""
    assert parse_article(page, "https://paper.test/a").authors == ["Carla Jensen"]


def test_relative_byline_date_is_a_candidate():
    page = (
        '<html><body><h1>Live: derby day</h1><div class="meta"><span class="updated">'
        "Updated 2 hours ago</span></div><p>Text.</p></body></html>"
    )
    item = parse_article(page, "https://paper.test/live")
    assert DateCandidate("modified", "text", "Updated 2 hours ago") in item.date_candidates


STANDFIRST = "The holders were drawn against a second-tier side for the third round of the cup"


@pytest.mark.parametrize(
    ("body", "visible"),
    [
        (f"<div class='lead'><p>{STANDFIRST}.</p></div><p>{TEXT}</p>", True),
        # Split by inline elements, and over two short paragraphs of one block.
        (
            "<div class='lead'><p>The <a href='/holders'>holders</a> were <b>drawn</b> against a "
            "second-tier side</p><p>for the third round of the cup.</p></div>",
            True,
        ),
        # Only in a script or a hidden template: not shown to a reader.
        (f"<script>var lead = '{STANDFIRST}';</script><p>{TEXT}</p>", False),
        (f"<template><p>{STANDFIRST}</p></template><p>{TEXT}</p>", False),
        # Its words scattered over the article are not the standfirst.
        (f"<p>The holders were drawn early.</p><p>{TEXT}</p><p>A second-tier side for the third round of the cup.</p>", False),
    ],
)
def test_a_standfirst_is_visible_only_where_a_reader_sees_it_in_one_block(body, visible):
    from newscrawl.pages.article import parse_tree
    from newscrawl.pages.body import _visible_standfirst

    tree = parse_tree(f"<html><head><title>Draw</title></head><body>{body}</body></html>")
    assert _visible_standfirst(tree, STANDFIRST) is visible
