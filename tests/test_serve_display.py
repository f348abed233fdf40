"""The reader's view's pure parts: language choice, times, chart geometry, Atom, team names."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from newscrawl.datasette import atom, chart, display, names


@pytest.mark.parametrize(("choice", "header", "expected"), [
    (None, "nl-BE,nl;q=0.9,fr;q=0.8", "nl"),
    (None, "de-DE,de;q=0.9,fr;q=0.4,en;q=0.3", "fr"),  # the best language we have, by weight
    (None, "en;q=0.2, fr;q=0.9", "fr"),
    (None, "fr;q=0, nl", "nl"),  # q=0 means "not this one"
    (None, "de, es", "en"),  # none of ours: English
    (None, None, "en"),
    ("fr", "nl", "fr"),  # an explicit choice wins
    ("de", "nl", "nl"),  # an unknown choice is ignored
])
def test_reader_language(choice, header, expected):
    assert display.reader_language(choice, header) == expected


def test_local_time_is_the_publishers_zone():
    assert display.local_time("2024-05-02T21:12:00+00:00", "Europe/Paris") == "Thu 2 May 2024, 23:12 CEST"
    assert display.local_time("2024-01-13T22:10:00+00:00", "Europe/London") == "Sat 13 Jan 2024, 22:10 GMT"
    assert display.local_time("2024-05-02T21:12:00+00:00", "Not/AZone") == "Thu 2 May 2024, 21:12 UTC"
    assert display.local_time("2024-05-02T00:00:00+00:00", "America/New_York", "day") == "Thu 2 May 2024"
    assert display.local_time(None, "Europe/Paris") == "undated"


def test_clean_link_drops_tracking_parameters():
    assert display.clean_link("https://example.com/a.html?utm_source=rss&id=3&xtor=RSS-3") == (
        "https://example.com/a.html?id=3")


def test_snippet_marks_hits_and_escapes_the_rest():
    hit = f"{display.HIT_MARK[0]}égalisé{display.HIT_MARK[1]}"
    assert str(display.marked_snippet(f"<b>Mbemba</b> a {hit}")) == (
        "&lt;b&gt;Mbemba&lt;/b&gt; a <mark>égalisé</mark>")


def test_chart_spans_every_day_and_stacks_languages():
    built = chart.build_chart([("2024-05-01", {"en": 2, "fr": 1}), ("2024-05-04", {"nl": 3})])
    assert (built.days, built.peak, built.total, built.bucket_days) == (4, 3, 6, 1)
    assert [s.language for s in built.segments] == ["en", "fr", "nl"]
    en, fr, nl = built.segments
    assert en.y > fr.y and en.height == pytest.approx(2 * fr.height, abs=0.02)  # fr sits on top of en
    assert nl.height == pytest.approx(en.height + fr.height, abs=0.02)
    assert [t[3] for t in built.tips] == ["2024-05-01: en 2, fr 1", "2024-05-04: nl 3"]
    assert chart.build_chart([]) is None


def test_long_spans_are_drawn_in_buckets():
    per_day = [(f"2023-{m:02d}-01", {"en": 1}) for m in range(1, 13)] + [("2024-06-30", {"fr": 1})]
    built = chart.build_chart(per_day)
    assert built.bucket_days == 5 and len({s.x for s in built.segments}) == 13
    assert built.total == 13
    assert [label for _, label in built.ticks][:2] == ["1 Jan", "1 Feb"]


def _card(**changes):
    card = {"id": 5, "home": "Olympique de Marseille", "away": "Atalanta", "played": True,
            "score_home": 1, "score_away": 1, "competition": "uefa-europa-league",
            "competition_label": "Europa League", "stage": "semi-final", "headline": "OM & <La Dea>",
            "kickoff_date": "2024-05-02", "first_published_at": "2024-05-02T21:05:00+00:00",
            "last_published_at": "2024-05-02T23:14:00+02:00",
            "articles": [{"language": "fr", "article_type": "report", "title": "L'OM & l'Atalanta",
                          "source": "le-vestiaire", "canonical_url": "https://v.example/a.html?xtor=RSS-3"}]}
    return {**card, **changes}


def test_atom_feed_escapes_and_links_every_article():
    body = atom.build_feed([_card(), _card(id=2, played=False, score_home=None, score_away=None)],
                           title="Stories & more", feed_url="http://h/feeds/latest.atom", page_url="http://h/",
                           story_url="http://h/story/{id}", stylesheet="/-/newscrawl/feed.css")
    assert b'<?xml-stylesheet type="text/css" href="/-/newscrawl/feed.css"?>' in body
    root = ET.fromstring(body)
    ns = {"a": atom.ATOM}
    entries = root.findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == [
        "Olympique de Marseille 1–1 Atalanta — Europa League, semi-final",
        "Olympique de Marseille v Atalanta (preview) — Europa League, semi-final"]
    assert entries[0].findtext("a:updated", namespaces=ns) == "2024-05-02T21:14:00Z"
    related = entries[0].find("a:link[@rel='related']", ns)
    assert related.get("href") == "https://v.example/a.html" and related.get("hreflang") == "fr"
    assert "OM &amp; &lt;La Dea&gt;" in entries[0].findtext("a:content", namespaces=ns)


@pytest.mark.parametrize("text", ["marseille", "OM", "Olympique de Marseille", "olympique  de marseille ", "l'OM"])
def test_any_name_of_marseille_finds_it(text):
    assert names.gazetteer_team_ids(text) == {"fra-marseille"}
    assert names.names_team(text, "fra-marseille", "Olympique de Marseille", '["OM"]')


def test_a_name_of_another_team_does_not():
    assert not names.names_team("Lyon", "fra-marseille", "Olympique de Marseille", '["OM"]')
    assert not names.names_team("", "fra-marseille")
    # An archive with its own ids (and no gazetteer id) still answers by its own names.
    assert names.names_team("La Dea", "atalanta", "Atalanta", '["La Dea"]')
