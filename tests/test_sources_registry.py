"""The default sources registry (newscrawl/sources.toml) and the registry loader's errors."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from courlan import extract_domain

from newscrawl.sources import DEFAULT_REGISTRY, RegistryError, Source, load_registry

LANGUAGES = ("en", "fr", "nl")
MIN_SOURCES_PER_LANGUAGE = 8
_HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")
_PLACEHOLDER_HOSTS = ("localhost", "example.com", "example.org", "127.0.0.1")

REGISTRY = load_registry()
SOURCES = list(REGISTRY)
IDS = [s.name for s in SOURCES]


def _all_urls(source: Source) -> list[str]:
    return [source.homepage, *source.feeds, *source.sitemaps, *source.sections]


def _known_hosts(source: Source) -> set[str]:
    """Registered domains a source's URLs may live on: the homepage's, plus declared other hosts."""
    others = source.extra.get("other_hosts", [])
    return {extract_domain(source.homepage)} | {extract_domain(f"https://{h}/") for h in others}


# --------------------------------------------------------------------- the default registry


def test_default_registry_is_the_packaged_file() -> None:
    assert REGISTRY.path == DEFAULT_REGISTRY
    assert DEFAULT_REGISTRY.name == "sources.toml"


def test_registry_header_warns_that_urls_are_unverified() -> None:
    header = DEFAULT_REGISTRY.read_text(encoding="utf-8").split("[[source]]", 1)[0]
    assert "2026-11-21" in header
    assert "could NOT be verified" in header
    assert "newscrawl sources check NAME" in header


@pytest.mark.parametrize("language", LANGUAGES)
def test_enough_sources_per_language(language: str) -> None:
    count = sum(language in s.languages for s in SOURCES)
    assert count >= MIN_SOURCES_PER_LANGUAGE, f"only {count} {language} sources"


def test_source_names_are_unique_command_line_words() -> None:
    dupes = [n for n, c in Counter(IDS).items() if c > 1]
    assert not dupes
    for name in IDS:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", name), name


def test_registry_lookup_by_name_and_url() -> None:
    bbc = REGISTRY.get("bbc-sport")
    assert bbc.domain == "www.bbc.com"
    assert REGISTRY.for_url("https://www.bbc.com/sport/football/articles/c4nn2ep2e1ko") is bbc
    with pytest.raises(RegistryError, match="no source named"):
        REGISTRY.get("no-such-source")


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_source_metadata(source: Source) -> None:
    assert set(source.languages) <= set(LANGUAGES)
    assert re.fullmatch(r"[A-Z]{2}", source.country)
    assert ZoneInfo(source.timezone).key == source.timezone
    assert source.max_age_days is not None and 0 < source.max_age_days <= 7
    assert len(source.notes) > 20, "every source says where its URLs came from"


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_source_has_somewhere_to_find_articles(source: Source) -> None:
    assert source.feeds or source.sitemaps or source.sections


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_urls_are_absolute_on_a_plausible_host(source: Source) -> None:
    known = _known_hosts(source)
    for url in _all_urls(source):
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https"), url
        host = parts.hostname or ""
        assert _HOST.match(host), url
        assert not any(host.endswith(p) for p in _PLACEHOLDER_HOSTS), url
        assert "{{" not in url, url
        assert extract_domain(url) in known, f"{url} is not on {sorted(known)}"


def test_no_url_is_listed_twice() -> None:
    urls = [u for s in SOURCES for u in (*s.feeds, *s.sitemaps)]
    assert not [u for u, c in Counter(urls).items() if c > 1]


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_patterns_compile(source: Source) -> None:
    assert source.allow, "an allow pattern keeps the crawl on football articles"
    for pattern in (*source.allow, *source.deny):
        re.compile(pattern)


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_example_article_is_accepted(source: Source) -> None:
    example = source.extra.get("example_article")
    assert isinstance(example, str), "each source gives an example_article"
    assert extract_domain(example) == extract_domain(source.homepage)
    assert source.accepts(example)


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_example_rejections_are_rejected(source: Source) -> None:
    rejected = source.extra.get("example_rejected")
    assert isinstance(rejected, list) and rejected, "each source gives example_rejected URLs"
    for url in rejected:
        assert not source.accepts(url), url


def test_media_pages_are_rejected_across_sources() -> None:
    # deny wins over allow: these URLs have an article shape but are video/live pages.
    guardian = REGISTRY.get("guardian-football")
    assert guardian.accepts(
        "https://www.theguardian.com/football/2024/may/09/atalanta-marseille-report"
    )
    assert not guardian.accepts(
        "https://www.theguardian.com/football/video/2024/may/09/atalanta-marseille"
    )
    independent = REGISTRY.get("independent-football")
    live = "https://www.independent.co.uk/sport/football/arsenal-vs-chelsea-live-b2540000.html"
    assert any(re.search(p, live) for p in independent.allow)
    assert not independent.accepts(live)


# ----------------------------------------------------------------------- loader errors

_MINIMAL = """
[[source]]
name = "{name}"
homepage = "{homepage}"
languages = ["en"]
timezone = "{timezone}"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "registry.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _minimal(
    name: str = "site", homepage: str = "https://news.test/", timezone: str = "UTC"
) -> str:
    return _MINIMAL.format(name=name, homepage=homepage, timezone=timezone)


def test_loads_a_minimal_source(tmp_path: Path) -> None:
    registry = load_registry(_write(tmp_path, _minimal() + 'custom = "kept"\n'))
    (source,) = registry.sources
    assert source.name == "site"
    assert source.extra == {"custom": "kept"}
    assert source.max_age_days is None


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "absent.toml")


def test_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="not valid TOML"):
        load_registry(_write(tmp_path, "[[source]]\nname = \n"))


def test_file_without_sources(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="no \\[\\[source\\]\\] tables"):
        load_registry(_write(tmp_path, "title = 'empty'\n"))


@pytest.mark.parametrize("field", ["homepage", "languages", "timezone"])
def test_missing_field(tmp_path: Path, field: str) -> None:
    text = "\n".join(line for line in _minimal().splitlines() if not line.startswith(field))
    with pytest.raises(RegistryError, match=f"has no '{field}'"):
        load_registry(_write(tmp_path, text))


def test_missing_name(tmp_path: Path) -> None:
    text = _minimal().replace('name = "site"\n', "")
    with pytest.raises(RegistryError, match="has no name"):
        load_registry(_write(tmp_path, text))


def test_unknown_time_zone(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="unknown time zone 'Europe/Atlantis'"):
        load_registry(_write(tmp_path, _minimal(timezone="Europe/Atlantis")))


def test_duplicate_names(tmp_path: Path) -> None:
    text = _minimal(name="twice") + _minimal(name="twice", homepage="https://other.test/")
    with pytest.raises(RegistryError, match="names a source twice: twice"):
        load_registry(_write(tmp_path, text))


def test_list_field_must_hold_strings(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="'feeds' must be a list of strings"):
        load_registry(_write(tmp_path, _minimal() + "feeds = [1, 2]\n"))


def test_bad_url_pattern(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="bad URL pattern"):
        load_registry(_write(tmp_path, _minimal() + "allow = ['(unclosed']\n"))


def test_placeholder_substitution(tmp_path: Path) -> None:
    text = _minimal(homepage="{{site:demo}}/football") + (
        'feeds = ["{{site:demo}}/rss.xml"]\nsections = ["{{site:other}}/voetbal"]\n'
    )
    sites = {"demo": "http://127.0.0.1:8765/", "other": "http://127.0.0.1:8766"}
    (source,) = load_registry(_write(tmp_path, text), sites=sites).sources
    assert source.homepage == "http://127.0.0.1:8765/football"
    assert source.feeds == ("http://127.0.0.1:8765/rss.xml",)
    assert source.sections == ("http://127.0.0.1:8766/voetbal",)
    assert source.domain == "127.0.0.1:8765"


def test_missing_placeholder(tmp_path: Path) -> None:
    text = _minimal() + 'feeds = ["{{site:nowhere}}/rss.xml"]\n'
    with pytest.raises(
        RegistryError, match=r"no base URL given for placeholder \{\{site:nowhere\}\}"
    ):
        load_registry(_write(tmp_path, text), sites={"demo": "http://127.0.0.1:1"})
