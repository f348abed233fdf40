"""The sources registry: news sites as data, not code.

A registry is a TOML file with one ``[[source]]`` table per site::

    [[source]]
    name = "bbc-sport"                      # unique, used on the command line
    homepage = "https://www.bbc.com/sport/football"
    languages = ["en"]                      # ISO 639-1
    country = "GB"                          # ISO 3166-1 alpha-2
    timezone = "Europe/London"              # IANA; dates without offset are read in it
    feeds = ["https://feeds.bbci.co.uk/sport/football/rss.xml"]   # RSS/Atom
    sitemaps = []                           # urlsets, indexes, Google-News, .xml.gz
    sections = []                           # HTML pages listing articles
    allow = ["/sport/football/"]            # regexes an article URL must match (any)
    deny = ["/live/", "/video/"]            # regexes that exclude an article URL
    max_age_days = 3                        # optional: older sitemap/feed entries are skipped
    tracking_params = ["CMP"]               # optional: the site's own tracking query parameters

URLs may contain ``{{site:NAME}}`` placeholders, replaced at load time (the
demo web uses them for its loopback ports).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.errors import RegistryError  # noqa: F401  (raised here, defined with the others)
from newscrawl.settings import NEWSCRAWL_LANGUAGES

#: Languages a source may declare: those newscrawl keeps, stems and matches (a source in any
#: other would have every article dropped by the language pipeline).
SUPPORTED_LANGUAGES: tuple[str, ...] = tuple(NEWSCRAWL_LANGUAGES)

DEFAULT_REGISTRY = Path(__file__).with_name("sources.toml")
_PLACEHOLDER = re.compile(r"\{\{site:([A-Za-z0-9_.-]+)\}\}")



@dataclass(frozen=True)
class Source:
    """One news site and where to find its articles."""

    name: str
    homepage: str
    languages: tuple[str, ...]
    timezone: str
    country: str = ""
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    tracking_params: tuple[str, ...] = ()
    """Query parameters this site adds for tracking, dropped from its canonical URLs (besides
    the known ones of ``newscrawl.url_vocabulary``)."""
    max_age_days: float | None = None
    notes: str = ""
    extra: Mapping[str, object] = field(default_factory=dict)

    @cached_property
    def domain(self) -> str:
        """Host (with port) of the homepage, lower-cased."""
        return urlsplit(self.homepage).netloc.lower()

    @cached_property
    def _allow_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.allow)

    @cached_property
    def _deny_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.deny)

    def accepts(self, url: str) -> bool:
        """Whether ``url`` may be an article of this source (allow/deny patterns)."""
        if any(p.search(url) for p in self._deny_res):
            return False
        return not self._allow_res or any(p.search(url) for p in self._allow_res)


_LIST_FIELDS = ("languages", "feeds", "sitemaps", "sections", "allow", "deny", "tracking_params")
_KNOWN = {"name", "homepage", "timezone", "country", "max_age_days", "notes", *_LIST_FIELDS}


def _substitute(value: str, sites: Mapping[str, str]) -> str:
    def repl(m: re.Match[str]) -> str:
        try:
            return sites[m.group(1)].rstrip("/")
        except KeyError:
            raise RegistryError(f"no base URL given for placeholder {m.group(0)}") from None

    return _PLACEHOLDER.sub(repl, value)


def _source_from_table(table: Mapping[str, object], sites: Mapping[str, str]) -> Source:
    name = table.get("name")
    if not isinstance(name, str) or not name:
        raise RegistryError(f"a source has no name: {dict(table)!r}")
    for required in ("homepage", "languages", "timezone"):
        if required not in table:
            raise RegistryError(f"source {name!r} has no {required!r}")
    kwargs: dict[str, object] = {}
    for key in _LIST_FIELDS:
        values = table.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise RegistryError(f"source {name!r}: {key!r} must be a list of strings")
        kwargs[key] = tuple(_substitute(v, sites) for v in values)
    for key in kwargs["allow"] + kwargs["deny"]:  # type: ignore[operator]
        try:
            re.compile(key)
        except re.error as exc:
            raise RegistryError(f"source {name!r}: bad URL pattern {key!r}: {exc}") from None
    unsupported = [code for code in kwargs["languages"] if code not in SUPPORTED_LANGUAGES]  # type: ignore[attr-defined]
    if unsupported or not kwargs["languages"]:
        raise RegistryError(
            f"source {name!r}: unsupported language {', '.join(map(repr, unsupported)) or '(none given)'}; "
            f"languages takes ISO 639-1 codes among {', '.join(SUPPORTED_LANGUAGES)}")
    timezone = str(table["timezone"])
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise RegistryError(f"source {name!r}: unknown time zone {timezone!r}") from None
    max_age = table.get("max_age_days")
    return Source(
        name=name,
        homepage=_substitute(str(table["homepage"]), sites),
        timezone=timezone,
        country=str(table.get("country", "")),
        max_age_days=float(max_age) if max_age is not None else None,
        notes=str(table.get("notes", "")),
        extra={k: v for k, v in table.items() if k not in _KNOWN},
        **kwargs,  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class Registry:
    """All sources of one registry file, by name."""

    sources: tuple[Source, ...]
    path: Path | None = None

    def __iter__(self):
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def get(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources)
        raise RegistryError(f"no source named {name!r} (known: {known})")

    def select(self, names: Iterable[str] | None) -> list[Source]:
        """The named sources (all when ``names`` is empty)."""
        names = list(names or [])
        return [self.get(n) for n in names] if names else list(self.sources)

    def for_url(self, url: str) -> Source | None:
        """The source whose homepage host matches the URL's host."""
        host = urlsplit(url).netloc.lower()
        for source in self.sources:
            if source.domain == host:
                return source
        return None


def load_registry(path: str | Path | None = None, *, sites: Mapping[str, str] | None = None) -> Registry:
    """Read a registry file; ``sites`` maps placeholder names to base URLs."""
    path = Path(path) if path else DEFAULT_REGISTRY
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"registry file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"registry file {path} is not valid TOML: {exc}") from None
    tables = data.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise RegistryError(f"registry file {path} has no [[source]] tables")
    sources = tuple(_source_from_table(t, sites or {}) for t in tables)
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise RegistryError(f"registry file {path} names a source twice: {', '.join(dupes)}")
    return Registry(sources=sources, path=path)
