"""Choosing the headline among the ones a page declares: the visible ``<h1>`` decides."""

from __future__ import annotations

import json

import pytest

from newscrawl.pages import parse_article

URL = "https://www.harbourgazette.test/sport/2024/05/02/ferry-cup"
PARAGRAPH = (
    "The ferry crews met on the quay for the annual cup, and the younger side won after "
    "a long afternoon of rowing that few on the harbour wall will forget soon."
)
SEO = "Ferry Cup 2024: Northside crew beat the holders in the harbour race"
SOCIAL = "Northside crew stun holders in harbour race"


def _page(
    *,
    jsonld: str | None = None,
    og: str | None = None,
    h1: str | None = None,
    title: str | None = None,
) -> str:
    head = '<meta property="og:site_name" content="Harbour Gazette">'
    if jsonld is not None:
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": jsonld}
        head += f'<script type="application/ld+json">{json.dumps(data)}</script>'
    if og is not None:
        head += f'<meta property="og:title" content="{og}">'
    if title is not None:
        head += f"<title>{title}</title>"
    body = f"<h1>{h1}</h1>" if h1 is not None else ""
    return (
        f"<html><head>{head}</head><body><article>{body}<p>{PARAGRAPH}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("h1", "expected"),
    [
        # The page shows the social headline: that is the one readers see.
        (SOCIAL, SOCIAL),
        # The page shows the structured-data headline.
        (SEO, SEO),
        # The <h1> confirms neither (a section name): JSON-LD is trusted first.
        ("Rowing", SEO),
        # No <h1> at all.
        (None, SEO),
    ],
)
def test_the_declared_headline_the_h1_shows_wins(h1, expected):
    page = _page(jsonld=SEO, og=SOCIAL, h1=h1, title=f"{SEO} | Harbour Gazette")
    assert parse_article(page, URL).title == expected


def test_confirmation_ignores_quote_style_and_keeps_the_declared_text():
    og = "Skipper says crew 'gave everything' in the final"
    h1 = "Skipper says crew ‘gave everything’ in the final"
    page = _page(jsonld="Skipper praises crew after the final", og=og, h1=h1)
    assert parse_article(page, URL).title == og


def test_the_h1_replaces_a_declared_headline_with_a_kicker():
    page = _page(og=f"Petition : {SOCIAL}", h1=SOCIAL, title=f"Petition : {SOCIAL}")
    assert parse_article(page, URL).title == SOCIAL


def test_a_short_h1_inside_the_declared_headline_does_not_replace_it():
    # "Live" is part of the headline, not the headline without a decoration.
    headline = "Live: Northside and Southside level after the first leg of the ferry cup"
    page = _page(jsonld=headline, h1="Live")
    assert parse_article(page, URL).title == headline


def test_a_site_suffix_on_one_candidate_does_not_break_the_agreement():
    # og:title carries the site name; cleaned, it is the headline the <h1> shows.
    page = _page(jsonld=SEO, og=f"{SOCIAL} | Harbour Gazette", h1=SOCIAL)
    assert parse_article(page, URL).title == SOCIAL


@pytest.mark.parametrize(
    "box",
    [
        '<div style="display: none">',
        '<div class="modal" hidden>',
        '<div aria-hidden="true">',
        '<div style="visibility:hidden">',
    ],
)
def test_an_h1_in_a_hidden_box_is_not_the_h1_that_confirms(box):
    # A sign-in pop-up before the article has its own <h1>; the reader sees the article's.
    page = _page(jsonld=SEO, og=SOCIAL, h1=SOCIAL)
    page = page.replace("<body>", f"<body>{box}<section><h1>Sign in</h1></section></div>")
    assert parse_article(page, URL).title == SOCIAL


def test_a_shown_h1_before_the_article_still_counts():
    page = _page(jsonld=SEO, og=SOCIAL, h1=SOCIAL)
    page = page.replace("<body>", '<body><div style="display: block"><h1>Rowing</h1></div>')
    assert parse_article(page, URL).title == SEO
