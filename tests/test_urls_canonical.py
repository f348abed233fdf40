"""Canonical URLs: one article, one URL, whatever link led to it."""

from __future__ import annotations

import pytest

from newscrawl.urls import canonicalize_url, resolve_canonical, same_site


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/sport/a.html?utm_source=rss&utm_medium=feed", "https://example.com/sport/a.html"),
        ("https://example.com/sport/a.html?xtor=RSS-3#comments", "https://example.com/sport/a.html"),
        ("https://example.com/sport/a.html?fbclid=IwAR0xyz", "https://example.com/sport/a.html"),
        ("HTTPS://WWW.Example.COM:443/sport/a.html", "https://example.com/sport/a.html"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://www.example.com/amp/sport/a.html", "https://example.com/sport/a.html"),
        ("https://example.com/sport/a.amp.html", "https://example.com/sport/a.html"),
        ("https://example.com/sport/a/amp", "https://example.com/sport/a"),
        ("https://example.com/sport/a.html?amp=1", "https://example.com/sport/a.html"),
        ("https://m.example.com/sport/a.html", "https://example.com/sport/a.html"),
        ("https://www.example.com/article?id=42&utm_campaign=x", "https://example.com/article?id=42"),
        ("https://www.example.com/s?b=2&a=1", "https://example.com/s?a=1&b=2"),
        ("http://127.0.0.1:8001/x.html?utm_source=rss", "http://127.0.0.1:8001/x.html"),
    ],
)
def test_canonicalize_url(url, expected):
    assert canonicalize_url(url) == expected


def test_article_ids_in_query_are_kept_apart():
    assert canonicalize_url("https://e.com/a?id=1") != canonicalize_url("https://e.com/a?id=2")


def test_declared_canonical_on_same_site_wins():
    assert resolve_canonical("https://www.e.com/amp/x.html", "/x.html") == "https://e.com/x.html"
    assert resolve_canonical("https://m.e.com/x", "https://www.e.com/x") == "https://e.com/x"


def test_declared_canonical_on_another_site_is_ignored():
    # a syndicated copy pointing at the agency must keep its own URL; dedup links them by content
    assert resolve_canonical("https://paper.com/a.html", "https://agency.com/a.html") == "https://paper.com/a.html"


def test_same_site_ignores_www_and_mobile_but_not_ports():
    assert same_site("https://www.e.com/a", "https://m.e.com/b")
    assert not same_site("http://127.0.0.1:8001/a", "http://127.0.0.1:8002/a")


def test_mobile_amp_www_and_bare_editions_are_one_article():
    # the mobile and AMP editions and the desktop page, with and without www., give one key
    forms = [
        "https://m.lequipe.fr/Football/Actualites/un-titre/1500001",
        "https://amp.lequipe.fr/Football/Actualites/un-titre/1500001",
        "https://www.lequipe.fr/Football/Actualites/un-titre/1500001",
        "https://lequipe.fr/Football/Actualites/un-titre/1500001",
        "https://mobile.lequipe.fr/Football/Actualites/un-titre/1500001#commentaires",
    ]
    assert len({canonicalize_url(url) for url in forms}) == 1
    # a host that is only the prefix and one label keeps its name
    assert canonicalize_url("http://m.localhost:8001/a") == "http://m.localhost:8001/a"


@pytest.mark.parametrize(
    ("lower", "upper"),
    [
        ("https://www.lesoir.be/sport/d%c3%a9faite-du-standard", "https://www.lesoir.be/sport/d%C3%A9faite-du-standard"),
        ("https://www.lesoir.be/sport/défaite-du-standard", "https://www.lesoir.be/sport/d%C3%A9faite-du-standard"),
        ("https://e.com/zoek?q=caf%e9", "https://e.com/zoek?q=caf%E9"),
        ("https://e.com/%7ejan/verslag", "https://e.com/~jan/verslag"),
        ("https://e.com/a%2dverslag", "https://e.com/a-verslag"),
        ("https://e.com/s?q=a%20b", "https://e.com/s?q=a+b"),
    ],
)
def test_percent_escapes_are_normalised(lower, upper):
    assert canonicalize_url(lower) == canonicalize_url(upper)


def test_escapes_keep_the_bytes_they_encode():
    # Latin-1 and UTF-8 spellings of a query are different requests to the server
    assert canonicalize_url("https://e.com/s?q=caf%E9") != canonicalize_url("https://e.com/s?q=caf%C3%A9")
    assert canonicalize_url("https://e.com/a%2Fb") != canonicalize_url("https://e.com/a/b")


@pytest.mark.parametrize("name", ["ref", "src", "view", "m", "id", "page", "source", "share"])
def test_short_parameters_that_can_be_ids_are_kept(name):
    one, two = (canonicalize_url(f"https://e.com/article.php?{name}={n}") for n in (1, 2))
    assert one != two


@pytest.mark.parametrize(
    "query", ["utm_source=rss&utm_medium=feed", "fbclid=IwAR0", "gclid=x1", "xtor=RSS-3",
              "at_medium=custom7&at_campaign=x", "mtm_campaign=nl", "mc_cid=1&mc_eid=2", "_ga=2.1"],
)
def test_known_tracking_parameters_are_dropped(query):
    assert canonicalize_url(f"https://e.com/a.html?id=7&{query}") == "https://e.com/a.html?id=7"


def test_a_source_adds_its_own_tracking_parameters():
    url = "https://e.com/a.html?id=7&origine=newsletter"
    assert canonicalize_url(url) == url
    assert canonicalize_url(url, tracking_params=["Origine"]) == "https://e.com/a.html?id=7"
    assert resolve_canonical(url, None, tracking_params=("origine",)) == "https://e.com/a.html?id=7"


def test_registry_tracking_params_reach_the_canonical_url(tmp_path):
    from newscrawl.sources import RegistryError, load_registry

    registry = tmp_path / "sites.toml"
    registry.write_text(
        '[[source]]\nname = "krant"\nhomepage = "https://krant.example.nl/sport"\n'
        'languages = ["nl"]\ntimezone = "Europe/Amsterdam"\ntracking_params = ["bron", "Kanaal"]\n',
        encoding="utf-8",
    )
    source = load_registry(registry).get("krant")
    assert source.tracking_params == ("bron", "Kanaal")
    url = "https://krant.example.nl/sport/a.html?bron=nieuwsbrief&kanaal=app&id=3"
    assert canonicalize_url(url, tracking_params=source.tracking_params) == "https://krant.example.nl/sport/a.html?id=3"
    registry.write_text(registry.read_text(encoding="utf-8").replace('["bron", "Kanaal"]', '"bron"'), encoding="utf-8")
    with pytest.raises(RegistryError, match="tracking_params"):
        load_registry(registry)
