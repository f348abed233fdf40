"""Per-item analysis: everything the item pipelines compute from the item alone, with no archive.

The pipelines decide (drop, count, look up the archive, store); what they decide
*on* is worked out here, by pure functions that give the same answer wherever they
run: a parse worker (:mod:`newscrawl.crawling.parsepool`), an ingest worker
(:mod:`newscrawl.runs.ingest`), a shared-crawl worker, or the pipeline itself when
the item comes unanalysed. In pipeline order:

- :func:`tidy`: the clean pipeline's text tidying (title, body, description);
- :func:`decide_language`: the language pipeline's decision;
- :func:`resolve_item_dates`: the date pipeline's resolution, given that language;
- :func:`story_facts`: the story pipeline's article type, match facts or one-team side,
  given that language and publication date;
- :func:`fingerprint`: the dedup pipeline's content hash, MinHash signature and LSH bands.

:func:`analyse` runs them all and returns an :class:`Analysis`, which travels on the item
(``ArticleItem.analysis``); each pipeline takes its part from it when it is there and was
made for the pipeline's configuration (:attr:`Analysis.languages`), and calls the same
function itself otherwise. So an item analysed in a worker and one analysed in the
pipelines are stored identically (``tests/crawling/test_parsepool.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newscrawl.dates import DateError, DateResolution, apply_dates, resolve_dates
from newscrawl.dedup import Signature, content_hash
from newscrawl.items import ArticleItem
from newscrawl.language import DEFAULT_LANGUAGES, detect_language
from newscrawl.matching import classify_article, extract_match_facts, extract_side_facts
from newscrawl.matching.evidence import ArticleFacts
from newscrawl.matching.facts import parse_published
from newscrawl.matching.names import MATCH_TYPES, article_names
from newscrawl.text import clean_text

if TYPE_CHECKING:
    from newscrawl.matching.facts import MatchFacts


@dataclass(frozen=True)
class DatesAnalysis:
    """The date pipeline's resolution of an item's candidates."""

    resolution: DateResolution
    unknown_zone: bool = False
    """The item's time zone is unknown (an ingest record's): its dates were read in UTC."""


@dataclass(frozen=True)
class StoryFacts:
    """The story pipeline's evidence read from one article's text."""

    article_type: str | None
    facts: MatchFacts | None = None
    """Match facts of an article about one match between two named teams."""
    side: ArticleFacts | None = None
    """The one side of a match article that names only one team (``facts`` is then None)."""
    loose: ArticleFacts | None = None
    """A match article that names no team: its type, publication day and names, for
    :mod:`newscrawl.matching.names` to place (``facts`` and ``side`` are then None)."""
    names: frozenset[str] = frozenset()
    """People and places a match article names outside team names (empty for other types)."""

    def regroup_facts(self, article_id: str) -> ArticleFacts | None:
        """What re-grouping takes of this article (:func:`newscrawl.matching.regroup`), or None."""
        if self.facts is not None:
            return ArticleFacts.from_match_facts(article_id, self.facts, names=self.names)
        found = self.side or self.loose
        return replace(found, article_id=article_id, names=self.names) if found is not None else None


@dataclass(frozen=True)
class Fingerprint:
    """The dedup pipeline's view of a body."""

    content_hash: str
    """:func:`newscrawl.dedup.content_hash` of the body."""
    signature: bytes
    """MinHash signature (:meth:`newscrawl.dedup.Signature.to_bytes`)."""
    bands: list[tuple[int, str]] = field(default_factory=list)
    """LSH (band, bucket) pairs of the signature."""


@dataclass(frozen=True)
class Analysis:
    """What :func:`analyse` worked out for one item (tidied in place), for the pipelines to use."""

    languages: tuple[str, ...]
    """The configured languages (``NEWSCRAWL_LANGUAGES``) the language was decided for."""
    language: str | None
    """The decided language (the declared one when the text does not tell)."""
    dates: DatesAnalysis
    story: StoryFacts
    fingerprint: Fingerprint


def tidy(item: ArticleItem) -> None:
    """Clean the item's title, body and description in place (idempotent)."""
    item.title = clean_text(item.title or "").replace("\n", " ") or None
    item.body = clean_text(item.body or "") or None
    if item.description:
        item.description = clean_text(item.description).replace("\n", " ")


def decide_language(item: ArticleItem, languages: tuple[str, ...]) -> str | None:
    """The item's language from its text, its declared languages breaking ties; else its own."""
    text = f"{item.title or ''}\n\n{item.body or ''}"
    return detect_language(text, item.language_hints, languages=languages) or item.language


def resolve_item_dates(item: ArticleItem, language: str | None) -> DatesAnalysis:
    """The item's dates resolved in its source's zone (UTC when that zone is unknown)."""
    fetched_at = datetime.fromisoformat(item.fetched_at) if item.fetched_at else datetime.now(UTC)
    languages = (language,) if language else ()
    try:
        resolution = resolve_dates(item.date_candidates, tz=item.timezone or "UTC", fetched_at=fetched_at,
                                   languages=languages)
    except DateError:
        resolution = resolve_dates(item.date_candidates, tz="UTC", fetched_at=fetched_at, languages=languages)
        return DatesAnalysis(resolution, unknown_zone=True)
    return DatesAnalysis(resolution)


def story_facts(item: ArticleItem) -> StoryFacts:
    """Article type and match evidence of a dated item (``language`` and ``published_at`` set)."""
    title, body = item.title or "", item.body or ""
    kind = classify_article(title, body, language=item.language)
    names = article_names(title, body) if kind in MATCH_TYPES else frozenset()
    facts = extract_match_facts(title, body, language=item.language, published_at=item.published_at,
                                article_type=kind, section=item.section)
    if facts is not None:
        return StoryFacts(kind, facts=facts, names=names)
    side = extract_side_facts(title, body, language=item.language, published_at=item.published_at,
                              article_type=kind)
    if side is not None or not names:
        return StoryFacts(kind, side=side, names=names)
    published, precision = parse_published(item.published_at)
    loose = ArticleFacts(article_id="", team_ids=(), article_type=kind, published_date=published,
                         published_precision=precision)
    return StoryFacts(kind, loose=loose, names=names)


def fingerprint(body: str) -> Fingerprint:
    """Content hash, MinHash signature and LSH bands of a body."""
    signature = Signature.of(body)
    return Fingerprint(content_hash(body), signature.to_bytes(), signature.bands())


def analyse(item: ArticleItem, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> Analysis:
    """Tidy ``item`` in place and work out every pipeline's per-item result; the item is otherwise unchanged.

    Each step sees what the pipelines before it would have set (language, then dates) on a
    copy of the relevant fields, so the pipelines still set them, and still drop the item.
    """
    tidy(item)
    language = decide_language(item, languages)
    dates = resolve_item_dates(item, language)
    dated = _dated_view(item, language, dates)
    return Analysis(languages=tuple(languages), language=language, dates=dates, story=story_facts(dated),
                    fingerprint=fingerprint(item.body or ""))


def _dated_view(item: ArticleItem, language: str | None, dates: DatesAnalysis) -> ArticleItem:
    """The fields :func:`story_facts` reads, as they are after the language and date pipelines."""
    view = ArticleItem(url=item.url, title=item.title, body=item.body, section=item.section, language=language,
                       published_at=item.published_at)
    apply_dates(view, dates.resolution)
    return view
