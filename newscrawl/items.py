"""The article item: what page parsing produces and pipelines refine.

One :class:`ArticleItem` flows one way: the spider builds it from a response
(through :func:`newscrawl.pages.parse_article`), each pipeline fills or checks
its own fields, and the store pipeline writes it to SQLite. Only ``url`` is
required; every other field documents its format.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # the item only carries the facts; matching is not needed to build one
    from newscrawl.analysis import Analysis
    from newscrawl.matching.evidence import ArticleFacts
    from newscrawl.matching.facts import MatchFacts

DateKind = Literal["published", "modified"]
#: Where a date string was found, most trusted first (see ``newscrawl.dates``); ``guess``
#: is htmldate's guess for a page that declares no date.
DATE_SOURCES = ("jsonld", "meta", "time", "feed", "text", "guess", "url")


@dataclass(frozen=True)
class DateCandidate:
    """A raw date string found for an article, before interpretation."""

    kind: DateKind
    """``published`` or ``modified``."""
    source: str
    """One of :data:`DATE_SOURCES`: where the string was found."""
    raw: str
    """The string exactly as found (attribute value, text snippet or URL path)."""


class DuplicateKind(StrEnum):
    """How a duplicate relates to the article kept in its place.

    The value is the stat key (``newscrawl/duplicates/<value>``); :attr:`url_kind`
    is what ``article_urls.kind`` records for its URLs.
    """

    SAME_URL = "same_url"
    """Another URL of the same article (AMP, tracking parameters, a URL recorded before)."""
    EXACT = "exact"
    """The same normalised body under another canonical URL."""
    NEAR = "near"
    """A MinHash similarity at or above the threshold (syndicated, lightly edited)."""

    @property
    def url_kind(self) -> str:
        """``article_urls.kind`` of the duplicate's URLs: ``alias``, ``exact_duplicate``, ``near_duplicate``."""
        return "alias" if self is DuplicateKind.SAME_URL else f"{self.value}_duplicate"


@dataclass
class DedupVerdict:
    """What the dedup pipeline decided about an item."""

    kind: DuplicateKind | None = None
    """None for an article kept; otherwise how it duplicates ``ArticleItem.duplicate_of``."""
    similarity: float | None = None
    """Similarity to the kept article (1.0 for same URL or exact body), rounded to 3 places."""
    signature: bytes | None = None
    """MinHash signature of a kept article's body (``newscrawl.dedup.Signature.to_bytes``)."""
    bands: list[tuple[int, str]] = field(default_factory=list)
    """LSH (band, bucket) pairs of ``signature``, stored so later runs find it."""


@dataclass
class StoryMatch:
    """The match an article is about, as all articles of the match so far agree on it.

    The archive stores it in ``matches`` (by ``key``) and puts the article in that match's story.
    """

    key: str
    """Match key (``newscrawl.matching.match_key``)."""
    team_ids: str
    """The two team ids, sorted, joined by ``|``."""
    kickoff_date: str | None
    """ISO day of the kick-off; None while no article dates the match."""
    tie_key: str | None = None
    """Key of the two-legged tie the match belongs to."""
    competition: str | None = None
    """Competition id."""
    stage: str | None = None
    """Stage (``final``, ``semi_final``...)."""
    leg: int | None = None
    """Leg number of a two-legged tie."""
    home_team: str | None = None
    """Team id of the home side (the first of ``team_ids`` when not known)."""
    away_team: str | None = None
    """Team id of the away side."""
    home_known: int = 0
    """1 when the articles said which side was at home."""
    kickoff_tolerance_days: int = 0
    """Days the kick-off may be off by (dates read from relative wording)."""
    score_home: int | None = None
    """Goals of the home side, when a result was reported."""
    score_away: int | None = None
    """Goals of the away side."""


@dataclass
class StoryVerdict:
    """What the story pipeline decided about an item."""

    article_type: str | None = None
    """``report``, ``preview``, ``reaction``... (``newscrawl.matching.classify_article``)."""
    facts: MatchFacts | None = None
    """Match facts read from the text, when the article is about one match."""
    side: ArticleFacts | None = None
    """For a match article that reliably names only one side: that side and its date evidence
    (``newscrawl.matching.extract_side_facts``); the story pipeline attaches it to the team's match."""
    loose: ArticleFacts | None = None
    """For a match article that names no team: its type and publication day; re-grouping places
    it by the names it shares with one match (``newscrawl.matching.names``)."""
    names: frozenset[str] = frozenset()
    """People and places a match article names outside team names (``newscrawl.matching.names``)."""
    match: StoryMatch | None = None
    """The match (and so the story) the article was assigned to, when decided with the item;
    the stories pipeline decides it after the article is stored (``newscrawl.runs.regrouping``)."""


@dataclass
class ArticleItem:
    """A news article as extracted from one page and normalised by pipelines."""

    url: str
    """The URL the page was fetched from (after redirects)."""
    canonical_url: str | None = None
    """Normalised canonical URL (same-site ``rel=canonical``/``og:url``, tracking params removed)."""
    source: str | None = None
    """Name of the registry source this page was crawled for."""
    site_name: str | None = None
    """Publisher name as the page declares it (``og:site_name``, JSON-LD publisher)."""
    title: str | None = None
    """Headline, without site-name suffixes."""
    description: str | None = None
    """Standfirst / meta description, plain text."""
    body: str | None = None
    """Main text: paragraphs separated by one blank line, no boilerplate."""
    authors: list[str] = field(default_factory=list)
    """Person names, cleaned ("By", dates and outlet names removed)."""
    published_raw: str | None = None
    """The publication date string exactly as found."""
    published_at: str | None = None
    """ISO 8601 with the publisher's offset, truncated to ``published_precision``
    (``2024-05-02`` or ``2024-05-02T21:12:00+02:00``): its date is the publisher's day."""
    published_utc: str | None = None
    """The same instant in UTC (``2024-05-02T19:12:00+00:00``), for sorting; calendar dates as written."""
    published_precision: str | None = None
    """``year``, ``month``, ``day``, ``minute`` or ``second``."""
    published_source: str | None = None
    """Which of :data:`DATE_SOURCES` gave ``published_at``."""
    modified_raw: str | None = None
    """The last-modified date string exactly as found."""
    modified_at: str | None = None
    """ISO 8601 with the publisher's offset, truncated to ``modified_precision``."""
    modified_utc: str | None = None
    """``modified_at`` in UTC; calendar dates as written."""
    modified_precision: str | None = None
    """Precision of ``modified_at``."""
    date_candidates: list[DateCandidate] = field(default_factory=list)
    """Every raw date string found (page, feed, sitemap, URL), for the date pipeline."""
    language: str | None = None
    """ISO 639-1 code decided by the language pipeline."""
    language_hints: dict[str, str] = field(default_factory=dict)
    """Declared languages: keys ``html_lang``, ``og_locale``, ``jsonld`` (and ``source``), values as declared."""
    section: str | None = None
    """Site section (``article:section``, breadcrumb)."""
    tags: list[str] = field(default_factory=list)
    """Keywords / ``article:tag`` values."""
    image_url: str | None = None
    """Absolute URL of the lead image."""
    page_type: str | None = None
    """``og:type`` or JSON-LD ``@type`` of the page, used to drop non-articles."""
    timezone: str | None = None
    """IANA time zone of the source (from the registry), for dates without offset."""
    fetched_at: str | None = None
    """When the response was received, ISO 8601 UTC; relative dates resolve against it."""
    urls: list[str] = field(default_factory=list)
    """Every URL this article was seen under (fetched URL, canonical, feed link)."""
    content_hash: str | None = None
    """Hash of the normalised body, set by the dedup pipeline."""
    duplicate_of: str | None = None
    """Canonical URL of the kept article when this one is a duplicate (only its URLs are stored)."""
    dedup: DedupVerdict = field(default_factory=DedupVerdict)
    """Set by the dedup pipeline."""
    story: StoryVerdict = field(default_factory=StoryVerdict)
    """Set by the story pipeline."""
    analysis: Analysis | None = None
    """The per-item results the pipelines decide on, worked out ahead (a parse worker), or None:
    each pipeline then works its part out itself (``newscrawl.analysis``)."""

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form of the page's fields (date candidates as dicts, no pipeline verdicts)."""
        data = asdict(self)
        del data["dedup"], data["story"], data["analysis"]
        return data
